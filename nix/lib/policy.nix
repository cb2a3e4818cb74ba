# nix/policy/mail-policy.json → postfix main/master settings and dovecot.conf text for one
# site. Builtins only (no nixpkgs lib), so test/mta evaluates it with plain nix-instantiate.
let
  policy = builtins.fromJSON (builtins.readFile ../policy/mail-policy.json);
  isComment = n: builtins.substring 0 1 n == "_";
  clean = attrs: builtins.removeAttrs attrs (builtins.filter isComment (builtins.attrNames attrs));
  fill = vars: s:
    let names = builtins.attrNames vars;
    in builtins.replaceStrings (map (n: "@${n}@") names) (map (n: toString vars.${n}) names) s;
  check = s:
    if builtins.match ".*@[A-Z][A-Z0-9_]*@.*" s != null
    then throw "mail policy: no value for a placeholder in '${s}'"
    else s;
  put = vars: s: check (fill vars s);
  settingLines = indent: vars: attrs:
    map (k: "${indent}${k} = ${put vars attrs.${k}}") (builtins.attrNames (clean attrs));
  sectionLines = indent: vars: s:
    [ "${indent}${put vars s.name} {" ]
    ++ settingLines "${indent}  " vars (s.settings or { })
    ++ builtins.concatLists (map (sectionLines "${indent}  " vars) (s.sections or [ ]))
    ++ [ "${indent}}" ];
in
{
  inherit policy;

  # main.cf parameters as strings; the relay block is merged over main when relayed.
  postfixMain = vars: relay:
    builtins.mapAttrs (_: put vars)
      (clean policy.postfix.main // (if relay then clean policy.postfix.relay else { }));

  # master.cf services in the shape of services.postfix.settings.master.<name>.
  postfixMaster = vars:
    builtins.mapAttrs
      (_: svc: {
        inherit (svc) type command chroot private;
        args = builtins.concatLists
          (map (k: [ "-o" "${k}=${put vars svc.options.${k}}" ]) (builtins.attrNames (clean svc.options)));
      })
      policy.postfix.master;

  # dovecot.conf body; `extra` adds or replaces top-level settings.
  dovecotConf = vars: extra:
    builtins.concatStringsSep "\n"
      (settingLines "" vars (policy.dovecot.settings // extra)
        ++ builtins.concatLists (map (sectionLines "" vars) policy.dovecot.sections))
    + "\n";
}

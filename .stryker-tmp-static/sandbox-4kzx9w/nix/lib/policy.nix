# nix/policy/mail-policy.json → values for the NixOS postfix and dovecot options of one site.
# Builtins only (no nixpkgs lib). Keys starting with "_" are comments; every "@NAME@" in a
# string is replaced from `vars`, and a placeholder without a value stops the evaluation.
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
  # Fill every string in a JSON value (attrs, lists, strings; numbers and booleans as they are).
  deep = vars: v:
    if builtins.isAttrs v then builtins.mapAttrs (_: deep vars) (clean v)
    else if builtins.isList v then map (deep vars) v
    else if builtins.isString v then check (fill vars v)
    else v;
in
{
  inherit policy;

  # main.cf parameters; `relay` merges the relay block, `ipv4Only` the IPv4-only block.
  postfixMain = vars: { relay, ipv4Only }:
    deep vars (policy.postfix.main
      // (if ipv4Only then policy.postfix.ipv4Only else { })
      // (if relay then policy.postfix.relay else { }));

  # name → { options = { param = value; }; type/command/private/chroot when the policy adds the service }
  postfixMaster = vars: deep vars policy.postfix.master;

  # virtual alias table text (postfix virtual(5)): local part → target, for the site's domain.
  postfixVirtual = vars: domain:
    let a = deep vars policy.postfix.aliases;
    in builtins.concatStringsSep "" (map (n: "${n}@${domain} ${a.${n}}\n") (builtins.attrNames a));

  # services.dovecot2.settings (Dovecot 2.4 names, nested sections as attrs).
  dovecotSettings = vars: deep vars policy.dovecot;
}

# Option interface of nixpkgs' services.fail2ban, for the offline eval kit (which does not
# vendor nixos/modules/services/security/fail2ban.nix). Passed to the kit's eval.nix as an extra
# module by test/mta/helpers/nixEval.ts; the kit itself is never edited.
#
# Facts taken from nixpkgs nixos/modules/services/security/fail2ban.nix (NixOS/nixpkgs commit
# 00afdf6780171761bd4435dfefc3f83ab8afcc80): option names, types and defaults of enable,
# bantime (str, "10m"), maxretry (ints.unsigned, 3), banaction, ignoreIP (listOf str),
# jails (attrsOf (either lines (submodule { enabled; filter; settings }))), filters, actions,
# daemonSettings, and the module's warning without a firewall. Nothing is built or rendered.
{ config, lib, ... }:
let
  inherit (lib) mkOption types;
  iniSection = types.attrsOf (types.attrsOf (types.oneOf [ types.str types.int types.bool ]));
  keyValue = types.attrsOf (types.oneOf [ types.str types.int types.bool ]);
  cfg = config.services.fail2ban;
in
{
  options.services.fail2ban = {
    enable = mkOption { type = types.bool; default = false; description = "fail2ban (interface only)"; };
    bantime = mkOption { type = types.str; default = "10m"; description = "ban time"; };
    maxretry = mkOption { type = types.ints.unsigned; default = 3; description = "failures before a ban"; };
    banaction = mkOption {
      type = types.str;
      default = if config.networking.nftables.enable then "nftables-multiport" else "iptables-multiport";
      description = "ban action";
    };
    ignoreIP = mkOption { type = types.listOf types.str; default = [ ]; description = "never banned"; };
    daemonSettings = mkOption { type = iniSection; default = { }; description = "fail2ban.local"; };
    filters = mkOption { type = types.attrsOf iniSection; default = { }; description = "filter.d/*.local"; };
    actions = mkOption { type = types.attrsOf iniSection; default = { }; description = "action.d/*.local"; };
    jails = mkOption {
      default = { };
      description = "jails";
      type = types.attrsOf (types.either types.lines (types.submodule ({ name, ... }: {
        options = {
          enabled = mkOption { type = types.bool; default = true; readOnly = name == "DEFAULT"; description = "jail on"; };
          filter = mkOption { type = types.nullOr (types.either types.str iniSection); default = null; description = "filter"; };
          settings = mkOption { type = keyValue; default = { }; description = "jail settings"; };
        };
      })));
    };
  };

  config = lib.mkIf cfg.enable {
    warnings = lib.optional (!config.networking.firewall.enable && !config.networking.nftables.enable)
      "fail2ban can not be used without a firewall";
  };
}

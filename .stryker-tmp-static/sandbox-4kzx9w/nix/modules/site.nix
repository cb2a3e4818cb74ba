# host.site: the per-site data (nix/lib/site.nix) and the paths every service module shares.
{ lib, ... }:
{
  options.host = {
    site = lib.mkOption {
      type = lib.types.attrs;
      description = "Parsed /etc/netsetup/site.json (non-secret site data uploaded by netsetup-wizard).";
    };
    secretsDir = lib.mkOption {
      type = lib.types.str;
      default = "/var/lib/netsetup/secrets";
      description = "Root-only directory of runtime secrets; never read at evaluation.";
    };
  };
  config.systemd.tmpfiles.rules = [
    "d /var/lib/netsetup 0755 root root -"
    "d /var/lib/netsetup/secrets 0700 root root -"
  ];
}

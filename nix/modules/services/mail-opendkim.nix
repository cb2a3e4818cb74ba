# opendkim on the mail VM: key generated at first start (selector "default"), public record
# copied to /var/lib/opendkim/<domain>.txt and printed to the journal for the wizard to read.
# Signs mail postfix sends itself (direct MX delivery); with a relay the provider signs.
{ config, lib, ... }:
let
  cfg = config.host.services.mail.opendkim;
  site = config.host.site;
  keyDir = "/var/lib/opendkim/keys";
in
{
  options.host.services.mail.opendkim.enable = lib.mkEnableOption "DKIM signing with opendkim";

  config = lib.mkIf cfg.enable {
    # opendkim 2.11.0-Beta2 is flagged in nixpkgs; accepted knowingly (see nix/README.md).
    nixpkgs.config.permittedInsecurePackages = [ "opendkim-2.11.0-Beta2" ];
    services.opendkim = {
      enable = true;
      selector = "default";
      domains = "csl:${site.domain}";
      keyPath = keyDir;
      socket = "local:/run/opendkim/opendkim.sock";
    };
    users.users.${config.services.postfix.user}.extraGroups = [ config.services.opendkim.group ];

    systemd.services.opendkim.postStart = ''
      if [ -f ${keyDir}/default.txt ]; then
        install -m 0644 ${keyDir}/default.txt /var/lib/opendkim/${site.domain}.txt
        echo "netsetup-dkim: $(tr -d '\n' < ${keyDir}/default.txt)"
      fi
    '';

    # Direct delivery only: a relay signs with its own keys, so no milter when relayed.
    services.postfix.settings.main = lib.mkIf (site.relay == null) {
      smtpd_milters = [ "unix:/run/opendkim/opendkim.sock" ];
      non_smtpd_milters = [ "unix:/run/opendkim/opendkim.sock" ];
      milter_default_action = "accept";
    };
  };
}

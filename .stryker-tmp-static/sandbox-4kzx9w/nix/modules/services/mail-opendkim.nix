# opendkim on the mail VM: key generated at first start (selector "default"), public record
# copied to /var/lib/opendkim/<domain>.txt and printed to the journal for the wizard to read.
# Signs what the site's users submit (and postfix's own mail) in both modes: with a relay the
# domain's own signature is still added unless the relay preset says otherwise (site.dkim.sign).
{ config, lib, ... }:
let
  cfg = config.host.services.mail.opendkim;
  site = config.host.site;
  keyDir = "/var/lib/opendkim/keys";
  o = config.services.opendkim;
  socketPath = lib.removePrefix "local:" o.socket;
  sign = site.dkim.sign or true;
in
{
  options.host.services.mail.opendkim.enable = lib.mkEnableOption "DKIM signing with opendkim";

  config = lib.mkIf (cfg.enable && sign) {
    # opendkim 2.11.0-Beta2 is flagged in nixpkgs; accepted knowingly (see nix/README.md).
    nixpkgs.config.permittedInsecurePackages = [ "opendkim-2.11.0-Beta2" ];
    services.opendkim = {
      enable = true;
      selector = site.dkim.selector or "default";
      domains = "csl:${site.domain}";
      keyPath = keyDir;
      # The unit's UMask 0077 would leave the socket 0700 opendkim: postfix could not connect.
      # opendkim's own UMask applies to the socket it creates: 0770, in the daemon's group,
      # which is postfix's primary group (postfix daemons drop supplementary groups, so a
      # membership in an opendkim group would not help). Keys stay in the 0700 state directory.
      group = config.services.postfix.group;
      settings.UMask = "0007";
    };

    systemd.services.opendkim.postStart = ''
      if [ -f ${keyDir}/${o.selector}.txt ]; then
        install -m 0644 ${keyDir}/${o.selector}.txt /var/lib/opendkim/${site.domain}.txt
        echo "netsetup-dkim: $(tr -d '\n' < ${keyDir}/${o.selector}.txt)"
      fi
    '';

    # Mail that cannot be signed is held (tempfail), never sent unsigned: the handover says
    # the domain's mail is DKIM-signed.
    services.postfix.settings.main = {
      smtpd_milters = [ "unix:${socketPath}" ];
      non_smtpd_milters = [ "unix:${socketPath}" ];
      milter_default_action = "tempfail";
    };
  };
}

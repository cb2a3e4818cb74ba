# dovecot (2.4) on the mail VM: IMAP 143 (STARTTLS) and 993, LMTP and SASL sockets for postfix,
# maildir under /var/vmail, users from the root-only passwd-file the wizard uploads. All
# settings are the policy's (nix/policy/mail-policy.json → services.dovecot2.settings).
{ config, lib, ... }:
let
  cfg = config.host.services.mail.dovecot;
  site = config.host.site;
  policy = import ../../lib/policy.nix;
  vars = config.host.services.mail.postfix.vars;
  settings = config.services.dovecot2.settings;
in
{
  options.host.services.mail.dovecot.enable = lib.mkEnableOption "dovecot with the netsetup mail policy";

  config = lib.mkIf cfg.enable {
    users.users.vmail = { isSystemUser = true; group = "vmail"; home = "/var/vmail"; createHome = true; };
    users.groups.vmail = { };

    services.dovecot2 = {
      enable = true;
      enablePAM = false;
      settings = policy.dovecotSettings vars;
    };

    # The uploaded passwd-file is 0600 root; dovecot's auth process runs unprivileged, so it
    # gets a 0640 root:<dovecot internal group> copy in the runtime directory at every start
    # (never in the Nix store). The unit is `dovecot` since the 2.4 module.
    systemd.services.dovecot.preStart = lib.mkAfter ''
      install -d -m 0755 ${settings.base_dir}
      install -m 0640 -o root -g ${settings.default_internal_group} ${site.paths.passwdFile} ${vars.PASSWD_FILE}
    '';
    networking.firewall.allowedTCPPorts = [ 143 993 ];
  };
}

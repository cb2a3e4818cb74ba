# dovecot on the mail VM: IMAP 143 (STARTTLS) and 993, LMTP and SASL sockets for postfix,
# maildir under /var/vmail, users from the root-only passwd-file the wizard uploads.
{ config, lib, pkgs, ... }:
let
  cfg = config.host.services.mail.dovecot;
  site = config.host.site;
  policy = import ../../lib/policy.nix;
  vars = config.host.services.mail.postfix.vars;
in
{
  options.host.services.mail.dovecot.enable = lib.mkEnableOption "dovecot with the netsetup mail policy";

  config = lib.mkIf cfg.enable {
    users.users.vmail = { isSystemUser = true; group = "vmail"; home = "/var/vmail"; createHome = true; };
    users.groups.vmail = { };

    services.dovecot2 = {
      enable = true;
      enablePAM = false;
      enableImap = true;
      enableLmtp = true;
      enablePop3 = false;
      # Everything else (ssl = required, passdb, sockets) is the policy's text.
      extraConfig = policy.dovecotConf vars { };
    };

    # The uploaded passwd-file is 0600 root; dovecot's auth process runs unprivileged, so it
    # gets a 0640 root:dovecot2 copy in /run at every start (never in the Nix store).
    systemd.services.dovecot2.preStart = lib.mkAfter ''
      install -d -m 0755 /run/dovecot2
      install -m 0640 -o root -g ${config.services.dovecot2.group} ${site.paths.passwdFile} ${vars.PASSWD_FILE}
    '';
    networking.firewall.allowedTCPPorts = [ 143 993 ];
  };
}

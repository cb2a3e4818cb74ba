# Brute-force protection on the mail VM: fail2ban bans an address after repeated failed logins
# on 587/465 (postfix SASL), 143/993 (dovecot) and the webmail (roundcube). Filters are the ones
# fail2ban ships; logs are read from the journal of the units that write them.
{ config, lib, ... }:
let
  cfg = config.host.services.mail.fail2ban;
  site = config.host.site;
in
{
  options.host.services.mail.fail2ban.enable = lib.mkEnableOption "fail2ban jails for SMTP AUTH, IMAP and webmail logins";

  config = lib.mkIf cfg.enable {
    services.fail2ban = {
      enable = true;
      maxretry = 5;
      bantime = "1h";
      # The PMG relays other people's mail: never ban it (nor loopback).
      ignoreIP = [ "127.0.0.0/8" "::1" "${site.pmgIp}/32" ];
      jails = {
        postfix-sasl.settings = {
          filter = "postfix[mode=auth]";
          port = "submission,submissions,smtp";
          backend = "systemd";
          journalmatch = "_SYSTEMD_UNIT=postfix.service";
          findtime = "10m";
        };
        # Every failed password, IMAP or SMTP AUTH (postfix asks dovecot), as dovecot's auth
        # process logs it with auth_verbose (policy): Dovecot 2.4 writes
        #   auth(<user>,<client ip>,sasl:plain)<session>: Info: passwd-file: Password mismatch
        # which fail2ban's stock dovecot filter (written for 2.3) does not match; postfix's own
        # line turns into "Connection lost to authentication server" once dovecot's auth
        # penalty slows the answers, which the postfix filter ignores. Hence this jail.
        dovecot-auth.filter = {
          INCLUDES.before = "common.conf";
          Definition = {
            _daemon = "dovecot";
            failregex = ''^%(__prefix_line)sauth\([^,]*,<HOST>(?:,[^)]*)?\)(?:<[^>]*>)?: (?:Info: )?[a-z-]+: (?:Password mismatch|[Uu]nknown user)'';
            journalmatch = "_SYSTEMD_UNIT=dovecot.service";
          };
        };
        dovecot-auth.settings = {
          port = "imap,imaps,submission,submissions";
          backend = "systemd";
          findtime = "10m";
        };
        roundcube-auth.settings = {
          filter = "roundcube-auth";
          port = "http,https";
          backend = "systemd";
          journalmatch = "SYSLOG_IDENTIFIER=roundcube";
          findtime = "10m";
        };
      };
    };
  };
}

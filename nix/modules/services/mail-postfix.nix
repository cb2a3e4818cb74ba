# postfix on the mail VM: 25 (TLS required), 26 (PMG only → dovecot LMTP), 587 (STARTTLS +
# dovecot SASL). All parameters come from nix/policy/mail-policy.json via nix/lib/policy.nix.
{ config, lib, ... }:
let
  cfg = config.host.services.mail.postfix;
  site = config.host.site;
  policy = import ../../lib/policy.nix;
  relayed = site.relay != null;
  # postfix accepts "a, b" and lists alike; the NixOS module types some keys as lists/ints.
  toSetting = k: v:
    if k == "message_size_limit" then lib.toInt v
    else if lib.hasInfix "," v || k == "relayhost" || k == "mynetworks" then map lib.trim (lib.splitString "," v)
    else v;
in
{
  options.host.services.mail.postfix = {
    enable = lib.mkEnableOption "postfix with the netsetup mail policy";
    vars = lib.mkOption {
      type = lib.types.attrsOf lib.types.str;
      description = "Values for the policy placeholders (@DOMAIN@, @PMG_IP@, paths ...).";
    };
  };

  config = lib.mkIf cfg.enable {
    host.services.mail.postfix.vars = {
      DOMAIN = site.domain;
      PMG_IP = site.pmgIp;
      MAIL_IP = site.mailIp;
      TLS_CERT = site.paths.tlsCert;
      TLS_KEY = site.paths.tlsKey;
      LMTP_SOCKET = "/run/dovecot2/netsetup-lmtp";
      AUTH_SOCKET = "/run/dovecot2/netsetup-auth";
      PASSWD_FILE = "/run/dovecot2/netsetup-passwd";
      MAILBOX_MAP = site.paths.mailboxMap;
      RELAY_SASL_MAP = site.paths.relaySaslMap;
      MAIL_ROOT = "/var/vmail";
      SMTP_LISTEN = "all";
      IMAP_LISTEN = "*, ::";
      VMAIL_USER = "vmail";
      VMAIL_GROUP = "vmail";
      POSTFIX_USER = config.services.postfix.user;
      POSTFIX_GROUP = config.services.postfix.group;
    } // lib.optionalAttrs relayed {
      RELAY_HOST = site.relay.host;
      RELAY_PORT = toString site.relay.port;
    };

    services.postfix = {
      enable = true;
      enableSubmission = false; # the policy defines submission itself
      settings.main = lib.mapAttrs toSetting (policy.postfixMain cfg.vars relayed);
      settings.master = policy.postfixMaster cfg.vars;
    };

    # postfix must not start on a relay map that is missing: an empty one means "no AUTH".
    systemd.services.postfix.preStart = lib.mkBefore ''
      install -d -m 0700 ${config.host.secretsDir}
      [ -e ${site.paths.relaySaslMap} ] || install -m 0600 /dev/null ${site.paths.relaySaslMap}
    '';
    networking.firewall.allowedTCPPorts = [ 25 26 587 ];
  };
}

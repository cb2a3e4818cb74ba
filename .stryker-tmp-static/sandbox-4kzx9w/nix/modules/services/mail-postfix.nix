# postfix on the mail VM: 25 (TLS required), 26 (PMG only → dovecot LMTP), 587 (STARTTLS) and
# 465 (implicit TLS) with dovecot SASL. Every parameter comes from nix/policy/mail-policy.json
# via nix/lib/policy.nix; this module only maps it onto the NixOS postfix options.
{ config, lib, ... }:
let
  cfg = config.host.services.mail.postfix;
  site = config.host.site;
  policy = import ../../lib/policy.nix;
  relayed = site.relay != null;
  # A site sends over IPv6 only when its IPv6 address has a PTR (site.ipv6Ptr).
  ipv4Only = !(site.ipv6Ptr or false);
  # postfix accepts "a, b" and lists alike; the NixOS module types some keys as lists/ints.
  toSetting = k: v:
    if k == "message_size_limit" then lib.toInt v
    else if lib.hasInfix "," v || k == "relayhost" || k == "mynetworks" then map lib.trim (lib.splitString "," v)
    else v;
  master = policy.postfixMaster cfg.vars;
  optionArgs = opts: lib.concatLists (lib.mapAttrsToList (k: v: [ "-o" "${k}=${v}" ]) opts);
  # The dovecot module's base_dir (its default) and RuntimeDirectory; a literal, because the
  # dovecot settings are themselves filled from these vars.
  dovecotRun = "/run/dovecot2";
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
      LMTP_SOCKET = "${dovecotRun}/netsetup-lmtp";
      AUTH_SOCKET = "${dovecotRun}/netsetup-auth";
      PASSWD_FILE = "${dovecotRun}/netsetup-passwd";
      MAILBOX_MAP = site.paths.mailboxMap;
      RELAY_SASL_MAP = site.paths.relaySaslMap;
      CA_BUNDLE = config.security.pki.caBundle;
      MAIL_ROOT = "/var/vmail";
      IMAP_LISTEN = "*, ::";
      VMAIL_USER = "vmail";
      VMAIL_GROUP = "vmail";
      POSTFIX_USER = config.services.postfix.user;
      POSTFIX_GROUP = config.services.postfix.group;
      ALIAS_TARGET = builtins.head site.mailboxes;
    } // lib.optionalAttrs relayed {
      RELAY_HOST = site.relay.host;
      RELAY_PORT = toString site.relay.port;
    };

    services.postfix = {
      enable = true;
      settings.main = lib.mapAttrs toSetting (policy.postfixMain cfg.vars { relay = relayed; inherit ipv4Only; });
      # 25: the module's own smtp/inet service (smtp_inet), so the smtp/unix client stays.
      settings.master = {
        smtp_inet.args = optionArgs master.smtp_inet.options;
        "26" = {
          inherit (master."26") type command private chroot;
          args = optionArgs master."26".options;
        };
      };
      enableSubmission = true;
      submissionOptions = master.submission.options;
      enableSubmissions = true;
      submissionsOptions = master.submissions.options;
      # postmaster@, abuse@, hostmaster@ of the domain (virtual_alias_maps).
      virtual = policy.postfixVirtual cfg.vars site.domain;
    };

    # postfix must not start on a relay map that is missing: an empty one means "no AUTH".
    systemd.services.postfix.preStart = lib.mkBefore ''
      install -d -m 0700 ${config.host.secretsDir}
      [ -e ${site.paths.relaySaslMap} ] || install -m 0600 /dev/null ${site.paths.relaySaslMap}
    '';
    networking.firewall.allowedTCPPorts = [ 25 26 465 587 ];
  };
}

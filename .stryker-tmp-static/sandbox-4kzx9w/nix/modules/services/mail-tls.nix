# The mail VM's TLS files before and between real certificates.
#
# lego on the DNS VM pushes the site certificate to site.paths.tlsCert/tlsKey. Until its first
# push (port 80 not forwarded yet, DNS provider credentials wrong, ...) postfix, dovecot and
# nginx need a certificate to start: this module makes a self-signed BOOTSTRAP certificate,
# recognisable by its subject (O=<bootstrapOrg>, issuer = subject), and
# - re-generates it daily (timer) when fewer than renewDays are left, only while the file is
#   still a bootstrap certificate: a pushed certificate is never touched, even when expiring;
# - reloads postfix, dovecot and nginx after re-generating it;
# - keeps webmailTrust up to date: the system CA bundle, plus the bootstrap certificate while it
#   is the one served. Roundcube verifies IMAP/SMTP against that file (with the peer name
#   checked), so webmail works in the bootstrap window and, once the real certificate is in
#   place, trusts only the public roots again. The file holds certificates only (no secret);
#   the private key never leaves site.paths.tlsKey (0640 root:nginx, never in the Nix store).
{ config, lib, pkgs, ... }:
let
  cfg = config.host.services.mail.tls;
  site = config.host.site;
  cert = site.paths.tlsCert;
  key = site.paths.tlsKey;
  dir = dirOf cert;
  web = site.web or { };
  names = [ site.fqdn ]
    ++ lib.optional ((web.mtaSts or null) != null) web.mtaSts.host
    ++ lib.optional ((web.autoconfig or null) != null) web.autoconfig.host;
  systemBundle = "/etc/ssl/certs/ca-certificates.crt";
  nginxGroup = config.services.nginx.group;

  # Shared by the boot unit and the renewal unit; sets changed=1 when it wrote a new certificate.
  ensure = ''
    cert=${cert}
    key=${key}
    trust=${cfg.webmailTrust}
    install -d -m 0755 ${dir}
    # The bootstrap certificate: self-signed (issuer = subject) with O=${cfg.bootstrapOrg}.
    is_bootstrap() {
      s=$(openssl x509 -in "$cert" -noout -subject -nameopt RFC2253 2>/dev/null) || return 1
      i=$(openssl x509 -in "$cert" -noout -issuer -nameopt RFC2253) || return 1
      [ "''${s#subject=}" = "''${i#issuer=}" ] || return 1
      case ",''${s#subject=}," in *",O=${cfg.bootstrapOrg},"*) return 0 ;; *) return 1 ;; esac
    }
    # Key and certificate belong together (a push in progress has replaced only one of them).
    pair_matches() {
      [ "$(openssl x509 -in "$cert" -noout -pubkey 2>/dev/null)" = "$(openssl pkey -in "$key" -pubout 2>/dev/null)" ]
    }
    changed=0
    reason=
    if [ ! -s "$cert" ] || [ ! -s "$key" ]; then
      reason="no certificate yet"
    elif is_bootstrap && pair_matches && ! openssl x509 -in "$cert" -noout -checkend ${toString (cfg.renewDays * 86400)} >/dev/null; then
      reason="bootstrap certificate expires within ${toString cfg.renewDays} days"
    fi
    if [ -n "$reason" ]; then
      rm -f "$key.bootstrap" "$cert.bootstrap"
      # openssl req prints key-generation progress on stderr: shown only when it fails
      if ! err=$(openssl req -x509 -newkey rsa:2048 -nodes -days ${toString cfg.bootstrapDays} \
        -subj "/O=${cfg.bootstrapOrg}/CN=${site.fqdn}" \
        -addext "subjectAltName=${lib.concatMapStringsSep "," (n: "DNS:${n}") names}" \
        -addext "basicConstraints=critical,CA:FALSE" -addext "extendedKeyUsage=serverAuth" \
        -keyout "$key.bootstrap" -out "$cert.bootstrap" 2>&1); then
        echo "netsetup-bootstrap-tls: openssl could not make the bootstrap certificate: $err" >&2
        exit 1
      fi
      # nginx runs as ${config.services.nginx.user} (no root master on NixOS): the key is
      # 0640 root:${nginxGroup}; postfix and dovecot read it as root.
      chgrp ${nginxGroup} "$key.bootstrap"
      chmod 0640 "$key.bootstrap"
      chmod 0644 "$cert.bootstrap"
      mv "$key.bootstrap" "$key"
      mv "$cert.bootstrap" "$cert"
      changed=1
      echo "netsetup-bootstrap-tls: new self-signed bootstrap certificate ($reason), until $(openssl x509 -in "$cert" -noout -enddate | cut -d= -f2)"
    fi
    # What Roundcube trusts for IMAP/SMTP: the public roots, and the bootstrap certificate while served.
    cat ${systemBundle} > "$trust.new"
    if is_bootstrap; then
      printf '\n# %s: the bootstrap certificate of this VM, trusted until the real one is pushed\n' "$cert" >> "$trust.new"
      cat "$cert" >> "$trust.new"
    fi
    chmod 0644 "$trust.new"
    if cmp -s "$trust.new" "$trust"; then rm -f "$trust.new"; else mv "$trust.new" "$trust"; fi
  '';
  unitBase = {
    path = [ pkgs.openssl pkgs.coreutils pkgs.diffutils ];
    serviceConfig = { Type = "oneshot"; UMask = "0077"; };
  };
in
{
  options.host.services.mail.tls = {
    enable = lib.mkEnableOption "the bootstrap certificate and webmail's trust file";
    bootstrapOrg = lib.mkOption {
      type = lib.types.str;
      default = "netsetup bootstrap";
      readOnly = true;
      description = "Organization (O=) in the bootstrap certificate's subject; `checks --records` recognises it.";
    };
    bootstrapDays = lib.mkOption { type = lib.types.ints.positive; default = 30; description = "Lifetime of a bootstrap certificate."; };
    renewDays = lib.mkOption { type = lib.types.ints.positive; default = 10; description = "Re-generate the bootstrap certificate when fewer days are left."; };
    webmailTrust = lib.mkOption {
      type = lib.types.str;
      default = "${dir}/webmail-trust.pem";
      readOnly = true;
      description = "CA file Roundcube verifies IMAP/SMTP with: system bundle + bootstrap certificate while served.";
    };
  };

  config = lib.mkIf cfg.enable {
    assertions = [{ assertion = cfg.renewDays < cfg.bootstrapDays; message = "host.services.mail.tls.renewDays must be below bootstrapDays"; }];

    # At boot, before the services that read the files.
    systemd.services.netsetup-bootstrap-tls = lib.recursiveUpdate unitBase {
      description = "Bootstrap TLS certificate until the DNS VM pushes the real one";
      wantedBy = [ "multi-user.target" ];
      before = [ "postfix.service" "dovecot.service" "nginx.service" ];
      requiredBy = [ "postfix.service" "dovecot.service" "nginx.service" ];
      serviceConfig.RemainAfterExit = true;
      script = ensure;
    };

    # Daily, and whenever the certificate file changes (a push): re-generate an expiring
    # bootstrap certificate, refresh webmail's trust file, reload after a new certificate.
    systemd.services.netsetup-bootstrap-tls-renew = lib.recursiveUpdate unitBase {
      description = "Renew the bootstrap TLS certificate while no real certificate was pushed";
      after = [ "netsetup-bootstrap-tls.service" ];
      script = ensure + ''
        if [ "$changed" = 1 ]; then
          systemctl try-reload-or-restart ${lib.concatStringsSep " " [ "postfix.service" "dovecot.service" "nginx.service" ]}
        fi
      '';
    };
    systemd.timers.netsetup-bootstrap-tls-renew = {
      wantedBy = [ "timers.target" ];
      timerConfig = { OnCalendar = "daily"; Persistent = true; RandomizedDelaySec = "1h"; };
    };
    systemd.paths.netsetup-bootstrap-tls-renew = {
      wantedBy = [ "paths.target" ];
      pathConfig.PathChanged = cert;
    };
  };
}

# Let's Encrypt through lego (NixOS security.acme) on the DNS VM: ONE certificate for the
# site's public names (site.acme.domains: mail., mx., pmg., mta-sts., autoconfig.), ordered
# and renewed here for both challenge types, then pushed to the mail VM and the PMG container.
#
# - DNS-01 (site.acme.dnsProvider set): credentials from the root-only env file the wizard
#   uploads, read by systemd at runtime. lego's propagation check asks site.acme.dnsResolver, a
#   PUBLIC resolver: the DNS VM's own coredns overrides mail./mx./pmg. for the LAN.
# - HTTP-01 (no provider): lego answers the challenge itself on port 80 of this VM, only while
#   it validates; the router forwards WAN TCP 80 here (the handover says so).
# Renewal: security.acme's timer acme-renew-<cert> (daily); every issuance or renewal runs the
# push (postRun), which installs the files and reloads the services that read them.
{ config, lib, pkgs, ... }:
let
  cfg = config.host.services.dns.lego;
  site = config.host.site;
  acme = site.acme;
  certName = builtins.head acme.domains;
  dns01 = acme.dnsProvider != null;
  key = "${config.host.secretsDir}/push_ed25519";
  # The push: certificate files to the mail VM (postfix, dovecot and nginx read them: the key
  # is 0640 root:<mail TLS group>, nginx runs unprivileged), then to PMG the way pmg-api's
  # PMG::CertHelpers::set_cert_file writes them (API: /etc/pmg/pmg-api.pem key+chain 0640
  # root:www-data, pmgproxy reloaded; SMTP: /etc/pmg/pmg-tls.pem key+chain 0600 with mail.tls
  # on and postfix reloaded). Key material travels on stdin, never on a command line.
  push = pkgs.writeShellScript "netsetup-push-certs" ''
    set -eu
    dir=/var/lib/acme/${certName}
    ssh_() { ${pkgs.openssh}/bin/ssh -i ${key} -o StrictHostKeyChecking=accept-new -o BatchMode=yes "$@"; }
    tls=${acme.push.mailTlsDir}
    cat $dir/key.pem | ssh_ root@${acme.push.mail} "install -d -m 0755 $tls && umask 027 && cat > $tls/key.pem.new && chgrp ${acme.push.mailTlsGroup} $tls/key.pem.new && mv $tls/key.pem.new $tls/key.pem"
    cat $dir/fullchain.pem | ssh_ root@${acme.push.mail} "umask 022 && cat > $tls/fullchain.pem.new && mv $tls/fullchain.pem.new $tls/fullchain.pem && systemctl try-reload-or-restart ${lib.concatStringsSep " " acme.push.mailServices}"
    cat $dir/key.pem $dir/fullchain.pem | ssh_ root@${acme.push.pmg} 'umask 077 && cat > /etc/pmg/pmg-tls.pem.tmp && mv /etc/pmg/pmg-tls.pem.tmp /etc/pmg/pmg-tls.pem && install -m 0640 -g www-data /etc/pmg/pmg-tls.pem /etc/pmg/pmg-api.pem.tmp && mv /etc/pmg/pmg-api.pem.tmp /etc/pmg/pmg-api.pem && pmgsh set /config/mail --tls 1 && pmgconfig sync --restart 1 && systemctl reload-or-restart pmgproxy postfix'
  '';
in
{
  options.host.services.dns.lego.enable = lib.mkEnableOption "Let's Encrypt certificates via lego";

  config = lib.mkIf cfg.enable {
    security.acme = {
      acceptTerms = true;
      defaults = {
        email = acme.email;
        server = acme.server;
      };
      certs.${certName} = {
        extraDomainNames = builtins.tail acme.domains;
        postRun = "${push}";
      } // (if dns01 then {
        dnsProvider = acme.dnsProvider;
        environmentFile = acme.envFile;
        dnsPropagationCheck = true;
        dnsResolver = acme.dnsResolver;
      } else {
        listenHTTP = ":${toString acme.httpPort}";
      });
    };
    # lego's own HTTP-01 server listens only while it validates; nothing else uses port 80 here.
    networking.firewall.allowedTCPPorts = lib.optional (!dns01) acme.httpPort;
  };
}

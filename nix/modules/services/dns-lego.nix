# Let's Encrypt through lego on the DNS VM: DNS-01 at the site's DNS provider (credentials in
# the root-only env file the wizard uploads), staging switch, one certificate for
# mail.<domain> and pmg.<domain>, renewed by the security.acme timer and pushed to the mail VM
# and the PMG container, which reload.
{ config, lib, pkgs, ... }:
let
  cfg = config.host.services.dns.lego;
  site = config.host.site;
  acme = site.acme;
  certName = builtins.head acme.domains;
  push = pkgs.writeShellScript "netsetup-push-certs" ''
    set -eu
    dir=/var/lib/acme/${certName}
    key=${config.host.secretsDir}/push_ed25519
    ssh_="${pkgs.openssh}/bin/ssh -i $key -o StrictHostKeyChecking=accept-new -o BatchMode=yes"
    # mail VM: postfix, dovecot and nginx read /var/lib/netsetup/tls
    $ssh_ root@${acme.push.mail} 'install -d -m 0755 /var/lib/netsetup/tls && umask 077 && cat > /var/lib/netsetup/tls/key.pem.new && chgrp nginx /var/lib/netsetup/tls/key.pem.new && chmod 0640 /var/lib/netsetup/tls/key.pem.new && mv /var/lib/netsetup/tls/key.pem.new /var/lib/netsetup/tls/key.pem' < $dir/key.pem
    $ssh_ root@${acme.push.mail} 'cat > /var/lib/netsetup/tls/fullchain.pem.new && mv /var/lib/netsetup/tls/fullchain.pem.new /var/lib/netsetup/tls/fullchain.pem && systemctl reload postfix dovecot nginx' < $dir/fullchain.pem
    # PMG: pmgproxy (8006) and postfix (25) use pmg-api.pem / pmg-tls.pem
    cat $dir/key.pem $dir/fullchain.pem | $ssh_ root@${acme.push.pmg} 'umask 077 && cat > /etc/pmg/pmg-tls.pem.new && mv /etc/pmg/pmg-tls.pem.new /etc/pmg/pmg-tls.pem && cp /etc/pmg/pmg-tls.pem /etc/pmg/pmg-api.pem && systemctl reload-or-restart pmgproxy postfix'
  '';
in
{
  options.host.services.dns.lego.enable = lib.mkEnableOption "Let's Encrypt certificates via lego";

  config = lib.mkIf cfg.enable {
    security.acme = {
      acceptTerms = true;
      defaults = {
        email = acme.email;
        server = if acme.staging
          then "https://acme-staging-v02.api.letsencrypt.org/directory"
          else "https://acme-v02.api.letsencrypt.org/directory";
      };
      certs.${certName} = {
        extraDomainNames = builtins.tail acme.domains;
        # With a lego-capable provider: DNS-01, credentials read by systemd at runtime.
        # Without: HTTP-01 served by the mail VM is set up there instead (SPEC §2).
        dnsProvider = acme.dnsProvider;
        environmentFile = acme.envFile;
        dnsPropagationCheck = true;
        postRun = "${push}";
      };
    };
    assertions = [{
      assertion = acme.dnsProvider != null;
      message = "dns-lego.nix needs a DNS provider with lego support; without one the mail VM uses HTTP-01";
    }];
  };
}

# Roundcube at https://mail.<domain>: nginx with the certificate lego pushes, IMAP and
# submission on the VM itself, identities in the site's domain.
{ config, lib, ... }:
let
  cfg = config.host.services.mail.roundcube;
  site = config.host.site;
in
{
  options.host.services.mail.roundcube.enable = lib.mkEnableOption "Roundcube webmail";

  config = lib.mkIf cfg.enable {
    services.roundcube = {
      enable = true;
      hostName = site.fqdn;
      configureNginx = true;
      extraConfig = ''
        $config['imap_host'] = 'ssl://${site.fqdn}:993';
        $config['smtp_host'] = 'tls://${site.fqdn}:587';
        $config['smtp_user'] = '%u';
        $config['smtp_pass'] = '%p';
        $config['mail_domain'] = '${site.domain}';
        $config['username_domain'] = '${site.domain}';
      '';
    };
    # The VM resolves its own name locally (the certificate names mail.<domain>).
    networking.hosts."127.0.0.1" = [ site.fqdn ];
    services.nginx.virtualHosts.${site.fqdn} = {
      enableACME = lib.mkForce false; # certificates come from lego on the DNS VM
      forceSSL = true;
      sslCertificate = site.paths.tlsCert;
      sslCertificateKey = site.paths.tlsKey;
    };
    networking.firewall.allowedTCPPorts = [ 80 443 ];
  };
}

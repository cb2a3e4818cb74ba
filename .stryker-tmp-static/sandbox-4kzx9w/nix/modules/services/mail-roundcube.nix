# Roundcube at https://mail.<domain>: nginx with the certificate lego pushes, IMAP and
# submission on the VM itself, identities in the site's domain. Roundcube connects to
# mail.<domain> (this VM, networking.hosts) and verifies the certificate and its name against
# mail-tls.nix's trust file: the public roots, plus the VM's own bootstrap certificate while
# that one is served (so webmail works before lego's first push and trusts only the public
# roots after it).
{ config, lib, ... }:
let
  cfg = config.host.services.mail.roundcube;
  site = config.host.site;
  tls = config.host.services.mail.tls;
  verify = "['ssl' => ['verify_peer' => true, 'verify_peer_name' => true, 'allow_self_signed' => false, 'cafile' => '${tls.webmailTrust}']]";
in
{
  options.host.services.mail.roundcube.enable = lib.mkEnableOption "Roundcube webmail";

  config = lib.mkIf cfg.enable {
    assertions = [{ assertion = tls.enable; message = "host.services.mail.roundcube needs host.services.mail.tls (its trust file)"; }];
    services.roundcube = {
      enable = true;
      hostName = site.fqdn;
      configureNginx = true;
      extraConfig = ''
        $config['imap_host'] = 'ssl://${site.fqdn}:993';
        $config['smtp_host'] = 'tls://${site.fqdn}:587';
        $config['smtp_user'] = '%u';
        $config['smtp_pass'] = '%p';
        $config['imap_conn_options'] = ${verify};
        $config['smtp_conn_options'] = ${verify};
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

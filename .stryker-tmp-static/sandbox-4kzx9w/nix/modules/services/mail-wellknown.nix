# The mail VM's other HTTPS names, on the site certificate the DNS VM pushes:
# - https://mta-sts.<domain>/.well-known/mta-sts.txt: the MTA-STS policy (RFC 8461), text/plain;
# - https://autoconfig.<domain>/mail/config-v1.1.xml: Thunderbird's mail client autoconfig.
# Both texts are rendered by the wizard into site.json (site.web), so the policy and the
# _mta-sts TXT id the customer publishes come from one rendering. Everything else: 404.
{ config, lib, pkgs, ... }:
let
  cfg = config.host.services.mail.wellKnown;
  site = config.host.site;
  web = site.web;
  tls = { forceSSL = true; sslCertificate = site.paths.tlsCert; sslCertificateKey = site.paths.tlsKey; };
  file = name: text: pkgs.writeText name text;
in
{
  options.host.services.mail.wellKnown.enable = lib.mkEnableOption "MTA-STS policy and mail client autoconfig over HTTPS";

  config = lib.mkIf cfg.enable {
    services.nginx.enable = true;
    services.nginx.virtualHosts = lib.optionalAttrs (web.mtaSts != null) {
      ${web.mtaSts.host} = tls // {
        locations."= ${web.mtaSts.path}" = {
          alias = file "mta-sts.txt" web.mtaSts.policy;
          extraConfig = "default_type text/plain;";
        };
        locations."/".return = "404";
      };
    } // {
      ${web.autoconfig.host} = tls // {
        locations."= ${web.autoconfig.path}" = {
          alias = file "config-v1.1.xml" web.autoconfig.xml;
          extraConfig = "default_type application/xml;";
        };
        locations."/".return = "404";
      };
    };
    networking.firewall.allowedTCPPorts = [ 443 ];
  };
}

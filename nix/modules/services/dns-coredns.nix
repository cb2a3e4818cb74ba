# coredns on the DNS VM: authoritative for <domain> with LAN answers for the mail/pmg/mx names
# (split horizon: the LAN reaches the guests directly), TTL 60; everything else forwarded.
{ config, lib, pkgs, ... }:
let
  cfg = config.host.services.dns.coredns;
  site = config.host.site;
  zone = site.zone;
  ttl = toString zone.ttl;
  records = lib.concatStringsSep "\n"
    (lib.mapAttrsToList (name: ip: "${name}. ${ttl} IN A ${ip}") zone.lan);
  zoneFile = pkgs.writeText "${zone.name}.zone" ''
    $ORIGIN ${zone.name}.
    @ ${ttl} IN SOA ${site.hostname}.${zone.name}. hostmaster.${zone.name}. 1 3600 600 86400 ${ttl}
    @ ${ttl} IN NS ${site.hostname}.${zone.name}.
    @ ${ttl} IN MX 10 ${zone.mx}.
    ${records}
  '';
in
{
  options.host.services.dns.coredns.enable = lib.mkEnableOption "coredns split-horizon resolver";

  config = lib.mkIf cfg.enable {
    services.coredns = {
      enable = true;
      config = ''
        ${zone.name} {
          file ${zoneFile}
          log
          errors
        }
        . {
          forward . ${lib.concatStringsSep " " site.forwarders}
          cache 60
          errors
        }
      '';
    };
    networking.firewall.allowedTCPPorts = [ 53 ];
    networking.firewall.allowedUDPPorts = [ 53 ];
  };
}

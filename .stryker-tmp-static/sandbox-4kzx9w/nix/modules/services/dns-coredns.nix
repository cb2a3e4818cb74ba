# coredns on the DNS VM: a split horizon that only OVERRIDES. The internal names of the site
# (mail., mx., pmg. and the DNS VM's own name → LAN addresses, site.zone.lan) are answered
# here so the LAN reaches the guests directly; every other name, including every other record
# of the customer domain (apex MX/TXT/SPF, _dmarc, www, _acme-challenge, ...), is forwarded to
# the upstream resolvers. The `hosts` plugin answers A (and the matching PTR); a name it holds
# gets NODATA for other types (no public AAAA leaks in), anything else falls through to
# `forward`. No authoritative zone: the DNS VM never hides the public zone from the LAN.
{ config, lib, ... }:
let
  cfg = config.host.services.dns.coredns;
  site = config.host.site;
  zone = site.zone;
  # One hosts line per address, names sorted: stable text, one line per guest.
  byIp = lib.foldlAttrs (acc: name: ip: acc // { ${ip} = (acc.${ip} or [ ]) ++ [ name ]; }) { } zone.lan;
  hostLines = lib.mapAttrsToList (ip: names: "${ip} ${lib.concatStringsSep " " (lib.sort lib.lessThan names)}") byIp;
in
{
  options.host.services.dns.coredns.enable = lib.mkEnableOption "coredns split-horizon resolver";

  config = lib.mkIf cfg.enable {
    assertions = [{
      assertion = site.forwarders != [ ];
      message = "dns-coredns.nix: site.forwarders is empty; names outside the LAN overrides would not resolve";
    }];
    services.coredns = {
      enable = true;
      config = ''
        . {
          hosts {
            ${lib.concatStringsSep "\n    " hostLines}
            ttl ${toString zone.ttl}
            fallthrough
          }
          forward . ${lib.concatStringsSep " " site.forwarders}
          cache ${toString zone.ttl}
          errors
        }
      '';
    };
    networking.firewall.allowedTCPPorts = [ 53 ];
    networking.firewall.allowedUDPPorts = [ 53 ];
  };
}

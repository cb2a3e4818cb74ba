{ config, lib, ... }:
let site = config.host.site; in
{
  imports = [
    ./common.nix
    ../modules/services/dns-coredns.nix
    ../modules/services/dns-stepca.nix
    ../modules/services/dns-lego.nix
    ../modules/services/ddns-updater.nix
  ];
  host.site = lib.mkDefault (import ../lib/site.nix "dns");
  proxmox.filenameSuffix = "netsetup-dns";
  proxmox.qemuConf = { cores = lib.mkForce 1; memory = lib.mkForce 1024; };
  host.services.dns = { coredns.enable = true; stepca.enable = true; lego.enable = true; };
  host.services.ddnsUpdater.enable = true;
  networking.nameservers = [ "127.0.0.1" ];
}

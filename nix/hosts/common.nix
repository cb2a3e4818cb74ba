# Shared by both guests: the Proxmox image (VMA), cloud-init for network + SSH keys, flakes on.
{ lib, modulesPath, ... }:
{
  imports = [ "${modulesPath}/virtualisation/proxmox-image.nix" ../modules/site.nix ];
  proxmox.qemuConf = { cores = 2; memory = 2048; bios = "seabios"; };
  proxmox.cloudInit.enable = true; # the wizard sets ipconfig0/sshkeys with qm set
  services.openssh = { enable = true; settings.PasswordAuthentication = false; };
  nix.settings.experimental-features = [ "nix-command" "flakes" ];
  time.timeZone = lib.mkDefault "Europe/Zurich";
  system.stateVersion = "25.11";
}

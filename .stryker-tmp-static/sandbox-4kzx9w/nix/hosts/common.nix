# Shared by both guests: the Proxmox image (VMA), cloud-init for network + SSH keys, flakes on.
{ lib, modulesPath, ... }:
{
  imports = [ "${modulesPath}/virtualisation/proxmox-image.nix" ../modules/site.nix ];
  proxmox.qemuConf = { cores = 2; memory = 2048; bios = "seabios"; };
  proxmox.cloudInit.enable = true; # the wizard sets ipconfig0/sshkeys with qm set
  services.openssh = { enable = true; settings.PasswordAuthentication = false; };
  nix.settings.experimental-features = [ "nix-command" "flakes" ];
  time.timeZone = lib.mkDefault "Europe/Zurich";
  system.stateVersion = "26.05"; # Dovecot 2.4 path of the dovecot module (older selects 2.3 with a warning)
}

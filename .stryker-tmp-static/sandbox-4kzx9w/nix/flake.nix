{
  description = "netsetup-wizard guests: NixOS mail VM and DNS VM, as Proxmox VMA images";

  # NixOS 26.05 (supported until about the end of 2026). flake.lock pins the exact revision
  # (nixos-26.05 @ 7c8764b7, 2026-10-09); nix/README.md says how a site moves to the next release.
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-26.05";

  outputs = { self, nixpkgs }:
    let
      system = "x86_64-linux";
      guest = role: nixpkgs.lib.nixosSystem {
        inherit system;
        modules = [ ./hosts/${role}.nix ];
      };
    in
    {
      nixosConfigurations.mail = guest "mail";
      nixosConfigurations.dns = guest "dns";

      # nix build ./nix#mail-vma → result/vzdump-qemu-netsetup-mail.vma.zst
      packages.${system} = {
        mail-vma = self.nixosConfigurations.mail.config.system.build.VMA;
        dns-vma = self.nixosConfigurations.dns.config.system.build.VMA;
      };

      nixosModules = {
        site = ./modules/site.nix;
        mail-postfix = ./modules/services/mail-postfix.nix;
        mail-dovecot = ./modules/services/mail-dovecot.nix;
        mail-roundcube = ./modules/services/mail-roundcube.nix;
        mail-opendkim = ./modules/services/mail-opendkim.nix;
        mail-tls = ./modules/services/mail-tls.nix;
        dns-coredns = ./modules/services/dns-coredns.nix;
        dns-stepca = ./modules/services/dns-stepca.nix;
        dns-lego = ./modules/services/dns-lego.nix;
        ddns-updater = ./modules/services/ddns-updater.nix;
      };
    };
}

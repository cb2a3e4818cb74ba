{ config, lib, pkgs, ... }:
let site = config.host.site; in
{
  imports = [
    ./common.nix
    ../modules/services/mail-postfix.nix
    ../modules/services/mail-dovecot.nix
    ../modules/services/mail-roundcube.nix
    ../modules/services/mail-opendkim.nix
    ../modules/services/mail-fail2ban.nix
    ../modules/services/mail-wellknown.nix
    ../modules/services/mail-tls.nix
  ];
  # lib.mkDefault: tests inject a site with a module of their own (nothing read from /etc).
  host.site = lib.mkDefault (import ../lib/site.nix "mail");
  proxmox.filenameSuffix = "netsetup-mail";
  host.services.mail = { postfix.enable = true; dovecot.enable = true; roundcube.enable = true; opendkim.enable = true; fail2ban.enable = true; wellKnown.enable = true; };
  networking.nameservers = [ site.network.nameserver ];

  # The DNS VM pushes renewed certificates over SSH with the key the wizard made for this site;
  # only its public half is here (uploaded next to site.json, read at evaluation: not a secret).
  users.users.root.openssh.authorizedKeys.keyFiles =
    lib.optional (builtins.pathExists /etc/netsetup/push_ed25519.pub) /etc/netsetup/push_ed25519.pub;

  # Until lego's first push, postfix/dovecot/nginx run on a self-signed bootstrap certificate,
  # re-generated while no real one arrives (nix/modules/services/mail-tls.nix).
  host.services.mail.tls.enable = true;
}

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

  # Until lego's first push, postfix/dovecot/nginx start on a self-signed certificate.
  systemd.services.netsetup-bootstrap-tls = {
    wantedBy = [ "multi-user.target" ];
    before = [ "postfix.service" "dovecot.service" "nginx.service" ];
    requiredBy = [ "postfix.service" "dovecot.service" "nginx.service" ];
    serviceConfig = { Type = "oneshot"; RemainAfterExit = true; UMask = "0077"; };
    script = ''
      install -d -m 0755 /var/lib/netsetup/tls
      [ -s ${site.paths.tlsCert} ] || ${pkgs.openssl}/bin/openssl req -x509 -newkey rsa:2048 -nodes \
        -days 30 -subj /CN=${site.fqdn} -keyout ${site.paths.tlsKey} -out ${site.paths.tlsCert}
      # nginx runs as ${config.services.nginx.user} (no root master on NixOS): the key is
      # 0640 root:${config.services.nginx.group}; postfix and dovecot read it as root.
      chgrp ${config.services.nginx.group} ${site.paths.tlsKey}
      chmod 0640 ${site.paths.tlsKey}
    '';
  };
}

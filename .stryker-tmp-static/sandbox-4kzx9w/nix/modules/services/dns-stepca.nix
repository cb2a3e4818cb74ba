# step-ca on the DNS VM: the site's internal CA. Its keys and the intermediate password are
# created at first start under /var/lib/step-ca (root-only), never in the Nix store.
{ config, lib, pkgs, ... }:
let
  cfg = config.host.services.dns.stepca;
  site = config.host.site;
  state = "/var/lib/step-ca";
  passwordFile = "${config.host.secretsDir}/step-ca-intermediate.pass";
in
{
  options.host.services.dns.stepca.enable = lib.mkEnableOption "step-ca internal CA";

  config = lib.mkIf cfg.enable {
    systemd.services.netsetup-stepca-init = {
      description = "Create the internal CA (first boot only)";
      wantedBy = [ "multi-user.target" ];
      before = [ "step-ca.service" ];
      requiredBy = [ "step-ca.service" ];
      serviceConfig = { Type = "oneshot"; RemainAfterExit = true; UMask = "0077"; };
      path = [ pkgs.step-cli pkgs.openssl ];
      script = ''
        [ -s ${passwordFile} ] || openssl rand -base64 32 > ${passwordFile}
        if [ ! -f ${state}/certs/root_ca.crt ]; then
          STEPPATH=${state} step ca init --name "${site.stepCa.name}" \
            ${lib.concatMapStringsSep " " (n: "--dns ${n}") site.stepCa.dnsNames} \
            --address :8443 --provisioner admin --password-file ${passwordFile}
        fi
      '';
    };
    services.step-ca = {
      enable = true;
      address = "0.0.0.0";
      port = 8443;
      openFirewall = true;
      intermediatePasswordFile = passwordFile;
      settings = {
        root = "${state}/certs/root_ca.crt";
        crt = "${state}/certs/intermediate_ca.crt";
        key = "${state}/secrets/intermediate_ca_key";
        dnsNames = site.stepCa.dnsNames;
        db = { type = "badgerv2"; dataSource = "/var/lib/step-ca/db"; };
        authority.provisioners = [{ type = "ACME"; name = "acme"; }];
      };
    };
  };
}

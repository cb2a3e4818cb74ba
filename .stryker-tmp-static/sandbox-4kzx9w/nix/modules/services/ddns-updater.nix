# ddns-updater on the DNS VM: keeps the public A records on the current WAN IP. Its config
# (with credentials) is the root-only file the wizard renders from the provider catalog; it is
# handed to the service at runtime via a systemd credential, never through the Nix store.
# Off when the site has a static public IP (site.ddns.enabled = false).
{ config, lib, ... }:
let
  cfg = config.host.services.ddnsUpdater;
  site = config.host.site;
in
{
  options.host.services.ddnsUpdater.enable = lib.mkEnableOption "ddns-updater (dynamic WAN IP)";

  config = lib.mkIf (cfg.enable && site.ddns.enabled) {
    services.ddns-updater = {
      enable = true;
      # The module sets DATADIR itself (DynamicUser state directory).
      environment = {
        LISTENING_ADDRESS = "127.0.0.1:8000";
        PERIOD = "5m";
        CONFIG_FILEPATH = "%d/config.json";
      };
    };
    systemd.services.ddns-updater.serviceConfig.LoadCredential = [ "config.json:${site.ddns.configFile}" ];
  };
}

# The per-site DATA the wizard uploads (/etc/netsetup/site.json, no secrets). Read only in
# impure evaluation (nixos-rebuild --impure on the guest); pure builds (the Proxmox image,
# CI) use the example site so the image evaluates without a site.
role:
let
  impure = builtins ? currentSystem;
  live = /etc/netsetup/site.json;
  file = if impure && builtins.pathExists live then live else ../examples + "/${role}-site.json";
  site = builtins.fromJSON (builtins.readFile file);
in
if site.role == role then site else throw "site.json is for the ${site.role} VM, not ${role}"

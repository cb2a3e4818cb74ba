// @ts-nocheck
// The proof that a guest is ours: a marker the wizard writes into the guest's description in
// the same command that creates it (`pct create --description`, `qm create --archive
// --description`), naming the site (serial and domain) and the guest's role. A guest is this
// site's only when its marker names this site and role; an ID or a name alone proves nothing.
//
// Facts from Proxmox sources (pve-common f665029, qemu-server e6352be, pve-container 94f5585):
// - description is free text, at most 8 KiB (qemu-server src/PVE/QemuServer.pm `description`,
//   pve-container src/PVE/LXC/Config.pm `description`: maxLength 1024 * 8); kept as comment
//   lines in the guest's config file.
// - `qm config` / `pct config` print it through PVE::Tools::encode_text (pve-common
//   src/PVE/ParseUtils.pm): control and non-ASCII bytes, ':' and '%' become %XX.
// - tags (pve-tag-list) match [a-z0-9_][a-z0-9_\-+.]* (pve-common src/PVE/JSONSchema.pm
//   $PVE_TAG_RE) and are lower-cased and sorted on write (pve-guest-common
//   src/PVE/GuestHelpers.pm get_unique_tags): fine for finding guests, not for a proof.
import type { Role } from './types.js';

export interface SiteId {
  serial: string;
  domain: string;
}

export interface GuestMarker extends SiteId {
  role: string;
}

const MARKER_RE = /\[netsetup site=([a-z0-9-]+) domain=([a-z0-9.-]+) role=([a-z]+)\]/;

/** The marker text, one line of plain ASCII (serial and domain are lower-case by schema). */
export function guestMarker(site: SiteId, role: Role): string {
  return `[netsetup site=${site.serial} domain=${site.domain} role=${role}]`;
}

/** Undo encode_text (`%XX` bytes, UTF-8) as `qm config` / `pct config` print the description. */
export function decodePveText(text: string): string {
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = /^%([0-9a-f]{2})/i.exec(text.slice(i, i + 3));
    if (hex) {
      bytes.push(parseInt(hex[1]!, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The marker in a (decoded) description, if there is exactly one. */
export function parseGuestMarker(description: string | undefined): GuestMarker | undefined {
  if (!description) return undefined;
  const all = [...description.matchAll(new RegExp(MARKER_RE, 'g'))];
  if (all.length !== 1) return undefined;
  const m = all[0]!;
  return { serial: m[1]!, domain: m[2]!, role: m[3]! };
}

export function markerMatches(marker: GuestMarker | undefined, site: SiteId, role: Role): boolean {
  return marker !== undefined && marker.serial === site.serial && marker.domain === site.domain && marker.role === role;
}

// @ts-nocheck
// What a guest on the host is, read without changing it: kind, name, tags, lock and the
// netsetup marker of its description. The install, repair and relay change ask this before
// they touch a guest; anything without this site's marker is named and left alone.
import { pveshGet } from '../host/pvesh.js';
import type { Host } from '../host/types.js';
import { decodePveText, markerMatches, parseGuestMarker, type GuestMarker, type SiteId } from '../plan/guestMarker.js';
import type { Role } from '../plan/types.js';
import { parseConfigLines } from '../tasks/nixosVmTask.js';

export interface FoundGuest {
  vmid: number;
  kind: 'lxc' | 'qemu';
  name: string;
  tags: string[];
  status: string;
  /** `lock:` of the config (e.g. create while a restore runs or after it was cut off). */
  lock?: string;
  marker?: GuestMarker;
  /** Why the config could not be read (then nothing proves the guest is ours). */
  configError?: string;
}

export interface ResourceRow {
  vmid: number;
  name?: string;
  type: string;
  status?: string;
  tags?: string;
}

const tagList = (t: string | undefined) => (t ?? '').split(/[;, ]+/).filter(Boolean);

/** Read one guest's config (read-only) and its marker. */
export async function inspectGuest(host: Host, r: ResourceRow): Promise<FoundGuest> {
  const kind = r.type === 'lxc' ? 'lxc' : 'qemu';
  const cfgRun = await host.run([kind === 'lxc' ? 'pct' : 'qm', 'config', String(r.vmid)], { readOnly: true, allowFailure: true });
  const cfg = cfgRun.exit === 0 ? parseConfigLines(cfgRun.stdout) : {};
  const description = cfg.description === undefined ? undefined : decodePveText(cfg.description);
  return {
    vmid: r.vmid,
    kind,
    name: r.name ?? cfg.name ?? cfg.hostname ?? '',
    tags: tagList(r.tags ?? cfg.tags),
    status: r.status ?? 'unknown',
    ...(cfg.lock ? { lock: cfg.lock } : {}),
    ...(parseGuestMarker(description) ? { marker: parseGuestMarker(description)! } : {}),
    ...(cfgRun.exit !== 0 ? { configError: (cfgRun.stderr.trim().split('\n')[0] ?? '') || `exit ${cfgRun.exit}` } : {}),
  };
}

export function isOurs(g: FoundGuest, site: SiteId, role: Role, kind: 'lxc' | 'qemu'): boolean {
  return g.kind === kind && markerMatches(g.marker, site, role);
}

/** "VM 105 "customer-db" (running, tags: none, no netsetup marker)" — what a refusal names. */
export function describeGuest(g: FoundGuest): string {
  const what = g.kind === 'lxc' ? 'container' : 'VM';
  const marker = g.configError
    ? `its config could not be read: ${g.configError}`
    : g.marker
      ? `marked for ${g.marker.role} of site ${g.marker.serial} (${g.marker.domain})`
      : 'no netsetup marker in its description';
  const parts = [g.status, `tags: ${g.tags.length ? g.tags.join(';') : 'none'}`, ...(g.lock ? [`locked: ${g.lock}`] : []), marker];
  return `${what} ${g.vmid}${g.name ? ` "${g.name}"` : ' (no name)'} (${parts.join(', ')})`;
}

/** Whether the guest the site state names for `role` is on the host and carries the site's marker. */
export async function stateGuestIsOurs(host: Host, state: { serial: string; domain: string; guests: ReadonlyArray<{ role: string; vmid: number; kind: string }> }, role: Role, resources?: readonly ResourceRow[]): Promise<boolean> {
  const g = state.guests.find((x) => x.role === role);
  if (!g || g.vmid <= 0) return false;
  const rows = resources ?? (await pveshGet<ResourceRow[]>(host, '/cluster/resources', { type: 'vm' }).catch(() => []));
  const r = rows.find((x) => x.vmid === g.vmid);
  return r !== undefined && isOurs(await inspectGuest(host, r), state, role, g.kind === 'lxc' ? 'lxc' : 'qemu');
}

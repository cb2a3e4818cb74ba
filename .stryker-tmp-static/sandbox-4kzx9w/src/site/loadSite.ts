// @ts-nocheck
// What is deployed on a host: the site state file (what the wizard wrote) and the guests tagged
// `netsetup` (what Proxmox says exists), side by side, with every disagreement named. Read-only.
import { pveshGet } from '../host/pvesh.js';
import type { Host } from '../host/types.js';
import { NETSETUP_TAG } from '../plan/derive.js';
import { readState, type SiteState } from '../tasks/siteState.js';
import type { Role } from '../plan/types.js';
import { describeGuest, inspectGuest, isOurs, type FoundGuest } from './guestOwnership.js';

export interface TaggedGuest {
  vmid: number;
  name: string;
  type: 'lxc' | 'qemu';
  status: string;
  tags: string[];
}

/** One guest row for the overview: the state's view joined with what Proxmox reports. */
export interface SiteGuestRow {
  role: string;
  name: string;
  vmid: number | null;
  ip: string;
  /** running / stopped / missing (in the state, not on the host) / extra (tagged, not in the state). */
  status: string;
}

export type SiteFinding =
  | { kind: 'no-state'; message: string }
  | { kind: 'missing'; role: string; message: string }
  | { kind: 'vmid'; role: string; message: string }
  | { kind: 'extra'; vmid: number; message: string }
  | { kind: 'stopped'; role: string; message: string }
  | { kind: 'foreign'; role: string; message: string };

export interface SiteView {
  state?: SiteState;
  tagged: TaggedGuest[];
  rows: SiteGuestRow[];
  findings: SiteFinding[];
}

interface ResourceEntry { vmid: number; name?: string; type: string; status?: string; tags?: string }

const tagsOf = (t: string | undefined) => (t ?? '').split(/[;, ]+/).filter(Boolean);

export function hasSite(v: SiteView): boolean {
  return v.state !== undefined || v.tagged.length > 0;
}

/** Join the state with the tagged guests. Pure. */
export function compareSite(state: SiteState | undefined, tagged: readonly TaggedGuest[], atStateIds: readonly FoundGuest[] = []): Pick<SiteView, 'rows' | 'findings'> {
  const rows: SiteGuestRow[] = [];
  const findings: SiteFinding[] = [];
  const used = new Set<number>();
  if (!state && tagged.length > 0) {
    findings.push({ kind: 'no-state', message: 'guests tagged netsetup exist but the site state file is missing (/etc/netsetup/state.json)' });
  }
  for (const g of state?.guests ?? []) {
    // What sits at the state's ID must carry this site's marker, or it is somebody else's.
    const atId = atStateIds.find((f) => f.vmid === g.vmid);
    if (state && atId && !isOurs(atId, { serial: state.serial, domain: state.domain }, g.role as Role, g.kind === 'lxc' ? 'lxc' : 'qemu')) {
      used.add(atId.vmid);
      rows.push({ role: g.role, name: g.name, vmid: g.vmid, ip: g.ip, status: 'not ours' });
      findings.push({ kind: 'foreign', role: g.role, message: `ID ${g.vmid} of ${g.name} holds ${describeGuest(atId)}: not this site's guest; repair and relay change leave it alone` });
      continue;
    }
    const byId = tagged.find((t) => t.vmid === g.vmid);
    const byName = tagged.find((t) => t.name === g.name);
    const live = byId && byId.name === g.name ? byId : byName;
    if (!live) {
      rows.push({ role: g.role, name: g.name, vmid: g.vmid, ip: g.ip, status: 'missing' });
      findings.push({ kind: 'missing', role: g.role, message: `${g.name} (ID ${g.vmid}) is in the state file but not on the host` });
      continue;
    }
    used.add(live.vmid);
    rows.push({ role: g.role, name: g.name, vmid: live.vmid, ip: g.ip, status: live.status });
    if (live.vmid !== g.vmid) findings.push({ kind: 'vmid', role: g.role, message: `${g.name} is guest ${live.vmid} on the host but ${g.vmid} in the state file` });
    if (live.status !== 'running') findings.push({ kind: 'stopped', role: g.role, message: `${g.name} (ID ${live.vmid}) is ${live.status}` });
  }
  for (const t of tagged) {
    if (used.has(t.vmid)) continue;
    const role = t.tags.find((x) => x !== NETSETUP_TAG) ?? '?';
    rows.push({ role, name: t.name, vmid: t.vmid, ip: '?', status: `extra, ${t.status}` });
    if (state) findings.push({ kind: 'extra', vmid: t.vmid, message: `guest ${t.vmid} (${t.name}) is tagged netsetup but is not part of the site state` });
  }
  return { rows, findings };
}

/** Read the state file and the tagged guests of `host`. */
export async function loadSite(host: Host): Promise<SiteView> {
  const state = await readState(host);
  const resources = await pveshGet<ResourceEntry[]>(host, '/cluster/resources', { type: 'vm' });
  const tagged: TaggedGuest[] = resources
    .filter((r) => tagsOf(r.tags).includes(NETSETUP_TAG))
    .map((r) => ({ vmid: r.vmid, name: r.name ?? '', type: r.type === 'lxc' ? 'lxc' : 'qemu', status: r.status ?? 'unknown', tags: tagsOf(r.tags) }));
  const atStateIds = await Promise.all(
    (state?.guests ?? []).flatMap((g) => resources.filter((r) => r.vmid === g.vmid)).map((r) => inspectGuest(host, r)),
  );
  return { state, tagged, ...compareSite(state, tagged, atStateIds) };
}

// The design's acceptance run, as read-only checks against a provisioned host: PBS proxy
// active; the container and both VMs exist and run; mail VM services and ports; PMG filter
// active and port 25 listening; DNS VM services; the DNS VM resolves mail.<domain> to the mail
// VM (split horizon). Used by the real-host test and the simulator tests alike.
import { ctRun, vmRun } from '../host/guest.js';
import { pveshGet } from '../host/pvesh.js';
import type { Host } from '../host/types.js';
import type { SiteState } from './siteState.js';
import type { Role } from '../plan/types.js';
import { stateGuestIsOurs } from '../site/guestOwnership.js';
import { EXPECTED } from './nixosVmTask.js';

export interface AcceptanceResult {
  check: string;
  ok: boolean;
  detail: string;
}

interface ResourceEntry { vmid: number; name?: string; type: string; status?: string }

export async function acceptanceChecks(host: Host, state: SiteState): Promise<AcceptanceResult[]> {
  const out: AcceptanceResult[] = [];
  const add = (check: string, ok: boolean, detail: string) => out.push({ check, ok, detail });
  const q = { readOnly: true, allowFailure: true } as const;

  const pbs = await host.run(['systemctl', 'is-active', 'proxmox-backup-proxy'], q);
  add('PBS proxy active', pbs.stdout.trim() === 'active', pbs.stdout.trim() || pbs.stderr.trim());

  const resources = await pveshGet<ResourceEntry[]>(host, '/cluster/resources', { type: 'vm' });
  // Probes run inside a guest only when it carries the site's marker (src/plan/guestMarker.ts).
  const byRole = new Map<string, SiteState['guests'][number]>();
  for (const g of state.guests) {
    const r = resources.find((x) => x.vmid === g.vmid);
    add(`${g.name} exists and runs`, r?.name === g.name && r.status === 'running', r ? `${r.type} ${r.vmid} ${r.name ?? ''} ${r.status ?? ''}` : `no guest ${g.vmid}`);
    const ours = await stateGuestIsOurs(host, state, g.role as Role, resources);
    add(`${g.name} carries the site's marker`, ours, ours ? 'description names this site and role' : `guest ${g.vmid} is not proven to be this site's: nothing is run inside it`);
    if (ours) byRole.set(g.role, g);
  }

  const pmg = byRole.get('pmg');
  if (pmg) {
    const f = await ctRun(host, pmg.vmid, ['systemctl', 'is-active', 'pmg-smtp-filter'], q);
    add('PMG filter active', f.stdout.trim() === 'active', f.stdout.trim() || f.stderr.trim());
    const ss = await ctRun(host, pmg.vmid, ['ss', '-Hltn'], q);
    const on25 = /:25\s/.test(ss.stdout);
    add('PMG listens on 25', on25, on25 ? 'listening' : ss.exit === 0 ? 'nothing listens on port 25 (ss -Hltn)' : ss.stderr.trim());
  }

  for (const role of ['mail', 'dns'] as const) {
    const g = byRole.get(role);
    if (!g) continue;
    const exp = EXPECTED[role];
    const act = await vmRun(host, g.vmid, ['systemctl', 'is-active', ...exp.units], q);
    // `systemctl is-active` prints one state per unit; no output means it did not run (agent down, VM stopped).
    const states = act.stdout.split('\n');
    add(`${g.name} services (${exp.units.join(', ')})`, act.exit === 0, act.stdout ? exp.units.map((u, i) => `${u}=${states[i] ?? '?'}`).join(' ') : act.stderr.trim());
    const ss = await vmRun(host, g.vmid, ['ss', '-Hltn'], q);
    const missing = exp.ports.filter((p) => !new RegExp(`:${p}\\s`).test(ss.stdout));
    add(`${g.name} ports (${exp.ports.join(', ')})`, missing.length === 0, missing.length ? `not listening: ${missing.join(', ')}` : 'all listening');
  }

  const dns = byRole.get('dns');
  const mail = byRole.get('mail');
  if (dns && mail) {
    const d = await vmRun(host, dns.vmid, ['dig', '+short', '@127.0.0.1', `mail.${state.domain}`, 'A'], q);
    // `dig +short` prints one answer a line; its complaints (";; no servers could be reached") go to
    // stdout too, as comment lines: they are not answers, the last one says why there were none.
    const lines = d.stdout.split('\n').filter(Boolean);
    const got = lines.filter((l) => !l.startsWith(';'));
    add(`DNS VM resolves mail.${state.domain}`, got.includes(mail.ip), got.join(', ') || d.stderr.trim() || lines.at(-1) || 'no answer');
  }
  return out;
}

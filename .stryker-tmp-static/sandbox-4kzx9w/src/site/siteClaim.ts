// @ts-nocheck
// Which site this host carries and which guests are this site's, decided before anything is
// written. One host carries one customer's site (SPEC §1: a site host per customer); a run for
// another site is refused, naming the site that is there. A guest is this site's only when the
// marker in its description says so (src/plan/guestMarker.ts): a guest at an ID an earlier run
// set aside, or with the expected name, but without that marker is named and left untouched.
import { WorkError } from '../cli/errors.js';
import type { Host } from '../host/types.js';
import { NETSETUP_TAG, ROLES } from '../plan/derive.js';
import type { SiteId } from '../plan/guestMarker.js';
import type { Plan, Role } from '../plan/types.js';
import { STATE_FILE, type GuestInfo } from '../tasks/context.js';
import { readState } from '../tasks/siteState.js';
import { describeGuest, inspectGuest, isOurs, type FoundGuest, type ResourceRow } from './guestOwnership.js';

/** Where the site and the guest IDs handed out for it are kept, before any guest exists. */
export const VMID_FILE = '/etc/netsetup/vmids.json';

export function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

export function parseAllocations(text: string | undefined): Partial<Record<Role, number>> {
  const data = safeJson(text ?? '{}');
  if (!data || typeof data !== 'object') return {};
  const d = data as Record<string, unknown>;
  return Object.fromEntries(ROLES.filter((r) => Number.isInteger(d[r])).map((r) => [r, d[r] as number]));
}

/** The site an earlier run recorded in the ID file (absent in files from before sites were recorded). */
export function parseSiteRecord(text: string | undefined): SiteId | undefined {
  const site = (safeJson(text) as { site?: { serial?: unknown; domain?: unknown } } | undefined)?.site;
  return typeof site?.serial === 'string' && typeof site.domain === 'string' ? { serial: site.serial, domain: site.domain } : undefined;
}

const sameSite = (a: SiteId, b: SiteId) => a.serial === b.serial && a.domain === b.domain;
const siteText = (s: SiteId) => `site ${s.serial} (${s.domain})`;

/** One read of each guest's config per run. */
class Inspector {
  private readonly seen = new Map<number, Promise<FoundGuest>>();
  constructor(private readonly host: Host) {}
  look(r: ResourceRow): Promise<FoundGuest> {
    let p = this.seen.get(r.vmid);
    if (!p) this.seen.set(r.vmid, (p = inspectGuest(this.host, r)));
    return p;
  }
}

/** Refuse another site, then find this site's guests (one config read per guest). */
export async function claimSite(host: Host, plan: Plan, resources: readonly ResourceRow[], rememberedText: string | undefined): Promise<Partial<Record<Role, GuestInfo>>> {
  const look = new Inspector(host);
  await refuseOtherSite(look, host, plan, resources, parseSiteRecord(rememberedText));
  return ownGuests(look, plan, resources, parseAllocations(rememberedText));
}

/** Refuse a run for another site than the one this host carries (state file, ID file, marked guests). */
async function refuseOtherSite(look: Inspector, host: Host, plan: Plan, resources: readonly ResourceRow[], recorded: SiteId | undefined): Promise<void> {
  const ours: SiteId = { serial: plan.serial, domain: plan.domain };
  const state = await readState(host);
  let there: { site: SiteId; how: string } | undefined;
  if (state) there = { site: { serial: state.serial, domain: state.domain }, how: `its state file ${STATE_FILE} (provisioned ${state.provisionedAt.slice(0, 10)})` };
  else if (recorded) there = { site: recorded, how: `${VMID_FILE}, written when its install started` };
  else {
    for (const r of resources.filter((x) => (x.tags ?? '').split(/[;, ]+/).includes(NETSETUP_TAG))) {
      const g = await look.look(r);
      if (g.marker && !sameSite(g.marker, ours)) {
        there = { site: g.marker, how: `the marker of ${describeGuest(g)}` };
        break;
      }
    }
  }
  if (!there || sameSite(there.site, ours)) return;
  const guests = state?.guests.map((g) => `${g.name} (ID ${g.vmid})`).join(', ');
  throw new WorkError(`this host already carries ${siteText(there.site)}, known from ${there.how}${guests ? `; its guests: ${guests}` : ''}. The answers are for ${siteText(ours)}, so nothing was changed`, {
    step: 'Preflight',
    advice:
      `One Proxmox VE host carries one customer's site. To work on the site that is there, use its answers (hostSerial: ${there.site.serial}, domain: ${there.site.domain}), ` +
      `or run netsetup-wizard without arguments on the host for its menu. To put ${siteText(ours)} here instead, first remove the guests of ${siteText(there.site)} and the folder /etc/netsetup; otherwise use another host.`,
  });
}

/**
 * This site's guests, by proof: for each role, the guest at the remembered ID or with the
 * expected name whose marker names this site and role. Refuses (naming ID and what is there)
 * when such a place holds anything else.
 */
async function ownGuests(look: Inspector, plan: Plan, resources: readonly ResourceRow[], remembered: Partial<Record<Role, number>>): Promise<Partial<Record<Role, GuestInfo>>> {
  const site: SiteId = { serial: plan.serial, domain: plan.domain };
  const existing: Partial<Record<Role, GuestInfo>> = {};
  for (const g of plan.guests) {
    const id = remembered[g.role];
    const atId = id === undefined ? undefined : resources.find((r) => r.vmid === id);
    const byName = resources.filter((r) => r.name === g.name && r.vmid !== id);
    const found = await Promise.all([...(atId ? [atId] : []), ...byName].map((r) => look.look(r)));
    const mine = found.filter((f) => isOurs(f, site, g.role, g.kind));
    const foreignNamed = found.filter((f) => f.name === g.name && !mine.includes(f));
    if (mine.length > 1) {
      throw new WorkError(`two guests carry the marker of ${g.name} for ${siteText(site)}: ${mine.map(describeGuest).join('; ')}`, {
        step: 'Preflight',
        advice: `Keep one of them: remove the other (or its marker) by hand, then run again. Nothing was changed.`,
      });
    }
    const foreignAtId = atId ? found.find((f) => f.vmid === atId.vmid && !mine.includes(f)) : undefined;
    if (mine.length === 0 && foreignAtId) {
      const cutOff = foreignAtId.lock === 'create' && !foreignAtId.marker
        ? ` A restore or create that was cut off leaves a guest locked "create" without a name: if that is what this is, remove it (${g.kind === 'lxc' ? 'pct' : 'qm'} unlock ${id}; ${g.kind === 'lxc' ? 'pct' : 'qm'} destroy ${id}) and run again.`
        : '';
      throw new WorkError(
        `ID ${id}, which an earlier run set aside for ${g.name} (${VMID_FILE}), now holds ${describeGuest(foreignAtId)}. It does not carry the netsetup marker of ${g.name} for ${siteText(site)}, so it is not adopted and is left untouched`,
        {
          step: 'Preflight',
          advice: `If guest ${id} is not part of this site, remove "${g.role}": ${id} from ${VMID_FILE} and run again; ${g.name} then gets a free ID.${cutOff} The wizard never takes over a guest it cannot prove it created.`,
        },
      );
    }
    if (foreignNamed.length > 0) {
      const f = foreignNamed[0]!;
      throw new WorkError(`a guest named ${g.name} already exists but was not created by netsetup-wizard for ${siteText(site)}: ${describeGuest(f)}. It is left untouched`, {
        step: 'Preflight',
        advice: `Rename or remove guest ${f.vmid}, or choose another hostSerial; then run again.`,
      });
    }
    const m = mine[0];
    if (m) existing[g.role] = { vmid: m.vmid, name: m.name, type: m.kind, status: m.status, tags: m.tags };
  }
  return existing;
}

// @ts-nocheck
// The site state file on the host (root-only): what was provisioned, for later runs (menu,
// relay change, handover). Never holds a secret.
import type { ListrTask } from 'listr2';
import { VERSION } from '../cli/help.js';
import { redactAnswers } from '../plan/redactAnswers.js';
import type { Plan } from '../plan/types.js';
import { facts, STATE_FILE, type InstallCtx } from './context.js';

export interface SiteState {
  version: 1;
  domain: string;
  serial: string;
  mode: Plan['answers']['mode'];
  relay?: { host: string; port: number; user?: string; preset: string };
  guests: Array<{ role: string; name: string; vmid: number; ip: string; kind: string }>;
  answers: unknown;
  decision?: Plan['decision'];
  dkimRecord?: string;
  publicIp?: string;
  versions: { wizard: string; pve: string };
  provisionedAt: string;
  updatedAt: string;
}

export function buildState(plan: Plan, pve: string, previous?: SiteState): SiteState {
  const now = new Date().toISOString();
  return {
    version: 1,
    domain: plan.domain,
    serial: plan.serial,
    mode: plan.answers.mode,
    relay: plan.relay ? { host: plan.relay.host, port: plan.relay.port, user: plan.relay.user, preset: plan.relay.presetKey } : undefined,
    guests: plan.guests.map((g) => ({ role: g.role, name: g.name, vmid: g.vmid ?? -1, ip: g.ip, kind: g.kind })),
    answers: redactAnswers(plan.answers),
    decision: plan.decision,
    dkimRecord: plan.dkimRecord ?? previous?.dkimRecord,
    publicIp: plan.publicIp,
    versions: { wizard: VERSION, pve },
    provisionedAt: previous?.provisionedAt ?? now,
    updatedAt: now,
  };
}

/** Compare ignoring timestamps, so a second identical run writes nothing. */
function sameState(a: SiteState, b: SiteState): boolean {
  const strip = (s: SiteState) => JSON.stringify({ ...s, provisionedAt: '', updatedAt: '', versions: { ...s.versions, wizard: '' } });
  return strip(a) === strip(b);
}

export async function readState(host: { readFile(p: string): Promise<string | undefined> }): Promise<SiteState | undefined> {
  const text = await host.readFile(STATE_FILE);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as SiteState;
  } catch {
    return undefined;
  }
}

export function siteStateTask(): ListrTask<InstallCtx> {
  return {
    title: `Save the site state (${STATE_FILE})`,
    task: async (ctx, task) => {
      const previous = await readState(ctx.host);
      const next = buildState(ctx.plan, facts(ctx).pveVersion, previous);
      if (previous && sameState(previous, next)) {
        task.skip('site state unchanged');
        return;
      }
      await ctx.host.writeFile(STATE_FILE, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600, label: 'site state' });
    },
  };
}

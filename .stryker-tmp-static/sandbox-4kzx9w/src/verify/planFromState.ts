// @ts-nocheck
// The plan of a provisioned site, rebuilt from its state file: the same derivation the install
// used, with what provisioning learned (VMIDs, DKIM key, the public IP it saw, the decision).
import type { Answers } from '../schema/answers.js';
import { derivePlan } from '../plan/derive.js';
import type { Plan, Role } from '../plan/types.js';
import type { SiteState } from '../tasks/siteState.js';

export function planFromState(state: SiteState, opts: { dkimRecord?: string } = {}): Plan {
  const answers = state.answers as Answers;
  if (!answers || typeof answers !== 'object' || answers.domain !== state.domain) {
    throw new Error(`the site state names ${state.domain} but holds no matching answers`);
  }
  const vmids: Partial<Record<Role, number>> = {};
  for (const g of state.guests) if (g.vmid > 0) vmids[g.role as Role] = g.vmid;
  const plan = derivePlan(answers, { decision: state.decision, vmids, dkimRecord: opts.dkimRecord ?? state.dkimRecord });
  return { ...plan, publicIp: answers.publicIp ?? state.publicIp ?? plan.publicIp };
}

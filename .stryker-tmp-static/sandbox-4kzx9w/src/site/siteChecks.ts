// @ts-nocheck
// The live checks and the recommendation for a provisioned site, from its state: the same
// functions the install interview and `checks` use.
import { describeChecks, endpointsFromEnv, runSiteChecks } from '../checks/index.js';
import type { CheckResults } from '../checks/types.js';
import { recommend } from '../plan/decide.js';
import type { Recommendation } from '../plan/types.js';
import type { Answers } from '../schema/answers.js';
import type { SiteState } from '../tasks/siteState.js';

export function recommendFor(checks: CheckResults, state: SiteState): Recommendation {
  const a = state.answers as Answers;
  const d = a.decision;
  return recommend(checks, { highVolume: d?.highVolume ?? false, thirdPartyAllowed: d?.thirdPartyAllowed ?? true, staticIp: a.publicIp !== undefined }, state.domain);
}

/** Dependencies of the relay change screens, wired to the real checks (endpoints from NETSETUP_*). */
export function relayChangeDeps(env: NodeJS.ProcessEnv) {
  const endpoints = endpointsFromEnv(env);
  return {
    runChecks: (signal: AbortSignal, domain: string) => runSiteChecks({ endpoints, signal, domain }),
    recommend: recommendFor,
    describeChecks,
  };
}

/** Checks + recommendation as text, for the non-interactive relay change. */
export function checksReport(checks: CheckResults, state: SiteState, chosen: 'standalone' | 'smarthost'): string[] {
  const rec = recommendFor(checks, state);
  const lines = describeChecks(checks);
  lines.push('', `Recommendation: ${rec.mode === 'standalone' ? 'standalone (direct MX delivery)' : 'smarthost (relay)'}${rec.mode === chosen ? '' : ` — this change sets ${chosen}`}`);
  for (const r of rec.reasons) lines.push(`  - ${r}`);
  return lines;
}

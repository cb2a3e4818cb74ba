// @ts-nocheck
// Stand-ins for the real site checks and decision functions, so interview tests decide the facts.
import type { CheckResults } from '../../src/checks/types.js';
import type { Decision, Mode, Recommendation } from '../../src/plan/types.js';
import type { Questions } from '../../src/interview/state.js';

export function fakeChecks(opts: { port25: 'open' | 'blocked'; ip?: string }): CheckResults {
  const ip = opts.ip ?? '203.0.113.7';
  return {
    port25:
      opts.port25 === 'open'
        ? { status: 'open', host: 'gmail-smtp-in.l.google.com', banner: '220 mx.google.com ESMTP', ms: 41 }
        : { status: 'blocked', detail: 'all probes timed out', ms: 6000 },
    publicIp: { status: 'ok', ip, source: 'https://api.ipify.org', cgnat: false },
    ptr: { ip, names: ['mail.example.com'], forwardConfirmed: true, matchesMailHost: true, expected: 'mail.example.com', status: 'ok' },
    at: '2026-01-01T00:00:00.000Z',
  };
}

export function fakeRecommend(checks: CheckResults, q: Questions): Recommendation {
  if (checks.port25.status !== 'open') {
    return { mode: 'smarthost', reasons: ['The ISP blocks outbound port 25.'], risks: ['A relay provider carries all outgoing mail.'] };
  }
  if (q.highVolume) return { mode: 'smarthost', reasons: ['High volume needs a relay with a good reputation.'], risks: [] };
  if (!q.thirdPartyAllowed) return { mode: 'standalone', reasons: ['The customer refuses any third party.'], risks: ['Deliverability depends on this IP alone.'] };
  if (!q.staticIp) return { mode: 'smarthost', reasons: ['No static public IP with a settable PTR.'], risks: [] };
  return { mode: 'standalone', reasons: ['Port 25 is open and the IP is static with a PTR.'], risks: ['Keep the IP off blocklists.'] };
}

export function fakeDecide(recommended: Recommendation, chosen: Mode, overrideReason?: string): Decision {
  return { recommended, chosen, ...(chosen !== recommended.mode && overrideReason ? { overrideReason } : {}) };
}

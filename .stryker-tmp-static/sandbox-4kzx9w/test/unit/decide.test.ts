// @ts-nocheck
// The SPEC §2 decision tree, branch by branch, including the words the technician reads.
import { describe, expect, it } from 'vitest';
import { decide, recommend, type DecisionPrefs } from '../../src/plan/decide.js';
import type { CheckResults, PtrResult, Port25Result, PublicIpResult } from '../../src/checks/types.js';
import { InputError } from '../../src/cli/errors.js';

const OPEN: Port25Result = { status: 'open', host: 'gmail-smtp-in.l.google.com', banner: '220 mx.google.com ESMTP', ms: 80 };
const BLOCKED: Port25Result = { status: 'blocked', detail: '6 probes: 6 timed out', ms: 5500 };
const NO_DNS: Port25Result = { status: 'no-dns', detail: 'no MX host name resolved (ENOTFOUND)', ms: 20 };
const NO_NET: Port25Result = { status: 'no-network', detail: '6 probes: 6 had no route', ms: 3 };
const IP: PublicIpResult = { status: 'ok', ip: '203.0.113.7', source: 'https://api.ipify.org', cgnat: false };
const CGNAT: PublicIpResult = { ...IP, cgnat: true, note: 'shared' };
const ptr = (p: Partial<PtrResult>): PtrResult => ({ ip: '203.0.113.7', names: [], forwardConfirmed: false, matchesMailHost: false, expected: 'mail.example.com', status: 'missing', ...p });
const PTR_OK = ptr({ names: ['mail.example.com'], forwardConfirmed: true, matchesMailHost: true, status: 'ok' });
const PTR_UNCONFIRMED = ptr({ names: ['mail.example.com'], matchesMailHost: true, status: 'not-confirmed' });
const PTR_ISP = ptr({ names: ['host-7.dsl.isp.test'], forwardConfirmed: true, status: 'other-name' });
const PTR_NONE = ptr({});
const checks = (port25: Port25Result, publicIp: PublicIpResult = IP, p?: PtrResult): CheckResults => ({ port25, publicIp, ...(p ? { ptr: p } : {}), at: '2025-01-01T00:00:00.000Z' });
const prefs = (p: Partial<DecisionPrefs> = {}): DecisionPrefs => ({ highVolume: false, thirdPartyAllowed: true, staticIp: true, ...p });

interface Row {
  name: string;
  checks: CheckResults | undefined;
  prefs: DecisionPrefs;
  mode: 'standalone' | 'smarthost';
  reasons: RegExp[];
  risks?: RegExp[];
}

const TABLE: Row[] = [
  { name: 'port 25 blocked → smarthost', checks: checks(BLOCKED, IP, PTR_OK), prefs: prefs(), mode: 'smarthost', reasons: [/port 25 is blocked \(6 probes: 6 timed out\)/, /smarthost/], risks: [/relay provider/, /SPF include and DKIM/] },
  { name: 'open + static + PTR already mail.<domain> → standalone', checks: checks(OPEN, IP, PTR_OK), prefs: prefs(), mode: 'standalone', reasons: [/port 25 is open \(gmail-smtp-in/, /PTR is already mail\.example\.com, confirmed/, /standalone/], risks: [/reputation/] },
  { name: 'open + static + PTR mail.<domain> without A record → standalone, publish A', checks: checks(OPEN, IP, PTR_UNCONFIRMED), prefs: prefs(), mode: 'standalone', reasons: [/open/, /PTR is already mail\.example\.com\.$/, /standalone/], risks: [/does not resolve back to 203\.0\.113\.7.*A record/, /reputation/] },
  { name: 'open + static + ISP name, settable → standalone, ask the ISP', checks: checks(OPEN, IP, PTR_ISP), prefs: prefs(), mode: 'standalone', reasons: [/open/, /usually get a PTR on request: ask for mail\.example\.com \(it is host-7\.dsl\.isp\.test now\)/, /standalone/], risks: [/Until the ISP sets the PTR of 203\.0\.113\.7/, /reputation/] },
  { name: 'open + static + no PTR, ISP sets PTRs → standalone', checks: checks(OPEN, IP, PTR_NONE), prefs: prefs({ ptrSettable: true }), mode: 'standalone', reasons: [/open/, /the ISP sets its PTR on request: ask for mail\.example\.com \(it has none yet\)/, /standalone/] },
  { name: 'open + static + PTR not settable → smarthost', checks: checks(OPEN, IP, PTR_ISP), prefs: prefs({ ptrSettable: false }), mode: 'smarthost', reasons: [/open/, /will not set its PTR to mail\.example\.com \(it is host-7/, /smarthost/] },
  { name: 'open + static + PTR already right even if ISP would not change it → standalone', checks: checks(OPEN, IP, PTR_OK), prefs: prefs({ ptrSettable: false }), mode: 'standalone', reasons: [/open/, /already/, /standalone/] },
  { name: 'open + dynamic IP → smarthost', checks: checks(OPEN, IP, PTR_OK), prefs: prefs({ staticIp: false }), mode: 'smarthost', reasons: [/open/, /dynamic/, /smarthost/] },
  { name: 'open + CGNAT → smarthost', checks: checks(OPEN, CGNAT), prefs: prefs(), mode: 'smarthost', reasons: [/open/, /carrier-grade NAT/, /smarthost/] },
  { name: 'open + static, public IP unknown → standalone (PTR unchecked)', checks: checks(OPEN, { status: 'failed', detail: 'x' }), prefs: prefs(), mode: 'standalone', reasons: [/open/, /\(it could not be checked\)/, /standalone/], risks: [/the public IP to mail\.example\.com/, /reputation/] },
  { name: 'no DNS → smarthost, conservative', checks: checks(NO_DNS), prefs: prefs(), mode: 'smarthost', reasons: [/could not be tested \(DNS did not resolve/, /smarthost/] },
  { name: 'no network → smarthost, conservative', checks: checks(NO_NET), prefs: prefs(), mode: 'smarthost', reasons: [/could not be tested \(this host had no route/, /smarthost/] },
  { name: 'checks unknown → smarthost with a reason', checks: undefined, prefs: prefs(), mode: 'smarthost', reasons: [/checks did not run/, /safe choice; run the checks/] },
  { name: 'high volume beats a perfect standalone site', checks: checks(OPEN, IP, PTR_OK), prefs: prefs({ highVolume: true }), mode: 'smarthost', reasons: [/High volume/, /open/, /already mail\.example\.com/], risks: [/relay provider/, /SPF include and DKIM/] },
  { name: 'refuses third party, site fine → standalone', checks: checks(OPEN, IP, PTR_OK), prefs: prefs({ thirdPartyAllowed: false }), mode: 'standalone', reasons: [/refuses any third-party relay/, /open/, /already mail\.example\.com/], risks: [/reputation/] },
  {
    name: 'refuses third party with port 25 blocked and high volume → standalone, risks spelled out',
    checks: checks(BLOCKED),
    prefs: prefs({ thirdPartyAllowed: false, highVolume: true, staticIp: false }),
    mode: 'standalone',
    reasons: [/refuses any third-party relay/, /blocked/],
    risks: [/no mail leaves until the ISP opens it/, /High volume from a single site IP/, /reputation/],
  },
  { name: 'refuses third party on a dynamic IP → standalone, dynamic risk', checks: checks(OPEN, IP, PTR_NONE), prefs: prefs({ thirdPartyAllowed: false, staticIp: false }), mode: 'standalone', reasons: [/refuses/, /open/, /dynamic/], risks: [/dynamic addresses/, /reputation/] },
  { name: 'refuses third party, checks unknown → standalone, untested risk', checks: undefined, prefs: prefs({ thirdPartyAllowed: false }), mode: 'standalone', reasons: [/refuses/, /did not run/], risks: [/not known whether this site can deliver directly/, /reputation/] },
];

describe('recommend', () => {
  it.each(TABLE)('$name', (row) => {
    // Given the check results and the customer's preferences of the row
    // When the tree is evaluated
    const rec = recommend(row.checks, row.prefs, 'example.com');
    // Then the mode, and every expected reason/risk in order, are there
    expect(rec.mode).toBe(row.mode);
    expect(rec.reasons).toHaveLength(row.reasons.length);
    row.reasons.forEach((re, i) => expect(rec.reasons[i]).toMatch(re));
    if (row.risks) {
      expect(rec.risks).toHaveLength(row.risks.length);
      row.risks.forEach((re, i) => expect(rec.risks[i]).toMatch(re));
    }
  });

  it('always gives reasons and risks for every mode', () => {
    // Given every row of the table / When recommended / Then nothing is left unexplained
    for (const row of TABLE) {
      const rec = recommend(row.checks, row.prefs, 'example.com');
      expect(rec.reasons.length).toBeGreaterThan(0);
      expect(rec.risks.length).toBeGreaterThan(0);
    }
  });
});

describe('decide', () => {
  const rec = recommend(checks(BLOCKED), prefs(), 'example.com');

  it('accepts the recommendation without a reason, and drops a stray one', () => {
    // When the technician takes the recommendation
    const d = decide(rec, 'smarthost', 'because');
    // Then no override is recorded
    expect(d).toEqual({ recommended: rec, chosen: 'smarthost' });
  });

  it('requires a reason to override, naming the field', () => {
    // When the technician overrides without (or with a blank) reason
    // Then an input error names decision.overrideReason and the recommendation
    for (const r of [undefined, '', '  ', 'x']) {
      let err: unknown;
      try {
        decide(rec, 'standalone', r);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).problems).toEqual([{ path: 'decision.overrideReason', message: expect.stringMatching(/^is required: standalone was chosen but smarthost is recommended \(Outbound port 25 is blocked/) }]);
    }
  });

  it('records the override reason, trimmed', () => {
    // When the technician overrides with a reason
    const d = decide(rec, 'standalone', '  ISP opens port 25 next week  ');
    // Then the decision keeps both modes and the reason
    expect(d).toEqual({ recommended: rec, chosen: 'standalone', overrideReason: 'ISP opens port 25 next week' });
  });
});

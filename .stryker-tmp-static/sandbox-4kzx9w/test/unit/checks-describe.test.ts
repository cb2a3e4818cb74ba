// @ts-nocheck
// describeChecks: one readable line per fact, and advice that differs per outcome.
import { describe, expect, it } from 'vitest';
import { describeChecks } from '../../src/checks/index.js';
import type { CheckResults, PtrResult } from '../../src/checks/types.js';

const base: CheckResults = {
  publicIp: { status: 'ok', ip: '203.0.113.7', source: 'https://api.ipify.org', cgnat: false },
  port25: { status: 'open', host: 'mx.test', banner: '220 mx.test ESMTP', ms: 120 },
  ptr: { ip: '203.0.113.7', names: ['mail.example.com'], forwardConfirmed: true, matchesMailHost: true, expected: 'mail.example.com', status: 'ok' },
  at: '2025-01-01T00:00:00.000Z',
};
const withPtr = (p: Partial<PtrResult>): CheckResults => ({ ...base, ptr: { ...base.ptr!, ...p } });
const text = (r: CheckResults): string => describeChecks(r).join('\n');

describe('describeChecks', () => {
  it('all good: three ticks and the three PTR facts, no advice', () => {
    // Given a site where everything passes / When described
    const out = describeChecks(base);
    // Then
    expect(out).toEqual([
      '✓ Public IP: 203.0.113.7 (seen by https://api.ipify.org)',
      '✓ Outbound port 25: open (mx.test answered "220 mx.test ESMTP" after 0.1 s)',
      '✓ Reverse DNS (PTR): mail.example.com',
      '  PTR of 203.0.113.7: mail.example.com',
      '  resolves back to 203.0.113.7: yes',
      '  is mail.example.com: yes',
    ]);
  });

  it('gives different advice for blocked, no-dns and no-network', () => {
    // Given the three failing port-25 outcomes / When described
    const blocked = text({ ...base, port25: { status: 'blocked', detail: '3 probes: 3 timed out', ms: 5500 } });
    const noDns = text({ ...base, port25: { status: 'no-dns', detail: 'no MX host name resolved (ENOTFOUND)', ms: 5 } });
    const noNet = text({ ...base, port25: { status: 'no-network', detail: '3 probes: 3 unreachable', ms: 5 } });
    // Then each names its cause and its own remedy
    expect(blocked).toContain('✗ Outbound port 25: blocked (3 probes: 3 timed out; 5.5 s)');
    expect(blocked).toContain('Use a smarthost');
    expect(noDns).toContain('? Outbound port 25: unknown, DNS failed');
    expect(noDns).toContain('Fix its DNS resolver');
    expect(noNet).toContain('no route to the internet');
    expect(new Set([blocked, noDns, noNet]).size).toBe(3);
  });

  it('explains each PTR outcome with its own advice', () => {
    // Given each PTR status / When described / Then the headline and advice match the status
    expect(text(withPtr({ names: [], forwardConfirmed: false, matchesMailHost: false, status: 'missing' }))).toMatch(/✗ Reverse DNS \(PTR\): none for 203\.0\.113\.7[\s\S]*PTR of 203\.0\.113\.7: \(none\)[\s\S]*ask the ISP to set the PTR of 203\.0\.113\.7 to mail\.example\.com/);
    expect(text(withPtr({ names: ['h.isp.test'], matchesMailHost: false, status: 'other-name' }))).toMatch(/h\.isp\.test, not mail\.example\.com[\s\S]*is mail\.example\.com: no[\s\S]*change the PTR/);
    expect(text(withPtr({ forwardConfirmed: false, status: 'not-confirmed' }))).toMatch(/does not resolve back[\s\S]*resolves back to 203\.0\.113\.7: no[\s\S]*publish the A record mail\.example\.com → 203\.0\.113\.7/);
    expect(text(withPtr({ names: [], status: 'lookup-failed', detail: 'PTR lookup failed: ETIMEOUT' }))).toContain('? Reverse DNS (PTR): lookup failed (PTR lookup failed: ETIMEOUT)');
    expect(text(withPtr({ expected: '', matchesMailHost: false }))).toContain('is mail.<domain>: - (no domain given; use --answers)');
  });

  it('covers an unknown public IP, CGNAT and a missing PTR check', () => {
    // Given a failed echo without PTR, and a CGNAT echo
    const failed = text({ ...base, publicIp: { status: 'failed', detail: 'a: ECONNREFUSED' }, ptr: undefined });
    const cgnat = text({ ...base, publicIp: { status: 'ok', ip: '198.51.100.9', source: 'x', cgnat: true, note: 'shared address' }, ptr: undefined });
    // Then both say what it means and what to do
    expect(failed).toContain('✗ Public IP: unknown (a: ECONNREFUSED)');
    expect(failed).toContain('? Reverse DNS (PTR): not checked');
    expect(cgnat).toContain('! Carrier-grade NAT: shared address');
    expect(cgnat).toContain('Ask the ISP for a public');
  });
});

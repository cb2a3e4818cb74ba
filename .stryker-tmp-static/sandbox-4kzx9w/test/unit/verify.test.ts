// @ts-nocheck
// Pure parts of the DNS verification: resolver configuration, combining resolvers, DKIM keys,
// and the human report.
import { describe, expect, it } from 'vitest';
import { combine, verifyConfigFromEnv, DEFAULT_VERIFY_RESOLVERS } from '../../src/verify/index.js';
import { dkimKey } from '../../src/verify/evaluate.js';
import { formatVerifyReport } from '../../src/verify/format.js';
import type { DnsRecord } from '../../src/render/records.js';
import { InputError } from '../../src/cli/errors.js';

const MX: DnsRecord = { type: 'MX', name: 'example.com', value: 'mx.example.com', priority: 10, ttl: 3600 };

describe('verify configuration', () => {
  it('defaults to public resolvers and takes a comma-separated override', () => {
    expect(verifyConfigFromEnv({}).resolvers).toEqual([...DEFAULT_VERIFY_RESOLVERS]);
    expect(verifyConfigFromEnv({ NETSETUP_VERIFY_RESOLVERS: '127.0.0.1:5353, 127.0.0.2' }).resolvers).toEqual(['127.0.0.1:5353', '127.0.0.2']);
  });

  it('names the variable when a resolver is not an address', () => {
    // When a host name is given instead of an address
    const bad = () => verifyConfigFromEnv({ NETSETUP_VERIFY_RESOLVERS: 'dns.google:53' });
    // Then an InputError names the variable and the value
    expect(bad).toThrow(InputError);
    try {
      bad();
    } catch (e) {
      expect((e as InputError).problems).toEqual([{ path: 'NETSETUP_VERIFY_RESOLVERS', message: '"dns.google:53" must be an IP address with an optional :port, e.g. 127.0.0.1:5353' }]);
    }
  });
});

describe('combine', () => {
  it('takes the worst verdict of the resolvers that answered and ignores the silent ones', () => {
    const c = combine(MX, [
      { resolver: 'a', verdict: 'ok', found: ['10 mx.example.com'] },
      { resolver: 'b', verdict: 'lookup-failed', found: [] },
      { resolver: 'c', verdict: 'wrong-value', found: ['10 old.example.net'], detail: 'mail goes elsewhere' },
    ]);
    expect(c.verdict).toBe('wrong-value');
    expect(c.found).toEqual(['10 old.example.net']);
    expect(c.detail).toContain('mail goes elsewhere');
    expect(c.detail).toContain('resolvers disagree (a ok, c wrong-value)');
    expect(c.detail).toContain('no answer from b');
  });

  it('is lookup-failed only when no resolver answered', () => {
    const c = combine(MX, [
      { resolver: 'a', verdict: 'lookup-failed', found: [], detail: 'ETIMEOUT' },
      { resolver: 'b', verdict: 'lookup-failed', found: [], detail: 'ESERVFAIL' },
    ]);
    expect(c).toMatchObject({ verdict: 'lookup-failed', required: true });
    expect(c.detail).toBe('no resolver answered (a: ETIMEOUT; b: ESERVFAIL)');
  });
});

describe('dkimKey', () => {
  it('reads the p= tag, whitespace removed; empty for a revoked key', () => {
    expect(dkimKey('v=DKIM1; k=rsa; p=MIIB IjAN Bg==')).toBe('MIIBIjANBg==');
    expect(dkimKey('v=DKIM1; p=')).toBe('');
    expect(dkimKey('v=DKIM1; k=rsa')).toBeUndefined();
  });
});

describe('formatVerifyReport', () => {
  it('shows expected and found for a problem, within 80 columns, and sums up', () => {
    const long = `v=DKIM1; k=rsa; p=${'A'.repeat(390)}`;
    const dkim: DnsRecord = { type: 'TXT', name: 'default._domainkey.example.com', value: long, ttl: 3600 };
    const text = formatVerifyReport({
      domain: 'example.com',
      at: '2025-03-04T09:25:00.000Z',
      resolvers: ['127.0.0.1:53'],
      checks: [combine(MX, [{ resolver: 'x', verdict: 'missing', found: [] }]), combine(dkim, [{ resolver: 'x', verdict: 'ok', found: [long] }])],
      problems: 1,
      ok: false,
    });
    expect(text).toMatch(/✗ MISSING\s+MX\s+example\.com\n\s+expected 10 mx\.example\.com\n\s+found\s+\(nothing\)/);
    expect(text).toMatch(/✓ ok\s+TXT\s+default\._domainkey\.example\.com\n\s+v=DKIM1; k=rsa; p=A+…A+\n/);
    expect(text).toContain('1 of 2 required records need attention.');
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });
});

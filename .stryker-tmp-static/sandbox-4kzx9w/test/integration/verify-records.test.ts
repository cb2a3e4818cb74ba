// @ts-nocheck
// Live DNS verification against a real DNS server on 127.0.0.1: each verdict kind, an all-ok
// site, several resolvers that disagree, and placeholders that are skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivePlan } from '../../src/plan/derive.js';
import type { Plan } from '../../src/plan/types.js';
import { validateAnswers } from '../../src/schema/load.js';
import { buildRecords } from '../../src/render/records.js';
import { verifySite, type VerifyReport } from '../../src/verify/index.js';
import { formatVerifyReport } from '../../src/verify/format.js';
import { startDnsServer, type DnsRecord as ServedRecord, type LocalDns } from '../helpers/localServers.js';
import { smarthostAnswers, standaloneAnswers } from '../helpers/answers.js';
import { fakeDkim2048 } from '../helpers/recordsPlans.js';

const DKIM = fakeDkim2048();
const standalone: Plan = derivePlan(validateAnswers(standaloneAnswers(), 'standalone'), { dkimRecord: DKIM });
const smarthost: Plan = derivePlan(validateAnswers(smarthostAnswers({ publicIp: '203.0.113.7' }), 'smarthost'));

/** What a correct DNS provider (and ISP) would serve for a plan; the local server knows no SRV. */
function published(plan: Plan): ServedRecord[] {
  return buildRecords(plan)
    .filter((r) => r.type !== 'SRV' && !r.pending)
    .map((r) => ({ type: r.type as ServedRecord['type'], name: r.name, value: r.value, ...(r.priority !== undefined ? { priority: r.priority } : {}) }));
}

const without = (rows: ServedRecord[], pred: (r: ServedRecord) => boolean) => rows.filter((r) => !pred(r));
const byName = (report: VerifyReport, type: string, name: string) => {
  const c = report.checks.find((x) => x.record.type === type && x.record.name === name);
  if (!c) throw new Error(`no check for ${type} ${name}`);
  return c;
};

let dns: LocalDns;
let dns2: LocalDns;
beforeAll(async () => {
  dns = await startDnsServer([]);
  dns2 = await startDnsServer([]);
});
afterAll(async () => {
  await dns.close();
  await dns2.close();
});

const verify = (plan: Plan, rows: ServedRecord[]) => {
  dns.setRecords(rows);
  return verifySite(plan, { resolvers: [dns.server], timeoutMs: 400 });
};

describe('verifySite against a local DNS server', () => {
  it('all ok: every required record of a standalone site is published correctly', async () => {
    // Given the DNS server serves exactly the records the site needs (and the ISP set the PTR)
    const report = await verify(standalone, published(standalone));
    // Then every required record is ok and the report is ok
    const required = report.checks.filter((c) => c.required);
    expect(required.map((c) => `${c.record.type} ${c.record.name} ${c.verdict}`)).toEqual([
      'A mail.example.com ok',
      'A mx.example.com ok',
      'A pmg.example.com ok',
      'A mta-sts.example.com ok',
      'A autoconfig.example.com ok',
      'MX example.com ok',
      'TXT example.com ok',
      'TXT default._domainkey.example.com ok',
      'TXT _dmarc.example.com ok',
      'PTR 7.113.0.203.in-addr.arpa ok',
    ]);
    expect(report.ok).toBe(true);
    expect(report.problems).toBe(0);
    // And the recommended SRV records the server cannot serve are reported, without failing the run
    expect(byName(report, 'SRV', '_submission._tcp.example.com')).toMatchObject({ verdict: 'missing', required: false });
    expect(byName(report, 'TXT', '_smtp._tls.example.com').verdict).toBe('ok');
    // And the server was really asked (MX target CNAME check, PTR forward confirmation)
    expect(dns.queries).toEqual(expect.arrayContaining(['example.com MX', 'mx.example.com CNAME', '7.113.0.203.in-addr.arpa PTR', 'mail.example.com A']));
  });

  it('missing: no MX record', async () => {
    const report = await verify(standalone, without(published(standalone), (r) => r.type === 'MX'));
    expect(byName(report, 'MX', 'example.com')).toMatchObject({ verdict: 'missing', found: [], expected: '10 mx.example.com' });
    expect(report.ok).toBe(false);
    expect(report.problems).toBe(1);
  });

  it('wrong-value: mail.<domain> points at an old address', async () => {
    // Given mail.example.com still points at the previous provider
    const rows = published(standalone).map((r) => (r.type === 'A' && r.name === 'mail.example.com' ? { ...r, value: '198.51.100.9' } : r));
    const report = await verify(standalone, rows);
    // Then the A record is a wrong value showing both addresses
    expect(byName(report, 'A', 'mail.example.com')).toMatchObject({ verdict: 'wrong-value', expected: '203.0.113.7', found: ['198.51.100.9'] });
    // And the PTR (mail.example.com no longer resolves back) is not forward-confirmed
    expect(byName(report, 'PTR', '7.113.0.203.in-addr.arpa').verdict).toBe('ptr-not-confirmed');
  });

  it('extra-spf: two v=spf1 records at the apex', async () => {
    const rows = [...published(standalone), { type: 'TXT' as const, name: 'example.com', value: 'v=spf1 include:_spf.oldhost.test ~all' }];
    const report = await verify(standalone, rows);
    const spf = byName(report, 'TXT', 'example.com');
    expect(spf.verdict).toBe('extra-spf');
    expect(spf.found).toHaveLength(2);
    expect(spf.detail).toMatch(/merge/i);
  });

  it('an SPF merged with other mechanisms is ok; one lacking ours is a wrong value', async () => {
    const merged = published(standalone).map((r) => (r.type === 'TXT' && r.name === 'example.com' ? { ...r, value: 'v=spf1 a:mail.example.com include:_spf.crm.test -all' } : r));
    expect(byName(await verify(standalone, merged), 'TXT', 'example.com')).toMatchObject({ verdict: 'ok', detail: 'merged with include:_spf.crm.test' });
    const foreign = published(standalone).map((r) => (r.type === 'TXT' && r.name === 'example.com' ? { ...r, value: 'v=spf1 include:_spf.crm.test -all' } : r));
    expect(byName(await verify(standalone, foreign), 'TXT', 'example.com')).toMatchObject({ verdict: 'wrong-value', detail: 'the SPF lacks a:mail.example.com' });
  });

  it('mx-cname: the MX target is a CNAME', async () => {
    // Given mx.example.com is published as a CNAME to mail.example.com instead of an A record
    const rows = [...without(published(standalone), (r) => r.name === 'mx.example.com'), { type: 'CNAME' as const, name: 'mx.example.com', value: 'mail.example.com' }];
    const report = await verify(standalone, rows);
    // Then the MX verdict names the CNAME, although the address behind it is right
    expect(byName(report, 'MX', 'example.com')).toMatchObject({ verdict: 'mx-cname' });
    expect(byName(report, 'MX', 'example.com').detail).toContain('RFC 2181');
    expect(byName(report, 'A', 'mx.example.com').verdict).toBe('ok');
  });

  it('ptr-missing: the ISP has not set the reverse entry', async () => {
    const report = await verify(standalone, without(published(standalone), (r) => r.type === 'PTR'));
    expect(byName(report, 'PTR', '7.113.0.203.in-addr.arpa')).toMatchObject({ verdict: 'ptr-missing', found: [] });
  });

  it('ptr-not-confirmed: the PTR is mail.<domain> but that name does not resolve back', async () => {
    // Given the PTR is right but mail.example.com has no address at all
    const rows = without(published(standalone), (r) => r.type === 'A' && r.name === 'mail.example.com');
    const report = await verify(standalone, rows);
    expect(byName(report, 'PTR', '7.113.0.203.in-addr.arpa')).toMatchObject({ verdict: 'ptr-not-confirmed', found: ['mail.example.com'] });
    expect(byName(report, 'A', 'mail.example.com').verdict).toBe('missing');
  });

  it('a PTR naming something else is a wrong value', async () => {
    const rows = [...without(published(standalone), (r) => r.type === 'PTR'), { type: 'PTR' as const, name: '7.113.0.203.in-addr.arpa', value: 'dsl-7.isp.test' }];
    expect(byName(await verify(standalone, rows), 'PTR', '7.113.0.203.in-addr.arpa')).toMatchObject({ verdict: 'wrong-value', found: ['dsl-7.isp.test'] });
  });

  it('dkim-mismatch: a DKIM key is published but not the mail VM one', async () => {
    // Given an older key at default._domainkey
    const old = `v=DKIM1; k=rsa; p=${Buffer.alloc(294, 7).toString('base64')}`;
    const rows = published(standalone).map((r) => (r.name === 'default._domainkey.example.com' ? { ...r, value: old } : r));
    const report = await verify(standalone, rows);
    const dkim = byName(report, 'TXT', 'default._domainkey.example.com');
    expect(dkim.verdict).toBe('dkim-mismatch');
    expect(dkim.found).toEqual([old]);
    // And a missing key is "missing", not a mismatch
    const gone = await verify(standalone, without(published(standalone), (r) => r.name === 'default._domainkey.example.com'));
    expect(byName(gone, 'TXT', 'default._domainkey.example.com').verdict).toBe('missing');
  });

  it('lookup-failed: the resolver answers SERVFAIL or nothing', async () => {
    // Given _dmarc answers SERVFAIL and the PTR query is never answered
    dns.setRecords(published(standalone));
    const srv = await startDnsServer(published(standalone), { servfail: ['_dmarc.example.com'], drop: ['7.113.0.203.in-addr.arpa'] });
    try {
      const report = await verifySite(standalone, { resolvers: [srv.server], timeoutMs: 300 });
      // Then both are lookup-failed (not missing), and they count as problems
      expect(byName(report, 'TXT', '_dmarc.example.com').verdict).toBe('lookup-failed');
      expect(byName(report, 'PTR', '7.113.0.203.in-addr.arpa').verdict).toBe('lookup-failed');
      expect(report.problems).toBe(2);
    } finally {
      await srv.close();
    }
  });

  it('several resolvers: the worst verdict wins and the disagreement is explained', async () => {
    // Given one resolver sees the MX and the other does not (yet)
    dns.setRecords(published(standalone));
    dns2.setRecords(without(published(standalone), (r) => r.type === 'MX'));
    const report = await verifySite(standalone, { resolvers: [dns.server, dns2.server], timeoutMs: 400 });
    const mx = byName(report, 'MX', 'example.com');
    expect(mx.verdict).toBe('missing');
    expect(mx.answers.map((a) => a.verdict)).toEqual(['ok', 'missing']);
    expect(mx.detail).toMatch(/resolvers disagree/);
    // And records both agree on are ok
    expect(byName(report, 'A', 'mail.example.com').verdict).toBe('ok');
  });

  it('smarthost: SPF include of the relay, no DKIM and no PTR to check', async () => {
    const report = await verify(smarthost, published(smarthost));
    expect(report.ok).toBe(true);
    expect(byName(report, 'TXT', 'example.com').expected).toBe('v=spf1 include:sendgrid.net -all');
    expect(report.checks.some((c) => c.record.type === 'PTR' || c.record.name.includes('_domainkey'))).toBe(false);
  });

  it('placeholders are skipped, not failed', async () => {
    // Given a standalone plan without a known public IP and without the DKIM key yet
    const plan = derivePlan(validateAnswers(standaloneAnswers({ publicIp: undefined }), 'dynamic'));
    const report = await verify(plan, published(plan));
    expect(report.checks.filter((c) => c.verdict === 'skipped').map((c) => c.record.type)).toEqual(['A', 'A', 'A', 'A', 'A', 'TXT', 'PTR']);
    expect(report.ok).toBe(true);
    // And the human report says so, within 80 columns
    const text = formatVerifyReport(report);
    expect(text).toContain('7 records not checked: value not known yet.');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});

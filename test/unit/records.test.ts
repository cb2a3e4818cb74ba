import { describe, expect, it } from 'vitest';
import { buildRecords, recordAdvice, reverseName, type DnsRecord } from '../../src/render/records.js';
import { recordsToJson, recordsToTable, recordsToZone, txtStrings, wrap } from '../../src/render/recordsFormat.js';
import { RELAY_PRESETS } from '../../src/catalog/relayPresets.js';
import { fakeDkim2048, planFromFile, smarthostPlan } from '../helpers/recordsPlans.js';

const spfOf = (rs: DnsRecord[]) => rs.filter((r) => r.type === 'TXT' && r.value.startsWith('v=spf1'));
const find = (rs: DnsRecord[], type: string, name: string) => rs.filter((r) => r.type === type && r.name === name);

describe('buildRecords: standalone with a static IP', () => {
  // Given the standalone example (203.0.113.7, no DNS provider)
  const plan = planFromFile('examples/standalone.yaml');
  const rs = buildRecords(plan);

  it('publishes A records for mail, mx and pmg on the public IP, TTL 3600, not ddns-managed', () => {
    for (const n of ['mail', 'mx', 'pmg']) {
      const [a, ...more] = find(rs, 'A', `${n}.example.com`);
      expect(more).toHaveLength(0);
      expect(a).toMatchObject({ value: '203.0.113.7', ttl: 3600 });
      expect(a?.ddns).toBeUndefined();
    }
  });

  it('has MX 10 mx.<domain>, exactly one SPF, DKIM placeholder, DMARC and the PTR request', () => {
    expect(find(rs, 'MX', 'example.com')).toEqual([expect.objectContaining({ value: 'mx.example.com', priority: 10 })]);
    expect(spfOf(rs).map((r) => r.value)).toEqual(['v=spf1 a:mail.example.com -all']);
    expect(find(rs, 'TXT', 'default._domainkey.example.com')[0]).toMatchObject({ pending: true, note: expect.stringMatching(/mail VM after provisioning/) });
    expect(find(rs, 'TXT', '_dmarc.example.com')[0]?.value).toBe('v=DMARC1; p=none; rua=mailto:postmaster@example.com');
    expect(find(rs, 'PTR', '7.113.0.203.in-addr.arpa')).toEqual([expect.objectContaining({ value: 'mail.example.com', kind: 'request' })]);
  });

  it('uses the DKIM value read from the mail VM when the plan has it', () => {
    // Given a plan that learned the DKIM record / Then it is published as is, not pending
    const withKey = buildRecords(planFromFile('examples/standalone.yaml', { dkimRecord: fakeDkim2048() }));
    const [dkim] = find(withKey, 'TXT', 'default._domainkey.example.com');
    expect(dkim?.value).toBe(fakeDkim2048());
    expect(dkim?.pending).toBeUndefined();
  });

  it('drops the recommended extras on request', () => {
    expect(buildRecords(plan, { recommended: false }).some((r) => r.kind === 'recommended')).toBe(false);
    expect(buildRecords(plan, { recommended: false })).toEqual(rs.filter((r) => r.kind !== 'recommended'));
    expect(rs.some((r) => r.kind === 'recommended')).toBe(true);
  });
});

describe('buildRecords: smarthost', () => {
  it.each(RELAY_PRESETS.map((p) => [p.key] as const))('%s: one SPF with the relay mechanism, no DKIM TXT, no PTR', (key) => {
    // Given a smarthost plan for the preset
    const plan = smarthostPlan(key);
    const rs = buildRecords(plan);
    // Then the SPF record is exactly the relay's mechanism
    expect(spfOf(rs).map((r) => r.value)).toEqual([`v=spf1 ${plan.relay!.spf} -all`]);
    expect(plan.relay!.spf).not.toMatch(/\{host\}/);
    // And the provider's DKIM comes as advice, not as our selector; no PTR request
    expect(rs.some((r) => r.name.startsWith('default._domainkey.'))).toBe(false);
    expect(rs.some((r) => r.type === 'PTR')).toBe(false);
    expect(recordAdvice(plan)[0]).toContain(plan.relay!.dkimAdvice);
  });

  it('marks A records of a dynamic-IP site as ddns-managed with TTL 60 and a placeholder value', () => {
    // Given the smarthost example: no publicIp, Cloudflare as DNS provider
    const rs = buildRecords(planFromFile('examples/smarthost.yaml'));
    const as = rs.filter((r) => r.type === 'A');
    expect(as.map((a) => a.name.split('.')[0])).toEqual(['mail', 'mx', 'pmg', 'mta-sts', 'autoconfig']);
    for (const a of as) expect(a).toMatchObject({ ttl: 60, ddns: true, pending: true });
    // And records ddns-updater does not touch keep TTL 3600
    for (const r of rs.filter((x) => x.type !== 'A')) expect(r.ttl).toBe(3600);
  });
});

describe('buildRecords: the public IP learned at run time (not in the answers)', () => {
  const learned = '198.51.100.23';

  it('ddns-managed site: A records carry the learned address, TTL 60, kept current', () => {
    // Given the smarthost example (Cloudflare, dynamic IP) once the run has learned the WAN address
    const rs = buildRecords({ ...planFromFile('examples/smarthost.yaml'), publicIp: learned });
    for (const a of rs.filter((r) => r.type === 'A')) {
      expect(a).toMatchObject({ value: learned, ttl: 60, ddns: true, note: expect.stringMatching(/kept current by ddns-updater/) });
      expect(a.pending).toBeUndefined();
    }
  });

  it('a provider without ddns-updater: the learned address, TTL 3600, to be updated by hand', () => {
    const base = planFromFile('examples/smarthost.yaml');
    const answers = { ...base.answers, dnsProvider: { provider: 'dnsimple', credentials: { DNSIMPLE_OAUTH_TOKEN: 't' } } };
    for (const a of buildRecords({ ...base, answers, publicIp: learned }).filter((r) => r.type === 'A')) {
      expect(a).toMatchObject({ value: learned, ttl: 3600, note: expect.stringMatching(/dynamic IP.*update by hand/) });
      expect(a.ddns).toBeUndefined();
    }
  });

  it('standalone without a known address: the PTR request and the A records are placeholders, marked pending', () => {
    const rs = buildRecords({ ...planFromFile('examples/standalone.yaml'), publicIp: undefined });
    const [ptr, ...more] = rs.filter((r) => r.type === 'PTR');
    expect(more).toHaveLength(0);
    expect(ptr).toMatchObject({ kind: 'request', pending: true, value: 'mail.example.com' });
    expect(ptr?.name).toMatch(/^<reverse of .*public IPv4.*>\.in-addr\.arpa$/);
    for (const a of rs.filter((r) => r.type === 'A')) expect(a).toMatchObject({ pending: true, value: expect.stringMatching(/public IPv4/), note: expect.stringMatching(/public IPv4/) });
  });
});

describe('buildRecords: dynamic IP that ddns-updater cannot follow', () => {
  it('does not claim ddns for DNSimple (lego only): TTL 3600, update by hand', () => {
    // Given a dynamic-IP site whose DNS provider has no ddns-updater support
    const base = planFromFile('examples/smarthost.yaml');
    const answers = { ...base.answers, dnsProvider: { provider: 'dnsimple', credentials: { DNSIMPLE_OAUTH_TOKEN: 't' } } };
    const rs = buildRecords({ ...base, answers });
    // Then the A records are neither ddns-managed nor short-lived, and say so
    for (const a of rs.filter((r) => r.type === 'A')) {
      expect(a.ddns).toBeUndefined();
      expect(a.ttl).toBe(3600);
      expect(a.note).toMatch(/update by hand/);
    }
  });
});

describe('buildRecords: dyndns target zone', () => {
  // Given a site CNAMEd to laufentaler.ddns.net
  const plan = planFromFile('test/fixtures/answers/dyndns.yaml');
  const rs = buildRecords(plan);

  it('CNAMEs mail and pmg to the dyndns host', () => {
    expect(find(rs, 'CNAME', 'mail.laufentaler.ch')[0]?.value).toBe('laufentaler.ddns.net');
    expect(find(rs, 'CNAME', 'pmg.laufentaler.ch')[0]?.value).toBe('laufentaler.ddns.net');
    expect(rs.some((r) => r.type === 'A')).toBe(false);
  });

  it('never points the MX at a CNAME: it names the dyndns host directly (RFC 2181 §10.3)', () => {
    const cnames = new Set(rs.filter((r) => r.type === 'CNAME').map((r) => r.name));
    const [mx] = find(rs, 'MX', 'laufentaler.ch');
    expect(mx?.value).toBe('laufentaler.ddns.net');
    expect(cnames.has(mx!.value)).toBe(false);
    // And mx.<domain> is not published as a CNAME either (nothing may send mail there through it)
    expect(rs.some((r) => r.name === 'mx.laufentaler.ch')).toBe(false);
    expect(recordAdvice(plan).join('\n')).toContain('mx.laufentaler.ch is not published');
  });

  it('publishes no SRV record, whose target would be a CNAME (RFC 2782)', () => {
    expect(rs.some((r) => r.type === 'SRV')).toBe(false);
  });
});

describe('formats', () => {
  it('JSON has exactly the SPEC §4 keys, FQDNs without trailing dot, unquoted TXT', () => {
    const out = JSON.parse(recordsToJson(buildRecords(planFromFile('examples/standalone.yaml')))) as Record<string, unknown>[];
    for (const r of out) {
      expect(Object.keys(r).every((k) => ['type', 'name', 'value', 'ttl', 'priority', 'note'].includes(k))).toBe(true);
      expect(String(r.name)).not.toMatch(/\.$/);
      expect(String(r.value)).not.toMatch(/^"/);
    }
    expect(out.find((r) => r.type === 'MX')).toMatchObject({ value: 'mx.example.com', priority: 10 });
    expect(out.find((r) => r.type === 'PTR')?.name).toBe('7.113.0.203.in-addr.arpa');
  });

  it('splits TXT into quoted strings of at most 255 octets that join back to the value', () => {
    const v = fakeDkim2048();
    const parts = txtStrings(v);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p.slice(1, -1))).toBeLessThanOrEqual(255);
    expect(parts.map((p) => p.slice(1, -1)).join('')).toBe(v);
    expect(txtStrings('say "hi" \\')).toEqual(['"say \\"hi\\" \\\\"']);
  });

  it('zone output comments out the PTR request and unknown values instead of publishing them', () => {
    const plan = planFromFile('examples/standalone.yaml');
    const zone = recordsToZone(buildRecords(plan), { domain: plan.domain });
    expect(zone).toMatch(/^; 7\.113\.0\.203\.in-addr\.arpa\.\s+3600 IN PTR\s+mail\.example\.com\.$/m);
    expect(zone).toMatch(/^; default\._domainkey\.example\.com\./m);
    expect(zone).toMatch(/^\$ORIGIN example\.com\.$/m);
  });

  it('table fits 80 columns, marks ddns rows and the PTR request, and cuts a DKIM key', () => {
    const plan = planFromFile('examples/standalone.yaml', { dkimRecord: fakeDkim2048() });
    const table = recordsToTable(buildRecords(plan), { domain: plan.domain });
    for (const l of table.split('\n')) expect([...l].length, l).toBeLessThanOrEqual(80);
    expect(table).toMatch(/^R\s+PTR\s+7\.113\.0\.203\.in-addr\.arpa/m);
    expect(table).toMatch(/value cut \(\d+ characters\)/);
    const dyn = planFromFile('examples/smarthost.yaml');
    expect(recordsToTable(buildRecords(dyn), { domain: dyn.domain })).toMatch(/^D\?\s+A\s+mail\.example\.com\s+60/m);
  });

  it('wraps at spaces first and never loses characters', () => {
    const text = 'v=DMARC1; p=none; rua=mailto:postmaster@example.com';
    const lines = wrap(text, 20);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(20);
    expect(lines.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
    expect(lines[0]).toBe('v=DMARC1; p=none;');
    expect(reverseName('198.51.100.42')).toBe('42.100.51.198.in-addr.arpa');
  });
});

// @ts-nocheck
// The handover checklist: every section in every format, no secret value anywhere (even from a
// state that wrongly holds one), 80 columns in the terminal, live record status, escaping.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { derivePlan } from '../../src/plan/derive.js';
import type { Plan, Decision } from '../../src/plan/types.js';
import { validateAnswers } from '../../src/schema/load.js';
import { buildState, type SiteState } from '../../src/tasks/siteState.js';
import { buildRecords } from '../../src/render/records.js';
import { buildHandover, renderHandover } from '../../src/render/handover.js';
import { combine } from '../../src/verify/index.js';
import type { VerifyReport, Verdict } from '../../src/verify/types.js';
import { smarthostAnswers, standaloneAnswers, TRICKY_SECRET } from '../helpers/answers.js';
import { fakeDkim2048 } from '../helpers/recordsPlans.js';
import { ROOT } from '../helpers/cli.js';

const VMIDS = { pmg: 100, mail: 101, dns: 102 };
const NOW = new Date('2025-03-04T09:30:00Z');
const TITLES = ['At a glance', 'Site and mail mode', 'Guests and addresses', 'Certificates', 'Where secrets live', 'DNS records', 'Router port-forwards', 'Reverse DNS (PTR) request for the ISP', 'Backups', 'Test steps', 'Known limitations', 'Sign-off'];

const override: Decision = {
  recommended: { mode: 'smarthost', reasons: ['Outbound port 25 is blocked by the ISP.'], risks: ['Direct mail from a line with port 25 blocked is not delivered at all.'] },
  chosen: 'standalone',
  overrideReason: 'Customer refuses any third party <script>alert(1)</script>',
};

function site(data: Record<string, unknown>, opts: { decision?: Decision; dkim?: string } = {}): { state: SiteState; plan: Plan; secrets: string[] } {
  const answers = validateAnswers(data, 'test');
  const plan = derivePlan(answers, { vmids: VMIDS, decision: opts.decision, dkimRecord: opts.dkim });
    // The secret values, picked by this test from SPEC §4's fields (not the product's collectSecrets)
  const secrets = [answers.relay?.password, ...answers.mailboxes.map((m) => m.password), answers.dyndns?.secret, ...Object.values(answers.dnsProvider?.credentials ?? {})];
  return { state: buildState(plan, 'pve-manager/8.2.4'), plan, secrets: secrets.filter((v): v is string => typeof v === 'string') };
}

/** A report where every record has `verdict`, except those named in `over`. */
function report(plan: Plan, verdict: Verdict, over: Record<string, Verdict> = {}): VerifyReport {
  const checks = buildRecords(plan).filter((r) => !r.pending).map((r) => combine(r, [{ resolver: '127.0.0.1:53', verdict: over[`${r.type} ${r.name}`] ?? verdict, found: [] }]));
  const problems = checks.filter((c) => c.required && c.verdict !== 'ok').length;
  return { domain: plan.domain, at: '2025-03-04T09:25:00.000Z', resolvers: ['127.0.0.1:53'], checks, problems, ok: problems === 0 };
}

const FORMATS = ['text', 'md', 'html'] as const;

describe('handover checklist', () => {
  it('has every section, in order, in every format', () => {
    // Given a provisioned standalone site with a DKIM key
    const { state } = site(standaloneAnswers(), { dkim: fakeDkim2048(), decision: override });
    for (const f of FORMATS) {
      // When it is rendered
      const out = renderHandover(state, undefined, f, { now: NOW });
      // Then each section heading appears once, numbered, in order
      let at = -1;
      TITLES.forEach((t, i) => {
        const heading = f === 'text' ? `${i + 1}. ${t.toUpperCase()}` : f === 'md' ? `## ${i + 1}. ${t}` : `<h2>${i + 1}. ${t}</h2>`;
        const pos = out.indexOf(heading);
        expect(pos, `${f}: ${heading}`).toBeGreaterThan(at);
        at = pos;
      });
    }
  });

  it('never contains a secret value, even when the state file wrongly holds one', () => {
    // Given answers full of secrets (relay password, DNS API token, mailbox password, dyndns secret)
    const dyn = parse(readFileSync(`${ROOT}test/fixtures/answers/dyndns.yaml`, 'utf8')) as Record<string, unknown>;
    for (const data of [smarthostAnswers(), standaloneAnswers({ mailboxes: [{ user: 'info', password: TRICKY_SECRET }] }), dyn]) {
      const { state, secrets } = site(data);
      expect(secrets.length).toBeGreaterThan(0);
      // And a state whose answers were NOT redacted (a bug elsewhere must not reach the paper)
      const leaky: SiteState = { ...state, answers: validateAnswers(data, 'raw') };
      for (const st of [state, leaky]) {
        for (const f of FORMATS) {
          const out = renderHandover(st, undefined, f, { now: NOW });
          for (const s of secrets) expect(out, `${f} leaks ${s}`).not.toContain(s);
          for (const s of secrets) expect(out).not.toContain(s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!));
        }
      }
      // And it says where the secrets live instead
      const text = renderHandover(state, undefined, 'text', { now: NOW });
      expect(text).toContain('/var/lib/netsetup/secrets/dovecot-passwd');
    }
  });

  it('the terminal form fits 80 columns for standalone, smarthost and dyndns sites', () => {
    const dyn = parse(readFileSync(`${ROOT}test/fixtures/answers/dyndns.yaml`, 'utf8')) as Record<string, unknown>;
    for (const data of [standaloneAnswers(), smarthostAnswers(), dyn]) {
      const { state, plan } = site(data, { dkim: fakeDkim2048(), decision: override });
      const text = renderHandover(state, report(plan, 'ok', { [`MX ${plan.domain}`]: 'mx-cname' }), 'text', { now: NOW });
      const long = text.split('\n').filter((l) => [...l].length > 80);
      expect(long).toEqual([]);
    }
  });

  it('standalone: mode, override with its reason, guests, URLs, PTR letter, port 80 for HTTP-01', () => {
    const { state } = site(standaloneAnswers(), { dkim: fakeDkim2048(), decision: override });
    const text = renderHandover(state, undefined, 'text', { now: NOW, facts: { hostAddress: '192.168.1.10' } });
    expect(text).toMatch(/Mail mode\s+standalone \(direct MX delivery\)/);
    expect(text).toMatch(/Mailboxes\s+info@example\.com\n/);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('YES: standalone chosen instead of smarthost. Reason: Customer refuses any third party');
    expect(text).toMatch(/mail-lib\s+VM\s+101\s+192\.168\.1\.61/);
    expect(text).toMatch(/pmg-lib\s+CT\s+100\s+192\.168\.1\.60/);
    for (const url of ['https://mail.example.com', 'https://192.168.1.60:8006', 'https://pmg.example.com:8006', 'https://192.168.1.10:8007']) expect(text).toContain(url);
    expect(flat).toContain('please set the reverse DNS (PTR) record of our static IPv4 address');
    expect(text).toMatch(/\|\s+mail\.example\.com\n/);
    expect(text).toMatch(/\[ \] TCP 25\s+Forward to: 192\.168\.1\.60:25 \(PMG\)/);
    // HTTP-01: WAN TCP 80 goes to the DNS VM, where lego answers the challenge
    expect(text).toMatch(/\[ \] TCP 80\s+Forward to: 192\.168\.1\.62:80 \(DNS VM\)/);
    expect(text).toContain('every day at 02:30');
    expect(text).toContain('Technician (name, date, signature)');
  });

  it('smarthost with a DNS provider: relay secret path, no PTR request, no port 80', () => {
    const { state } = site(smarthostAnswers());
    const text = renderHandover(state, undefined, 'text', { now: NOW });
    expect(text).toContain('/var/lib/netsetup/secrets/relay-sasl');
    expect(text).toContain('/var/lib/netsetup/secrets/lego.env');
    expect(text.replace(/\s+/g, ' ')).toContain('Not needed: outbound mail leaves through SendGrid');
    expect(text).not.toContain('TCP 80');
    expect(text.replace(/\s+/g, ' ')).toContain('and not 80 either (certificates use DNS-01)');
    expect(text).toContain('Recommended       not recorded');
  });

  it('certificates: names, challenge, renewal and what is served; NAT warning and LAN DNS advice', () => {
    // Given a site whose served certificate was checked
    const { state, plan } = site(smarthostAnswers());
    const r = report(plan, 'ok', {});
    const verify = { ...r, certificates: [{ endpoint: 'https://mail.example.com (203.0.113.7:443)', verdict: 'ok' as const, expectedNames: [], names: ['mail.example.com'], issuer: 'R11', validFrom: '2025-02-20T00:00:00.000Z', validTo: '2025-05-21T00:00:00.000Z', daysLeft: 77 }] };
    const flat = renderHandover(state, verify, 'text', { now: NOW }).replace(/\s+/g, ' ');
    // Then the certificate section lists every public name, how it is issued and renewed
    expect(flat).toContain('Names mail.example.com, mx.example.com, pmg.example.com, mta-sts.example.com, autoconfig.example.com');
    expect(flat).toContain('DNS-01 through the cloudflare API');
    expect(flat).toContain('daily (systemd timer acme-renew-<name> on the DNS VM)');
    expect(flat).toContain('issuer R11, expires 2025-05-21 (77 days)');
    // And the router section warns about source NAT and says how LAN clients reach mail.<domain>
    expect(flat).toContain('PMG then sees every sender as the router');
    expect(flat).toContain('set the DNS VM 192.168.1.62 as the DNS server');
    // And the MTA-STS policy and autoconfig addresses are listed, with testing mode as a limitation
    expect(flat).toContain('https://mta-sts.example.com/.well-known/mta-sts.txt');
    expect(flat).toContain('https://autoconfig.example.com/mail/config-v1.1.xml');
    expect(flat).toContain('MTA-STS runs in testing mode');
    expect(flat).not.toContain("The MX's SMTP certificate");
  });

  it("certificates: the MX's port-25 verdict is a line of its own, and a problem there warns about MTA-STS", () => {
    const { state, plan } = site(standaloneAnswers());
    const smtp = { endpoint: 'smtp://mx.example.com:25 STARTTLS (203.0.113.7:25)', service: 'smtp' as const, verdict: 'no-starttls' as const, expectedNames: ['mx.example.com'], names: [], detail: 'STARTTLS is not offered' };
    const web = { endpoint: 'https://mail.example.com (203.0.113.7:443)', service: 'https' as const, verdict: 'ok' as const, expectedNames: [], names: ['mail.example.com'], issuer: 'R11', validFrom: '2025-02-20T00:00:00.000Z', validTo: '2025-05-21T00:00:00.000Z', daysLeft: 77 };
    const flat = renderHandover(state, { ...report(plan, 'ok', {}), certificates: [web, smtp] }, 'text', { now: NOW }).replace(/\s+/g, ' ');
    expect(flat).toContain('smtp://mx.example.com:25 STARTTLS (203.0.113.7:25): NO STARTTLS: STARTTLS is not offered');
    expect(flat).toContain("The MX's SMTP certificate (port 25 on PMG) is not right yet: senders that enforce MTA-STS will not deliver to mx.example.com");
    // the web certificate is fine: no browser warning
    expect(flat).not.toContain('browsers and mail clients will warn');
  });

  it('shows each record with its verification status and date; problems reach the limitations', () => {
    // Given a verification where the MX is missing and the rest is ok
    const { state, plan } = site(standaloneAnswers(), { dkim: fakeDkim2048() });
    const r = report(plan, 'ok', { 'MX example.com': 'missing', 'PTR 7.113.0.203.in-addr.arpa': 'ptr-missing' });
    const h = buildHandover(state, { verify: r, now: NOW });
    const items = h.sections.find((s) => s.id === 'dns')!.blocks.flatMap((b) => (b.kind === 'records' ? b.items : []));
    // Then each record carries its status: ok with the date, the problems by name
    expect(items.find((i) => i.type === 'A')!.status).toBe('ok 2025-03-04');
    expect(items.find((i) => i.type === 'MX')).toMatchObject({ status: 'MISSING', tone: 'problem' });
    const text = renderHandover(state, r, 'text', { now: NOW });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Verified 2025-03-04 09:25 UTC with the public resolvers 127.0.0.1:53: 2 of 10 required records need attention.');
    expect(flat).toContain('Status: ptr-missing');
    expect(flat).toContain('2 required DNS records not yet right at 2025-03-04');
    expect(text).toMatch(/✗ MISSING\s+MX\s+example\.com/);
  });

  it('escapes free text in HTML and Markdown', () => {
    const { state } = site(standaloneAnswers(), { decision: override });
    const html = renderHandover(state, undefined, 'html', { now: NOW });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/@page \{ size: A4/);
    expect(html).toContain('break-before: page');
    const md = renderHandover(state, undefined, 'md', { now: NOW });
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('- [ ] From outside');
  });

  it('unsigned direct mail is a known limitation until the DKIM key is known', () => {
    const { state } = site(standaloneAnswers());
    expect(renderHandover(state, undefined, 'text', { now: NOW })).toContain('Outbound mail is unsigned (no DKIM)');
    const signed = site(standaloneAnswers(), { dkim: fakeDkim2048() });
    expect(renderHandover(signed.state, undefined, 'text', { now: NOW })).not.toContain('unsigned');
  });
});

// @ts-nocheck
// The handover checklist as data (issue 5 part 4): sections of typed blocks, rendered to text,
// Markdown and HTML by handoverText/handoverMarkdown/handoverHtml. Built only from the site
// state (which holds no secret), the optional verification report and read-only host facts:
// no code path here can see a secret value.
import type { SiteState } from '../tasks/siteState.js';
import type { Plan } from '../plan/types.js';
import { planFromState } from '../verify/planFromState.js';
import type { VerifyReport } from '../verify/types.js';
import type { HostFacts } from '../verify/site.js';
import { buildRecords, recordAdvice } from './records.js';
import { secretLocations, knownLimitations, testSteps, ptrLetter, backupBlocks } from './handoverSections.js';
import { recordItems, verifiedLine } from './handoverRecords.js';
import { PMG_ADMIN_PASSWORD_FILE } from '../tasks/pmgTask.js';
import { ACME_HTTP_PORT, autoconfigHost, certPlan, mtaStsHost, RENEW_SCHEDULE } from './certificates.js';
import { AUTOCONFIG_PATH, MTA_STS_PATH, mtaStsPolicy } from './wellKnown.js';
import { WEB_VERDICT_LABEL } from '../verify/wellKnown.js';
import { CERT_VERDICT_LABEL } from '../verify/tls.js';

export interface RecordItem {
  type: string;
  name: string;
  value: string;
  ttl: number;
  /** Short status word: ok, MISSING, not verified, … */
  status: string;
  tone: 'ok' | 'problem' | 'advisory' | 'unknown';
  /** required · recommended · ISP request */
  kind: string;
  notes: string[];
}

export type Block =
  | { kind: 'para'; text: string; tone?: 'warn' | 'note' }
  | { kind: 'facts'; rows: Array<[string, string]> }
  /** check: each row starts with a tick box (things to do). mono: column indexes in a fixed font. */
  | { kind: 'table'; head: string[]; rows: string[][]; mono?: number[]; check?: boolean }
  | { kind: 'records'; items: RecordItem[] }
  | { kind: 'checklist'; items: string[] }
  | { kind: 'list'; items: string[] }
  | { kind: 'letter'; text: string }
  | { kind: 'sign'; lines: string[] };

export interface Section {
  id: 'summary' | 'site' | 'guests' | 'certs' | 'secrets' | 'dns' | 'router' | 'ptr' | 'backup' | 'tests' | 'limits' | 'signoff';
  title: string;
  blocks: Block[];
}

export interface Handover {
  title: string;
  domain: string;
  generatedAt: string;
  sections: Section[];
}

export interface HandoverOptions {
  verify?: VerifyReport;
  facts?: HostFacts;
  /** The plan rebuilt from the state, when the caller has one (e.g. with the DKIM key read from the mail VM). */
  plan?: Plan;
  now?: Date;
}

const date = (iso: string | undefined): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : 'unknown');
const modeName = (m: string): string => (m === 'standalone' ? 'standalone (direct MX delivery)' : 'smarthost (outbound through a relay)');

type Contact = { name: string; phone?: string | undefined; email?: string | undefined };
const contactLine = (c: Contact | undefined): string =>
  c ? [c.name, c.phone, c.email].filter(Boolean).join(' · ') : 'not given (add contact: / escalation: to the answers file) — write it in: ______________________';

/**
 * Page 1: what the technician and the customer need first — the site, the three guests with the
 * addresses to open, who to call, and what is still to do (records to publish, the PTR request).
 */
/** Section order; the numbers the first page refers to come from here. */
const ORDER: Section['id'][] = ['summary', 'site', 'guests', 'certs', 'secrets', 'dns', 'router', 'ptr', 'backup', 'tests', 'limits', 'signoff'];
const num = (id: Section['id']): number => ORDER.indexOf(id) + 1;

function summarySection(state: SiteState, plan: Plan, verify: VerifyReport | undefined): Section {
  const a = plan.answers as typeof plan.answers & { contact?: Contact; escalation?: Contact };
  const guest = (role: string) => state.guests.find((g) => g.role === role);
  const ipOf = (role: string) => guest(role)?.ip ?? `<${role} ip>`;
  const nameOf = (role: string) => guest(role)?.name ?? `${role}-${state.serial}`;
  const guests = [
    [nameOf('pmg'), ipOf('pmg'), 'Mail Gateway, the public MX', `https://${ipOf('pmg')}:8006 (admin, LAN)`],
    [nameOf('mail'), ipOf('mail'), 'mailboxes and webmail', `https://mail.${state.domain} (webmail)`],
    [nameOf('dns'), ipOf('dns'), 'LAN DNS, certificates', `${ipOf('dns')}:53 (DNS; no web page)`],
  ];
  const records = buildRecords(plan).filter((r) => r.kind !== 'request');
  const okNames = new Set((verify?.checks ?? []).filter((c) => c.verdict === 'ok').map((c) => `${c.record.type} ${c.record.name}`));
  const open = records.filter((r) => r.kind !== 'recommended' && !okNames.has(`${r.type} ${r.name}`));
  const actions: string[] = [];
  if (open.length) {
    const list = open.map((r) => `${r.type} ${r.name}${r.pending ? ' (value known later)' : ''}`).join(', ');
    actions.push(`Publish ${open.length} DNS record${open.length === 1 ? '' : 's'} at the domain's DNS host${verify ? '' : ' (or verify them: netsetup-wizard checks --records)'}: ${list}. Values in section ${num('dns')}.`);
  }
  if (!plan.relay) {
    const ptr = verify?.checks.find((c) => c.record.type === 'PTR');
    if (!ptr || ptr.verdict !== 'ok') {
      actions.push(plan.publicIp ? `Send the reverse DNS (PTR) request to the ISP: ${plan.publicIp} → ${plan.fqdn.mail}. Letter in section ${num('ptr')}.` : `Ask the ISP for a static IPv4 with reverse DNS ${plan.fqdn.mail} (section ${num('ptr')}).`);
    }
  }
  actions.push(`Set up the router port-forwards (section ${num('router')}) and tick them.`);
  actions.push(`Run the test steps (section ${num('tests')}) and sign off (section ${num('signoff')}).`);
  return {
    id: 'summary',
    title: 'At a glance',
    blocks: [
      {
        kind: 'facts',
        rows: [
          ['Site', `${state.domain} · host ${state.serial} · ${modeName(state.mode)}`],
          ['Webmail', `https://mail.${state.domain}`],
          ['Call first', contactLine(a.contact)],
          ['Escalation', contactLine(a.escalation)],
        ],
      },
      { kind: 'table', head: ['Guest', 'IP', 'Does', 'Open'], rows: guests, mono: [1, 3] },
      { kind: 'para', text: 'Open actions:' },
      { kind: 'checklist', items: actions },
    ],
  };
}

function siteSection(state: SiteState, plan: Plan): Section {
  const d = state.decision;
  const rows: Array<[string, string]> = [
    ['Customer domain', state.domain],
    ['Site host serial', state.serial],
    ['Mail mode', modeName(state.mode)],
  ];
  if (plan.relay) rows.push(['Outbound relay', `${plan.relay.label}: ${plan.relay.host}:${plan.relay.port}${plan.relay.user ? `, user ${plan.relay.user}` : ''}`]);
  if (d) {
    rows.push(['Recommended', `${modeName(d.recommended.mode)}: ${d.recommended.reasons.join(' ')}`]);
    rows.push(['Override', d.chosen === d.recommended.mode ? 'no: the recommendation was followed' : `YES: ${d.chosen} chosen instead of ${d.recommended.mode}. Reason: ${d.overrideReason ?? '(none recorded)'}`]);
  } else {
    rows.push(['Recommended', 'not recorded (installed from an answers file without the interview)']);
  }
  const a = plan.answers;
  rows.push(['Mailboxes', a.mailboxes.map((m) => `${m.user}@${state.domain}`).join(', ') || 'none']);
  rows.push(['Public IPv4', plan.publicIp ? `${plan.publicIp}${a.publicIp ? ' (static)' : ' (dynamic, as seen at install)'}` : 'unknown (dynamic)']);
  rows.push(['DNS automation', a.dnsProvider ? `${a.dnsProvider.provider}: certificates by DNS-01${plan.ddnsManaged ? ', A records kept current by ddns-updater' : ''}` : a.dyndns ? `dyndns ${a.dyndns.provider} (${a.dyndns.hosts.join(', ')}.${a.dyndns.domain}); certificates by HTTP-01 (port 80 must reach the DNS VM)` : 'none: certificates by HTTP-01 (port 80 must reach the DNS VM)']);
  rows.push(['Provisioned', date(state.provisionedAt)], ['Last change', date(state.updatedAt)], ['Versions', `netsetup-wizard ${state.versions.wizard}, ${/^\d/.test(state.versions.pve) ? `Proxmox VE ${state.versions.pve}` : state.versions.pve}`]);
  const blocks: Block[] = [{ kind: 'facts', rows }];
  if (d && d.chosen !== d.recommended.mode && d.recommended.risks.length) {
    blocks.push({ kind: 'para', tone: 'warn', text: 'The customer was told about these risks of the chosen mode:' }, { kind: 'list', items: d.recommended.risks });
  }
  return { id: 'site', title: 'Site and mail mode', blocks };
}

function guestsSection(state: SiteState, plan: Plan, facts: HostFacts): Section {
  const host = facts.hostAddress ?? '<Proxmox host address>';
  const role: Record<string, string> = { pmg: 'Mail Gateway (PMG), public MX', mail: 'Mail VM: postfix, dovecot, webmail', dns: 'DNS VM: coredns, step-ca, lego' };
  const rows = state.guests.map((g) => [g.name, g.kind === 'lxc' ? 'CT' : 'VM', g.vmid > 0 ? String(g.vmid) : '?', g.ip, role[g.role] ?? g.role]);
  rows.unshift([`${state.serial} (host)`, 'PVE', '-', facts.hostAddress ?? '<host address>', 'Proxmox VE + Backup Server']);
  const pmg = state.guests.find((g) => g.role === 'pmg');
  const first = (plan.answers.mailboxes[0]?.user ?? 'info') + `@${state.domain}`;
  const urls = [
    ['Webmail', `https://mail.${state.domain}`, `mailbox address (e.g. ${first}) and its password`],
    ['PMG admin (LAN)', `https://${pmg?.ip ?? '<pmg ip>'}:8006`, `root@pam of ${pmg?.name ?? 'the PMG container'}; password in ${PMG_ADMIN_PASSWORD_FILE} on the host`],
    ['PMG admin (name)', `https://pmg.${state.domain}:8006`, 'same; from the LAN (not forwarded)'],
    ['Backup Server', `https://${host}:8007`, 'root@pam of the Proxmox host'],
    ['Proxmox VE', `https://${host}:8006`, 'root@pam of the Proxmox host'],
    ['Mail clients', `IMAP mail.${state.domain}:993 (TLS) · SMTP mail.${state.domain}:587 (STARTTLS)`, 'mailbox address and password'],
    ['Client autoconfig', `https://${autoconfigHost(plan)}${AUTOCONFIG_PATH}`, 'none: Thunderbird (and others) read it when an address is added'],
  ];
  const policy = mtaStsPolicy(plan);
  if (policy) urls.push(['MTA-STS policy', `https://${mtaStsHost(plan)}${MTA_STS_PATH}`, `none: public; mode ${plan.answers.mtaSts?.mode ?? 'testing'}, id in _mta-sts.${state.domain}`]);
  return {
    id: 'guests',
    title: 'Guests and addresses',
    blocks: [
      { kind: 'table', head: ['Name', 'Type', 'ID', 'IP', 'Role'], rows, mono: [2, 3] },
      { kind: 'table', head: ['What', 'Address', 'Log in with'], rows: urls, mono: [1] },
    ],
  };
}

function certsSection(state: SiteState, plan: Plan, verify: VerifyReport | undefined): Section {
  const cert = certPlan(plan);
  const ip = (role: string) => state.guests.find((g) => g.role === role)?.ip ?? `<${role} ip>`;
  const how = cert.challenge === 'dns-01'
    ? `Let's Encrypt, DNS-01 through the ${plan.answers.dnsProvider?.provider} API (lego on the DNS VM; propagation checked at public resolvers)`
    : `Let's Encrypt, HTTP-01: lego on the DNS VM answers on port ${ACME_HTTP_PORT} (router: WAN TCP 80 → ${ip('dns')}:80)`;
  const rows: Array<[string, string]> = [
    ['Names', cert.names.join(', ')],
    ['Issued by', how],
    ['Renewal', `${RENEW_SCHEDULE}; renewed when a third of the lifetime is left`],
    ['Installed on', `mail VM ${ip('mail')} (postfix, dovecot, nginx) and PMG ${ip('pmg')} (web UI 8006: /etc/pmg/pmg-api.pem, SMTP TLS: /etc/pmg/pmg-tls.pem), pushed after every issuance and renewal`],
  ];
  const served = verify?.certificates ?? [];
  if (served.length === 0) rows.push(['Served now', 'not checked (netsetup-wizard checks --records connects and shows it)']);
  for (const c of served) {
    rows.push(['Served now', c.validTo ? `${c.endpoint}: ${CERT_VERDICT_LABEL[c.verdict]}, issuer ${c.issuer}, expires ${c.validTo.slice(0, 10)} (${c.daysLeft} days)${c.detail ? `: ${c.detail}` : ''}` : `${c.endpoint}: ${CERT_VERDICT_LABEL[c.verdict]}${c.detail ? `: ${c.detail}` : ''}`]);
  }
  for (const w of verify?.web ?? []) rows.push([`Served: ${w.what}`, `${WEB_VERDICT_LABEL[w.verdict]}${w.detail ? `: ${w.detail}` : ''}`]);
  const blocks: Block[] = [{ kind: 'facts', rows }];
  const bad = served.filter((c) => c.verdict !== 'ok' && c.verdict !== 'skipped');
  if (bad.some((c) => c.service !== 'smtp')) blocks.push({ kind: 'para', tone: 'warn', text: 'The certificate served is not right yet: browsers and mail clients will warn until it is (see "Served now").' });
  if (bad.some((c) => c.service === 'smtp')) blocks.push({ kind: 'para', tone: 'warn', text: `The MX's SMTP certificate (port 25 on PMG) is not right yet: senders that enforce MTA-STS will not deliver to ${plan.fqdn.mx} until the DNS VM has pushed the site certificate to PMG (see "Served now"); keep MTA-STS in testing mode until then.` });
  return { id: 'certs', title: 'Certificates', blocks };
}

function dnsSection(plan: Plan, verify: VerifyReport | undefined, offline: VerifyReport | undefined): Section {
  const records = buildRecords(plan);
  const blocks: Block[] = [
    { kind: 'para', text: verifiedLine(verify, offline), ...(verify && !verify.ok ? { tone: 'warn' as const } : {}) },
    { kind: 'records', items: recordItems(records, verify) },
  ];
  const advice = recordAdvice(plan);
  if (advice.length) blocks.push({ kind: 'list', items: advice });
  blocks.push({ kind: 'para', tone: 'note', text: `Re-check at any time: netsetup-wizard checks --records (exit 0 when every required record is right).` });
  return { id: 'dns', title: 'DNS records', blocks };
}

function routerSection(state: SiteState, plan: Plan): Section {
  const ip = (role: string) => state.guests.find((g) => g.role === role)?.ip ?? `<${role} ip>`;
  const rows = [
    ['TCP 25', `${ip('pmg')}:25 (PMG)`, 'inbound mail from the internet', 'required'],
    ['TCP 443', `${ip('mail')}:443 (mail VM)`, 'webmail', 'required'],
  ];
  if (certPlan(plan).challenge === 'http-01') rows.push(['TCP 80', `${ip('dns')}:80 (DNS VM)`, 'Let\'s Encrypt HTTP-01: issuance and renewals (lego listens only while it validates)', 'required (no DNS provider)']);
  rows.push(['TCP 587', `${ip('mail')}:587 (mail VM)`, 'sending from mail clients outside the office', 'optional']);
  rows.push(['TCP 993', `${ip('mail')}:993 (mail VM)`, 'IMAP from mail clients outside the office', 'optional']);
  const blocks: Block[] = [
    { kind: 'table', head: ['WAN port', 'Forward to', 'For', 'Needed'], rows, mono: [0, 1], check: true },
    { kind: 'para', text: `Do not forward 26 (PMG to mail VM only), 8006, 8007, 22 or 53${certPlan(plan).challenge === 'dns-01' ? ', and not 80 either (certificates use DNS-01)' : ''}: they stay on the LAN.` },
    {
      kind: 'para',
      tone: 'warn',
      text: 'The forwards must keep the sender\'s address. Some routers rewrite the source of forwarded connections to their own LAN address (source NAT, "NAT loopback" or "IP masquerading" on port forwards): PMG then sees every sender as the router, so SPF, DNS blocklists and greylisting stop working and the router becomes a trusted relay. After the first external mail, check in PMG (Tracking Center) that the client address is the sender\'s public address, not the router.',
    },
    {
      kind: 'para',
      text: `LAN clients: set the DNS VM ${ip('dns')} as the DNS server the router's DHCP hands out. It answers mail., mx. and pmg.${state.domain} with the LAN addresses (so mail clients and webmail on the LAN reach the guests directly, with the same names as outside) and forwards every other name, including the rest of ${state.domain}, to the router.`,
    },
  ];
  blocks.push({
    kind: 'para',
    text: plan.relay
      ? `Outbound: the mail VM needs TCP ${plan.relay.port} out to ${plan.relay.host}; outbound port 25 is not needed.`
      : 'Outbound: the PMG and the mail VM need TCP 25 out to the internet (direct delivery); the ISP must not filter it.',
  });
  return { id: 'router', title: 'Router port-forwards', blocks };
}

export function buildHandover(state: SiteState, opts: HandoverOptions = {}): Handover {
  const plan = opts.plan ?? planFromState(state);
  const facts = opts.facts ?? {};
  // A run where no resolver answered at all (offline site) says nothing about the records.
  const answered = opts.verify?.checks.some((c) => c.verdict !== 'lookup-failed' && c.verdict !== 'skipped');
  const verify = answered ? opts.verify : undefined;
  const offline = opts.verify && !answered ? opts.verify : undefined;
  const sections: Section[] = [
    summarySection(state, plan, verify),
    siteSection(state, plan),
    guestsSection(state, plan, facts),
    certsSection(state, plan, opts.verify),
    { id: 'secrets', title: 'Where secrets live', blocks: secretLocations(state, plan) },
    dnsSection(plan, verify, offline),
    routerSection(state, plan),
    { id: 'ptr', title: 'Reverse DNS (PTR) request for the ISP', blocks: ptrLetter(plan, verify) },
    { id: 'backup', title: 'Backups', blocks: backupBlocks(state, plan, facts) },
    { id: 'tests', title: 'Test steps', blocks: testSteps(state, plan) },
    { id: 'limits', title: 'Known limitations', blocks: [{ kind: 'list', items: knownLimitations(state, plan, verify) }] },
    {
      id: 'signoff',
      title: 'Sign-off',
      blocks: [
        { kind: 'checklist', items: ['Mailbox passwords handed to the customer separately (they are not in this document)', 'PMG, Backup Server and Proxmox VE root access handed over or kept as agreed', 'The customer knows whom to call when mail stops'] },
        { kind: 'sign', lines: ['Technician (name, date, signature)', 'Customer (name, date, signature)'] },
      ],
    },
  ];
  sections.sort((x, y) => num(x.id) - num(y.id));
  return { title: `Mail system handover: ${state.domain}`, domain: state.domain, generatedAt: (opts.now ?? new Date()).toISOString(), sections };
}

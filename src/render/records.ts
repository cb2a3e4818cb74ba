// The DNS records the customer must publish (SPEC §2 "DNS records the wizard prints"). Pure:
// Plan in, records out. The formats (table, zone, json) live in recordsFormat.ts.
//
// Choices, and why:
// - SPF standalone is `a:mail.<domain>`: outbound mail leaves from the address mail.<domain>
//   points at, so SPF follows an ISP renumbering or a ddns update with no second edit; it costs
//   one of SPF's ten lookups. `-all` as SPEC §2 shows it.
// - DMARC starts at p=none (monitor): a new sender should read aggregate reports for 2-4
//   weeks before quarantine/reject. No pct= (dropped by RFC 9989).
// - TTL 60 where ddns-updater rewrites the value (a new WAN IP is visible within a minute),
//   3600 elsewhere (values that change only when someone edits them).
// - dyndns target zone: mail/pmg become CNAMEs to the dyndns name; the MX names the dyndns
//   host directly because an MX target must not be a CNAME (RFC 2181 §10.3), so mx.<domain>
//   is not published at all.
import type { Plan } from '../plan/types.js';
import { dnsProvider } from '../catalog/dnsProviders.js';
import { autoconfigHost, mtaStsHost } from './certificates.js';
import { MTA_STS_PATH, mtaStsTxt } from './wellKnown.js';

export type DnsRecordType = 'A' | 'CNAME' | 'MX' | 'TXT' | 'SRV' | 'PTR';

export interface DnsRecord {
  type: DnsRecordType;
  /** Fully qualified, no trailing dot. */
  name: string;
  /** A: address; CNAME/MX/PTR: target host; TXT: unquoted text; SRV: "weight port target". */
  value: string;
  ttl: number;
  /** MX preference / SRV priority. */
  priority?: number;
  note?: string;
  /** ddns-updater keeps this value current. */
  ddns?: boolean;
  /** required (default) · recommended (beyond the minimum) · request (not a zone record: ask the ISP). */
  kind?: 'required' | 'recommended' | 'request';
  /** The value is a placeholder, known only later (after provisioning, or from the ISP). */
  pending?: boolean;
}

export const TTL_DDNS = 60;
export const TTL_DEFAULT = 3600;
export const PUBLIC_IP_PLACEHOLDER = '<public IPv4>';
export const DKIM_PLACEHOLDER = '<DKIM key from the mail VM>';
export const DKIM_SELECTOR = 'default';

/** 203.0.113.7 → 7.113.0.203.in-addr.arpa */
export function reverseName(ipv4: string): string {
  return `${ipv4.split('.').reverse().join('.')}.in-addr.arpa`;
}

export function spfRecordValue(plan: Plan): string {
  const mechanism = plan.relay ? plan.relay.spf : `a:${plan.fqdn.mail}`;
  return `v=spf1 ${mechanism} -all`;
}

export function dmarcRecordValue(plan: Plan): string {
  return `v=DMARC1; p=none; rua=mailto:postmaster@${plan.domain}`;
}

/** The dyndns name the site's names point at, e.g. laufentaler.ddns.net. */
export function dyndnsTarget(plan: Plan): string | undefined {
  const d = plan.answers.dyndns;
  const host = d?.hosts[0];
  return d && host ? `${host}.${d.domain}` : undefined;
}

function addressRecords(plan: Plan): DnsRecord[] {
  const target = dyndnsTarget(plan);
  // mta-sts. and autoconfig. are served by the mail VM and named in its certificate (HTTP-01
  // validates every name of it through these records).
  const web = [mtaStsHost(plan), autoconfigHost(plan)];
  const names = [plan.fqdn.mail, plan.fqdn.mx, plan.fqdn.pmg, ...web];
  if (target) {
    return [plan.fqdn.mail, plan.fqdn.pmg, ...web].map((name) => ({
      type: 'CNAME' as const,
      name,
      value: target,
      ttl: TTL_DEFAULT,
      note: `${target} is kept on the current WAN IP by ddns-updater`,
    }));
  }
  const ip = plan.publicIp;
  // A provider without a ddns-updater side (DNSimple) cannot keep the A records current.
  // (a dyndns site returned above: here ddns-updater works through the DNS provider, if it can)
  const ddns = plan.ddnsManaged && dnsProvider(plan.answers.dnsProvider?.provider)?.ddns !== undefined;
  const note = ddns
    ? ip
      ? 'kept current by ddns-updater'
      : 'create it once with the current WAN IP; ddns-updater keeps it current'
    : ip
      ? plan.answers.publicIp
        ? undefined
        : 'dynamic IP and no ddns-updater: update by hand when the WAN IP changes'
      : 'the site\'s current public IPv4 (netsetup-wizard checks shows it); update by hand when it changes';
  return names.map((name) => ({
    type: 'A' as const,
    name,
    value: ip ?? PUBLIC_IP_PLACEHOLDER,
    ttl: ddns ? TTL_DDNS : TTL_DEFAULT,
    ...(note ? { note } : {}),
    ...(ddns ? { ddns: true } : {}),
    ...(ip ? {} : { pending: true }),
  }));
}

function mxRecord(plan: Plan): DnsRecord {
  const target = dyndnsTarget(plan);
  return {
    type: 'MX',
    name: plan.domain,
    value: target ?? plan.fqdn.mx,
    ttl: TTL_DEFAULT,
    priority: 10,
    ...(target ? { note: `points at ${target} directly: an MX target must not be a CNAME (RFC 2181 §10.3)` } : {}),
  };
}

function dkimRecords(plan: Plan): DnsRecord[] {
  if (plan.relay) return [];
  const name = `${DKIM_SELECTOR}._domainkey.${plan.domain}`;
  if (plan.dkimRecord) return [{ type: 'TXT', name, value: plan.dkimRecord, ttl: TTL_DEFAULT }];
  return [{ type: 'TXT', name, value: DKIM_PLACEHOLDER, ttl: TTL_DEFAULT, pending: true, note: 'read from the mail VM after provisioning (opendkim generates the key)' }];
}

function ptrRequest(plan: Plan): DnsRecord[] {
  if (plan.relay) return [];
  const ip = plan.publicIp;
  return [
    {
      type: 'PTR',
      name: ip ? reverseName(ip) : `<reverse of ${PUBLIC_IP_PLACEHOLDER}>.in-addr.arpa`,
      value: plan.fqdn.mail,
      ttl: TTL_DEFAULT,
      kind: 'request',
      note: 'not a zone record: ask the ISP to set this reverse DNS entry',
      ...(ip ? {} : { pending: true }),
    },
  ];
}

function recommendedRecords(plan: Plan): DnsRecord[] {
  const { domain } = plan;
  const mailHost = plan.fqdn.mail;
  const tlsrpt: DnsRecord = { type: 'TXT', name: `_smtp._tls.${domain}`, value: `v=TLSRPTv1; rua=mailto:postmaster@${domain}`, ttl: TTL_DEFAULT, kind: 'recommended', note: 'TLS-RPT (RFC 8460): reports about failed TLS to this MX' };
  // An SRV target must not be a CNAME (RFC 2782), and in the dyndns shape mail.<domain> is one;
  // MTA-STS has no policy there either (mtaStsPolicy).
  if (dyndnsTarget(plan)) return [tlsrpt];
  const sts = mtaStsTxt(plan) as string;
  return [
    tlsrpt,
    { type: 'TXT', name: `_mta-sts.${domain}`, value: sts, ttl: TTL_DEFAULT, kind: 'recommended', note: `MTA-STS (RFC 8461): policy at https://${mtaStsHost(plan)}${MTA_STS_PATH}; the id changes whenever the policy does` },
    { type: 'SRV', name: `_submission._tcp.${domain}`, value: `1 587 ${mailHost}`, priority: 0, ttl: TTL_DEFAULT, kind: 'recommended', note: 'mail client autoconfiguration (RFC 6186)' },
    { type: 'SRV', name: `_imaps._tcp.${domain}`, value: `1 993 ${mailHost}`, priority: 0, ttl: TTL_DEFAULT, kind: 'recommended', note: 'mail client autoconfiguration (RFC 6186)' },
  ];
}

export function buildRecords(plan: Plan, opts: { recommended?: boolean } = {}): DnsRecord[] {
  return [
    ...addressRecords(plan),
    mxRecord(plan),
    { type: 'TXT', name: plan.domain, value: spfRecordValue(plan), ttl: TTL_DEFAULT, note: 'SPF: the only v=spf1 record of the domain; merge, never add a second' },
    ...dkimRecords(plan),
    { type: 'TXT', name: `_dmarc.${plan.domain}`, value: dmarcRecordValue(plan), ttl: TTL_DEFAULT, note: 'start with p=none; raise to quarantine after 2-4 weeks of clean reports' },
    ...(opts.recommended === false ? [] : recommendedRecords(plan)),
    ...ptrRequest(plan),
  ];
}

/** Things to do that are not records of their own (shown under the table, as zone comments). */
export function recordAdvice(plan: Plan): string[] {
  const out: string[] = [];
  if (plan.relay) out.push(`DKIM (${plan.relay.label}): ${plan.relay.dkimAdvice}`);
  if (plan.relay) out.push(`No PTR request needed: ${plan.relay.label} delivers from its own addresses.`);
  const target = dyndnsTarget(plan);
  if (target) out.push(`${plan.fqdn.mx} is not published: the MX names ${target} directly because an MX target must not be a CNAME.`);
  return out;
}

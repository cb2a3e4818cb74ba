// @ts-nocheck
// ddns-updater config.json (qdm12/ddns-updater `{"settings":[...]}`) from the DNS provider
// catalog and the dyndns answer. Contains credentials: it is only ever written as a secret file.
import type { Answers } from '../schema/answers.js';
import { dnsProvider, dyndnsProvider, type DnsProvider } from '../catalog/dnsProviders.js';

export type DdnsEntry = Record<string, string | number | boolean>;

/** `lit:` values: numbers and booleans when they look like one (ttl: 1), else strings. */
function literal(v: string): string | number | boolean {
  if (/^-?\d+$/.test(v)) return Number(v);
  if (v === 'true' || v === 'false') return v === 'true';
  return v;
}

/** The ddns-updater entry for a catalog provider, or undefined when it has no ddns side. */
export function providerDdnsEntry(p: DnsProvider, credentials: Record<string, string>, names: string[]): DdnsEntry | undefined {
  if (!p.ddns) return undefined;
  const entry: DdnsEntry = { provider: p.ddns.provider, domain: names.join(','), ip_version: 'ipv4' };
  for (const [field, spec] of Object.entries(p.ddns.fields)) {
    const m = /^(cred\??|lit):(.*)$/.exec(spec);
    if (!m) throw new Error(`catalog ${p.key}: ddns field ${field} has an unknown value ${spec}`);
    if (m[1] === 'lit') entry[field] = literal(m[2]!);
    else if (credentials[m[2]!] !== undefined) entry[field] = credentials[m[2]!]!;
    else if (m[1] === 'cred') throw new Error(`dnsProvider.credentials.${m[2]} is required for ${p.label} (ddns-updater field ${field})`);
  }
  return entry;
}

/**
 * Every ddns-updater entry for the site: the DNS provider keeps mail/mx/pmg.<domain> on the
 * WAN IP; a dyndns target zone keeps <host>.<zone>. None with a static public IP.
 */
export function ddnsEntries(a: Answers): DdnsEntry[] {
  if (a.publicIp) return [];
  const out: DdnsEntry[] = [];
  if (a.dnsProvider) {
    const p = dnsProvider(a.dnsProvider.provider);
    const names = ['mail', 'mx', 'pmg'].map((h) => `${h}.${a.domain}`);
    const e = p && providerDdnsEntry(p, a.dnsProvider.credentials, names);
    if (e) out.push(e);
  }
  if (a.dyndns) {
    const d = dyndnsProvider(a.dyndns.provider);
    if (d) {
      const e: DdnsEntry = { provider: d.ddnsProvider, domain: a.dyndns.hosts.map((h) => `${h}.${a.dyndns!.domain}`).join(','), ip_version: 'ipv4' };
      if (d.usernameField && a.dyndns.username) e[d.usernameField] = a.dyndns.username;
      e[d.secretField] = a.dyndns.secret;
      out.push(e);
    }
  }
  return out;
}

export function renderDdnsConfig(entries: DdnsEntry[]): string {
  return JSON.stringify({ settings: entries }, null, 2) + '\n';
}

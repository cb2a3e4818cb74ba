// @ts-nocheck
// What the mail VM serves over HTTPS besides webmail: the MTA-STS policy (RFC 8461) at
// https://mta-sts.<domain>/.well-known/mta-sts.txt and Thunderbird's autoconfig file at
// https://autoconfig.<domain>/mail/config-v1.1.xml. Pure renderers plus the parsers
// `checks --records` uses on what it fetches.
import { createHash } from 'node:crypto';
import type { Plan } from '../plan/types.js';
import { autoconfigHost, mtaStsHost } from './certificates.js';
import { dyndnsTarget } from './records.js';

export const MTA_STS_PATH = '/.well-known/mta-sts.txt';
export const AUTOCONFIG_PATH = '/mail/config-v1.1.xml';
/** RFC 8461 §3.2: max_age up to 31557600; a day while testing, a week once enforced. */
export const MTA_STS_MAX_AGE = { testing: 86_400, enforce: 604_800 } as const;

export type MtaStsMode = 'testing' | 'enforce' | 'none';

/**
 * The policy, or undefined when the site cannot use MTA-STS: in the dyndns shape the MX is the
 * dyndns host, which the site certificate does not name, so senders could never validate it.
 */
export function mtaStsPolicy(plan: Plan): string | undefined {
  if (dyndnsTarget(plan)) return undefined;
  const mode = plan.answers.mtaSts?.mode ?? 'testing';
  return ['version: STSv1', `mode: ${mode}`, `mx: ${plan.fqdn.mx}`, `max_age: ${MTA_STS_MAX_AGE[mode]}`].join('\r\n') + '\r\n';
}

/** The _mta-sts TXT id (RFC 8461 §3.1: 1-32 alphanumerics): changes whenever the policy text does. */
export function mtaStsId(policy: string): string {
  return createHash('sha256').update(policy).digest('hex').slice(0, 20);
}

export function mtaStsTxt(plan: Plan): string | undefined {
  const p = mtaStsPolicy(plan);
  return p && `v=STSv1; id=${mtaStsId(p)}`;
}

export interface ParsedMtaSts {
  version?: string;
  mode?: string;
  mx: string[];
  maxAge?: number;
  problems: string[];
}

/** RFC 8461 §3.2: "key: value" lines (CRLF or LF); version first; mode; one or more mx; max_age. */
export function parseMtaStsPolicy(text: string): ParsedMtaSts {
  const out: ParsedMtaSts = { mx: [], problems: [] };
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  lines.forEach((line, i) => {
    const m = /^([A-Za-z0-9_]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!m) return void out.problems.push(`line ${i + 1} is not "key: value"`);
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'version') {
      if (i !== 0) out.problems.push('version must be the first line');
      out.version = value;
    } else if (key === 'mode') out.mode = value;
    else if (key === 'mx') out.mx.push(value.toLowerCase());
    else if (key === 'max_age') out.maxAge = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  });
  if (out.version !== 'STSv1') out.problems.push('version is not STSv1');
  if (!['testing', 'enforce', 'none'].includes(out.mode ?? '')) out.problems.push(`mode must be testing, enforce or none (is ${out.mode ?? 'missing'})`);
  if (out.mode !== 'none' && out.mx.length === 0) out.problems.push('no mx line');
  if (out.maxAge === undefined || Number.isNaN(out.maxAge) || out.maxAge > 31_557_600) out.problems.push('max_age must be a number of seconds up to 31557600');
  return out;
}

/** Does an mx pattern of the policy match the host ("*.example.com" covers one label)? */
export function mxPatternMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p.startsWith('*.')) return h.endsWith(p.slice(1)) && !h.slice(0, h.length - p.length + 1).includes('.');
  return p === h;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Thunderbird autoconfig (config-v1.1): IMAP 993 TLS and submission 587 STARTTLS on mail.<domain>. */
export function autoconfigXml(plan: Plan): string {
  const d = xmlEscape(plan.domain);
  const host = xmlEscape(plan.fqdn.mail);
  return `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="${d}">
    <domain>${d}</domain>
    <displayName>${d} mail</displayName>
    <displayShortName>${d}</displayShortName>
    <incomingServer type="imap">
      <hostname>${host}</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>${host}</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </outgoingServer>
  </emailProvider>
</clientConfig>
`;
}

/** The web part of the mail VM's site.json. */
export function wellKnownSite(plan: Plan): Record<string, unknown> {
  const policy = mtaStsPolicy(plan);
  return {
    mtaSts: policy ? { host: mtaStsHost(plan), path: MTA_STS_PATH, policy } : null,
    autoconfig: { host: autoconfigHost(plan), path: AUTOCONFIG_PATH, xml: autoconfigXml(plan) },
  };
}

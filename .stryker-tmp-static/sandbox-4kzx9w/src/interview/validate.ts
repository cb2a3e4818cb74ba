// @ts-nocheck
// Field validation for the screens, using the same zod schemas as the answers file, so a
// value the interview accepts is a value the file would accept, with the same message.
import type { z } from 'zod';
import { answersObject, decisionSchema, dnsProviderSchema, domainSchema, dyndnsSchema, hostSerialSchema, networkSchema, relayIsSiteProblem, relaySchema, type Network } from '../schema/answers.js';
import { zodProblems } from '../schema/load.js';
import type { DyndnsDraft, MailboxDraft, NetworkDraft, RelayDraft } from './state.js';

/** Field → message, for the fields that have a problem. */
export type FieldErrors = Record<string, string>;

/** The first problem at `path` (or below it) when `value` is parsed with `schema`. */
export function problemAt(schema: z.ZodType, value: unknown, path = ''): string | undefined {
  const r = schema.safeParse(value);
  if (r.success) return undefined;
  const p = zodProblems(r.error).find((x) => path === '' || x.path === path || x.path.startsWith(`${path}.`));
  return p?.message;
}

/** All problems keyed by their first path segment under `prefix` (e.g. 'credentials'). */
export function problemsByField(schema: z.ZodType, value: unknown, prefix = ''): FieldErrors {
  const r = schema.safeParse(value);
  if (r.success) return {};
  const out: FieldErrors = {};
  for (const p of zodProblems(r.error)) {
    let path = p.path;
    if (prefix) {
      if (!path.startsWith(`${prefix}.`)) continue;
      path = path.slice(prefix.length + 1);
    }
    const key = path.split('.')[0] ?? path;
    if (!(key in out)) out[key] = p.message;
  }
  return out;
}

const blank = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());

export const domainProblem = (v: string) => problemAt(domainSchema, v);
export const hostSerialProblem = (v: string) => problemAt(hostSerialSchema, v);
export const publicIpProblem = (v: string) =>
  v.trim() === '' ? 'is required when the site has a static public IPv4 (e.g. 203.0.113.7)' : problemAt(answersObject.shape.publicIp, v);
export const overrideReasonProblem = (v: string): string | undefined =>
  problemAt(decisionSchema.shape.overrideReason, v.trim()) === undefined ? undefined : 'must say why (at least 3 characters); it goes into the handover checklist';

export function networkValue(n: NetworkDraft) {
  const prefix = /^\d+$/.test(n.prefixLength.trim()) ? Number(n.prefixLength.trim()) : n.prefixLength;
  return { bridge: n.bridge.trim(), gateway: n.gateway.trim(), prefixLength: prefix, pmg: n.pmg.trim(), mail: n.mail.trim(), dns: n.dns.trim() };
}

export function networkProblems(n: NetworkDraft): FieldErrors {
  const errors = problemsByField(networkSchema, networkValue(n));
  if (errors.prefixLength && !/^\d+$/.test(n.prefixLength.trim())) errors.prefixLength = 'must be a number between 8 and 30 (e.g. 24)';
  return errors;
}

export function relayValue(r: RelayDraft) {
  const port = /^\d+$/.test(r.port.trim()) ? Number(r.port.trim()) : undefined;
  return {
    ...(r.preset ? { preset: r.preset } : {}),
    ...(blank(r.host) ? { host: blank(r.host) } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(blank(r.user) ? { user: blank(r.user) } : {}),
    ...(r.password !== '' ? { password: r.password } : r.passwordFile ? { passwordFile: r.passwordFile } : {}),
    ...(blank(r.spf) ? { spf: blank(r.spf) } : {}),
  };
}

/** The site a relay must not be (its names and addresses), when known. */
export interface RelaySite {
  domain: string;
  hostSerial: string;
  network: Network;
  publicIp?: string | undefined;
}

/** Problems of the relay fields in `fields` only (fields not asked yet are not reported). */
export function relayProblems(r: RelayDraft, fields: readonly string[], site?: RelaySite): FieldErrors {
  const all = problemsByField(relaySchema, relayValue(r));
  const host = r.host.trim();
  if (site && host && !all.host) {
    const self = relayIsSiteProblem(host, site);
    if (self) all.host = self;
  }
  if (!/^\d+$/.test(r.port.trim())) all.port = 'must be a port number such as 587';
  return Object.fromEntries(Object.entries(all).filter(([k]) => fields.includes(k)));
}

export function dyndnsValue(d: DyndnsDraft) {
  return {
    provider: d.provider,
    ...(blank(d.username) ? { username: blank(d.username) } : {}),
    secret: d.secret,
    hosts: d.hosts.split(/[\s,]+/).filter(Boolean),
    domain: d.domain.trim(),
  };
}

export const dyndnsProblems = (d: DyndnsDraft): FieldErrors => problemsByField(dyndnsSchema, dyndnsValue(d));

export function dnsCredentialsValue(provider: string, credentials: Record<string, string>) {
  return { provider, credentials: Object.fromEntries(Object.entries(credentials).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()])) };
}

export const dnsCredentialProblems = (provider: string, credentials: Record<string, string>): FieldErrors =>
  problemsByField(dnsProviderSchema, dnsCredentialsValue(provider, credentials), 'credentials');

const mailboxesSchema = answersObject.shape.mailboxes;

/** Problems of the mailbox being added, checked together with the ones already added. */
export function mailboxProblems(existing: readonly MailboxDraft[], m: MailboxDraft & { confirm: string }): FieldErrors {
  const list = [...existing, m].map((x) => ({ user: x.user, ...(x.password !== '' ? { password: x.password } : x.passwordFile ? { passwordFile: x.passwordFile } : {}) }));
  const errors = problemsByField(mailboxesSchema, list, String(existing.length));
  if (!errors.password && m.confirm !== m.password) errors.confirm = 'does not match the password';
  return errors;
}

/** A one-field form's errors. */
export const oneField = (key: string, problem: string | undefined): FieldErrors => (problem ? { [key]: problem } : {});

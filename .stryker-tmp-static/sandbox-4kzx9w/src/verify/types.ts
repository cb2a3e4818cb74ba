// @ts-nocheck
// Results of the live DNS verification (issue 5 part 3): per record, what the site needs, what
// the resolvers answered, and one verdict. Each verdict needs different advice.
import type { DnsRecord } from '../render/records.js';
import type { CertCheck } from './tls.js';
import type { WebCheck } from './wellKnown.js';

export type Verdict =
  | 'ok'
  | 'missing'
  | 'wrong-value'
  /** More than one v=spf1 TXT at the apex: receivers treat SPF as broken (RFC 7208 §4.5). */
  | 'extra-spf'
  /** The MX target is a CNAME (RFC 2181 §10.3). */
  | 'mx-cname'
  | 'ptr-missing'
  /** The PTR name does not resolve back to the public IP. */
  | 'ptr-not-confirmed'
  /** A DKIM TXT is published but its key is not the mail VM's. */
  | 'dkim-mismatch'
  /** No resolver answered (timeout, SERVFAIL, refused). */
  | 'lookup-failed'
  /** The value is not known yet (placeholder): nothing to compare. */
  | 'skipped';

export interface ResolverAnswer {
  resolver: string;
  verdict: Verdict;
  found: string[];
  detail?: string;
}

export interface RecordCheck {
  record: DnsRecord;
  /** What must be published, as one line (MX: "10 mx.example.com"). */
  expected: string;
  /** What the deciding resolver answered (empty when nothing). */
  found: string[];
  verdict: Verdict;
  detail?: string;
  /** False for the recommended extras: their problems do not fail the run. */
  required: boolean;
  /** One entry per resolver asked. */
  answers: ResolverAnswer[];
}

export interface VerifyReport {
  domain: string;
  /** ISO time the verification ran. */
  at: string;
  resolvers: string[];
  checks: RecordCheck[];
  /** The site certificate as served (names, issuer, expiry, renewal), when it was checked. */
  certificates?: CertCheck[];
  /** The MTA-STS policy and autoconfig file as served, when they were fetched. */
  web?: WebCheck[];
  /** Required records (and certificates) whose verdict is neither ok nor skipped. */
  problems: number;
  ok: boolean;
}

/** Problem verdicts, worst first: when resolvers disagree the worst one is reported. */
export const VERDICT_ORDER: readonly Verdict[] = [
  'missing',
  'ptr-missing',
  'extra-spf',
  'mx-cname',
  'dkim-mismatch',
  'wrong-value',
  'ptr-not-confirmed',
  'lookup-failed',
  'skipped',
  'ok',
];

export function isProblem(v: Verdict): boolean {
  return v !== 'ok' && v !== 'skipped';
}

/** Short human words for tables and the checklist. */
export const VERDICT_LABEL: Record<Verdict, string> = {
  ok: 'ok',
  missing: 'MISSING',
  'wrong-value': 'WRONG VALUE',
  'extra-spf': 'EXTRA SPF',
  'mx-cname': 'MX IS CNAME',
  'ptr-missing': 'PTR MISSING',
  'ptr-not-confirmed': 'PTR NOT CONFIRMED',
  'dkim-mismatch': 'DKIM MISMATCH',
  'lookup-failed': 'LOOKUP FAILED',
  skipped: 'not known yet',
};

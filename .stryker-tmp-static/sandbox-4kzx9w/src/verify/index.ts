// @ts-nocheck
// Live verification of the DNS records a site needs (issue 5 part 3): every record of
// buildRecords(plan) whose value is known, asked of every configured resolver in parallel.
// Used by `checks --records`, the re-run menu and the handover checklist.
import type { Plan } from '../plan/types.js';
import { buildRecords, type DnsRecord } from '../render/records.js';
import { evaluate, expectedText } from './evaluate.js';
import { makeLookup, type Lookup } from './lookup.js';
import { DEFAULT_VERIFY_TIMEOUT_MS } from './resolvers.js';
import { isProblem, VERDICT_ORDER, type RecordCheck, type ResolverAnswer, type VerifyReport } from './types.js';
import type { CertCheck } from './tls.js';
import type { WebCheck } from './wellKnown.js';

export type { RecordCheck, Verdict, VerifyReport, ResolverAnswer } from './types.js';
export { isProblem, VERDICT_LABEL } from './types.js';
export { DEFAULT_VERIFY_RESOLVERS, verifyConfigFromEnv, verifyDisabled, type VerifyConfig } from './resolvers.js';
export { planFromState } from './planFromState.js';
export { verifyCertificates, tlsConfigFromEnv, type CertCheck } from './tls.js';
export { verifyMailTls, mailTlsConfigFromEnv } from './mailTls.js';

export { verifyWellKnown, type WebCheck } from './wellKnown.js';

/** The report with the certificate and served-file checks added: a problem there fails it like a record. */
export function withCertificates(report: VerifyReport, certificates: CertCheck[], web: WebCheck[] = []): VerifyReport {
  const bad = [...certificates, ...web].filter((c) => c.verdict !== 'ok' && c.verdict !== 'skipped').length;
  return { ...report, certificates, web, problems: report.problems + bad, ok: report.ok && bad === 0 };
}

export interface VerifyOptions {
  /** host[:port] of each resolver to ask. */
  resolvers: string[];
  /** Per query, default 2500 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Clock for the report's date (tests). */
  now?: () => Date;
  /** Resolvers already made (tests); overrides `resolvers`. */
  lookups?: Lookup[];
}

const rank = (v: ResolverAnswer['verdict']): number => VERDICT_ORDER.indexOf(v);

/** One verdict from several resolvers: the worst of those that answered. */
export function combine(record: DnsRecord, answers: ResolverAnswer[]): RecordCheck {
  const base = { record, expected: expectedText(record), required: record.kind !== 'recommended', answers };
  const answered = answers.filter((a) => a.verdict !== 'lookup-failed');
  if (answered.length === 0) {
    const why = answers.map((a) => `${a.resolver}: ${a.detail ?? 'no answer'}`).join('; ');
    return { ...base, verdict: 'lookup-failed', found: [], detail: `no resolver answered (${why})` };
  }
  const worst = [...answered].sort((x, y) => rank(x.verdict) - rank(y.verdict))[0]!;
  const notes: string[] = [];
  if (worst.detail) notes.push(worst.detail);
  if (new Set(answered.map((a) => a.verdict)).size > 1) {
    notes.push(`resolvers disagree (${answered.map((a) => `${a.resolver} ${a.verdict}`).join(', ')}): a recent change may still be cached for up to ${record.ttl} s`);
  }
  const silent = answers.filter((a) => a.verdict === 'lookup-failed').map((a) => a.resolver);
  if (silent.length) notes.push(`no answer from ${silent.join(', ')}`);
  return { ...base, verdict: worst.verdict, found: worst.found, ...(notes.length ? { detail: notes.join('; ') } : {}) };
}

export async function verifyRecords(records: DnsRecord[], domain: string, opts: VerifyOptions): Promise<VerifyReport> {
  const at = (opts.now?.() ?? new Date()).toISOString();
  const lookups = opts.lookups ?? opts.resolvers.map((r) => makeLookup(r, opts.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS));
  const onAbort = (): void => lookups.forEach((l) => l.cancel());
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const checks = await Promise.all(
      records.map(async (record): Promise<RecordCheck> => {
        if (record.pending) {
          return { record, expected: expectedText(record), found: [], verdict: 'skipped', required: record.kind !== 'recommended', answers: [], detail: record.note ?? 'value not known yet' };
        }
        const answers = await Promise.all(lookups.map(async (l) => ({ resolver: l.resolver, ...(await evaluate(record, l)) })));
        return combine(record, answers);
      }),
    );
    opts.signal?.throwIfAborted();
    const problems = checks.filter((c) => c.required && isProblem(c.verdict)).length;
    return { domain, at, resolvers: lookups.map((l) => l.resolver), checks, problems, ok: problems === 0 };
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/** Every record the site needs (placeholders skipped), against the configured resolvers. */
export function verifySite(plan: Plan, opts: VerifyOptions): Promise<VerifyReport> {
  return verifyRecords(buildRecords(plan), plan.domain, opts);
}

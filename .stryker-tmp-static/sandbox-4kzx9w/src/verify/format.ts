// @ts-nocheck
// The verification report for people: one block per record, 80 columns, problems spelled out.
import { hang, middle } from '../render/handoverWrap.js';
import { isProblem, VERDICT_LABEL, type RecordCheck, type VerifyReport } from './types.js';
import { CERT_VERDICT_LABEL, type CertCheck } from './tls.js';
import { WEB_VERDICT_LABEL, type WebCheck } from './wellKnown.js';

const WIDTH = 80;
const STATUS_W = 19;

/** "2025-11-23 15:04 UTC" */
export function shortDate(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function block(c: RecordCheck): string[] {
  const mark = isProblem(c.verdict) ? (c.required ? '✗' : '!') : c.verdict === 'ok' ? '✓' : '·';
  const status = `${mark} ${VERDICT_LABEL[c.verdict]}`;
  const head = `${status.padEnd(STATUS_W)}${c.record.type.padEnd(6)}${c.record.name}${c.required ? '' : ' (recommended)'}`;
  const pad = ' '.repeat(STATUS_W + 6);
  const out = [head];
  const width = WIDTH - pad.length;
  if (c.verdict === 'ok') {
    out.push(`${pad}${middle(c.found.join(', ') || c.expected, width)}`);
  } else if (c.verdict !== 'skipped') {
    out.push(...hang(`${pad}expected `, middle(c.expected, 200), WIDTH));
    out.push(...hang(`${pad}found    `, c.found.length ? c.found.map((f) => middle(f, 120)).join(' | ') : '(nothing)', WIDTH));
  }
  if (c.detail) out.push(...hang(pad, c.detail, WIDTH));
  return out;
}

function certBlock(c: CertCheck): string[] {
  const mark = c.verdict === 'ok' ? '✓' : c.verdict === 'skipped' ? '·' : '✗';
  const out = [`${`${mark} ${CERT_VERDICT_LABEL[c.verdict]}`.padEnd(STATUS_W)}CERT  ${c.endpoint}`];
  const pad = ' '.repeat(STATUS_W + 6);
  if (c.names.length) out.push(...hang(`${pad}names    `, c.names.join(', '), WIDTH));
  if (c.issuer) out.push(...hang(`${pad}issuer   `, c.issuer, WIDTH));
  if (c.validTo) out.push(`${pad}expires  ${c.validTo.slice(0, 10)} (${c.daysLeft} days left)`);
  if (c.detail) out.push(...hang(pad, c.detail, WIDTH));
  return out;
}

function webBlock(c: WebCheck): string[] {
  const mark = c.verdict === 'ok' ? '✓' : c.verdict === 'skipped' ? '·' : '✗';
  const pad = ' '.repeat(STATUS_W + 6);
  return [`${`${mark} ${WEB_VERDICT_LABEL[c.verdict]}`.padEnd(STATUS_W)}HTTPS ${c.what}`, ...hang(pad, c.url, WIDTH), ...(c.detail ? hang(pad, c.detail, WIDTH) : [])];
}

export function formatVerifyReport(r: VerifyReport): string {
  const required = r.checks.filter((c) => c.required && c.verdict !== 'skipped');
  const lines = [`DNS verification for ${r.domain}, ${shortDate(r.at)}`, ...hang('Resolvers: ', r.resolvers.join(', '), WIDTH), ''];
  for (const c of r.checks) lines.push(...block(c), '');
  for (const c of r.certificates ?? []) lines.push(...certBlock(c), '');
  for (const c of r.web ?? []) lines.push(...webBlock(c), '');
  const certProblems = [...(r.certificates ?? []), ...(r.web ?? [])].filter((c) => c.verdict !== 'ok' && c.verdict !== 'skipped').length;
  const skipped = r.checks.filter((c) => c.verdict === 'skipped').length;
  const advisory = r.checks.filter((c) => !c.required && isProblem(c.verdict)).length;
  lines.push(
    r.problems - certProblems === 0 ? `All ${required.length} required records are published correctly.` : `${r.problems - certProblems} of ${required.length} required records need attention.`,
    ...(certProblems ? ['The site certificate or what the mail VM serves needs attention (see CERT / HTTPS above).'] : []),
    ...(advisory ? [`${advisory} recommended record${advisory === 1 ? ' is' : 's are'} not (correctly) published; they do not fail the check.`] : []),
    ...(skipped ? [`${skipped} record${skipped === 1 ? '' : 's'} not checked: value not known yet.`] : []),
  );
  return `${lines.join('\n')}\n`;
}

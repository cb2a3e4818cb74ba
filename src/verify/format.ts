// The verification report for people: one block per record, 80 columns, problems spelled out.
import { hang, middle } from '../render/handoverWrap.js';
import { isProblem, VERDICT_LABEL, type RecordCheck, type VerifyReport } from './types.js';

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

export function formatVerifyReport(r: VerifyReport): string {
  const required = r.checks.filter((c) => c.required && c.verdict !== 'skipped');
  const lines = [`DNS verification for ${r.domain}, ${shortDate(r.at)}`, ...hang('Resolvers: ', r.resolvers.join(', '), WIDTH), ''];
  for (const c of r.checks) lines.push(...block(c), '');
  const skipped = r.checks.filter((c) => c.verdict === 'skipped').length;
  const advisory = r.checks.filter((c) => !c.required && isProblem(c.verdict)).length;
  lines.push(
    r.ok ? `All ${required.length} required records are published correctly.` : `${r.problems} of ${required.length} required records need attention.`,
    ...(advisory ? [`${advisory} recommended record${advisory === 1 ? ' is' : 's are'} not (correctly) published; they do not fail the check.`] : []),
    ...(skipped ? [`${skipped} record${skipped === 1 ? '' : 's'} not checked: value not known yet.`] : []),
  );
  return `${lines.join('\n')}\n`;
}

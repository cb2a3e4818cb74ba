// @ts-nocheck
// The checklist for the terminal: plain text, at most 80 columns, no colour.
import type { Block, Handover, RecordItem } from './handoverModel.js';
import { hang, wrap } from './handoverWrap.js';

export const TEXT_WIDTH = 80;
const W = TEXT_WIDTH;
const RULE = '-'.repeat(W);

function facts(rows: Array<[string, string]>): string[] {
  const lw = Math.min(22, Math.max(...rows.map(([l]) => l.length)) + 2);
  return rows.flatMap(([l, v]) => hang(l, v, W, lw));
}

/** Aligned columns when they fit in 80 columns, else one "Head: value" block per row. */
function table(head: string[], rows: string[][], check: boolean): string[] {
  const box = check ? '[ ] ' : '';
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const total = box.length + widths.reduce((a, b) => a + b, 0) + 2 * (head.length - 1);
  if (total <= W) {
    const line = (cells: string[], prefix: string) => (prefix + cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')).trimEnd();
    return [line(head, ' '.repeat(box.length)), line(widths.map((w) => '-'.repeat(w)), ' '.repeat(box.length)), ...rows.map((r) => line(r, box))];
  }
  const lw = Math.max(...head.map((h) => h.length)) + 2;
  const out: string[] = [];
  for (const r of rows) {
    out.push(...hang(`${box}${r[0] ?? ''}`, '', W));
    for (let i = 1; i < head.length; i++) out.push(...hang(`${' '.repeat(box.length + 2)}${`${head[i]}:`.padEnd(lw)}`, r[i] ?? '', W));
    out.push('');
  }
  if (out.at(-1) === '') out.pop();
  return out;
}

function records(items: RecordItem[]): string[] {
  const sw = 17;
  const pad = ' '.repeat(sw + 6);
  const out: string[] = [];
  for (const it of items) {
    const mark = it.tone === 'ok' ? '✓' : it.tone === 'problem' ? '✗' : it.tone === 'advisory' ? '!' : '·';
    const tail = `${it.kind === 'required' ? '' : ` (${it.kind})`}  TTL ${it.ttl}`;
    const head = `${`${mark} ${it.status}`.padEnd(sw)}${it.type.padEnd(6)}${it.name}${tail}`;
    out.push(...(head.length <= W ? [head] : [`${mark} ${it.status}`, ...hang(pad, `${it.type} ${it.name}${tail}`, W)]));
    out.push(...hang(pad, it.value, W));
    for (const n of it.notes) out.push(...hang(pad, n, W));
    out.push('');
  }
  out.pop();
  return out;
}

function block(b: Block): string[] {
  switch (b.kind) {
    case 'para':
      return wrap(b.tone === 'warn' ? `! ${b.text}` : b.tone === 'note' ? `Note: ${b.text}` : b.text, W);
    case 'facts':
      return facts(b.rows);
    case 'table':
      return table(b.head, b.rows, b.check ?? false);
    case 'records':
      return records(b.items);
    case 'checklist':
      return b.items.flatMap((i) => hang('[ ] ', i, W));
    case 'list':
      return b.items.flatMap((i) => hang('- ', i, W));
    case 'letter':
      return ['  +' + '-'.repeat(W - 4), ...b.text.split('\n').flatMap((l) => (/^\s/.test(l) ? [l] : wrap(l, W - 6))).map((l) => `  | ${l}`.trimEnd()), '  +' + '-'.repeat(W - 4)];
    case 'sign':
      return b.lines.flatMap((l) => ['', '', `${'_'.repeat(50)}`, l]);
  }
}

export function renderHandoverText(h: Handover): string {
  const out = ['='.repeat(W), ...wrap(h.title, W), `Generated ${h.generatedAt.slice(0, 10)} ${h.generatedAt.slice(11, 16)} UTC by netsetup-wizard`, '='.repeat(W)];
  h.sections.forEach((s, i) => {
    out.push('', '', `${i + 1}. ${s.title.toUpperCase()}`, RULE);
    s.blocks.forEach((b, k) => {
      if (k > 0) out.push('');
      out.push(...block(b));
    });
  });
  return `${out.join('\n')}\n`;
}

// @ts-nocheck
// The checklist as Markdown (GitHub flavour): for a ticket, a wiki page or a customer mail.
import type { Block, Handover, RecordItem } from './handoverModel.js';

/** Inline text: Markdown specials escaped so values (TXT, paths) show literally. */
const md = (s: string): string => s.replace(/([\\`*_[\]<>|#])/g, '\\$1');
const cell = (s: string): string => md(s).replace(/\n/g, '<br>');
const code = (s: string): string => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);

function table(head: string[], rows: string[][], mono: number[], check: boolean): string[] {
  const h = check ? ['Done', ...head] : head;
  const fmt = (r: string[]) => r.map((c, i) => (mono.includes(i) ? code(c) : cell(c)));
  return [`| ${h.map(cell).join(' | ')} |`, `|${h.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${[...(check ? ['☐'] : []), ...fmt(r)].join(' | ')} |`)];
}

function records(items: RecordItem[]): string[] {
  return items.flatMap((it) => [
    `- **${md(it.status)}** · ${it.type} ${code(it.name)}${it.kind === 'required' ? '' : ` (${it.kind})`} · TTL ${it.ttl}  `,
    `  ${code(it.value)}`,
    ...it.notes.map((n) => `  - ${md(n)}`),
  ]);
}

function block(b: Block): string[] {
  switch (b.kind) {
    case 'para':
      return [b.tone === 'warn' ? `> **Warning:** ${md(b.text)}` : b.tone === 'note' ? `> ${md(b.text)}` : md(b.text)];
    case 'facts':
      return b.rows.map(([l, v]) => `- **${md(l)}:** ${md(v)}`);
    case 'table':
      return table(b.head, b.rows, b.mono ?? [], b.check ?? false);
    case 'records':
      return records(b.items);
    case 'checklist':
      return b.items.map((i) => `- [ ] ${md(i)}`);
    case 'list':
      return b.items.map((i) => `- ${md(i)}`);
    case 'letter':
      return ['```text', b.text, '```'];
    case 'sign':
      return b.lines.flatMap((l) => ['', '&nbsp;', '', '\\_'.repeat(40) + '  ', l]);
  }
}

export function renderHandoverMarkdown(h: Handover): string {
  const out = [`# ${md(h.title)}`, '', `Generated ${h.generatedAt.slice(0, 10)} ${h.generatedAt.slice(11, 16)} UTC by netsetup-wizard.`];
  h.sections.forEach((s, i) => {
    out.push('', `## ${i + 1}. ${md(s.title)}`);
    for (const b of s.blocks) out.push('', ...block(b));
  });
  return `${out.join('\n')}\n`;
}

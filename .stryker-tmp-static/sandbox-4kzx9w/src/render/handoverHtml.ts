// @ts-nocheck
// The checklist as one self-contained HTML file with print CSS: A4, each section on its own
// page, a running footer with the domain and page numbers. On screen the sections look like
// sheets. No scripts, no external resources (it is printed offline by headless Chromium).
import type { Block, Handover, RecordItem } from './handoverModel.js';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** CSS string literal for the page footer. */
const cssString = (s: string): string => `"${s.replace(/["\\\n]/g, (c) => (c === '\n' ? ' ' : `\\${c}`))}"`;

const CSS = `
@page { size: A4; margin: 16mm 15mm 18mm 15mm;
  @bottom-left { content: FOOTER; font: 8pt sans-serif; color: #555; }
  @bottom-right { content: "page " counter(page) " of " counter(pages); font: 8pt sans-serif; color: #555; } }
* { box-sizing: border-box; }
body { font: 10pt/1.4 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; margin: 0; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 0 0 4mm; padding-bottom: 1.5mm; border-bottom: 0.6mm solid #1f4e79; color: #1f4e79; }
.meta { color: #555; margin: 0 0 6mm; }
section { break-before: page; }
section.first { break-before: auto; }
table { width: 100%; border-collapse: collapse; margin: 0 0 3mm; }
th, td { text-align: left; vertical-align: top; padding: 1.2mm 1.6mm; border-bottom: 0.2mm solid #bbb; }
th { background: #eef2f7; font-size: 9pt; }
tr { break-inside: avoid; }
.mono, .value { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; overflow-wrap: anywhere; }
.value { word-break: break-all; }
table.facts th { width: 34%; background: none; font-size: 10pt; }
.box { display: inline-block; width: 3.4mm; height: 3.4mm; border: 0.3mm solid #111; vertical-align: -0.5mm; margin-right: 2mm; }
ul.check { list-style: none; padding-left: 0; } ul.check li { margin: 0 0 2.5mm; padding-left: 6mm; text-indent: -5.4mm; }
ul.check li::after { content: ""; display: block; border-bottom: 0.2mm dotted #999; height: 4mm; margin-left: 0; }
.status { font-weight: bold; }
.ok .status { color: #1a7f37; } .problem .status { color: #b42318; } .advisory .status { color: #9a6700; } .unknown .status { color: #555; }
.notes { color: #444; font-size: 8.5pt; }
/* Fixed columns, and every cell wraps inside its own column: a long status ("value not known
   yet", "PTR NOT CONFIRMED") breaks onto a second line instead of running into the type. */
table.records { table-layout: fixed; }
table.records td, table.records th { overflow-wrap: anywhere; word-break: normal; hyphens: none; overflow: hidden; }
table.records td.status { white-space: normal; }
.kind { font-family: "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #555; word-break: normal; }
p.warn { border-left: 1.2mm solid #b42318; padding-left: 3mm; } p.note { border-left: 1.2mm solid #1f4e79; padding-left: 3mm; color: #333; }
pre.letter { font: 9.5pt/1.45 "DejaVu Sans Mono", monospace; border: 0.3mm solid #888; padding: 4mm 5mm; white-space: pre-wrap; }
.sign { margin-top: 18mm; width: 60%; border-top: 0.3mm solid #111; padding-top: 1mm; }
@media screen {
  body { background: #d9dde3; padding: 8mm 0; }
  section { background: #fff; width: 210mm; min-height: 297mm; margin: 0 auto 8mm; padding: 16mm 15mm 18mm; box-shadow: 0 1mm 4mm rgba(0,0,0,.25); }
}
`;

function recordRows(items: RecordItem[]): string {
  const rows = items.map(
    (it) => `<tr class="${it.tone}"><td class="status">${esc(it.status)}</td><td>${esc(it.type)}</td><td class="mono">${esc(it.name)}${it.kind === 'required' ? '' : `<div class="kind">${esc(it.kind)}</div>`}</td>` +
      `<td><div class="value">${esc(it.value)}</div>${it.notes.map((n) => `<div class="notes">${esc(n)}</div>`).join('')}</td><td>${it.ttl}</td></tr>`,
  );
  return `<table class="records"><colgroup><col style="width:16%"><col style="width:10%"><col style="width:27%"><col><col style="width:8%"></colgroup><thead><tr><th>Status</th><th>Type</th><th>Name</th><th>Value</th><th>TTL</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function block(b: Block): string {
  switch (b.kind) {
    case 'para':
      return `<p${b.tone ? ` class="${b.tone}"` : ''}>${esc(b.text)}</p>`;
    case 'facts':
      return `<table class="facts"><tbody>${b.rows.map(([l, v]) => `<tr><th>${esc(l)}</th><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`;
    case 'table': {
      const mono = b.mono ?? [];
      const head = `<tr>${b.check ? '<th>Done</th>' : ''}${b.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
      const rows = b.rows.map((r) => `<tr>${b.check ? '<td><span class="box"></span></td>' : ''}${r.map((c, i) => `<td${mono.includes(i) ? ' class="mono"' : ''}>${esc(c)}</td>`).join('')}</tr>`);
      return `<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
    }
    case 'records':
      return recordRows(b.items);
    case 'checklist':
      return `<ul class="check">${b.items.map((i) => `<li><span class="box"></span>${esc(i)}</li>`).join('')}</ul>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'letter':
      return `<pre class="letter">${esc(b.text)}</pre>`;
    case 'sign':
      return b.lines.map((l) => `<div class="sign">${esc(l)}</div>`).join('');
  }
}

export function renderHandoverHtml(h: Handover): string {
  const when = `${h.generatedAt.slice(0, 10)} ${h.generatedAt.slice(11, 16)} UTC`;
  const css = CSS.replace('FOOTER', cssString(`${h.domain} · mail system handover · ${when}`));
  const sections = h.sections.map(
    (s, i) =>
      `<section id="${s.id}"${i === 0 ? ' class="first"' : ''}>${i === 0 ? `<h1>${esc(h.title)}</h1><p class="meta">Generated ${esc(when)} by netsetup-wizard</p>` : ''}<h2>${i + 1}. ${esc(s.title)}</h2>\n${s.blocks.map(block).join('\n')}</section>`,
  );
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${esc(h.title)}</title>
<style>${css}</style></head>
<body>
${sections.join('\n')}
</body></html>
`;
}

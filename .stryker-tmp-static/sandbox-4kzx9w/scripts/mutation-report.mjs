#!/usr/bin/env node
// @ts-nocheck
// Reads a StrykerJS JSON report (default reports/mutation/mutation.json) and prints the score per
// file and every surviving or uncovered mutant with its line and replacement, the list that
// test/mutation/SURVIVORS.md explains. Usage: node scripts/mutation-report.mjs [report.json] [--survivors]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? 'reports/mutation/mutation.json';
const report = JSON.parse(readFileSync(file, 'utf8'));
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

const rows = [];
let totalDetected = 0;
let totalValid = 0;
for (const [name, f] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const detected = f.mutants.filter((m) => DETECTED.has(m.status)).length;
  const undetected = f.mutants.filter((m) => UNDETECTED.has(m.status)).length;
  const valid = detected + undetected;
  totalDetected += detected;
  totalValid += valid;
  rows.push({ name, detected, undetected, valid, score: valid ? (100 * detected) / valid : 100, f });
}
const pct = (n) => `${n.toFixed(1).padStart(5)} %`;
console.log(`${'file'.padEnd(32)} ${'score'.padStart(7)} ${'killed'.padStart(7)} ${'alive'.padStart(6)}`);
for (const r of rows) console.log(`${r.name.padEnd(32)} ${pct(r.score)} ${String(r.detected).padStart(7)} ${String(r.undetected).padStart(6)}`);
console.log(`${'all files'.padEnd(32)} ${pct((100 * totalDetected) / totalValid)} ${String(totalDetected).padStart(7)} ${String(totalValid - totalDetected).padStart(6)}`);

if (args.includes('--survivors')) {
  for (const r of rows) {
    const alive = r.f.mutants.filter((m) => UNDETECTED.has(m.status));
    if (alive.length === 0) continue;
    console.log(`\n## ${r.name}`);
    const lines = r.f.source.split('\n');
    for (const m of alive.sort((a, b) => a.location.start.line - b.location.start.line)) {
      const src = lines[m.location.start.line - 1]?.trim().slice(0, 110) ?? '';
      console.log(`- L${m.location.start.line} ${m.mutatorName} (${m.status}) → ${JSON.stringify(m.replacement ?? '').slice(0, 80)}\n    ${src}`);
    }
  }
}

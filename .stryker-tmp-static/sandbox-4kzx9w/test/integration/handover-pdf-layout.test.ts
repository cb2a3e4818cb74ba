// @ts-nocheck
// The DNS records table of the handover, printed by headless Chromium: with every status the
// checklist can show (the longest: "value not known yet", "PTR NOT CONFIRMED") and every record
// type, no word runs out of its column and no two words are drawn over each other. Measured on
// the PDF with poppler's word boxes (pdftotext -bbox), the thing the customer gets.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHandoverHtml } from '../../src/render/handoverHtml.js';
import { CHROMIUM, printPdf } from '../../src/render/handoverPdf.js';
import type { RecordItem } from '../../src/render/handoverModel.js';
import { VERDICT_LABEL } from '../../src/verify/types.js';
import { overlappingWords, pdfWords, wordsOutsideColumns } from '../helpers/pdfWords.js';

const haveTool = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const IN_CI = Boolean(process.env.CI || process.env.NETSETUP_CI || process.env.NETSETUP_REQUIRE_CHROMIUM);
const missing = [existsSync(CHROMIUM) ? '' : 'chromium', haveTool('pdftotext') ? '' : 'poppler-utils'].filter(Boolean);
const skipReason = missing.length && !IN_CI ? ` (skipped: ${missing.join(', ')} not installed)` : '';

const dir = mkdtempSync(join(tmpdir(), 'netsetup-pdf-layout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Statuses the checklist prints (src/render/handoverRecords.ts) plus every verdict label; the
// record types of RFC 1035/3596/2782 the records table can hold.
const STATUSES = ['value not known yet', 'not verified', 'ok 2026-12-01', ...Object.values(VERDICT_LABEL)];
const TYPES = ['A', 'AAAA', 'MX', 'TXT', 'PTR', 'SRV', 'CNAME'];
const HEADER = ['Status', 'Type', 'Name', 'Value', 'TTL'];

describe('handover PDF: the records table keeps its columns apart', () => {
  it.skipIf(skipReason !== '')(`every status next to every type, printed to A4: no overlap${skipReason}`, async () => {
    const items: RecordItem[] = STATUSES.flatMap((status, i) =>
      TYPES.map((type, j) => ({ type, name: `${j % 2 ? '_submission._tcp.' : 'autoconfig-'}${i}${j}.example.com`, value: 'v=spf1 a:mail.example.com -all', ttl: 3600, status, tone: 'unknown' as const, kind: j % 3 ? 'required' : 'recommended', notes: [] })),
    );
    const html = renderHandoverHtml({ title: 'Layout', domain: 'example.com', generatedAt: '2026-12-01T00:00:00.000Z', sections: [{ id: 'dns', title: 'DNS records', blocks: [{ kind: 'records', items }] }] });
    const pdf = join(dir, 'records.pdf');
    await printPdf(html, pdf);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    let rows = 0;
    for (let p = 1; p <= pages; p++) {
      const words = pdfWords(pdf, p);
      if (!words.some((w) => w.text === 'Status')) continue;
      // Every status is printed whole (wrapped inside its cell, not cut off).
      expect(overlappingWords(words), `page ${p}: words drawn over each other`).toEqual([]);
      expect(wordsOutsideColumns(words, HEADER), `page ${p}: words past their column`).toEqual([]);
      rows += words.filter((w) => w.text === '3600').length;
    }
    expect(rows, 'every row was checked').toBe(items.length);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text.match(/value not/g)?.length).toBe(TYPES.length);
    // CNAME as a type in each status's row, and in the status "MX IS CNAME" once per type.
    expect(text.match(/CNAME/g)?.length).toBe(STATUSES.length + TYPES.length);
  }, 120_000);
});

// @ts-nocheck
// Word boxes of a PDF page from poppler's `pdftotext -bbox`, and a check that the words of a
// table stay inside their columns: what a reader sees as "text running into the next column".
import { execFileSync } from 'node:child_process';

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Every word on page `page` (1-based) with its box in PDF points. */
export function pdfWords(pdf: string, page: number): Word[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  const out: Word[] = [];
  for (const m of xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    out.push({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: unescape(m[5]!) });
  }
  return out;
}

const sameLine = (a: Word, b: Word) => Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin) > 0.5 * Math.min(a.yMax - a.yMin, b.yMax - b.yMin);

/** Pairs of words on one line whose boxes intersect horizontally (glyphs drawn over each other). */
export function overlappingWords(words: readonly Word[]): [Word, Word][] {
  const out: [Word, Word][] = [];
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j < words.length; j++) {
      const a = words[i]!;
      const b = words[j]!;
      if (sameLine(a, b) && Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin) > 0.5) out.push([a, b]);
    }
  }
  return out;
}

/**
 * Words of a table (found by its header words, in order) that reach past the left edge of the
 * next column's text. The table's rows are found by the last column (one value per row, e.g.
 * TTL); a row reaches down to the next row, the last one `lastRowLines` lines down.
 */
export function wordsOutsideColumns(words: readonly Word[], header: readonly string[], lastRowLines = 3): { word: Word; column: string; limit: number }[] {
  const heads = header.map((h) => words.find((w) => w.text === h));
  if (heads.some((h) => !h)) throw new Error(`table header ${header.join(' | ')} not found on the page`);
  const hs = heads as Word[];
  const first = hs[0]!;
  const last = hs[hs.length - 1]!;
  const rowStarts = words.filter((w) => w.yMin > first.yMax && Math.abs(w.xMin - last.xMin) < 1).map((w) => w.yMin).sort((a, b) => a - b);
  if (rowStarts.length === 0) throw new Error('no table rows found');
  const line = first.yMax - first.yMin;
  const bottom = rowStarts[rowStarts.length - 1]! + lastRowLines * line * 1.3;
  const inTable = words.filter((w) => w.yMin >= rowStarts[0]! - 1 && w.yMin <= bottom);
  const out: { word: Word; column: string; limit: number }[] = [];
  for (const w of inTable) {
    // The column a word belongs to is the one whose header text starts left of it.
    let c = -1;
    for (let i = 0; i < hs.length; i++) if (w.xMin >= hs[i]!.xMin - 1) c = i;
    if (c < 0 || c === hs.length - 1) continue;
    const limit = hs[c + 1]!.xMin - 1;
    if (w.xMax > limit) out.push({ word: w, column: header[c]!, limit });
  }
  return out;
}

// The three record formats at their edges, with oracles from outside the formatter:
// - zone text: BIND's own loader (named-checkzone / named-compilezone from bind9-utils) must load
//   it, and its canonical output must give back the TXT value the test chose, split into
//   character-strings of at most 255 octets (RFC 1035 §3.3, §3.3.14; RFC 7208 §3.3 and RFC 6376
//   §3.6.2.2: a long SPF/DKIM value is several strings that receivers concatenate);
// - the table: the terminal width this test sets (every line fits, the columns stay aligned
//   under their headings, long values and names wrap instead of being cut silently);
// - JSON: exactly the keys SPEC §4 names.
// Records and widths are sentinels chosen here, not the product's own plans.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DnsRecord } from '../../src/render/records.js';
import { formatRecords, recordsToJson, recordsToTable, recordsToZone, txtStrings, wrap } from '../../src/render/recordsFormat.js';

const HAVE_BIND = spawnSync('named-checkzone', ['-v'], { stdio: 'ignore' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'netsetup-recfmt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const D = 'zone.test';
const rec = (r: Partial<DnsRecord> & Pick<DnsRecord, 'type' | 'name' | 'value'>): DnsRecord => ({ ttl: 3600, ...r });

/** Load zone text with BIND; return the canonical records (name, type, rdata) it read. */
function bindLoad(text: string): { ok: boolean; out: string; records: string[] } {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.zone`);
  writeFileSync(file, text);
  const check = spawnSync('named-checkzone', ['-i', 'local', '-k', 'fail', '-n', 'fail', D, file], { encoding: 'utf8' });
  if (check.status !== 0) return { ok: false, out: `${check.stdout}${check.stderr}`, records: [] };
  const canon = execFileSync('named-compilezone', ['-i', 'none', '-s', 'full', '-o', '-', D, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { ok: true, out: check.stdout, records: canon.split('\n').filter((l) => l && !l.startsWith(';')) };
}

/** The character-strings of a canonical TXT line, unescaped to octets (RFC 1035 §5.1 \DDD and \X). */
function txtOctets(line: string): Buffer[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => {
    const bytes: number[] = [];
    const s = m[1] as string;
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '\\' && /^\d{3}$/.test(s.slice(i + 1, i + 4))) {
        bytes.push(Number(s.slice(i + 1, i + 4)));
        i += 3;
      } else if (s[i] === '\\') {
        bytes.push(...Buffer.from(s[++i] as string, 'latin1'));
      } else bytes.push(...Buffer.from(s[i] as string, 'latin1'));
    }
    return Buffer.from(bytes);
  });
}

describe('txtStrings: RFC 1035 character-strings of at most 255 octets', () => {
  it('splits exactly at 255 octets', () => {
    expect(txtStrings('a'.repeat(255))).toEqual([`"${'a'.repeat(255)}"`]);
    expect(txtStrings('a'.repeat(256))).toEqual([`"${'a'.repeat(255)}"`, '"a"']);
    expect(txtStrings('a'.repeat(510))).toEqual([`"${'a'.repeat(255)}"`, `"${'a'.repeat(255)}"`]);
    expect(txtStrings('')).toEqual(['""']);
  });

  it('counts octets, not characters, and never splits a UTF-8 character', () => {
    // 'é' is 2 octets: 127 of them after one 'a' are 255 octets; the next one starts a new string
    const v = `a${'é'.repeat(128)}`;
    const parts = txtStrings(v).map((p) => p.slice(1, -1));
    expect(parts.map((p) => Buffer.byteLength(p))).toEqual([255, 2]);
    expect(parts.join('')).toBe(v);
  });

  it('escapes quote and backslash after splitting (the limit is on the octets, not the escapes)', () => {
    const parts = txtStrings(`${'"'.repeat(255)}\\`);
    expect(parts).toEqual([`"${'\\"'.repeat(255)}"`, '"\\\\"']);
  });
});

describe.skipIf(!HAVE_BIND)(HAVE_BIND ? 'zone text in BIND' : 'zone text in BIND (skipped: named-checkzone missing; apt install bind9-utils)', () => {
  it('loads long TXT values and gives them back whole, in strings of at most 255 octets', () => {
    // Given a 600-octet SPF-like value with a multi-byte character near every boundary, and a quote
    const long = `v=spf1 ${Array.from({ length: 120 }, (_, i) => `ip4:198.51.100.${i}`).join(' ')} "ü" -all`.slice(0, 600);
    const records = [rec({ type: 'TXT', name: D, value: long }), rec({ type: 'TXT', name: `sel._domainkey.${D}`, value: `v=DKIM1; k=rsa; p=${'Q'.repeat(400)}é\\` })];
    // When the zone is rendered and loaded by BIND
    const r = bindLoad(recordsToZone(records, { domain: D }));
    expect(r.ok, r.out).toBe(true);
    // Then each TXT comes back as strings of at most 255 octets that join to the value
    for (const want of records) {
      const line = r.records.find((l) => l.startsWith(`${want.name}.`) && /\tTXT\t|\sTXT\s/.test(l)) as string;
      const strings = txtOctets(line);
      expect(strings.length).toBeGreaterThan(1);
      for (const s of strings) expect(s.length).toBeLessThanOrEqual(255);
      expect(Buffer.concat(strings).toString('utf8')).toBe(want.value);
    }
  });

  it('MX and SRV without an explicit priority load with preference 10 and priority 0', () => {
    const records = [rec({ type: 'A', name: `mx.${D}`, value: '192.0.2.25' }), rec({ type: 'MX', name: D, value: `mx.${D}` }), rec({ type: 'SRV', name: `_imaps._tcp.${D}`, value: `1 993 mx.${D}` })];
    const r = bindLoad(recordsToZone(records, { domain: D }));
    expect(r.ok, r.out).toBe(true);
    expect(r.records.find((l) => /\sMX\s/.test(l))).toMatch(new RegExp(`\\sMX\\s+10 mx\\.${D.replace('.', '\\.')}\\.$`));
    expect(r.records.find((l) => /\sSRV\s/.test(l))).toMatch(new RegExp(`\\sSRV\\s+0 1 993 mx\\.${D.replace('.', '\\.')}\\.$`));
  });

  it('comments out requests and pending values (with or without a note) so BIND loads none of them', () => {
    const records = [
      rec({ type: 'A', name: `mail.${D}`, value: '192.0.2.7' }),
      rec({ type: 'PTR', name: '7.2.0.192.in-addr.arpa', value: `mail.${D}`, kind: 'request' }),
      rec({ type: 'A', name: `pending.${D}`, value: '<public IPv4>', pending: true }),
      rec({ type: 'CNAME', name: `www.${D}`, value: `mail.${D}`, kind: 'recommended' }),
    ];
    const zone = recordsToZone(records, { domain: D });
    const r = bindLoad(zone);
    expect(r.ok, r.out).toBe(true);
    expect(r.records.some((l) => l.includes('PTR') || l.startsWith(`pending.${D}`))).toBe(false);
    expect(r.records.some((l) => l.startsWith(`www.${D}.`) && /CNAME/.test(l))).toBe(true);
    // and the comments say why, even without a note
    expect(zone).toMatch(/^; not a zone record: ask the ISP\n; 7\.2\.0\.192\.in-addr\.arpa\. +3600 IN PTR +mail\.zone\.test\.$/m);
    expect(zone).toMatch(/^; Not yet known: value to be filled in\n; pending\.zone\.test\. +3600 IN A +<public IPv4>$/m);
    expect(zone).toMatch(/^; Recommended:\nwww\.zone\.test\. +3600 IN CNAME +mail\.zone\.test\.$/m);
  });
});

describe('zone text layout', () => {
  it('ends with the advice as comments, and with the last record when there is none', () => {
    const records = [rec({ type: 'A', name: `mail.${D}`, value: '192.0.2.7' })];
    expect(recordsToZone(records, { domain: D }).trimEnd().split('\n').at(-1)).toMatch(/^mail\.zone\.test\. +3600 IN A +192\.0\.2\.7$/);
    expect(recordsToZone(records, { domain: D, advice: ['first thing', 'second'] }).split('\n').slice(-3)).toEqual(['; first thing', '; second', '']);
  });

  it('aligns the TTL column for names longer than the origin', () => {
    const records = [rec({ type: 'A', name: `a-rather-long-host-name.${D}`, value: '192.0.2.7' }), rec({ type: 'A', name: D, value: '192.0.2.8' })];
    const lines = recordsToZone(records, { domain: D }).split('\n').filter((l) => /IN A /.test(l));
    const col = (l: string) => l.indexOf(' IN ');
    expect(new Set(lines.map(col)).size).toBe(1);
  });
});

describe('JSON: exactly the SPEC §4 keys', () => {
  it('leaves priority and note out when a record has none', () => {
    const out = JSON.parse(recordsToJson([rec({ type: 'A', name: `mail.${D}`, value: '192.0.2.7', ddns: true, pending: true, kind: 'required' }), rec({ type: 'MX', name: D, value: `mx.${D}`, priority: 0, note: '' })])) as Record<string, unknown>[];
    expect(out[0]).toEqual({ type: 'A', name: `mail.${D}`, value: '192.0.2.7', ttl: 3600 });
    expect(Object.keys(out[0] as object)).toEqual(['type', 'name', 'value', 'ttl']);
    // a priority of 0 and an empty note are values, not absences
    expect(out[1]).toEqual({ type: 'MX', name: D, value: `mx.${D}`, ttl: 3600, priority: 0, note: '' });
    expect(formatRecords([], 'json', { domain: D })).toBe('[]\n');
  });
});

describe('wrap: lines of at most the width, breaking at spaces, then ; , @ :, then dots', () => {
  const keepsText = (text: string, lines: string[]) => expect(lines.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));

  it('breaks at the last space when it is at least a third into the line', () => {
    // width 9: a third is 3; a space at index 3 is far enough
    expect(wrap('aaa bbbbbbbbbbbb', 9)).toEqual(['aaa', 'bbbbbbbbb', 'bbb']);
    // a space at index 2 is too early: the line is filled instead (hard cut at the width)
    expect(wrap('aa bbbbbbbbbbbbb', 9)).toEqual(['aa bbbbbb', 'bbbbbbb']);
    // several spaces at the break disappear on both sides
    expect(wrap('aaaa   bbbb cccc', 9)).toEqual(['aaaa', 'bbbb cccc']);
  });

  it('then after the last ; , @ or : that is at least a third in, keeping it on the first line', () => {
    expect(wrap('abc;defghijklmno', 9)).toEqual(['abc;', 'defghijkl', 'mno']);
    expect(wrap('ab;cdefghijklmno', 9)).toEqual(['ab;', 'cdefghijk', 'lmno']);
    // one that would leave less than a third on the line is not used
    expect(wrap('a;bcdefghijklmno', 9)).toEqual(['a;bcdefgh', 'ijklmno']);
    expect(wrap('user@example-host', 9)).toEqual(['user@', 'example-h', 'ost']);
    expect(wrap('abcdefgh:ij', 9)).toEqual(['abcdefgh:', 'ij']);
    // a separator just past the width does not stretch the line
    expect(wrap('abcdefghi;jk', 9)).toEqual(['abcdefghi', ';jk']);
  });

  it('then after the last dot at least a third in, else at the width', () => {
    expect(wrap('abc.defghijklmnop', 9)).toEqual(['abc.', 'defghijkl', 'mnop']);
    expect(wrap('ab.cdefghijklmno', 9)).toEqual(['ab.', 'cdefghijk', 'lmno']);
    expect(wrap('a.bcdefghijklmno', 9)).toEqual(['a.bcdefgh', 'ijklmno']);
    // ; beats . even when the dot is further right
    expect(wrap('abc;de.fghijk', 9)).toEqual(['abc;', 'de.fghijk']);
    expect(wrap('abcdefghijklmnopqrs', 9)).toEqual(['abcdefghi', 'jklmnopqr', 's']);
  });

  it('returns one empty line for empty text and no empty line after a trailing space', () => {
    expect(wrap('', 10)).toEqual(['']);
    expect(wrap('abcdefghij ', 10)).toEqual(['abcdefghij']);
    expect(wrap('abcdefghij', 10)).toEqual(['abcdefghij']);
    const text = 'v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA';
    for (const w of [7, 12, 20, 33]) {
      const lines = wrap(text, w);
      for (const l of lines) expect(l.length, `${w}: ${l}`).toBeLessThanOrEqual(w);
      keepsText(text, lines);
    }
  });
});

describe('table at the width the terminal gives', () => {
  const records = [
    rec({ type: 'A', name: `mail.${D}`, value: '192.0.2.7', ddns: true, ttl: 60 }),
    rec({ type: 'MX', name: D, value: `mx.${D}`, priority: 10 }),
    rec({ type: 'TXT', name: `_dmarc.${D}`, value: `v=DMARC1; p=none; rua=mailto:postmaster@${D}; ruf=mailto:forensics@${D}`, note: 'start with p=none' }),
    rec({ type: 'TXT', name: `a-very-long-selector-name._domainkey.${D}`, value: 'v=DKIM1; k=rsa' }),
  ];

  it.each([60, 72, 100])('width %i: every line fits and every value starts under VALUE', (width) => {
    const table = recordsToTable(records, { domain: D }, { width, maxValueLines: 20 });
    const lines = table.split('\n');
    for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(width);
    const head = lines.find((l) => l.includes('VALUE')) as string;
    const valueCol = head.indexOf('VALUE');
    const ttlEnd = head.indexOf('TTL') + 3;
    // the name column is as wide as the longest name, at most 32: the long selector wraps in it
    expect(head.indexOf('TTL') - head.indexOf('NAME')).toBe(32 + 1 + 1);
    for (const r of records) {
      const row = lines.find((l) => l.includes(` ${r.type} `) && l.includes(String(r.ttl)) && l.slice(head.indexOf('NAME')).startsWith(r.name.slice(0, 10))) as string;
      expect(row, r.name).toBeDefined();
      expect(row.slice(ttlEnd - String(r.ttl).length, ttlEnd)).toBe(String(r.ttl));
      expect(row[valueCol - 1]).toBe(' ');
      expect(row[valueCol]).not.toBe(' ');
    }
    // the MX shows its preference before the host; the other values as they are
    expect(table).toMatch(/^ {3}MX {4}zone\.test +3600  10 mx\.zone\.(test)?$/m);
    expect(table).toMatch(/^D  A {5}mail\.zone\.test +60  192\.0\.2\.7$/m);
    // the wrapped name continues under NAME
    expect(lines.some((l) => l.slice(head.indexOf('NAME')).startsWith('_domainkey.zone.test') && l.slice(0, head.indexOf('NAME')).trim() === '')).toBe(true);
    // wrapped value lines continue under VALUE, and together they hold the whole value
    const dmarcAt = lines.findIndex((l) => l.includes('_dmarc.'));
    const cont: string[] = [];
    for (let i = dmarcAt; i < lines.length && !lines[i]?.includes('↳'); i++) cont.push((lines[i] as string).slice(valueCol));
    expect(cont.join('').replace(/\s+/g, '')).toBe((records[2] as DnsRecord).value.replace(/\s+/g, ''));
  });

  it('a name longer than its column continues on the next row, with nothing in the other columns', () => {
    const t = recordsToTable([rec({ type: 'TXT', name: `a-very-long-selector-name._domainkey.${D}`, value: 'v=DKIM1' })], { domain: D }, { width: 100 });
    expect(t.split('\n').slice(3, 5)).toEqual([`   TXT   a-very-long-selector-name.${' '.repeat(7)}3600  v=DKIM1`, `${' '.repeat(9)}_domainkey.zone.test`]);
    // no flags, no advice: the table ends with the last row
    expect(t.endsWith('_domainkey.zone.test\n')).toBe(true);
  });

  it('a short-named zone keeps NAME at least as wide as its heading', () => {
    const head = recordsToTable([rec({ type: 'A', name: 'a.b', value: '192.0.2.1' })], { domain: 'b' }, { width: 80 }).split('\n')[2] as string;
    expect(head).toBe('   TYPE  NAME  TTL  VALUE');
  });

  it('shows exactly maxValueLines lines uncut; one more is cut with a pointer and the note kept', () => {
    // width 40 → value column 40 - (2+1+5+1+nameW 9+1+4+2) = 15 characters
    const three = rec({ type: 'TXT', name: 'x.example', value: 'a'.repeat(45) });
    const t3 = recordsToTable([three], { domain: 'example' }, { width: 40 });
    expect(t3).not.toContain('value cut');
    expect(t3.split('\n').filter((l) => l.includes('aaaa'))).toHaveLength(3);
    const four = rec({ type: 'TXT', name: 'x.example', value: 'a'.repeat(46), note: 'keep me' });
    const t4 = recordsToTable([four], { domain: 'example' }, { width: 40 });
    const valueLines = t4.split('\n').filter((l) => l.includes('aaaa'));
    expect(valueLines).toHaveLength(3);
    expect(valueLines[2]).toMatch(/a…$/);
    for (const l of t4.split('\n')) expect([...l].length, l).toBeLessThanOrEqual(40);
    expect(t4.replace(/\n\s+/g, ' ')).toContain('↳ keep me; value cut (46 characters): full value with --format zone or json');
    // the note wraps under its arrow, indented past TYPE, within the width
    const noteLines = t4.split('\n').filter((l) => /^ {9}(↳ | {2})\S/.test(l));
    expect(noteLines.length).toBeGreaterThan(1);
    expect(noteLines.filter((l) => l.includes('↳'))).toHaveLength(1);
    expect(noteLines[0]).toMatch(/^ {9}↳ keep me;/);
    // and with maxValueLines 1, the first line is the cut one
    expect(recordsToTable([four], { domain: 'example' }, { width: 40, maxValueLines: 1 }).split('\n').filter((l) => l.includes('aaaa'))).toEqual([expect.stringMatching(/^ {3}TXT {3}x\.example 3600  a{14}…$/)]);
  });

  it('lists only the flags used, and the advice wrapped at the width', () => {
    const t = recordsToTable([rec({ type: 'PTR', name: '1.2.0.192.in-addr.arpa', value: `mail.${D}`, kind: 'request' })], { domain: D, advice: ['word '.repeat(20).trim()] }, { width: 40 });
    expect(t).toContain('R = request to the ISP, not a zone record');
    expect(t).not.toMatch(/^[D+?] = /m);
    const bullets = t.split('\n').filter((l) => l.startsWith('• ') || (l.startsWith('  ') && l.includes('word')));
    expect(bullets.length).toBeGreaterThan(1);
    for (const l of bullets) expect(l.length).toBeLessThanOrEqual(40);
    expect(bullets[0]?.startsWith('• word')).toBe(true);
    expect(bullets.filter((l) => l.startsWith('• '))).toHaveLength(1);
    expect(recordsToTable([rec({ type: 'A', name: `m.${D}`, value: '192.0.2.1' })], { domain: D })).not.toMatch(/ = |•/);
  });
});

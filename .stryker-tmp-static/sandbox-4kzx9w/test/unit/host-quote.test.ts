// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quoteArg, shellQuote } from '../../src/host/quote.js';

// The one quoting function every remote command goes through: prove it with a real shell.
// A per-run path: a broken quoter (e.g. a mutant) touches a temporary file, never a shared one.
const PWNED = join(mkdtempSync(join(tmpdir(), 'netsetup-pwn-')), 'pwned');
const nasty = [
  'plain',
  'with space',
  "it's",
  "it's Bob's 'quoted' ''", // several apostrophes: every one must be escaped, not only the first
  "'",
  `$(touch ${PWNED})`,
  '`id`',
  'a"b',
  'semi;colon && rm -rf /',
  'new\nline',
  'back\\slash',
  '*',
  '~root',
  '--flag=value',
  '',
  '!bang',
  'tab\there',
  'ünïcödé',
];

describe('shellQuote', () => {
  it('round-trips every argument byte-exact through /bin/sh', () => {
    // Given arguments with shell metacharacters
    // When they are quoted and the remote shell re-splits them (printf prints one per NUL)
    const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${shellQuote(nasty)}`]).toString();
    // Then the shell sees exactly the original argv, and nothing was executed
    expect(out.split('\0').slice(0, -1)).toEqual(nasty);
    expect(existsSync(PWNED)).toBe(false);
  });

  it('leaves safe words bare and quotes the rest', () => {
    expect(quoteArg('pct')).toBe('pct');
    expect(quoteArg('ip=192.168.1.60/24,gw=192.168.1.1')).toBe('ip=192.168.1.60/24,gw=192.168.1.1');
    expect(quoteArg('netsetup;pmg')).toBe("'netsetup;pmg'");
    expect(quoteArg("it's")).toBe(`'it'\\''s'`);
    expect(quoteArg("a'b'c")).toBe(`'a'\\''b'\\''c'`);
    // Characters outside the safe set (from POSIX sh's special characters) are never bare.
    for (const c of ['$', '`', '"', "'", '\\', ';', '&', '|', '<', '>', '(', ')', '*', '?', '[', '#', '~', ' ', '\t', '\n', '!', '{']) {
      expect(quoteArg(`x${c}y`)).toMatch(/^'.*'$/s);
    }
  });

  it('refuses an empty argv', () => {
    expect(() => shellQuote([])).toThrow(/empty argv/);
  });
});

// @ts-nocheck
// The non-TTY path: answers file in, output into pipes and files. Even with a colour-capable
// TERM and no NO_COLOR, nothing may write escape codes into a pipe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../helpers/cli.js';
import { run } from './packaging.js';
import { seededSim } from '../helpers/sim.js';

const ESC = '\x1b[';
const STANDALONE = join(ROOT, 'examples', 'standalone.yaml');
const SMARTHOST = join(ROOT, 'examples', 'smarthost.yaml');
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'netsetup-pipes-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A colour terminal's environment, but stdout/stderr are pipes; no NO_COLOR, no FORCE_COLOR. */
const env = (): Record<string, string> => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, LANG: 'C.UTF-8', TERM: 'xterm-256color', COLORTERM: 'truecolor', NETSETUP_LOG_DIR: work });
const cli = (args: string[]) => run([process.execPath, BIN, ...args], { env: env(), cwd: work });

describe('output into pipes', () => {
  it('install --answers --dry-run: the plan on stdout, no escape codes on either stream', async () => {
    // When the plan is printed into pipes
    const r = await cli(['install', '--answers', STANDALONE, '--dry-run', '--host', `sim:${seededSim(work)}`]);
    // Then it is plain text
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('pct create 100');
    expect(r.stdout).not.toContain(ESC);
    expect(r.stderr).not.toContain(ESC);
  });

  it('install --answers --yes against a simulated host: progress as plain lines, records on stdout', async () => {
    // When a whole provisioning run goes into pipes
    const r = await cli(['install', '--answers', SMARTHOST, '--yes', '--host', `sim:${seededSim(work)}`]);
    // Then the task list is plain lines and the records follow, without escape codes or spinners
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/MX\s+example\.com/);
    expect(r.stdout).not.toContain(ESC);
    expect(r.stderr).not.toContain(ESC);
    expect(r.stderr).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
  });

  it('records --format json | cat > file: valid JSON, nothing else', async () => {
    // When the records go through a shell pipeline into a file
    const out = join(work, 'records.json');
    const r = await run(['/bin/sh', '-c', `"$0" "$1" records --answers "$2" --format json | cat > "$3"`, process.execPath, BIN, STANDALONE, out], { env: env(), cwd: work });
    // Then the file is exactly a JSON array of records
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain(ESC);
    const records = JSON.parse(text) as { type: string }[];
    expect(records.map((x) => x.type)).toContain('MX');
  });

  it('records as a table into a pipe: no escape codes', async () => {
    const r = await cli(['records', '--answers', SMARTHOST]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('include:sendgrid.net');
    expect(r.stdout + r.stderr).not.toContain(ESC);
  });

  it('install without answers and without a terminal refuses to prompt and names --answers', async () => {
    // When the interview is asked for with stdin and stdout not being terminals
    const r = await cli(['install', '--dry-run']);
    // Then it says how to run it instead: exit 2, plain text
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--answers');
    expect(r.stdout + r.stderr).not.toContain(ESC);
  });
});

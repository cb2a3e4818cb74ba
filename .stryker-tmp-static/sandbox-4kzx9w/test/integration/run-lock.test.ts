// @ts-nocheck
// One run at a time on a host: real CLI processes against one simulated host, the first kept
// busy by the simulator's latency model (NETSETUP_SIM_SPEED). A second install or relay change
// is refused, naming the active run, and changes nothing; a lock left by a killed run is named
// and taken over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { freshSimDir, readJournal } from '../helpers/sim.js';
import { standaloneAnswers, writeAnswers } from '../helpers/answers.js';
import { useSiteInternet } from '../helpers/localServers.js';

const checksEnv = useSiteInternet();
const FAST = '20000';
/**
 * At this speed the whole install takes about 20 s and a relay change about 12 s: time enough
 * for the other runs (node start-up, ~1 s each, more on a loaded machine) to meet the lock.
 */
const SLOW = '8';

const logFile = () => join(mkdtempSync(join(tmpdir(), 'netsetup-lock-')), 'run.log');
const ownerFile = (dir: string) => join(dir, 'fs/run/lock/netsetup-wizard.lock.owner');

function cli(args: string[], speed: string, log = logFile()) {
  return runCli([...args, '--log', log], { env: { NETSETUP_SIM_SPEED: speed, ...checksEnv() }, timeoutMs: 120_000 }).then((r) => ({ ...r, log }));
}

/** A CLI run in the background, with its pid and a promise of its exit. */
function background(args: string[], speed: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', NETSETUP_SIM_SPEED: speed, ...checksEnv() };
  delete env.CI;
  const child = spawn(process.execPath, [BIN, ...args, '--log', logFile()], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, done, stderr: () => stderr };
}

async function until(what: string, cond: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const count = (dir: string, argv: string[]) => readJournal(dir).filter((e) => e.mutated && argv.every((a, i) => e.argv[i] === a)).length;

describe('one run at a time on a host', () => {
  it('refuses a second install and a relay change while an install runs; the first finishes alone', { timeout: 120_000 }, async () => {
    // Given an install running slowly on a fresh simulated host, holding the run lock
    const dir = freshSimDir();
    const answers = writeAnswers(standaloneAnswers());
    const first = background(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`], SLOW);
    await until('the first run to take the lock', () => existsSync(ownerFile(dir)));
    const owner = JSON.parse(readFileSync(ownerFile(dir), 'utf8'));
    expect(owner.pid).toBe(first.child.pid);

    // When a second install starts on the same host
    const second = await cli(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`], FAST);
    // Then it is refused, naming the active run (its process and start time), and ran nothing
    expect(second.code, second.stderr).toBe(1);
    expect(second.stderr).toMatch(/another netsetup-wizard run is active/);
    expect(second.stderr).toContain(`by process ${first.child.pid}`);
    expect(second.stderr).toContain(owner.started.slice(0, 19).replace('T', ' '));
    expect(second.stderr).toMatch(/"install example\.com"/);
    expect(existsSync(second.log) ? readFileSync(second.log, 'utf8') : '').not.toMatch(/\$ /);

    // When a relay change starts meanwhile
    const relay = await cli(['relay', '--answers', writeAnswers({ relay: { preset: 'sendgrid', password: 'SG.lock-Secret-5521' } }), '--yes', '--host', `sim:${dir}`], FAST);
    // Then it is refused the same way (before it reads the site)
    expect(relay.code, relay.stderr).toBe(1);
    expect(relay.stderr).toMatch(/another netsetup-wizard run is active.*by process \d+/);

    // And the first install finishes, having made each guest exactly once
    const end = await first.done;
    expect(end.code, first.stderr()).toBe(0);
    expect(count(dir, ['pct', 'create'])).toBe(1);
    expect(count(dir, ['qm', 'create'])).toBe(2);
    expect(count(dir, ['proxmox-backup-manager', 'user', 'generate-token'])).toBe(1);
    // And the lock note is gone with the run
    expect(existsSync(ownerFile(dir))).toBe(false);
  });

  it('refuses a second relay change while one runs, and an install during a relay change', { timeout: 120_000 }, async () => {
    // Given a provisioned site and a relay change running slowly (its nixos-rebuild takes seconds)
    const dir = freshSimDir();
    const answers = writeAnswers(standaloneAnswers());
    expect((await cli(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`], FAST)).code).toBe(0);
    const change = writeAnswers({ relay: { preset: 'sendgrid', password: 'SG.lock-Secret-5521' } });
    const first = background(['relay', '--answers', change, '--yes', '--host', `sim:${dir}`], SLOW);
    await until('the relay change to take the lock', () => existsSync(ownerFile(dir)));
    const mark = readJournal(dir).length;
    // When a second relay change and an install start
    const [relay, install] = await Promise.all([
      cli(['relay', '--answers', writeAnswers({ mode: 'standalone' }), '--yes', '--host', `sim:${dir}`], FAST),
      cli(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`], FAST),
    ]);
    // Then both are refused, naming the relay change that is running
    for (const r of [relay, install]) {
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/another netsetup-wizard run is active.*"relay change" started .* by process \d+/);
    }
    // And the first relay change finishes; only it changed the mail VM (one upload of the
    // SASL secret, one rebuild)
    const end = await first.done;
    expect(end.code, first.stderr()).toBe(0);
    const after = readJournal(dir).slice(mark).filter((e) => e.mutated);
    // (the rebuild runs as a transient unit in the guest: one start, one finished unit)
    expect(after.filter((e) => e.argv.some((a) => /^--unit=netsetup-rebuild-/.test(a)))).toHaveLength(1);
    expect(after.filter((e) => e.argv[0] === '<unit>' && String(e.argv[1]).startsWith('netsetup-rebuild-'))).toHaveLength(1);
    const state = JSON.parse(readFileSync(join(dir, 'fs/etc/netsetup/state.json'), 'utf8'));
    expect(state.mode).toBe('smarthost');
  });

  it('names and takes over the lock of a run that was killed', { timeout: 120_000 }, async () => {
    // Given an install killed (SIGKILL, no clean-up) while it held the lock
    const dir = freshSimDir();
    const answers = writeAnswers(standaloneAnswers());
    const killed = background(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`], SLOW);
    await until('the run to take the lock', () => existsSync(ownerFile(dir)));
    await until('the run to start restoring', () => count(dir, ['qm', 'create']) > 0);
    killed.child.kill('SIGKILL');
    expect((await killed.done).signal).toBe('SIGKILL');
    // Then its note is still there
    expect(JSON.parse(readFileSync(ownerFile(dir), 'utf8')).pid).toBe(killed.child.pid);

    // When the install runs again
    const again = await cli(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`], FAST);
    // Then it says whose lock was left behind and that the process is gone, and finishes the site
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`run lock was left behind by "install example\\.com" started .* by process ${killed.child.pid} .*\\(process ${killed.child.pid} is not running\\)`));
    expect(again.stderr).toMatch(/Taking it over/);
    expect(JSON.parse(readFileSync(join(dir, 'fs/etc/netsetup/state.json'), 'utf8')).guests).toHaveLength(3);
    expect(existsSync(ownerFile(dir))).toBe(false);
  });
});

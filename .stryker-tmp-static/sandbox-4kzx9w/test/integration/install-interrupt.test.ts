// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { freshSimDir, readJournal } from '../helpers/sim.js';
import { standaloneAnswers, writeAnswers } from '../helpers/answers.js';
import { childEnv } from '../helpers/hermeticEnv.js';

// Ctrl-C during provisioning: running commands are cancelled, the wizard exits 130 without a
// stack trace, and the next run resumes and completes.
describe('install interrupted with Ctrl-C', () => {
  it('exits 130 mid-run and the next run finishes the site', { timeout: 90_000 }, async () => {
    const dir = freshSimDir();
    const answers = writeAnswers(standaloneAnswers());
    const log = join(mkdtempSync(join(tmpdir(), 'netsetup-int-')), 'install.log');
    // Given a slow simulated host (the whole install would take about 9 s)
    const env: NodeJS.ProcessEnv = childEnv({ NETSETUP_SIM_SPEED: '20' });
    delete env.CI;
    const child = spawn(process.execPath, [BIN, 'install', '--answers', answers, '--yes', '--host', `sim:${dir}`, '--log', log], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // When Ctrl-C arrives while the VM images are being restored
    const deadline = Date.now() + 30_000;
    while (!readJournal(dir).some((e) => e.argv[0] === 'qm' && e.argv[1] === 'create') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(readJournal(dir).some((e) => e.argv[0] === 'qm' && e.argv[1] === 'create')).toBe(true);
    child.kill('SIGINT');
    const code = await exited;
    // Then the wizard stops with exit 130, says how to resume, and prints no stack trace
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/interrupted/i);
    expect(stderr).toMatch(/run the same command again to resume/i);
    // And it lists what was done before it stopped, and the step that was cut short
    expect(stderr).toMatch(/Done before it stopped \(\d+ changed, \d+ already done\):\n\s+- /);
    expect(stderr).toMatch(/Cut short \(counts as not done\): /);
    expect(stderr).not.toMatch(/^Done:/m);
    expect(stderr).not.toMatch(/\n\s+at \S+ \(/);
    // And the site is not finished yet; the journal shows the commands that were cut off
    expect(existsSync(join(dir, 'fs/etc/netsetup/state.json'))).toBe(false);
    const cut = readJournal(dir);
    expect(cut.some((e) => e.exit === 130), 'no command in the journal was interrupted').toBe(true);
    // When the same command runs again
    const again = await runCli(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`, '--log', log], { env: { NETSETUP_SIM_SPEED: '20000' } });
    // Then it completes the site
    expect(again.code, again.stderr).toBe(0);
    const state = JSON.parse(readFileSync(join(dir, 'fs/etc/netsetup/state.json'), 'utf8'));
    expect(state.guests).toHaveLength(3);
    // And the resumed run carried on: it changed something, and the container was created once
    const all = readJournal(dir);
    expect(all.filter((e) => e.argv[0] === 'pct' && e.argv[1] === 'create' && e.exit === 0)).toHaveLength(1);
    expect(all.slice(cut.length).some((e) => e.mutated && e.exit === 0)).toBe(true);
  });
});

describe('install interrupted during a long nixos-rebuild', () => {
  it('leaves the rebuild running in the guest; the next run waits for it instead of starting it again', { timeout: 90_000 }, async () => {
    const dir = freshSimDir();
    const answers = writeAnswers(standaloneAnswers());
    const log = join(mkdtempSync(join(tmpdir(), 'netsetup-int-')), 'install.log');
    // Given a rebuild that takes 15 minutes (9 s of wall time at speed 100)
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', NETSETUP_SIM_SPEED: '100', NETSETUP_SIM_REBUILD_MS: String(15 * 60_000) };
    delete env.CI;
    const child = spawn(process.execPath, [BIN, 'install', '--answers', answers, '--yes', '--host', `sim:${dir}`, '--log', log], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const started = () => readJournal(dir).filter((e) => e.argv.some((a) => a.startsWith('--unit=netsetup-rebuild-'))).length;
    const deadline = Date.now() + 60_000;
    while (started() < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(started()).toBe(2);
    // When Ctrl-C arrives while both rebuilds run
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    // Then the next run completes and no rebuild was started a second time
    const again = await runCli(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`, '--log', log], { env: { NETSETUP_SIM_SPEED: '20000' } });
    expect(again.code, again.stderr).toBe(0);
    expect(started()).toBe(2);
    expect(readJournal(dir).filter((e) => e.argv[0] === '<unit>' && String(e.argv[1]).startsWith('netsetup-rebuild-'))).toHaveLength(2);
  });
});

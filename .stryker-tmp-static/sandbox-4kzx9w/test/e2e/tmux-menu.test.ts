// @ts-nocheck
// The re-run menu in a real terminal: provision a simulated host, open the menu, verify DNS,
// come back to the menu after reading the report, and leave with Esc.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { TmuxSession, tmuxAvailable } from '../helpers/tmux.js';
import { freshSimDir } from '../helpers/sim.js';
import { standaloneAnswers, writeAnswers } from '../helpers/answers.js';

const sessions: TmuxSession[] = [];
afterAll(() => sessions.forEach((s) => s.close()));

describe.runIf(tmuxAvailable())('re-run menu in tmux (80x24)', () => {
  it('runs an action, waits for Enter, shows the menu again, exits 0 on Esc', { timeout: 60_000 }, async () => {
    // Given a provisioned simulated site
    const dir = freshSimDir();
    const work = mkdtempSync(join(tmpdir(), 'netsetup-menu-'));
    const inst = await runCli(['install', '--answers', writeAnswers(standaloneAnswers()), '--yes', '--host', `sim:${dir}`, '--log', join(work, 'i.log')], { env: { NETSETUP_SIM_SPEED: '20000' } });
    expect(inst.code, inst.stderr).toBe(0);
    // When the menu opens on it (every resolver and check endpoint is a closed local port)
    const t = TmuxSession.start({
      cols: 80,
      rows: 24,
      cwd: ROOT,
      argv: [process.execPath, BIN, '--host', `sim:${dir}`, '--log', join(work, 'm.log')],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, TERM: 'xterm-256color', LANG: 'C.UTF-8', NETSETUP_SIM_SPEED: '20000', NETSETUP_VERIFY_RESOLVERS: '127.0.0.1:9', NETSETUP_RESOLVER: '127.0.0.1:9', NETSETUP_MX_HOSTS: '127.0.0.1:9', NETSETUP_IP_ECHO_URLS: 'http://127.0.0.1:9/' },
    });
    sessions.push(t);
    await t.waitFor('Site example.com');
    await t.waitForRawMode();
    expect(t.screen()).toMatch(/mail-lib\s+101\s+192\.168\.1\.61\s+running/);
    // And the technician verifies the DNS records
    await t.key('Down');
    await t.key('Enter');
    // Then the report stays on screen until Enter
    await t.waitFor('Press Enter to return to the menu');
    expect(t.screen()).toMatch(/LOOKUP FAILED|MISSING/);
    await new Promise((r) => setTimeout(r, 300));
    expect(t.exitStatus()).toBeUndefined();
    await t.key('Enter');
    // And the menu comes back with what happened
    await t.waitFor(/DNS verified: .*\n[\s\S]*Change the outbound relay/);
    await t.waitForRawMode();
    // When Esc is pressed, the wizard ends with exit 0
    await t.key('Escape');
    expect(await t.waitExit()).toBe(0);
  });
});

// @ts-nocheck
// Ctrl-C during a relay change, driven from outside: the built CLI runs as a child process
// against a simulated host slow enough (its latency model) to be interrupted mid-change.
// It must stop at the next step boundary with exit 130, say what was done and how to resume,
// count the cut command as failed, and the same command run again must finish the change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { freshSimDir, readJournal } from '../helpers/sim.js';
import { standaloneAnswers, writeAnswers } from '../helpers/answers.js';
import { startDnsServer, startHttpEcho, startSmtpServer, type LocalDns, type LocalHttp, type LocalTcp } from '../helpers/localServers.js';

let echo: LocalHttp;
let smtp: LocalTcp;
let dns: LocalDns;
beforeAll(async () => {
  echo = await startHttpEcho({ body: '203.0.113.7\n' });
  smtp = await startSmtpServer();
  dns = await startDnsServer([{ type: 'PTR', name: '7.113.0.203.in-addr.arpa', value: 'mail.example.com' }]);
});
afterAll(async () => {
  await Promise.all([echo.close(), smtp.close(), dns.close()]);
});

const netEnv = () => ({ NETSETUP_IP_ECHO_URLS: echo.url, NETSETUP_MX_HOSTS: smtp.target, NETSETUP_RESOLVER: dns.server, NETSETUP_PORT25_TIMEOUT_MS: '2000' });
const stateOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'fs/etc/netsetup/state.json'), 'utf8'));

describe('relay change interrupted with Ctrl-C', () => {
  it('exits 130 at the next step boundary, reports what was done, and the next run finishes', { timeout: 120_000 }, async () => {
    // Given a standalone site provisioned by the built CLI
    const dir = freshSimDir();
    const logDir = mkdtempSync(join(tmpdir(), 'netsetup-relayint-'));
    const installed = await runCli(['install', '--answers', writeAnswers(standaloneAnswers()), '--yes', '--host', `sim:${dir}`, '--log', join(logDir, 'install.log')], { env: { NETSETUP_SIM_SPEED: '20000' } });
    expect(installed.code, installed.stderr).toBe(0);
    const relayFile = writeAnswers({ relay: { preset: 'sendgrid', password: 'SG.interrupt-test-key' } });
    const mark = readJournal(dir).length;

    // When the relay change runs on a slow host (nixos-rebuild takes 4.5 s) …
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', NETSETUP_SIM_SPEED: '20', ...netEnv() };
    delete env.CI;
    const child = spawn(process.execPath, [BIN, 'relay', '--answers', relayFile, '--yes', '--host', `sim:${dir}`, '--log', join(logDir, 'relay.log')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // … and Ctrl-C arrives once the relay settings are on the mail VM (the rebuild is next)
    const uploaded = () => readJournal(dir).slice(mark).some((e) => e.argv.includes('/var/lib/netsetup/secrets/relay-sasl') && e.mutated);
    const deadline = Date.now() + 30_000;
    while (!uploaded() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(uploaded()).toBe(true);
    const sentAt = readJournal(dir).length;
    child.kill('SIGINT');
    const code = await exited;

    // Then it stops with exit 130, says what was done and that running it again resumes
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/interrupted by Ctrl-C/);
    expect(stderr).toMatch(/Done before it stopped[^\n]*\n\s+- Upload the relay settings to mail-lib/);
    expect(stderr).toMatch(/Run the same command again to resume/);
    expect(stderr).not.toMatch(/\n\s+at \S+ \(/);
    expect(stderr).not.toMatch(/^Done:/m);
    // And after Ctrl-C (delivered asynchronously: instant read-only queries may still answer)
    // at most one change went on, the one already running, and it was cut short (exit 130);
    // no later step ran: no postfix reload, no applied marker, no state write
    const after = readJournal(dir).slice(sentAt).filter((e) => e.mutated);
    expect(after.length, JSON.stringify(after)).toBeLessThanOrEqual(1);
    // (the rebuild: started as a transient unit in the guest, /run/current-system/sw/bin/nixos-rebuild)
    for (const e of after) expect(e.argv.some((a) => /(^|\/)nixos-rebuild$/.test(a)), JSON.stringify(e.argv)).toBe(true);
    const changeCmds = readJournal(dir).slice(mark).map((e) => e.argv.join(' '));
    expect(changeCmds.some((c) => c.includes('systemctl reload postfix'))).toBe(false);
    expect(changeCmds.some((c) => c.includes('/etc/netsetup/applied.sha256') && c.includes('install'))).toBe(false);
    expect(changeCmds).not.toContain('<write> /etc/netsetup/state.json');
    // And the site state still says standalone (an interrupted change is not a success)
    expect(stateOf(dir).mode).toBe('standalone');
    // And the log says it was interrupted
    expect(readFileSync(join(logDir, 'relay.log'), 'utf8')).toMatch(/INTERRUPTED: interrupted by Ctrl-C/);

    // When the same command runs again
    const mark2 = readJournal(dir).length;
    const again = await runCli(['relay', '--answers', relayFile, '--yes', '--host', `sim:${dir}`, '--log', join(logDir, 'relay2.log')], { env: { NETSETUP_SIM_SPEED: '20000', ...netEnv() } });
    // Then it finishes the change: rebuild, reload, state saved
    expect(again.code, again.stderr).toBe(0);
    const cmds2 = readJournal(dir).slice(mark2);
    // (the rebuild the first run started as a unit went on in the guest; it ran once, to success)
    const rebuilds = readJournal(dir).slice(mark).filter((e) => e.argv[0] === '<unit>' && String(e.argv[1]).startsWith('netsetup-rebuild-'));
    expect(rebuilds.map((e) => e.exit)).toEqual([0]);
    expect(cmds2.some((e) => e.argv.join(' ').includes('systemctl reload postfix') && e.exit === 0)).toBe(true);
    expect(stateOf(dir)).toMatchObject({ mode: 'smarthost', relay: { host: 'smtp.sendgrid.net', port: 587 } });
  });
});

// @ts-nocheck
// In a real terminal (tmux): the masked passphrase prompt of an encrypted SSH key and the
// first-use host key question against a real sshd, and Ctrl-C typed as a key (the terminal
// sends SIGINT to the foreground process group) while the relay change's task list draws with
// listr2's terminal renderer.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { TmuxSession, tmuxAvailable } from '../helpers/tmux.js';
import { startSshd, sshdAvailable } from '../helpers/sshd.js';
import { freshSimDir, readJournal } from '../helpers/sim.js';
import { standaloneAnswers, writeAnswers } from '../helpers/answers.js';

const sessions: TmuxSession[] = [];
afterAll(() => sessions.forEach((s) => s.close()));
const baseEnv = (home: string): Record<string, string> => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TERM: 'xterm-256color', LANG: 'C.UTF-8' });

describe.runIf(tmuxAvailable() && sshdAvailable())('SSH prompts in a terminal (tmux, real sshd)', () => {
  it('asks the passphrase without showing it, then the host key question; y pins and connects', { timeout: 60_000 }, async () => {
    const sshd = await startSshd();
    try {
      const work = mkdtempSync(join(tmpdir(), 'netsetup-tty-ssh-'));
      const PASS = 'tty-Secret-pass 42';
      const enc = join(work, 'id_enc');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', PASS, '-f', enc]);
      writeFileSync(join(sshd.dir, 'authorized_keys'), readFileSync(`${enc}.pub`));
      const pinFile = join(work, 'pins.json');
      const t = TmuxSession.start({
        cols: 100,
        rows: 30,
        cwd: ROOT,
        argv: [process.execPath, BIN, 'relay', '--answers', writeAnswers({ mode: 'standalone' }), '--dry-run', '--host', `ssh://root@127.0.0.1:${sshd.port}`],
        env: { ...baseEnv(work), NETSETUP_SSH_KEY: enc, NETSETUP_KNOWN_HOSTS: pinFile, NETSETUP_OPENSSH_KNOWN_HOSTS: '', NETSETUP_SSH_FS_ROOT: mkdtempSync(join(tmpdir(), 'netsetup-tty-root-')) },
      });
      sessions.push(t);
      // Given the passphrase prompt
      await t.waitFor(`Passphrase for ${enc} (not shown):`);
      await t.waitForRawMode();
      // When a wrong passphrase is typed, it is asked again
      t.type('wrong');
      await t.key('Enter');
      await t.waitFor('Wrong passphrase. Passphrase for');
      // And the right one is typed
      t.type(PASS);
      await t.key('Enter');
      // Then the host key question shows the fingerprint ssh-keygen prints for the host key
      const fp = execFileSync('ssh-keygen', ['-lf', `${sshd.hostKey}.pub`], { encoding: 'utf8' }).split(/\s+/)[1]!;
      await t.waitFor('Trust this host and pin its key? [y/N]');
      expect(t.screen()).toContain(`Its ED25519 host key fingerprint is\n  ${fp}\n`);
      expect(t.history()).not.toContain(PASS);
      expect(t.history()).not.toContain('wrong');
      t.type('y');
      await t.key('Enter');
      // And it connects (reads the state file over SFTP) and pins the key
      await t.waitFor(/there is no provisioned site on ssh:\/\//, { scrollback: true });
      expect(await t.waitExit()).toBe(1);
      expect(JSON.parse(readFileSync(pinFile, 'utf8'))).toEqual({ [`127.0.0.1:${sshd.port}`]: fp });
      expect(t.history()).not.toContain(PASS);
    } finally {
      await sshd.stop();
    }
  });

  it('answering N (the default) refuses the host: exit 130, nothing pinned', { timeout: 60_000 }, async () => {
    const sshd = await startSshd();
    try {
      const work = mkdtempSync(join(tmpdir(), 'netsetup-tty-ssh-'));
      const pinFile = join(work, 'pins.json');
      const t = TmuxSession.start({
        cols: 100,
        rows: 30,
        cwd: ROOT,
        argv: [process.execPath, BIN, 'relay', '--answers', writeAnswers({ mode: 'standalone' }), '--dry-run', '--host', `ssh://root@127.0.0.1:${sshd.port}`],
        env: { ...baseEnv(work), NETSETUP_SSH_KEY: sshd.clientKey, NETSETUP_KNOWN_HOSTS: pinFile, NETSETUP_OPENSSH_KNOWN_HOSTS: '' },
      });
      sessions.push(t);
      await t.waitFor('Trust this host and pin its key? [y/N]');
      await t.key('Enter');
      expect(await t.waitExit()).toBe(130);
      expect(t.history()).toMatch(/host key of 127\.0\.0\.1:\d+ was not accepted; nothing was changed/);
      expect(existsSync(pinFile)).toBe(false);
    } finally {
      await sshd.stop();
    }
  });
});

describe.runIf(tmuxAvailable())('Ctrl-C typed in a terminal during a relay change', () => {
  it('stops with exit 130 and the resume advice, under the terminal renderer', { timeout: 90_000 }, async () => {
    const dir = freshSimDir();
    const work = mkdtempSync(join(tmpdir(), 'netsetup-tty-int-'));
    const inst = await runCli(['install', '--answers', writeAnswers(standaloneAnswers()), '--yes', '--host', `sim:${dir}`, '--log', join(work, 'i.log')], { env: { NETSETUP_SIM_SPEED: '20000' } });
    expect(inst.code, inst.stderr).toBe(0);
    const mark = readJournal(dir).length;
    const t = TmuxSession.start({
      cols: 100,
      rows: 30,
      cwd: ROOT,
      argv: [process.execPath, BIN, 'relay', '--answers', writeAnswers({ relay: { preset: 'sendgrid', password: 'SG.tty-interrupt' } }), '--yes', '--host', `sim:${dir}`, '--log', join(work, 'r.log')],
      // Slow host (nixos-rebuild about 22 s, so a loaded machine still types Ctrl-C mid-rebuild); every check endpoint is a closed local port
      env: { ...baseEnv(work), NETSETUP_SIM_SPEED: '4', NETSETUP_RESOLVER: '127.0.0.1:9', NETSETUP_MX_HOSTS: '127.0.0.1:9', NETSETUP_IP_ECHO_URLS: 'http://127.0.0.1:9/', NETSETUP_PORT25_TIMEOUT_MS: '500' },
    });
    sessions.push(t);
    // When Ctrl-C is typed while the mail VM rebuilds
    await t.waitFor(/nixos-rebuild switch on mail-lib/, { timeoutMs: 30_000 });
    t.press('C-c');
    // Then the wizard stops with 130 and says what was done and how to resume
    expect(await t.waitExit()).toBe(130);
    const text = t.history();
    expect(text).toMatch(/interrupted by Ctrl-C/);
    expect(text).toMatch(/Run the same command again to resume/);
    expect(text).not.toMatch(/^Done:/m);
    // And no postfix reload or state write happened after it
    const cmds = readJournal(dir).slice(mark).map((e) => e.argv.join(' '));
    expect(cmds.some((c) => c.includes('systemctl reload postfix'))).toBe(false);
    expect(cmds).not.toContain('<write> /etc/netsetup/state.json');
  });
});

// Host trust and SSH keys, driven from outside: the built CLI against a real OpenSSH sshd on
// 127.0.0.1 (and [::1] when the machine has IPv6 loopback). Known-hosts lines are made by
// OpenSSH's own tools (ssh-keyscan / ssh-keygen -H), never by the code under test.
//
// The command used is `relay --answers FILE --dry-run --host ssh://…`: it connects (host key
// checks, key prompts), then reads /etc/netsetup/state.json over SFTP from an empty folder
// (NETSETUP_SSH_FS_ROOT) and stops with "there is no provisioned site". That message proves the
// connection was trusted and established; a refusal stops before it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { startSshd, keygen, type Sshd } from '../helpers/sshd.js';
import { writeAnswers } from '../helpers/answers.js';

const CONNECTED = /there is no provisioned site on ssh:\/\//;

function ipv6Loopback(): boolean {
  return Object.values(networkInterfaces()).some((list) => list?.some((a) => a.family === 'IPv6' && a.address === '::1'));
}

/** `ssh-keygen -lf` of a public key: the fingerprint OpenSSH itself prints. */
function opensshFingerprint(pub: string): string {
  return execFileSync('ssh-keygen', ['-lf', pub], { encoding: 'utf8' }).split(/\s+/)[1]!;
}

describe('SSH host trust and keys (real sshd, built CLI)', () => {
  let sshd: Sshd;
  let work: string;
  let emptyRoot: string;
  let relayFile: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'netsetup-trust-'));
    emptyRoot = mkdtempSync(join(tmpdir(), 'netsetup-trust-root-'));
    relayFile = writeAnswers({ relay: { preset: 'sendgrid', password: 'SG.trust-test' } });
    sshd = await startSshd();
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  /** A fresh case folder: its own config home, pin file location and OpenSSH known_hosts. */
  function kase(name: string) {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    const env: NodeJS.ProcessEnv = {
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, 'config'),
      NETSETUP_OPENSSH_KNOWN_HOSTS: join(dir, 'known_hosts'),
      NETSETUP_SSH_KEY: sshd.clientKey,
      NETSETUP_SSH_FS_ROOT: emptyRoot,
      SSH_AUTH_SOCK: '',
    };
    delete env.NETSETUP_KNOWN_HOSTS;
    const pinFile = join(dir, 'config', 'netsetup-wizard', 'known_hosts.json');
    const relay = (extra: string[] = [], host = `ssh://root@127.0.0.1:${sshd.port}`, more: NodeJS.ProcessEnv = {}) =>
      runCli(['relay', '--answers', relayFile, '--dry-run', ...extra, '--host', host], { env: { ...env, NETSETUP_KNOWN_HOSTS: undefined, ...more }, timeoutMs: 30_000 });
    return { dir, env, pinFile, relay };
  }

  it('first use without a terminal and without --yes is refused with the fingerprint and advice; nothing is pinned', async () => {
    const c = kase('refuse-new');
    const r = await c.relay();
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(opensshFingerprint(`${sshd.hostKey}.pub`));
    expect(r.stderr).toMatch(/no terminal to confirm it/);
    expect(r.stderr).toMatch(/--yes/);
    expect(r.stderr).not.toMatch(CONNECTED);
    expect(existsSync(c.pinFile)).toBe(false);
  });

  it('--yes accepts a new host, says so, and pins it atomically: file 0600 in a 0700 folder', async () => {
    const c = kase('yes');
    const r = await c.relay(['--yes']);
    expect(r.stderr).toMatch(CONNECTED);
    const fp = opensshFingerprint(`${sshd.hostKey}.pub`);
    expect(r.stderr).toContain(`Its ED25519 host key fingerprint is\n  ${fp}\nAccepted because of --yes.`);
    expect(r.stderr).toContain(`Pinned the host key of 127.0.0.1:${sshd.port} (${fp}) in ${c.pinFile}.`);
    expect(JSON.parse(readFileSync(c.pinFile, 'utf8'))).toEqual({ [`127.0.0.1:${sshd.port}`]: opensshFingerprint(`${sshd.hostKey}.pub`) });
    expect(statSync(c.pinFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(c.dir, 'config', 'netsetup-wizard')).mode & 0o777).toBe(0o700);
    // And no temp file is left next to it
    expect(readdirSync(join(c.dir, 'config', 'netsetup-wizard'))).toEqual(['known_hosts.json']);
    // And the next run trusts the pin without --yes and without a terminal
    const again = await c.relay();
    expect(again.stderr).toMatch(CONNECTED);
    expect(again.stderr).not.toMatch(/First connection/);
  });

  it('a pin file that cannot be parsed is refused, named, and left as it was (never taken as empty)', async () => {
    const c = kase('corrupt');
    mkdirSync(join(c.dir, 'config', 'netsetup-wizard'), { recursive: true });
    // Given a pin file torn in the middle of a write (another host pinned, then cut off)
    const torn = '{\n  "192.0.2.10:22": "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",\n  "192.0.2.11:2';
    writeFileSync(c.pinFile, torn, { mode: 0o600 });
    // When the CLI connects, even with --yes
    const r = await c.relay(['--yes']);
    // Then it refuses with exit 2 naming the file, and changes nothing
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(c.pinFile);
    expect(r.stderr).toMatch(/is not valid JSON/);
    expect(r.stderr).not.toMatch(CONNECTED);
    expect(readFileSync(c.pinFile, 'utf8')).toBe(torn);
    // And an entry that is not a fingerprint is refused the same way
    writeFileSync(c.pinFile, JSON.stringify({ [`127.0.0.1:${sshd.port}`]: 'trust me' }));
    const r2 = await c.relay(['--yes']);
    expect(r2.code, r2.stderr).toBe(2);
    expect(r2.stderr).toMatch(new RegExp(`entry "127\\.0\\.0\\.1:${sshd.port}" must be a fingerprint`));
  });

  it('a pin file that cannot be read (a folder in its place) is refused and named', async () => {
    const c = kase('unreadable');
    mkdirSync(c.pinFile, { recursive: true });
    const r = await c.relay(['--yes']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(c.pinFile);
    expect(r.stderr).toMatch(/cannot be read \(EISDIR\)/);
  });

  it('an existing pin file readable by others is made 0600 again', async () => {
    const c = kase('loose');
    mkdirSync(join(c.dir, 'config', 'netsetup-wizard'), { recursive: true, mode: 0o755 });
    writeFileSync(c.pinFile, `${JSON.stringify({ '192.0.2.10:22': 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })}\n`);
    chmodSync(c.pinFile, 0o644);
    chmodSync(join(c.dir, 'config', 'netsetup-wizard'), 0o755);
    const r = await c.relay(['--yes']);
    expect(r.stderr).toMatch(CONNECTED);
    expect(statSync(c.pinFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(c.dir, 'config', 'netsetup-wizard')).mode & 0o777).toBe(0o700);
    // And the earlier pin is kept next to the new one
    expect(Object.keys(JSON.parse(readFileSync(c.pinFile, 'utf8'))).sort()).toEqual(['127.0.0.1:' + sshd.port, '192.0.2.10:22'].sort());
  });

  it('OpenSSH known_hosts with the host (hashed by ssh-keygen -H) is trusted without asking; nothing is pinned', async () => {
    const c = kase('openssh-match');
    // Given ~/.ssh/known_hosts as `ssh-keyscan` and `ssh-keygen -H` write it
    const scanned = execFileSync('ssh-keyscan', ['-p', String(sshd.port), '-t', 'ed25519', '127.0.0.1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(scanned).toContain(`[127.0.0.1]:${sshd.port} ssh-ed25519 `);
    writeFileSync(c.env.NETSETUP_OPENSSH_KNOWN_HOSTS!, scanned);
    execFileSync('ssh-keygen', ['-H', '-f', c.env.NETSETUP_OPENSSH_KNOWN_HOSTS!], { stdio: 'ignore' });
    expect(readFileSync(c.env.NETSETUP_OPENSSH_KNOWN_HOSTS!, 'utf8')).toMatch(/^\|1\|/);
    // When the CLI connects without a terminal and without --yes
    const r = await c.relay();
    // Then it is trusted, and the pin file stays untouched
    expect(r.stderr).toMatch(CONNECTED);
    expect(r.stderr).not.toMatch(/First connection/);
    expect(existsSync(c.pinFile)).toBe(false);
    // And a plain (unhashed) line is honoured the same way
    const plain = kase('openssh-plain');
    writeFileSync(plain.env.NETSETUP_OPENSSH_KNOWN_HOSTS!, `# comment\nexample.org ssh-ed25519 ${readFileSync(`${sshd.clientKey}.pub`, 'utf8').split(' ')[1]}\n${scanned}`);
    const r2 = await plain.relay();
    expect(r2.stderr).toMatch(CONNECTED);
  });

  it('OpenSSH known_hosts with a different key of the same type is refused, as OpenSSH would', async () => {
    const c = kase('openssh-mismatch');
    const other = join(c.dir, 'other_host_key');
    keygen(other);
    const otherB64 = readFileSync(`${other}.pub`, 'utf8').split(' ')[1];
    writeFileSync(c.env.NETSETUP_OPENSSH_KNOWN_HOSTS!, `[127.0.0.1]:${sshd.port} ssh-ed25519 ${otherB64}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', c.env.NETSETUP_OPENSSH_KNOWN_HOSTS!], { stdio: 'ignore' });
    // Even with --yes: a known host with another key is never "new"
    const r = await c.relay(['--yes']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/differs from .*known_hosts line 1: known SHA256:\S+, offered SHA256:\S+/);
    expect(r.stderr).toContain(opensshFingerprint(`${other}.pub`));
    expect(r.stderr).toMatch(/ssh-keygen -R "\[127\.0\.0\.1\]:\d+"/);
    expect(r.stderr).not.toMatch(CONNECTED);
    expect(existsSync(c.pinFile)).toBe(false);
  });

  it('a missing key file is named (exit 2)', async () => {
    const c = kase('missing-key');
    const r = await c.relay(['--yes'], undefined, { NETSETUP_SSH_KEY: join(c.dir, 'no_such_key') });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`NETSETUP_SSH_KEY: the private key file ${join(c.dir, 'no_such_key')} does not exist`);
  });

  it('an encrypted key without a terminal or agent is refused with advice; with ssh-agent it works', async () => {
    const c = kase('encrypted');
    // Given a key with a passphrase, authorised on the server
    const enc = join(c.dir, 'id_enc');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'correct horse', '-f', enc]);
    writeFileSync(join(sshd.dir, 'authorized_keys'), `${readFileSync(`${sshd.clientKey}.pub`, 'utf8')}${readFileSync(`${enc}.pub`, 'utf8')}`);
    // When the CLI has no terminal and no agent
    const r = await c.relay(['--yes'], undefined, { NETSETUP_SSH_KEY: enc });
    // Then it refuses, naming the key and the ways out
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`the SSH key ${enc} is protected by a passphrase and there is no terminal to ask for it`);
    expect(r.stderr).toMatch(/ssh-add/);
    expect(r.stderr).toMatch(/NETSETUP_SSH_KEY=/);
    // When the key is loaded into a real ssh-agent (ssh-add reads the passphrase via SSH_ASKPASS)
    const sock = join(c.dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 100 && !existsSync(sock); i++) await new Promise((res) => setTimeout(res, 20));
      const askpass = join(c.dir, 'askpass.sh');
      writeFileSync(askpass, '#!/bin/sh\necho "correct horse"\n', { mode: 0o700 });
      execFileSync('ssh-add', [enc], { env: { ...process.env, SSH_AUTH_SOCK: sock, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: 'none' }, stdio: 'ignore' });
      const viaAgent = await c.relay(['--yes'], undefined, { NETSETUP_SSH_KEY: enc, SSH_AUTH_SOCK: sock });
      // Then it connects through the agent
      expect(viaAgent.stderr).toMatch(CONNECTED);
    } finally {
      agent.kill('SIGTERM');
    }
  });

  const v6Missing = ipv6Loopback() ? '' : ' (skipped: this machine has no IPv6 loopback address ::1)';
  it.skipIf(v6Missing !== '')(`ssh://root@[::1]:PORT connects over IPv6 and pins [::1]:PORT${v6Missing}`, async () => {
    const v6 = await startSshd({ listen: '::1', dir: mkdtempSync(join(tmpdir(), 'netsetup-sshd6-')) });
    try {
      const c = kase('ipv6');
      const r = await c.relay(['--yes'], `ssh://root@[::1]:${v6.port}`, { NETSETUP_SSH_KEY: v6.clientKey });
      expect(r.stderr).toMatch(CONNECTED);
      expect(Object.keys(JSON.parse(readFileSync(c.pinFile, 'utf8')))).toEqual([`[::1]:${v6.port}`]);
    } finally {
      await v6.stop();
    }
  });
});


import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SshHost } from '../../src/host/ssh.js';
import { Log, LoggedHost } from '../../src/host/logged.js';
import { startSshd, sshdAvailable, keygen, type Sshd } from '../helpers/sshd.js';

// A real OpenSSH sshd on 127.0.0.1 stands in for the Proxmox host's SSH daemon.
const SECRET = `it's "quoted" $(touch /tmp/netsetup-pwned) \`id\` back\\slash\nsecond line\n`;

describe.runIf(sshdAvailable())('SSH transport against a real sshd', () => {
  let sshd: Sshd;
  let work: string;
  const env = () => ({ ...process.env, NETSETUP_SSH_KEY: sshd.clientKey, NETSETUP_KNOWN_HOSTS: join(work, 'known_hosts.json'), NETSETUP_OPENSSH_KNOWN_HOSTS: '', SSH_AUTH_SOCK: '' });
  const trust = async () => true;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'netsetup-ssh-'));
    sshd = await startSshd();
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('runs argv byte-exact through the remote shell and reports exit codes', async () => {
    // Given a connection with a freshly pinned host key
    const seen: string[] = [];
    const host = new SshHost({ user: 'root', host: '127.0.0.1', port: sshd.port }, { env: env(), confirmNewHostKey: trust, onNewHostKey: (_hp, fp) => seen.push(fp) });
    try {
      // When argv with shell metacharacters is run
      const args = ['a b', "it's", '$(id)', '`id`', 'semi;colon', 'new\nline'];
      const r = await host.run(['printf', '%s\\0', ...args]);
      // Then the remote program gets exactly those arguments, and nothing was expanded
      expect(r.stdout.split('\0').slice(0, -1)).toEqual(args);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatch(/^SHA256:/);
      // And a failing command reports its exit code instead of throwing when allowed
      const f = await host.run(['sh', '-c', 'echo oops >&2; exit 7'], { allowFailure: true });
      expect(f).toMatchObject({ exit: 7, stderr: 'oops\n' });
      await expect(host.run(['false'])).rejects.toThrow(/exited with 1/);
    } finally {
      await host.close();
    }
  });

  it('writes a secret file byte-exact with mode 0600 and never logs it', async () => {
    // Given a logged SSH host that knows the secret
    const logPath = join(work, 'install.log');
    const log = new Log(logPath, () => [SECRET.trim(), 'second line']);
    const host = new LoggedHost(new SshHost({ user: 'root', host: '127.0.0.1', port: sshd.port }, { env: env(), confirmNewHostKey: trust }), log);
    const target = join(work, 'secrets', 'relay-password');
    const viaStdin = join(work, 'secrets', 'via-stdin');
    try {
      // When it is written over SFTP, and separately fed through stdin to a command
      await host.writeFile(target, SECRET, { mode: 0o600, secret: true });
      await host.run(['sh', '-c', 'umask 077; cat > "$1"', 'sh', viaStdin], { stdin: SECRET });
    } finally {
      await host.close();
    }
    // Then both files hold exactly the secret, root-only
    expect(readFileSync(target, 'utf8')).toBe(SECRET);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readFileSync(viaStdin, 'utf8')).toBe(SECRET);
    expect(statSync(viaStdin).mode & 0o777).toBe(0o600);
    // And the command substitution inside it never ran
    expect(() => statSync('/tmp/netsetup-pwned')).toThrow();
    // And the log has the commands but not the secret
    const logText = readFileSync(logPath, 'utf8');
    expect(logText).toContain('cat > "$1"');
    expect(logText).not.toContain('second line');
    expect(logText).not.toContain('$(touch');
  });

  it('refuses a host whose key changed since it was pinned', async () => {
    // Given the host key was pinned on an earlier connection
    const known = join(work, 'known_changed.json');
    const e = { ...env(), NETSETUP_KNOWN_HOSTS: known };
    const first = new SshHost({ user: 'root', host: '127.0.0.1', port: sshd.port }, { env: e, confirmNewHostKey: trust });
    await first.run(['true']);
    await first.close();
    // When the server comes back on the same port with a different host key
    await sshd.stop();
    const newKey = join(work, 'other_host_key');
    rmSync(newKey, { force: true });
    keygen(newKey);
    sshd = await startSshd({ dir: sshd.dir, hostKey: newKey, port: sshd.port });
    const second = new SshHost({ user: 'root', host: '127.0.0.1', port: sshd.port }, { env: e, confirmNewHostKey: trust });
    // Then the connection is refused with a clear message naming both fingerprints
    await expect(second.run(['true'])).rejects.toThrow(/host key of 127\.0\.0\.1:\d+ has changed: pinned SHA256:\S+, offered SHA256:\S+/);
    await second.close();
  });
});

describe.skipIf(sshdAvailable())('SSH transport (skipped)', () => {
  it('needs /usr/sbin/sshd and root: install openssh-server (.ci/run does)', () => {
    expect(sshdAvailable()).toBe(false);
  });
});

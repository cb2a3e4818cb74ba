import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SshHost, parseSshTarget } from '../../src/host/ssh.js';
import { Log, LoggedHost } from '../../src/host/logged.js';
import { startSshd, keygen, type Sshd } from '../helpers/sshd.js';
import { childEnv } from '../helpers/hermeticEnv.js';

// A real OpenSSH sshd on 127.0.0.1 stands in for the Proxmox host's SSH daemon.
const PWNED = join(mkdtempSync(join(tmpdir(), 'netsetup-pwn-')), 'pwned');
const SECRET = `it's "quoted" $(touch ${PWNED}) \`id\` back\\slash\nsecond line\n`;

describe('SSH transport against a real sshd', () => {
  let sshd: Sshd;
  let work: string;
  const env = () => childEnv({ NETSETUP_SSH_KEY: sshd.clientKey, NETSETUP_KNOWN_HOSTS: join(work, 'known_hosts.json'), NETSETUP_OPENSSH_KNOWN_HOSTS: '' });
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

  it('a timeout or Ctrl-C stops the remote command and fails at once, whatever it printed', async () => {
    // Given a connection and two long remote commands this test can recognise by their argument
    const host = new SshHost({ user: 'root', host: '127.0.0.1', port: sshd.port }, { env: env(), confirmNewHostKey: trust });
    const running = (tag: string) => spawnSync('pgrep', ['-f', `sleep ${tag}`]).status === 0;
    try {
      // When one runs with a 300 ms timeout
      let t0 = Date.now();
      const timedOut = await host.run(['sh', '-c', 'echo started; exec sleep 41.0731'], { timeoutMs: 300, allowFailure: true });
      // Then it fails with 124 well before the command would have ended, and sshd killed it
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(timedOut.exit).toBe(124);
      expect(timedOut.stderr).toMatch(/timed out after 300 ms/);
      await expect.poll(() => running('41.0731'), { timeout: 5000 }).toBe(false);
      // When the other is interrupted (Ctrl-C reaches it as an abort signal)
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 300);
      t0 = Date.now();
      const cut = host.run(['sh', '-c', 'echo started; exec sleep 42.0731'], { signal: ac.signal });
      // Then it is a failure (it throws even though nothing went wrong on the host), at once
      await expect(cut).rejects.toThrow(/exited with 130/);
      expect(Date.now() - t0).toBeLessThan(10_000);
      await expect.poll(() => running('42.0731'), { timeout: 5000 }).toBe(false);
      // And the connection still serves the next command
      expect((await host.run(['echo', 'still here'])).stdout).toBe('still here\n');
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
    expect(() => statSync(PWNED)).toThrow();
    // And the log has the commands but not the secret
    const logText = readFileSync(logPath, 'utf8');
    expect(logText).toContain('cat > "$1"');
    expect(logText).not.toContain('second line');
    expect(logText).not.toContain('$(touch');
  });

  it('reads and writes under fsRoot, reports a missing file as undefined, and keeps modes', async () => {
    // The "absolute" paths are themselves inside a temporary folder: even a broken fsRoot (e.g. a
    // mutant under mutation testing) can never write into this machine's /etc.
    const root = mkdtempSync(join(tmpdir(), 'netsetup-sshroot-'));
    const abs = mkdtempSync(join(tmpdir(), 'netsetup-sshabs-'));
    const host = new SshHost({ user: 'root', host: '127.0.0.1', port: sshd.port }, { env: env(), fsRoot: root, confirmNewHostKey: trust });
    try {
      await host.writeFile(`${abs}/netsetup/site.json`, '{"a":1}');
      await host.writeFile(`${abs}/netsetup/secrets/x.pass`, SECRET, { mode: 0o600, secret: true });
      expect(readFileSync(join(root, abs, 'netsetup/site.json'), 'utf8')).toBe('{"a":1}');
      expect(() => statSync(join(abs, 'netsetup'))).toThrow();
      expect(statSync(join(root, abs, 'netsetup/site.json')).mode & 0o777).toBe(0o644);
      expect(statSync(join(root, abs, 'netsetup/secrets/x.pass')).mode & 0o777).toBe(0o600);
      expect(statSync(join(root, abs, 'netsetup/secrets')).mode & 0o777).toBe(0o700);
      expect(await host.readFile(`${abs}/netsetup/site.json`)).toBe('{"a":1}');
      expect(await host.readFile(`${abs}/netsetup/absent`)).toBeUndefined();
      await expect(host.readFile(`${abs}/netsetup`)).rejects.toThrow(new RegExp(`^cannot read ${abs}/netsetup on ssh://root@127\\.0\\.0\\.1:\\d+: `));
      // Streaming output and stdin
      const chunks: string[] = [];
      const r = await host.run(['sh', '-c', 'cat; echo e >&2'], { stdin: 'in', onOutput: (c, st) => chunks.push(`${st}:${c}`) });
      expect(r).toEqual({ exit: 0, stdout: 'in', stderr: 'e\n' });
      expect(chunks).toEqual(expect.arrayContaining(['stdout:in', 'stderr:e\n']));
    } finally {
      await host.close();
    }
    // The name says where the commands go
    expect(host.name).toBe(`ssh://root@127.0.0.1:${sshd.port}`);
  });

  it('reconnects once when the link drops between commands', async () => {
    const host = new SshHost({ user: 'root', host: '127.0.0.1', port: sshd.port }, { env: env(), confirmNewHostKey: trust });
    try {
      expect((await host.run(['echo', 'one'])).stdout).toBe('one\n');
      // When the connection drops (the server side is closed under us)
      await (host as unknown as { client: { end(): void } }).client.end();
      await new Promise((r) => setTimeout(r, 200));
      // Then the next command connects again and runs
      expect((await host.run(['echo', 'two'])).stdout).toBe('two\n');
      // But a link that keeps dropping is not retried for ever
      await (host as unknown as { client: { end(): void } }).client.end();
      await new Promise((r) => setTimeout(r, 200));
      await expect(host.run(['echo', 'three'])).rejects.toThrow(`lost the connection to ssh://root@127.0.0.1:${sshd.port} twice`);
    } finally {
      await host.close();
    }
  });

  it('says clearly when there is no key, nothing listens, or the peer is not an SSH server', async () => {
    const noKey = new SshHost({ user: 'root', host: '127.0.0.1', port: sshd.port }, { env: childEnv({ HOME: mkdtempSync(join(tmpdir(), 'netsetup-home-')), NETSETUP_KNOWN_HOSTS: join(work, 'kh-nokey.json') }) });
    await expect(noKey.run(['true'])).rejects.toThrow(`no SSH key found for ssh://root@127.0.0.1:${sshd.port}`);
    const { createServer } = await import('node:net');
    // A closed port
    const closed = await new Promise<number>((res) => { const srv = createServer(); srv.listen(0, '127.0.0.1', () => { const p = (srv.address() as { port: number }).port; srv.close(() => res(p)); }); });
    const refused = new SshHost({ user: 'root', host: '127.0.0.1', port: closed }, { env: env(), confirmNewHostKey: trust });
    await expect(refused.run(['true'])).rejects.toThrow(new RegExp(`^cannot connect to ssh://root@127\\.0\\.0\\.1:${closed}: .*ECONNREFUSED`));
    // A server that greets like SMTP and hangs up
    const srv = createServer((s) => s.end('220 not ssh\r\n'));
    await new Promise<void>((res) => srv.listen(0, '127.0.0.1', () => res()));
    const port = (srv.address() as { port: number }).port;
    try {
      const wrong = new SshHost({ user: 'root', host: '127.0.0.1', port }, { env: env(), confirmNewHostKey: trust });
      await expect(wrong.run(['true'])).rejects.toThrow(/^cannot connect to ssh:\/\/root@127\.0\.0\.1:\d+: /);
    } finally {
      srv.close();
    }
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


describe('parseSshTarget', () => {
  it('reads ssh://USER@HOST[:PORT], IPv6 in brackets, and refuses anything else naming the form', () => {
    expect(parseSshTarget('ssh://root@pve.example.net')).toEqual({ user: 'root', host: 'pve.example.net', port: 22 });
    expect(parseSshTarget('ssh://root@192.168.1.10:2222')).toEqual({ user: 'root', host: '192.168.1.10', port: 2222 });
    expect(parseSshTarget('ssh://admin@[2001:db8::1]:22')).toEqual({ user: 'admin', host: '2001:db8::1', port: 22 });
    expect(parseSshTarget('ssh://admin@[2001:db8::1]')).toEqual({ user: 'admin', host: '2001:db8::1', port: 22 });
    expect(parseSshTarget('ssh://pve')).toEqual({ user: 'root', host: 'pve', port: 22 });
    for (const bad of ['root@pve', 'ssh://root@', 'ssh://root@pve:x', 'ssh://ro ot@pve', 'ssh://root@pve:22:1']) {
      expect(() => parseSshTarget(bad)).toThrow(`"${bad}"`);
    }
  });
});

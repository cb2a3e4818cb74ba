// The SSH transport's commands, files and run lock, in process against a real OpenSSH sshd on
// 127.0.0.1. What happened is read on the remote side (the files sshd's sessions wrote, the
// processes left running, util-linux flock run by this test), not taken from the transport.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { getEventListeners } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SshHost } from '../../src/host/ssh.js';
import { CommandError } from '../../src/host/types.js';
import { WorkError } from '../../src/cli/errors.js';
import { startSshd, type Sshd } from '../helpers/sshd.js';
import { childEnv } from '../helpers/hermeticEnv.js';

type Inner = { client: { end(): void; destroy(): void; on(e: string, f: () => void): void } };
const inner = (h: SshHost) => h as unknown as Inner;
const timers = () => (process as unknown as { getActiveResourcesInfo(): string[] }).getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
/** Whether util-linux flock, run by the test, could take the lock right now. */
const lockFree = (file: string) => spawnSync('flock', ['--nonblock', file, 'true']).status === 0;
const running = (tag: string) => spawnSync('pgrep', ['-f', tag]).status === 0;

describe('SSH commands, files and the run lock, in process (real sshd)', () => {
  let sshd: Sshd;
  let tight: Sshd; // MaxSessions 2: a third channel on one connection is refused
  let work: string;
  let n = 0;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'netsetup-sshcmd-'));
    [sshd, tight] = await Promise.all([startSshd(), startSshd({ config: ['MaxSessions 2'] })]);
  });
  afterAll(async () => {
    await Promise.all([sshd?.stop(), tight?.stop()]);
  });

  /** A host with its own pin file and file-system root (a fresh folder), trusting the new key. */
  function connect(o: { server?: Sshd; fsRoot?: string | null; env?: NodeJS.ProcessEnv } = {}) {
    const s = o.server ?? sshd;
    const root = join(work, `root-${++n}`);
    mkdirSync(root, { recursive: true });
    const env = childEnv({ NETSETUP_SSH_KEY: s.clientKey, NETSETUP_KNOWN_HOSTS: join(work, `pins-${n}.json`), NETSETUP_OPENSSH_KNOWN_HOSTS: '', ...o.env });
    const host = new SshHost({ user: 'root', host: '127.0.0.1', port: s.port }, { env, ...(o.fsRoot === null ? {} : { fsRoot: o.fsRoot ?? root }), confirmNewHostKey: async () => true });
    return { host, root };
  }

  describe('commands', () => {
    it('every command carries its own run id; stdin defaults to empty; output streams as it comes', async () => {
      const { host } = connect();
      try {
        const ids = [(await host.run(['sh', '-c', 'echo "$NETSETUP_RUN"'])).stdout, (await host.run(['sh', '-c', 'echo "$NETSETUP_RUN"'])).stdout];
        for (const id of ids) expect(id).toMatch(new RegExp(`^${process.pid}-\\d+-\\d{13}\\n$`));
        expect(new Set(ids).size).toBe(2);
        // cat with no stdin given ends at once with nothing
        expect(await host.run(['cat'])).toEqual({ exit: 0, stdout: '', stderr: '' });
        const chunks: string[] = [];
        const r = await host.run(['sh', '-c', 'printf out; printf err >&2'], { onOutput: (c, s) => chunks.push(`${s}:${c}`) });
        expect(r).toEqual({ exit: 0, stdout: 'out', stderr: 'err' });
        expect(chunks.sort()).toEqual(['stderr:err', 'stdout:out']);
      } finally {
        await host.close();
      }
    });

    it('without an env option, the process environment names the key, the pin file and the file root', async () => {
      const root = mkdtempSync(join(tmpdir(), 'netsetup-sshprocenv-'));
      const vars = { NETSETUP_SSH_KEY: sshd.clientKey, NETSETUP_KNOWN_HOSTS: join(work, `pins-procenv-${++n}.json`), NETSETUP_OPENSSH_KNOWN_HOSTS: '', NETSETUP_SSH_FS_ROOT: root };
      const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
      Object.assign(process.env, vars);
      const host = new SshHost({ user: 'root', host: '127.0.0.1', port: sshd.port }, { confirmNewHostKey: async () => true });
      try {
        await host.writeFile('/f.txt', 'via process.env');
        expect(readFileSync(join(root, 'f.txt'), 'utf8')).toBe('via process.env');
        expect(JSON.parse(readFileSync(vars.NETSETUP_KNOWN_HOSTS, 'utf8'))).toHaveProperty(`127.0.0.1:${sshd.port}`);
      } finally {
        await host.close();
        for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    });

    it('a command killed by a signal is a failure, 255, and the error names the command and host', async () => {
      const { host } = connect();
      try {
        expect(await host.run(['sh', '-c', 'echo before; kill -KILL $$'], { allowFailure: true })).toEqual({ exit: 255, stdout: 'before\n', stderr: '' });
        const e = await host.run(['sh', '-c', 'exit 9', 'extra'], {}).catch((x: unknown) => x);
        expect(e).toBeInstanceOf(CommandError);
        expect((e as CommandError).message).toBe('sh -c exit 9 … exited with 9');
        expect((e as CommandError).hostName).toBe(`ssh://root@127.0.0.1:${sshd.port}`);
      } finally {
        await host.close();
      }
    });

    it('Ctrl-C pressed before a command starts: nothing runs on the host', async () => {
      const { host, root } = connect();
      const marker = join(root, 'ran');
      try {
        const ac = new AbortController();
        ac.abort();
        const r = await host.run(['touch', marker], { signal: ac.signal, allowFailure: true });
        expect(r).toEqual({ exit: 130, stdout: '', stderr: 'interrupted (Ctrl-C) before the command started\n' });
        await expect(host.run(['touch', marker], { signal: ac.signal })).rejects.toThrow(/exited with 130/);
        // The connection still works, and the marker was never made
        await host.run(['true']);
        expect(existsSync(marker)).toBe(false);
      } finally {
        await host.close();
      }
    });

    it('a cut command reports what it printed and why; a finished one leaves no timer or abort listener behind', async () => {
      const { host } = connect();
      const tag = `sleep 44.${process.pid}`;
      try {
        const r = await host.run(['sh', '-c', `echo started; exec ${tag}`], { timeoutMs: 400, allowFailure: true });
        expect(r).toEqual({ exit: 124, stdout: 'started\n', stderr: 'timed out after 400 ms; the remote command was stopped\n' });
        await expect.poll(() => running(tag), { timeout: 5000 }).toBe(false);
        // A command that ends by itself: its timer and its listener on the signal are gone
        const ac = new AbortController();
        const before = timers();
        await host.run(['true'], { timeoutMs: 60_000, signal: ac.signal });
        expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
        expect(timers()).toBe(before);
        // and a later Ctrl-C on the same signal touches nothing
        ac.abort();
        expect((await host.run(['echo', 'fine'])).stdout).toBe('fine\n');
      } finally {
        await host.close();
      }
    });

    it('a channel the server refuses is named; an SFTP session is opened once and reused', async () => {
      const { host, root } = connect({ server: tight });
      try {
        writeFileSync(join(root, 'a'), 'A');
        // Three reads share one SFTP channel (a second would already hit MaxSessions with the command below)
        for (let i = 0; i < 3; i++) expect(await host.readFile('/a')).toBe('A');
        const long = host.run(['sleep', '0.5']);
        await new Promise((r) => setTimeout(r, 100));
        // When the server allows no further session on this connection
        await expect(host.run(['true'])).rejects.toThrow(new RegExp(`^cannot run a command on ssh://root@127\\.0\\.0\\.1:${tight.port}: `));
        await long;
      } finally {
        await host.close();
      }
    });
  });

  describe('files over SFTP', () => {
    it('NETSETUP_SSH_FS_ROOT places files when no fsRoot is given; modes are exact, whatever the umask', async () => {
      const envRoot = mkdtempSync(join(tmpdir(), 'netsetup-sshfsroot-'));
      const abs = mkdtempSync(join(tmpdir(), 'netsetup-sshabs-'));
      const { host } = connect({ fsRoot: null, env: { NETSETUP_SSH_FS_ROOT: envRoot } });
      try {
        await host.writeFile(`${abs}/shared.txt`, 'group-writable', { mode: 0o664 });
        await host.writeFile(`${abs}/exec.sh`, '#!/bin/sh\n', { mode: 0o755 });
        expect(readFileSync(join(envRoot, abs, 'shared.txt'), 'utf8')).toBe('group-writable');
        expect(statSync(join(envRoot, abs, 'shared.txt')).mode & 0o777).toBe(0o664);
        expect(statSync(join(envRoot, abs, 'exec.sh')).mode & 0o777).toBe(0o755);
        expect(existsSync(join(abs, 'shared.txt'))).toBe(false);
        expect(await host.readFile(`${abs}/exec.sh`)).toBe('#!/bin/sh\n');
      } finally {
        await host.close();
      }
    });

    it('a write that the host refuses is named with the path and host; nothing half-written takes the name', async () => {
      const { host, root } = connect();
      try {
        // The temporary file's name is taken by a folder
        mkdirSync(join(root, 'etc', 'blocked.conf.netsetup-tmp'), { recursive: true });
        await expect(host.writeFile('/etc/blocked.conf', 'x')).rejects.toThrow(new RegExp(`^cannot write /etc/blocked\\.conf on ssh://root@127\\.0\\.0\\.1:${sshd.port}: `));
        expect(existsSync(join(root, 'etc', 'blocked.conf'))).toBe(false);
        // The final name is a folder with content: the rename is refused
        mkdirSync(join(root, 'etc', 'busy.conf', 'inside'), { recursive: true });
        await expect(host.writeFile('/etc/busy.conf', 'x')).rejects.toThrow(new RegExp(`^cannot write /etc/busy\\.conf on ssh://root@127\\.0\\.0\\.1:${sshd.port}: `));
        expect(statSync(join(root, 'etc', 'busy.conf')).isDirectory()).toBe(true);
        // A parent that is a file: mkdir -p fails, and that is the error
        writeFileSync(join(root, 'etc', 'plainfile'), '');
        await expect(host.writeFile('/etc/plainfile/x.conf', 'x')).rejects.toThrow(/exited with 1/);
      } finally {
        await host.close();
      }
    });

    it('after the link dropped, files are read over a new SFTP session', async () => {
      const { host, root } = connect();
      writeFileSync(join(root, 'f'), 'one');
      try {
        expect(await host.readFile('/f')).toBe('one');
        const closed = new Promise<void>((r) => inner(host).client.on('close', r));
        inner(host).client.end();
        await closed;
        writeFileSync(join(root, 'f'), 'two');
        expect(await host.readFile('/f')).toBe('two');
      } finally {
        await host.close();
      }
    });
  });

  describe('the run lock', () => {
    const LOCK = '/run/lock/netsetup-wizard.lock';

    it('holds a real flock on the host until released; release frees it at once and removes the note; twice is harmless', async () => {
      const a = connect();
      const b = connect({ fsRoot: a.root });
      const file = join(a.root, LOCK);
      try {
        // Given a note left behind by a run that was killed
        mkdirSync(join(a.root, 'run', 'lock'), { recursive: true });
        writeFileSync(`${file}.owner`, 'note of a dead run\n');
        const la = await a.host.tryLock(LOCK, 'note of A\n');
        expect(la).toMatchObject({ acquired: true, owner: 'note of a dead run\n' });
        expect(readFileSync(`${file}.owner`, 'utf8')).toBe('note of A\n');
        expect(lockFree(file)).toBe(false);
        const lb = await b.host.tryLock(LOCK, 'note of B\n');
        expect(lb.acquired).toBe(false);
        expect(lb.owner).toBe('note of A\n');
        await lb.release(); // a refused attempt has nothing to give back
        expect(lockFree(file)).toBe(false);
        // When A releases
        await la.release();
        // Then the lock is free at once and the note is gone
        expect(lockFree(file)).toBe(true);
        expect(existsSync(`${file}.owner`)).toBe(false);
        await la.release();
        // And B takes it at the first try, with no note of anyone
        const lb2 = await b.host.tryLock(LOCK, 'note of B\n');
        expect(lb2.acquired).toBe(true);
        expect(lb2.owner).toBeUndefined();
        expect('owner' in lb2).toBe(false);
        await lb2.release();
        // After a release the connection may drop and come back: no lock is held any more
        const closed = new Promise<void>((r) => inner(b.host).client.on('close', r));
        inner(b.host).client.end();
        await closed;
        expect((await b.host.run(['echo', 'again'])).stdout).toBe('again\n');
        // And closing the host ends the connection, which frees a lock it held
        const lc = await b.host.tryLock(LOCK, 'note of C\n');
        expect(lockFree(file)).toBe(false);
        await b.host.close();
        await expect.poll(() => lockFree(file), { timeout: 5000 }).toBe(true);
        void lc;
      } finally {
        await a.host.close();
        await b.host.close();
      }
    });

    it('a lock released after its connection dropped lets the next command connect again', async () => {
      const { host, root } = connect();
      try {
        const lock = await host.tryLock(LOCK, 'note\n');
        const closed = new Promise<void>((r) => inner(host).client.on('close', r));
        inner(host).client.destroy();
        await closed;
        const e = await host.run(['true']).catch((x: unknown) => x);
        expect((e as WorkError).message).toBe(`the connection to ssh://root@127.0.0.1:${sshd.port} dropped, and the run lock on the host went with it; stopping, so that no other run works on the site at the same time`);
        expect((e as WorkError).details.advice).toBe('Run the same command again: every step checks the host first, so it resumes.');
        await lock.release();
        // The note stays for the next run to name; the host frees the flock with the dead connection
        expect(readFileSync(join(root, `${LOCK}.owner`), 'utf8')).toBe('note\n');
        expect((await host.run(['echo', 'back'])).stdout).toBe('back\n');
        await expect.poll(() => lockFree(join(root, LOCK)), { timeout: 5000 }).toBe(true);
      } finally {
        await host.close();
      }
    });

    it('flock failing for another reason than a held lock is an error naming the lock, the host and flock\'s words', async () => {
      const { host, root } = connect();
      try {
        mkdirSync(join(root, 'run', 'lock'), { recursive: true });
        symlinkSync(join(root, 'no', 'such', 'folder', 'lock'), join(root, LOCK));
        const e = await host.tryLock(LOCK, 'note\n').catch((x: unknown) => x);
        expect(e).toBeInstanceOf(WorkError);
        expect((e as WorkError).message).toMatch(new RegExp(`^cannot take the run lock ${LOCK} on ssh://root@127\\.0\\.0\\.1:${sshd.port}: flock: cannot open lock file .*No such file or directory$`));
        expect((e as WorkError).details.advice).toBe('flock (util-linux) must be installed on the host.');
        expect(existsSync(join(root, `${LOCK}.owner`))).toBe(false);
        // And the connection is not held back by a lock it never got
        expect((await host.run(['echo', 'ok'])).stdout).toBe('ok\n');
      } finally {
        await host.close();
      }
    });
  });
});


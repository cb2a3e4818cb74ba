// The run lock through each transport: local (a lock file in a temp folder) and SSH (a real
// sshd on 127.0.0.1). Held while its holder lives; a second taker is told who holds it; a
// holder that dies without releasing (a dropped connection) frees it and leaves its note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { LocalHost } from '../../src/host/local.js';
import { SshHost } from '../../src/host/ssh.js';
import { startSshd, type Sshd } from '../helpers/sshd.js';

describe('run lock on the local host', () => {
  it('refuses a second taker with the first one\'s note, and frees the lock on release', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsetup-lock-local-'));
    const lock = join(dir, 'run/lock/netsetup-wizard.lock');
    const host = new LocalHost();
    // Given a lock taken with a note
    const a = await host.tryLock(lock, 'note of A\n');
    expect(a.acquired).toBe(true);
    expect(a.owner).toBeUndefined();
    expect(readFileSync(`${lock}.owner`, 'utf8')).toBe('note of A\n');
    // When another taker tries, also from another process (util-linux flock, the test's own)
    const b = await host.tryLock(lock, 'note of B\n');
    const outside = await new Promise<number | null>((resolve) => spawn('flock', ['--nonblock', lock, 'true']).on('close', resolve));
    // Then both are refused, and the note they see is A's
    expect(b).toMatchObject({ acquired: false, owner: 'note of A\n' });
    expect(outside).toBe(1);
    // When A releases
    await a.release();
    // Then its note is gone and the lock can be taken again
    expect(existsSync(`${lock}.owner`)).toBe(false);
    const c = await host.tryLock(lock, 'note of C\n');
    expect(c).toMatchObject({ acquired: true });
    await c.release();
  });
});

describe('run lock over SSH (real sshd)', () => {
  let sshd: Sshd;
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'netsetup-lock-ssh-'));
    sshd = await startSshd({ env: { PATH: '/usr/bin:/bin' } });
  });
  afterAll(async () => {
    await sshd?.stop();
  });
  const connect = () =>
    new SshHost({ user: 'root', host: '127.0.0.1', port: sshd.port }, { env: { ...process.env, NETSETUP_SSH_KEY: sshd.clientKey, NETSETUP_KNOWN_HOSTS: join(work, 'known_hosts.json'), SSH_AUTH_SOCK: '' }, fsRoot: join(work, 'root'), confirmNewHostKey: async () => true });

  it('holds the lock on the host while the connection lives; a dropped connection frees it and leaves its note', async () => {
    const path = '/run/lock/netsetup-wizard.lock';
    const a = connect();
    const b = connect();
    try {
      // Given A holds the lock on the host
      const la = await a.tryLock(path, 'note of A\n');
      expect(la.acquired).toBe(true);
      // When B tries over its own connection
      const lb = await b.tryLock(path, 'note of B\n');
      // Then B is refused with A's note
      expect(lb).toMatchObject({ acquired: false, owner: 'note of A\n' });
      // When A's connection drops without releasing (a killed wizard)
      await a.close();
      // Then the host frees the lock, B takes it and is shown the note A left behind
      let lb2 = await b.tryLock(path, 'note of B\n');
      for (let i = 0; i < 100 && !lb2.acquired; i++) {
        await new Promise((r) => setTimeout(r, 50));
        lb2 = await b.tryLock(path, 'note of B\n');
      }
      expect(lb2).toMatchObject({ acquired: true, owner: 'note of A\n' });
      expect(readFileSync(join(work, 'root', `${path}.owner`), 'utf8')).toBe('note of B\n');
      await lb2.release();
      expect(existsSync(join(work, 'root', `${path}.owner`))).toBe(false);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('run lock over SSH when the link drops (real sshd)', () => {
  let sshd: Sshd;
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'netsetup-lock-drop-'));
    sshd = await startSshd({ env: { PATH: '/usr/bin:/bin' } });
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('does not reconnect and carry on without the lock', async () => {
    const host = new SshHost({ user: 'root', host: '127.0.0.1', port: sshd.port }, { env: { ...process.env, NETSETUP_SSH_KEY: sshd.clientKey, NETSETUP_KNOWN_HOSTS: join(work, 'known_hosts.json'), SSH_AUTH_SOCK: '' }, fsRoot: join(work, 'root'), confirmNewHostKey: async () => true });
    try {
      // Given a run holding the lock
      const lock = await host.tryLock('/run/lock/netsetup-wizard.lock', 'note\n');
      expect(lock.acquired).toBe(true);
      expect((await host.run(['true'])).exit).toBe(0);
      // When its connection drops (the TCP socket is cut)
      const client = (host as unknown as { client: { on: (e: string, f: () => void) => void; destroy: () => void } }).client;
      const closed = new Promise<void>((resolve) => client.on('close', resolve));
      client.destroy();
      await closed;
      // Then the next command fails, saying the lock went with the connection, instead of reconnecting
      await expect(host.run(['true'])).rejects.toThrow(/dropped, and the run lock on the host went with it/);
      await lock.release();
    } finally {
      await host.close();
    }
  });
});


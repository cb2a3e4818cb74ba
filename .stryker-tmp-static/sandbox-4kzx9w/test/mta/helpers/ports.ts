// @ts-nocheck
// test/mta binds fixed loopback addresses and ports: fail with a clear message when something
// (the system's postfix/dovecot, or another run not holding /tmp/netsetup-mta.lock) holds one.
import net from 'node:net';

export async function assertPortsFree(list: Array<[string, number]>): Promise<void> {
  const busy: string[] = [];
  for (const [host, port] of list) {
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, host, () => s.close(() => resolve(true)));
    });
    if (!free) busy.push(`${host.includes(':') ? `[${host}]` : host}:${port}`);
  }
  if (busy.length > 0) {
    throw new Error(
      `test/mta needs these loopback ports but they are in use: ${busy.join(', ')}. ` +
        'Stop the system mail daemons first (service postfix stop; service dovecot stop; CI does this in .ci/run) and run the mail tests under flock /tmp/netsetup-mta.lock.',
    );
  }
}

/**
 * test/mta files share 127.0.0.2-6 and their ports, and vitest runs two files at once: each file
 * holds this lock (a directory, atomic to create) from beforeAll to afterAll. A lock left by a
 * process that is gone is taken over. Separate from /tmp/netsetup-mta.lock, which the caller holds
 * around the whole run (a second flock on that file from inside would wait for ever).
 */
export async function acquireSuiteLock(path = '/tmp/netsetup-mta-suite.lockdir', waitMs = 900_000): Promise<() => void> {
  const { mkdirSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const end = Date.now() + waitMs;
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(`${path}/pid`, String(process.pid));
      return () => rmSync(path, { recursive: true, force: true });
    } catch {
      let owner = NaN;
      try {
        owner = Number(readFileSync(`${path}/pid`, 'utf8'));
      } catch {
        // being created or removed right now
      }
      let alive = true;
      if (Number.isInteger(owner) && owner > 0) {
        try {
          process.kill(owner, 0);
        } catch {
          alive = false;
        }
      }
      if (!alive) rmSync(path, { recursive: true, force: true });
      else if (Date.now() > end) throw new Error(`test/mta: ${path} is held by pid ${owner} for too long`);
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
}

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

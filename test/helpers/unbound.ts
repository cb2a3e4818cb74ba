// Debian's unbound on 127.0.0.1 with a port the OS reported free, for DNS tests: in the
// foreground, no privileges dropped, no DNSSEC validation, configured only by what we pass.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer, type AddressInfo } from 'node:net';
import { promises as dns } from 'node:dns';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Unbound {
  /** "127.0.0.1@PORT" for unbound's own forward-addr. */
  addr: string;
  /** "127.0.0.1:PORT" for node's Resolver. */
  target: string;
  port: number;
  log(): string;
  close(): Promise<void>;
}

/** A port free for both TCP and UDP on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const u = createSocket('udp4');
      u.once('error', () => resolve(false));
      u.bind(port, '127.0.0.1', () => u.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error('no free port on 127.0.0.1');
}

/** Start unbound with `clauses` (server:/forward-zone: text) added to a loopback base config. */
export async function startUnbound(clauses: string): Promise<Unbound> {
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-unbound-'));
  const port = await freePort();
  const conf = join(dir, 'unbound.conf');
  writeFileSync(
    conf,
    [
      'server:',
      `  interface: 127.0.0.1@${port}`,
      `  port: ${port}`,
      '  do-ip6: no',
      '  do-daemonize: no',
      '  username: ""',
      '  chroot: ""',
      `  directory: "${dir}"`,
      '  pidfile: ""',
      '  use-syslog: no',
      '  logfile: ""',
      '  verbosity: 1',
      '  log-queries: yes',
      '  access-control: 127.0.0.0/8 allow',
      '  do-not-query-localhost: no',
      '  module-config: "iterator"',
      '  qname-minimisation: no',
      '  num-threads: 1',
      'remote-control:',
      '  control-enable: no',
      clauses,
    ].join('\n'),
  );
  let out = '';
  const child: ChildProcess = spawn('unbound', ['-d', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const target = `127.0.0.1:${port}`;
  const r = new dns.Resolver({ timeout: 300, tries: 1 });
  r.setServers([target]);
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`unbound exited ${child.exitCode}: ${out}`);
    try {
      await r.resolve4('localhost');
      break;
    } catch (e) {
      // Any DNS answer (even NXDOMAIN) means it listens.
      if ((e as { code?: string }).code !== 'ECONNREFUSED' && (e as { code?: string }).code !== 'ETIMEOUT') break;
    }
    if (Date.now() > deadline) throw new Error(`unbound did not answer on ${target}: ${out}`);
    await new Promise((res) => setTimeout(res, 100));
  }
  return {
    addr: `127.0.0.1@${port}`,
    target,
    port,
    log: () => out,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

// @ts-nocheck
// Debian's unbound on 127.0.0.1 with a port the OS reported free, for DNS tests: in the
// foreground, no privileges dropped, no DNSSEC validation, configured only by what we pass.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Unbound {
  /** "IP@PORT" for unbound's own forward-addr. */
  addr: string;
  /** Its config file (for unbound-control -c). */
  conf: string;
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

export interface UnboundOptions {
  /** Listen address; default 127.0.0.1 with a free port. */
  ip?: string;
  port?: number;
  /** Runs the command (e.g. inside a network namespace); default: here. */
  spawn?: (cmd: string, args: string[]) => ChildProcess;
  /** Enable unbound-control on a unix socket (local_data at run time). */
  control?: boolean;
}

/** Start unbound with `clauses` (server:/forward-zone: text) added to a loopback base config. */
export async function startUnbound(clauses: string, opts: UnboundOptions = {}): Promise<Unbound> {
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-unbound-'));
  const ip = opts.ip ?? '127.0.0.1';
  const port = opts.port ?? (await freePort());
  const conf = join(dir, 'unbound.conf');
  writeFileSync(
    conf,
    [
      'server:',
      `  interface: ${ip}@${port}`,
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
      // In a test's own namespace any source is the test's; on the machine, loopback only.
      `  access-control: ${opts.ip ? '0.0.0.0/0' : '127.0.0.0/8'} allow`,
      '  do-not-query-localhost: no',
      '  module-config: "iterator"',
      '  qname-minimisation: no',
      '  num-threads: 1',
      '  cache-max-negative-ttl: 1',
      'remote-control:',
      ...(opts.control ? ['  control-enable: yes', `  control-interface: ${join(dir, 'control.sock')}`, '  control-use-cert: no'] : ['  control-enable: no']),
      clauses,
    ].join('\n'),
  );
  let out = '';
  const child: ChildProcess = (opts.spawn ?? ((c, a) => spawn(c, a, { stdio: ['ignore', 'pipe', 'pipe'] })))('unbound', ['-d', '-c', conf]);
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const target = `${ip}:${port}`;
  // unbound logs "start of service" once its sockets are open.
  const deadline = Date.now() + 10_000;
  while (!out.includes('start of service')) {
    if (child.exitCode !== null) throw new Error(`unbound exited ${child.exitCode}: ${out}`);
    if (Date.now() > deadline) throw new Error(`unbound did not start on ${target}: ${out}`);
    await new Promise((res) => setTimeout(res, 50));
  }
  return {
    addr: `${ip}@${port}`,
    conf,
    target,
    port,
    log: () => out,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

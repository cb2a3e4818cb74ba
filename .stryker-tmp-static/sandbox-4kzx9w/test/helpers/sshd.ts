// @ts-nocheck
// A real OpenSSH sshd on 127.0.0.1 for the SSH transport tests: its own host keys, its own
// port, one authorized client key, and an environment (PATH, simulator dir) for the sessions.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Sshd {
  port: number;
  dir: string;
  clientKey: string;
  hostKey: string;
  stop(): Promise<void>;
}

export function sshdAvailable(): boolean {
  return existsSync('/usr/sbin/sshd') && existsSync('/usr/bin/ssh-keygen') && process.getuid?.() === 0;
}

async function freePort(address = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, address, () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export function keygen(path: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path]);
}

/** Start sshd. `env` is set for every session with SetEnv (PATH with the simulator shims, ...). */
/** `listen`: the loopback address to listen on (default 127.0.0.1; '::1' for IPv6 tests). */
export async function startSshd(opts: { env?: Record<string, string>; dir?: string; hostKey?: string; port?: number; listen?: string } = {}): Promise<Sshd> {
  const listen = opts.listen ?? '127.0.0.1';
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'netsetup-sshd-'));
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const hostKey = opts.hostKey ?? join(dir, 'host_ed25519');
  if (!existsSync(hostKey)) keygen(hostKey);
  const clientKey = join(dir, 'client_ed25519');
  if (!existsSync(clientKey)) keygen(clientKey);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`), { mode: 0o600 });
  const port = opts.port ?? (await freePort(listen));
  // HOME points into the test folder: the session's bash then finds no ~/.bashrc, so the
  // machine's own shell start-up files (pyenv rehash locks and the like) cannot slow or hang it.
  const setEnv = Object.entries({ HOME: dir, ...(opts.env ?? {}) })
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const config = [
    `Port ${port}`,
    `ListenAddress ${listen}`,
    `HostKey ${hostKey}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    'Subsystem sftp internal-sftp',
    'LogLevel ERROR',
    ...(setEnv ? [`SetEnv ${setEnv}`] : []),
  ].join('\n');
  writeFileSync(join(dir, 'sshd_config'), `${config}\n`);
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  // Wait until it accepts connections.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, listen);
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`sshd did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    dir,
    clientKey,
    hostKey,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}


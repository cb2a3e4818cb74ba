// @ts-nocheck
// A private network + mount namespace for tests that need fixed addresses and well-known ports
// (53, 80) without touching the machine: its own loopback carrying the addresses the test
// names (a "public" resolver at 1.1.1.1, the site's public IP, the guests' LAN addresses),
// its own /etc/resolv.conf. Processes join it through nsenter. Needs root (CI runs as root).
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, mkdtempSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Netns {
  pid: number;
  /** Start a process inside. */
  spawn(cmd: string, args: string[], opts?: SpawnOptions): ChildProcess;
  /** Run a process inside to completion. */
  run(cmd: string, args: string[], opts?: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number }): Promise<{ status: number | null; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

/** Why a namespace cannot be made here, or undefined. */
export function netnsMissing(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root to make a network namespace (CI runs as root)';
  const r = spawnSync('unshare', ['--net', '--mount', 'true'], { stdio: 'ignore' });
  return r.status === 0 ? undefined : 'unshare --net --mount is not permitted here';
}

/** `binds`: folders or files of the test mounted over machine paths, visible inside only. */
export async function makeNetns(opts: { addresses: string[]; nameserver: string; binds?: Array<{ src: string; dst: string }> }): Promise<Netns> {
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-netns-'));
  // Mount points that do not exist on the machine are made for the namespace and removed after.
  const made = (opts.binds ?? []).map((b) => b.dst).filter((p) => !existsSync(p));
  const resolv = join(dir, 'resolv.conf');
  writeFileSync(resolv, `nameserver ${opts.nameserver}\noptions timeout:1 attempts:1\n`);
  const script = [
    'set -e',
    'ip link set lo up',
    ...opts.addresses.map((a) => `ip addr add ${a}/32 dev lo`),
    `mount --bind ${resolv} /etc/resolv.conf`,
    ...(opts.binds ?? []).map((b) => `mkdir -p ${b.dst} 2>/dev/null || true; mount --bind ${b.src} ${b.dst}`),
    'echo ready',
    'exec sleep 86400',
  ].join('\n');
  const holder = spawn('unshare', ['--net', '--mount', '--propagation', 'private', 'sh', '-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  holder.stdout!.on('data', (d) => (out += d));
  holder.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => holder.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!out.includes('ready')) {
    if (holder.exitCode !== null) throw new Error(`namespace setup failed: ${out}`);
    if (Date.now() > deadline) throw new Error(`namespace setup timed out: ${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const pid = holder.pid!;
  // nsenter -m starts in / unless told the working directory.
  // -r: the holder's root too (setns into a mount namespace resets the root to the namespace's,
  // which differs from ours when the suite itself runs in a chroot).
  const enter = (cmd: string, args: string[], cwd?: string) => ['-t', String(pid), '-n', '-m', '-r', ...(cwd ? [`--wd=${cwd}`] : []), '--', cmd, ...args];
  return {
    pid,
    spawn: (cmd, args, o = {}) => spawn('nsenter', enter(cmd, args), { stdio: ['ignore', 'pipe', 'pipe'], ...o }),
    run: (cmd, args, o = {}) =>
      new Promise((resolve) => {
        const c = spawn('nsenter', enter(cmd, args, o.cwd), { stdio: ['ignore', 'pipe', 'pipe'], env: o.env ?? process.env });
        let stdout = '';
        let stderr = '';
        c.stdout!.on('data', (d) => (stdout += d));
        c.stderr!.on('data', (d) => (stderr += d));
        const t = setTimeout(() => c.kill('SIGKILL'), o.timeoutMs ?? 120_000);
        c.once('close', (status) => {
          clearTimeout(t);
          resolve({ status, stdout, stderr });
        });
      }),
    close: async () => {
      holder.kill('SIGTERM');
      await exited;
      for (const p of made.reverse()) {
        try {
          rmdirSync(p);
        } catch {
          // not empty or already gone: leave it
        }
      }
    },
  };
}

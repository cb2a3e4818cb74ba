// @ts-nocheck
// Shared by the packaging tests: the Node 18 binary, packing, a production install, and running
// the packaged CLI with a minimal environment (nothing inherited that could help it resolve).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { ROOT, runProcess } from '../helpers/cli.js';

export const NODE18_VERSION = '18.20.4';
/** Where scripts/fetch-node18.mjs puts the binary; NETSETUP_NODE18 overrides. */
export const NODE18_BIN = process.env.NETSETUP_NODE18 || join(ROOT, 'node_modules', '.cache', `node-${NODE18_VERSION}`, 'bin', 'node');

/**
 * Why the Node 18 runs cannot happen, or undefined when they can. A missing binary is only
 * tolerated when nobody asked for it: .ci/run exports NETSETUP_NODE18 (vitest deletes CI for
 * Ink's sake, so CI itself cannot be seen from inside a test).
 */
export function node18Missing(): string | undefined {
  if (existsSync(NODE18_BIN)) return undefined;
  const why = `Node ${NODE18_VERSION} is not at ${NODE18_BIN}; run \`node scripts/fetch-node18.mjs\` first`;
  if (process.env.NETSETUP_NODE18 || process.env.NETSETUP_REQUIRE_NODE18 === '1' || process.env.NETSETUP_CI) throw new Error(why);
  return why;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `argv` with exactly `env` (plus nothing), stdin closed. */
export function run(argv: string[], opts: { env: Record<string, string>; cwd: string; timeoutMs?: number }): Promise<Run> {
  return runProcess(argv, opts);
}

export interface Packed {
  tarball: string;
  files: string[];
  size: number;
  unpackedSize: number;
}

/** `npm pack` of the already built dist/ (no prepack: other test files may be running dist/). */
export function packInto(dir: string): Packed {
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[]; size: number; unpackedSize: number }[];
  return { tarball: join(dir, info!.filename), files: info!.files.map((f) => f.path).sort(), size: info!.size, unpackedSize: info!.unpackedSize };
}

/** A production install of the tarball into `dir`, offline: a self-contained package needs nothing. */
export function installInto(dir: string, tarball: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'site', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--omit=dev', '--offline', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', tarball], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Package directories under node_modules (scoped and nested ones included). */
export function installedPackages(nodeModules: string): string[] {
  const found: string[] = [];
  const walk = (nm: string): void => {
    if (!existsSync(nm)) return;
    for (const e of readdirSync(nm, { withFileTypes: true })) {
      if (!e.isDirectory() || e.name.startsWith('.')) continue;
      const names = e.name.startsWith('@') ? readdirSync(join(nm, e.name)).map((n) => join(e.name, n)) : [e.name];
      for (const n of names) {
        found.push(n);
        walk(join(nm, n, 'node_modules'));
      }
    }
  };
  walk(nodeModules);
  return found.sort();
}

/** node_modules directories that Node's resolution would search from `dir` upwards. */
export function nodeModulesAbove(dir: string): string[] {
  const hits: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'node_modules'))) hits.push(join(d, 'node_modules'));
    if (dirname(d) === d) return hits;
  }
}

/**
 * A TCP listener that speaks the first line of the SSH protocol and records what the client
 * sends back (its identification and KEXINIT), then hangs up with a reset (or a clean close):
 * enough to prove ssh2 loads and starts the protocol, with no real sshd.
 */
export async function startSshGreeter(hangUp: 'reset' | 'close' = 'reset'): Promise<{ port: number; received: () => string; close: () => Promise<void> }> {
  let got = Buffer.alloc(0);
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.write('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n');
    s.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d]);
      // The client's identification line and its KEXINIT (algorithm lists in clear) are in.
      if (got.includes('hmac-sha')) {
        if (hangUp === 'reset') s.resetAndDestroy();
        else s.end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    received: () => got.toString('latin1'),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

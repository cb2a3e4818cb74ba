// @ts-nocheck
// runSim: execute one command against the simulated site host in `dir`, journal it, sleep its
// realistic latency (outside the state lock, so concurrent branches overlap like on real hosts).
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { aptGet, dpkgQuery } from './apt.js';
import { cat, chpasswd, df, hostname, install, mv, passwd, pveversion, rm, sha256sum, ss, systemctl } from './basic.js';
import { nix, planUnit } from './nixbuild.js';
import { finishUnits, journalctl, systemdRun, takeSignalFault } from './units.js';
import { takeFault } from './faults.js';
import { SIM_LATENCY_MS, scaled, simSpeed, sleep } from './latency.js';
import { dig, nixosRebuild, postconf } from './nixos.js';
import { proxmoxBackupManager, pvesm } from './pbs.js';
import { pct } from './pct.js';
import { pmgconfig, pmgPostconf, pmgsh } from './pmg.js';
import { pveam } from './pveam.js';
import { pvesh } from './pvesh.js';
import { qm, qmrestore } from './qm.js';
import { schemaRelease, withState, type SimState } from './state.js';
import { validateProxmoxCall, validatePvesmSet } from './proxmoxSchema.js';
import { codenameOf } from './system.js';
import { fail, type CmdCtx, type Handler, type Outcome, type Sys } from './types.js';

export interface SimContext {
  dir: string;
  stdin?: string | Buffer;
  env?: Record<string, string | undefined>;
  /** Journal target override; by default derived from the command (pct exec → ct:ID, …). */
  target?: string;
  signal?: AbortSignal;
}

export interface SimResult {
  exit: number;
  stdout: string;
  stderr: string;
}

const COMMON: Record<string, Handler> = { systemctl, ss, rm, cat, install, hostname, sha256sum, mv, journalctl, 'systemd-run': (a, c) => systemdRun(a, c, planUnit) };
const HOST: Record<string, Handler> = {
  ...COMMON, df, pveversion, pvesh, pveam, pct, qm, qmrestore, pvesm, 'apt-get': aptGet, 'dpkg-query': dpkgQuery, 'proxmox-backup-manager': proxmoxBackupManager,
};
const CT: Record<string, Handler> = { ...COMMON, 'apt-get': aptGet, 'dpkg-query': dpkgQuery, chpasswd, passwd };

/**
 * The QEMU guest agent's service PATH on NixOS: nixpkgs' systemd service default path
 * (coreutils, findutils, gnugrep, gnused, systemd). Anything else needs an absolute path such
 * as /run/current-system/sw/bin/nixos-rebuild or an explicit PATH.
 */
const AGENT_PATH_COMMANDS = new Set([
  'cat', 'install', 'sha256sum', 'rm', 'mv', 'env', 'ls', 'mkdir', 'chmod', 'chown', 'cp', 'touch', 'test', 'printf', 'echo', 'head', 'tail', 'stat', 'true', 'false', 'sync',
  'find', 'xargs', 'grep', 'sed', 'systemctl', 'systemd-run', 'journalctl', 'hostnamectl', 'loginctl',
]);
const NIXOS_SW = '/run/current-system/sw/bin/';
const VM: Record<string, Handler> = { ...COMMON, 'nixos-rebuild': nixosRebuild, dig, postconf };

function notFound(cmd: string, sys: Sys): Outcome {
  if (sys.kind === 'ct') return fail(127, `lxc-attach: ${sys.vmid}: ../src/lxc/attach.c: lxc_attach_run_command: 1841 No such file or directory - Failed to exec "${cmd}"`);
  if (sys.kind === 'vm') return fail(127, `Agent error: Failed to execute child process “${cmd}” (No such file or directory)`);
  return fail(127, `bash: line 1: ${cmd}: command not found`);
}

function stripEnv(argv: string[]): { argv: string[]; path?: string } {
  let a = argv;
  let path: string | undefined;
  while (a[0] === 'env' || a[0] === `${NIXOS_SW}env`) {
    a = a.slice(1);
    while (a[0] !== undefined && /^[A-Za-z_][A-Za-z0-9_]*=/.test(a[0])) {
      if (a[0].startsWith('PATH=')) path = a[0].slice(5);
      a = a.slice(1);
    }
  }
  return { argv: a, path };
}

function execute(st: SimState, dir: string, env: Record<string, string | undefined>, argv: string[], stdin: Buffer): Outcome {
  const now = Date.now();
  const speed = simSpeed(env);
  const leaf = (raw: string[], sys: Sys, input: Buffer): Outcome => {
    const { argv: a, path } = stripEnv(raw);
    if (a.length === 0) return { exit: 0, stdout: '', stderr: '', mutated: false, latency: [] };
    const first = a[0] as string;
    if (sys.kind === 'vm') {
      // NixOS has no /usr/bin or /bin (only /bin/sh): absolute paths point into the system profile.
      if (first.startsWith('/') && !first.startsWith(NIXOS_SW) && first !== '/bin/sh') return notFound(first, sys);
      const onPath = path ? path.split(':').includes(NIXOS_SW.slice(0, -1)) : AGENT_PATH_COMMANDS.has(first);
      if (!first.startsWith('/') && !onPath) return notFound(first, sys);
    }
    const cmd = first.replace(/^\/(usr\/)?s?bin\//, '').replace(NIXOS_SW, '');
    const args = a.slice(1);
    const wrapper = (cmd === 'pct' && args[0] === 'exec') || (cmd === 'qm' && args[0] === 'guest' && args[1] === 'exec');
    if (!wrapper) {
      const fault = takeFault(st, env, [cmd, ...args]);
      if (fault) return fault;
      const sig = sys.kind === 'vm' ? takeSignalFault(st, env, [cmd, ...args]) : undefined;
      if (sig) return { exit: 128 + sig, stdout: '', stderr: '', mutated: false, latency: [], signal: sig };
    }
    const table = sys.kind === 'host' ? HOST : sys.kind === 'ct' ? CT : VM;
    let h = table[cmd];
    if (sys.kind === 'ct' && (cmd === 'pmgsh' || cmd === 'pmgconfig') && st.guests[String(sys.vmid)]?.packages.includes('proxmox-mailgateway-container')) h = cmd === 'pmgsh' ? pmgsh : pmgconfig;
    if (sys.kind === 'ct' && cmd === 'nix' && st.guests[String(sys.vmid)]?.packages.includes('nix-bin')) h = nix;
    if (sys.kind === 'ct' && cmd === 'postconf' && st.guests[String(sys.vmid)]?.pmg) h = pmgPostconf;
    if (!h) return notFound(cmd, sys);
    // Every Proxmox command line is checked against the schemas extracted from Proxmox's sources
    // before the simulator models it (PMG in a container: the release of the container's Debian).
    const release = sys.kind === 'ct' ? (codenameOf(dir, st, sys) === 'trixie' ? '9' : '8') : schemaRelease(st);
    const invalid = cmd === 'pvesm' && args[0] === 'set'
      ? validatePvesmSet(args.slice(1), st.storages.find((s) => s.storage === args[1])?.type ?? '', release)
      : validateProxmoxCall([cmd, ...args], release);
    if (invalid) return fail(invalid.exit, invalid.stderr);
    const ctx: CmdCtx = { dir, st, stdin: input, env, sys, now, speed, exec: leaf };
    return h(args, ctx);
  };
  finishUnits(st, now, leaf, (e) => journal(dir, e));
  return leaf(argv, { kind: 'host' }, stdin);
}

export async function runSim(argv: string[], ctx: SimContext): Promise<SimResult> {
  const env = ctx.env ?? process.env;
  const stdin = Buffer.isBuffer(ctx.stdin) ? ctx.stdin : Buffer.from(ctx.stdin ?? '');
  mkdirSync(ctx.dir, { recursive: true });
  if (ctx.signal?.aborted) return { exit: 130, stdout: '', stderr: 'interrupted\n' };
  const o = await withState(ctx.dir, (st) => {
    let r: Outcome;
    try {
      r = execute(st, ctx.dir, env, argv, stdin);
    } catch (e) {
      r = fail(70, `simulator internal error: ${(e as Error).stack ?? String(e)}`);
    }
    return { value: r, save: true };
  });
  let exit = o.exit;
  let stderr = o.stderr;
  try {
    await sleep(o.latency.reduce((a, k) => a + scaled(k, env), 0), ctx.signal);
  } catch {
    exit = 130;
    stderr += 'interrupted\n';
  }
  const ms = o.latency.reduce((a, k) => a + SIM_LATENCY_MS[k], 0);
  journal(ctx.dir, { argv, target: ctx.target ?? o.target ?? 'host', mutated: o.mutated, exit, ...(ms > 0 ? { ms } : {}) });
  return { exit, stdout: o.stdout, stderr };
}

export interface JournalEntry {
  argv: string[];
  target: string;
  mutated: boolean;
  exit: number;
  /** Physical latency of the command in the latency model (ms at speed 1), when it has one. */
  ms?: number;
}

export function journal(dir: string, e: JournalEntry): void {
  appendFileSync(join(dir, 'journal.jsonl'), `${JSON.stringify({ argv: e.argv, target: e.target, mutated: e.mutated, exit: e.exit, ...(e.ms ? { ms: e.ms } : {}) })}\n`);
}

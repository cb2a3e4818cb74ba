// @ts-nocheck
// Transient systemd units (systemd-run) in containers and VMs, and the tools that watch them:
// `systemctl show`, `systemctl reset-failed|stop`, `journalctl -u`. A unit's command runs when its
// modelled duration has passed (wall clock, scaled by NETSETUP_SIM_SPEED); its output becomes
// the unit's journal, revealed line by line while it runs. Semantics follow systemd: a unit
// started with --remain-after-exit stays "active (exited)" after success; a failed unit stays
// loaded ("failed", Result=exit-code|signal) until reset-failed; a successful unit without
// RemainAfterExit is unloaded (LoadState=not-found).
import type { LatencyKey } from './latency.js';
import { SIM_LATENCY_MS } from './latency.js';
import type { Guest, SimState } from './state.js';
import { fail, ok, sysGuest, type CmdCtx, type Outcome, type Sys } from './types.js';

export interface SimUnit {
  name: string;
  argv: string[];
  env: Record<string, string>;
  startedAt: number;
  endsAt: number;
  remainAfterExit: boolean;
  /** Physical duration (ms at speed 1). */
  ms: number;
  state: 'running' | 'exited' | 'failed';
  result?: 'success' | 'exit-code' | 'signal';
  status?: number;
  /** Killed by this signal at endsAt (fault injection). */
  killSignal?: number;
  journal: string[];
  /** Lines shown while running, revealed in proportion to elapsed time. */
  progressLines: string[];
}

type WithUnits = Guest & { units?: Record<string, SimUnit> };

const unitsOf = (g: Guest): Record<string, SimUnit> => ((g as WithUnits).units ??= {});
const norm = (u: string) => (u.endsWith('.service') ? u : `${u}.service`);

/** How long a unit's command takes and what it prints while running (decided by the caller). */
export interface UnitPlan {
  latency: LatencyKey;
  ms?: number;
  progress: string[];
}

export type UnitPlanner = (argv: string[], ctx: CmdCtx) => UnitPlan;

/** NETSETUP_SIM_SIGNAL: "<argv prefix>[, …]": the first unit whose command starts so is killed (SIGKILL). */
export function takeSignalFault(st: SimState, env: Record<string, string | undefined>, argv: string[]): number | undefined {
  const cmd = argv.map((a, i) => (i === 0 ? a.replace(/^.*\//, '') : a));
  for (const raw of (env.NETSETUP_SIM_SIGNAL ?? '').split(',')) {
    const prefix = raw.trim().split(/\s+/).filter(Boolean);
    if (!prefix.length) continue;
    const key = `signal:${prefix.join(' ')}`;
    if (st.faultsConsumed.includes(key)) continue;
    if (prefix.every((w, i) => cmd[i] === w)) {
      st.faultsConsumed.push(key);
      return 9;
    }
  }
  return undefined;
}

export function systemdRun(args: string[], ctx: CmdCtx, plan: UnitPlanner): Outcome {
  const g = sysGuest(ctx);
  let name: string | undefined;
  let remain = false;
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-')) break;
    const [k, v] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const val = () => v ?? args[++i];
    if (k === '--unit' || k === '-u') name = val();
    else if (k === '--remain-after-exit' || k === '-r') remain = true;
    else if (k === '--setenv' || k === '-E') {
      const kv = val() ?? '';
      env[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
    } else if (k === '--description' || k === '--property' || k === '-p' || k === '--working-directory') val();
    else if (k === '--quiet' || k === '-q' || k === '--no-block' || k === '--collect' || k === '-G') continue;
    else return fail(1, `systemd-run: unrecognized option '${a}'`);
  }
  const argv = args.slice(i);
  if (argv.length === 0) return fail(1, 'Command line to execute required.');
  if (!argv[0]!.startsWith('/')) {
    // systemd-run resolves the command with the manager's PATH; NixOS has no /usr/bin.
    if (ctx.sys.kind === 'vm') return fail(1, `Failed to find executable ${argv[0]}: No such file or directory`);
  }
  const unit = norm(name ?? `run-u${Math.floor(Math.random() * 9999)}`);
  const units = g ? unitsOf(g) : ((ctx.st as SimState & { hostUnits?: Record<string, SimUnit> }).hostUnits ??= {});
  if (units[unit]) return fail(1, `Failed to start transient service unit: Unit ${unit} was already loaded or has a fragment file.`);
  const p = plan(argv, ctx);
  const ms = p.ms ?? SIM_LATENCY_MS[p.latency];
  units[unit] = {
    name: unit, argv, env, startedAt: ctx.now, endsAt: ctx.now + ms / ctx.speed, remainAfterExit: remain, ms,
    state: 'running', killSignal: takeSignalFault(ctx.st, ctx.env, argv), journal: [], progressLines: p.progress,
  };
  return ok('', { mutated: true, stderr: `Running as unit: ${unit}; invocation ID: ${Math.random().toString(16).slice(2, 18)}\n` });
}

/** Run the commands of every unit whose time has come (called before each simulated command). */
export function finishUnits(
  st: SimState,
  now: number,
  exec: (argv: string[], sys: Sys, stdin: Buffer) => Outcome,
  record: (e: { argv: string[]; target: string; mutated: boolean; exit: number; ms?: number }) => void,
): void {
  for (const g of Object.values(st.guests)) {
    const units = (g as WithUnits).units;
    if (!units) continue;
    for (const u of Object.values(units)) {
      if (u.state !== 'running' || now < u.endsAt) continue;
      const sys: Sys = g.type === 'lxc' ? { kind: 'ct', vmid: g.vmid } : { kind: 'vm', vmid: g.vmid };
      if (g.status !== 'running') {
        u.state = 'failed';
        u.result = 'signal';
        u.status = 15;
        continue;
      }
      u.journal = [...u.progressLines];
      const target = `${g.type === 'lxc' ? 'ct' : 'vm'}:${g.vmid}`;
      record({ argv: ['<unit>', u.name, ...u.argv], target, mutated: true, exit: u.killSignal ? 128 + u.killSignal : 0, ms: u.ms });
      if (u.killSignal) {
        u.state = 'failed';
        u.result = 'signal';
        u.status = u.killSignal;
        u.journal.push(`${u.name}: Main process exited, code=killed, status=${u.killSignal}/KILL`, `${u.name}: Failed with result 'signal'.`);
        continue;
      }
      const argv = Object.keys(u.env).length ? ['env', ...Object.entries(u.env).map(([k, v]) => `${k}=${v}`), ...u.argv] : u.argv;
      const r = exec(argv, sys, Buffer.alloc(0));
      if (r.exit !== 0) u.journal = u.progressLines.slice(0, 1);
      u.journal.push(...`${r.stdout}${r.stderr}`.split('\n').filter(Boolean));
      if (r.exit === 0) {
        u.result = 'success';
        u.status = 0;
        u.journal.push(`${u.name}: Deactivated successfully.`);
        if (u.remainAfterExit) u.state = 'exited';
        else delete units[u.name];
      } else {
        u.state = 'failed';
        u.result = 'exit-code';
        u.status = r.exit;
        u.journal.push(`${u.name}: Main process exited, code=exited, status=${r.exit}/FAILURE`, `${u.name}: Failed with result 'exit-code'.`);
      }
    }
  }
}

function unitFor(ctx: CmdCtx, name: string): SimUnit | undefined {
  const g = sysGuest(ctx);
  return g ? unitsOf(g)[norm(name)] : undefined;
}

export function isTransient(ctx: CmdCtx, name: string): boolean {
  return unitFor(ctx, name) !== undefined;
}

/** `systemctl show UNIT [-p A,B | --property=A,B]`. */
export function unitShow(args: string[], ctx: CmdCtx): Outcome {
  const props: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-p' || a === '--property') props.push(...(args[++i] ?? '').split(','));
    else if (a.startsWith('--property=')) props.push(...a.slice(11).split(','));
    else if (a === '--value') return fail(1, 'systemctl: --value is not modelled by the simulator; read Key=Value lines');
    else if (a.startsWith('-')) return fail(1, `systemctl: unrecognized option '${a}'`);
    else names.push(a);
  }
  if (names.length !== 1) return fail(1, 'systemctl show: the simulator models one unit at a time');
  const u = unitFor(ctx, names[0]!);
  const all: Record<string, string> = u
    ? {
        Id: u.name, LoadState: 'loaded',
        ActiveState: u.state === 'running' ? 'active' : u.state === 'exited' ? 'active' : 'failed',
        SubState: u.state === 'running' ? 'running' : u.state === 'exited' ? 'exited' : 'failed',
        Result: u.result ?? 'success',
        ExecMainCode: u.state === 'running' ? '0' : u.result === 'signal' ? '2' : '1',
        ExecMainStatus: String(u.status ?? 0),
      }
    : { Id: norm(names[0]!), LoadState: 'not-found', ActiveState: 'inactive', SubState: 'dead', Result: 'success', ExecMainCode: '0', ExecMainStatus: '0' };
  const keys = props.length ? props : Object.keys(all);
  return ok(keys.map((k) => `${k}=${all[k] ?? ''}\n`).join(''));
}

export function unitResetFailed(names: string[], ctx: CmdCtx): Outcome {
  const g = sysGuest(ctx);
  for (const n of names) {
    const u = unitFor(ctx, n);
    if (!u) return fail(1, `Failed to reset failed state of unit ${norm(n)}: Unit ${norm(n)} not loaded.`);
    if (u.state === 'failed' && g) delete unitsOf(g)[u.name];
  }
  return ok('', { mutated: true });
}

export function unitStop(names: string[], ctx: CmdCtx): Outcome {
  const g = sysGuest(ctx);
  for (const n of names) {
    const u = unitFor(ctx, n);
    if (u && g) delete unitsOf(g)[u.name];
  }
  return ok('', { mutated: true });
}

/** `journalctl -u UNIT [-n N] [-o cat] [--no-pager]`. */
export function journalctl(args: string[], ctx: CmdCtx): Outcome {
  let unit: string | undefined;
  let n: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-u' || a === '--unit') unit = args[++i];
    else if (a.startsWith('--unit=')) unit = a.slice(7);
    else if (a === '-n' || a === '--lines') n = Number(args[++i]);
    else if (a.startsWith('--lines=')) n = Number(a.slice(8));
    else if (a === '-o' || a === '--output') {
      if (args[++i] !== 'cat') return fail(1, 'journalctl: the simulator models only -o cat');
    } else if (a === '--no-pager' || a === '-q' || a === '--quiet' || a === '-o=cat' || a === '--output=cat') continue;
    else return fail(1, `journalctl: unrecognized option '${a}'`);
  }
  if (!unit) return fail(1, 'journalctl: the simulator models only -u UNIT');
  const u = unitFor(ctx, unit);
  if (!u) return ok('-- No entries --\n');
  let lines = u.journal;
  if (u.state === 'running') {
    const frac = Math.min(1, Math.max(0, (Date.now() - u.startedAt) / Math.max(1, u.endsAt - u.startedAt)));
    lines = u.progressLines.slice(0, Math.floor(frac * u.progressLines.length));
  }
  const shown = n === undefined ? lines : lines.slice(-n);
  return ok(shown.map((l) => `${l}\n`).join(''));
}

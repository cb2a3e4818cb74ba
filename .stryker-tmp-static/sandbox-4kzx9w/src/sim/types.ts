// @ts-nocheck
// Shared shapes of the simulator's command handlers.
import type { LatencyKey } from './latency.js';
import type { Guest, SimState } from './state.js';

export type Sys = { kind: 'host' } | { kind: 'ct'; vmid: number } | { kind: 'vm'; vmid: number };

export interface CmdCtx {
  dir: string;
  st: SimState;
  stdin: Buffer;
  env: Record<string, string | undefined>;
  sys: Sys;
  /** Epoch ms when the command started. */
  now: number;
  /** Speed divisor (NETSETUP_SIM_SPEED) for latencies stored in state (VM boot). */
  speed: number;
  /** Run a leaf command in another system (used by pct exec / qm guest exec). */
  exec: (argv: string[], sys: Sys, stdin: Buffer) => Outcome;
}

export interface Outcome {
  exit: number;
  stdout: string;
  stderr: string;
  /** The command changed the simulated host. */
  mutated: boolean;
  /** Latencies to sleep after the state lock is released. */
  latency: LatencyKey[];
  /** Journal target when not the host. */
  target?: string;
  /** Killed by this signal (no exit code), e.g. an injected SIGKILL. */
  signal?: number;
}

export type Handler = (args: string[], ctx: CmdCtx) => Outcome;

export function ok(stdout = '', opts: { mutated?: boolean; latency?: LatencyKey[]; stderr?: string } = {}): Outcome {
  return { exit: 0, stdout, stderr: opts.stderr ?? '', mutated: opts.mutated ?? false, latency: opts.latency ?? [] };
}

export function fail(exit: number, stderr: string, stdout = ''): Outcome {
  return { exit, stdout, stderr: stderr.endsWith('\n') || stderr === '' ? stderr : `${stderr}\n`, mutated: false, latency: [] };
}

export function sysGuest(ctx: CmdCtx): Guest | undefined {
  return ctx.sys.kind === 'host' ? undefined : ctx.st.guests[String(ctx.sys.vmid)];
}

export function sysVmid(sys: Sys): number | undefined {
  return sys.kind === 'host' ? undefined : sys.vmid;
}

// Running commands inside guests through the host: `pct exec` for the PMG container and the
// QEMU guest agent (`qm guest exec`) for the NixOS VMs. Works the same locally, over SSH and
// in the simulator, and needs no network path from the technician's laptop to the guests.
//
// Facts from qemu-server (src/PVE/CLI/qm.pm `exec`, src/PVE/API2/Qemu/Agent.pm `exec-status`,
// master e6352be6): `qm guest exec` waits `--timeout` seconds (default 30, 0 = no limit) and then
// prints only `{"pid": N}` ("timeout reached, returning pid" on stderr, exit 0); a process killed
// by a signal reports `signal` and no `exitcode` (qemu-ga's guest-exec-status sets exitcode only
// for a normal exit, signal only for a kill); qemu-ga caps captured output at 16 MiB per stream
// (`out-truncated`). The agent starts commands with its own service PATH, which on NixOS
// holds only coreutils, findutils, grep, sed and systemd: commands run by absolute path.
import { CommandError, type Host, type RunOptions, type RunResult } from './types.js';

/** Every NixOS system profile links its commands here. */
export const NIXOS_BIN = '/run/current-system/sw/bin';

/** The agent's PATH cannot be trusted on NixOS: give bare command names the system profile's path. */
export function nixosCommand(argv: readonly string[]): string[] {
  const [cmd, ...rest] = argv;
  if (cmd === undefined) return [];
  return [cmd.startsWith('/') ? cmd : `${NIXOS_BIN}/${cmd}`, ...rest];
}

export function ctArgv(vmid: number, argv: readonly string[]): string[] {
  return ['pct', 'exec', String(vmid), '--', ...argv];
}

export function vmArgv(vmid: number, argv: readonly string[], opts: { stdin?: boolean; timeoutS?: number } = {}): string[] {
  return ['qm', 'guest', 'exec', String(vmid), ...(opts.stdin ? ['--pass-stdin', '1'] : []), ...(opts.timeoutS ? ['--timeout', String(opts.timeoutS)] : []), '--', ...nixosCommand(argv)];
}

export async function ctRun(host: Host, vmid: number, argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return host.run(ctArgv(vmid, argv), opts);
}

export interface AgentExecResult {
  pid?: number;
  exitcode?: number;
  exited?: number | boolean;
  signal?: number;
  'out-data'?: string;
  'err-data'?: string;
  'out-truncated'?: number | boolean;
  'err-truncated'?: number | boolean;
}

/**
 * What the agent's answer means as a process result. Only a normal exit with code 0 is success:
 * a signal (no exitcode), a pid without `exited` (the wait limit passed) or truncated output are
 * failures with words.
 */
export function agentResult(parsed: AgentExecResult): RunResult {
  const out = parsed['out-data'] ?? '';
  const err = parsed['err-data'] ?? '';
  if (!parsed.exited) {
    return { exit: 124, stdout: out, stderr: `${err}still running in the guest after the agent's wait limit (pid ${parsed.pid ?? '?'})\n` };
  }
  if (parsed.signal !== undefined) {
    return { exit: 128 + Number(parsed.signal), stdout: out, stderr: `${err}killed by signal ${parsed.signal}\n` };
  }
  if (parsed.exitcode === undefined) return { exit: 125, stdout: out, stderr: `${err}the guest agent reported no exit code\n` };
  if (parsed['out-truncated'] || parsed['err-truncated']) {
    return { exit: parsed.exitcode || 1, stdout: out, stderr: `${err}output truncated by the guest agent (16 MiB per stream)\n` };
  }
  return { exit: parsed.exitcode, stdout: out, stderr: err };
}

/** Run argv inside a VM through the guest agent; the inner exit code becomes the result's. */
export async function vmRun(host: Host, vmid: number, argv: readonly string[], opts: RunOptions & { timeoutS?: number } = {}): Promise<RunResult> {
  const outer = vmArgv(vmid, argv, { stdin: opts.stdin !== undefined, timeoutS: opts.timeoutS });
  const r = await host.run(outer, { ...opts, allowFailure: true });
  const json = r.stdout.trim();
  if (r.exit !== 0 && !json.startsWith('{')) {
    if (opts.allowFailure) return r;
    throw new CommandError(outer, r, host.name);
  }
  if (!json) return r; // dry run: nothing executed
  let parsed: AgentExecResult;
  try {
    parsed = JSON.parse(json) as AgentExecResult;
  } catch {
    throw new CommandError(outer, { ...r, exit: r.exit || 1, stderr: `${r.stderr}unexpected guest agent output` }, host.name);
  }
  const agent = agentResult(parsed);
  // `qm guest exec` itself failed (cancelled by Ctrl-C, killed, timed out) although it printed a
  // result: the command counts as failed, never as a success.
  const cut = agent.exit === 0 && r.exit !== 0;
  const inner: RunResult = cut ? { exit: r.exit, stdout: agent.stdout, stderr: `${agent.stderr}${r.stderr}` } : agent;
  if (inner.exit !== 0 && !opts.allowFailure) throw new CommandError(nixosCommand(argv), inner, `${host.name} VM ${vmid}`);
  return inner;
}

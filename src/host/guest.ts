// Running commands inside guests through the host: `pct exec` for the PMG container and the
// QEMU guest agent (`qm guest exec`) for the NixOS VMs. Works the same locally, over SSH and
// in the simulator, and needs no network path from the technician's laptop to the guests.
import { CommandError, type Host, type RunOptions, type RunResult } from './types.js';

export function ctArgv(vmid: number, argv: readonly string[]): string[] {
  return ['pct', 'exec', String(vmid), '--', ...argv];
}

export function vmArgv(vmid: number, argv: readonly string[], opts: { stdin?: boolean; timeoutS?: number } = {}): string[] {
  return ['qm', 'guest', 'exec', String(vmid), ...(opts.stdin ? ['--pass-stdin', '1'] : []), ...(opts.timeoutS ? ['--timeout', String(opts.timeoutS)] : []), '--', ...argv];
}

export async function ctRun(host: Host, vmid: number, argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return host.run(ctArgv(vmid, argv), opts);
}

interface AgentExecResult {
  exitcode?: number;
  exited?: number | boolean;
  'out-data'?: string;
  'err-data'?: string;
}

/** Run argv inside a VM through the guest agent; the inner exit code becomes the result's. */
export async function vmRun(host: Host, vmid: number, argv: readonly string[], opts: RunOptions & { timeoutS?: number } = {}): Promise<RunResult> {
  const outer = vmArgv(vmid, argv, { stdin: opts.stdin !== undefined, timeoutS: opts.timeoutS });
  const r = await host.run(outer, { ...opts, allowFailure: true });
  if (r.exit !== 0 && !r.stdout.trim().startsWith('{')) {
    if (opts.allowFailure) return r;
    throw new CommandError(outer, r, host.name);
  }
  if (!r.stdout.trim()) return r; // dry run: nothing executed
  let parsed: AgentExecResult;
  try {
    parsed = JSON.parse(r.stdout) as AgentExecResult;
  } catch {
    throw new CommandError(outer, { ...r, exit: r.exit || 1, stderr: `${r.stderr}unexpected guest agent output` }, host.name);
  }
  const innerExit = parsed.exitcode ?? (parsed.exited ? 0 : 124);
  // `qm guest exec` itself failed (cancelled by Ctrl-C, killed, timed out) although it printed a
  // result: the command counts as failed, never as a success.
  const inner: RunResult = { exit: innerExit === 0 && r.exit !== 0 ? r.exit : innerExit, stdout: parsed['out-data'] ?? '', stderr: `${parsed['err-data'] ?? ''}${innerExit === 0 && r.exit !== 0 ? r.stderr : ''}` };
  if (inner.exit !== 0 && !opts.allowFailure) throw new CommandError(argv, inner, `${host.name} VM ${vmid}`);
  return inner;
}

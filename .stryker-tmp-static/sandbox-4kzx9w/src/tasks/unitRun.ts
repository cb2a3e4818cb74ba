// @ts-nocheck
// Long guest work that survives its own length: the command runs as a transient systemd unit
// (systemd-run) inside the guest, and the wizard only polls it (`systemctl show`) and reads its
// journal (`journalctl -u`). The agent's and SSH's wait limits no longer matter; an interrupted
// wizard leaves the unit running and the next run finds it by name and waits instead of
// starting the work twice. A unit killed by a signal (Result=signal) is a failure.
import { WorkError } from '../cli/errors.js';
import type { RunOptions, RunResult } from '../host/types.js';

/** Runs one command in the guest (pct exec or the guest agent). */
export type GuestExec = (argv: readonly string[], opts?: RunOptions) => Promise<RunResult>;

export interface UnitState {
  load: string;
  active: string;
  sub: string;
  result: string;
  /** 1 exited, 2 killed, 3 dumped (systemd's CLD_* codes), 0 while running. */
  code: number;
  status: number;
}

export function parseUnitShow(text: string): UnitState {
  const kv = Object.fromEntries(text.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).trim()]));
  return {
    load: kv.LoadState ?? 'not-found',
    active: kv.ActiveState ?? 'inactive',
    sub: kv.SubState ?? 'dead',
    result: kv.Result ?? 'success',
    code: Number(kv.ExecMainCode ?? 0),
    status: Number(kv.ExecMainStatus ?? 0),
  };
}

export async function unitState(exec: GuestExec, unit: string): Promise<UnitState> {
  const r = await exec(['systemctl', 'show', unit, '-p', 'LoadState,ActiveState,SubState,Result,ExecMainCode,ExecMainStatus'], { readOnly: true, allowFailure: true });
  return parseUnitShow(r.exit === 0 ? r.stdout : '');
}

export const isRunning = (s: UnitState) => s.active === 'active' ? s.sub !== 'exited' : s.active === 'activating' || s.active === 'reloading' || s.active === 'deactivating';
export const succeeded = (s: UnitState) => s.active === 'active' && s.sub === 'exited' && s.result === 'success';
export const hasFailed = (s: UnitState) => s.active === 'failed' || (s.load === 'loaded' && s.result !== 'success');

export function describeFailure(s: UnitState): string {
  if (s.result === 'signal' || s.code === 2 || s.code === 3) return `killed by signal ${s.status}`;
  if (s.result === 'exit-code') return `exit status ${s.status}`;
  return `result ${s.result} (status ${s.status})`;
}

export interface UnitWork {
  exec: GuestExec;
  unit: string;
  description: string;
  argv: string[];
  env?: Record<string, string>;
  /** What the user reads: "nixos-rebuild switch on mail-lib". */
  what: string;
  signal: AbortSignal;
  dryRun: boolean;
  pollMinMs: number;
  limitMs: number;
  /** Shown in the task while the unit runs (its journal's last line, or a progress bar). */
  onProgress: (journalTail: string) => void;
  /** Read the whole journal each poll (for progress counting) instead of its last line. */
  fullJournal?: boolean;
}

/** Start the unit unless it already runs or ran; wait for it; throw on failure. */
export async function runUnit(w: UnitWork): Promise<'started' | 'joined' | 'already done'> {
  let s = await unitState(w.exec, w.unit);
  let how: 'started' | 'joined' | 'already done' = 'started';
  if (succeeded(s)) return 'already done';
  if (isRunning(s)) {
    how = 'joined';
    w.onProgress(`${w.unit} is already running (an earlier run started it); waiting for it`);
  } else {
    if (hasFailed(s) || s.load === 'loaded') await w.exec(['systemctl', 'reset-failed', w.unit], { allowFailure: true, label: `forget the failed ${w.unit}` });
    await w.exec(
      [
        'systemd-run', `--unit=${w.unit}`, `--description=${w.description}`, '--remain-after-exit', '--quiet',
        ...Object.entries(w.env ?? {}).map(([k, v]) => `--setenv=${k}=${v}`),
        '--', ...w.argv,
      ],
      { label: `start ${w.what} as ${w.unit}` },
    );
    if (w.dryRun) return 'started';
  }
  const start = Date.now();
  for (;;) {
    s = await unitState(w.exec, w.unit);
    const journal = await w.exec(['journalctl', '-u', w.unit, ...(w.fullJournal ? [] : ['-n', '1']), '-o', 'cat', '--no-pager'], { readOnly: true, allowFailure: true });
    const text = journal.stdout.trimEnd();
    if (text && text !== '-- No entries --') w.onProgress(w.fullJournal ? text : text.split('\n').pop()!.slice(0, 200));
    if (succeeded(s)) return how;
    if (hasFailed(s) || (!isRunning(s) && s.load === 'not-found')) {
      const tail = await w.exec(['journalctl', '-u', w.unit, '-n', '20', '-o', 'cat', '--no-pager'], { readOnly: true, allowFailure: true });
      const why = s.load === 'not-found' ? 'the unit disappeared without a result' : describeFailure(s);
      throw new WorkError(`${w.what} failed: ${why} (unit ${w.unit})`, {
        stderrTail: tail.stdout.trimEnd().split('\n').slice(-12).join('\n'),
        advice: 'Read the lines above (journalctl -u ' + w.unit + ' in the guest has them all), fix the cause, then run the same command again: the failed unit is reset and started once more.',
      });
    }
    const elapsed = Date.now() - start;
    if (elapsed > w.limitMs) {
      throw new WorkError(`${w.what} is still running after ${Math.round(elapsed / 60_000)} min (unit ${w.unit})`, {
        advice: 'It keeps running in the guest. Run the same command again later: it waits for the running unit instead of starting another.',
      });
    }
    if (w.signal.aborted) throw new Error('interrupted');
    await new Promise((r) => setTimeout(r, Math.min(5000, Math.max(w.pollMinMs, elapsed * 0.05))));
  }
}

/** Stop (unload) a unit that finished and whose result has been recorded. */
export async function forgetUnit(exec: GuestExec, unit: string): Promise<void> {
  await exec(['systemctl', 'stop', unit], { allowFailure: true, label: `unload the finished ${unit}` });
}

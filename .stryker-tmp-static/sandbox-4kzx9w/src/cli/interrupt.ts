// @ts-nocheck
// The one owner of SIGINT for the whole process. Nothing else (listr2, Ink, readline, a command)
// may decide what Ctrl-C means:
// - while work is under way (a `withInterrupt` region: a task list, the live checks), the first
//   Ctrl-C aborts the region's signal. Running commands are cancelled and count as failed, no
//   new command starts, and the work ends at the next step boundary with an InterruptedError
//   (exit 130) that says what was done and that running the same command again resumes.
//   A second Ctrl-C stops at once.
// - anywhere else (reading answers, an interview, between actions) nothing is being changed,
//   so the process ends at once with exit 130.
import { EXIT, InterruptedError } from './errors.js';

let owner: { stderr: NodeJS.WritableStream } | undefined;
let presses = 0;
const regions = new Set<AbortController>();

function onSigint(): void {
  presses++;
  const stderr = owner?.stderr ?? process.stderr;
  if (regions.size > 0 && presses === 1) {
    stderr.write('\nCtrl-C: stopping. The running command is cancelled and no further step starts (press Ctrl-C again to stop at once)…\n');
    for (const c of regions) c.abort(new InterruptedError('interrupted'));
    return;
  }
  stderr.write(
    regions.size > 0
      ? '\nnetsetup-wizard: stopped at once by a second Ctrl-C. Nothing already created was removed; run the same command again to resume.\n'
      : '\nnetsetup-wizard: interrupted (no change was under way).\n',
  );
  process.exit(EXIT.interrupted);
}

/** Called once by the CLI entry point. Tests that import commands directly do not install it. */
export function installInterruptOwner(stderr: NodeJS.WritableStream = process.stderr): void {
  if (owner) return;
  owner = { stderr };
  process.on('SIGINT', onSigint);
}

export function interruptOwnerInstalled(): boolean {
  return owner !== undefined;
}

/**
 * Run `work` as a region that Ctrl-C stops gracefully: `signal` aborts on the first Ctrl-C.
 * Without the CLI's owner (a test calling a command in-process) the region listens itself.
 */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const local = owner ? undefined : () => controller.abort(new InterruptedError('interrupted'));
  if (local) process.on('SIGINT', local);
  regions.add(controller);
  try {
    return await work(controller.signal);
  } finally {
    regions.delete(controller);
    if (local) process.off('SIGINT', local);
  }
}

/** Throw the InterruptedError a step boundary raises once Ctrl-C was pressed. */
export function throwIfInterrupted(signal: AbortSignal | undefined, where?: string): void {
  if (signal?.aborted) throw new InterruptedError(where ? `interrupted before ${where}` : 'interrupted');
}

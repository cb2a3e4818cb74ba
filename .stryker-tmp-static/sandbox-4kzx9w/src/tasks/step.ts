// @ts-nocheck
// A provisioning step: a named check that asks the real host whether the work is already done
// (its answer is the skip reason shown to the user), and the work itself.
import type { ListrTask, ListrTaskWrapper, ListrDefaultRenderer, ListrSimpleRenderer } from 'listr2';
import type { RunOptions } from '../host/types.js';
import type { InstallCtx } from './context.js';
import { throwIfInterrupted } from '../cli/interrupt.js';

export type TaskWrapper = ListrTaskWrapper<InstallCtx, ListrDefaultRenderer, ListrSimpleRenderer>;

export interface StepSpec {
  title: string;
  /** Return why the step is not needed ("already installed"), or false to run it. */
  done?: (ctx: InstallCtx) => Promise<string | false>;
  run: (ctx: InstallCtx, task: TaskWrapper) => Promise<void>;
  /** Checks that only make sense after real work (waits, service probes) are skipped in a dry run. */
  verifyOnly?: boolean;
}

export function step(spec: StepSpec): ListrTask<InstallCtx> {
  return {
    title: spec.title,
    skip: async (ctx) => {
      // A step boundary: after Ctrl-C no further step starts. The task itself raises the
      // interruption (listr2 shows a failure thrown there, not one thrown from skip).
      if (ctx.signal.aborted) return false;
      if (spec.verifyOnly && ctx.dryRun) return 'checked after provisioning (dry run)';
      if (!spec.done) return false;
      let reason: string | false;
      try {
        reason = await spec.done(ctx);
      } catch (e) {
        if (ctx.signal.aborted) return false;
        throw e;
      }
      if (reason) ctx.skipped.push(spec.title);
      return reason || false;
    },
    task: async (ctx, task) => {
      try {
        throwIfInterrupted(ctx.signal, `"${spec.title}"`);
        await spec.run(ctx, task as TaskWrapper);
      } catch (e) {
        ctx.failures.push({ step: spec.title, error: e });
        throw e;
      }
      if (!spec.verifyOnly) ctx.changed.push(spec.title);
    },
  };
}

/** Run options that stream a command's output into the task (never straight to the terminal). */
export function streamTo(ctx: InstallCtx, task: TaskWrapper, label: string, extra: RunOptions = {}): RunOptions {
  return {
    label,
    signal: ctx.signal,
    onOutput: (chunk) => {
      const last = chunk.trimEnd().split('\n').pop();
      if (last) task.output = last.slice(0, 200);
    },
    ...extra,
  };
}

/** Poll `probe` until it returns true, with a delay that grows with elapsed time (≤ 10 % overshoot). */
export async function waitFor(ctx: InstallCtx, what: string, probe: () => Promise<boolean>): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (await probe()) return;
    const elapsed = Date.now() - start;
    if (elapsed > ctx.waitLimitMs) throw new Error(`gave up waiting for ${what} after ${Math.round(elapsed / 1000)} s`);
    throwIfInterrupted(ctx.signal, `the wait for ${what} ended`);
    const delay = Math.min(2000, Math.max(ctx.pollMinMs, elapsed * 0.08));
    await new Promise((r) => setTimeout(r, delay));
  }
}

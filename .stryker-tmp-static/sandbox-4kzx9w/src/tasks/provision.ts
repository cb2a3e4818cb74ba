// @ts-nocheck
// Runs the install task list against a host and reports: the dry-run plan, or the records and
// a summary. One owner for Ctrl-C: an AbortController that cancels running commands; every
// step re-checks the host on the next run, so an interrupted run resumes.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderHandover } from '../render/handover.js';
import { buildState } from './siteState.js';
import type { Io } from '../cli/main.js';
import { InterruptedError, WorkError } from '../cli/errors.js';
import { DryRunHost } from '../host/dryRun.js';
import { Log, LoggedHost } from '../host/logged.js';
import { CommandError, type Host } from '../host/types.js';
import { withRunLock } from '../host/runLock.js';
import { redact } from '../plan/secrets.js';
import type { Plan } from '../plan/types.js';
import { renderDryRun } from '../render/dryRunPlan.js';
import { buildRecords, recordAdvice } from '../render/records.js';
import { formatRecords } from '../render/recordsFormat.js';
import { newInstallCtx, withInterrupt, type InstallCtx, type SiteFile } from './context.js';
import { getRenderer } from './getRenderer.js';
import { buildInstallList } from './installTasks.js';

export interface ProvisionOptions {
  plan: Plan;
  /** Builds the files the VMs get, once preflight has accepted the host (it may create keys there). */
  siteFiles: (host: Host) => Promise<SiteFile[]>;
  host: Host;
  hostDescription: string;
  dryRun: boolean;
  verbose: boolean;
  logPath?: string;
  secrets: () => string[];
  io: Io;
  /** What the run lock says this run is (default: install). */
  command?: string;
}

export function defaultLogPath(env: NodeJS.ProcessEnv, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return join(env.NETSETUP_LOG_DIR ?? process.cwd(), `netsetup-${stamp}.log`);
}

function newCtx(o: ProvisionOptions, host: Host, signal: AbortSignal): InstallCtx {
  return { ...newInstallCtx({ plan: o.plan, host, dryRun: o.dryRun, signal, siteFiles: [], env: o.io.env }), prepareSiteFiles: o.siteFiles };
}

/** A failed step → one clear message: step, target, the command's last stderr lines, log path. */
export function toWorkError(ctx: InstallCtx, e: unknown, logPath: string, secrets: readonly string[]): WorkError {
  if (e instanceof WorkError) return new WorkError(redact(e.message, secrets), { ...e.details, logPath });
  const failure = ctx.failures[0];
  const err = failure?.error ?? e;
  if (err instanceof CommandError) {
    const tail = (err.result.stderr || err.result.stdout).trimEnd().split('\n').slice(-8).join('\n');
    return new WorkError(redact(`${err.argv.join(' ').slice(0, 160)} exited with ${err.result.exit}`, secrets), {
      step: failure?.step,
      target: err.hostName,
      stderrTail: redact(tail, secrets),
      logPath,
    });
  }
  if (err instanceof WorkError) return new WorkError(redact(err.message, secrets), { ...err.details, step: err.details.step ?? failure?.step, logPath });
  return new WorkError(redact(err instanceof Error ? err.message : String(err), secrets), { step: failure?.step, logPath });
}

/** Ctrl-C → what was done, what was cut short, and how to resume (exit 130). */
export function interruptedError(ctx: InstallCtx, logPath: string, resume: string): InterruptedError {
  const done = ctx.changed.length ? ctx.changed.map((s) => `  - ${s}`).join('\n') : '  (nothing changed yet)';
  const cut = [...new Set(ctx.failures.map((f) => f.step))];
  return new InterruptedError(
    [
      `interrupted by Ctrl-C. Done before it stopped (${ctx.changed.length} changed, ${ctx.skipped.length} already done):`,
      done,
      ...(cut.length ? [`Cut short (counts as not done): ${cut.join('; ')}`] : []),
      `Nothing already created was removed. ${resume} Log: ${logPath}`,
    ].join('\n'),
  );
}

/** The handover checklist next to the log, as HTML for printing (records not yet verified). */
function writeHandover(plan: Plan, ctx: InstallCtx, logPath: string): string {
  const file = join(dirname(logPath), `netsetup-handover-${plan.domain}.html`);
  const state = buildState(plan, ctx.facts?.pveVersion ?? '?');
  writeFileSync(file, renderHandover(state, undefined, 'html', { plan }), { mode: 0o600 });
  return file;
}

export async function provision(o: ProvisionOptions): Promise<number> {
  const { io } = o;
  return withInterrupt(async (signal) => {
    if (o.dryRun) {
      const dry = new DryRunHost(o.host);
      const ctx = newCtx(o, dry, signal);
      await buildInstallList(ctx, 'silent', io.stderr).run();
      const b = ctx.facts?.builder;
      io.stdout.write(renderDryRun(o.plan, dry.actions, o.secrets(), o.hostDescription, b ? { [b.vmid]: `nixbuild-${o.plan.serial} (throwaway NixOS image builder, container ${b.vmid})` } : {}));
      // The plan's commands as argv lists (no file contents, no stdin), for tools that check them
      // against Proxmox's schemas: NETSETUP_PLAN_ARGV=FILE.
      const argvFile = io.env.NETSETUP_PLAN_ARGV;
      if (argvFile) writeFileSync(argvFile, `${JSON.stringify(dry.actions.filter((a) => a.kind === 'run').map((a) => a.argv))}\n`, { mode: 0o600 });
      io.stdout.write(`\n${formatRecords(buildRecords(o.plan), 'table', { domain: o.plan.domain, advice: recordAdvice(o.plan) })}`);
      return 0;
    }
    // One run at a time on the host: taken before anything is read for the work or written.
    return withRunLock(o.host, { command: `${o.command ?? 'install'} ${o.plan.domain}`, say: (l) => io.stderr.write(`${l}\n`) }, async () => {
      const logPath = o.logPath ?? defaultLogPath(io.env);
      const generated: string[] = [];
      const log = new Log(logPath, () => [...o.secrets(), ...generated]);
      log.write(`netsetup-wizard install for ${o.plan.domain} on ${o.hostDescription}`);
      const host = new LoggedHost(o.host, log);
      const ctx = newCtx(o, host, signal);
      ctx.extraSecrets = generated;
      const renderer = getRenderer({ isTTY: Boolean(io.stderr.isTTY), verbose: o.verbose, env: io.env });
      io.stderr.write(`Provisioning ${o.plan.domain} on ${o.hostDescription}\nLog: ${logPath}\n`);
      try {
        await buildInstallList(ctx, renderer, io.stderr).run();
      } catch (e) {
        if (signal.aborted || e instanceof InterruptedError) {
          const ie = interruptedError(ctx, logPath, 'Run the same command again to resume: every step asks the host first.');
          log.write(`INTERRUPTED: ${ie.message}`);
          throw ie;
        }
        const we = toWorkError(ctx, e, logPath, o.secrets());
        log.write(`FAILED: ${we.message}`);
        throw we;
      }
      log.write(`done: ${ctx.changed.length} steps changed, ${ctx.skipped.length} already done`);
      io.stdout.write(formatRecords(buildRecords(o.plan), 'table', { domain: o.plan.domain, advice: recordAdvice(o.plan) }));
      const handover = writeHandover(o.plan, ctx, logPath);
      io.stderr.write(`\nDone: ${ctx.changed.length} steps changed something, ${ctx.skipped.length} were already done.\nHandover checklist: ${handover} (print it and leave it on site; netsetup-wizard handover prints it again)\nLog: ${logPath}\n`);
      return 0;
    });
  });
}

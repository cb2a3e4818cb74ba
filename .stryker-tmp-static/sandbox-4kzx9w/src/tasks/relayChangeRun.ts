// @ts-nocheck
// Runs a relay change against a host: the dry-run plan, or the change with a log, one owner for
// Ctrl-C and the same error mapping as the install; then the new SPF and the DNS records that
// must change. The relay password reaches the mail VM only through stdin, as a root-only file.
import type { Io } from '../cli/main.js';
import { InterruptedError, WorkError } from '../cli/errors.js';
import { DryRunHost } from '../host/dryRun.js';
import { Log, LoggedHost } from '../host/logged.js';
import type { Host } from '../host/types.js';
import { withRunLock } from '../host/runLock.js';
import { renderDryRun } from '../render/dryRunPlan.js';
import { recordAdvice } from '../render/records.js';
import { renderRelaySasl } from '../render/siteConfig.js';
import { previewLines, relayPreview, sitePlan, type RelayChange } from '../site/relayChange.js';
import { newInstallCtx, withInterrupt, type InstallCtx } from './context.js';
import { getRenderer } from './getRenderer.js';
import { defaultLogPath, interruptedError, toWorkError } from './provision.js';
import { buildRelayChangeList } from './relayChangeTasks.js';
import { readState, type SiteState } from './siteState.js';

export interface RelayChangeOptions {
  state: SiteState;
  change: RelayChange;
  /** The relay password (typed, from the answers file or its passwordFile); absent for no login. */
  password?: string;
  host: Host;
  hostDescription: string;
  dryRun: boolean;
  verbose: boolean;
  logPath?: string;
  io: Io;
}

export interface RelayChangeOutcome {
  code: number;
  changed: string[];
  logPath?: string;
}

/** The SASL map for the change: `[host]:port user:password`, a comment for no login, '' for no relay. */
export function saslFor(o: Pick<RelayChangeOptions, 'state' | 'change' | 'password'>): string {
  const relay = sitePlan(o.state, o.change).relay;
  if (!relay) return '';
  return renderRelaySasl(relay.host, relay.port, relay.user, relay.user === undefined ? undefined : o.password ?? '');
}

function newCtx(o: RelayChangeOptions, host: Host, signal: AbortSignal): InstallCtx {
  return newInstallCtx({ plan: sitePlan(o.state, o.change), host, dryRun: o.dryRun, signal, siteFiles: [], env: o.io.env });
}

/** What to publish now: the new SPF first, then every other record that changes. */
export function resultLines(o: Pick<RelayChangeOptions, 'state' | 'change'>): string[] {
  const preview = relayPreview(o.state, o.change);
  const plan = sitePlan(o.state, o.change);
  const out = [`New SPF record (TXT ${plan.domain}): ${preview.after.spf}`, ...previewLines(preview).slice(previewLines(preview).findIndex((l) => l.startsWith('At the DNS provider') || l.startsWith('No DNS record')))];
  const advice = recordAdvice(plan);
  if (advice.length) out.push('', ...advice);
  return out;
}

export async function runRelayChange(o: RelayChangeOptions): Promise<RelayChangeOutcome> {
  const { io } = o;
  const secrets = () => (o.password && o.password.length >= 3 ? [o.password] : []);
  const sasl = saslFor(o);
  return withInterrupt(async (signal) => {
    if (o.dryRun) {
      const dry = new DryRunHost(o.host);
      const ctx = newCtx(o, dry, signal);
      await buildRelayChangeList(ctx, o.state, sasl, 'silent', io.stderr).run();
      io.stdout.write(renderDryRun(ctx.plan, dry.actions, secrets(), o.hostDescription));
      return { code: 0, changed: [] };
    }
    return withRunLock(o.host, { command: `relay change ${o.state.domain}`, say: (l) => io.stderr.write(`${l}\n`) }, async () => {
      // The change was worked out from the state as it was read (the menu reads it before the
      // lock is taken): if another run has saved a newer one since, this change is out of date.
      const now = await readState(o.host);
      if (now && now.updatedAt !== o.state.updatedAt) {
        throw new WorkError(`the site state changed while this relay change was being prepared (saved ${now.updatedAt} by another run); nothing was changed`, { advice: 'Start the relay change again: it then starts from the current state.' });
      }
      const logPath = o.logPath ?? defaultLogPath(io.env);
      const log = new Log(logPath, secrets);
      log.write(`netsetup-wizard relay for ${o.state.domain} on ${o.hostDescription}: ${o.change.mode}`);
      const ctx = newCtx(o, new LoggedHost(o.host, log), signal);
      const renderer = getRenderer({ isTTY: Boolean(io.stderr.isTTY), verbose: o.verbose, env: io.env });
      io.stderr.write(`Changing the outbound relay of ${o.state.domain} on ${o.hostDescription}\nLog: ${logPath}\n`);
      try {
        await buildRelayChangeList(ctx, o.state, sasl, renderer, io.stderr).run();
      } catch (e) {
        if (signal.aborted || e instanceof InterruptedError) {
          const ie = interruptedError(ctx, logPath, 'Run the same command again to resume and finish the change.');
          log.write(`INTERRUPTED: ${ie.message}`);
          throw ie;
        }
        const we = toWorkError(ctx, e, logPath, secrets());
        log.write(`FAILED: ${we.message}`);
        throw we;
      }
      log.write(`done: ${ctx.changed.length} steps changed, ${ctx.skipped.length} already done`);
      io.stdout.write(`${resultLines(o).join('\n')}\n`);
      io.stderr.write(`\nDone: ${ctx.changed.length} steps changed something, ${ctx.skipped.length} were already done.\nLog: ${logPath}\n`);
      return { code: 0, changed: ctx.changed, logPath };
    });
  });
}

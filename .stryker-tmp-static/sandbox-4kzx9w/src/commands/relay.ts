// @ts-nocheck
// `netsetup-wizard relay [--answers FILE] [--yes] [--host TARGET] [--dry-run]`: change the
// outbound relay of a provisioned site. FILE holds a relay: section, or mode: standalone.
// Only the mail VM and the site state change.
import { askLine } from '../cli/askLine.js';
import type { ParsedArgs } from '../cli/args.js';
import type { Io } from '../cli/main.js';
import { EXIT, InterruptedError, UsageError, WorkError } from '../cli/errors.js';
import { runSiteChecks, endpointsFromEnv } from '../checks/index.js';
import { resolveHost } from '../host/resolve.js';
import { withRunLock } from '../host/runLock.js';
import { readAnswersData } from '../schema/load.js';
import type { Answers } from '../schema/answers.js';
import { readPasswordFiles } from '../schema/secretFile.js';
import { parseRelayChange, previewLines, relayPreview, type RelayChange } from '../site/relayChange.js';
import { checksReport, relayChangeDeps } from '../site/siteChecks.js';
import { STATE_FILE } from '../tasks/context.js';
import { runRelayChange } from '../tasks/relayChangeRun.js';
import { readState, type SiteState } from '../tasks/siteState.js';
import { secretFileReader } from './install.js';

async function changeFromFile(file: string, state: SiteState): Promise<RelayChange> {
  const a = state.answers as Partial<Answers>;
  const change = parseRelayChange(await readAnswersData(file), file, { domain: state.domain, serial: state.serial, ...(a.network ? { network: a.network } : {}), ...(a.publicIp ? { publicIp: a.publicIp } : {}) });
  // The password file is checked with the rest of the file, before anything runs (dry run too).
  if (change.mode === 'smarthost' && change.relay.passwordFile) readPasswordFiles([{ path: 'relay.passwordFile', file: change.relay.passwordFile, min: 3 }], file);
  return change;
}

async function confirm(io: Io, question: string): Promise<boolean> {
  return /^y(es)?$/i.test((await askLine(io.stdin, io.stderr, question)).trim());
}

export async function runRelay(args: ParsedArgs, io: Io): Promise<number> {
  const say = (line: string) => io.stderr.write(`${line}\n`);
  if (!args.answers) {
    if (args.yes) throw new UsageError('--yes needs --answers FILE: there is nobody to ask', 'netsetup-wizard relay --help');
    const { assertInteractive } = await import('../interview/assertInteractive.js');
    assertInteractive(io.stdin, io.stderr, io.env);
  }
  const resolved = await resolveHost(args.host, { dryRun: args.dryRun, env: io.env, say, yes: args.yes, term: { stdin: io.stdin, stderr: io.stderr } });
  try {
    // The run lock covers reading the state, deciding and applying: the change is computed from
    // the state no other run can change meanwhile. A dry run changes nothing and takes none.
    const work = async (): Promise<number> => {
      const state = await readState(resolved.host);
      if (!state) {
        throw new WorkError(`there is no provisioned site on ${resolved.description} (${STATE_FILE} is missing)`, {
          advice: 'Provision it first (netsetup-wizard install), or run netsetup-wizard to see what is there and repair it.',
        });
      }
      let change: RelayChange;
      if (args.answers) {
        change = await changeFromFile(args.answers, state);
        say(`Checking the site's network (port 25, public IP, PTR)…`);
        const checks = await runSiteChecks({ endpoints: endpointsFromEnv(io.env), domain: state.domain, publicIp: (state.answers as { publicIp?: string }).publicIp });
        say(checksReport(checks, state, change.mode).join('\n'));
        say(`\n${previewLines(relayPreview(state, change)).join('\n')}\n`);
        if (!args.yes && !args.dryRun) {
          if (!io.stdin.isTTY) throw new UsageError('the relay change needs a confirmation', 'pass --yes to apply it without asking (or --dry-run to see the commands)');
          if (!(await confirm(io, 'Apply this change to the mail VM? [y/N] '))) throw new InterruptedError('relay change cancelled; nothing was changed');
        }
      } else {
        const { runRelayChangeApp } = await import('../screens/RelayChangeApp.js');
        const r = await runRelayChangeApp(state, relayChangeDeps(io.env), { stdin: io.stdin, stdout: io.stderr, stderr: io.stderr });
        if (r.kind !== 'change') throw new InterruptedError('relay change cancelled; nothing was changed');
        change = r.change;
      }
      const relay = change.mode === 'smarthost' ? change.relay : undefined;
      const reader = secretFileReader();
      const password = relay?.password ?? (relay?.passwordFile ? (args.dryRun ? '(read at change time)' : reader.read(relay.passwordFile)) : undefined);
      const out = await runRelayChange({ state, change, ...(password !== undefined ? { password } : {}), host: resolved.host, hostDescription: resolved.description, dryRun: args.dryRun, verbose: args.verbose, ...(args.log ? { logPath: args.log } : {}), io });
      return out.code;
    };
    return args.dryRun ? await work() : await withRunLock(resolved.host, { command: 'relay change', say }, work);
  } finally {
    await resolved.host.close();
  }
}

export { EXIT };

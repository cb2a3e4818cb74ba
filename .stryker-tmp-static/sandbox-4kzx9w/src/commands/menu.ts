// @ts-nocheck
// `netsetup-wizard` with no command: on a host with a site (state file or guests tagged
// netsetup), the re-run menu; on a host without one, the install interview. Needs a terminal.
import type { ParsedArgs } from '../cli/args.js';
import type { Io } from '../cli/main.js';
import { UsageError } from '../cli/errors.js';
import { resolveHost } from '../host/resolve.js';
import type { Answers } from '../schema/answers.js';
import { loadSite } from '../site/loadSite.js';
import { relayChangeDeps } from '../site/siteChecks.js';
import { repairSite } from '../site/repair.js';
import { runRelayChange } from '../tasks/relayChangeRun.js';
import type { SiteState } from '../tasks/siteState.js';

const SUBCOMMANDS = 'netsetup-wizard install --answers FILE --yes (install or repair), relay --answers FILE --yes, checks [--records], records --answers FILE, handover';

function assertTerminal(io: Io): void {
  const why = !io.stdin.isTTY ? 'standard input is not a terminal' : !io.stderr.isTTY ? 'the output is not a terminal' : io.env.CI ? 'the CI variable is set' : undefined;
  if (why) throw new UsageError(`the menu needs an interactive terminal (${why})`, `use the subcommands instead: ${SUBCOMMANDS}`);
}

export async function runMenu(args: ParsedArgs, io: Io): Promise<number> {
  assertTerminal(io);
  const say = (line: string) => io.stderr.write(`${line}\n`);
  const resolved = await resolveHost(args.host, { dryRun: false, env: io.env, say, term: { stdin: io.stdin, stderr: io.stderr } });
  const { runMenuLoop } = await import('../screens/MenuLoop.js');
  try {
    return await runMenuLoop({
      term: { stdin: io.stdin, stdout: io.stderr, stderr: io.stderr },
      pause: async () => {
        const { askLine } = await import('../cli/askLine.js');
        await askLine(io.stdin, io.stderr, '\nPress Enter to return to the menu… ');
      },
      loadSite: async () => {
        say(`Reading the site on ${resolved.description}…`);
        return loadSite(resolved.host);
      },
      relay: relayChangeDeps(io.env),
      applyRelay: async (state: SiteState, change) => {
        // The menu only takes a typed password; a passwordFile is for `relay --answers FILE`.
        const password = change.mode === 'smarthost' ? change.relay.password : undefined;
        const r = await runRelayChange({ state, change, ...(password !== undefined ? { password } : {}), host: resolved.host, hostDescription: resolved.description, dryRun: false, verbose: args.verbose, ...(args.log ? { logPath: args.log } : {}), io });
        return `Relay changed (${r.changed.length ? r.changed.join(', ') : 'nothing needed changing'}). Publish the records printed above.`;
      },
      repair: async (state: SiteState, answers: Answers) => {
        await repairSite(answers, { ...(state.decision ? { decision: state.decision } : {}), host: resolved.host, hostDescription: resolved.description, verbose: args.verbose, ...(args.log ? { logPath: args.log } : {}), io });
        return 'Repair finished: every step checked; see the summary above.';
      },
      install: async () => {
        say(`No site on ${resolved.description} yet: starting the install interview.`);
        const { runInstall } = await import('./install.js');
        return runInstall({ ...args, command: 'install' }, io);
      },
      // Part 3 of issue 5 (src/verify): the records of the site, asked of public resolvers.
      verify: async (state) => {
        if (!state) return 'No site state file: nothing to verify against.';
        const { planFromState, verifyConfigFromEnv, verifyDisabled, verifySite } = await import('../verify/index.js');
        const { formatVerifyReport } = await import('../verify/format.js');
        if (verifyDisabled(io.env)) {
          const { buildRecords } = await import('../render/records.js');
          const { formatRecords } = await import('../render/recordsFormat.js');
          const plan = planFromState(state);
          io.stdout.write(formatRecords(buildRecords(plan), 'table', { domain: plan.domain }));
          return 'DNS not verified: NETSETUP_VERIFY_RESOLVERS=off (the records the site needs are listed above).';
        }
        const report = await verifySite(planFromState(state), verifyConfigFromEnv(io.env));
        io.stdout.write(formatVerifyReport(report));
        return report.ok ? 'DNS verified: every required record is right.' : 'DNS verified: some records need work (listed above).';
      },
      // Part 4 (handover checklist): runs the `handover` command for this host.
      handover: async () => {
        const { runHandover } = await import('./handover.js');
        try {
          await runHandover({ ...args, command: 'handover', format: 'text' }, io);
          return 'Handover checklist printed above.';
        } catch (e) {
          return `Handover checklist: ${e instanceof Error ? e.message : String(e)}`;
        }
      },
    });
  } finally {
    await resolved.host.close();
  }
}

// @ts-nocheck
// `netsetup-wizard checks [--answers FILE] [--json]`: the live site checks (public IP, outbound
// port 25, PTR). Results on stdout, progress on stderr. Plain text only: no ink, react or listr2.
// `--records` hands over to the live DNS verification (src/verify/command.ts).
import type { ParsedArgs } from '../cli/args.js';
import type { Io } from '../cli/main.js';
import { EXIT, InterruptedError, UsageError } from '../cli/errors.js';
import { describeChecks, endpointsFromEnv, runSiteChecks } from '../checks/index.js';
import type { CheckName, CheckResults } from '../checks/types.js';
import { recommend } from '../plan/decide.js';

const LABEL: Record<CheckName, string> = { publicIp: 'public IP', port25: 'outbound port 25', ptr: 'reverse DNS (PTR)' };

/** Nothing could be learned: no echo answered and port 25 could not even be tried. */
export function checksCouldNotRun(r: CheckResults): boolean {
  return r.publicIp.status === 'failed' && (r.port25.status === 'no-dns' || r.port25.status === 'no-network');
}

export async function runChecks(args: ParsedArgs, io: Io): Promise<number> {
  if (args.records) return (await import('../verify/command.js')).runVerifyRecords(args, io);
  if (args.host !== undefined && args.host !== 'local') {
    throw new UsageError('the checks test the network of the machine they run on; --host is not supported for checks', 'run netsetup-wizard checks on the site host itself');
  }
  const endpoints = endpointsFromEnv(io.env);
  // The schema (zod, yaml) loads only when an answers file is given.
  const answers = args.answers ? await (await import('../schema/load.js')).loadAnswersFile(args.answers) : undefined;

  const { withInterrupt } = await import('../cli/interrupt.js');
  // Read-only work: Ctrl-C cancels the probes and ends with exit 130.
  const results: CheckResults = await withInterrupt(async (signal) => {
    const stopped = () => new InterruptedError('checks interrupted by Ctrl-C; nothing was changed');
    const r = await runSiteChecks({
      domain: answers?.domain,
      publicIp: answers?.publicIp,
      endpoints,
      signal,
      onProgress: (name, state) => {
        if (state === 'running') io.stderr.write(`checking ${LABEL[name]}…\n`);
      },
    }).catch((e: unknown) => {
      throw signal.aborted ? stopped() : e;
    });
    if (signal.aborted) throw stopped();
    return r;
  });

  if (args.json) {
    io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    const lines = describeChecks(results);
    if (answers) {
      const d = answers.decision;
      const rec = recommend(results, { highVolume: d?.highVolume ?? false, thirdPartyAllowed: d?.thirdPartyAllowed ?? true, staticIp: answers.publicIp !== undefined }, answers.domain);
      lines.push('', `Recommendation: ${rec.mode === 'standalone' ? 'standalone (direct MX delivery)' : 'smarthost (relay)'}${rec.mode === answers.mode ? '' : ` — the answers file says ${answers.mode}`}`);
      for (const r of rec.reasons) lines.push(`  - ${r}`);
      if (rec.risks.length) lines.push('  Risks:', ...rec.risks.map((r) => `  - ${r}`));
    } else {
      lines.push('', 'For a recommendation (standalone or smarthost) and the PTR comparison with mail.<domain>, pass --answers FILE.');
    }
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  if (checksCouldNotRun(results)) {
    io.stderr.write('netsetup-wizard: the checks could not run: no echo service answered and port 25 could not be tried (no DNS or no network). Fix the network and run the checks again.\n');
    return EXIT.failure;
  }
  return EXIT.ok;
}

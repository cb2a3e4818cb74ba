// @ts-nocheck
// `netsetup-wizard install`: answers (file or interview) → plan → dry run or provisioning.
// Everything heavy is imported when needed, so the interview's first frame comes quickly.
import { readSecretFile } from '../schema/secretFile.js';
import type { ParsedArgs } from '../cli/args.js';
import type { Io } from '../cli/main.js';
import { EXIT, InputError, InterruptedError, UsageError } from '../cli/errors.js';
import type { Answers } from '../schema/answers.js';
import type { CheckResults } from '../checks/types.js';
import type { Decision } from '../plan/types.js';
import type { Host } from '../host/types.js';
import { hostTargetProblem, resolveHost, type ResolvedHost } from '../host/resolve.js';
import { assertInteractive } from '../interview/assertInteractive.js';

/**
 * Secrets named by passwordFile, on the machine running the wizard: the values read (and
 * checked) with the answers, or read here with the same bounded, checked reader.
 */
export function secretFileReader(known: ReadonlyMap<string, string> = new Map()): { read: (path: string) => string; values: string[] } {
  const values: string[] = [...known.values()];
  return {
    values,
    read: (path: string) => {
      const have = known.get(path);
      if (have !== undefined) return have;
      const r = readSecretFile(path, { min: 3 });
      if ('problem' in r) throw new InputError('answers', [{ path: 'passwordFile', message: r.problem }]);
      values.push(r.value);
      return r.value;
    },
  };
}

async function getAnswers(args: ParsedArgs, io: Io, host: () => Promise<ResolvedHost>): Promise<{ answers: Answers; decision?: Decision; checks?: CheckResults; secretFiles?: ReadonlyMap<string, string> }> {
  if (args.answers) {
    // Answers, bounds and password files are all checked here, before any host is touched.
    const { loadAnswersWithSecrets } = await import('../schema/load.js');
    return loadAnswersWithSecrets(args.answers);
  }
  // The host's network (for address suggestions) is read once the first screen shows. Over
  // SSH it is read first: connecting may print the host key to pin, which must not cross Ink.
  const read = async () => (await import('../host/hostNetwork.js')).readHostNetwork((await host()).host);
  const hostNetwork = args.host?.startsWith('ssh://') ? await read() : () => read().catch(() => undefined);
  const { interviewForInstall } = await import('./interviewForInstall.js');
  const r = await interviewForInstall(io, hostNetwork);
  if (r.status === 'aborted') throw new InterruptedError('interview cancelled; nothing was changed');
  return r;
}

export async function runInstall(args: ParsedArgs, io: Io): Promise<number> {
  const say = (line: string) => io.stderr.write(`${line}\n`);
  if (!args.answers) {
    if (args.yes) throw new UsageError('--yes needs --answers FILE: there is nobody to ask', 'netsetup-wizard install --help');
    assertInteractive(io.stdin, io.stderr, io.env);
  }
  // Refuse a missing target before asking a single question.
  const problem = hostTargetProblem(args.host, args.dryRun);
  if (problem) throw problem;
  let hostP: Promise<ResolvedHost> | undefined;
  const host = () => (hostP ??= resolveHost(args.host, { dryRun: args.dryRun, env: io.env, say, yes: args.yes, term: { stdin: io.stdin, stderr: io.stderr } }));
  let got: Awaited<ReturnType<typeof getAnswers>>;
  try {
    got = await getAnswers(args, io, host);
  } catch (e) {
    // The interview may have opened the host already (to read its network): close it.
    if (hostP) await hostP.then((r) => r.host.close(), () => undefined);
    throw e;
  }
  const { answers, decision, checks, secretFiles } = got;
  const resolved = await host();
  try {
    const [{ derivePlan }, { collectSecrets }, { siteFilesFor }, { provision }] = await Promise.all([
      import('../plan/derive.js'),
      import('../plan/secrets.js'),
      import('../tasks/siteFiles.js'),
      import('../tasks/provision.js'),
    ]);
    const reader = secretFileReader(secretFiles);
    const plan = derivePlan(answers, { checks, decision });
    const siteFiles = (host: Host) => siteFilesFor(plan, host, { dryRun: args.dryRun, readSecretFile: reader.read });
    const secrets = () => collectSecrets(answers, reader.values);
    return await provision({ plan, siteFiles, host: resolved.host, hostDescription: resolved.description, dryRun: args.dryRun, verbose: args.verbose, logPath: args.log, secrets, io });
  } finally {
    await resolved.host.close();
  }
}

export { EXIT };

// `netsetup-wizard install`: answers (file or interview) → plan → dry run or provisioning.
import { readFileSync } from 'node:fs';
import type { ParsedArgs } from '../cli/args.js';
import type { Io } from '../cli/main.js';
import { EXIT, InputError, InterruptedError, UsageError } from '../cli/errors.js';
import { loadAnswersFile } from '../schema/load.js';
import type { Answers } from '../schema/answers.js';
import { derivePlan } from '../plan/derive.js';
import { collectSecrets } from '../plan/secrets.js';
import type { CheckResults } from '../checks/types.js';
import type { Decision } from '../plan/types.js';
import { resolveHost } from '../host/resolve.js';
import { readHostNetwork } from '../host/hostNetwork.js';
import type { Host } from '../host/types.js';

/** Secrets named by passwordFile are read here, on the machine running the wizard. */
export function secretFileReader(): { read: (path: string) => string; values: string[] } {
  const values: string[] = [];
  return {
    values,
    read: (path: string) => {
      try {
        const v = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
        values.push(v);
        return v;
      } catch (e) {
        throw new InputError('answers', [{ path: 'passwordFile', message: `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})` }]);
      }
    },
  };
}

async function getAnswers(args: ParsedArgs, io: Io, host: Host): Promise<{ answers: Answers; decision?: Decision; checks?: CheckResults }> {
  // The interview's first frame comes first: provisioning code (listr2, execa) loads after it.
  if (args.answers) {
    const answers = await loadAnswersFile(args.answers);
    return { answers };
  }
  if (args.yes) throw new UsageError('--yes needs --answers FILE: there is nobody to ask', 'netsetup-wizard install --help');
  // The host's network (for address suggestions) is read while the first screens show.
  const hostNetwork = readHostNetwork(host);
  const { interviewForInstall } = await import('./interviewForInstall.js');
  const r = await interviewForInstall(io, hostNetwork);
  if (r.status === 'aborted') throw new InterruptedError('interview cancelled; nothing was changed');
  return r;
}

export async function runInstall(args: ParsedArgs, io: Io): Promise<number> {
  const say = (line: string) => io.stderr.write(`${line}\n`);
  if (!args.answers && !args.yes) (await import('../interview/assertInteractive.js')).assertInteractive(io.stdin, io.stderr, io.env);
  const resolved = await resolveHost(args.host, { dryRun: args.dryRun, env: io.env, say });
  const { answers, decision, checks } = await getAnswers(args, io, resolved.host);
  const reader = secretFileReader();
  const plan = derivePlan(answers, { checks, decision });
  const [{ siteFilesFor }, { provision }] = await Promise.all([import('../tasks/siteFiles.js'), import('../tasks/provision.js')]);
  const siteFiles = await siteFilesFor(plan, resolved.host, { dryRun: args.dryRun, readSecretFile: reader.read });
  const secrets = () => collectSecrets(answers, reader.values);
  try {
    return await provision({ plan, siteFiles, host: resolved.host, hostDescription: resolved.description, dryRun: args.dryRun, verbose: args.verbose, logPath: args.log, secrets, io });
  } finally {
    await resolved.host.close();
  }
}

export { EXIT };

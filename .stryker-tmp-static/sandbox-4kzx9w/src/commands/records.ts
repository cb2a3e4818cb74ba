// @ts-nocheck
// `netsetup-wizard records --answers FILE [--format table|zone|json]`: the DNS records for an
// answers file. Plain text only: no ink, react or listr2 here (start-up cost).
import type { ParsedArgs } from '../cli/args.js';
import type { Io } from '../cli/main.js';
import { EXIT, UsageError } from '../cli/errors.js';
import { loadAnswersFile } from '../schema/load.js';
import { derivePlan } from '../plan/derive.js';
import { buildRecords, recordAdvice } from '../render/records.js';
import { formatRecords, type RecordsFormat } from '../render/recordsFormat.js';

export async function runRecords(args: ParsedArgs, io: Io): Promise<number> {
  if (!args.answers) throw new UsageError('records needs --answers FILE (the answers file of the site)', 'netsetup-wizard records --help');
  const answers = await loadAnswersFile(args.answers);
  const plan = derivePlan(answers);
  const format = (args.format ?? 'table') as RecordsFormat;
  io.stdout.write(formatRecords(buildRecords(plan), format, { domain: plan.domain, advice: recordAdvice(plan) }));
  return EXIT.ok;
}

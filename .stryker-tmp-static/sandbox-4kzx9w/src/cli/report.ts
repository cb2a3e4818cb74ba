// @ts-nocheck
// One place that turns any failure into words and an exit code. No stack traces, ever,
// unless NETSETUP_DEBUG=1.
import { EXIT, InputError, InterruptedError, UsageError, WorkError } from './errors.js';

export function exitCodeFor(e: unknown): number {
  if (e instanceof UsageError || e instanceof InputError) return EXIT.usage;
  if (e instanceof InterruptedError) return EXIT.interrupted;
  return EXIT.failure;
}

export function formatError(e: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const lines: string[] = [];
  if (e instanceof UsageError) {
    lines.push(`netsetup-wizard: ${e.message}`);
    if (e.hint) lines.push(`See: ${e.hint}`);
  } else if (e instanceof InputError) {
    lines.push(`netsetup-wizard: ${e.source} is not valid:`);
    for (const p of e.problems) lines.push(`  ${p.path}: ${p.message}`);
    lines.push('Nothing was changed. Fix the fields above and run the same command again.');
  } else if (e instanceof WorkError) {
    const d = e.details;
    lines.push(`netsetup-wizard: ${d.step ? `step "${d.step}" failed` : 'failed'}${d.target ? ` on ${d.target}` : ''}: ${e.message}`);
    if (d.stderrTail) for (const l of d.stderrTail.trimEnd().split('\n')) lines.push(`  | ${l}`);
    if (d.logPath) lines.push(`Full log: ${d.logPath}`);
    lines.push(d.advice ?? 'Nothing already created was removed. Fix the cause and run the same command again: it resumes where it stopped.');
  } else if (e instanceof InterruptedError) {
    lines.push(`netsetup-wizard: ${e.message}`);
  } else {
    lines.push(`netsetup-wizard: unexpected error: ${e instanceof Error ? e.message : String(e)}`);
    if (env.NETSETUP_DEBUG === '1' && e instanceof Error && e.stack) lines.push(e.stack);
  }
  return `${lines.join('\n')}\n`;
}

// @ts-nocheck
// `netsetup-wizard handover [--format text|md|html|pdf] [--output FILE] [--host TARGET]`: the
// checklist of a provisioned site, from its state file, with the records verified live.
// Read-only on the host. Data to stdout (or FILE), progress to stderr.
import { writeFile } from 'node:fs/promises';
import type { ParsedArgs } from '../cli/args.js';
import type { Io } from '../cli/main.js';
import { EXIT, UsageError, WorkError } from '../cli/errors.js';
import { loadSite } from '../verify/site.js';
import { mailTlsConfigFromEnv, tlsConfigFromEnv, verifyCertificates, verifyConfigFromEnv, verifyDisabled, verifyMailTls, verifySite, type VerifyReport } from '../verify/index.js';
import { renderHandover } from '../render/handover.js';

type Format = 'text' | 'md' | 'html' | 'pdf';

export async function runHandover(args: ParsedArgs, io: Io): Promise<number> {
  const say = (line: string): void => void io.stderr.write(`${line}\n`);
  const format = (args.format ?? 'text') as Format;
  let chromium: string | undefined;
  if (format === 'pdf') {
    if (!args.output) throw new UsageError('--format pdf needs --output FILE (a PDF is not written to the terminal)', 'netsetup-wizard handover --help');
    const { findChromium, CHROMIUM_INSTALL_HINT } = await import('../render/handoverPdf.js');
    chromium = findChromium(io.env);
    if (!chromium) throw new WorkError('--format pdf prints through headless Chromium, which is not installed here', { advice: `Install it with: ${CHROMIUM_INSTALL_HINT}` });
  }
  const config = verifyDisabled(io.env) ? undefined : verifyConfigFromEnv(io.env);
  const site = await loadSite(args.host, io.env, say, 'handover');

  let verify: VerifyReport | undefined;
  if (config) {
    say(`verifying the DNS records of ${site.state.domain} with ${config.resolvers.join(', ')}…`);
    const tls = tlsConfigFromEnv(io.env, config.timeoutMs);
    const mailTls = mailTlsConfigFromEnv(io.env, tls);
    const resolver = config.resolvers[0];
    const [records, web, mail] = await Promise.all([verifySite(site.plan, config), verifyCertificates(site.plan, { ...tls, resolver }), verifyMailTls(site.plan, { ...mailTls, resolver })]);
    // The record counts stay the records'; the certificates have their own section.
    verify = { ...records, certificates: [...web, ...mail] };
  }
  const text = renderHandover(site.state, verify, format === 'pdf' ? 'html' : format, { plan: site.plan, facts: site.facts });

  if (format === 'pdf') {
    const { printPdf } = await import('../render/handoverPdf.js');
    try {
      await printPdf(text, args.output!, { chromium });
    } catch (e) {
      throw new WorkError(`printing the checklist to ${args.output} failed: ${(e as Error).message}`, { stderrTail: String((e as { stderr?: string }).stderr ?? '').split('\n').slice(-8).join('\n'), advice: 'Write --format html instead and print it from a browser.' });
    }
    say(`wrote ${args.output} (PDF, A4)`);
  } else if (args.output) {
    await writeFile(args.output, text);
    say(`wrote ${args.output}`);
  } else {
    io.stdout.write(text);
  }
  return EXIT.ok;
}

// @ts-nocheck
// `netsetup-wizard checks --records [--host TARGET | --answers FILE] [--json]`: are the records
// the site needs published, as the public resolvers see them? Exit 0 when every required
// record is right, 1 otherwise, so it can run from cron.
import type { ParsedArgs } from '../cli/args.js';
import type { Io } from '../cli/main.js';
import { EXIT, InterruptedError, UsageError } from '../cli/errors.js';
import type { Plan } from '../plan/types.js';
import { formatVerifyReport } from './format.js';
import { mailTlsConfigFromEnv, tlsConfigFromEnv, verifyCertificates, verifyConfigFromEnv, verifyDisabled, verifyMailTls, verifySite, verifyWellKnown, withCertificates } from './index.js';

export async function runVerifyRecords(args: ParsedArgs, io: Io): Promise<number> {
  if (args.answers && args.host !== undefined) {
    throw new UsageError('checks --records takes the site either from --host TARGET (its state file) or from --answers FILE, not both', 'netsetup-wizard checks --help');
  }
  const config = verifyDisabled(io.env) ? undefined : verifyConfigFromEnv(io.env);
  let plan: Plan;
  if (args.answers) {
    const { loadAnswersFile } = await import('../schema/load.js');
    const { derivePlan } = await import('../plan/derive.js');
    plan = derivePlan(await loadAnswersFile(args.answers));
  } else {
    const { isProxmoxHost } = await import('../host/resolve.js');
    if (args.host === undefined && !isProxmoxHost()) {
      throw new UsageError('checks --records needs the site: --host TARGET (reads its state file) or --answers FILE; this machine is not a Proxmox VE host', 'netsetup-wizard checks --help');
    }
    const { loadSite } = await import('./site.js');
    plan = (await loadSite(args.host, io.env, (l) => io.stderr.write(`${l}\n`), 'checks --records')).plan;
  }
  if (!config) {
    // Like handover and the menu: the records the site needs, without a status.
    const { buildRecords, recordAdvice } = await import('../render/records.js');
    const { formatRecords } = await import('../render/recordsFormat.js');
    io.stderr.write(`NETSETUP_VERIFY_RESOLVERS=off: the DNS records of ${plan.domain} are listed, not verified\n`);
    io.stdout.write(formatRecords(buildRecords(plan), args.json ? 'json' : 'table', { domain: plan.domain, advice: recordAdvice(plan) }));
    return EXIT.ok;
  }
  const tls = tlsConfigFromEnv(io.env, config.timeoutMs);
  const mailTls = mailTlsConfigFromEnv(io.env, tls);
  io.stderr.write(`verifying the DNS records of ${plan.domain} with ${config.resolvers.join(', ')}…\n`);
  const { withInterrupt } = await import('../cli/interrupt.js');
  return withInterrupt(async (signal) => {
    const stopped = () => new InterruptedError('verification interrupted by Ctrl-C; nothing was changed');
    const web = { ...tls, resolver: config.resolvers[0] };
    const [records, certificates, mailCertificates, served] = await Promise.all([
      verifySite(plan, { ...config, signal }).catch((e: unknown) => {
        throw signal.aborted ? stopped() : e;
      }),
      verifyCertificates(plan, web),
      verifyMailTls(plan, { ...mailTls, resolver: config.resolvers[0] }),
      verifyWellKnown(plan, web),
    ]);
    if (signal.aborted) throw stopped();
    const report = withCertificates(records, [...certificates, ...mailCertificates], served);
    io.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatVerifyReport(report));
    return report.ok ? EXIT.ok : EXIT.failure;
  });
}

// The certificates the mail services serve, judged like the web one (src/verify/tls.ts):
// - SMTP on port 25 at the MX name: PMG's STARTTLS certificate (/etc/pmg/pmg-tls.pem), the one
//   every sending server sees and MTA-STS in enforce mode requires to be valid for the MX name;
// - submission 587 (STARTTLS) and IMAPS 993 at mail.<domain>: the mail VM's postfix and dovecot.
// Each connects to its name's address from the first verify resolver, or where
// NETSETUP_SMTP_CONNECT / NETSETUP_SUBMISSION_CONNECT / NETSETUP_IMAPS_CONNECT (IPv4:PORT or off)
// say. Unset, they follow NETSETUP_TLS_CONNECT=off (skip); otherwise they resolve the name.
import type { Plan } from '../plan/types.js';
import { InputError } from '../cli/errors.js';
import { isIpv4Endpoint, makeResolver } from '../checks/resolver.js';
import { dyndnsTarget } from '../render/records.js';
import { certContext, judgeCertificate, probe, type CertCheck, type CertContext, type TlsConfig } from './tls.js';
import { smtpStartTls, SmtpDialogueError } from './smtp.js';

export type MailService = 'smtp' | 'submission' | 'imaps';

export const MAIL_TLS_ENV: Record<MailService, string> = {
  smtp: 'NETSETUP_SMTP_CONNECT',
  submission: 'NETSETUP_SUBMISSION_CONNECT',
  imaps: 'NETSETUP_IMAPS_CONNECT',
};

/**
 * A whole SMTP dialogue may take longer than one TLS handshake: postscreen (PMG's port 25)
 * delays the greeting of an unknown client by postscreen_greet_wait (6 s by default).
 */
export const SMTP_DIALOGUE_MS = 10_000;

export interface MailTlsConfig {
  /** Per service: "off", IPv4:PORT, or undefined (resolve the name, standard port). */
  connect: Partial<Record<MailService, string>>;
  extraCa?: string;
  /** DNS and IMAPS handshake bound. */
  timeoutMs: number;
  /** Bound of one SMTP dialogue (default SMTP_DIALOGUE_MS). */
  smtpTimeoutMs?: number;
}

export function mailTlsConfigFromEnv(env: NodeJS.ProcessEnv, tls: TlsConfig): MailTlsConfig {
  const connect: MailTlsConfig['connect'] = {};
  const problems: Array<{ path: string; message: string }> = [];
  for (const [service, name] of Object.entries(MAIL_TLS_ENV) as Array<[MailService, string]>) {
    const v = env[name]?.trim();
    if (!v) {
      if (tls.connect?.toLowerCase() === 'off') connect[service] = 'off';
      continue;
    }
    if (v.toLowerCase() !== 'off' && !isIpv4Endpoint(v)) problems.push({ path: name, message: `must be off or IPv4:PORT such as 127.0.0.1:2525, not "${v}"` });
    else connect[service] = v;
  }
  if (problems.length) throw new InputError('environment', problems);
  return { connect, extraCa: tls.extraCa, timeoutMs: tls.timeoutMs };
}

interface Target {
  service: MailService;
  /** The name clients connect to (SNI). */
  name: string;
  port: number;
  /** Names the certificate must cover. */
  expectedNames: string[];
  url: string;
  /** What a self-signed certificate other than the mail VM's bootstrap one means here. */
  selfSigned?: string;
}

function targets(plan: Plan): Target[] {
  // The MX of a dyndns site is the dyndns host, which the site certificate cannot name; PMG still
  // serves the site certificate, so it is judged against mx.<domain> all the same.
  const mx = dyndnsTarget(plan) ?? plan.fqdn.mx;
  const mail = plan.fqdn.mail;
  return [
    {
      service: 'smtp',
      name: mx,
      port: 25,
      expectedNames: [plan.fqdn.mx],
      url: `smtp://${mx}:25 STARTTLS`,
      selfSigned: "PMG's own certificate (pmgconfig tlscert); the DNS VM has not pushed the site certificate to /etc/pmg/pmg-tls.pem yet",
    },
    { service: 'submission', name: mail, port: 587, expectedNames: [mail], url: `smtp://${mail}:587 STARTTLS` },
    { service: 'imaps', name: mail, port: 993, expectedNames: [mail], url: `imaps://${mail}:993` },
  ];
}

async function check(t: Target, cfg: MailTlsConfig & { resolver?: string; now?: () => Date; certContext: CertContext }): Promise<CertCheck> {
  const base = { service: t.service, expectedNames: t.expectedNames, names: [] as string[] };
  const c = cfg.connect[t.service];
  if (c?.toLowerCase() === 'off') return { ...base, endpoint: t.url, verdict: 'skipped', detail: `${MAIL_TLS_ENV[t.service]}=off` };
  let host: string;
  let port = t.port;
  if (c) {
    [host, port] = [c.split(':')[0]!, Number(c.split(':')[1])];
  } else {
    try {
      host = (await makeResolver(cfg.resolver, cfg.timeoutMs).resolve4(t.name))[0]!;
    } catch (e) {
      return { ...base, endpoint: t.url, verdict: 'unreachable', detail: `${t.name} does not resolve (${(e as NodeJS.ErrnoException).code ?? e})` };
    }
  }
  const endpoint = `${t.url} (${host}:${port})`;
  try {
    const got = t.service === 'imaps' ? await probe(host, port, t.name, cfg) : await smtpStartTls(host, port, t.name, { timeoutMs: cfg.smtpTimeoutMs ?? SMTP_DIALOGUE_MS, extraCa: cfg.extraCa });
    return { endpoint, ...judgeCertificate(got.cert, t.expectedNames, got.authError, cfg.now?.() ?? new Date(), cfg.certContext, t.selfSigned), service: t.service };
  } catch (e) {
    if (e instanceof SmtpDialogueError) return { ...base, endpoint, verdict: e.kind, detail: e.message };
    const why = (e as NodeJS.ErrnoException).code === 'ECONNREFUSED' ? `connection refused: nothing listens on port ${port}` : (e as Error).message;
    return { ...base, endpoint, verdict: 'unreachable', detail: t.service === 'smtp' ? `${why} (the router forwards WAN TCP 25 to PMG)` : why };
  }
}

/** The STARTTLS certificate of the MX (port 25), and the mail VM's 587 and 993, in that order. */
export function verifyMailTls(plan: Plan, cfg: MailTlsConfig & { resolver?: string; now?: () => Date }): Promise<CertCheck[]> {
  const ctx = certContext(plan);
  return Promise.all(targets(plan).map((t) => check(t, { ...cfg, certContext: ctx })));
}

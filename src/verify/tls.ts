// The site certificate as the internet sees it: connect to https://mail.<domain> (the mail VM's
// nginx, which serves the certificate the DNS VM pushes), read the certificate, and judge names,
// trust, expiry and whether renewal is keeping up. `checks --records` and the handover use it.
// NETSETUP_TLS_CONNECT=IP:PORT sends every probe there (tests, or a LAN check before the port
// forward exists); =off skips them; unset: the name's address from the first verify resolver, 443.
import { connect, rootCertificates } from 'node:tls';
import { readFileSync } from 'node:fs';
import type { X509Certificate } from 'node:crypto';
import type { Plan } from '../plan/types.js';
import { BOOTSTRAP_CERT_ORG, certPlan, type CertPlan } from '../render/certificates.js';
import { InputError } from '../cli/errors.js';
import { isIpv4Endpoint, makeResolver } from '../checks/resolver.js';

export type CertVerdict =
  | 'ok'
  /** The mail VM's own self-signed bootstrap certificate: the real one is not issued yet. */
  | 'bootstrap'
  | 'renewal-overdue'
  | 'expired'
  | 'untrusted'
  | 'wrong-names'
  /** An SMTP server that does not announce STARTTLS after EHLO (src/verify/mailTls.ts). */
  | 'no-starttls'
  /** An SMTP server that refused the greeting, EHLO or STARTTLS, or broke the protocol. */
  | 'smtp-error'
  | 'unreachable'
  | 'skipped';

export interface CertCheck {
  /** What was asked, e.g. https://mail.example.com (connected to 127.0.0.1:8443). */
  endpoint: string;
  /** Which service served it: the web server (443), the MX's SMTP (25), submission (587), IMAPS (993). */
  service?: 'https' | 'smtp' | 'submission' | 'imaps';
  verdict: CertVerdict;
  /** Names the certificate must cover. */
  expectedNames: string[];
  names: string[];
  issuer?: string;
  /** ISO dates. */
  validFrom?: string;
  validTo?: string;
  daysLeft?: number;
  detail?: string;
}

export interface TlsConfig {
  /** "off", or IP:PORT every probe connects to; undefined: resolve and use 443. */
  connect?: string;
  /** Extra trusted CA certificates (PEM), e.g. a test ACME server's root. */
  extraCa?: string;
  timeoutMs: number;
}

export function tlsConfigFromEnv(env: NodeJS.ProcessEnv, timeoutMs: number): TlsConfig {
  const c = env.NETSETUP_TLS_CONNECT?.trim();
  if (c && c.toLowerCase() !== 'off' && !isIpv4Endpoint(c)) {
    throw new InputError('environment', [{ path: 'NETSETUP_TLS_CONNECT', message: `must be off or IPv4:PORT such as 127.0.0.1:8443, not "${c}"` }]);
  }
  const caFile = env.NETSETUP_TLS_CA_FILE?.trim();
  let extraCa: string | undefined;
  if (caFile) {
    try {
      extraCa = readFileSync(caFile, 'utf8');
    } catch {
      throw new InputError('environment', [{ path: 'NETSETUP_TLS_CA_FILE', message: `cannot read ${caFile}; give a PEM file of extra trusted CA certificates` }]);
    }
  }
  return { connect: c || undefined, extraCa, timeoutMs };
}

const DAY = 86_400_000;

/** Where the certificate comes from and what to do when it did not come: for the verdict texts. */
export interface CertContext {
  challenge: CertPlan['challenge'];
  /** DNS VM address (lego runs there). */
  dnsIp?: string;
  /** lego provider code for DNS-01. */
  dnsProvider?: string;
}

export function certContext(plan: Plan): CertContext {
  const cp = certPlan(plan);
  return { challenge: cp.challenge, dnsIp: plan.guests.find((g) => g.role === 'dns')?.ip, dnsProvider: cp.dnsProvider };
}

/**
 * The mail VM's own self-signed certificate (nix/modules/services/mail-tls.nix): issuer = subject
 * and O=<BOOTSTRAP_CERT_ORG>. Any other self-signed certificate is just untrusted.
 */
export function isBootstrapCertificate(cert: X509Certificate): boolean {
  return cert.issuer === cert.subject && cert.subject.split('\n').includes(`O=${BOOTSTRAP_CERT_ORG}`);
}

function notIssuedYet(names: string[], ctx: CertContext | undefined): string {
  const dns = ctx?.dnsIp ? `the DNS VM (${ctx.dnsIp})` : 'the DNS VM';
  const log = `journalctl -u acme-order-renew-${names[0]} on ${dns} says why`;
  if (ctx?.challenge === 'dns-01') {
    return `lego on ${dns} has not obtained one by DNS-01${ctx.dnsProvider ? ` (${ctx.dnsProvider})` : ''}: check the DNS provider credentials the wizard uploaded (${log})`;
  }
  return `lego on ${dns} has not obtained one by HTTP-01: forward WAN TCP 80 to ${ctx?.dnsIp ? `${ctx.dnsIp}:80` : 'the DNS VM, port 80'} and make ${names.join(', ')} resolve to the WAN address (${log})`;
}

/** Pure judgement of a served certificate at `now` (lego renews when a third of the lifetime is left). */
export function judgeCertificate(
  cert: X509Certificate,
  expectedNames: string[],
  authError: string | undefined,
  now: Date,
  /** What the texts tell the technician to do when the real certificate has not come. */
  ctx?: CertContext,
  /** What any other self-signed certificate means at this endpoint (e.g. PMG's own one on port 25). */
  selfSignedMeans = "not the mail VM's bootstrap certificate",
): Omit<CertCheck, 'endpoint'> {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  const names = (cert.subjectAltName ?? '').split(', ').filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4));
  const daysLeft = Math.floor((to.getTime() - now.getTime()) / DAY);
  const issuer = cert.issuer.split('\n').find((l) => l.startsWith('CN='))?.slice(3) ?? cert.issuer.replace(/\n/g, ', ');
  const base = { expectedNames, names, issuer, validFrom: from.toISOString(), validTo: to.toISOString(), daysLeft };
  if (isBootstrapCertificate(cert)) {
    const expired = now > to ? `; it EXPIRED on ${to.toISOString().slice(0, 10)}, so the mail VM's renewal timer is not running (systemctl status netsetup-bootstrap-tls-renew.timer on the mail VM)` : '';
    return { ...base, verdict: now > to ? 'expired' : 'bootstrap', detail: `bootstrap certificate, real certificate not issued yet: ${notIssuedYet(expectedNames, ctx)}. Until then mail clients warn about the certificate; webmail works${expired}` };
  }
  if (now > to) return { ...base, verdict: 'expired', detail: `expired on ${to.toISOString().slice(0, 10)}: clients refuse it; renewal on the DNS VM has failed (journalctl -u acme-order-renew-${expectedNames[0]})` };
  // Node checks the name only once the chain is trusted, and reports a mismatch as the
  // authorization error: the chain is fine, the names are judged below.
  if (authError && authError !== 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const self = cert.issuer === cert.subject;
    return { ...base, verdict: 'untrusted', detail: self ? `self-signed, and ${selfSignedMeans} (not trusted: ${authError})` : `not trusted (${authError})` };
  }
  const missing = expectedNames.filter((n) => cert.checkHost(n) === undefined);
  if (missing.length) return { ...base, verdict: 'wrong-names', detail: `does not cover ${missing.join(', ')}` };
  const lifetime = to.getTime() - from.getTime();
  if (to.getTime() - now.getTime() < lifetime / 3) {
    return { ...base, verdict: 'renewal-overdue', detail: `${daysLeft} days left: lego renews when a third of the lifetime is left, so the daily renewal on the DNS VM is failing (journalctl -u acme-order-renew-${expectedNames[0]})` };
  }
  return { ...base, verdict: 'ok' };
}

export function probe(host: string, port: number, servername: string, cfg: Pick<TlsConfig, 'extraCa' | 'timeoutMs'>): Promise<{ cert: X509Certificate; authError?: string }> {
  return new Promise((resolve, reject) => {
    const s = connect({ host, port, servername, rejectUnauthorized: false, ca: cfg.extraCa ? [...rootCertificates, cfg.extraCa] : undefined, timeout: cfg.timeoutMs });
    s.once('secureConnect', () => {
      const cert = s.getPeerX509Certificate();
      const authError = s.authorized ? undefined : String(s.authorizationError ?? 'not authorized');
      s.end();
      if (!cert) reject(new Error('no certificate'));
      else resolve({ cert, authError });
    });
    s.once('timeout', () => s.destroy(new Error(`timed out after ${cfg.timeoutMs} ms`)));
    s.once('error', reject);
  });
}

/** The certificate https://mail.<domain> serves, judged against the names the site needs. */
export async function verifyCertificates(plan: Plan, cfg: TlsConfig & { resolver?: string; now?: () => Date }): Promise<CertCheck[]> {
  const expectedNames = certPlan(plan).names;
  const name = plan.fqdn.mail;
  const endpoint = `https://${name}`;
  if (cfg.connect?.toLowerCase() === 'off') return [{ endpoint, service: 'https', verdict: 'skipped', expectedNames, names: [], detail: 'NETSETUP_TLS_CONNECT=off' }];
  let host: string;
  let port = 443;
  if (cfg.connect) {
    [host, port] = [cfg.connect.split(':')[0]!, Number(cfg.connect.split(':')[1])];
  } else {
    try {
      host = (await makeResolver(cfg.resolver, cfg.timeoutMs).resolve4(name))[0]!;
    } catch (e) {
      return [{ endpoint, service: 'https', verdict: 'unreachable', expectedNames, names: [], detail: `${name} does not resolve (${(e as NodeJS.ErrnoException).code ?? e})` }];
    }
  }
  const shown = `${endpoint} (${host}:${port})`;
  try {
    const { cert, authError } = await probe(host, port, name, cfg);
    return [{ endpoint: shown, service: 'https', ...judgeCertificate(cert, expectedNames, authError, cfg.now?.() ?? new Date(), certContext(plan)) }];
  } catch (e) {
    return [{ endpoint: shown, service: 'https', verdict: 'unreachable', expectedNames, names: [], detail: `no TLS answer: ${(e as Error).message}` }];
  }
}

export const CERT_VERDICT_LABEL: Record<CertVerdict, string> = {
  ok: 'ok',
  bootstrap: 'BOOTSTRAP CERT',
  'renewal-overdue': 'RENEWAL OVERDUE',
  expired: 'EXPIRED',
  untrusted: 'UNTRUSTED',
  'wrong-names': 'WRONG NAMES',
  'no-starttls': 'NO STARTTLS',
  'smtp-error': 'SMTP ERROR',
  unreachable: 'UNREACHABLE',
  skipped: 'not checked',
};

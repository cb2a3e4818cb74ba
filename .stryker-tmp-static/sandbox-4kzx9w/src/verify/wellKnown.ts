// @ts-nocheck
// `checks --records` fetches what the mail VM serves besides webmail and validates it: the
// MTA-STS policy (RFC 8461: served over HTTPS with a valid certificate, well-formed, naming the
// MX, and the published _mta-sts id belonging to this policy text) and the autoconfig file.
// The connection goes where the certificate probe goes (NETSETUP_TLS_CONNECT, see tls.ts).
import { request } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { Plan } from '../plan/types.js';
import { autoconfigHost, mtaStsHost } from '../render/certificates.js';
import { AUTOCONFIG_PATH, MTA_STS_PATH, mtaStsId, mxPatternMatches, parseMtaStsPolicy } from '../render/wellKnown.js';
import { dyndnsTarget } from '../render/records.js';
import { makeResolver } from '../checks/resolver.js';
import type { TlsConfig } from './tls.js';

export type WebVerdict = 'ok' | 'invalid' | 'stale-id' | 'unreachable' | 'skipped';

export interface WebCheck {
  what: 'MTA-STS policy' | 'autoconfig';
  url: string;
  verdict: WebVerdict;
  detail?: string;
}

export const WEB_VERDICT_LABEL: Record<WebVerdict, string> = { ok: 'ok', invalid: 'INVALID', 'stale-id': 'STALE ID', unreachable: 'UNREACHABLE', skipped: 'not checked' };

async function fetchText(host: string, path: string, cfg: TlsConfig & { resolver?: string }): Promise<{ status: number; type: string; body: string }> {
  let addr: string;
  let port = 443;
  if (cfg.connect) [addr, port] = [cfg.connect.split(':')[0]!, Number(cfg.connect.split(':')[1])];
  else addr = (await makeResolver(cfg.resolver, cfg.timeoutMs).resolve4(host))[0]!;
  return new Promise((resolve, reject) => {
    // RFC 8461 §3.3: the policy host's certificate must be valid for its name; no redirects.
    const req = request({ host: addr, port, path, servername: host, headers: { host }, method: 'GET', ca: cfg.extraCa ? [...rootCertificates, cfg.extraCa] : undefined, timeout: cfg.timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
        if (body.length > 65_536) req.destroy(new Error('answer larger than 64 KiB'));
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('timeout', () => req.destroy(new Error(`timed out after ${cfg.timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

async function checkMtaSts(plan: Plan, cfg: TlsConfig & { resolver?: string }): Promise<WebCheck> {
  const host = mtaStsHost(plan);
  const url = `https://${host}${MTA_STS_PATH}`;
  const base = { what: 'MTA-STS policy' as const, url };
  let got;
  try {
    got = await fetchText(host, MTA_STS_PATH, cfg);
  } catch (e) {
    return { ...base, verdict: 'unreachable', detail: (e as Error).message };
  }
  if (got.status !== 200) return { ...base, verdict: 'invalid', detail: `HTTP ${got.status} (RFC 8461: 200 without redirects)` };
  if (!/^text\/plain\b/i.test(got.type)) return { ...base, verdict: 'invalid', detail: `Content-Type is ${got.type || 'missing'}, not text/plain` };
  const p = parseMtaStsPolicy(got.body);
  if (p.problems.length) return { ...base, verdict: 'invalid', detail: p.problems.join('; ') };
  if (p.mode !== 'none' && !p.mx.some((m) => mxPatternMatches(m, plan.fqdn.mx))) return { ...base, verdict: 'invalid', detail: `no mx line matches the MX ${plan.fqdn.mx} (has ${p.mx.join(', ')}): senders in enforce mode would refuse to deliver` };
  // The id senders see must be this policy's, or they keep a cached older one.
  try {
    const txt = (await makeResolver(cfg.resolver, cfg.timeoutMs).resolveTxt(`_mta-sts.${plan.domain}`)).map((c) => c.join(''));
    const id = txt.map((t) => /(?:^|;)\s*id=([A-Za-z0-9]{1,32})\s*(?:;|$)/.exec(t)?.[1]).find(Boolean);
    const want = mtaStsId(got.body);
    if (id && id !== want) return { ...base, verdict: 'stale-id', detail: `_mta-sts.${plan.domain} has id=${id}, but the served policy's id is ${want}: publish v=STSv1; id=${want}` };
  } catch {
    // The TXT itself is a record of the records check; its absence is reported there.
  }
  return { ...base, verdict: 'ok', detail: `mode ${p.mode}, mx ${p.mx.join(', ')}, max_age ${p.maxAge}` };
}

async function checkAutoconfig(plan: Plan, cfg: TlsConfig & { resolver?: string }): Promise<WebCheck> {
  const host = autoconfigHost(plan);
  const url = `https://${host}${AUTOCONFIG_PATH}`;
  const base = { what: 'autoconfig' as const, url };
  let got;
  try {
    got = await fetchText(host, AUTOCONFIG_PATH, cfg);
  } catch (e) {
    return { ...base, verdict: 'unreachable', detail: (e as Error).message };
  }
  if (got.status !== 200) return { ...base, verdict: 'invalid', detail: `HTTP ${got.status}` };
  const b = got.body;
  const server = (tag: string, type: string) => new RegExp(`<${tag} type="${type}">([\\s\\S]*?)</${tag}>`).exec(b)?.[1] ?? '';
  const field = (xml: string, f: string) => new RegExp(`<${f}>([^<]*)</${f}>`).exec(xml)?.[1]?.trim();
  const imap = server('incomingServer', 'imap');
  const smtp = server('outgoingServer', 'smtp');
  const problems: string[] = [];
  if (!/<clientConfig version="1\.1">/.test(b)) problems.push('no <clientConfig version="1.1">');
  if (field(imap, 'hostname') !== plan.fqdn.mail || field(imap, 'port') !== '993' || field(imap, 'socketType') !== 'SSL') problems.push(`IMAP must be ${plan.fqdn.mail}:993 SSL`);
  if (field(smtp, 'hostname') !== plan.fqdn.mail || field(smtp, 'port') !== '587' || field(smtp, 'socketType') !== 'STARTTLS') problems.push(`SMTP must be ${plan.fqdn.mail}:587 STARTTLS`);
  return problems.length ? { ...base, verdict: 'invalid', detail: problems.join('; ') } : { ...base, verdict: 'ok', detail: `IMAP ${plan.fqdn.mail}:993 SSL, SMTP ${plan.fqdn.mail}:587 STARTTLS` };
}

export async function verifyWellKnown(plan: Plan, cfg: TlsConfig & { resolver?: string }): Promise<WebCheck[]> {
  const stsUrl = `https://${mtaStsHost(plan)}${MTA_STS_PATH}`;
  const acUrl = `https://${autoconfigHost(plan)}${AUTOCONFIG_PATH}`;
  if (cfg.connect?.toLowerCase() === 'off') {
    return [
      { what: 'MTA-STS policy', url: stsUrl, verdict: 'skipped', detail: 'NETSETUP_TLS_CONNECT=off' },
      { what: 'autoconfig', url: acUrl, verdict: 'skipped', detail: 'NETSETUP_TLS_CONNECT=off' },
    ];
  }
  const sts: WebCheck = dyndnsTarget(plan) ? { what: 'MTA-STS policy', url: stsUrl, verdict: 'skipped', detail: 'not served: the MX is the dyndns host, which the site certificate cannot name' } : await checkMtaSts(plan, cfg);
  return [sts, await checkAutoconfig(plan, cfg)];
}

// The live site checks as one call: public IP and port 25 in parallel, then the PTR of the
// public IP. Used by the `checks` command and by the interview (same functions, same results).
import type { CheckEndpoints, CheckName, CheckResults, PtrResult, PublicIpResult, Port25Result } from './types.js';
import { checkPublicIp, DEFAULT_IP_ECHO_URLS } from './publicIp.js';
import { checkPort25, DEFAULT_MX_DOMAINS } from './port25.js';
import { checkPtr } from './ptr.js';
import { normalizeResolver, portOk } from './resolver.js';
import { InputError, type FieldProblem } from '../cli/errors.js';

export type { CheckEndpoints, CheckResults, CheckName } from './types.js';
export { describeChecks } from './describe.js';

/** Bound of the whole port-25 probe: a fully filtered line answers within 6 s. */
export const DEFAULT_PORT25_TIMEOUT_MS = 5500;
export const DEFAULT_IP_ECHO_TIMEOUT_MS = 2500;
export const DEFAULT_DNS_TIMEOUT_MS = 2500;

export type CheckProgress = (name: CheckName, state: 'running' | 'done', result?: PublicIpResult | Port25Result | PtrResult) => void;

export interface SiteCheckOptions {
  domain?: string;
  /** Static public IP from the answers: compared with the echo, and used for the PTR. */
  publicIp?: string;
  /** The router's WAN address, when the technician read it off the router (CGNAT detection). */
  routerWanIp?: string;
  endpoints: CheckEndpoints;
  signal?: AbortSignal;
  onProgress?: CheckProgress;
  /** This host's interface addresses (tests); default os.networkInterfaces(). */
  localAddresses?: string[];
}

export async function runSiteChecks(opts: SiteCheckOptions): Promise<CheckResults> {
  const e = opts.endpoints;
  const at = new Date().toISOString();
  const tracked = async <T extends PublicIpResult | Port25Result | PtrResult>(name: CheckName, work: () => Promise<T>): Promise<T> => {
    opts.onProgress?.(name, 'running');
    const r = await work();
    opts.onProgress?.(name, 'done', r);
    return r;
  };
  const ipP = tracked('publicIp', () =>
    checkPublicIp({ urls: e.ipEchoUrls, timeoutMs: e.ipEchoTimeoutMs ?? DEFAULT_IP_ECHO_TIMEOUT_MS, expected: opts.publicIp, routerWanIp: opts.routerWanIp, localAddresses: opts.localAddresses, signal: opts.signal }),
  );
  const p25P = tracked('port25', () => checkPort25({ mxHosts: e.mxHosts, mxDomains: e.mxDomains, mxPort: e.mxPort, resolver: e.resolver, timeoutMs: e.port25TimeoutMs, signal: opts.signal }));
  // The PTR starts as soon as the IP is known, while port 25 may still be probing.
  const ptrP = ipP.then((publicIp) => {
    // Behind CGNAT the echoed address belongs to the carrier: its PTR says nothing about this site.
    const ptrIp = opts.publicIp ?? (publicIp.status === 'ok' && !publicIp.cgnat ? publicIp.ip : undefined);
    if (!ptrIp) return undefined;
    return tracked('ptr', () => checkPtr({ ip: ptrIp, domain: opts.domain, resolver: e.resolver, timeoutMs: e.dnsTimeoutMs ?? DEFAULT_DNS_TIMEOUT_MS, signal: opts.signal }));
  });
  // All run to the end before we return; a rejection (abort) is reported once.
  const [ipR, p25R, ptrR] = await Promise.allSettled([ipP, p25P, ptrP]);
  for (const r of [ipR, p25R, ptrR]) if (r.status === 'rejected') throw r.reason;
  const publicIp = (ipR as PromiseFulfilledResult<PublicIpResult>).value;
  const port25 = (p25R as PromiseFulfilledResult<Port25Result>).value;
  const ptr = (ptrR as PromiseFulfilledResult<PtrResult | undefined>).value;
  return { port25, publicIp, ...(ptr ? { ptr } : {}), at };
}

const list = (v: string | undefined): string[] | undefined => {
  if (v === undefined || v.trim() === '') return undefined;
  return v.split(',').map((s) => s.trim()).filter(Boolean);
};

/** Endpoints from NETSETUP_* variables, with the public defaults. Bad values → InputError (exit 2). */
export function endpointsFromEnv(env: NodeJS.ProcessEnv): CheckEndpoints {
  const problems: FieldProblem[] = [];
  const urls = list(env.NETSETUP_IP_ECHO_URLS) ?? DEFAULT_IP_ECHO_URLS;
  for (const u of urls) if (!/^https?:\/\/[^\s/]+/.test(u)) problems.push({ path: 'NETSETUP_IP_ECHO_URLS', message: `"${u}" is not an http(s) URL` });
  const mxHosts = list(env.NETSETUP_MX_HOSTS) ?? [];
  for (const h of mxHosts) {
    const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(h);
    if (!m || !portOk(m[2])) problems.push({ path: 'NETSETUP_MX_HOSTS', message: `"${h}" is not host[:port] with a port from 1 to 65535` });
  }
  const mxDomains = list(env.NETSETUP_MX_DOMAINS) ?? DEFAULT_MX_DOMAINS;
  const resolver = env.NETSETUP_RESOLVER?.trim() || undefined;
  if (resolver && !normalizeResolver(resolver)) problems.push({ path: 'NETSETUP_RESOLVER', message: `"${resolver}" must be an IP address with an optional :port, e.g. 127.0.0.1:5353` });
  const ms = (name: string, def: number): number => {
    const v = env[name]?.trim();
    if (!v) return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 100 || n > 120_000) {
      problems.push({ path: name, message: `must be a whole number of milliseconds between 100 and 120000, not "${v}"` });
      return def;
    }
    return n;
  };
  const endpoints: CheckEndpoints = {
    ipEchoUrls: urls,
    mxHosts,
    mxDomains,
    port25TimeoutMs: ms('NETSETUP_PORT25_TIMEOUT_MS', DEFAULT_PORT25_TIMEOUT_MS),
    ipEchoTimeoutMs: ms('NETSETUP_IP_ECHO_TIMEOUT_MS', DEFAULT_IP_ECHO_TIMEOUT_MS),
    dnsTimeoutMs: ms('NETSETUP_DNS_TIMEOUT_MS', DEFAULT_DNS_TIMEOUT_MS),
    ...(resolver ? { resolver } : {}),
  };
  if (problems.length) throw new InputError('environment', problems);
  return endpoints;
}

// One place that builds the DNS resolver the checks use: the system's servers, or the
// configured host:port (tests point it at a local DNS server on 127.0.0.1).
import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';

/** "host:port", "host", "[v6]:port" → the form Resolver#setServers takes; undefined when malformed. */
export function normalizeResolver(spec: string): string | undefined {
  const s = spec.trim();
  const v6 = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(s);
  if (v6) return isIP(v6[1]!) === 6 && portOk(v6[2]) ? s : undefined;
  if (isIP(s) === 6) return s;
  const m = /^([^:]+)(?::(\d{1,5}))?$/.exec(s);
  if (!m || isIP(m[1]!) !== 4 || !portOk(m[2])) return undefined;
  return s;
}

/** A TCP/UDP port as written after a colon: absent, or 1-65535. */
export function portOk(p: string | undefined): boolean {
  return p === undefined || (Number(p) >= 1 && Number(p) <= 65535);
}

/** "IPv4:PORT" with a real dotted-quad address and a port in 1-65535 (the *_CONNECT variables). */
export function isIpv4Endpoint(s: string): boolean {
  const m = /^([\d.]+):(\d{1,5})$/.exec(s);
  return !!m && isIP(m[1]!) === 4 && portOk(m[2]);
}

export function makeResolver(spec: string | undefined, timeoutMs: number): dns.Resolver {
  // One try per query: the callers have their own overall deadlines.
  const r = new dns.Resolver({ timeout: Math.max(100, Math.round(timeoutMs)), tries: 1 });
  if (spec) {
    const server = normalizeResolver(spec);
    if (!server) throw new Error(`resolver "${spec}" is not an IP address with an optional :port`);
    r.setServers([server]);
  }
  return r;
}

/** DNS error codes that mean "the name (or this record type) does not exist". */
export function isNotFound(code: string | undefined): boolean {
  return code === 'ENOTFOUND' || code === 'ENODATA';
}

export function errCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? (e instanceof Error ? e.message : String(e));
}

/** Resolve a promise or give up after ms with an Error whose code is ETIMEOUT. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what}: timed out after ${ms} ms`), { code: 'ETIMEOUT' })), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

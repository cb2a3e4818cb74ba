// Reverse DNS of the public IP: the PTR names, whether the name resolves back to the IP
// (forward-confirmed reverse DNS), and whether it is mail.<domain>. All three are reported.
import type { PtrResult } from './types.js';
import { errCode, isNotFound, makeResolver, withTimeout } from './resolver.js';

export interface PtrOptions {
  ip: string;
  domain?: string;
  resolver?: string;
  /** Per query. */
  timeoutMs: number;
  signal?: AbortSignal;
}

const clean = (n: string): string => n.replace(/\.$/, '').toLowerCase();

/** 203.0.113.7 → 7.113.0.203.in-addr.arpa */
export function reverseName(ipv4: string): string {
  return `${ipv4.split('.').reverse().join('.')}.in-addr.arpa`;
}

export async function checkPtr(opts: PtrOptions): Promise<PtrResult> {
  opts.signal?.throwIfAborted();
  const expected = opts.domain ? `mail.${opts.domain.toLowerCase()}` : '';
  const base = { ip: opts.ip, expected, names: [] as string[], forwardConfirmed: false, matchesMailHost: false };
  const resolver = makeResolver(opts.resolver, opts.timeoutMs);
  const onAbort = (): void => resolver.cancel();
  opts.signal?.addEventListener('abort', onAbort); // removed in the finally below
  // c-ares retries internally; the race keeps a dead resolver from holding us much longer.
  const bound = <T>(p: Promise<T>, what: string): Promise<T> => withTimeout(p, opts.timeoutMs + 500, what);
  try {
    let names: string[];
    try {
      // resolver.reverse() reports every failure as ENOTFOUND; a PTR query keeps SERVFAIL apart.
      names = [...new Set((await bound(resolver.resolvePtr(reverseName(opts.ip)), 'PTR')).map(clean))];
    } catch (e) {
      opts.signal?.throwIfAborted();
      const code = errCode(e);
      if (isNotFound(code)) return { ...base, status: 'missing', detail: `${opts.ip} has no PTR record (${code})` };
      return { ...base, status: 'lookup-failed', detail: `PTR lookup for ${opts.ip} failed: ${code}` };
    }
    if (names.length === 0) return { ...base, status: 'missing', detail: `${opts.ip} has no PTR record` };
    const matchesMailHost = expected !== '' && names.includes(expected);
    const name = matchesMailHost ? expected : names[0]!;
    let forwardConfirmed = false;
    let forwardDetail: string | undefined;
    try {
      const addrs = await bound(resolver.resolve4(name), 'A');
      forwardConfirmed = addrs.includes(opts.ip);
      if (!forwardConfirmed) forwardDetail = `${name} resolves to ${addrs.join(', ') || 'nothing'}, not ${opts.ip}`;
    } catch (e) {
      opts.signal?.throwIfAborted();
      forwardDetail = `${name} does not resolve (${errCode(e)})`;
    }
    const facts = { ...base, names, forwardConfirmed, matchesMailHost };
    if (expected && !matchesMailHost) {
      return { ...facts, status: 'other-name', detail: `PTR is ${names.join(', ')}, not ${expected}${forwardDetail ? `; ${forwardDetail}` : ''}` };
    }
    if (!forwardConfirmed) return { ...facts, status: 'not-confirmed', detail: forwardDetail };
    return { ...facts, status: 'ok' };
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

// @ts-nocheck
// One resolver, asked through node:dns with a per-query bound. Each answer says whether the
// name/type exists (found / none) or the resolver could not tell (failed): "missing" and
// "lookup failed" need different advice. Answers are cached per run (the apex TXT, the A of
// mail.<domain> are needed by several records).
import type { promises as dns } from 'node:dns';
import { errCode, isNotFound, makeResolver, withTimeout } from '../checks/resolver.js';

export type Answer<T> = { status: 'found'; values: T[] } | { status: 'none'; code: string } | { status: 'failed'; code: string };

export interface Mx { exchange: string; priority: number }
export interface Srv { priority: number; weight: number; port: number; name: string }

export interface Lookup {
  readonly resolver: string;
  a(name: string): Promise<Answer<string>>;
  cname(name: string): Promise<Answer<string>>;
  mx(name: string): Promise<Answer<Mx>>;
  /** Each TXT record's character-strings joined into one text. */
  txt(name: string): Promise<Answer<string>>;
  srv(name: string): Promise<Answer<Srv>>;
  ptr(name: string): Promise<Answer<string>>;
  cancel(): void;
}

/** Lower case, no trailing dot. */
export const cleanName = (n: string): string => n.replace(/\.$/, '').toLowerCase();

export function makeLookup(resolverSpec: string, timeoutMs: number): Lookup {
  const r: dns.Resolver = makeResolver(resolverSpec, timeoutMs);
  const cache = new Map<string, Promise<Answer<unknown>>>();
  const ask = <T>(type: string, name: string, q: () => Promise<T[]>): Promise<Answer<T>> => {
    const key = `${type} ${cleanName(name)}`;
    let p = cache.get(key) as Promise<Answer<T>> | undefined;
    if (!p) {
      // c-ares retries on its own; the race keeps a dead resolver from holding the run longer.
      p = withTimeout(q(), timeoutMs + 500, `${type} ${name}`).then(
        (values): Answer<T> => (values.length ? { status: 'found', values } : { status: 'none', code: 'ENODATA' }),
        (e: unknown): Answer<T> => {
          const code = errCode(e);
          return isNotFound(code) ? { status: 'none', code } : { status: 'failed', code };
        },
      );
      cache.set(key, p);
    }
    return p;
  };
  return {
    resolver: resolverSpec,
    a: (n) => ask('A', n, () => r.resolve4(n)),
    cname: (n) => ask('CNAME', n, async () => (await r.resolveCname(n)).map(cleanName)),
    mx: (n) => ask('MX', n, async () => (await r.resolveMx(n)).map((m) => ({ exchange: cleanName(m.exchange), priority: m.priority }))),
    txt: (n) => ask('TXT', n, async () => (await r.resolveTxt(n)).map((chunks) => chunks.join(''))),
    srv: (n) => ask('SRV', n, async () => (await r.resolveSrv(n)).map((s) => ({ ...s, name: cleanName(s.name) }))),
    ptr: (n) => ask('PTR', n, async () => [...new Set((await r.resolvePtr(n)).map(cleanName))]),
    cancel: () => r.cancel(),
  };
}

// @ts-nocheck
// Which resolvers the verification asks: NETSETUP_VERIFY_RESOLVERS (comma-separated host[:port])
// or a few well-known public ones. Public resolvers, not the site's own: the point is what the
// rest of the internet sees, not the split-horizon answers of the DNS VM.
import { InputError } from '../cli/errors.js';
import { normalizeResolver } from '../checks/resolver.js';

/** Cloudflare, Google, Quad9. */
export const DEFAULT_VERIFY_RESOLVERS: readonly string[] = ['1.1.1.1', '8.8.8.8', '9.9.9.9'];
export const DEFAULT_VERIFY_TIMEOUT_MS = 2500;

export interface VerifyConfig {
  resolvers: string[];
  timeoutMs: number;
}

/** NETSETUP_VERIFY_RESOLVERS=off: every command that verifies records (checks --records, handover,
 * the menu) shows them without asking any resolver. */
export function verifyDisabled(env: NodeJS.ProcessEnv): boolean {
  return env.NETSETUP_VERIFY_RESOLVERS?.trim().toLowerCase() === 'off';
}

export function verifyConfigFromEnv(env: NodeJS.ProcessEnv): VerifyConfig {
  const raw = env.NETSETUP_VERIFY_RESOLVERS?.trim();
  const resolvers = raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : [...DEFAULT_VERIFY_RESOLVERS];
  const problems = resolvers
    .filter((r) => !normalizeResolver(r))
    .map((r) => ({ path: 'NETSETUP_VERIFY_RESOLVERS', message: `"${r}" must be an IP address with an optional :port, e.g. 127.0.0.1:5353` }));
  if (resolvers.length === 0) problems.push({ path: 'NETSETUP_VERIFY_RESOLVERS', message: 'names no resolver' });
  let timeoutMs = DEFAULT_VERIFY_TIMEOUT_MS;
  const t = env.NETSETUP_DNS_TIMEOUT_MS?.trim();
  if (t) {
    const n = Number(t);
    if (!Number.isInteger(n) || n < 100 || n > 120_000) problems.push({ path: 'NETSETUP_DNS_TIMEOUT_MS', message: `must be a whole number of milliseconds between 100 and 120000, not "${t}"` });
    else timeoutMs = n;
  }
  if (problems.length) throw new InputError('environment', problems);
  return { resolvers, timeoutMs };
}

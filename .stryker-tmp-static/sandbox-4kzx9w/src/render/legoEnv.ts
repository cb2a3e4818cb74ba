// @ts-nocheck
// lego's environment file for DNS-01 (read by systemd EnvironmentFile= on the DNS VM).
// Contains credentials: written only as a root-only secret file.
import type { DnsProvider } from '../catalog/dnsProviders.js';

/** Shell-safe single-line value for an EnvironmentFile= line. */
function envValue(v: string): string {
  if (/[\n\r\0]/.test(v)) throw new Error('a DNS credential contains a line break');
  // systemd EnvironmentFile honours double quotes with backslash escapes.
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** KEY="value" lines for the provider's lego env (required and given optional ones). */
export function renderLegoEnv(p: DnsProvider, credentials: Record<string, string>): string | undefined {
  if (!p.lego) return undefined;
  const lines: string[] = [];
  for (const key of p.lego.env) {
    const v = credentials[key];
    if (v === undefined) throw new Error(`dnsProvider.credentials.${key} is required for ${p.label} (lego ${p.lego.code})`);
    lines.push(`${key}=${envValue(v)}`);
  }
  for (const key of p.lego.optionalEnv ?? []) {
    const v = credentials[key];
    if (v !== undefined) lines.push(`${key}=${envValue(v)}`);
  }
  return lines.join('\n') + '\n';
}

// Every secret value in the answers, so any text leaving the process can be scrubbed.
import type { Answers } from '../schema/answers.js';
import { dnsProvider } from '../catalog/dnsProviders.js';

export const REDACTED = '«redacted»';

export function collectSecrets(a: Answers, extra: string[] = []): string[] {
  const out: string[] = [...extra];
  if (a.relay?.password) out.push(a.relay.password);
  for (const m of a.mailboxes) if (m.password) out.push(m.password);
  if (a.dyndns?.secret) out.push(a.dyndns.secret);
  if (a.dnsProvider) {
    const p = dnsProvider(a.dnsProvider.provider);
    for (const [k, v] of Object.entries(a.dnsProvider.credentials)) {
      const field = p?.credentials.find((c) => c.key === k);
      if (!field || field.secret) out.push(v);
    }
  }
  // Longest first so a secret that contains another is replaced whole.
  return [...new Set(out.filter((s) => s.length >= 3))].sort((x, y) => y.length - x.length);
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(REDACTED);
  return out;
}

// @ts-nocheck
// A copy of the answers without any secret value: what the state file and logs may keep.
import type { Answers } from '../schema/answers.js';
import { dnsProvider } from '../catalog/dnsProviders.js';

export const SECRET_PLACEHOLDER = '(secret, not stored)';

export function redactAnswers(a: Answers): Answers {
  const copy = structuredClone(a);
  if (copy.relay?.password !== undefined) copy.relay.password = SECRET_PLACEHOLDER;
  for (const m of copy.mailboxes) if (m.password !== undefined) m.password = SECRET_PLACEHOLDER;
  if (copy.dyndns) copy.dyndns.secret = SECRET_PLACEHOLDER;
  if (copy.dnsProvider) {
    const p = dnsProvider(copy.dnsProvider.provider);
    for (const k of Object.keys(copy.dnsProvider.credentials)) {
      const f = p?.credentials.find((c) => c.key === k);
      if (!f || f.secret) copy.dnsProvider.credentials[k] = SECRET_PLACEHOLDER;
    }
  }
  return copy;
}

// @ts-nocheck
// Repair = the idempotent install with the answers from the site state. The state keeps no
// secret (each is replaced by a placeholder), so the secrets a re-provision uploads again must
// be typed (masked) in the menu, or come from an answers file (`install --answers FILE`).
import type { FieldProblem } from '../cli/errors.js';
import { dnsProvider } from '../catalog/dnsProviders.js';
import { SECRET_PLACEHOLDER } from '../plan/redactAnswers.js';
import { answersSchema, type Answers } from '../schema/answers.js';
import { zodProblems } from '../schema/load.js';

export interface SecretField {
  /** Dotted path in the answers, e.g. mailboxes.0.password (also the form key). */
  key: string;
  label: string;
  hint: string;
}

/** Every secret the state replaced by its placeholder, in answers order. */
export function repairSecretFields(a: Answers): SecretField[] {
  const out: SecretField[] = [];
  const is = (v: string | undefined) => v === SECRET_PLACEHOLDER;
  if (is(a.relay?.password)) out.push({ key: 'relay.password', label: `Relay password (${a.relay?.host ?? a.relay?.preset})`, hint: 'the relay login in use now' });
  a.mailboxes.forEach((m, i) => {
    if (is(m.password)) out.push({ key: `mailboxes.${i}.password`, label: `Password ${m.user}@${a.domain}`, hint: 'type the current one to keep it; a new one replaces it' });
  });
  if (is(a.dyndns?.secret)) out.push({ key: 'dyndns.secret', label: `Dyndns secret (${a.dyndns?.provider})`, hint: 'the dyndns account token or password' });
  const p = dnsProvider(a.dnsProvider?.provider);
  for (const [k, v] of Object.entries(a.dnsProvider?.credentials ?? {})) {
    if (is(v)) out.push({ key: `dnsProvider.credentials.${k}`, label: p?.credentials.find((c) => c.key === k)?.label ?? k, hint: `${p?.label ?? 'DNS provider'} credential ${k}` });
  }
  return out;
}

function setPath(obj: Record<string, unknown>, path: string, value: string): void {
  const parts = path.split('.');
  let cur: Record<string, unknown> = obj;
  for (const p of parts.slice(0, -1)) cur = cur[p] as Record<string, unknown>;
  cur[parts[parts.length - 1]!] = value;
}

/** The answers with the typed secrets filled in, validated; problems keyed by field. */
export function fillSecrets(a: Answers, values: Record<string, string>): { answers?: Answers; problems: FieldProblem[] } {
  const copy = structuredClone(a) as unknown as Record<string, unknown>;
  for (const f of repairSecretFields(a)) setPath(copy, f.key, values[f.key] ?? '');
  const r = answersSchema.safeParse(copy);
  if (!r.success) return { problems: zodProblems(r.error) };
  return { answers: r.data, problems: [] };
}

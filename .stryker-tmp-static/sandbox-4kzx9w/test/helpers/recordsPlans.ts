// @ts-nocheck
// Plans for the records tests, built from answers files through the real schema.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { derivePlan } from '../../src/plan/derive.js';
import type { Plan } from '../../src/plan/types.js';
import { validateAnswers } from '../../src/schema/load.js';
import { RELAY_PRESETS, type RelayPresetKey } from '../../src/catalog/relayPresets.js';
import { ROOT } from './cli.js';

export function planFromFile(rel: string, opts: { dkimRecord?: string } = {}): Plan {
  const data: unknown = parse(readFileSync(`${ROOT}${rel}`, 'utf8'));
  return derivePlan(validateAnswers(data, rel), opts);
}

/** A valid smarthost relay section for each preset. */
export function relayFor(key: RelayPresetKey): Record<string, unknown> {
  const p = RELAY_PRESETS.find((x) => x.key === key)!;
  const relay: Record<string, unknown> = { preset: key };
  if (p.host === null) relay.host = p.hostHint;
  if (p.needsAuth) {
    relay.user = p.fixedUser ?? 'relay@example.com';
    relay.password = 'relay-example-secret';
  }
  if (p.spf === null) relay.spf = 'include:_spf.relay.example.net';
  return relay;
}

export function smarthostPlan(key: RelayPresetKey): Plan {
  const data = parse(readFileSync(`${ROOT}examples/standalone.yaml`, 'utf8')) as Record<string, unknown>;
  return derivePlan(validateAnswers({ ...data, mode: 'smarthost', relay: relayFor(key) }, `smarthost-${key}`));
}

/** A deterministic stand-in for a 2048-bit DKIM TXT value (base64 of 294 bytes, like a real SPKI). */
export function fakeDkim2048(): string {
  const bytes = Buffer.alloc(294);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 11) % 256;
  return `v=DKIM1; k=rsa; p=${bytes.toString('base64')}`;
}

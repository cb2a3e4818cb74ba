// A relay change on a provisioned site, as data: the change itself (validated with the same
// zod relaySchema as the answers file), the site's plan before and after, and what that means
// for the DNS records. Pure: no host, no terminal.
import { InputError, type FieldProblem } from '../cli/errors.js';
import { relayIsSiteProblem, relaySchema, type Answers, type Network, type Relay } from '../schema/answers.js';
import { zodProblems } from '../schema/load.js';
import { planFromState } from '../verify/planFromState.js';
import type { Plan } from '../plan/types.js';
import { buildRecords, DKIM_SELECTOR, type DnsRecord, spfRecordValue } from '../render/records.js';
import type { SiteState } from '../tasks/siteState.js';

export type RelayChange = { mode: 'standalone' } | { mode: 'smarthost'; relay: Relay };

const ANSWER_KEYS = new Set(['domain', 'hostSerial', 'mode', 'relay', 'publicIp', 'dnsProvider', 'dyndns', 'network', 'mailboxes', 'pbs', 'decision', 'contact', 'escalation']);

/**
 * The relay part of an answers file: `relay:` (mode smarthost implied) or `mode: standalone`.
 * Other answers keys may be present (a full answers file) and are ignored, unless they name
 * another site.
 */
export function parseRelayChange(data: unknown, source: string, site?: { domain: string; serial: string; network?: Network; publicIp?: string }): RelayChange {
  const problems: FieldProblem[] = [];
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(source, [{ path: '(top level)', message: 'must be a mapping with a relay: section, or mode: standalone' }]);
  }
  const d = data as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!ANSWER_KEYS.has(k)) problems.push({ path: k, message: 'is not a known field (a relay change reads relay: and mode:)' });
  if (site && d.domain !== undefined && d.domain !== site.domain) problems.push({ path: 'domain', message: `is ${String(d.domain)} but this host's site is ${site.domain}` });
  if (site && d.hostSerial !== undefined && d.hostSerial !== site.serial) problems.push({ path: 'hostSerial', message: `is ${String(d.hostSerial)} but this host's site is ${site.serial}` });
  const mode = d.mode ?? (d.relay !== undefined ? 'smarthost' : undefined);
  if (mode !== 'standalone' && mode !== 'smarthost') {
    problems.push({ path: mode === undefined ? 'relay' : 'mode', message: mode === undefined ? 'is required (or mode: standalone to remove the relay)' : 'must be standalone or smarthost' });
  } else if (mode === 'standalone' && d.relay !== undefined) {
    problems.push({ path: 'relay', message: 'must be absent when mode is standalone (remove it, or set mode: smarthost)' });
  } else if (mode === 'smarthost' && d.relay === undefined) {
    problems.push({ path: 'relay', message: 'is required when mode is smarthost (give preset/host/user/password)' });
  }
  let relay: Relay | undefined;
  if (mode === 'smarthost' && d.relay !== undefined) {
    const r = relaySchema.safeParse(d.relay);
    if (r.success) {
      relay = r.data;
      const self = site?.network && relay.host ? relayIsSiteProblem(relay.host, { domain: site.domain, hostSerial: site.serial, network: site.network, publicIp: site.publicIp }) : undefined;
      if (self) problems.push({ path: 'relay.host', message: self });
    } else problems.push(...zodProblems(r.error).map((p) => ({ ...p, path: `relay.${p.path}` })));
  }
  if (problems.length) throw new InputError(source, problems);
  return mode === 'standalone' ? { mode } : { mode: 'smarthost', relay: relay! };
}

/** The site's answers (secrets redacted) with the relay change applied. */
export function changedAnswers(state: SiteState, change?: RelayChange): Answers {
  const a = structuredClone(state.answers) as Answers;
  if (!change) return a;
  const { relay: _old, ...rest } = a;
  return change.mode === 'standalone' ? { ...rest, mode: 'standalone' } : { ...rest, mode: 'smarthost', relay: change.relay };
}

/** The site's plan from its state, optionally with a relay change; VMIDs and DKIM as deployed. */
/** The site's plan with the relay change applied (the state file's plan when there is none). */
export function sitePlan(state: SiteState, change?: RelayChange): Plan {
  return planFromState({ ...state, answers: changedAnswers(state, change) });
}

export interface RelaySide {
  mode: 'standalone' | 'smarthost';
  /** "smtp.sendgrid.net:587 (SendGrid, user apikey)" or "none: direct MX delivery". */
  relay: string;
  spf: string;
  dkim: string;
}

export interface RelayPreview {
  before: RelaySide;
  after: RelaySide;
  /** Records to create or change at the DNS provider (their new values). */
  publish: DnsRecord[];
  /** Records to delete at the DNS provider. */
  remove: DnsRecord[];
  /** Relay host, port, user and mode stay the same (a password may still change). */
  sameSettings: boolean;
}

export function relaySide(plan: Plan): RelaySide {
  const r = plan.relay;
  return {
    mode: plan.answers.mode,
    relay: r ? `${r.host}:${r.port} (${r.label}${r.user ? `, user ${r.user}` : ''})` : 'none: direct MX delivery',
    spf: spfRecordValue(plan),
    dkim: r ? r.dkimAdvice : `the mail VM signs (opendkim); publish TXT ${DKIM_SELECTOR}._domainkey.${plan.domain}`,
  };
}

const recordKey = (r: DnsRecord) => `${r.type} ${r.name}`;

export function relayPreview(state: SiteState, change: RelayChange): RelayPreview {
  const before = sitePlan(state);
  const after = sitePlan(state, change);
  const old = new Map(buildRecords(before).map((r) => [recordKey(r), r]));
  const now = buildRecords(after);
  const nowKeys = new Set(now.map(recordKey));
  const publish = now.filter((r) => old.get(recordKey(r))?.value !== r.value);
  const remove = [...old.values()].filter((r) => !nowKeys.has(recordKey(r)));
  const b = before.relay;
  const a = after.relay;
  // Both standalone: no relay on either side (undefined === undefined). A smarthost plan always
  // has a relay host, so a change of mode is a change of host.
  const sameSettings = b?.host === a?.host && b?.port === a?.port && b?.user === a?.user && b?.spf === a?.spf;
  return { before: relaySide(before), after: relaySide(after), publish, remove, sameSettings };
}

/** Plain-text lines of the before/after view (the CLI prints them; the screen draws its own). */
export function previewLines(p: RelayPreview): string[] {
  const row = (label: string, x: string, y: string) => (x === y ? [`  ${label}: ${x} (unchanged)`] : [`  ${label}:`, `    before: ${x}`, `    after:  ${y}`]);
  const out = ['What changes:', ...row('Relay', p.before.relay, p.after.relay), ...row('SPF', p.before.spf, p.after.spf), ...row('DKIM', p.before.dkim, p.after.dkim)];
  if (p.publish.length || p.remove.length) {
    out.push('', 'At the DNS provider:');
    for (const r of p.publish) out.push(`  ${r.kind === 'request' ? 'ask the ISP' : 'set'}  ${r.type} ${r.name}  ${r.value}`);
    for (const r of p.remove) out.push(`  no longer needed (may be deleted)  ${r.type} ${r.name}`);
  } else {
    out.push('', 'No DNS record changes.');
  }
  return out;
}

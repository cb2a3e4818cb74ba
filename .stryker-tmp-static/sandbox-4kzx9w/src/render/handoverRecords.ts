// @ts-nocheck
// The DNS records of the checklist: every record the site needs with its live status.
import type { DnsRecord } from './records.js';
import type { VerifyReport } from '../verify/types.js';
import { isProblem, VERDICT_LABEL } from '../verify/types.js';
import type { RecordItem } from './handoverModel.js';

const when = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export function verifiedLine(verify: VerifyReport | undefined, offline?: VerifyReport): string {
  if (offline) return `Could not be verified at ${when(offline.at)}: none of the resolvers (${offline.resolvers.join(', ')}) answered. Run netsetup-wizard checks --records once the site is online and tick each record below.`;
  if (!verify) return 'Not verified when this checklist was made: run netsetup-wizard checks --records and tick each record below.';
  const required = verify.checks.filter((c) => c.required && c.verdict !== 'skipped').length;
  const state = verify.ok ? `all ${required} required records are published correctly` : `${verify.problems} of ${required} required records need attention`;
  return `Verified ${when(verify.at)} with the public resolvers ${verify.resolvers.join(', ')}: ${state}.`;
}

const kindName = (r: DnsRecord): string => (r.kind === 'request' ? 'ISP request' : r.kind === 'recommended' ? 'recommended' : 'required');

export function recordItems(records: readonly DnsRecord[], verify: VerifyReport | undefined): RecordItem[] {
  return records.map((r) => {
    const c = verify?.checks.find((x) => x.record.type === r.type && x.record.name === r.name);
    const value = r.type === 'MX' || r.type === 'SRV' ? `${r.priority ?? 0} ${r.value}` : r.value;
    const notes: string[] = [];
    if (r.note) notes.push(r.note);
    let status = 'not verified';
    let tone: RecordItem['tone'] = 'unknown';
    if (r.pending) status = 'value not known yet';
    else if (c) {
      status = c.verdict === 'ok' ? `ok ${when(verify!.at).slice(0, 10)}` : VERDICT_LABEL[c.verdict];
      tone = c.verdict === 'ok' ? 'ok' : isProblem(c.verdict) ? (c.required ? 'problem' : 'advisory') : 'unknown';
      if (isProblem(c.verdict)) {
        notes.push(`found: ${c.found.length ? c.found.join(' | ') : 'nothing'}`);
        if (c.detail) notes.push(c.detail);
      }
    }
    return { type: r.type, name: r.name, value, ttl: r.ttl, status, tone, kind: kindName(r), notes };
  });
}

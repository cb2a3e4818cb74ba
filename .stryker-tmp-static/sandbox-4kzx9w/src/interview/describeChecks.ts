// @ts-nocheck
// Default one-line-per-fact summary of the live checks, for the checks screen.
import type { CheckResults } from '../checks/types.js';

export interface CheckLine {
  ok: boolean | null;
  text: string;
}

export function describeCheckResults(r: CheckResults): CheckLine[] {
  const lines: CheckLine[] = [];
  const p = r.port25;
  if (p.status === 'open') lines.push({ ok: true, text: `Outbound port 25: open (${p.host} answered in ${p.ms} ms)` });
  else if (p.status === 'blocked') lines.push({ ok: false, text: 'Outbound port 25: blocked (the ISP filters it; use a smarthost)' });
  else if (p.status === 'no-dns') lines.push({ ok: null, text: 'Outbound port 25: unknown (DNS lookups failed; check the resolver)' });
  else lines.push({ ok: null, text: 'Outbound port 25: unknown (no route to the internet)' });
  const ip = r.publicIp;
  if (ip.status === 'ok') {
    lines.push({ ok: !ip.cgnat, text: `Public IP: ${ip.ip}${ip.cgnat ? ' (behind carrier-grade NAT)' : ''}` });
  } else lines.push({ ok: false, text: 'Public IP: unknown (the IP echo services did not answer)' });
  const ptr = r.ptr;
  if (ptr) {
    const name = ptr.names[0];
    const text =
      ptr.status === 'ok'
        ? `PTR: ${name} (confirmed, matches ${ptr.expected})`
        : ptr.status === 'missing'
          ? `PTR: none for ${ptr.ip} (ask the ISP for ${ptr.expected})`
          : ptr.status === 'not-confirmed'
            ? `PTR: ${name ?? '?'} does not resolve back to ${ptr.ip}`
            : ptr.status === 'other-name'
              ? `PTR: ${name ?? '?'} (expected ${ptr.expected})`
              : 'PTR: lookup failed';
    lines.push({ ok: ptr.status === 'ok', text });
  }
  return lines;
}

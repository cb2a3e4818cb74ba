// @ts-nocheck
// Check results → human lines with advice per outcome. Pure; the `checks` command prints these
// and the interview shows them under its spinners.
import type { CheckResults, Port25Result, PtrResult, PublicIpResult } from './types.js';

export function describePublicIp(r: PublicIpResult): string[] {
  if (r.status === 'failed') {
    return [
      `✗ Public IP: unknown (${r.detail})`,
      '  Advice: the echo services did not answer. Check that this host reaches the internet over HTTPS (proxy, firewall); set NETSETUP_IP_ECHO_URLS to another echo service, or put the static IP into the answers file as publicIp.',
    ];
  }
  const lines = [`✓ Public IP: ${r.ip} (seen by ${r.source})`];
  if (r.cgnat) {
    lines.push(`! Carrier-grade NAT: ${r.note ?? 'the site shares its public address with other customers'}`);
    lines.push('  Advice: inbound mail needs a public IPv4. Ask the ISP for a public (ideally static) address, or use a smarthost for outbound mail.');
  } else if (r.note) {
    lines.push(`! ${r.note}`);
  }
  return lines;
}

export function describePort25(r: Port25Result): string[] {
  const s = (r.ms / 1000).toFixed(1);
  switch (r.status) {
    case 'open':
      return [`✓ Outbound port 25: open (${r.host} answered "${r.banner}" after ${s} s)`];
    case 'blocked':
      return [
        `✗ Outbound port 25: blocked (${r.detail}; ${s} s)`,
        '  Advice: the ISP or a firewall filters outgoing SMTP, so direct delivery cannot work. Use a smarthost (relay on port 587), or ask the ISP to open port 25 (business lines often can) and run the checks again.',
      ];
    case 'no-dns':
      return [
        `? Outbound port 25: unknown, DNS failed (${r.detail})`,
        '  Advice: this host cannot resolve names. Fix its DNS resolver (/etc/resolv.conf, the router\'s DNS) and run the checks again; port 25 was not tested.',
      ];
    case 'no-network':
      return [
        `✗ Outbound port 25: no network (${r.detail})`,
        '  Advice: this host has no route to the internet. Check the cable, the default gateway (ip route) and the router, then run the checks again.',
      ];
  }
}

export function describePtr(r: PtrResult | undefined): string[] {
  if (!r) return ['? Reverse DNS (PTR): not checked, the public IP is unknown or shared (CGNAT)'];
  const yn = (b: boolean): string => (b ? 'yes' : 'no');
  const facts = [
    `  PTR of ${r.ip}: ${r.names.length ? r.names.join(', ') : '(none)'}`,
    `  resolves back to ${r.ip}: ${r.names.length ? yn(r.forwardConfirmed) : '-'}`,
    `  is ${r.expected || 'mail.<domain>'}: ${r.expected ? yn(r.matchesMailHost) : '- (no domain given; use --answers)'}`,
  ];
  const want = r.expected || 'mail.<domain>';
  switch (r.status) {
    case 'ok':
      return [`✓ Reverse DNS (PTR): ${r.names.join(', ')}`, ...facts];
    case 'missing':
      return [`✗ Reverse DNS (PTR): none for ${r.ip}`, ...facts, `  Advice: for direct delivery ask the ISP to set the PTR of ${r.ip} to ${want} (only the owner of the address block can); otherwise use a smarthost.`];
    case 'other-name':
      return [`✗ Reverse DNS (PTR): ${r.names.join(', ')}, not ${want}`, ...facts, `  Advice: for direct delivery ask the ISP to change the PTR of ${r.ip} to ${want}, and publish A ${want} → ${r.ip}.`];
    case 'not-confirmed':
      return [`! Reverse DNS (PTR): ${r.names.join(', ')} does not resolve back to ${r.ip}`, ...facts, `  Advice: publish the A record ${r.names[0] ?? want} → ${r.ip} (see: netsetup-wizard records); receivers reject mail from names that do not match.`];
    case 'lookup-failed':
      return [`? Reverse DNS (PTR): lookup failed (${r.detail ?? 'DNS error'})`, '  Advice: the resolver did not answer the reverse query; check DNS and run the checks again.'];
  }
}

export function describeChecks(results: CheckResults): string[] {
  return [...describePublicIp(results.publicIp), ...describePort25(results.port25), ...describePtr(results.ptr)];
}

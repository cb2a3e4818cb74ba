// Small IPv4 / domain helpers used by the schema. ipaddr.js does the address math,
// tldts knows the public suffix list.
import ipaddr from 'ipaddr.js';
import { parse as parseDomain } from 'tldts-icann';

export function isIPv4(s: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(s);
}

/** Ranges a public mail server's address can never be in. Documentation ranges are allowed
 * (they are what examples and tests use); private, shared (CGNAT), loopback and friends are not. */
const NOT_PUBLIC = new Set(['private', 'loopback', 'linkLocal', 'carrierGradeNat', 'multicast', 'unspecified', 'broadcast', 'reserved', 'benchmarking', 'amt', 'as112', 'deprecated', 'as112v4', 'ipv4Mapped']);
const DOCUMENTATION = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'].map((c) => ipaddr.IPv4.parseCIDR(c));

export function ipv4PublicProblem(s: string): string | undefined {
  if (!isIPv4(s)) return `"${s}" is not an IPv4 address (expected four numbers 0-255, e.g. 203.0.113.7)`;
  const a = ipaddr.IPv4.parse(s);
  if (DOCUMENTATION.some(([net, len]) => a.match(net, len))) return undefined;
  const range = a.range();
  if (range === 'carrierGradeNat') return `${s} is a carrier-grade NAT (100.64.0.0/10) address, not a public one; the site is behind CGNAT and needs a smarthost or a public IP from the ISP`;
  if (NOT_PUBLIC.has(range)) return `${s} is a ${range} address, not a public one`;
  return undefined;
}

export function ipv4ToInt(s: string): number {
  return ipaddr.IPv4.parse(s).toByteArray().reduce((acc, b) => acc * 256 + b, 0);
}

export function sameSubnet(a: string, b: string, prefix: number): boolean {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return ((ipv4ToInt(a) & mask) >>> 0) === ((ipv4ToInt(b) & mask) >>> 0);
}

export function isNetworkOrBroadcast(ip: string, prefix: number): boolean {
  if (prefix >= 31) return false;
  const hostBits = 32 - prefix;
  const hostMask = hostBits === 32 ? 0xffffffff : (2 ** hostBits - 1);
  const host = ipv4ToInt(ip) % (hostMask + 1);
  return host === 0 || host === hostMask;
}

export function subnetCidr(ip: string, prefix: number): string {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const n = (ipv4ToInt(ip) & mask) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.')}/${prefix}`;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Why a string is not a usable customer mail domain, or undefined when it is. */
export function domainProblem(raw: string): string | undefined {
  const d = raw.trim().toLowerCase();
  if (d.endsWith('.')) return `"${raw}" must not end with a dot (write ${d.slice(0, -1)})`;
  if (d.length > 253) return 'is longer than 253 characters';
  const labels = d.split('.');
  if (labels.length < 2) return `"${raw}" is a single label; expected a registrable name such as example.com`;
  for (const l of labels) {
    if (!LABEL.test(l)) return `"${raw}" has an invalid label "${l}" (letters, digits and inner hyphens, 1-63 characters)`;
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return `"${raw}" looks like an IP address, expected a domain name`;
  const info = parseDomain(d, { allowPrivateDomains: false });
  if (!info.domain) return `"${raw}" is a public suffix, not a registrable domain (e.g. example.${info.publicSuffix ?? 'com'})`;
  return undefined;
}

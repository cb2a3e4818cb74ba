// Small IPv4 / domain helpers used by the schema. ipaddr.js does the address math,
// tldts knows the public suffix list (its ICANN section: every TLD in the root zone) and the
// IANA special-use names registry (RFC 6761 and later).
import ipaddr from 'ipaddr.js';
import { parse as parseDomain } from 'tldts';

export function isIPv4(s: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(s);
}

/** Documentation ranges (RFC 5737) are allowed as public addresses (they are what examples and
 * tests use); every other special-purpose range ipaddr.js knows (private, shared/CGNAT, loopback,
 * link-local, multicast, reserved, AS112, AMT, …: anything but "unicast") is not. */
const DOCUMENTATION = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'].map((c) => ipaddr.IPv4.parseCIDR(c));

export function ipv4PublicProblem(s: string): string | undefined {
  if (!isIPv4(s)) return `"${s}" is not an IPv4 address (expected four numbers 0-255, e.g. 203.0.113.7)`;
  const a = ipaddr.IPv4.parse(s);
  if (DOCUMENTATION.some(([net, len]) => a.match(net, len))) return undefined;
  const range = a.range();
  if (range === 'carrierGradeNat') return `${s} is a carrier-grade NAT (100.64.0.0/10) address, not a public one; the site is behind CGNAT and needs a smarthost or a public IP from the ISP`;
  if (range !== 'unicast') return `${s} is a ${range} address, not a public one`;
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
  const hostMask = 2 ** hostBits - 1;
  const host = ipv4ToInt(ip) % (hostMask + 1);
  return host === 0 || host === hostMask;
}

export function subnetCidr(ip: string, prefix: number): string {
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const n = (ipv4ToInt(ip) & mask) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.')}/${prefix}`;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** RFC 2606 §3 second-level names: reserved for documentation, yet under real TLDs. The SPEC's
 * own examples use them, so they are accepted (tldts flags them special-use with the rest). */
const DOCUMENTATION_DOMAINS = ['example.com', 'example.net', 'example.org'];
const underName = (d: string, name: string) => d === name || d.endsWith(`.${name}`);

/**
 * Why a host or domain name can never be a public DNS name, or undefined when it can:
 * syntax (labels, length, at least two labels), then the names the DNS reserves — RFC 6761 and
 * the IANA special-use registry (.test, .example, .invalid, .localhost, .local, .onion, .alt,
 * home.arpa, …), any name whose first label is localhost, the .arpa infrastructure zone — and
 * any top-level domain the ICANN section of the public suffix list does not know (.internal,
 * .lan, .corp, typos).
 */
export function publicNameProblem(raw: string, opts: { underscores?: boolean } = {}): string | undefined {
  const d = raw.trim().toLowerCase();
  if (d.length > 253) return 'is longer than 253 characters (the DNS limit for a name)';
  if (d.endsWith('.')) return `"${raw}" must not end with a dot (write ${d.slice(0, -1)})`;
  const labels = d.split('.');
  if (labels.length < 2) return `"${raw}" is a single label; expected a fully qualified public name such as example.com`;
  for (const l of labels) {
    // Underscore labels (_spf, _dmarc) name records, not hosts (RFC 8552); only where asked.
    const ok = LABEL.test(l) || (opts.underscores === true && l !== labels[labels.length - 1] && /^_[a-z0-9-]{1,62}$/.test(l));
    if (!ok) return `"${raw}" has an invalid label "${l}" (letters, digits and inner hyphens, 1-63 characters)`;
  }
  const tld = labels[labels.length - 1]!;
  if (/^\d+$/.test(tld)) return `"${raw}" looks like an IP address, expected a domain name`;
  if (labels[0] === 'localhost') return `"${raw}" is a localhost name (RFC 6761 §6.3), never a public one`;
  const info = parseDomain(d, { allowPrivateDomains: false, detectSpecialUse: true });
  if (info.isSpecialUse && !DOCUMENTATION_DOMAINS.some((n) => underName(d, n))) {
    return `"${raw}" is a special-use name (RFC 6761: .local, .test, .example, .invalid, .onion, …), never a public one`;
  }
  if (tld === 'arpa') return `"${raw}" is in the .arpa infrastructure zone, not a public host or mail name`;
  if (!info.isIcann) return `"${raw}" ends in .${tld}, which is not a top-level domain in the public DNS (ICANN); names such as .local, .internal, .lan or .corp only exist inside a network`;
  return undefined;
}

/** Why a string is not a usable customer mail domain, or undefined when it is. */
export function domainProblem(raw: string): string | undefined {
  const p = publicNameProblem(raw);
  if (p) return p;
  const d = raw.trim().toLowerCase();
  const info = parseDomain(d, { allowPrivateDomains: false });
  if (!info.domain) return `"${raw}" is a public suffix, not a registrable domain (e.g. example.${info.publicSuffix ?? 'com'})`;
  return undefined;
}

/** Why an IPv4 address can never be a relay: it is the mail VM itself, or nowhere. */
export function relayAddressProblem(s: string): string | undefined {
  if (!isIPv4(s)) return undefined;
  const a = ipaddr.IPv4.parse(s);
  if (DOCUMENTATION.some(([net, len]) => a.match(net, len))) return undefined;
  const range = a.range();
  if (['loopback', 'unspecified', 'broadcast', 'multicast', 'linkLocal', 'reserved'].includes(range)) {
    return `${s} is a ${range} address: the relay would be the mail VM itself or nowhere`;
  }
  return undefined;
}

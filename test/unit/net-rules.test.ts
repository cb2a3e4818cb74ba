// The address and name helpers under the answers schema, against the registries they stand for:
// the IANA IPv4 special-purpose address registry (RFC 6890 and the RFCs it lists), RFC 1918
// private and RFC 6598 shared space, RFC 5737 documentation blocks, RFC 1035/1123 name syntax,
// RFC 6761 special-use names and RFC 2606 documentation names. Addresses and names are sentinels
// picked from those documents, not from the product's tables.
import { describe, expect, it } from 'vitest';
import { domainProblem, ipv4PublicProblem, ipv4ToInt, isIPv4, isNetworkOrBroadcast, publicNameProblem, relayAddressProblem, sameSubnet, subnetCidr } from '../../src/schema/net.js';

const NOT_PUBLIC = /^\S+ is an? .+ address, not a public one/;

describe('ipv4PublicProblem (RFC 6890 special-purpose ranges)', () => {
  it.each([
    ['0.1.2.3', 'RFC 1122 "this network" 0.0.0.0/8'],
    ['10.0.0.0', 'RFC 1918 10/8, first'],
    ['10.255.255.255', 'RFC 1918 10/8, last'],
    ['100.64.0.0', 'RFC 6598 shared address space, first'],
    ['100.127.255.255', 'RFC 6598, last'],
    ['127.0.0.1', 'RFC 1122 loopback'],
    ['127.255.255.254', 'RFC 1122 loopback 127/8'],
    ['169.254.0.1', 'RFC 3927 link local'],
    ['172.16.0.0', 'RFC 1918 172.16/12, first'],
    ['172.31.255.255', 'RFC 1918 172.16/12, last'],
    ['192.0.0.8', 'RFC 6890 IETF protocol assignments 192.0.0.0/24'],
    ['192.31.196.1', 'RFC 7535 AS112-v4'],
    ['192.52.193.1', 'RFC 7450 AMT'],
    ['192.88.99.1', 'RFC 7526 deprecated 6to4 relay anycast'],
    ['192.168.0.0', 'RFC 1918 192.168/16, first'],
    ['192.168.255.255', 'RFC 1918 192.168/16, last'],
    ['192.175.48.1', 'RFC 7534 direct delegation AS112'],
    ['198.18.0.0', 'RFC 2544 benchmarking, first'],
    ['198.19.255.255', 'RFC 2544 benchmarking, last'],
    ['224.0.0.1', 'RFC 5771 multicast'],
    ['239.255.255.255', 'RFC 5771 multicast, last'],
    ['240.0.0.1', 'RFC 1112 reserved'],
    ['255.255.255.255', 'RFC 919 limited broadcast'],
  ])('%s is refused (%s), naming the address', (ip) => {
    const p = ipv4PublicProblem(ip);
    expect(p).toMatch(NOT_PUBLIC);
    expect(p!.startsWith(`${ip} `)).toBe(true);
  });

  it.each([
    ['1.1.1.1', 'public'],
    ['8.8.8.8', 'public'],
    ['9.255.255.255', 'just below 10/8'],
    ['11.0.0.0', 'just above 10/8'],
    ['100.63.255.255', 'just below 100.64/10'],
    ['100.128.0.0', 'just above 100.64/10'],
    ['172.15.255.255', 'just below 172.16/12'],
    ['172.32.0.0', 'just above 172.16/12'],
    ['192.167.255.255', 'just below 192.168/16'],
    ['192.169.0.0', 'just above 192.168/16'],
    ['198.17.255.255', 'just below 198.18/15'],
    ['198.20.0.0', 'just above 198.18/15'],
    ['223.255.255.255', 'the last unicast address below multicast'],
    ['192.0.2.1', 'RFC 5737 TEST-NET-1 (documentation: what examples and tests use)'],
    ['198.51.100.255', 'RFC 5737 TEST-NET-2'],
    ['203.0.113.0', 'RFC 5737 TEST-NET-3'],
  ])('%s is accepted (%s)', (ip) => {
    expect(ipv4PublicProblem(ip)).toBeUndefined();
  });

  it('names the range a user can look up: private, loopback, CGNAT', () => {
    expect(ipv4PublicProblem('192.168.1.10')).toBe('192.168.1.10 is a private address, not a public one');
    expect(ipv4PublicProblem('127.0.0.1')).toBe('127.0.0.1 is a loopback address, not a public one');
    expect(ipv4PublicProblem('100.64.0.1')).toBe('100.64.0.1 is a carrier-grade NAT (100.64.0.0/10) address, not a public one; the site is behind CGNAT and needs a smarthost or a public IP from the ISP');
  });

  it.each(['1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.-4', '0x7f.0.0.1', '2130706433', '', ' 1.2.3.4', '2001:db8::1'])('%j is not an IPv4 address', (s) => {
    expect(isIPv4(s)).toBe(false);
    expect(ipv4PublicProblem(s)).toBe(`"${s}" is not an IPv4 address (expected four numbers 0-255, e.g. 203.0.113.7)`);
  });
});

describe('relayAddressProblem: only addresses that are this machine or nowhere', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.53.0.1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.251', 'multicast'],
    ['169.254.169.254', 'linkLocal'],
    ['240.0.0.1', 'reserved'],
  ])('%s is refused as %s', (ip, kind) => {
    expect(relayAddressProblem(ip)).toBe(`${ip} is a ${kind} address: the relay would be the mail VM itself or nowhere`);
  });
  it.each(['10.0.0.25', '172.16.5.5', '192.168.1.20', '100.64.0.25', '192.0.2.25', '198.51.100.25', '203.0.113.25', '8.8.8.8', '192.31.196.1'])('%s can be a relay', (ip) => {
    expect(relayAddressProblem(ip)).toBeUndefined();
  });
  it('a name is not its business', () => {
    expect(relayAddressProblem('smtp.example.net')).toBeUndefined();
    expect(relayAddressProblem('127.1')).toBeUndefined();
  });
});

describe('subnet arithmetic (RFC 950 masks, RFC 4632 prefixes)', () => {
  it('ipv4ToInt reads the four octets big-endian', () => {
    expect(ipv4ToInt('0.0.0.0')).toBe(0);
    expect(ipv4ToInt('0.0.0.1')).toBe(1);
    expect(ipv4ToInt('0.0.1.0')).toBe(256);
    expect(ipv4ToInt('1.2.3.4')).toBe(0x01020304);
    expect(ipv4ToInt('255.255.255.255')).toBe(4294967295);
    expect(ipv4ToInt('192.168.1.1')).toBe(3232235777);
  });
  it('sameSubnet at /1, /31, /32 and the prefix edges', () => {
    expect(sameSubnet('1.0.0.0', '127.255.255.255', 1)).toBe(true);
    expect(sameSubnet('1.0.0.0', '128.0.0.0', 1)).toBe(false);
    expect(sameSubnet('10.0.0.4', '10.0.0.5', 31)).toBe(true);
    expect(sameSubnet('10.0.0.5', '10.0.0.6', 31)).toBe(false);
    expect(sameSubnet('10.0.0.5', '10.0.0.5', 32)).toBe(true);
    expect(sameSubnet('10.0.0.5', '10.0.0.4', 32)).toBe(false);
    expect(sameSubnet('192.168.1.1', '192.168.1.254', 24)).toBe(true);
    expect(sameSubnet('192.168.1.1', '192.168.0.254', 24)).toBe(false);
    expect(sameSubnet('255.0.0.1', '255.255.255.254', 8)).toBe(true);
    expect(sameSubnet('255.0.0.1', '254.255.255.254', 8)).toBe(false);
  });
  it('isNetworkOrBroadcast: first and last address of the block, none on /31 and /32 (RFC 3021)', () => {
    expect(isNetworkOrBroadcast('192.168.1.0', 30)).toBe(true);
    expect(isNetworkOrBroadcast('192.168.1.3', 30)).toBe(true);
    expect(isNetworkOrBroadcast('192.168.1.1', 30)).toBe(false);
    expect(isNetworkOrBroadcast('192.168.1.2', 30)).toBe(false);
    expect(isNetworkOrBroadcast('192.168.1.1', 31)).toBe(false);
    expect(isNetworkOrBroadcast('192.168.1.0', 32)).toBe(false);
    expect(isNetworkOrBroadcast('255.255.255.255', 0)).toBe(true);
    expect(isNetworkOrBroadcast('0.0.0.0', 0)).toBe(true);
    expect(isNetworkOrBroadcast('1.2.3.4', 0)).toBe(false);
    expect(isNetworkOrBroadcast('10.255.255.255', 8)).toBe(true);
    expect(isNetworkOrBroadcast('11.0.0.0', 8)).toBe(true);
    expect(isNetworkOrBroadcast('10.0.255.255', 8)).toBe(false);
    expect(isNetworkOrBroadcast('10.0.0.255', 16)).toBe(false);
    expect(isNetworkOrBroadcast('10.0.255.255', 16)).toBe(true);
  });
  it('subnetCidr masks the host bits', () => {
    expect(subnetCidr('255.255.255.255', 1)).toBe('128.0.0.0/1');
    expect(subnetCidr('255.255.255.255', 31)).toBe('255.255.255.254/31');
    expect(subnetCidr('172.31.200.9', 12)).toBe('172.16.0.0/12');
    expect(subnetCidr('192.168.77.200', 26)).toBe('192.168.77.192/26');
  });
});

describe('publicNameProblem (RFC 1035/1123 syntax, RFC 6761 special use, the ICANN root)', () => {
  it.each(['example.com', 'example.net', 'example.org', 'www.example.com', 'a.b.example.org', 'mail.example.co.uk', 'xn--mnchen-3ya.de', 'muster.swiss', 'smtp.sendgrid.net', '1.2.3.example.com', 'a-b.example.com', `${'a'.repeat(63)}.com`, ' Mail.Example.COM '])('%j can be public', (n) => {
    expect(publicNameProblem(n)).toBeUndefined();
  });
  it.each([
    ['shop.example', /^"shop\.example" is a special-use name \(RFC 6761: \.local, \.test, \.example, \.invalid, \.onion, …\), never a public one$/],
    ['example.test', /special-use name/],
    ['mail.localhost', /special-use name|localhost name/],
    ['x.home.arpa', /special-use name/],
    ['printer.local', /special-use name/],
    ['localhost.example.net', /^"localhost\.example\.net" is a localhost name \(RFC 6761 §6\.3\), never a public one$/],
    ['1.0.0.127.in-addr.arpa', /^"1\.0\.0\.127\.in-addr\.arpa" is in the \.arpa infrastructure zone/],
    ['8.b.d.0.1.0.0.2.ip6.arpa', /\.arpa infrastructure zone/],
    ['corp.internal', /^"corp\.internal" ends in \.internal, which is not a top-level domain in the public DNS \(ICANN\); names such as \.local, \.internal, \.lan or \.corp only exist inside a network$/],
    ['host.corp', /ends in \.corp/],
    ['shop.notatld', /ends in \.notatld/],
    ['com', /^"com" is a single label; expected a fully qualified public name such as example\.com$/],
    ['example.com.', /^"example\.com\." must not end with a dot \(write example\.com\)$/],
    ['10.0.0.1', /^"10\.0\.0\.1" looks like an IP address, expected a domain name$/],
    ['host.123', /looks like an IP address/],
    ['host.a1', /^"host\.a1" ends in \.a1, which is not a top-level domain/],
    ['host.1a', /^"host\.1a" ends in \.1a, which is not a top-level domain/],
    ['-a.example.com', /^"-a\.example\.com" has an invalid label "-a" \(letters, digits and inner hyphens, 1-63 characters\)$/],
    ['a-.example.com', /invalid label "a-"/],
    ['a_b.example.com', /invalid label "a_b"/],
    ['a..example.com', /invalid label ""/],
    [`${'a'.repeat(64)}.com`, /invalid label "a{64}"/],
    ['münchen.de', /invalid label "münchen"/],
    [`${'a.'.repeat(126)}co`, /^is longer than 253 characters \(the DNS limit for a name\)$/],
  ])('%j is refused', (n, re) => {
    expect(publicNameProblem(n)).toMatch(re);
  });
  it('253 characters is the longest name (RFC 1035 §3.1: 255 octets on the wire)', () => {
    const n253 = `${'a.'.repeat(125)}com`;
    expect(n253).toHaveLength(253);
    expect(publicNameProblem(n253)).toBeUndefined();
    expect(publicNameProblem(`${n253} `)).toBeUndefined();
  });
  it('underscore labels (RFC 8552 attribute leaves) only when asked, and never as the top-level domain', () => {
    expect(publicNameProblem('_spf.example.net')).toMatch(/invalid label "_spf"/);
    expect(publicNameProblem('_spf.example.net', { underscores: true })).toBeUndefined();
    expect(publicNameProblem('_dmarc._spf.example.net', { underscores: true })).toBeUndefined();
    expect(publicNameProblem('example._net', { underscores: true })).toMatch(/invalid label "_net"/);
    expect(publicNameProblem('_.example.net', { underscores: true })).toMatch(/invalid label "_"/);
    expect(publicNameProblem('_a b.example.net', { underscores: true })).toMatch(/invalid label "_a b"/);
    expect(publicNameProblem('x_y.example.net', { underscores: true })).toMatch(/invalid label "x_y"/);
    expect(publicNameProblem(`_${'a'.repeat(62)}.example.net`, { underscores: true })).toBeUndefined();
    expect(publicNameProblem(`_${'a'.repeat(63)}.example.net`, { underscores: true })).toMatch(/invalid label/);
    expect(publicNameProblem('_spf.example.net', { underscores: false })).toMatch(/invalid label "_spf"/);
  });
  it('names under a private-section suffix of the public suffix list are registered ICANN names', () => {
    // blogspot.com and github.io are in the PSL's PRIVATE section: companies run them under .com/.io.
    expect(publicNameProblem('mail.foo.blogspot.com')).toBeUndefined();
    expect(domainProblem('blogspot.com')).toBeUndefined();
    expect(domainProblem('github.io')).toBeUndefined();
  });
  it('domainProblem also wants a registrable domain, not a public suffix', () => {
    expect(domainProblem('co.uk')).toBe('"co.uk" is a public suffix, not a registrable domain (e.g. example.co.uk)');
    expect(domainProblem('com.au')).toBe('"com.au" is a public suffix, not a registrable domain (e.g. example.com.au)');
    expect(domainProblem('example.co.uk')).toBeUndefined();
    expect(domainProblem('corp.internal')).toMatch(/ends in \.internal/);
  });
});

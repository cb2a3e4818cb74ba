// @ts-nocheck
// The answers schema's rules, in process (the CLI cases are in answers-validation.test.ts). Each
// row changes one thing in a valid file; the expected field comes from the rule's source: IPv4
// subnet arithmetic (RFC 950/4632), RFC 1035 names, the relay providers' documented logins.
import { describe, expect, it } from 'vitest';
import { answersSchema } from '../../src/schema/answers.js';
import { domainProblem, ipv4PublicProblem, isNetworkOrBroadcast, sameSubnet, subnetCidr } from '../../src/schema/net.js';
import { zodProblems } from '../../src/schema/load.js';
import { smarthostAnswers, standaloneAnswers } from '../helpers/answers.js';

type Data = Record<string, any>;
const problems = (data: Data): string[] => {
  const r = answersSchema.safeParse(data);
  return r.success ? [] : zodProblems(r.error).map((p) => `${p.path}: ${p.message}`);
};
const net = (over: Data) => standaloneAnswers({ network: { bridge: 'vmbr0', gateway: '192.168.1.1', prefixLength: 24, pmg: '192.168.1.60', mail: '192.168.1.61', dns: '192.168.1.62', ...over } });
const relay = (r: Data) => smarthostAnswers({ relay: r });

describe('valid files', () => {
  it('the standalone and smarthost examples pass, with defaults filled in', () => {
    expect(problems(standaloneAnswers())).toEqual([]);
    expect(problems(smarthostAnswers())).toEqual([]);
    const a = answersSchema.parse({ ...standaloneAnswers(), network: { gateway: '10.0.0.1', pmg: '10.0.0.60', mail: '10.0.0.61', dns: '10.0.0.62' } });
    expect(a.network).toMatchObject({ bridge: 'vmbr0', prefixLength: 24 });
    expect(a.pbs).toMatchObject({ datastore: 'backup', path: '/var/lib/proxmox-backup/datastore' });
    expect(answersSchema.parse({ ...standaloneAnswers(), domain: ' Example.COM ' }).domain).toBe('example.com');
  });
});

describe('network', () => {
  const cases: Array<[string, Data, RegExp[]]> = [
    ['a guest on the gateway address', { mail: '192.168.1.1' }, [/^network\.mail: 192\.168\.1\.1 is already used by gateway/]],
    ['two guests on one address', { dns: '192.168.1.60' }, [/^network\.dns: 192\.168\.1\.60 is already used by pmg/]],
    ['a guest outside the /24', { pmg: '192.168.2.60' }, [/^network\.pmg: 192\.168\.2\.60 is not in the gateway's subnet 192\.168\.1\.1\/24/]],
    ['the network address', { pmg: '192.168.1.0' }, [/^network\.pmg: 192\.168\.1\.0 is the network or broadcast address of \/24/]],
    ['the broadcast address', { dns: '192.168.1.255' }, [/^network\.dns: 192\.168\.1\.255 is the network or broadcast address/]],
    ['/23 reaches the next block', { prefixLength: 23, pmg: '192.168.0.60' }, []],
    ['/25 does not', { prefixLength: 25, dns: '192.168.1.200' }, [/^network\.dns: 192\.168\.1\.200 is not in the gateway's subnet 192\.168\.1\.1\/25/]],
    ['prefix too short', { prefixLength: 7 }, [/^network\.prefixLength: must be between 8 and 30/]],
    ['prefix too long (and then no guest fits the /31)', { prefixLength: 31 }, [/^network\.prefixLength: must be between 8 and 30/, /^network\.pmg: .* is not in the gateway's subnet 192\.168\.1\.1\/31/, /^network\.mail: /, /^network\.dns: /]],
    ['prefix 8 and 30 are allowed', { prefixLength: 30, gateway: '192.168.1.1', pmg: '192.168.1.2', mail: '192.168.1.2', dns: '192.168.1.2' }, [/mail: 192\.168\.1\.2 is already used by pmg/, /dns: 192\.168\.1\.2 is already used by mail/]],
    ['not an address', { mail: '192.168.1' }, [/^network\.mail: must be an IPv4 address such as 192\.168\.1\.61/]],
    ['bad bridge', { bridge: '0vmbr' }, [/^network\.bridge: must be a Linux bridge name/]],
    ['bridge longer than IFNAMSIZ-1 (15)', { bridge: 'v'.repeat(16) }, [/^network\.bridge:/, /^network\.bridge:/]],
  ];
  it.each(cases)('%s', (_n, over, expected) => {
    const got = problems(net(over));
    expect(got).toHaveLength(expected.length);
    expected.forEach((re, i) => expect(got[i]).toMatch(re));
  });

  it('subnet arithmetic', () => {
    expect(sameSubnet('10.1.2.3', '10.1.255.1', 16)).toBe(true);
    expect(sameSubnet('10.1.2.3', '10.2.0.1', 16)).toBe(false);
    expect(sameSubnet('1.2.3.4', '200.1.1.1', 0)).toBe(true);
    expect(isNetworkOrBroadcast('10.0.0.0', 8)).toBe(true);
    expect(isNetworkOrBroadcast('10.255.255.255', 8)).toBe(true);
    expect(isNetworkOrBroadcast('10.0.0.1', 8)).toBe(false);
    expect(isNetworkOrBroadcast('192.168.1.128', 25)).toBe(true);
    expect(isNetworkOrBroadcast('192.168.1.127', 25)).toBe(true);
    expect(isNetworkOrBroadcast('192.168.1.129', 25)).toBe(false);
    expect(isNetworkOrBroadcast('192.168.1.0', 31)).toBe(false); // RFC 3021 point-to-point
    expect(isNetworkOrBroadcast('0.0.0.0', 0)).toBe(true);
    expect(subnetCidr('192.168.1.61', 24)).toBe('192.168.1.0/24');
    expect(subnetCidr('10.20.30.40', 12)).toBe('10.16.0.0/12');
    expect(subnetCidr('10.20.30.40', 0)).toBe('0.0.0.0/0');
    expect(subnetCidr('10.20.30.40', 32)).toBe('10.20.30.40/32');
  });
});

describe('relay', () => {
  const cases: Array<[string, Data, RegExp[]]> = [
    ['SendGrid logs in as "apikey" (SendGrid SMTP docs)', { preset: 'sendgrid', user: 'me', password: 'x-secret' }, [/^relay\.user: must be "apikey" for SendGrid/]],
    ['SendGrid without user takes apikey', { preset: 'sendgrid', password: 'x-secret' }, []],
    ['SES host must be a regional endpoint', { preset: 'ses', host: 'smtp.example.com', user: 'AKIA', password: 'x-secret' }, [/^relay\.host: does not look like a Amazon SES endpoint/]],
    ['SES regional endpoint', { preset: 'ses', host: 'email-smtp.eu-central-1.amazonaws.com', user: 'AKIA', password: 'x-secret' }, []],
    ['custom needs host, user, password, spf', { preset: 'custom' }, [/^relay\.host: is required for preset custom/, /^relay\.user: is required for Other SMTP relay/, /^relay\.spf: is required for a custom relay/]],
    ['no preset: host and spf required', { user: 'u', password: 'x-secret' }, [/^relay\.host: is required \(or choose a preset\)/, /^relay\.spf: is required/]],
    ['no preset, complete', { host: 'smtp.relay.example.net', user: 'u', password: 'x-secret', spf: 'include:_spf.relay.example.net' }, []],
    ['password and passwordFile', { preset: 'sendgrid', password: 'x-secret', passwordFile: '/root/p' }, [/^relay\.password: give either password or passwordFile, not both/]],
    ['a user without password', { preset: 'gmail', user: 'me@gmail.com' }, [/^relay\.password: is required when a relay user is set/]],
    ['gmail needs a user', { preset: 'gmail', password: 'x-secret' }, [/^relay\.user: is required for Gmail/]],
    ['PMG relay: no login needed', { preset: 'pmg', host: 'pmg.relay.example.net' }, []],
    ['PMG relay needs a host', { preset: 'pmg' }, [/^relay\.host: is required for preset pmg \(e\.g\. pmg\.relay\.example\.net\)/]],
    ['a password of two characters', { preset: 'sendgrid', password: 'ab' }, [/^relay\.password: must be at least 3 characters/]],
    ['a password with a line break', { preset: 'sendgrid', password: 'abc\ndef' }, [/^relay\.password: contains a line break/]],
    ['a password with NUL', { preset: 'sendgrid', password: 'abc\0def' }, [/^relay\.password: contains a control character/]],
    ['a relative passwordFile', { preset: 'sendgrid', passwordFile: 'relay.pass' }, [/^relay\.passwordFile: must be an absolute path/]],
    ['a user with a colon (SASL map separator)', { host: 'h.example.net', user: 'a:b', password: 'x-secret', spf: 'a' }, [/^relay\.user: must be one word without spaces or colons/]],
    ['a port out of range', { preset: 'sendgrid', password: 'x-secret', port: 70000 }, [/^relay\.port:/]],
    ['port 0', { preset: 'sendgrid', password: 'x-secret', port: 0 }, [/^relay\.port:/]],
    ['an SPF that is not one mechanism', { host: 'h.example.net', user: 'u', password: 'x-secret', spf: 'v=spf1 -all' }, [/^relay\.spf: must be one SPF mechanism/]],
    ['every SPF mechanism form', { host: 'h.example.net', user: 'u', password: 'x-secret', spf: 'ip4:198.51.100.7' }, []],
    ['unknown preset', { preset: 'postmark' }, [/^relay\.preset: must be one of: /]],
    ['not a host name', { host: 'bad_host!', preset: 'custom', user: 'u', password: 'x-secret', spf: 'a' }, [/^relay\.host: must be a host name/, /^relay\.host: .*single label/]],
  ];
  it.each(cases)('%s', (_n, r, expected) => {
    const got = problems(relay(r));
    expect(got).toHaveLength(expected.length);
    expected.forEach((re, i) => expect(got[i]).toMatch(re));
  });

  it('mode and relay agree; a PMG relay is not the site itself', () => {
    expect(problems(smarthostAnswers({ relay: undefined }))).toEqual([expect.stringMatching(/^relay: is required when mode is smarthost/)]);
    expect(problems({ ...standaloneAnswers(), relay: { preset: 'sendgrid', password: 'x-secret' } })).toEqual([expect.stringMatching(/^relay: must be absent when mode is standalone/)]);
    expect(problems(relay({ preset: 'pmg', host: 'pmg.example.com' }))).toEqual([expect.stringMatching(/^relay\.host: pmg\.example\.com is this site/)]);
    expect(problems(relay({ preset: 'pmg', host: 'pmg.other.example.net' }))).toEqual([]);
    expect(problems(relay({ preset: 'pmg', host: 'relay.example.com' }))).toEqual([]);
    expect(problems({ ...smarthostAnswers(), mode: 'direct' })).toEqual([expect.stringMatching(/^mode: must be standalone or smarthost/)]);
  });
});

describe('DNS provider, dyndns, mailboxes, public IP, domain', () => {
  it('provider credentials: missing, unknown, empty, and the ddns-updater keys without a static IP', () => {
    const cf = (credentials: Data, extra: Data = {}) => problems(smarthostAnswers({ dnsProvider: { provider: 'cloudflare', credentials }, ...extra }));
    expect(cf({ CF_DNS_API_TOKEN: 't-secret', CF_ZONE_ID: 'z' })).toEqual([]);
    // lego needs the token; ddns-updater (no publicIp) also the zone id
    expect(cf({ CF_ZONE_ID: 'z' })).toEqual([expect.stringMatching(/^dnsProvider\.credentials\.CF_DNS_API_TOKEN: is required for Cloudflare \(API token/)]);
    expect(cf({ CF_DNS_API_TOKEN: 't-secret' })).toEqual([expect.stringMatching(/^dnsProvider\.credentials\.CF_ZONE_ID: is required for Cloudflare to keep the A records on a dynamic IP/)]);
    expect(cf({ CF_DNS_API_TOKEN: 't-secret' }, { publicIp: '203.0.113.7' })).toEqual([]);
    expect(cf({ CF_DNS_API_TOKEN: 't-secret', CF_ZONE_ID: 'z', CF_EMAIL: 'x' })).toEqual([expect.stringMatching(/^dnsProvider\.credentials\.CF_EMAIL: is not a Cloudflare credential; expected CF_DNS_API_TOKEN, CF_ZONE_ID/)]);
    expect(cf({ CF_DNS_API_TOKEN: '', CF_ZONE_ID: 'z' })).toEqual([expect.stringMatching(/^dnsProvider\.credentials\.CF_DNS_API_TOKEN: must not be empty/)]);
    expect(cf({ CF_DNS_API_TOKEN: 'a\nb', CF_ZONE_ID: 'z' })).toEqual([expect.stringMatching(/contains a line break/)]);
    expect(problems(smarthostAnswers({ dnsProvider: { provider: 'nope' } }))).toEqual([expect.stringMatching(/^dnsProvider\.provider: must be one of: cloudflare, /)]);
  });

  it('dyndns: username where the service needs one, the fixed zone, and not with a static IP', () => {
    const dd = (d: Data, extra: Data = {}) => problems(standaloneAnswers({ publicIp: undefined, dyndns: { secret: 'ddns-secret', hosts: ['site'], ...d }, ...extra }));
    expect(dd({ provider: 'noip', username: 'me', domain: 'ddns.net' })).toEqual([]);
    expect(dd({ provider: 'noip', domain: 'ddns.net' })).toEqual(['dyndns.username: is required for No-IP']);
    expect(dd({ provider: 'duckdns', domain: 'duckdns.org' })).toEqual([]);
    expect(dd({ provider: 'duckdns', domain: 'example.org' })).toEqual(['dyndns.domain: must be duckdns.org for Duck DNS']);
    expect(dd({ provider: 'noip', username: 'me', domain: 'ddns.net', hosts: [] })).toEqual(['dyndns.hosts: needs at least one host']);
    expect(dd({ provider: 'noip', username: 'me', domain: 'ddns.net', hosts: ['a.b'] })).toEqual([expect.stringMatching(/^dyndns\.hosts\.0: must be a single DNS label/)]);
    expect(dd({ provider: 'noip', username: 'me', domain: 'ddns.net' }, { publicIp: '203.0.113.7' })).toEqual(['dyndns: is not needed with a static publicIp; remove one of them']);
  });

  it('mailboxes', () => {
    const mb = (list: Data[]) => problems(standaloneAnswers({ mailboxes: list }));
    expect(mb([{ user: 'info', password: '0123456789' }])).toEqual([]);
    expect(mb([{ user: 'info', password: '012345678' }])).toEqual(['mailboxes.0.password: must be at least 10 characters']);
    expect(mb([{ user: 'info' }])).toEqual(['mailboxes.0.password: is required (or give passwordFile)']);
    expect(mb([{ user: 'info', passwordFile: '/root/p' }])).toEqual([]);
    expect(mb([{ user: 'info', password: '0123456789', passwordFile: '/root/p' }])).toEqual(['mailboxes.0.password: give either password or passwordFile, not both']);
    expect(mb([{ user: 'Info', password: '0123456789' }, { user: 'info', password: '0123456789' }])).toEqual(['mailboxes.1.user: mailbox info is listed twice']);
    expect(mb([])).toEqual(['mailboxes: needs at least one mailbox (e.g. info)']);
    expect(mb([{ user: '.info', password: '0123456789' }])).toEqual([expect.stringMatching(/^mailboxes\.0\.user: must be a mailbox local part/)]);
  });

  it('public IP: documentation ranges pass, private, CGNAT and special ranges do not (RFC 1918, 6598, 5735)', () => {
    expect(ipv4PublicProblem('203.0.113.7')).toBeUndefined();
    expect(ipv4PublicProblem('198.51.100.1')).toBeUndefined();
    expect(ipv4PublicProblem('192.0.2.1')).toBeUndefined();
    expect(ipv4PublicProblem('8.8.8.8')).toBeUndefined();
    expect(ipv4PublicProblem('192.168.1.10')).toBe('192.168.1.10 is a private address, not a public one');
    expect(ipv4PublicProblem('10.0.0.1')).toMatch(/private/);
    expect(ipv4PublicProblem('172.16.0.1')).toMatch(/private/);
    expect(ipv4PublicProblem('100.64.0.1')).toMatch(/carrier-grade NAT \(100\.64\.0\.0\/10\)/);
    expect(ipv4PublicProblem('127.0.0.1')).toBe('127.0.0.1 is a loopback address, not a public one');
    expect(ipv4PublicProblem('169.254.1.1')).toMatch(/linkLocal/);
    expect(ipv4PublicProblem('224.0.0.1')).toMatch(/multicast/);
    expect(ipv4PublicProblem('0.0.0.0')).toMatch(/unspecified/);
    expect(ipv4PublicProblem('255.255.255.255')).toMatch(/broadcast/);
    expect(ipv4PublicProblem('240.0.0.1')).toMatch(/reserved/);
    expect(ipv4PublicProblem('198.18.0.1')).toMatch(/^198\.18\.0\.1 is a \w+ address, not a public one$/); // RFC 2544 benchmarking
    expect(ipv4PublicProblem('1.2.3')).toBe('"1.2.3" is not an IPv4 address (expected four numbers 0-255, e.g. 203.0.113.7)');
    expect(problems(standaloneAnswers({ publicIp: '192.168.1.10' }))).toEqual(['publicIp: 192.168.1.10 is a private address, not a public one']);
  });

  it('domain and host serial', () => {
    expect(domainProblem('example.com')).toBeUndefined();
    expect(domainProblem('mail.example.co.uk')).toBeUndefined();
    expect(domainProblem('example.com.')).toBe('"example.com." must not end with a dot (write example.com)');
    expect(domainProblem('localhost')).toMatch(/is a single label/);
    expect(domainProblem('-bad.com')).toMatch(/has an invalid label "-bad"/);
    expect(domainProblem('bad-.com')).toMatch(/has an invalid label "bad-"/);
    expect(domainProblem(`${'a'.repeat(64)}.com`)).toMatch(/invalid label/);
    expect(domainProblem(`${'a'.repeat(63)}.com`)).toBeUndefined();
    expect(domainProblem(`${'a.'.repeat(127)}com`)).toMatch(/^is longer than 253 characters/);
    expect(domainProblem('192.168.1.1')).toMatch(/looks like an IP address/);
    expect(domainProblem('co.uk')).toMatch(/is a public suffix, not a registrable domain \(e\.g\. example\.co\.uk\)/);
    expect(domainProblem(' Example.COM ')).toBeUndefined();
    expect(problems(standaloneAnswers({ hostSerial: 'Lib' }))).toEqual([expect.stringMatching(/^hostSerial: must be 1-20 lowercase letters/)]);
    expect(problems(standaloneAnswers({ hostSerial: 'a'.repeat(21) }))).toHaveLength(1);
    expect(problems(standaloneAnswers({ hostSerial: 'a'.repeat(20) }))).toEqual([]);
    expect(problems(standaloneAnswers({ hostSerial: 'a-' }))).toHaveLength(1);
    expect(problems(standaloneAnswers({ domain: 'co.uk' }))).toEqual([expect.stringMatching(/^domain: "co\.uk" is a public suffix/)]);
  });

  it('decision and pbs', () => {
    expect(problems(standaloneAnswers({ decision: { highVolume: true, overrideReason: 'ok' } }))).toEqual(['decision.overrideReason: must be at least 3 characters']);
    expect(answersSchema.parse(standaloneAnswers({ decision: {} })).decision).toEqual({ highVolume: false, thirdPartyAllowed: true });
    expect(problems(standaloneAnswers({ pbs: { datastore: 'bad store' } }))).toEqual([expect.stringMatching(/^pbs\.datastore: must be a datastore id/)]);
    expect(problems(standaloneAnswers({ pbs: { path: 'rel' } }))).toEqual([expect.stringMatching(/^pbs\.path: must be an absolute path/)]);
    expect(problems(standaloneAnswers({ extra: 1 }))).toEqual([expect.stringMatching(/^extra: is not a known field/)]);
  });
});

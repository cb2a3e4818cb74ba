// The hostile-input rules of the answers schema (issue 9), in process: the same classes as
// test/e2e/hostile-input.test.ts (which runs the built CLI and so cannot see a mutant), one row
// per case, each refused with the field named and a message saying what would be right — or
// accepted on purpose. The expectations come from outside the schema: the RFCs (1035/1123 names,
// 5321 addresses, 6761 special-use names, 6890 special-purpose ranges), the Filesystem Hierarchy
// Standard (system folders), Proxmox's datastore id rule, Nix's flake URL schemes, and boundary
// sentinels the test picks (limit - 1, limit, limit + 1).
import { describe, expect, it } from 'vitest';
import { answersSchema, pbsPathProblem, pruneBackups, relayHostProblem, relayIsSiteProblem } from '../../src/schema/answers.js';
import { zodProblems } from '../../src/schema/load.js';
import { standaloneAnswers } from '../helpers/answers.js';

type Data = Record<string, any>;
const problems = (data: Data): string[] => {
  const r = answersSchema.safeParse(data);
  return r.success ? [] : zodProblems(r.error).map((p) => `${p.path}: ${p.message}`);
};
const parsed = (data: Data) => answersSchema.parse(data);

const NETWORK = { bridge: 'vmbr0', gateway: '192.168.1.1', prefixLength: 24, pmg: '192.168.1.60', mail: '192.168.1.61', dns: '192.168.1.62' };
const STANDALONE: Data = {
  domain: 'example.com',
  hostSerial: 'lib',
  mode: 'standalone',
  publicIp: '203.0.113.7',
  network: NETWORK,
  mailboxes: [{ user: 'info', password: 'mailbox-Secret-771' }],
};
const CUSTOM_RELAY: Data = { host: 'smtp.relay.example.net', port: 587, user: 'relayuser', password: 'relay-Secret-42', spf: 'include:_spf.relay.example.net' };
const standalone = (over: Data = {}): Data => ({ ...structuredClone(STANDALONE), ...over });
const relay = (r: Data, over: Data = {}): Data => standalone({ mode: 'smarthost', relay: { ...CUSTOM_RELAY, ...r }, ...over });
const mailbox = (m: Data): Data => standalone({ mailboxes: [{ user: 'info', ...m }] });
const dyndns = (d: Data): Data => standalone({ publicIp: undefined, dyndns: { provider: 'noip', username: 'me', secret: 'noip-secret-1', hosts: ['laufentaler'], domain: 'ddns.net', ...d } });
const cloudflare = (credentials: Data): Data => standalone({ dnsProvider: { provider: 'cloudflare', credentials } });
const CF_ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const pbs = (p: Data): Data => standalone({ pbs: p });
const contact = (c: Data): Data => standalone({ contact: c });

/** A row: name, the answers, and every problem expected (field path, then what the message must say). */
type Row = [string, Data, Array<[string, RegExp]>];
const check = (data: Data, expected: Array<[string, RegExp]>) => {
  const got = problems(data);
  expect(got, got.join('\n')).toHaveLength(expected.length);
  expected.forEach(([path, re], i) => {
    const [gotPath, ...rest] = got[i]!.split(': ');
    expect(gotPath, got[i]).toBe(path);
    expect(rest.join(': '), got[i]).toMatch(re);
  });
};
const ok: Array<[string, RegExp]> = [];

describe('every length is bounded, at the limit accepted and one over refused', () => {
  const atMost = (n: number) => new RegExp(`^must be at most ${n} characters$`);
  const rows: Row[] = [
    ['mailbox password of 256', mailbox({ password: 'p'.repeat(256) }), ok],
    ['mailbox password of 257', mailbox({ password: 'p'.repeat(257) }), [['mailboxes.0.password', atMost(256)]]],
    ['mailbox password of 100 KB', mailbox({ password: 'x'.repeat(100_000) }), [['mailboxes.0.password', atMost(256)]]],
    ['relay password of 256', relay({ password: 'r'.repeat(256) }), ok],
    ['relay password of 257', relay({ password: 'r'.repeat(257) }), [['relay.password', atMost(256)]]],
    ['relay user of 256', relay({ user: 'u'.repeat(256) }), ok],
    ['relay user of 257', relay({ user: 'u'.repeat(257) }), [['relay.user', atMost(256)]]],
    ['dyndns secret of 257', dyndns({ secret: 's'.repeat(257) }), [['dyndns.secret', atMost(256)]]],
    ['dyndns username of 256', dyndns({ username: 'n'.repeat(256) }), ok],
    ['dyndns username of 257', dyndns({ username: 'n'.repeat(257) }), [['dyndns.username', atMost(256)]]],
    ['DNS API token of 2048', cloudflare({ CF_DNS_API_TOKEN: 't'.repeat(2048), CF_ZONE_ID: CF_ZONE }), ok],
    ['DNS API token of 2049', cloudflare({ CF_DNS_API_TOKEN: 't'.repeat(2049), CF_ZONE_ID: CF_ZONE }), [['dnsProvider.credentials.CF_DNS_API_TOKEN', atMost(2048)]]],
    ['passwordFile path of 1024', mailbox({ passwordFile: `/${'d'.repeat(1023)}` }), ok],
    ['passwordFile path of 1025', mailbox({ passwordFile: `/${'d'.repeat(1024)}` }), [['mailboxes.0.passwordFile', atMost(1024)]]],
    ['relay passwordFile path of 1025', relay({ password: undefined, passwordFile: `/${'d'.repeat(1024)}` }), [['relay.passwordFile', atMost(1024)]]],
    ['override reason of 500', standalone({ decision: { overrideReason: 'r'.repeat(500) } }), ok],
    ['override reason of 501', standalone({ decision: { overrideReason: 'r'.repeat(501) } }), [['decision.overrideReason', atMost(500)]]],
    ['contact name of 100', contact({ name: 'n'.repeat(100), phone: '+41 61 555 01 23' }), ok],
    ['contact name of 101', contact({ name: 'n'.repeat(101), phone: '+41 61 555 01 23' }), [['contact.name', atMost(100)]]],
    ['contact phone of 32', contact({ name: 'Max', phone: `+${'1'.repeat(31)}` }), ok],
    ['contact phone of 33', contact({ name: 'Max', phone: `+${'1'.repeat(32)}` }), [['contact.phone', atMost(32)], ['contact.phone', /^must be a phone number such as \+41 61 555 01 23$/]]],
    // RFC 5321 §4.5.3.1: a path (hence an address) is at most 256 octets with its angle brackets.
    ['contact e-mail of 255', contact({ name: 'Max', email: `m@${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com` }), [['contact.email', atMost(254)]]],
    ['pbs.path of 1025', pbs({ path: `/mnt/${'p'.repeat(1020)}` }), [['pbs.path', atMost(1024)]]],
    ['domain of 254', standalone({ domain: `${'a.'.repeat(125)}com.` }), [['domain', atMost(253)], ['domain', /is longer than 253 characters/]]],
    ['relay host of 254', relay({ host: `${'a.'.repeat(125)}comm` }), [['relay.host', atMost(253)], ['relay.host', /^must be a host name such as smtp\.sendgrid\.net$/], ['relay.host', /is longer than 253 characters \(the DNS limit for a name\)/]]],
    ['mailbox user of 64 (RFC 5321 §4.5.3.1.1 local part)', mailbox({ user: 'u'.repeat(64), password: 'mailbox-Secret-771' }), ok],
    ['mailbox user of 65', mailbox({ user: 'u'.repeat(65), password: 'mailbox-Secret-771' }), [['mailboxes.0.user', /^must be at most 64 characters$/], ['mailboxes.0.user', /^must be a mailbox local part such as info or max\.muster$/]]],
    ['gateway of 16 characters', standalone({ network: { ...NETWORK, gateway: '192.168.001.0001' } }), [['network.gateway', /^must be an IPv4 address such as 192\.168\.1\.1$/]]],
    ['publicIp of 16 characters', standalone({ publicIp: '203.000.113.0007' }), [['publicIp', /^must be an IPv4 address such as 203\.0\.113\.7$/], ['publicIp', /is not an IPv4 address \(expected four numbers 0-255, e\.g\. 203\.0\.113\.7\)/]]],
    ['500 mailboxes', standalone({ mailboxes: Array.from({ length: 500 }, (_, i) => ({ user: `u${i}`, password: 'mailbox-Secret-771' })) }), ok],
    ['501 mailboxes', standalone({ mailboxes: Array.from({ length: 501 }, (_, i) => ({ user: `u${i}`, password: 'mailbox-Secret-771' })) }), [['mailboxes', /^has at most 500 mailboxes$/]]],
    ['20 dyndns hosts', dyndns({ hosts: Array.from({ length: 20 }, (_, i) => `h${i}`) }), ok],
    ['21 dyndns hosts', dyndns({ hosts: Array.from({ length: 21 }, (_, i) => `h${i}`) }), [['dyndns.hosts', /^has at most 20 hosts$/]]],
    ['a dyndns host label of 63 (RFC 1035 §2.3.4)', dyndns({ hosts: ['h'.repeat(63)] }), ok],
    ['a dyndns host label of 64', dyndns({ hosts: ['h'.repeat(64)] }), [['dyndns.hosts.0', /63/], ['dyndns.hosts.0', /^must be a single DNS label such as laufentaler$/]]],
    ['a dyndns zone of 254', dyndns({ domain: `${'a.'.repeat(125)}netw` }), [['dyndns.domain', atMost(253)], ['dyndns.domain', /^must be the dyndns zone, e\.g\. ddns\.net$/], ['dyndns.domain', /longer than 253/]]],
    ['a credential name of 65', cloudflare({ CF_DNS_API_TOKEN: 't-secret', CF_ZONE_ID: CF_ZONE, ['K'.repeat(65)]: 'v' }), [['dnsProvider.credentials.' + 'K'.repeat(65), /64/], ['dnsProvider.credentials.' + 'K'.repeat(65), /^is not a Cloudflare credential; expected CF_DNS_API_TOKEN, CF_ZONE_ID$/]]],
    ['an SPF term of 256', relay({ spf: `include:${'a'.repeat(240)}.example.net` }), [['relay.spf', /^must be at most 255 characters$/], ['relay.spf', /^must be one SPF mechanism such as include:_spf\.relay\.example\.net or ip4:198\.51\.100\.7: /]]],
  ];
  it.each(rows)('%s', (_n, data, expected) => check(data, expected));
});

describe('no field takes a line break or a control character', () => {
  // Every one-line field that takes free text; the character is one the shell, a SASL map or a
  // terminal would read as structure (LF, CR, NUL, ESC) or that displays as something else (U+202E).
  const lineBreak = /^contains a line break \(U\+000A\); every field is one line of visible text$/;
  const rows: Row[] = [
    ['relay user', relay({ user: 'relay\nuser' }), [['relay.user', /must be one word without spaces or colons \(e\.g\. apikey or name@example\.com\)/], ['relay.user', lineBreak]]],
    ['relay password', relay({ password: 'relay\nSecret-42' }), [['relay.password', lineBreak]]],
    ['relay passwordFile', relay({ password: undefined, passwordFile: '/root/relay\n.pass' }), [['relay.passwordFile', lineBreak]]],
    ['mailbox password (CR)', mailbox({ password: 'mailbox-\rSecret-771' }), [['mailboxes.0.password', /^contains a line break \(U\+000D\)/]]],
    ['mailbox password (NUL)', mailbox({ password: 'mailbox-\u0000Secret-771' }), [['mailboxes.0.password', /^contains a control character \(U\+0000\)/]]],
    ['mailbox password (ESC)', mailbox({ password: 'mailbox-\u001b[2JSecret-771' }), [['mailboxes.0.password', /^contains a control character \(U\+001B\)/]]],
    ['mailbox password (RLO)', mailbox({ password: 'mailbox-\u202eSecret-771' }), [['mailboxes.0.password', /^contains a text-direction character \(U\+202E\)/]]],
    ['mailbox passwordFile', mailbox({ passwordFile: '/root/pw\n.txt' }), [['mailboxes.0.passwordFile', lineBreak]]],
    ['dyndns username', dyndns({ username: 'me\n' }), [['dyndns.username', lineBreak]]],
    ['dyndns secret', dyndns({ secret: 'noip\nsecret-1' }), [['dyndns.secret', lineBreak]]],
    ['DNS token', cloudflare({ CF_DNS_API_TOKEN: 'tok\nen-1', CF_ZONE_ID: CF_ZONE }), [['dnsProvider.credentials.CF_DNS_API_TOKEN', lineBreak]]],
    ['override reason', standalone({ decision: { overrideReason: 'customer\nwish' } }), [['decision.overrideReason', lineBreak]]],
    ['contact name', contact({ name: 'Max\nMuster', phone: '+41 61 555 01 23' }), [['contact.name', lineBreak]]],
    ['escalation phone', standalone({ escalation: { name: 'On-call desk', phone: '+41 61\n555' } }), [['escalation.phone', /^must be a phone number/], ['escalation.phone', lineBreak]]],
  ];
  it.each(rows)('%s', (_n, data, expected) => check(data, expected));
});

describe('names that cannot be public (RFC 1035/1123 syntax, RFC 6761 special use, the ICANN root)', () => {
  const rows: Row[] = [
    ['domain corp.local (RFC 6762 mDNS)', standalone({ domain: 'corp.local' }), [['domain', /^"corp\.local" is a special-use name \(RFC 6761/]]],
    ['domain shop.test', standalone({ domain: 'shop.test' }), [['domain', /is a special-use name/]]],
    ['domain shop.invalid', standalone({ domain: 'shop.invalid' }), [['domain', /is a special-use name/]]],
    ['domain shop.onion (RFC 7686)', standalone({ domain: 'shop.onion' }), [['domain', /is a special-use name/]]],
    ['domain x.home.arpa (RFC 8375)', standalone({ domain: 'x.home.arpa' }), [['domain', /is a special-use name/]]],
    ['domain 7.113.0.203.in-addr.arpa', standalone({ domain: '7.113.0.203.in-addr.arpa' }), [['domain', /^"7\.113\.0\.203\.in-addr\.arpa" is in the \.arpa infrastructure zone, not a public host or mail name$/]]],
    ['domain corp.internal', standalone({ domain: 'corp.internal' }), [['domain', /^"corp\.internal" ends in \.internal, which is not a top-level domain in the public DNS \(ICANN\)/]]],
    ['domain corp.lan', standalone({ domain: 'corp.lan' }), [['domain', /ends in \.lan, which is not a top-level domain/]]],
    ['domain localhost.example.com (RFC 6761 §6.3)', standalone({ domain: 'localhost.example.com' }), [['domain', /^"localhost\.example\.com" is a localhost name \(RFC 6761 §6\.3\), never a public one$/]]],
    ['domain localhost', standalone({ domain: 'localhost' }), [['domain', /^"localhost" is a single label; expected a fully qualified public name such as example\.com$/]]],
    ['domain example.com. (trailing dot)', standalone({ domain: 'example.com.' }), [['domain', /^"example\.com\." must not end with a dot \(write example\.com\)$/]]],
    ['domain 203.0.113.7', standalone({ domain: '203.0.113.7' }), [['domain', /^"203\.0\.113\.7" looks like an IP address, expected a domain name$/]]],
    ['domain exa_mple.com (RFC 1123 §2.1 host names)', standalone({ domain: 'exa_mple.com' }), [['domain', /^"exa_mple\.com" has an invalid label "exa_mple" \(letters, digits and inner hyphens, 1-63 characters\)$/]]],
    ['domain shop..com (empty label)', standalone({ domain: 'shop..com' }), [['domain', /has an invalid label ""/]]],
    ['domain co.uk (a public suffix)', standalone({ domain: 'co.uk' }), [['domain', /^"co\.uk" is a public suffix, not a registrable domain \(e\.g\. example\.co\.uk\)$/]]],
    ['domain mail.example.co.uk', standalone({ domain: 'mail.example.co.uk' }), ok],
    ['domain xn--mnchen-3ya.de (IDNA A-label)', standalone({ domain: 'xn--mnchen-3ya.de' }), ok],
    ['domain example.org (RFC 2606, used by the SPEC)', standalone({ domain: 'example.org' }), ok],
    ['dyndns zone ddns.local', dyndns({ domain: 'ddns.local' }), [['dyndns.domain', /^"ddns\.local" is a special-use name/]]],
    ['dyndns zone ddns_net', dyndns({ domain: 'ddns_net' }), [['dyndns.domain', /^must be the dyndns zone, e\.g\. ddns\.net$/], ['dyndns.domain', /single label/]]],
    ['dyndns zone DDNS.Net (case and spaces folded)', dyndns({ domain: ' DDNS.Net ' }), ok],
    ['contact e-mail at corp.internal', contact({ name: 'Max', email: 'max@corp.internal' }), [['contact.email', /^has a domain that cannot receive mail: "corp\.internal" ends in \.internal/]]],
  ];
  it.each(rows)('%s', (_n, data, expected) => check(data, expected));
});

describe('a relay that is the site itself, or nowhere', () => {
  const itself = (h: string) => new RegExp(`^${h.replace(/\./g, '\\.')} is this site itself; a relay must be another host \\(the mail would loop\\)$`);
  const nowhere = (h: string, kind: string) => new RegExp(`^${h.replace(/\./g, '\\.')} is a ${kind} address: the relay would be the mail VM itself or nowhere$`);
  const rows: Row[] = [
    ['localhost', relay({ host: 'localhost' }), [['relay.host', /single label/]]],
    ['localhost.localdomain', relay({ host: 'localhost.localdomain' }), [['relay.host', /is a localhost name \(RFC 6761 §6\.3\)/]]],
    ['127.0.0.1 (RFC 1122 loopback)', relay({ host: '127.0.0.1' }), [['relay.host', nowhere('127.0.0.1', 'loopback')]]],
    ['127.1 (what inet_aton reads as 127.0.0.1)', relay({ host: '127.1' }), [['relay.host', /^"127\.1" looks like an IP address, expected a domain name$/]]],
    ['2130706433 (127.0.0.1 as one number)', relay({ host: '2130706433' }), [['relay.host', /single label/]]],
    ['0x7f.0.0.1', relay({ host: '0x7f.0.0.1' }), [['relay.host', /looks like an IP address/]]],
    ['0.0.0.0 (RFC 1122 "this host")', relay({ host: '0.0.0.0' }), [['relay.host', nowhere('0.0.0.0', 'unspecified')]]],
    ['169.254.1.1 (RFC 3927 link-local)', relay({ host: '169.254.1.1' }), [['relay.host', nowhere('169.254.1.1', 'linkLocal')]]],
    ['224.0.0.1 (RFC 5771 multicast)', relay({ host: '224.0.0.1' }), [['relay.host', nowhere('224.0.0.1', 'multicast')]]],
    ['255.255.255.255 (RFC 919 limited broadcast)', relay({ host: '255.255.255.255' }), [['relay.host', nowhere('255.255.255.255', 'broadcast')]]],
    ['240.0.0.1 (RFC 1112 reserved)', relay({ host: '240.0.0.1' }), [['relay.host', nowhere('240.0.0.1', 'reserved')]]],
    ['mail.<domain>', relay({ host: 'mail.example.com' }), [['relay.host', itself('mail.example.com')]]],
    ['mx.<domain>', relay({ host: 'mx.example.com' }), [['relay.host', itself('mx.example.com')]]],
    ['pmg.<domain>', relay({ host: 'pmg.example.com' }), [['relay.host', itself('pmg.example.com')]]],
    ['mta-sts.<domain>', relay({ host: 'mta-sts.example.com' }), [['relay.host', itself('mta-sts.example.com')]]],
    ['the domain', relay({ host: 'example.com' }), [['relay.host', itself('example.com')]]],
    ['the domain in capitals', relay({ host: 'MAIL.Example.COM' }), [['relay.host', itself('mail.example.com')]]],
    ['a guest name under the domain', relay({ host: 'pmg-lib.example.com' }), [['relay.host', itself('pmg-lib.example.com')]]],
    ['the mail VM\'s address', relay({ host: '192.168.1.61' }), [['relay.host', /^192\.168\.1\.61 is this site's own mail address; a relay must be another host \(the mail would loop\)$/]]],
    ['the PMG\'s address', relay({ host: '192.168.1.60' }), [['relay.host', /^192\.168\.1\.60 is this site's own pmg address/]]],
    ['the DNS VM\'s address', relay({ host: '192.168.1.62' }), [['relay.host', /^192\.168\.1\.62 is this site's own dns address/]]],
    ['the public IP', relay({ host: '203.0.113.7' }), [['relay.host', /^203\.0\.113\.7 is this site's own publicIp address/]]],
    ['smtp.local', relay({ host: 'smtp.local' }), [['relay.host', /special-use name/]]],
    ['smtp.corp.lan', relay({ host: 'smtp.corp.lan' }), [['relay.host', /ends in \.lan/]]],
    ['another host of the customer (accepted)', relay({ host: 'relay.example.com' }), ok],
    ['an in-house relay on the LAN (accepted)', relay({ host: '192.168.1.20' }), ok],
    ['a public relay address (accepted)', relay({ host: '198.51.100.25' }), ok],
    ['the documentation address without a publicIp (accepted: no dyndns needed for a relay)', relay({ host: '203.0.113.7' }, { publicIp: undefined }), ok],
    ['a name with characters no host name has', relay({ host: 'smtp relay.example.net' }), [['relay.host', /^must be a host name such as smtp\.sendgrid\.net$/], ['relay.host', /invalid label "smtp relay"/]]],
    ['a host name in capitals is folded (accepted)', relay({ host: ' SMTP.Relay.Example.NET ' }), ok],
  ];
  it.each(rows)('%s', (_n, data, expected) => check(data, expected));

  it('folds the host to lower case without spaces', () => {
    expect(parsed(relay({ host: ' SMTP.Relay.Example.NET ' })).relay?.host).toBe('smtp.relay.example.net');
  });

  const site = { domain: 'example.com', hostSerial: 'lib', network: { ...NETWORK }, publicIp: '203.0.113.7' };
  it.each([
    ['mail-lib', /is this site itself/],
    ['dns-lib', /is this site itself/],
    ['pmg-lib', /is this site itself/],
    ['mail-lib.corp.example.net', /is this site itself/],
    [' Mail.Example.com ', /^ Mail\.Example\.com  is this site itself/],
    ['mail-library.example.net', undefined],
    ['relay.mail.example.com', undefined],
    ['www.example.com', undefined],
    ['smtp.example.net', undefined],
  ] as const)('relayIsSiteProblem(%j)', (host, expected) => {
    const got = relayIsSiteProblem(host, site);
    if (expected) expect(got).toMatch(expected);
    else expect(got).toBeUndefined();
  });

  it('relayIsSiteProblem compares the site as given (trimmed, any case) and works without a publicIp', () => {
    const raw = { domain: ' Example.COM ', hostSerial: 'lib', network: { ...NETWORK, mail: ' 192.168.1.61 ' } };
    expect(relayIsSiteProblem('mx.example.com', raw)).toMatch(/is this site itself/);
    expect(relayIsSiteProblem('192.168.1.61', raw)).toMatch(/own mail address/);
    expect(relayIsSiteProblem('203.0.113.7', raw)).toBeUndefined();
    expect(relayIsSiteProblem('192.168.1.99', raw)).toBeUndefined();
  });

  it('relayHostProblem: four-part addresses by range, everything else as a public name', () => {
    expect(relayHostProblem('127.0.0.1')).toMatch(/loopback address: the relay would be the mail VM itself or nowhere/);
    expect(relayHostProblem('10.0.0.25')).toBeUndefined(); // RFC 1918: an in-house relay
    expect(relayHostProblem('100.64.0.25')).toBeUndefined(); // RFC 6598: reachable inside the ISP's network
    expect(relayHostProblem('192.0.2.25')).toBeUndefined(); // RFC 5737 documentation
    expect(relayHostProblem('198.18.0.1')).toMatch(/^198\.18\.0\.1 is a reserved address/); // RFC 2544 benchmarking
    expect(relayHostProblem('smtp.sendgrid.net')).toBeUndefined();
    expect(relayHostProblem('smtp.example.test')).toMatch(/special-use/);
    expect(relayHostProblem('127.1')).toMatch(/looks like an IP address/);
  });
});

describe('SPF mechanism of a custom relay (RFC 7208)', () => {
  const spfMsg = /^must be one SPF mechanism such as include:_spf\.relay\.example\.net or ip4:198\.51\.100\.7: \S/;
  const rows: Row[] = [
    ['include of a .test name', relay({ spf: 'include:_spf.relay.test' }), [['relay.spf', spfMsg]]],
    ['a whole record', relay({ spf: 'v=spf1 -all' }), [['relay.spf', spfMsg]]],
    ['shell text', relay({ spf: 'include:x";$(id).com' }), [['relay.spf', spfMsg]]],
    ['all (would let everyone send)', relay({ spf: 'all' }), [['relay.spf', spfMsg]]],
    ['include:_spf.google.com (accepted)', relay({ spf: 'include:_spf.google.com' }), ok],
    ['ip4 network (accepted)', relay({ spf: 'ip4:198.51.100.0/24' }), ok],
    ['ip6 network (accepted)', relay({ spf: 'ip6:2001:db8::/32' }), ok],
    ['missing for a custom relay', relay({ spf: undefined }), [['relay.spf', /^is required for a custom relay: the SPF mechanism your provider documents, e\.g\. include:_spf\.relay\.example\.net$/]]],
    ['not needed for a preset that documents it', relay({ preset: 'sendgrid', host: undefined, user: undefined, spf: undefined }), ok],
  ];
  it.each(rows)('%s', (_n, data, expected) => check(data, expected));
});

describe('relay logins', () => {
  const rows: Row[] = [
    ['no preset, no user', relay({ user: undefined, password: undefined }), [['relay.user', /^is required for this relay \(the SMTP login\)$/]]],
    ['gmail without user names the convention', relay({ preset: 'gmail', host: undefined, user: undefined, spf: undefined }), [['relay.user', /^is required for Gmail \(.+\)$/]]],
    ['a user with a space', relay({ user: 'relay user' }), [['relay.user', /^must be one word without spaces or colons/]]],
    ['a user, no password, no passwordFile', relay({ password: undefined }), [['relay.password', /^is required when a relay user is set \(or give passwordFile\)$/]]],
    ['a passwordFile instead of a password (accepted)', relay({ password: undefined, passwordFile: '/root/relay.pass' }), ok],
    ['both', relay({ passwordFile: '/root/relay.pass' }), [['relay.password', /^give either password or passwordFile, not both$/]]],
    ['a relative passwordFile', relay({ password: undefined, passwordFile: 'relay.pass' }), [['relay.passwordFile', /^must be an absolute path such as \/root\/relay\.pass$/]]],
    ['a password of 3 (accepted: a relay token may be short)', relay({ password: 'abc' }), ok],
    ['a password of 2', relay({ password: 'ab' }), [['relay.password', /^must be at least 3 characters$/]]],
    ['port 65535 (accepted)', relay({ port: 65535 }), ok],
    ['port 1 (accepted)', relay({ port: 1 }), ok],
    ['port 65536', relay({ port: 65536 }), [['relay.port', /65535/]]],
    ['port 587.5', relay({ port: 587.5 }), [['relay.port', /integer/]]],
    ['PMG relay without login (accepted)', relay({ preset: 'pmg', host: 'pmg.relay.example.net', user: undefined, password: undefined, spf: undefined }), ok],
    ['a preset name not in the list', relay({ preset: 'postmark' }), [['relay.preset', /^must be one of: (\w|-)+(, (\w|-)+)+$/]]],
  ];
  it.each(rows)('%s', (_n, data, expected) => check(data, expected));
});

describe('pbs.path', () => {
  // Top-level folders of the Filesystem Hierarchy Standard 3.0 that belong to the system, and
  // Proxmox's own storage (/var/lib/vz, the "local" storage of a PVE host).
  const system = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/root', '/run', '/sbin', '/sys', '/tmp', '/usr', '/var/tmp', '/var/log', '/var/run', '/var/lib/vz'];
  it.each(system)('a folder inside %s is refused, naming that folder', (dir) => {
    const p = `${dir}/backup`;
    expect(pbsPathProblem(p)).toBe(`${p} is inside the system folder ${dir}; give a folder of its own, e.g. /mnt/datastore/backup`);
  });
  it('the PVE cluster file system under /etc is refused as part of /etc', () => {
    expect(pbsPathProblem('/etc/pve/backup')).toMatch(/^\/etc\/pve\/backup is inside the system folder \/etc;/);
    expect(pbsPathProblem('/var/lib/vz')).toMatch(/^\/var\/lib\/vz is inside the system folder \/var\/lib\/vz;/);
  });
  it.each([
    ['backup', /^must be an absolute path such as \/var\/lib\/proxmox-backup\/datastore$/],
    ['var/lib/backup', /^must be an absolute path/],
    ['..', /^must be an absolute path/],
    ['/mnt/a b', /^may only hold letters, digits and \. _ - \+ @ \/ \(e\.g\. \/mnt\/datastore\/backup\)$/],
    ['/mnt/$(id)', /^may only hold/],
    ['/mnt/`id`', /^may only hold/],
    ['/mnt/x;rm', /^may only hold/],
    ['/mnt/x\n/y', /^may only hold/],
    ['/var/lib/../..', /^must not climb out with "\.\." \(give the folder itself, e\.g\. \/mnt\/datastore\/backup\)$/],
    ['/mnt/datastore/..', /^must not climb out/],
    ['/', /^must not be \/ \(the whole host\): give a folder of its own, e\.g\. \/mnt\/datastore\/backup$/],
    ['//', /^must not be \//],
    ['/.', /^must not be \//],
    ['/./', /^must not be \//],
    ['/mnt', /^\/mnt is a top-level folder; give a folder of its own below it, e\.g\. \/mnt\/backup$/],
    ['/srv/', /^\/srv is a top-level folder; .* e\.g\. \/srv\/backup$/],
    ['//var//', /^\/var is a top-level folder/],
    ['/./mnt/./', /^\/mnt is a top-level folder/],
  ] as const)('%j is refused', (p, re) => {
    expect(pbsPathProblem(p)).toMatch(re);
  });
  it.each(['/srv/pbs', '/mnt/datastore/backup', '/mnt/datastore/backup/', '/var/lib/proxmox-backup/datastore', '/tmpfs/backup', '/etcetera/backup', '/var/lib/vzdump-store', '/data/user@host/b+c_d.e-f'])('%j is accepted', (p) => {
    expect(pbsPathProblem(p)).toBeUndefined();
  });
  it('the schema names pbs.path and stores the normalised folder', () => {
    check(pbs({ path: '/etc/backup' }), [['pbs.path', /^\/etc\/backup is inside the system folder \/etc;/]]);
    expect(parsed(pbs({ path: '/mnt//datastore/./backup//' })).pbs.path).toBe('/mnt/datastore/backup');
    expect(parsed(pbs({ path: '/srv/pbs/' })).pbs.path).toBe('/srv/pbs');
    expect(parsed(pbs({ path: '/srv/pbs' })).pbs.path).toBe('/srv/pbs');
  });
});

describe('pbs retention and schedules, disks, images, MTA-STS', () => {
  const rows: Row[] = [
    // Proxmox Backup Server: a datastore id is 3-32 characters, [A-Za-z0-9_][A-Za-z0-9._-]* (pbs-api-types DATASTORE_SCHEMA).
    ['datastore id of 3', pbs({ datastore: 'abc' }), ok],
    ['datastore id of 2', pbs({ datastore: 'ab' }), [['pbs.datastore', /^must be a datastore id of 3 to 32 characters such as backup$/]]],
    ['datastore id of 32', pbs({ datastore: 'd'.repeat(32) }), ok],
    ['datastore id of 33', pbs({ datastore: 'd'.repeat(33) }), [['pbs.datastore', /32/], ['pbs.datastore', /^must be a datastore id/]]],
    ['datastore id starting with a dot', pbs({ datastore: '.store' }), [['pbs.datastore', /^must be a datastore id/]]],
    ['datastore id starting with _ (accepted)', pbs({ datastore: '_store.1-a' }), ok],
    ['minFreeGiB 0', pbs({ minFreeGiB: 0 }), [['pbs.minFreeGiB', /^must be at least 1 \(GiB\)$/]]],
    ['minFreeGiB 1 (accepted)', pbs({ minFreeGiB: 1 }), ok],
    ['keep nothing', pbs({ keep: { daily: 0, weekly: 0 } }), [['pbs.keep', /^must keep at least one backup \(e\.g\. daily: 7\)$/]]],
    ['keep an empty object', pbs({ keep: {} }), [['pbs.keep', /^must keep at least one backup/]]],
    ['keep last 1 (accepted)', pbs({ keep: { last: 1 } }), ok],
    ['keep -1', pbs({ keep: { daily: -1, weekly: 4 } }), [['pbs.keep.daily', /^must be 0 or more$/]]],
    ['keep 1001', pbs({ keep: { yearly: 1001 } }), [['pbs.keep.yearly', /^must be at most 1000$/]]],
    ['keep 1000 (accepted)', pbs({ keep: { hourly: 1000 } }), ok],
    ['an unknown keep key', pbs({ keep: { daily: 7, forever: 1 } }), [['pbs.keep.forever', /^is not a known field/]]],
    ['a schedule that is no calendar event', pbs({ backupSchedule: 'every night' }), [['pbs.backupSchedule', /^must be a Proxmox calendar event such as 02:30, daily or sat 04:00$/]]],
    ['gc schedule', pbs({ gcSchedule: 'nope' }), [['pbs.gcSchedule', /calendar event/]]],
    ['prune schedule', pbs({ pruneSchedule: 'nope' }), [['pbs.pruneSchedule', /calendar event/]]],
    ['verify schedule', pbs({ verifySchedule: 'nope' }), [['pbs.verifySchedule', /calendar event/]]],
    ['schedules with spaces around (accepted)', pbs({ backupSchedule: ' 03:15 ', verifySchedule: ' sun 05:00 ' }), ok],
    ['mail disk 16 GiB (accepted)', standalone({ disks: { mailGb: 16 } }), ok],
    ['mail disk 15 GiB', standalone({ disks: { mailGb: 15 } }), [['disks.mailGb', /^must be at least 16 \(GiB\): a rebuild needs a few GiB beside the mail$/]]],
    ['mail disk 16385 GiB', standalone({ disks: { mailGb: 16385 } }), [['disks.mailGb', /16384/]]],
    ['DNS disk 8 GiB (accepted)', standalone({ disks: { dnsGb: 8 } }), ok],
    ['DNS disk 7 GiB', standalone({ disks: { dnsGb: 7 } }), [['disks.dnsGb', /^must be at least 8 \(GiB\): a rebuild needs a few GiB$/]]],
    ['DNS disk 1025 GiB', standalone({ disks: { dnsGb: 1025 } }), [['disks.dnsGb', /1024/]]],
    ['builder disk 19 GiB', standalone({ images: { builderDiskGb: 19 } }), [['images.builderDiskGb', /^must be at least 20 \(GiB\): the builder holds the Nix store of both images$/]]],
    ['builder disk 513 GiB', standalone({ images: { builderDiskGb: 513 } }), [['images.builderDiskGb', /512/]]],
    ['builder disk 20 GiB (accepted)', standalone({ images: { builderDiskGb: 20 } }), ok],
    ['a substituter over ftp', standalone({ images: { substituter: 'ftp://cache.example.net' } }), [['images.substituter', /^must be an http\(s\) URL such as https:\/\/cache\.nixos\.org$/]]],
    ['a substituter with nothing after the scheme', standalone({ images: { substituter: 'https://' } }), [['images.substituter', /http\(s\) URL/]]],
    ['a substituter on plain http (accepted: a LAN cache)', standalone({ images: { substituter: 'http://10.0.0.5:5000' } }), ok],
    ['a signing key too short for ed25519 (32 bytes = 43 base64 + "=")', standalone({ images: { trustedPublicKey: `cache.example.net-1:${'A'.repeat(42)}=` } }), [['images.trustedPublicKey', /^must be a Nix signing key name:base64 such as cache\.nixos\.org-1:/]]],
    ['a signing key without a name', standalone({ images: { trustedPublicKey: `:${'A'.repeat(43)}=` } }), [['images.trustedPublicKey', /signing key/]]],
    ['another signing key (accepted)', standalone({ images: { trustedPublicKey: `cache.example.net-1:${'A+/9'.repeat(10)}abc=` } }), ok],
    ['nixpkgs from github (accepted)', standalone({ images: { nixpkgs: 'github:NixOS/nixpkgs/nixos-24.11' } }), ok],
    ['nixpkgs from a tarball mirror (accepted)', standalone({ images: { nixpkgs: 'tarball+https://mirror.example.net/nixpkgs.tar.gz?narHash=sha256-x' } }), ok],
    ['nixpkgs from git over https (accepted)', standalone({ images: { nixpkgs: 'git+https://git.example.net/nixpkgs' } }), ok],
    ['nixpkgs from a local path (accepted)', standalone({ images: { nixpkgs: 'path:/srv/nixpkgs' } }), ok],
    ['nixpkgs from a plain https URL (accepted)', standalone({ images: { nixpkgs: 'https://mirror.example.net/nixpkgs.tar.gz' } }), ok],
    ['nixpkgs over ftp', standalone({ images: { nixpkgs: 'ftp://mirror.example.net/nixpkgs' } }), [['images.nixpkgs', /^must be a flake URL such as tarball\+https:/]]],
    ['nixpkgs "github:" alone', standalone({ images: { nixpkgs: 'github:' } }), [['images.nixpkgs', /flake URL/]]],
    ['a Debian mirror (accepted)', standalone({ images: { debianMirror: 'http://deb.debian.org/debian' } }), ok],
    ['a Debian mirror that is a path', standalone({ images: { debianMirror: '/srv/debian' } }), [['images.debianMirror', /^must be an http\(s\) URL of a Debian mirror such as http:\/\/deb\.debian\.org\/debian$/]]],
    ['MTA-STS mode none', standalone({ mtaSts: { mode: 'none' } }), [['mtaSts.mode', /^must be testing or enforce$/]]],
    ['MTA-STS enforce (accepted)', standalone({ mtaSts: { mode: 'enforce' } }), ok],
  ];
  it.each(rows)('%s', (_n, data, expected) => check(data, expected));

  it('MTA-STS starts in testing (RFC 8461 §5 advises testing first)', () => {
    expect(parsed(standalone({ mtaSts: {} })).mtaSts).toEqual({ mode: 'testing' });
  });

  it('schedules are stored trimmed', () => {
    expect(parsed(pbs({ backupSchedule: ' 03:15 ' })).pbs.backupSchedule).toBe('03:15');
  });

  it('pruneBackups writes each keep count as keep-<unit>=<n> (PVE prune-backups), none undefined', () => {
    const units = ['last', 'hourly', 'daily', 'weekly', 'monthly', 'yearly'];
    const all = Object.fromEntries(units.map((u, i) => [u, i + 1]));
    expect(new Set(pruneBackups(all).split(','))).toEqual(new Set(units.map((u, i) => `keep-${u}=${i + 1}`)));
    expect(pruneBackups({ daily: 7, weekly: 4 }).split(',').sort()).toEqual(['keep-daily=7', 'keep-weekly=4']);
    expect(pruneBackups({ monthly: 6, daily: undefined })).toBe('keep-monthly=6');
    expect(pruneBackups({})).toBe('');
  });
});

describe('contacts (RFC 5321 addresses, phone numbers)', () => {
  const rows: Row[] = [
    ['a name and a phone (accepted)', contact({ name: 'Max Muster', phone: '+41 61 555 01 23' }), ok],
    ['a name and an e-mail (accepted)', contact({ name: 'Muster IT', email: 'support@example.net' }), ok],
    ['neither phone nor e-mail', contact({ name: 'Max' }), [['contact.phone', /^give a phone number or an e-mail address \(or both\), so the customer can reach them$/]]],
    ['escalation: neither', standalone({ escalation: { name: 'Desk' } }), [['escalation.phone', /give a phone number or an e-mail address/]]],
    ['a one-letter name', contact({ name: 'M', phone: '+41 61 555 01 23' }), [['contact.name', /^must be at least 2 characters \(a person or a company\)$/]]],
    ['a name of one letter padded with spaces', contact({ name: '  M  ', phone: '+41 61 555 01 23' }), [['contact.name', /at least 2 characters/]]],
    ['a phone of letters', contact({ name: 'Max', phone: 'call me' }), [['contact.phone', /^must be a phone number such as \+41 61 555 01 23$/]]],
    ['a phone of two digits', contact({ name: 'Max', phone: '12' }), [['contact.phone', /phone number/]]],
    ['a phone of three digits (accepted: emergency and short numbers)', contact({ name: 'Max', phone: '117' }), ok],
    ['a phone with dots, slashes and brackets (accepted)', contact({ name: 'Max', phone: '061/555.01.23 (4)' }), ok],
    ['not an e-mail address', contact({ name: 'Max', email: 'support' }), [['contact.email', /^must be an e-mail address such as support@example\.net$/]]],
    ['two @', contact({ name: 'Max', email: 'a@b@example.net' }), [['contact.email', /^must be an e-mail address/]]],
    ['a local part of 65 (RFC 5321 §4.5.3.1.1: at most 64)', contact({ name: 'Max', email: `${'l'.repeat(65)}@example.net` }), [['contact.email', /^must be an e-mail address/]]],
    ['a local part of 64 (accepted)', contact({ name: 'Max', email: `${'l'.repeat(64)}@example.net` }), ok],
    ['RFC 5322 atext in the local part (accepted)', contact({ name: 'Max', email: "o'brien+it.desk!#$%&*/=?^_`{|}~-@example.net" }), ok],
    ['a domain that is a single label', contact({ name: 'Max', email: 'max@localhost' }), [['contact.email', /^has a domain that cannot receive mail: "localhost" is a single label/]]],
  ];
  it.each(rows)('%s', (_n, data, expected) => check(data, expected));

  it('name, phone and e-mail are stored without surrounding spaces', () => {
    expect(parsed(contact({ name: '  Max Muster ', phone: ' +41 61 555 01 23 ', email: ' support@example.net ' })).contact).toEqual({ name: 'Max Muster', phone: '+41 61 555 01 23', email: 'support@example.net' });
  });
});

describe('mailboxes, dyndns, DNS provider credentials', () => {
  const rows: Row[] = [
    ['a mailbox user with spaces and capitals (folded, accepted)', mailbox({ user: ' Info ', password: 'mailbox-Secret-771' }), ok],
    ['two mailboxes that differ only in case', standalone({ mailboxes: [{ user: 'info', password: 'mailbox-Secret-771' }, { user: 'INFO', password: 'mailbox-Secret-771' }] }), [['mailboxes.1.user', /^mailbox info is listed twice$/]]],
    ['mailbox password of 9', mailbox({ password: '123456789' }), [['mailboxes.0.password', /^must be at least 10 characters$/]]],
    ['mailbox password of 2', mailbox({ password: '12' }), [['mailboxes.0.password', /^must be at least 3 characters$/], ['mailboxes.0.password', /^must be at least 10 characters$/]]],
    ['a mailbox user with a dot inside (accepted)', mailbox({ user: 'max.muster', password: 'mailbox-Secret-771' }), ok],
    ['a mailbox user ending in a dot', mailbox({ user: 'max.', password: 'mailbox-Secret-771' }), [['mailboxes.0.user', /local part/]]],
    ['dyndns host with a leading hyphen', dyndns({ hosts: ['-site'] }), [['dyndns.hosts.0', /single DNS label/]]],
    ['dyndns host with a trailing hyphen', dyndns({ hosts: ['site-'] }), [['dyndns.hosts.0', /single DNS label/]]],
    ['dyndns host in capitals', dyndns({ hosts: ['Site'] }), [['dyndns.hosts.0', /single DNS label/]]],
    ['dyndns host of one character (accepted)', dyndns({ hosts: ['a'] }), ok],
    ['No-IP without username', dyndns({ username: undefined }), [['dyndns.username', /^is required for No-IP$/]]],
    ['No-IP with an empty username', dyndns({ username: '' }), [['dyndns.username', /1/], ['dyndns.username', /^is required for No-IP$/]]],
    ['deSEC outside dedyn.io', dyndns({ provider: 'desec', username: undefined, domain: 'example.net' }), [['dyndns.domain', /^must be dedyn\.io for deSEC/]]],
    ['dynv6 in any zone (accepted)', dyndns({ provider: 'dynv6', username: undefined, domain: 'example.net' }), ok],
    ['a dyndns secret of 2', dyndns({ secret: 'ab' }), [['dyndns.secret', /^must be at least 3 characters$/]]],
    ['an unknown dyndns provider', dyndns({ provider: 'dyndns-example' }), [['dyndns.provider', /^must be one of: noip, /]]],
    ['no hosts', dyndns({ hosts: [] }), [['dyndns.hosts', /^needs at least one host$/]]],
    ['dyndns and a static publicIp', dyndns({}), ok],
    ['a DNS provider without credentials', standalone({ dnsProvider: { provider: 'cloudflare' } }), [['dnsProvider.credentials.CF_DNS_API_TOKEN', /^is required for Cloudflare \(/]]],
    ['an empty credential', cloudflare({ CF_DNS_API_TOKEN: '', CF_ZONE_ID: CF_ZONE }), [['dnsProvider.credentials.CF_DNS_API_TOKEN', /^must not be empty$/]]],
    ['an unknown DNS provider', standalone({ dnsProvider: { provider: 'dns.example', credentials: {} } }), [['dnsProvider.provider', /^must be one of: cloudflare, /]]],
  ];
  it.each(rows)('%s', (_n, data, expected) => check(data, expected));

  it('dyndns with a static publicIp is refused as not needed', () => {
    check({ ...dyndns({}), publicIp: '203.0.113.7' }, [['dyndns', /^is not needed with a static publicIp; remove one of them$/]]);
  });
  it('mailbox users are stored folded', () => {
    expect(parsed(mailbox({ user: ' Info ', password: 'mailbox-Secret-771' })).mailboxes[0]!.user).toBe('info');
  });
});

describe('network: no cross-field checks on an address that does not parse', () => {
  it('a bad gateway is reported alone, without subnet noise about the guests', () => {
    check(standalone({ network: { ...NETWORK, gateway: '192.168.1', pmg: '10.9.9.9' } }), [['network.gateway', /^must be an IPv4 address such as 192\.168\.1\.1$/]]);
    check(standalone({ network: { ...NETWORK, dns: 'dns', gateway: '192.168.1.0' } }), [['network.dns', /^must be an IPv4 address such as 192\.168\.1\.62$/]]);
  });
  it('each address field shows an example from its own role', () => {
    check(standalone({ network: { ...NETWORK, pmg: 'pmg' } }), [['network.pmg', /^must be an IPv4 address such as 192\.168\.1\.60$/]]);
    check(standalone({ network: { ...NETWORK, mail: '192.168.1.256' } }), [['network.mail', /^must be an IPv4 address such as 192\.168\.1\.61$/]]);
  });
  it('a gateway at the network or broadcast address names the prefix', () => {
    check(standalone({ network: { ...NETWORK, gateway: '192.168.1.0' } }), [['network.gateway', /^192\.168\.1\.0 is the network or broadcast address of \/24, not a router's address$/]]);
    check(standalone({ network: { ...NETWORK, gateway: '192.168.1.63', prefixLength: 28, pmg: '192.168.1.50', mail: '192.168.1.51', dns: '192.168.1.52' } }), [['network.gateway', /^192\.168\.1\.63 is the network or broadcast address of \/28/]]);
    check(standalone({ network: { ...NETWORK, gateway: '10.20.0.255', prefixLength: 16, pmg: '10.20.1.60', mail: '10.20.1.61', dns: '10.20.1.62' } }), ok);
  });
  it('addresses are stored trimmed; the bridge defaults to vmbr0 and the prefix to /24 (SPEC)', () => {
    const n = parsed(standalone({ network: { gateway: ' 192.168.1.1 ', pmg: '192.168.1.60 ', mail: ' 192.168.1.61', dns: '192.168.1.62' } })).network;
    expect(n).toEqual({ bridge: 'vmbr0', gateway: '192.168.1.1', prefixLength: 24, pmg: '192.168.1.60', mail: '192.168.1.61', dns: '192.168.1.62' });
  });
  it('a bridge name: 15 characters (Linux IFNAMSIZ 16 with the NUL) accepted, 16 refused', () => {
    check(standalone({ network: { ...NETWORK, bridge: `vmbr${'0'.repeat(11)}` } }), ok);
    check(standalone({ network: { ...NETWORK, bridge: 'br.lan-0_1' } }), ok);
    check(standalone({ network: { ...NETWORK, bridge: 'br 0' } }), [['network.bridge', /^must be a Linux bridge name such as vmbr0$/]]);
  });
  it('publicIp is stored trimmed and named when it is not public', () => {
    expect(parsed(standalone({ publicIp: ' 203.0.113.7 ' })).publicIp).toBe('203.0.113.7');
    check(standalone({ publicIp: '100.64.1.1' }), [['publicIp', /^100\.64\.1\.1 is a carrier-grade NAT \(100\.64\.0\.0\/10\) address, not a public one; the site is behind CGNAT and needs a smarthost or a public IP from the ISP$/]]);
  });
});

describe('edges of the field patterns', () => {
  const rows: Row[] = [
    ['hostSerial of one letter (accepted)', standalone({ hostSerial: 'a' }), ok],
    ['hostSerial with an inner hyphen (accepted)', standalone({ hostSerial: 'lib-2' }), ok],
    ['a mailbox user of one letter (accepted)', mailbox({ user: 'a', password: 'mailbox-Secret-771' }), ok],
    ['a mailbox user with a space inside', mailbox({ user: 'max muster', password: 'mailbox-Secret-771' }), [['mailboxes.0.user', /^must be a mailbox local part such as info or max\.muster$/]]],
    ['a relay host starting with a hyphen (RFC 952/1123)', relay({ host: '-smtp.relay.example.net' }), [['relay.host', /^must be a host name such as smtp\.sendgrid\.net$/], ['relay.host', /invalid label "-smtp"/]]],
    ['a relay host with a label of 64', relay({ host: `${'s'.repeat(64)}.example.net` }), [['relay.host', /^must be a host name/], ['relay.host', /invalid label/]]],
    ['a relay host with a label of 63 (accepted)', relay({ host: `${'s'.repeat(63)}.example.net` }), ok],
    ['a relay passwordFile that is a relative path with a slash', relay({ password: undefined, passwordFile: 'secrets/relay.pass' }), [['relay.passwordFile', /^must be an absolute path such as \/root\/relay\.pass$/]]],
    ['a phone with words before it', contact({ name: 'Max', phone: 'tel 061 555 01 23' }), [['contact.phone', /^must be a phone number such as \+41 61 555 01 23$/]]],
    ['a phone with words after it', contact({ name: 'Max', phone: '061 555 01 23 ext 7' }), [['contact.phone', /^must be a phone number/]]],
    ['an e-mail address with a space in the local part', contact({ name: 'Max', email: 'max muster@example.net' }), [['contact.email', /^must be an e-mail address such as support@example\.net$/]]],
    ['an e-mail address of one letter (accepted)', contact({ name: 'Max', email: 'm@example.net' }), ok],
    ['keep some units at 0 and one above (accepted)', pbs({ keep: { daily: 7, weekly: 0 } }), ok],
    ['a substituter with text before the URL', standalone({ images: { substituter: 'see https://cache.nixos.org' } }), [['images.substituter', /http\(s\) URL/]]],
    ['a substituter with text after the URL', standalone({ images: { substituter: 'https://cache.nixos.org extra' } }), [['images.substituter', /http\(s\) URL/]]],
    ['a signing key name with a space', standalone({ images: { trustedPublicKey: `my key:${'A'.repeat(43)}=` } }), [['images.trustedPublicKey', /signing key/]]],
    ['a signing key with text after it', standalone({ images: { trustedPublicKey: `k-1:${'A'.repeat(43)}= extra` } }), [['images.trustedPublicKey', /signing key/]]],
    ['nixpkgs with text before the URL', standalone({ images: { nixpkgs: 'use github:NixOS/nixpkgs' } }), [['images.nixpkgs', /flake URL/]]],
    ['nixpkgs with text after the URL', standalone({ images: { nixpkgs: 'github:NixOS/nixpkgs extra' } }), [['images.nixpkgs', /flake URL/]]],
    ['nixpkgs from a tarball over http (accepted: a LAN mirror)', standalone({ images: { nixpkgs: 'tarball+http://10.0.0.5/nixpkgs.tar.gz' } }), ok],
    ['nixpkgs from git over http (accepted)', standalone({ images: { nixpkgs: 'git+http://10.0.0.5/nixpkgs' } }), ok],
    ['nixpkgs from a plain http URL (accepted)', standalone({ images: { nixpkgs: 'http://10.0.0.5/nixpkgs.tar.gz' } }), ok],
    ['a Debian mirror over https (accepted)', standalone({ images: { debianMirror: 'https://deb.debian.org/debian' } }), ok],
    ['a Debian mirror with text before it', standalone({ images: { debianMirror: 'mirror http://deb.debian.org/debian' } }), [['images.debianMirror', /Debian mirror/]]],
    ['a Debian mirror with text after it', standalone({ images: { debianMirror: 'http://deb.debian.org/debian main' } }), [['images.debianMirror', /Debian mirror/]]],
    ['a Debian mirror with nothing after the scheme', standalone({ images: { debianMirror: 'http://' } }), [['images.debianMirror', /Debian mirror/]]],
  ];
  it.each(rows)('%s', (_n, data, expected) => check(data, expected));

  it('a missing ddns-updater credential names that credential (Cloudflare: the zone ID), not another', () => {
    const got = problems(standalone({ publicIp: undefined, dnsProvider: { provider: 'cloudflare', credentials: { CF_DNS_API_TOKEN: 't-secret' } } }));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^dnsProvider\.credentials\.CF_ZONE_ID: is required for Cloudflare to keep the A records on a dynamic IP \(ddns-updater\) \(Zone ID/);
    expect(problems(cloudflare({ CF_ZONE_ID: CF_ZONE }))[0]).toMatch(/^dnsProvider\.credentials\.CF_DNS_API_TOKEN: is required for Cloudflare \(API token/);
  });
});

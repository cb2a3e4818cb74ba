// @ts-nocheck
// Hostile answers files through the built CLI, both ways it reads them: `install --answers F
// --dry-run` and `records --answers F`. Every case is refused with exit 2, the field (or line)
// named on stderr, no stack trace, inside a time bound and a memory bound — or, where a case is
// accepted on purpose, exits 0 in both commands. Each class is closed as a class: the cases are
// many per class, chosen from the RFCs and the attacks, not from the product's own lists.
// A table of class / cases / refused / accepted-on-purpose is printed at the end.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';

type Obj = Record<string, unknown>;

/** What a case expects: refused naming `path` (a field path, `line N` or --answers), or accepted. */
type Expect = { refuse: string } | { accept: true };
interface Case {
  cls: string;
  name: string;
  /** The answers file: an object (written as JSON), or raw text/bytes, or a path made by setup. */
  file: Obj | string | Buffer | ((dir: string) => string);
  expect: Expect;
}

const STANDALONE: Obj = {
  domain: 'example.com',
  hostSerial: 'lib',
  mode: 'standalone',
  publicIp: '203.0.113.7',
  network: { bridge: 'vmbr0', gateway: '192.168.1.1', prefixLength: 24, pmg: '192.168.1.60', mail: '192.168.1.61', dns: '192.168.1.62' },
  mailboxes: [{ user: 'info', password: 'mailbox-Secret-771' }],
};
const CUSTOM_RELAY: Obj = { host: 'smtp.relay.example.net', port: 587, user: 'relayuser', password: 'relay-Secret-42', spf: 'include:_spf.relay.example.net' };
const SMARTHOST: Obj = { ...STANDALONE, mode: 'smarthost', relay: CUSTOM_RELAY };

const clone = <T>(v: T): T => structuredClone(v);
const standalone = (patch: (a: Obj) => void): Obj => {
  const a = clone(STANDALONE);
  patch(a);
  return a;
};
const smarthost = (patch: (a: Obj) => void): Obj => {
  const a = clone(SMARTHOST);
  patch(a);
  return a;
};
const mailbox = (m: Obj) => standalone((a) => (a.mailboxes = [{ user: 'info', ...m }]));
const relay = (r: Obj) => smarthost((a) => (a.relay = { ...CUSTOM_RELAY, ...r }));
const network = (n: Obj) => standalone((a) => (a.network = { ...(a.network as Obj), ...n }));
const refuse = (path: string): Expect => ({ refuse: path });
const ACCEPT: Expect = { accept: true };
const yamlOf = (o: Obj) => JSON.stringify(o); // JSON is YAML; YAML-specific cases are raw text

const cases: Case[] = [];
const add = (cls: string, name: string, file: Case['file'], expect: Expect) => cases.push({ cls, name, file, expect });

// ── 1. Every length is bounded ──────────────────────────────────────────────────────────────────
{
  const C = 'length bounds';
  add(C, '100 KB mailbox password', mailbox({ password: 'x'.repeat(100_000) }), refuse('mailboxes.0.password'));
  add(C, '200 KB mailbox password', mailbox({ password: 'y'.repeat(200_000) }), refuse('mailboxes.0.password'));
  add(C, '257-character mailbox password', mailbox({ password: 'p'.repeat(257) }), refuse('mailboxes.0.password'));
  add(C, '256-character mailbox password', mailbox({ password: 'p'.repeat(256) }), ACCEPT);
  add(C, '5 KB relay password', relay({ password: 'r'.repeat(5000) }), refuse('relay.password'));
  add(C, '10 KB relay user', relay({ user: 'u'.repeat(10_000) }), refuse('relay.user'));
  add(C, '300-character relay user', relay({ user: 'u'.repeat(300) }), refuse('relay.user'));
  add(C, '100 KB dyndns secret', standalone((a) => {
    delete a.publicIp;
    a.dyndns = { provider: 'duckdns', secret: 's'.repeat(100_000), hosts: ['laufentaler'], domain: 'duckdns.org' };
  }), refuse('dyndns.secret'));
  add(C, '100 KB DNS API token', standalone((a) => (a.dnsProvider = { provider: 'cloudflare', credentials: { CF_DNS_API_TOKEN: 't'.repeat(100_000), CF_ZONE_ID: 'z'.repeat(32) } })), refuse('dnsProvider.credentials.CF_DNS_API_TOKEN'));
  add(C, '10 KB domain', standalone((a) => (a.domain = `${'a'.repeat(10_000)}.com`)), refuse('domain'));
  add(C, '1 MB hostSerial (refused by the file size, before parsing)', standalone((a) => (a.hostSerial = 'h'.repeat(1_000_000))), refuse('--answers'));
  add(C, '100 KB hostSerial', standalone((a) => (a.hostSerial = 'h'.repeat(100_000))), refuse('hostSerial'));
  add(C, '1000-character override reason', standalone((a) => (a.decision = { overrideReason: 'because '.repeat(125) })), refuse('decision.overrideReason'));
  add(C, '200-character contact name', standalone((a) => (a.contact = { name: 'n'.repeat(200), phone: '+41 61 555 01 23' })), refuse('contact.name'));
  add(C, '5000-character passwordFile path', mailbox({ passwordFile: `/${'d/'.repeat(2500)}` }), refuse('mailboxes.0.passwordFile'));
  add(C, '5000-character pbs.path', standalone((a) => (a.pbs = { datastore: 'backup', path: `/mnt/${'p'.repeat(5000)}` })), refuse('pbs.path'));
  add(C, '2000 mailboxes', standalone((a) => (a.mailboxes = Array.from({ length: 2000 }, (_, i) => ({ user: `u${i}`, password: 'mailbox-Secret-771' })))), refuse('mailboxes'));
  add(C, '600 mailboxes (over the 500 limit)', standalone((a) => (a.mailboxes = Array.from({ length: 600 }, (_, i) => ({ user: `u${i}`, password: 'mailbox-Secret-771' })))), refuse('mailboxes'));
  add(C, '50 dyndns hosts', standalone((a) => {
    delete a.publicIp;
    a.dyndns = { provider: 'duckdns', secret: 'duck-token-1', hosts: Array.from({ length: 50 }, (_, i) => `h${i}`), domain: 'duckdns.org' };
  }), refuse('dyndns.hosts'));
  add(C, '1000-character key', standalone((a) => (a[`k${'e'.repeat(999)}`] = 1)), refuse(`k${'e'.repeat(40)}`));
  add(C, '100 unknown keys', standalone((a) => {
    for (let i = 0; i < 100; i++) a[`extra${i}`] = i;
  }), refuse('(top level)'));
}

// ── 2. The answers file itself: size before parsing, encoding, nesting, what it is ─────────────
{
  const C = 'file size and shape';
  add(C, '50 MB YAML string', (dir) => {
    const f = join(dir, 'big.yaml');
    writeFileSync(f, `domain: "${'a'.repeat(50 * 1024 * 1024)}"\n`);
    return f;
  }, refuse('--answers'));
  add(C, '300 KB JSON (spaces)', `${JSON.stringify(STANDALONE)}${' '.repeat(300 * 1024)}`, refuse('--answers'));
  add(C, '/dev/zero as the answers file', () => '/dev/zero', refuse('--answers'));
  add(C, '/dev/urandom as the answers file', () => '/dev/urandom', refuse('--answers'));
  add(C, 'a directory as the answers file', (dir) => {
    mkdirSync(join(dir, 'adir'));
    return join(dir, 'adir');
  }, refuse('--answers'));
  add(C, 'a missing answers file', (dir) => join(dir, 'nope.yaml'), refuse('--answers'));
  add(C, 'invalid UTF-8', Buffer.concat([Buffer.from('domain: exa'), Buffer.from([0xc3, 0x28]), Buffer.from('mple.com\n')]), refuse('(file)'));
  add(C, 'UTF-16 file', Buffer.from(`\ufeff${yamlOf(STANDALONE)}`, 'utf16le'), refuse('(file)'));
  add(C, '100 000 nested JSON arrays', '['.repeat(100_000) + ']'.repeat(100_000), refuse('(top level)'));
  add(C, '20 000 nested JSON objects', '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000), refuse('a.a.a.a.a'));
  add(C, '100 000 nested YAML flow sequences', `domain: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, refuse('line 1'));
  add(C, '50 000 nested YAML flow mappings on line 2', `hostSerial: lib\ndomain: ${'{a: '.repeat(50_000)}1${'}'.repeat(50_000)}\n`, refuse('line 2'));
  add(C, '10-level nested mapping inside a field', standalone((a) => {
    let o: Obj = { x: 1 };
    for (let i = 0; i < 10; i++) o = { n: o };
    a.decision = o;
  }), refuse('decision.n.n.n'));
  add(C, 'binary garbage', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), refuse('('));
  add(C, 'top-level JSON array', JSON.stringify([STANDALONE]), refuse('(top level)'));
  add(C, 'top-level YAML scalar', 'just a string\n', refuse('(top level)'));
  add(C, 'empty file', '', refuse('domain'));
}

// ── 3. YAML specifics: aliases, documents, tags ────────────────────────────────────────────────
{
  const C = 'YAML aliases and tags';
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const p = String.fromCharCode(96 + i);
    const n = String.fromCharCode(97 + i);
    laughs.push(`${n}: &${n} [${Array(9).fill(`*${p}`).join(',')}]`);
  }
  add(C, 'billion laughs', `${laughs.join('\n')}\ndomain: example.com\n`, refuse('line 2'));
  add(C, 'alias bomb inside a field', `domain: example.com\nhostSerial: lib\ndecision:\n  a: &a [1,2,3,4,5,6,7,8,9,10]\n  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n  f: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`, refuse('line 5'));
  add(C, 'alias to an undefined anchor', `domain: *nothing\n`, refuse('line 1'));
  add(C, 'one harmless alias (accepted)', `domain: example.com\nhostSerial: lib\nmode: standalone\npublicIp: 203.0.113.7\nnetwork: {gateway: 192.168.1.1, pmg: 192.168.1.60, mail: 192.168.1.61, dns: 192.168.1.62}\nmailboxes:\n  - {user: info, password: &pw mailbox-Secret-771}\n  - {user: sales, password: *pw}\n`, ACCEPT);
  add(C, 'two YAML documents', `domain: example.com\n---\ndomain: evil.com\n`, refuse('line'));
  add(C, 'merge key <<', `base: &b {hostSerial: lib}\n<<: *b\ndomain: example.com\n`, refuse('base'));
  add(C, 'unknown tag !!js/function', `domain: !!js/function "function(){return 'x'}"\n`, refuse('domain'));
  add(C, 'multi-line block scalar password', `domain: example.com\nhostSerial: lib\nmode: standalone\npublicIp: 203.0.113.7\nnetwork: {gateway: 192.168.1.1, pmg: 192.168.1.60, mail: 192.168.1.61, dns: 192.168.1.62}\nmailboxes:\n  - user: info\n    password: |\n      first-line-secret\n      second-line\n`, refuse('mailboxes.0.password'));
}

// ── 4. JSON and YAML alike ─────────────────────────────────────────────────────────────────────
{
  const C = 'JSON and YAML alike';
  const json = JSON.stringify(STANDALONE, null, 2);
  add(C, 'JSON duplicate top-level key', json.replace('"hostSerial": "lib",', '"hostSerial": "lib",\n  "domain": "evil.com",'), refuse('line 4'));
  add(C, 'JSON duplicate nested key', json.replace('"pmg": "192.168.1.60",', '"pmg": "192.168.1.60",\n    "pmg": "192.168.1.99",'), refuse('line 11'));
  add(C, 'JSON duplicate key spelled with an escape', json.replace('"hostSerial": "lib",', '"hostSerial": "lib",\n  "d\\u006fmain": "evil.com",'), refuse('line 4'));
  add(C, 'JSON duplicate key in a mailbox', json.replace('"user": "info",', '"user": "info", "user": "root",'), refuse('line'));
  add(C, 'YAML duplicate top-level key', `domain: example.com\ndomain: evil.com\n`, refuse('line 2'));
  add(C, 'YAML duplicate nested key', `network:\n  pmg: 192.168.1.60\n  pmg: 192.168.1.99\n`, refuse('line 3'));
  add(C, 'JSON with a UTF-8 BOM (accepted)', `\ufeff${json}`, ACCEPT);
  add(C, 'YAML with a UTF-8 BOM (accepted)', `\ufeff${Object.entries(STANDALONE).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n')}\n`, ACCEPT);
  add(C, 'JSON __proto__ key', json.replace('"hostSerial": "lib",', '"hostSerial": "lib",\n  "__proto__": {"mode": "smarthost"},'), refuse('__proto__'));
  add(C, 'YAML __proto__ key', `__proto__: {mode: smarthost}\n${Object.entries(STANDALONE).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('\n')}\n`, refuse('__proto__'));
  add(C, 'JSON constructor key', json.replace('"hostSerial": "lib",', '"hostSerial": "lib",\n  "constructor": {"x": 1},'), refuse('constructor'));
  add(C, 'JSON number where a string belongs', standalone((a) => (a.hostSerial = 123)), refuse('hostSerial'));
}

// ── 5. passwordFile: read and checked with the answers, before anything is written ─────────────
{
  const C = 'passwordFile';
  const pf = (content: string | Buffer | null, name = 'pw') => (dir: string) => {
    const f = join(dir, name);
    if (content !== null) writeFileSync(f, content);
    return f;
  };
  const withFile = (make: (dir: string) => string, field: 'mailbox' | 'relay') => (dir: string) => {
    const target = make(dir);
    const a = field === 'mailbox' ? mailbox({ passwordFile: target }) : relay({ password: undefined, passwordFile: target });
    const f = join(dir, 'answers.json');
    writeFileSync(f, JSON.stringify(a));
    return f;
  };
  add(C, '/dev/zero', withFile(() => '/dev/zero', 'mailbox'), refuse('mailboxes.0.passwordFile'));
  add(C, '/dev/urandom (relay)', withFile(() => '/dev/urandom', 'relay'), refuse('relay.passwordFile'));
  add(C, '/dev/null', withFile(() => '/dev/null', 'mailbox'), refuse('mailboxes.0.passwordFile'));
  add(C, 'symlink to /dev/zero', withFile((dir) => {
    symlinkSync('/dev/zero', join(dir, 'zlink'));
    return join(dir, 'zlink');
  }, 'mailbox'), refuse('mailboxes.0.passwordFile'));
  add(C, 'a FIFO with no writer', withFile((dir) => {
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    return join(dir, 'fifo');
  }, 'mailbox'), refuse('mailboxes.0.passwordFile'));
  add(C, 'a directory', withFile((dir) => {
    mkdirSync(join(dir, 'pwdir'));
    return join(dir, 'pwdir');
  }, 'relay'), refuse('relay.passwordFile'));
  add(C, 'missing file', withFile((dir) => join(dir, 'missing'), 'mailbox'), refuse('mailboxes.0.passwordFile'));
  add(C, '1 MB regular file', withFile(pf('a'.repeat(1024 * 1024)), 'mailbox'), refuse('mailboxes.0.passwordFile'));
  add(C, '100 KB one-line file', withFile(pf(`${'b'.repeat(100_000)}\n`), 'relay'), refuse('relay.passwordFile'));
  add(C, 'two lines', withFile(pf('first-line-pw\nsecond-line-pw\n'), 'mailbox'), refuse('mailboxes.0.passwordFile'));
  add(C, 'empty file', withFile(pf(''), 'mailbox'), refuse('mailboxes.0.passwordFile'));
  add(C, 'too short for a mailbox (9 characters)', withFile(pf('short-pw9\n'), 'mailbox'), refuse('mailboxes.0.passwordFile'));
  add(C, 'NUL inside', withFile(pf('secret\u0000-password-1'), 'mailbox'), refuse('mailboxes.0.passwordFile'));
  add(C, 'escape sequence inside', withFile(pf('secret\u001b[2J-password-1'), 'relay'), refuse('relay.passwordFile'));
  add(C, 'invalid UTF-8', withFile(pf(Buffer.from([0x70, 0x61, 0x73, 0x73, 0xff, 0xfe, 0x77, 0x6f, 0x72, 0x64, 0x31, 0x32])), 'mailbox'), refuse('mailboxes.0.passwordFile'));
  add(C, '/proc/self/environ (NULs, size 0 on stat)', withFile(() => '/proc/self/environ', 'mailbox'), refuse('mailboxes.0.passwordFile'));
  add(C, 'relative path', mailbox({ passwordFile: 'pw.txt' }), refuse('mailboxes.0.passwordFile'));
  add(C, 'path with a line break', mailbox({ passwordFile: '/root/pw\n.txt' }), refuse('mailboxes.0.passwordFile'));
  add(C, 'one line with a CRLF ending (accepted)', withFile(pf('mailbox-Secret-from-file\r\n'), 'mailbox'), ACCEPT);
  add(C, 'one line without an ending (accepted, relay)', withFile(pf('relay-Secret-from-file'), 'relay'), ACCEPT);
  add(C, 'unreadable file (mode 000, checked as the test user)', withFile((dir) => {
    const f = pf('mailbox-Secret-from-file\n', 'locked')(dir);
    chmodSync(f, 0o000);
    return f;
  }, 'mailbox'), process.getuid?.() === 0 ? ACCEPT : refuse('mailboxes.0.passwordFile'));
}

// ── 6. Names that cannot be public ─────────────────────────────────────────────────────────────
{
  const C = 'non-public names';
  for (const d of ['corp.local', 'shop.test', 'shop.example', 'shop.invalid', 'corp.internal', 'localhost', 'mail.localhost', 'localhost.example.com', 'shop.onion', 'shop.alt', 'x.home.arpa', '7.113.0.203.in-addr.arpa', 'corp.lan', 'corp.corp', 'corp.home', 'shop.zz', 'shop.notatld', 'example.com.', '203.0.113.7', 'co.uk', 'com', 'exa_mple.com', '-shop.com', 'shop..com']) {
    add(C, `domain ${d}`, standalone((a) => (a.domain = d)), refuse('domain'));
  }
  for (const d of ['example.com', 'example.net', 'example.org', 'mail.example.co.uk', 'xn--mnchen-3ya.de', 'muster.swiss']) {
    add(C, `domain ${d} (accepted: ICANN TLD${d.startsWith('example.') ? '; RFC 2606 documentation name the SPEC uses' : ''})`, standalone((a) => (a.domain = d)), ACCEPT);
  }
  add(C, 'dyndns zone ddns.local', standalone((a) => {
    delete a.publicIp;
    a.dyndns = { provider: 'noip', username: 'me', secret: 'noip-secret-1', hosts: ['laufentaler'], domain: 'ddns.local' };
  }), refuse('dyndns.domain'));
  add(C, 'contact e-mail at corp.internal', standalone((a) => (a.contact = { name: 'Max Muster', email: 'max@corp.internal' })), refuse('contact.email'));
  add(C, 'SPF include of a .test name', relay({ spf: 'include:_spf.relay.test' }), refuse('relay.spf'));
}

// ── 7. A relay that is the site itself, or nowhere ─────────────────────────────────────────────
{
  const C = 'relay is the site or loopback';
  for (const h of ['localhost', 'localhost.localdomain', '127.0.0.1', '127.1', '2130706433', '0x7f.0.0.1', '0.0.0.0', '169.254.1.1', '224.0.0.1', '255.255.255.255', 'mail.example.com', 'mx.example.com', 'pmg.example.com', 'mta-sts.example.com', 'example.com', 'mail-lib', 'pmg-lib.example.com', '192.168.1.61', '192.168.1.60', '203.0.113.7', 'smtp.local', 'smtp.internal', 'smtp.corp.lan']) {
    add(C, `relay.host ${h}`, relay({ host: h }), refuse('relay.host'));
  }
  add(C, 'relay.host another host of the customer (accepted: not a name the site publishes)', relay({ host: 'relay.example.com' }), ACCEPT);
  add(C, 'relay.host a LAN relay at 192.168.1.20 (accepted: an in-house relay)', relay({ host: '192.168.1.20' }), ACCEPT);
  add(C, 'relay.host a public relay address (accepted)', relay({ host: '198.51.100.25' }), ACCEPT);
}

// ── 8. Network: gateway and guests ─────────────────────────────────────────────────────────────
{
  const C = 'network addresses';
  add(C, 'gateway is the network address', network({ gateway: '192.168.1.0' }), refuse('network.gateway'));
  add(C, 'gateway is the broadcast address', network({ gateway: '192.168.1.255' }), refuse('network.gateway'));
  add(C, 'gateway is the network address of a /16', network({ gateway: '10.20.0.0', prefixLength: 16, pmg: '10.20.1.60', mail: '10.20.1.61', dns: '10.20.1.62' }), refuse('network.gateway'));
  add(C, 'gateway is the broadcast address of a /28', network({ gateway: '192.168.1.63', prefixLength: 28, pmg: '192.168.1.50', mail: '192.168.1.51', dns: '192.168.1.52' }), refuse('network.gateway'));
  add(C, 'a guest at the gateway address', network({ mail: '192.168.1.1' }), refuse('network.mail'));
  add(C, 'a guest at the broadcast address', network({ dns: '192.168.1.255' }), refuse('network.dns'));
  add(C, 'a guest at the network address', network({ pmg: '192.168.1.0' }), refuse('network.pmg'));
  add(C, 'gateway .255 inside a /16 (accepted: a host address there)', network({ gateway: '10.20.0.255', prefixLength: 16, pmg: '10.20.1.60', mail: '10.20.1.61', dns: '10.20.1.62' }), ACCEPT);
  add(C, 'gateway with leading zeros', network({ gateway: '192.168.001.001' }), refuse('network.gateway'));
}

// ── 9. SPF mechanisms (RFC 7208 grammar) ───────────────────────────────────────────────────────
{
  const C = 'SPF mechanism';
  for (const s of ['include:x";$(id)', 'include:x";$(id).com', 'include:x.com;rm', 'include:x.com"', 'include:a\\b.com', 'include:_spf.relay.example.net -all', 'include:', 'include:foo', 'include:foo.local', 'include:foo.123', 'all', '-all', '~include:_spf.relay.example.net', '-ip4:198.51.100.7', 'ptr', 'ptr:relay.example.net', 'redirect=_spf.example.net', 'exp=explain.example.net', 'ip4:0.0.0.0/0', 'ip4:198.51.100.7/33', 'ip4:198.51.100.07', 'ip4:198.51.100', 'ip6:zz::1', 'ip6:::/0', 'ip6:2001:db8::/129', 'a:relay.example.net/33', 'mx:relay.example.net//129', 'include:%{c}.example.net', 'include:%{x}.example.net', 'include:%{i.example.net', 'include:%{i0}.example.net', 'include:%%.example.net', 'foo:bar.example.net', 'v=spf1', 'include:exämple.com', 'include:x.com\u0000']) {
    add(C, `spf ${JSON.stringify(s)}`, relay({ spf: s }), refuse('relay.spf'));
  }
  for (const s of ['include:_spf.google.com', '+include:sendgrid.net', 'INCLUDE:spf.mailjet.com', 'ip4:198.51.100.0/24', 'ip6:2001:db8::/32', 'a', 'mx', 'a:relay.example.net/24', 'mx:example.net/24//64', 'exists:%{i}._spf.example.net', 'include:%{d2}._spf.example.net.']) {
    add(C, `spf ${JSON.stringify(s)} (accepted: RFC 7208)`, relay({ spf: s }), ACCEPT);
  }
}

// ── 10. pbs.path ───────────────────────────────────────────────────────────────────────────────
{
  const C = 'pbs.path';
  for (const p of ['/', '//', '/.', '/./', '/var/lib/../..', '/var/lib/proxmox-backup/../../../etc', '..', 'backup', 'var/lib/backup', '/etc', '/etc/pve/backup', '/proc/1', '/sys/x', '/dev/sda', '/usr/local/backup', '/tmp/backup', '/var', '/mnt', '/mnt/a b', '/mnt/$(id)', '/mnt/`id`', '/mnt/x;rm', '/mnt/x\n/y']) {
    add(C, `pbs.path ${JSON.stringify(p)}`, standalone((a) => (a.pbs = { datastore: 'backup', path: p })), refuse('pbs.path'));
  }
  for (const p of ['/mnt/datastore/backup/', '/mnt//datastore/./backup', '/srv/pbs']) {
    add(C, `pbs.path ${JSON.stringify(p)} (accepted, normalised)`, standalone((a) => (a.pbs = { datastore: 'backup', path: p })), ACCEPT);
  }
}

// ── 11. No field takes a line break or a control character ─────────────────────────────────────
{
  const C = 'line breaks and control characters';
  const ch: [string, string][] = [['LF', '\n'], ['CR', '\r'], ['NUL', '\u0000'], ['TAB', '\t'], ['ESC', '\u001b[31m'], ['DEL', '\u007f'], ['NEL', '\u0085'], ['LINE SEPARATOR', '\u2028'], ['RLO', '\u202e']];
  for (const [n, c] of ch) add(C, `mailbox password with ${n}`, mailbox({ password: `mailbox-${c}Secret-771` }), refuse('mailboxes.0.password'));
  add(C, 'domain with a trailing LF', standalone((a) => (a.domain = 'example.com\n')), refuse('domain'));
  add(C, 'domain with a leading CR', standalone((a) => (a.domain = '\rexample.com')), refuse('domain'));
  add(C, 'hostSerial with a trailing LF', standalone((a) => (a.hostSerial = 'lib\n')), refuse('hostSerial'));
  add(C, 'publicIp with a trailing LF', standalone((a) => (a.publicIp = '203.0.113.7\n')), refuse('publicIp'));
  add(C, 'gateway with a trailing LF', network({ gateway: '192.168.1.1\n' }), refuse('network.gateway'));
  add(C, 'mailbox user with a trailing LF', mailbox({ user: 'info\n', password: 'mailbox-Secret-771' }), refuse('mailboxes.0.user'));
  add(C, 'relay user with ANSI escape', relay({ user: 'relay\u001b[2Juser' }), refuse('relay.user'));
  add(C, 'relay host with a trailing LF', relay({ host: 'smtp.relay.example.net\n' }), refuse('relay.host'));
  add(C, 'relay password with LF', relay({ password: 'relay\nSecret-42' }), refuse('relay.password'));
  add(C, 'DNS token with LF', standalone((a) => (a.dnsProvider = { provider: 'cloudflare', credentials: { CF_DNS_API_TOKEN: 'tok\nen-1', CF_ZONE_ID: 'z'.repeat(32) } })), refuse('dnsProvider.credentials.CF_DNS_API_TOKEN'));
  add(C, 'dyndns username with CR', standalone((a) => {
    delete a.publicIp;
    a.dyndns = { provider: 'noip', username: 'me\r', secret: 'noip-secret-1', hosts: ['laufentaler'], domain: 'ddns.net' };
  }), refuse('dyndns.username'));
  add(C, 'override reason with LF', standalone((a) => (a.decision = { overrideReason: 'customer\nwish' })), refuse('decision.overrideReason'));
  add(C, 'contact name with a line separator', standalone((a) => (a.contact = { name: 'Max\u2028Muster', phone: '+41 61 555 01 23' })), refuse('contact.name'));
  add(C, 'escalation phone with LF', standalone((a) => (a.escalation = { name: 'On-call desk', phone: '+41 61\n555' })), refuse('escalation.phone'));
  add(C, 'unknown key with LF and ESC', standalone((a) => (a['evil\n\u001b[2Jkey'] = 1)), refuse('evil\\u000a\\u001b[2Jkey'));
  add(C, 'contact with name, phone and e-mail (accepted)', standalone((a) => (a.contact = { name: 'Max Muster, Muster IT', phone: '+41 61 555 01 23', email: 'support@example.net' })), ACCEPT);
}

interface Run {
  code: number | null;
  stderr: string;
  ms: number;
  maxRssKb: number;
}

const TIME = '/usr/bin/time';
/** The bound: killed after this long (a case that ran away before took 24 s or never ended). */
const KILL_AFTER_MS = 20_000;
/** The bound on memory: a 200 KB password or /dev/zero used to take GBs; a CLI run takes ~60 MB. */
const MAX_RSS_KB = 250 * 1024;

function runBounded(args: string[], dir: string): Promise<Run> {
  const rssFile = join(dir, `rss-${Math.random().toString(36).slice(2)}`);
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TMPDIR: dir };
  delete env.CI;
  // Heap capped too: a runaway reads into the heap and dies instead of taking the machine.
  const argv = [TIME, '-f', '%M', '-o', rssFile, process.execPath, '--max-old-space-size=192', BIN, ...args];
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(argv[0]!, argv.slice(1), { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 100_000) stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const rss = existsSync(rssFile) ? Number(/(\d+)\s*$/.exec(readFileSync(rssFile, 'utf8'))?.[1] ?? NaN) : NaN;
      resolve({ code, stderr, ms: Date.now() - t0, maxRssKb: rss });
    });
  });
}

async function pool<T>(items: T[], n: number, f: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await f(items[next++]!);
  }));
}

const root = mkdtempSync(join(tmpdir(), 'netsetup-hostile-'));
const results = new Map<Case, { install: Run; records: Run }>();

function fileFor(c: Case, i: number): string {
  const dir = join(root, `case-${i}`);
  mkdirSync(dir);
  if (typeof c.file === 'function') return c.file(dir);
  const f = join(dir, typeof c.file === 'object' && !Buffer.isBuffer(c.file) ? 'answers.json' : 'answers.yaml');
  writeFileSync(f, typeof c.file === 'object' && !Buffer.isBuffer(c.file) ? JSON.stringify(c.file) : c.file);
  return f;
}

const STACK = /^\s+at .+[(:]\d+:\d+\)?$/m;

describe('hostile answers files through the built CLI (install --dry-run and records)', () => {
  beforeAll(async () => {
    if (!existsSync(TIME)) throw new Error(`${TIME} is missing: install the Debian package "time" (it measures each run's peak memory)`);
    const work = cases.map((c, i) => ({ c, file: fileFor(c, i), dir: join(root, `case-${i}`) }));
    await pool(work, 3, async ({ c, file, dir }) => {
      const install = await runBounded(['install', '--answers', file, '--dry-run'], dir);
      const records = await runBounded(['records', '--answers', file], dir);
      results.set(c, { install, records });
    });
  }, 900_000);

  afterAll(() => {
    const rows = new Map<string, { cases: number; refused: number; accepted: number }>();
    for (const c of cases) {
      const r = rows.get(c.cls) ?? { cases: 0, refused: 0, accepted: 0 };
      const got = results.get(c);
      r.cases++;
      if (got && got.install.code === 2 && got.records.code === 2) r.refused++;
      if (got && got.install.code === 0 && got.records.code === 0) r.accepted++;
      rows.set(c.cls, r);
    }
    const all = [...results.values()].flatMap((r) => [r.install, r.records]);
    const lines = ['| class | cases | refused (exit 2) | accepted on purpose (exit 0) |', '| --- | ---: | ---: | ---: |'];
    for (const [cls, r] of rows) lines.push(`| ${cls} | ${r.cases} | ${r.refused} | ${r.accepted} |`);
    const total = [...rows.values()].reduce((s, r) => ({ cases: s.cases + r.cases, refused: s.refused + r.refused, accepted: s.accepted + r.accepted }), { cases: 0, refused: 0, accepted: 0 });
    lines.push(`| all | ${total.cases} | ${total.refused} | ${total.accepted} |`);
    lines.push(`slowest run ${Math.max(...all.map((r) => r.ms))} ms, largest peak RSS ${Math.round(Math.max(...all.map((r) => r.maxRssKb)) / 1024)} MB over ${all.length} runs`);
    console.log(lines.join('\n'));
    // Make sure no dry run left its scratch host behind in our TMPDIR-pointed folders.
    rmSync(root, { recursive: true, force: true });
  });

  it.each(cases.map((c) => [`${c.cls}: ${c.name}`, c] as const))('%s', (_label, c) => {
    const got = results.get(c);
    expect(got, 'the case ran').toBeDefined();
    for (const [cmd, r] of Object.entries(got!)) {
      const ctx = `${cmd}: exit ${r.code} in ${r.ms} ms, ${r.maxRssKb} KB\n${r.stderr.slice(0, 2000)}`;
      expect(r.maxRssKb, ctx).toBeLessThan(MAX_RSS_KB);
      expect(r.ms, ctx).toBeLessThan(KILL_AFTER_MS);
      expect(r.stderr, ctx).not.toMatch(STACK);
      expect(r.stderr, ctx).not.toMatch(/internal error|unexpected error|Maximum call stack/);
      if ('accept' in c.expect) {
        expect(r.code, ctx).toBe(0);
      } else {
        expect(r.code, ctx).toBe(2);
        // Field problems are printed as "  <path>: <what is wrong>".
        expect(r.stderr, ctx).toContain(`  ${c.expect.refuse}`);
        expect(r.stderr, ctx).toContain('is not valid');
      }
    }
  });

  it('leaves no dry-run scratch host behind (/tmp/netsetup-plan-* in the runs\' TMPDIR)', () => {
    const left = readdirSync(root, { recursive: true }).map(String).filter((n) => n.includes('netsetup-plan-'));
    expect(left).toEqual([]);
  });
});

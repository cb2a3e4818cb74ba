// @ts-nocheck
// Malformed answers files through the built CLI (`records --answers F`): exit 2, the exact field
// path, one line per problem, no stack trace, no secret echoed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../helpers/cli.js';

type Obj = Record<string, unknown>;
const SECRETS = ['relay-secret-value-1', 'mailbox-secret-value-1', 'cf-token-value-1'];

function base(): Obj {
  return {
    domain: 'example.com',
    hostSerial: 'lib',
    mode: 'smarthost',
    relay: { preset: 'sendgrid', user: 'apikey', password: SECRETS[0] },
    dnsProvider: { provider: 'cloudflare', credentials: { CF_DNS_API_TOKEN: SECRETS[2], CF_ZONE_ID: '023e105f4ecef8ad9ca31a8372d0c353' } },
    network: { gateway: '192.168.1.1', prefixLength: 24, pmg: '192.168.1.60', mail: '192.168.1.61', dns: '192.168.1.62' },
    mailboxes: [{ user: 'info', password: SECRETS[1] }],
  };
}

const standalone = (a: Obj): Obj => {
  const { relay: _r, ...rest } = a;
  return { ...rest, mode: 'standalone', publicIp: '203.0.113.7' };
};
const net = (a: Obj, patch: Obj): Obj => ({ ...a, network: { ...(a.network as Obj), ...patch } });
const relay = (a: Obj, r: Obj): Obj => ({ ...a, relay: r });

interface Case {
  name: string;
  /** The answers as data (written as YAML or JSON), or raw file text. */
  data?: Obj;
  raw?: string;
  ext?: 'yaml' | 'json';
  path: string;
  message: RegExp;
}

const CASES: Case[] = [
  { name: 'unknown top-level key', data: { ...base(), colour: 'blue' }, path: 'colour', message: /is not a known field/ },
  { name: 'unknown nested key', data: relay(base(), { preset: 'sendgrid', user: 'apikey', password: 'relay-pass', hostname: 'a' }), ext: 'json', path: 'relay.hostname', message: /is not a known field/ },
  { name: 'relay missing for smarthost', data: (({ relay: _r, ...a }) => a)(base()), path: 'relay', message: /is required when mode is smarthost/ },
  { name: 'relay present for standalone', data: { ...standalone(base()), relay: base().relay }, path: 'relay', message: /must be absent when mode is standalone/ },
  { name: 'duplicate guest IPs', data: net(base(), { mail: '192.168.1.60' }), path: 'network.mail', message: /already used by pmg/ },
  { name: 'IP outside the gateway subnet', data: net(base(), { dns: '192.168.2.62' }), ext: 'json', path: 'network.dns', message: /not in the gateway's subnet 192\.168\.1\.1\/24/ },
  { name: 'network address as guest IP', data: net(base(), { pmg: '192.168.1.0' }), path: 'network.pmg', message: /network or broadcast/ },
  { name: 'private publicIp', data: { ...standalone(base()), publicIp: '192.168.1.5' }, path: 'publicIp', message: /private address, not a public one/ },
  { name: 'CGNAT publicIp', data: { ...standalone(base()), publicIp: '100.64.12.7' }, path: 'publicIp', message: /carrier-grade NAT/ },
  { name: 'public suffix as domain', data: { ...base(), domain: 'co.uk' }, path: 'domain', message: /public suffix/ },
  { name: 'single-label domain', data: { ...base(), domain: 'mailserver' }, ext: 'json', path: 'domain', message: /single label/ },
  { name: 'missing domain', data: (({ domain: _d, ...a }) => a)(base()), path: 'domain', message: /is required/ },
  { name: 'uppercase hostSerial', data: { ...base(), hostSerial: 'LIB' }, path: 'hostSerial', message: /lowercase/ },
  { name: 'relay password with a line break', data: relay(base(), { preset: 'sendgrid', user: 'apikey', password: 'first\nsecond' }), ext: 'json', path: 'relay.password', message: /one line/ },
  { name: 'relay user with a colon', data: relay(base(), { preset: 'custom', host: 'smtp.relay.example.net', user: 'a:b', password: 'relay-pass', spf: 'include:relay.example.net' }), ext: 'json', path: 'relay.user', message: /without spaces or colons/ },
  { name: 'port out of range', data: relay(base(), { preset: 'sendgrid', user: 'apikey', password: 'relay-pass', port: 70000 }), path: 'relay.port', message: /65535/ },
  { name: 'port given as a string', data: relay(base(), { preset: 'sendgrid', user: 'apikey', password: 'relay-pass', port: '587' }), ext: 'json', path: 'relay.port', message: /must be a number, not a string/ },
  { name: 'password and passwordFile both', data: relay(base(), { preset: 'sendgrid', user: 'apikey', password: 'relay-pass', passwordFile: '/root/relay.pass' }), path: 'relay.password', message: /either password or passwordFile/ },
  { name: 'missing provider credential', data: { ...base(), dnsProvider: { provider: 'cloudflare', credentials: { CF_ZONE_ID: 'z' } } }, path: 'dnsProvider.credentials.CF_DNS_API_TOKEN', message: /is required for Cloudflare/ },
  { name: 'unknown credential key', data: { ...base(), dnsProvider: { provider: 'cloudflare', credentials: { CF_DNS_API_TOKEN: 't', CF_ZONE_ID: 'z', CF_TOKEN: 't' } } }, path: 'dnsProvider.credentials.CF_TOKEN', message: /is not a Cloudflare credential/ },
  { name: 'ddns-only credential missing on a dynamic IP', data: { ...base(), dnsProvider: { provider: 'namecheap', credentials: { NAMECHEAP_API_USER: 'u', NAMECHEAP_API_KEY: 'k' } } }, path: 'dnsProvider.credentials.NAMECHEAP_DDNS_PASSWORD', message: /dynamic IP \(ddns-updater\)/ },
  { name: 'unknown DNS provider', data: { ...base(), dnsProvider: { provider: 'cloudflair', credentials: {} } }, path: 'dnsProvider.provider', message: /must be one of: cloudflare/ },
  { name: 'bad relay preset', data: relay(base(), { preset: 'sendgird', user: 'apikey', password: 'relay-pass' }), path: 'relay.preset', message: /must be one of: gmail/ },
  { name: 'SES host outside the regional pattern', data: relay(base(), { preset: 'ses', host: 'smtp.amazonaws.com', user: 'AKIAEXAMPLE', password: 'relay-pass' }), path: 'relay.host', message: /does not look like a Amazon SES endpoint/ },
  { name: 'SendGrid user not apikey', data: relay(base(), { preset: 'sendgrid', user: 'me@example.com', password: 'relay-pass' }), ext: 'json', path: 'relay.user', message: /must be "apikey"/ },
  { name: 'custom relay without spf', data: relay(base(), { host: 'smtp.relay.example.net', user: 'u', password: 'relay-pass' }), path: 'relay.spf', message: /is required for a custom relay/ },
  { name: 'duplicate mailbox', data: { ...base(), mailboxes: [{ user: 'info', password: SECRETS[1] }, { user: 'INFO', password: SECRETS[1] }] }, path: 'mailboxes.1.user', message: /listed twice/ },
  { name: 'short mailbox password', data: { ...base(), mailboxes: [{ user: 'info', password: 'short' }] }, path: 'mailboxes.0.password', message: /at least 10 characters/ },
  { name: 'dyndns with a static IP', data: { ...standalone(base()), dyndns: { provider: 'noip', username: 'u', secret: 'dyn-secret', hosts: ['x'], domain: 'ddns.net' } }, path: 'dyndns', message: /not needed with a static publicIp/ },
  { name: 'duckdns zone other than duckdns.org', data: { ...base(), dyndns: { provider: 'duckdns', secret: 'dyn-secret', hosts: ['x'], domain: 'ddns.net' } }, path: 'dyndns.domain', message: /must be duckdns\.org/ },
  { name: 'YAML syntax error', raw: 'domain: example.com\nhostSerial: lib\nmode: standalone: yes\nnetwork: {}\n', ext: 'yaml', path: 'line 3', message: /YAML syntax error/ },
  { name: 'YAML bad indentation', raw: 'domain: example.com\nnetwork:\n  gateway: 192.168.1.1\n pmg: 192.168.1.60\n', ext: 'yaml', path: 'line 4', message: /YAML syntax error: All mapping items must start at the same column/ },
  { name: 'YAML duplicate key', raw: 'domain: example.com\ndomain: example.org\n', ext: 'yaml', path: 'line 2', message: /YAML syntax error/ },
  { name: 'JSON syntax error', raw: '{\n  "domain": "example.com",\n  "hostSerial": "lib",,\n}\n', ext: 'json', path: 'line 3', message: /is not valid JSON/ },
];

const dir = mkdtempSync(join(tmpdir(), 'netsetup-answers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeCase(c: Case, i: number): string {
  const ext = c.ext ?? 'yaml';
  const file = join(dir, `case-${i}.${ext}`);
  writeFileSync(file, c.raw ?? (ext === 'json' ? JSON.stringify(c.data, null, 2) : stringify(c.data)));
  return file;
}

describe('malformed answers files are refused field by field', () => {
  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    // Given the malformed file
    const file = writeCase(c, i);
    // When the records command reads it
    const r = await runCli(['records', '--answers', file, '--format', 'json']);
    // Then it exits 2 with nothing on stdout
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    // And exactly one problem line names the field
    const problems = r.stderr.split('\n').filter((l) => /^ {2}\S/.test(l));
    expect(problems, r.stderr).toHaveLength(1);
    expect(problems[0]!.startsWith(`  ${c.path}: `), r.stderr).toBe(true);
    expect(problems[0]).toMatch(c.message);
    // And no stack trace, no secret
    expect(r.stderr).not.toMatch(/\n\s+at \S/);
    for (const s of SECRETS) expect(r.stderr).not.toContain(s);
  });

  it('accepts the same base file (so each case fails for its own reason), and a static IP without ddns-only credentials', async () => {
    const ok = await runCli(['records', '--answers', writeCase({ name: 'ok', data: base(), path: '', message: /./ }, 900), '--format', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    const staticIp = { ...standalone(base()), dnsProvider: { provider: 'namecheap', credentials: { NAMECHEAP_API_USER: 'u', NAMECHEAP_API_KEY: 'k' } } };
    const r = await runCli(['records', '--answers', writeCase({ name: 'static', data: staticIp, path: '', message: /./ }, 901)]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('reports several problems of one file, one line each', async () => {
    const data = { ...base(), hostSerial: 'LIB', colour: 'x', network: { ...(base().network as Obj), dns: '10.0.0.1' } };
    const r = await runCli(['records', '--answers', writeCase({ name: 'multi', data, path: '', message: /./ }, 902)]);
    expect(r.code).toBe(2);
    const paths = r.stderr.split('\n').filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().split(':')[0]);
    expect(paths.sort()).toEqual(['colour', 'hostSerial', 'network.dns'].sort());
  });

  it('needs --answers, and names a missing file', async () => {
    const none = await runCli(['records']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--answers');
    const missing = await runCli(['records', '--answers', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--answers: file .*nope\.yaml does not exist/);
  });
});

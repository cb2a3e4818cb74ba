// @ts-nocheck
// The site certificate issued for real: the lego command lines NixOS (eval kit) writes for the
// DNS VM, run with Debian's lego against Debian's pebble, inside a private network namespace
// that holds the "internet" of the test: a public recursive resolver at 1.1.1.1 (the resolver
// the DNS VM's lego is configured with), the authoritative server of example.com, the site's
// public IP. DNS-01: the provider is swapped for lego's `exec` provider whose hook publishes the
// TXT on the authoritative server; lego waits until the public resolver and the authoritative
// server both see it. HTTP-01: lego answers on port 80 of the public IP, which pebble resolves
// through the A records the wizard tells the customer to publish. Then a forced renewal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { derivePlan } from '../../src/plan/derive.js';
import { answersSchema } from '../../src/schema/answers.js';
import { dnsSiteJson } from '../../src/render/siteConfig.js';
import { buildRecords } from '../../src/render/records.js';
import { ACME_DNS_RESOLVER, LE_PRODUCTION } from '../../src/render/certificates.js';
import { evalKitMissing, evalWithSite } from '../helpers/evalKit.js';
import { makeNetns, netnsMissing, type Netns } from '../helpers/netns.js';
import { startUnbound, type Unbound } from '../helpers/unbound.js';
import { startPebble, type Pebble } from '../helpers/pebble.js';
import { legoCommands, swapFlag } from '../helpers/legoArgs.js';
import { serveHttps } from '../helpers/tlsCerts.js';
import { verifyCertificates } from '../../src/verify/tls.js';
import { smarthostAnswers, standaloneAnswers } from '../helpers/answers.js';

const missingTool = ['pebble', 'lego', 'unbound', 'unbound-control'].find((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
const skipWhy = evalKitMissing() ?? netnsMissing() ?? (missingTool ? `${missingTool} is not installed (see .ci/run)` : undefined);

const PUBLIC_RESOLVER_IP = ACME_DNS_RESOLVER.split(':')[0]!;
const AUTH_NS_IP = '198.51.100.53';
const PEBBLE_IP = '127.0.0.1';
const SITE_PUBLIC_IP = '203.0.113.7';
const CERT = 'mail.example.com';
const NAMES = ['mail.example.com', 'mx.example.com', 'pmg.example.com', 'mta-sts.example.com', 'autoconfig.example.com'];

interface Evaluated {
  script: string;
  timer: { OnCalendar?: string; Unit?: string };
  allowedTCPPorts: number[];
}

function evaluate(answers: Record<string, unknown>): Evaluated {
  const plan = derivePlan(answersSchema.parse(answers));
  return evalWithSite({
    modules: ['hosts/dns.nix'],
    site: dnsSiteJson(plan),
    expr: `{ script = config.systemd.services."acme-order-renew-${CERT}".script; timer = config.systemd.timers."acme-renew-${CERT}".timerConfig; allowedTCPPorts = config.networking.firewall.allowedTCPPorts; }`,
  }) as Evaluated;
}

const LONG = 120_000;
const sans = (c: X509Certificate) => (c.subjectAltName ?? '').split(', ').map((s) => s.replace(/^DNS:/, '')).sort();

describe.skipIf(skipWhy)(`certificates from pebble with the DNS VM's lego configuration${skipWhy ? ` (skipped: ${skipWhy})` : ''}`, () => {
  let ns: Netns;
  let auth: Unbound;
  let recursive: Unbound;
  let pebble: Pebble;
  let issuerPems: string[] = [];
  const work = mkdtempSync(join(tmpdir(), 'netsetup-acme-'));

  beforeAll(async () => {
    ns = await makeNetns({ addresses: [PUBLIC_RESOLVER_IP, AUTH_NS_IP, SITE_PUBLIC_IP], nameserver: PUBLIC_RESOLVER_IP });
    const inNs = (cmd: string, args: string[], o: { env?: NodeJS.ProcessEnv } = {}) => ns.spawn(cmd, args, { env: o.env ?? process.env });
    // The customer's public zone: what the wizard tells them to publish (A records of the
    // standalone site), plus the delegation data every zone has.
    const published = buildRecords(derivePlan(answersSchema.parse(standaloneAnswers()))).filter((r) => r.type === 'A' && !r.pending);
    auth = await startUnbound(
      [
        'server:',
        '  local-zone: "example.com." static',
        '  local-data: "example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 1"',
        '  local-data: "example.com. 3600 IN NS ns1.example.com."',
        `  local-data: "ns1.example.com. 3600 IN A ${AUTH_NS_IP}"`,
        ...published.map((r) => `  local-data: "${r.name}. ${r.ttl} IN A ${r.value}"`),
      ].join('\n') + '\n',
      { ip: AUTH_NS_IP, port: 53, spawn: inNs, control: true },
    );
    // The public recursive resolver (plays 1.1.1.1): iterates to the zone's name server.
    recursive = await startUnbound(['server:', 'stub-zone:', '  name: "example.com."', `  stub-addr: ${AUTH_NS_IP}`].join('\n') + '\n', { ip: PUBLIC_RESOLVER_IP, port: 53, spawn: inNs });
    pebble = await startPebble({ ip: PEBBLE_IP, dnsServer: `${PUBLIC_RESOLVER_IP}:53`, httpPort: 80, spawn: inNs });
    const get = async (path: string) => (await ns.run('curl', ['-sS', '--cacert', pebble.tlsCaFile, `${pebble.management}${path}`])).stdout;
    issuerPems = [await get('/intermediates/0'), await get('/roots/0')];
  });

  afterAll(async () => {
    await pebble?.close();
    await recursive?.close();
    await auth?.close();
    await ns?.close();
  });

  function lego(args: string[], dir: string, env: Record<string, string> = {}) {
    if (process.env.NETSETUP_DEBUG_ACME) console.error(`lego in ${dir}: ${args.join(' ')}`);
    return ns.run('lego', args, { cwd: dir, env: { PATH: process.env.PATH!, LEGO_CA_CERTIFICATES: pebble.tlsCaFile, ...env }, timeoutMs: 100_000 });
  }

  function expectIssued(dir: string): X509Certificate {
    const pem = readFileSync(join(dir, 'certificates', `${CERT}.crt`), 'utf8');
    const leaf = new X509Certificate(pem);
    const [intermediate, root] = issuerPems.map((p) => new X509Certificate(p)) as [X509Certificate, X509Certificate];
    // Then the certificate names every public name of the site and chains to pebble's root
    expect(sans(leaf)).toEqual([...NAMES].sort());
    expect(leaf.verify(intermediate.publicKey)).toBe(true);
    expect(intermediate.verify(root.publicKey)).toBe(true);
    expect(leaf.issuer).toMatch(/Pebble/);
    return leaf;
  }

  it('DNS-01: the provider hook publishes the TXT, lego checks it at the public resolver, pebble issues', async () => {
    // Given the DNS VM's lego command for a site with a DNS provider
    const ev = evaluate(smarthostAnswers());
    const { run } = legoCommands(ev.script);
    // The propagation check asks the public resolver, not the DNS VM (whose coredns overrides names)
    expect(run.slice(run.indexOf('--dns.resolvers'), run.indexOf('--dns.resolvers') + 2)).toEqual(['--dns.resolvers', ACME_DNS_RESOLVER]);
    expect(run).not.toContain('--dns.propagation-disable-ans');
    expect(ev.allowedTCPPorts).not.toContain(80);
    const args = swapFlag(swapFlag(run, '--dns', 'cloudflare', 'exec'), '--server', LE_PRODUCTION, pebble.directory);
    const dir = mkdtempSync(join(work, 'dns01-'));
    const hook = join(dir, 'provider-hook.sh');
    const calls = join(dir, 'calls.log');
    writeFileSync(
      hook,
      `#!/bin/sh\nset -e\necho "$1 $2" >> ${calls}\ncase "$1" in\n  present) unbound-control -c ${auth.conf} local_data "$2 60 IN TXT \\"$3\\"" >/dev/null ;;\n  cleanup) unbound-control -c ${auth.conf} local_data_remove "$2" >/dev/null ;;\nesac\n`,
    );
    chmodSync(hook, 0o755);
    // When lego runs it
    const r = await lego(args, dir, { EXEC_PATH: hook, EXEC_POLLING_INTERVAL: '1', EXEC_PROPAGATION_TIMEOUT: '60', EXEC_SEQUENCE_INTERVAL: '1' });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expectIssued(dir);
    // And the challenge went through the public DNS: presented and cleaned up for every name,
    // asked of the public resolver (its log) before pebble validated
    const log = readFileSync(calls, 'utf8');
    for (const n of NAMES) {
      expect(log).toContain(`present _acme-challenge.${n}.`);
      expect(log).toContain(`cleanup _acme-challenge.${n}.`);
    }
    expect(recursive.log()).toMatch(/_acme-challenge\.mail\.example\.com\. TXT IN/);
  }, LONG);

  it('HTTP-01: lego answers on port 80 of the public IP, pebble reaches it through the published A records; renewal replaces the certificate', async () => {
    // Given the DNS VM's lego commands for a site without a DNS provider
    const ev = evaluate(standaloneAnswers());
    const { run, renew } = legoCommands(ev.script);
    expect(run).toEqual(expect.arrayContaining(['--http', '--http.port', ':80']));
    expect(ev.allowedTCPPorts).toContain(80);
    // Renewal is scheduled by security.acme's timer
    expect(ev.timer.OnCalendar).toBe('daily');
    expect(ev.timer.Unit).toBe(`acme-order-renew-${CERT}.service`);
    const dir = mkdtempSync(join(work, 'http01-'));
    // When lego runs the order
    const r = await lego(swapFlag(run, '--server', LE_PRODUCTION, pebble.directory), dir);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    if (process.env.NETSETUP_DEBUG_ACME) console.error(r.stderr);
    const first = expectIssued(dir);
    // And then the renewal command; Debian's lego 4.9.1 has no --dynamic (nixpkgs' lego does),
    // so the test forces renewal with --days beyond the certificate's lifetime.
    expect(renew).toContain('--dynamic');
    const forced = renew.flatMap((a) => (a === '--dynamic' ? ['--days', '36500'] : [a]));
    const rr = await lego(swapFlag(forced, '--server', LE_PRODUCTION, pebble.directory), dir);
    expect(rr.status, `${rr.stdout}\n${rr.stderr}`).toBe(0);
    const second = expectIssued(dir);
    expect(second.serialNumber).not.toBe(first.serialNumber);
    // And `checks --records` judges the issued certificate, served over TLS, as ok
    const srv = await serveHttps({ cert: readFileSync(join(dir, 'certificates', `${CERT}.crt`), 'utf8'), key: readFileSync(join(dir, 'certificates', `${CERT}.key`), 'utf8') });
    try {
      const plan = derivePlan(answersSchema.parse(standaloneAnswers()));
      const [c] = await verifyCertificates(plan, { connect: srv.target, extraCa: issuerPems[1], timeoutMs: 2000 });
      expect(c, JSON.stringify(c)).toMatchObject({ verdict: 'ok' });
      expect([...c!.names].sort()).toEqual([...NAMES].sort());
      expect(c!.issuer).toMatch(/Pebble Intermediate/);
    } finally {
      await srv.close();
    }
  }, LONG);
});

// @ts-nocheck
// The built CLI's `checks` command with every endpoint pointed at servers on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { closedPort, startDnsServer, startHttpEcho, startSilentServer, startSmtpServer, type LocalDns, type LocalHttp, type LocalTcp } from '../helpers/localServers.js';

let echo: LocalHttp;
let smtp: LocalTcp;
let silent: LocalTcp;
let dns: LocalDns;
let dead: number;
beforeAll(async () => {
  // Given an echo that sees 203.0.113.7, an SMTP listener, a silent one, and a DNS server whose
  // reverse zone says 203.0.113.7 is mail.example.com (the domain of examples/standalone.yaml)
  echo = await startHttpEcho({ body: '203.0.113.7\n' });
  smtp = await startSmtpServer();
  silent = await startSilentServer();
  dns = await startDnsServer([
    { type: 'PTR', name: '7.113.0.203.in-addr.arpa', value: 'mail.example.com' },
    { type: 'A', name: 'mail.example.com', value: '203.0.113.7' },
  ]);
  dead = await closedPort();
});
afterAll(async () => {
  await Promise.all([echo.close(), smtp.close(), silent.close(), dns.close()]);
});

const env = (over: Record<string, string> = {}): Record<string, string> => ({
  NETSETUP_IP_ECHO_URLS: `http://127.0.0.1:${dead}/,${echo.url}`,
  NETSETUP_MX_HOSTS: `${silent.target},${smtp.target}`,
  NETSETUP_RESOLVER: dns.server,
  NETSETUP_PORT25_TIMEOUT_MS: '3000',
  ...over,
});

describe('netsetup-wizard checks', () => {
  it('--json prints the check results on stdout and progress on stderr', async () => {
    // When the checks run with the standalone example's answers
    const r = await runCli(['checks', '--json', '--answers', 'examples/standalone.yaml'], { env: env() });
    // Then exit 0, stdout is the results JSON, stderr the progress
    expect(r.stderr).not.toContain('netsetup-wizard:');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.publicIp).toMatchObject({ status: 'ok', ip: '203.0.113.7', source: echo.url, cgnat: false });
    expect(out.port25).toMatchObject({ status: 'open', host: smtp.target, banner: '220 mx.test.invalid ESMTP ready' });
    expect(out.ptr).toEqual({ ip: '203.0.113.7', names: ['mail.example.com'], forwardConfirmed: true, matchesMailHost: true, expected: 'mail.example.com', status: 'ok' });
    expect(new Date(out.at).toString()).not.toBe('Invalid Date');
    expect(r.stderr).toContain('checking outbound port 25');
  });

  it('prints human lines with advice and a recommendation; blocked port 25 is still exit 0', async () => {
    // Given only the silent MX
    // When the checks run with answers
    const r = await runCli(['checks', '--answers', 'examples/standalone.yaml'], { env: env({ NETSETUP_MX_HOSTS: silent.target, NETSETUP_PORT25_TIMEOUT_MS: '1500' }) });
    // Then the lines say blocked with advice, and recommend a smarthost against the file's mode
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ Public IP: 203.0.113.7');
    expect(r.stdout).toMatch(/✗ Outbound port 25: blocked \(1 probe: 1 connected but sent no banner/);
    expect(r.stdout).toContain('Advice: the ISP or a firewall filters outgoing SMTP');
    expect(r.stdout).toContain('✓ Reverse DNS (PTR): mail.example.com');
    expect(r.stdout).toContain('Recommendation: smarthost (relay) — the answers file says standalone');
  });

  it('exits 1 when nothing could be checked (no echo, no DNS)', async () => {
    // Given dead echo URLs and MX names the resolver does not know
    const r = await runCli(['checks', '--json'], {
      env: env({ NETSETUP_IP_ECHO_URLS: `http://127.0.0.1:${dead}/`, NETSETUP_MX_HOSTS: 'mx.unknown.test:2525' }),
    });
    // Then the results are still printed, no-dns, and the exit code is 1 with a message
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ publicIp: { status: 'failed' }, port25: { status: 'no-dns' } });
    expect(r.stderr).toContain('the checks could not run');
  });

  it('rejects bad endpoint variables and --records with exit 2', async () => {
    // When the resolver variable is not an address
    const bad = await runCli(['checks'], { env: env({ NETSETUP_RESOLVER: 'dns.example:53' }) });
    // Then exit 2, naming the variable
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('NETSETUP_RESOLVER: "dns.example:53" must be an IP address');
    // When --records is asked for without saying which site
    const rec = await runCli(['checks', '--records'], { env: env() });
    // Then exit 2 with a clear message naming what to pass, and nothing on stdout
    expect(rec.code).toBe(2);
    expect(rec.stderr).toContain('checks --records needs the site');
    expect(rec.stdout).toBe('');
  });
});

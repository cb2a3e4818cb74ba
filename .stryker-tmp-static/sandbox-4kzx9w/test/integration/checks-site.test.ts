// @ts-nocheck
// runSiteChecks end to end against local servers: order of work, progress, static IP handling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSiteChecks } from '../../src/checks/index.js';
import type { CheckEndpoints } from '../../src/checks/types.js';
import { startDnsServer, startHttpEcho, startSilentServer, startSmtpServer, type LocalDns, type LocalHttp, type LocalTcp } from '../helpers/localServers.js';

let echo: LocalHttp;
let cgnatEcho: LocalHttp;
let smtp: LocalTcp;
let silent: LocalTcp;
let dns: LocalDns;
beforeAll(async () => {
  // Given an echo (198.51.100.5), a CGNAT echo, an SMTP and a silent listener, and reverse DNS for
  // the echo's address (an ISP name) and for the static address 203.0.113.7 (mail.example.com)
  echo = await startHttpEcho({ body: '198.51.100.5' });
  cgnatEcho = await startHttpEcho({ body: '100.64.9.9' });
  smtp = await startSmtpServer();
  silent = await startSilentServer();
  dns = await startDnsServer([
    { type: 'PTR', name: '5.100.51.198.in-addr.arpa', value: 'dyn-5.isp.test' },
    { type: 'A', name: 'dyn-5.isp.test', value: '198.51.100.5' },
    { type: 'PTR', name: '7.113.0.203.in-addr.arpa', value: 'mail.example.com' },
    { type: 'A', name: 'mail.example.com', value: '203.0.113.7' },
  ]);
});
afterAll(async () => {
  await Promise.all([echo.close(), cgnatEcho.close(), smtp.close(), silent.close(), dns.close()]);
});

const endpoints = (o: Partial<CheckEndpoints> = {}): CheckEndpoints => ({ ipEchoUrls: [echo.url], mxHosts: [smtp.target], resolver: dns.server, port25TimeoutMs: 3000, ...o });

describe('runSiteChecks', () => {
  it('runs public IP and port 25 in parallel, and the PTR of the echoed IP as soon as it is known', async () => {
    // Given a slow port-25 probe (silent MX, 1.5 s bound)
    const events: string[] = [];
    // When the checks run
    const r = await runSiteChecks({
      domain: 'example.com',
      endpoints: endpoints({ mxHosts: [silent.target], port25TimeoutMs: 1500 }),
      localAddresses: [],
      onProgress: (name, state, result) => events.push(`${name}:${state}${result ? ':' + ('status' in result ? result.status : '') : ''}`),
    });
    // Then both first checks started before either finished; the PTR started once the IP was
    // known and finished while port 25 was still probing
    expect(events.slice(0, 2).sort()).toEqual(['port25:running', 'publicIp:running']);
    expect([...events].sort()).toEqual(['port25:done:blocked', 'port25:running', 'ptr:done:other-name', 'ptr:running', 'publicIp:done:ok', 'publicIp:running']);
    const at = (e: string): number => events.indexOf(e);
    expect(at('ptr:running')).toBeGreaterThan(at('publicIp:done:ok'));
    expect(at('ptr:done:other-name')).toBeGreaterThan(at('ptr:running'));
    expect(at('port25:done:blocked')).toBeGreaterThan(at('ptr:done:other-name'));
    expect(r.publicIp).toMatchObject({ status: 'ok', ip: '198.51.100.5' });
    expect(r.ptr).toMatchObject({ ip: '198.51.100.5', names: ['dyn-5.isp.test'], forwardConfirmed: true, matchesMailHost: false });
  });

  it('with a static publicIp: still echoes and compares, but checks the PTR of the static IP', async () => {
    // When the answers give 203.0.113.7 and the echo sees 198.51.100.5
    const r = await runSiteChecks({ domain: 'example.com', publicIp: '203.0.113.7', endpoints: endpoints(), localAddresses: [] });
    // Then the difference is noted, and the PTR is the static address's
    expect(r.publicIp).toMatchObject({ status: 'ok', ip: '198.51.100.5', note: expect.stringContaining('the answers give 203.0.113.7') });
    expect(r.port25.status).toBe('open');
    expect(r.ptr).toMatchObject({ ip: '203.0.113.7', status: 'ok' });
  });

  it('skips the PTR behind CGNAT and when no IP is known', async () => {
    // When the echo sees a CGNAT address, or no echo answers
    const cg = await runSiteChecks({ endpoints: endpoints({ ipEchoUrls: [cgnatEcho.url] }), localAddresses: [] });
    const none = await runSiteChecks({ endpoints: endpoints({ ipEchoUrls: [] }), localAddresses: [] });
    // Then there is no PTR result, and the DNS server was never asked about those addresses
    expect(cg.publicIp).toMatchObject({ cgnat: true });
    expect(cg.ptr).toBeUndefined();
    expect(none.publicIp.status).toBe('failed');
    expect(none.ptr).toBeUndefined();
    expect(dns.queries.filter((q) => q.startsWith('9.9.64.100'))).toEqual([]);
  });
});

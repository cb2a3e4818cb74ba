// Public IP through HTTP echo servers on 127.0.0.1: primary, fallback, bad answers, CGNAT.
import { afterEach, describe, expect, it } from 'vitest';
import { checkPublicIp } from '../../src/checks/publicIp.js';
import { closedPort, startHttpEcho, type LocalHttp } from '../helpers/localServers.js';

const opened: LocalHttp[] = [];
const echo = async (o: Parameters<typeof startHttpEcho>[0]): Promise<LocalHttp> => {
  const s = await startHttpEcho(o);
  opened.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('checkPublicIp', () => {
  it('takes the primary echo and does not ask the fallback', async () => {
    // Given two echo services
    const primary = await echo({ body: '198.51.100.20\n' });
    const fallback = await echo({ body: '198.51.100.99' });
    // When the check runs
    const r = await checkPublicIp({ urls: [primary.url, fallback.url], timeoutMs: 2000, localAddresses: [] });
    // Then the primary's trimmed answer is the IP, and the fallback was never asked
    expect(r).toEqual({ status: 'ok', ip: '198.51.100.20', source: primary.url, cgnat: false });
    expect(fallback.requests).toBe(0);
  });

  it('falls back when the primary is down, and when it answers garbage', async () => {
    // Given a primary on a closed port, a second one answering HTML, and a working third
    const down = `http://127.0.0.1:${await closedPort()}/`;
    const html = await echo({ body: '<html>rate limited</html>' });
    const good = await echo({ body: '198.51.100.21' });
    // When the check runs
    const r = await checkPublicIp({ urls: [down, html.url, good.url], timeoutMs: 2000, localAddresses: [] });
    // Then the third answer is used
    expect(r).toMatchObject({ status: 'ok', ip: '198.51.100.21', source: good.url });
  });

  it('fails with a distinct reason per echo URL', async () => {
    // Given an echo that hangs, one that answers 503, and one on a closed port
    const hang = await echo({ handler: () => undefined });
    const busy = await echo({ status: 503, body: 'busy' });
    const down = `http://127.0.0.1:${await closedPort()}/`;
    // When the check runs with a short timeout
    const t0 = Date.now();
    const r = await checkPublicIp({ urls: [hang.url, busy.url, down], timeoutMs: 800, localAddresses: [] });
    // Then it fails, naming each cause, and the hang cost about one timeout
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.detail).toContain(`${hang.url}: timed out after 800 ms`);
    expect(r.detail).toContain(`${busy.url}: HTTP 503`);
    expect(r.detail).toContain(`${down}: ECONNREFUSED`);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('says CGNAT when the echoed address is in 100.64.0.0/10', async () => {
    // Given an echo that sees a shared-address-space IP
    const e = await echo({ body: '100.72.1.9' });
    // When the check runs
    const r = await checkPublicIp({ urls: [e.url], timeoutMs: 2000, localAddresses: [] });
    // Then it flags CGNAT and explains what that means
    expect(r).toMatchObject({ status: 'ok', ip: '100.72.1.9', cgnat: true });
    if (r.status === 'ok') expect(r.note).toMatch(/carrier-grade NAT.*inbound port 25/s);
  });

  it('says CGNAT when this host or the router has a 100.64/10 address', async () => {
    // Given an echo with a normal public address
    const e = await echo({ body: '198.51.100.22' });
    // When this host's interface is in 100.64/10, or the router's WAN address is
    const viaHost = await checkPublicIp({ urls: [e.url], timeoutMs: 2000, localAddresses: ['127.0.0.1', '100.100.3.4'] });
    const viaRouter = await checkPublicIp({ urls: [e.url], timeoutMs: 2000, localAddresses: [], routerWanIp: '100.64.0.17' });
    // Then both are flagged, naming the shared address
    expect(viaHost).toMatchObject({ cgnat: true, note: expect.stringContaining('100.100.3.4') });
    expect(viaRouter).toMatchObject({ cgnat: true, note: expect.stringContaining('100.64.0.17') });
  });

  it('notes a difference from the static IP of the answers and from the router', async () => {
    // Given an echo that sees a different address than the answers and the router claim
    const e = await echo({ body: '198.51.100.23' });
    // When the check compares
    const r = await checkPublicIp({ urls: [e.url], timeoutMs: 2000, expected: '203.0.113.7', routerWanIp: '192.0.2.50', localAddresses: [] });
    // Then it keeps the echo, not CGNAT, but says both things
    expect(r).toMatchObject({ status: 'ok', ip: '198.51.100.23', cgnat: false });
    if (r.status === 'ok') {
      expect(r.note).toContain('the answers give 203.0.113.7');
      expect(r.note).toContain("router's WAN address is 192.0.2.50");
    }
  });
});

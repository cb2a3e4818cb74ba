// Public IP through HTTP echo servers on 127.0.0.1: primary, fallback, bad answers, CGNAT.
import { createHook } from 'node:async_hooks';
import { getEventListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPublicIp } from '../../src/checks/publicIp.js';
import { closedPort, startHttpEcho, type LocalHttp } from '../helpers/localServers.js';
import { makeLeaf, serveHttps } from '../helpers/tlsCerts.js';

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

  it('refuses what is not an echo answer or not an echo URL, naming each', async () => {
    // Given an echo that streams far more than an address, one that answers text, and bad URLs
    const flood = await echo({ handler: (_req, res) => { res.writeHead(200); res.write('1'.repeat(600)); setTimeout(() => res.end('2'), 50); } });
    const text = await echo({ body: `  ${'x'.repeat(100)}  ` });
    const r = await checkPublicIp({ urls: [flood.url, text.url, 'ftp://127.0.0.1/', 'not a url'], timeoutMs: 2000, localAddresses: [] });
    expect(r).toEqual({
      status: 'failed',
      detail: [`${flood.url}: answer too long for an IP address`, `${text.url}: answered "${'x'.repeat(60)}", not an IPv4 address`, 'ftp://127.0.0.1/: unsupported scheme ftp:', 'not a url: not a valid URL'].join('; '),
    });
    expect(await checkPublicIp({ urls: [], timeoutMs: 100, localAddresses: [] })).toEqual({ status: 'failed', detail: 'no echo URL configured' });
  });

  it('asks for plain text as netsetup-wizard, and says nothing when everything agrees', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const e = await echo({ handler: (req, res) => { seen.push(req.headers); res.writeHead(200); res.end('198.51.100.24\r\n'); } });
    const r = await checkPublicIp({ urls: [e.url], timeoutMs: 2000, expected: '198.51.100.24', routerWanIp: '198.51.100.24', localAddresses: ['10.0.0.5'] });
    expect(r).toEqual({ status: 'ok', ip: '198.51.100.24', source: e.url, cgnat: false });
    expect(seen[0]).toMatchObject({ accept: 'text/plain', 'user-agent': 'netsetup-wizard' });
  });

  it('stops at once when aborted, before or during a request', async () => {
    const hang = await echo({ handler: () => undefined });
    const before = new AbortController();
    before.abort(new Error('stop'));
    await expect(checkPublicIp({ urls: [hang.url], timeoutMs: 5000, localAddresses: [], signal: before.signal })).rejects.toThrow('stop');
    const during = new AbortController();
    setTimeout(() => during.abort(new Error('stop now')), 100);
    const t0 = Date.now();
    await expect(checkPublicIp({ urls: [hang.url, hang.url], timeoutMs: 5000, localAddresses: [], signal: during.signal })).rejects.toThrow('stop now');
    expect(Date.now() - t0).toBeLessThan(3000);
    // an abort during the last (here: only) request is an abort too, not a failed echo
    const last = new AbortController();
    setTimeout(() => last.abort(new Error('stop the last one')), 50);
    await expect(checkPublicIp({ urls: [hang.url], timeoutMs: 5000, localAddresses: [], signal: last.signal })).rejects.toThrow('stop the last one');
  });

  it('speaks TLS to an https echo and refuses a certificate nobody vouches for', async () => {
    // Given an HTTPS echo with a self-signed certificate (an interception box, not the real service)
    const tls = await serveHttps(makeLeaf(['localhost'], 30), { '/': { type: 'text/plain', body: '198.51.100.30' } });
    try {
      const url = `https://${tls.target}/`;
      // When the check asks it
      const r = await checkPublicIp({ urls: [url], timeoutMs: 3000, localAddresses: [] });
      // Then the TLS handshake happened and failed on the certificate, and the detail says so
      expect(r).toEqual({ status: 'failed', detail: `${url}: DEPTH_ZERO_SELF_SIGNED_CERT` });
    } finally {
      await tls.close();
    }
  });

  it('accepts an answer of exactly 512 characters and refuses 513', async () => {
    // Given echoes whose answer is an address padded with blanks to 512 and to 513 characters
    const at = await echo({ body: '198.51.100.31'.padEnd(512, ' ') });
    const over = await echo({ body: '198.51.100.32'.padEnd(513, ' ') });
    // Then 512 is read and trimmed, 513 is refused as too long
    expect(await checkPublicIp({ urls: [at.url], timeoutMs: 2000, localAddresses: [] })).toMatchObject({ status: 'ok', ip: '198.51.100.31' });
    expect(await checkPublicIp({ urls: [over.url], timeoutMs: 2000, localAddresses: [] })).toEqual({ status: 'failed', detail: `${over.url}: answer too long for an IP address` });
  });

  it('names an echo that breaks the connection in the middle of its answer, and goes on to the next', async () => {
    // Given an echo that promises 40 bytes, sends 5 and drops the connection, and a good fallback
    const broken = await echo({ handler: (_req, res) => { res.writeHead(200, { 'content-length': '40' }); res.write('198.5'); setTimeout(() => res.socket?.destroy(), 20); } });
    const good = await echo({ body: '198.51.100.33' });
    const r = await checkPublicIp({ urls: [broken.url, good.url], timeoutMs: 5000, localAddresses: [] });
    expect(r).toMatchObject({ status: 'ok', ip: '198.51.100.33', source: good.url });
    const alone = await checkPublicIp({ urls: [broken.url], timeoutMs: 5000, localAddresses: [] });
    expect(alone).toEqual({ status: 'failed', detail: `${broken.url}: ECONNRESET` });
  });

  it('without a list of addresses, looks at this host\'s own interfaces for a CGNAT address', async () => {
    // The oracle is the operating system's own list, read here
    const shared = Object.values(networkInterfaces()).flatMap((l) => l ?? []).map((a) => a.address)
      .find((a) => /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.\d+\.\d+$/.test(a));
    const e = await echo({ body: '198.51.100.34' });
    const r = await checkPublicIp({ urls: [e.url], timeoutMs: 2000 });
    if (shared) expect(r).toMatchObject({ status: 'ok', cgnat: true, note: expect.stringContaining(shared) });
    else expect(r).toEqual({ status: 'ok', ip: '198.51.100.34', source: e.url, cgnat: false });
  });

  it('writes every note in full, one after the other', async () => {
    const e = await echo({ body: '198.51.100.35' });
    const r = await checkPublicIp({ urls: [e.url], timeoutMs: 2000, expected: '203.0.113.7', routerWanIp: '192.0.2.50', localAddresses: [] });
    expect(r).toEqual({
      status: 'ok',
      ip: '198.51.100.35',
      source: e.url,
      cgnat: false,
      note:
        "the router's WAN address is 192.0.2.50 but the internet sees 198.51.100.35: there is another NAT (CGNAT or a second router) in between; " +
        'the answers give 203.0.113.7 as the static public IP, but outgoing traffic leaves as 198.51.100.35 (CGNAT, a second uplink or a VPN?)',
    });
    const viaHost = await checkPublicIp({ urls: [e.url], timeoutMs: 2000, localAddresses: ['100.100.3.4'] });
    expect(viaHost).toMatchObject({
      note: 'this host has the carrier-grade NAT address 100.100.3.4 (100.64.0.0/10); the internet sees 198.51.100.35; the ISP shares one public address between customers: inbound port 25 and a PTR of your own are impossible on this line',
    });
  });

  it('leaves no abort listener on the caller\'s signal', async () => {
    const e = await echo({ body: '198.51.100.36' });
    const ac = new AbortController();
    await checkPublicIp({ urls: [e.url], timeoutMs: 2000, localAddresses: [], signal: ac.signal });
    await checkPublicIp({ urls: [`http://127.0.0.1:${await closedPort()}/`], timeoutMs: 2000, localAddresses: [], signal: ac.signal });
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });

  it('leaves no timer armed and no connection open once it has its answer or gave up', async () => {
    // Count the timers this module arms from here on that neither fired nor were cleared
    const armed = new Set<number>();
    const hook = createHook({
      init: (id, type) => void (type === 'Timeout' && /checks[\\/]publicIp\./.test(new Error().stack ?? '') && armed.add(id)),
      destroy: (id) => void armed.delete(id),
    }).enable();
    // An echo that never answers, and notes when a connection to it is closed
    const closed: boolean[] = [];
    const hang = createServer(() => undefined);
    hang.on('connection', (c) => {
      const i = closed.push(false) - 1;
      c.on('close', () => (closed[i] = true));
    });
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    const hangUrl = `http://127.0.0.1:${(hang.address() as AddressInfo).port}/`;
    try {
      // Given an echo that answers and one that says 503
      const good = await echo({ body: '198.51.100.37' });
      const busy = await echo({ status: 503, body: 'busy' });
      // When each is asked with a long timeout (a short one for the hanging echo)
      expect(await checkPublicIp({ urls: [good.url], timeoutMs: 20_000, localAddresses: [] })).toMatchObject({ status: 'ok' });
      expect(await checkPublicIp({ urls: [busy.url], timeoutMs: 20_000, localAddresses: [] })).toMatchObject({ status: 'failed' });
      expect(await checkPublicIp({ urls: [hangUrl], timeoutMs: 100, localAddresses: [] })).toEqual({ status: 'failed', detail: `${hangUrl}: timed out after 100 ms` });
      // Then none of the 20 s timers is still armed, and we closed the hanging connection
      await expect.poll(() => armed.size, { timeout: 500, interval: 20 }).toBe(0);
      await expect.poll(() => closed, { timeout: 1000, interval: 20 }).toEqual([true]);
    } finally {
      hook.disable();
      hang.closeAllConnections();
      hang.close();
    }
  });
});

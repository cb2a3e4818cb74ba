// Reverse DNS against a real DNS server on 127.0.0.1: ok, missing, other name, not confirmed.
import { createSocket, type RemoteInfo } from 'node:dgram';
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPtr, reverseName } from '../../src/checks/ptr.js';
import { startDnsServer, type LocalDns } from '../helpers/localServers.js';

let dns: LocalDns;
beforeAll(async () => {
  // Given a DNS server with reverse zones for four addresses
  dns = await startDnsServer(
    [
      // 203.0.113.7: PTR mail.example.com, and mail.example.com points back
      { type: 'PTR', name: '7.113.0.203.in-addr.arpa', value: 'mail.example.com' },
      { type: 'A', name: 'mail.example.com', value: '203.0.113.7' },
      // 203.0.113.8: the ISP's generic name, which resolves back
      { type: 'PTR', name: '8.113.0.203.in-addr.arpa', value: 'host-8.dsl.isp.test' },
      { type: 'A', name: 'host-8.dsl.isp.test', value: '203.0.113.8' },
      // 203.0.113.9: PTR mail.example.org, but mail.example.org points elsewhere (via a CNAME)
      { type: 'PTR', name: '9.113.0.203.in-addr.arpa', value: 'mail.example.org' },
      { type: 'CNAME', name: 'mail.example.org', value: 'web.example.org' },
      { type: 'A', name: 'web.example.org', value: '198.51.100.1' },
      // 203.0.113.10: two PTR names, the second is mail.example.net and resolves back
      { type: 'PTR', name: '10.113.0.203.in-addr.arpa', value: 'static.isp.test' },
      { type: 'PTR', name: '10.113.0.203.in-addr.arpa', value: 'Mail.Example.NET.' },
      { type: 'A', name: 'mail.example.net', value: '203.0.113.10' },
      // 203.0.113.15: a PTR name with two A records, neither of them this address
      { type: 'PTR', name: '15.113.0.203.in-addr.arpa', value: 'multi.isp.test' },
      { type: 'A', name: 'multi.isp.test', value: '198.51.100.2' },
      { type: 'A', name: 'multi.isp.test', value: '198.51.100.3' },
      // 203.0.113.13: a PTR name that does not resolve at all
      { type: 'PTR', name: '13.113.0.203.in-addr.arpa', value: 'gone.isp.test' },
    ],
    { servfail: ['11.113.0.203.in-addr.arpa'], drop: ['12.113.0.203.in-addr.arpa'] },
  );
});
afterAll(() => dns.close());

const ptr = (ip: string, domain?: string) => checkPtr({ ip, domain, resolver: dns.server, timeoutMs: 1500 });

describe('checkPtr', () => {
  it('is ok when the PTR is mail.<domain> and resolves back', async () => {
    // When the PTR of 203.0.113.7 is checked for example.com
    const r = await ptr('203.0.113.7', 'example.com');
    // Then all three facts hold
    expect(r).toEqual({ ip: '203.0.113.7', names: ['mail.example.com'], forwardConfirmed: true, matchesMailHost: true, expected: 'mail.example.com', status: 'ok' });
  });

  it('is missing when the address has no PTR', async () => {
    // When an address without reverse record is checked
    const r = await ptr('203.0.113.99', 'example.com');
    // Then the status is missing and the facts are all negative
    expect(r).toMatchObject({ status: 'missing', names: [], forwardConfirmed: false, matchesMailHost: false });
  });

  it('is other-name for the ISP default name, still reporting the forward confirmation', async () => {
    // When the PTR is a generic ISP name
    const r = await ptr('203.0.113.8', 'example.com');
    // Then status other-name, forward-confirmed, not matching
    expect(r).toMatchObject({ status: 'other-name', names: ['host-8.dsl.isp.test'], forwardConfirmed: true, matchesMailHost: false });
    expect(r.detail).toContain('not mail.example.com');
  });

  it('is not-confirmed when mail.<domain> does not resolve back to the IP', async () => {
    // When the PTR name's A (through a CNAME) is another address
    const r = await ptr('203.0.113.9', 'example.org');
    // Then it matches the mail host but is not forward-confirmed, and says where it points
    expect(r).toMatchObject({ status: 'not-confirmed', matchesMailHost: true, forwardConfirmed: false });
    expect(r.detail).toContain('198.51.100.1');
  });

  it('finds mail.<domain> among several PTR names and normalises case and trailing dot', async () => {
    // When an address has two PTR names
    const r = await ptr('203.0.113.10', 'example.net');
    // Then the matching one is used for the forward confirmation
    expect(r).toMatchObject({ status: 'ok', matchesMailHost: true, forwardConfirmed: true });
    expect(r.names).toEqual(['static.isp.test', 'mail.example.net']);
  });

  it('without a domain, reports the name and its confirmation only', async () => {
    // When no domain is known
    const r = await ptr('203.0.113.8');
    // Then ok means forward-confirmed, and expected is empty
    expect(r).toMatchObject({ status: 'ok', expected: '', matchesMailHost: false, forwardConfirmed: true });
  });

  it('is lookup-failed on SERVFAIL, distinct from missing', async () => {
    // When the reverse zone answers SERVFAIL
    const r = await ptr('203.0.113.11', 'example.com');
    // Then the status says the lookup failed
    expect(r.status).toBe('lookup-failed');
    expect(r.detail).toMatch(/ESERVFAIL/);
  });

  it('is lookup-failed, not missing, when the resolver does not answer', async () => {
    // When the reverse query goes unanswered
    const t0 = Date.now();
    const r = await checkPtr({ ip: '203.0.113.12', domain: 'example.com', resolver: dns.server, timeoutMs: 500 });
    // Then the lookup failed on a timeout, within a few timeouts
    expect(r.status).toBe('lookup-failed');
    expect(r.detail).toMatch(/TIMEOUT/);
    expect(Date.now() - t0).toBeLessThan(4000);
  });

  it('spells out each finding: the exact detail texts', async () => {
    expect(reverseName('203.0.113.7')).toBe('7.113.0.203.in-addr.arpa');
    expect((await ptr('203.0.113.8', 'Example.COM')).detail).toBe('PTR is host-8.dsl.isp.test, not mail.example.com');
    expect((await ptr('203.0.113.8', 'example.com')).expected).toBe('mail.example.com');
    expect((await ptr('203.0.113.9', 'example.org')).detail).toBe('mail.example.org resolves to 198.51.100.1, not 203.0.113.9');
    expect((await ptr('203.0.113.9', 'example.com')).detail).toBe('PTR is mail.example.org, not mail.example.com; mail.example.org resolves to 198.51.100.1, not 203.0.113.9');
    const gone = await ptr('203.0.113.13', 'example.com');
    expect(gone).toMatchObject({ status: 'other-name', names: ['gone.isp.test'], forwardConfirmed: false });
    expect(gone.detail).toMatch(/^PTR is gone\.isp\.test, not mail\.example\.com; gone\.isp\.test does not resolve \(E\w+\)$/);
    const goneNoDomain = await ptr('203.0.113.13');
    expect(goneNoDomain).toMatchObject({ status: 'not-confirmed', expected: '' });
    expect(goneNoDomain.detail).toMatch(/^gone\.isp\.test does not resolve/);
    expect((await ptr('203.0.113.99')).detail).toMatch(/^203\.0\.113\.99 has no PTR record \(E\w+\)$/);
    expect((await ptr('203.0.113.11')).detail).toBe('PTR lookup for 203.0.113.11 failed: ESERVFAIL');
  });

  it('stops when aborted, before or during the lookup', async () => {
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await expect(checkPtr({ ip: '203.0.113.7', resolver: dns.server, timeoutMs: 1500, signal: ac.signal })).rejects.toThrow('stop');
    const during = new AbortController();
    setTimeout(() => during.abort(new Error('stop now')), 100);
    const t0 = Date.now();
    await expect(checkPtr({ ip: '203.0.113.12', resolver: dns.server, timeoutMs: 3000, signal: during.signal })).rejects.toThrow('stop now');
    expect(Date.now() - t0).toBeLessThan(2500);
  });

  it('names every PTR name when none is mail.<domain>, and checks the first', async () => {
    // When an address with two PTR names (static.isp.test, mail.example.net) is checked for example.com
    const r = await ptr('203.0.113.10', 'example.com');
    // Then both names are listed, and the first (which has no A record) is the one looked up
    expect(r).toEqual({
      ip: '203.0.113.10',
      expected: 'mail.example.com',
      names: ['static.isp.test', 'mail.example.net'],
      forwardConfirmed: false,
      matchesMailHost: false,
      status: 'other-name',
      detail: 'PTR is static.isp.test, mail.example.net, not mail.example.com; static.isp.test does not resolve (ENOTFOUND)',
    });
    expect(dns.queries).toContain('static.isp.test A');
  });

  it('waits the whole per-query timeout for a resolver that answers late within it', async () => {
    // Given a resolver 60 ms away: a UDP relay on 127.0.0.1 that passes each query on after 60 ms
    const relay = createSocket('udp4');
    const clients = new Map<number, RemoteInfo>();
    relay.on('message', (msg, from) => {
      if (from.port === dns.port) {
        const to = clients.get(msg.readUInt16BE(0));
        if (to) relay.send(msg, to.port, to.address);
        return;
      }
      clients.set(msg.readUInt16BE(0), from);
      setTimeout(() => relay.send(msg, dns.port, '127.0.0.1'), 60);
    });
    await new Promise<void>((resolve) => relay.bind(0, '127.0.0.1', resolve));
    try {
      // When the PTR check runs through it with a 300 ms per-query timeout
      const r = await checkPtr({ ip: '203.0.113.7', domain: 'example.com', resolver: `127.0.0.1:${relay.address().port}`, timeoutMs: 300 });
      // Then both lookups (PTR, then A) got their answers: a 60 ms resolver is not a dead one
      expect(r).toMatchObject({ status: 'ok', forwardConfirmed: true, matchesMailHost: true });
    } finally {
      relay.close();
    }
  });

  it('lists every address the PTR name resolves to when none is the IP', async () => {
    const r = await ptr('203.0.113.15');
    expect(r).toMatchObject({ status: 'not-confirmed', names: ['multi.isp.test'], forwardConfirmed: false });
    expect(r.detail).toBe('multi.isp.test resolves to 198.51.100.2, 198.51.100.3, not 203.0.113.15');
  });

  it('answers within a short per-query timeout when the resolver is quick', async () => {
    // When the timeout is 100 ms (the smallest the resolver takes) and the resolver answers at once
    const r = await checkPtr({ ip: '203.0.113.7', domain: 'example.com', resolver: dns.server, timeoutMs: 100 });
    // Then the lookups are not cut short
    expect(r.status).toBe('ok');
  });

  it("leaves no abort listener on the caller's signal", async () => {
    const ac = new AbortController();
    await checkPtr({ ip: '203.0.113.7', domain: 'example.com', resolver: dns.server, timeoutMs: 1500, signal: ac.signal });
    await checkPtr({ ip: '203.0.113.99', resolver: dns.server, timeoutMs: 1500, signal: ac.signal });
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });
});

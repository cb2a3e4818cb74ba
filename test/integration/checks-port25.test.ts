// The port-25 egress check against real TCP listeners and a real DNS server on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { checkPort25 } from '../../src/checks/port25.js';
import { closedPort, startDnsServer, startResettingServer, startSilentServer, startSmtpServer, type LocalTcp, type LocalDns } from '../helpers/localServers.js';

const opened: Array<LocalTcp | LocalDns> = [];
const track = <T extends LocalTcp | LocalDns>(s: T): T => (opened.push(s), s);
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('checkPort25', () => {
  it('is open when one MX answers with a 220 banner, and says QUIT', async () => {
    // Given a silent MX, a resetting MX and one that greets with 220
    const silent = track(await startSilentServer());
    const reset = track(await startResettingServer());
    const smtp = track(await startSmtpServer({ banner: '220 mx.test.invalid ESMTP hello', delayMs: 50 }));
    // When the check probes all three
    const r = await checkPort25({ mxHosts: [silent.target, reset.target, smtp.target], timeoutMs: 5000 });
    // Then it reports open with the banner, without waiting for the silent one to time out
    expect(r.status).toBe('open');
    if (r.status !== 'open') return;
    expect(r.host).toBe(smtp.target);
    expect(r.banner).toBe('220 mx.test.invalid ESMTP hello');
    expect(r.ms).toBeLessThan(4000);
    // And the server got a polite QUIT
    await expect.poll(() => smtp.lines).toContain('QUIT');
  });

  it('is open on a multi-line 220- greeting (RFC 5321 4.2.1: "220-" continues, "220 " ends)', async () => {
    // Given an MX whose greeting spans two lines, as many large providers send it
    const smtp = track(await startSmtpServer({ banner: '220-mx.test.invalid ESMTP\r\n220 no UCE, no relaying' }));
    // When the check probes it
    const r = await checkPort25({ mxHosts: [smtp.target], timeoutMs: 5000 });
    // Then the line is open (not blocked), and the first line is the banner
    expect(r.status).toBe('open');
    if (r.status === 'open') expect(r.banner).toBe('220-mx.test.invalid ESMTP');
    expect(r.probes?.map((p) => p.outcome)).toEqual(['banner']);
  });

  it('is blocked, within its bound, when every MX stays silent', async () => {
    // Given three listeners that accept but never greet (the all-filtered case)
    const targets = [];
    for (let i = 0; i < 3; i++) targets.push(track(await startSilentServer()).target);
    // When the check runs with a 600 ms bound (small, so mutation runs stay fast; the default
    // bound's wall time belongs in a benchmark, not in a timed test)
    const t0 = Date.now();
    const r = await checkPort25({ mxHosts: targets, timeoutMs: 600 });
    const wall = Date.now() - t0;
    // Then it says blocked only once the bound is over, and not much later
    expect(r.status).toBe('blocked');
    expect(wall).toBeLessThan(4000);
    expect(wall).toBeGreaterThanOrEqual(550);
    expect(r.probes?.map((p) => p.outcome)).toEqual(['no-banner', 'no-banner', 'no-banner']);
    if (r.status === 'blocked') expect(r.detail).toMatch(/3 probes: 3 connected but sent no banner/);
  });

  it('is blocked when connections are reset or refused, without waiting for the bound', async () => {
    // Given one resetting listener and one closed port
    const reset = track(await startResettingServer());
    const refused = `127.0.0.1:${await closedPort()}`;
    // When the check runs with a long bound
    const r = await checkPort25({ mxHosts: [reset.target, refused], timeoutMs: 8000 });
    // Then it is blocked as soon as both failed, and names both causes
    expect(r.status).toBe('blocked');
    expect(r.ms).toBeLessThan(4000);
    const outcomes = r.probes?.map((p) => p.outcome).sort();
    expect(outcomes).toEqual(['refused', 'reset']);
  });

  it('treats a non-220 greeting as not open', async () => {
    // Given an MX that greets with 554 (e.g. an ISP's interception proxy)
    const smtp = track(await startSmtpServer({ banner: '554 no SMTP service here' }));
    // When the check runs
    const r = await checkPort25({ mxHosts: [smtp.target], timeoutMs: 3000 });
    // Then it is blocked and the detail quotes the answer
    expect(r.status).toBe('blocked');
    if (r.status === 'blocked') expect(r.detail).toContain('554 no SMTP service here');
  });

  it('resolves MX domains through the configured resolver and dials the most preferred MX hosts', async () => {
    // Given a DNS server with three MX records for gmail.test: the preferred one (mx1) resolves to
    // 127.0.0.1 where an SMTP listener waits, mx2 has no A record, mx3 is third in line
    const smtp = track(await startSmtpServer());
    const dns = track(
      await startDnsServer([
        { type: 'MX', name: 'gmail.test', value: 'mx2.gmail.test', priority: 20 },
        { type: 'MX', name: 'gmail.test', value: 'mx1.gmail.test', priority: 5 },
        { type: 'MX', name: 'gmail.test', value: 'mx3.gmail.test', priority: 30 },
        { type: 'A', name: 'mx1.gmail.test', value: '127.0.0.1' },
      ]),
    );
    // When the MX-domain mode runs against that port
    const r = await checkPort25({ mxHosts: [], mxDomains: ['gmail.test'], mxPort: smtp.port, resolver: dns.server, timeoutMs: 3000 });
    // Then the MX and A records were asked for, the best MX answered, and the third MX was never tried
    expect(r).toMatchObject({ status: 'open', host: 'mx1.gmail.test' });
    expect(dns.queries).toEqual(expect.arrayContaining(['gmail.test MX', 'mx1.gmail.test A']));
    expect(dns.queries).not.toContain('mx3.gmail.test A');
  });

  it('is no-dns when none of the MX names resolve', async () => {
    // Given a DNS server that knows none of the well-known domains (NXDOMAIN for all)
    const dns = track(await startDnsServer([{ type: 'A', name: 'unrelated.test', value: '127.0.0.1' }]));
    // When the check resolves the MX of three domains through it
    const r = await checkPort25({ mxHosts: [], mxDomains: ['gmail.com', 'outlook.com', 'yahoo.com'], resolver: dns.server, timeoutMs: 4000 });
    // Then the result is no-dns, not blocked, and quick
    expect(r.status).toBe('no-dns');
    if (r.status === 'no-dns') expect(r.detail).toMatch(/ENOTFOUND/);
    expect(r.ms).toBeLessThan(3000);
    expect(dns.queries.sort()).toEqual(['gmail.com MX', 'outlook.com MX', 'yahoo.com MX']);
  });

  it('is no-dns within its bound when the resolver never answers', async () => {
    // Given a DNS server that drops every query
    const dns = track(await startDnsServer([], { drop: ['gmail.com', 'outlook.com'] }));
    // When the check runs with a 400 ms bound
    const r = await checkPort25({ mxHosts: [], mxDomains: ['gmail.com', 'outlook.com'], resolver: dns.server, timeoutMs: 400 });
    // Then it gives up as no-dns at the bound
    expect(r.status).toBe('no-dns');
    expect(r.ms).toBeLessThan(4000);
  });

  it('stops at once when aborted', async () => {
    // Given silent MX hosts and a controller
    const silent = track(await startSilentServer());
    const ac = new AbortController();
    // When the caller aborts shortly after the start
    const p = checkPort25({ mxHosts: [silent.target], timeoutMs: 8000, signal: ac.signal });
    setTimeout(() => ac.abort(new Error('user pressed Ctrl-C')), 100);
    // Then the check rejects with the abort reason, well before its bound
    const t0 = Date.now();
    await expect(p).rejects.toThrow('user pressed Ctrl-C');
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});

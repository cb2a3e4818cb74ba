// The port-25 check on the wire: what an SMTP server on 127.0.0.1 sees of it (RFC 5321: the 220
// greeting, QUIT, the 221 and the close), what it leaves open afterwards (sockets, timers, DNS
// queries, abort listeners), and the words of its verdict for each kind of failure.
import { createHook } from 'node:async_hooks';
import { spawn, type ChildProcess } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkPort25, classify, parseHostPort } from '../../src/checks/port25.js';
import type { Port25Probe } from '../../src/checks/types.js';
import { onLines, startDnsServer, type LocalDns } from '../helpers/localServers.js';

/** What a test SMTP-ish server saw of one client connection. */
interface Seen {
  lines: string[];
  /** The client closed its sending side (FIN), e.g. after QUIT. */
  clientEnded: boolean;
  /** The connection is gone on the server side. */
  closed: boolean;
  /** Socket errors the server saw (e.g. ECONNRESET when the client vanished before our reply). */
  errors: string[];
}

interface Wire {
  target: string;
  port: number;
  seen: Seen[];
  close(): Promise<void>;
}

/**
 * A TCP server on 127.0.0.1 port 0 that plays a script on each connection: `greet` writes the
 * greeting (in chunks, so a test can split a line), `onQuit` says what happens after QUIT:
 * answer 221 and close (RFC 5321 4.1.1.10), or keep the connection half-open and say nothing.
 */
async function wire(opts: {
  greet?: (s: Socket) => void;
  onQuit?: 'reply-221-and-close' | 'hold';
  /** Wait this long after QUIT before the 221 and the close. */
  replyDelayMs?: number;
}): Promise<Wire> {
  const sockets = new Set<Socket>();
  const seen: Seen[] = [];
  // Half-open allowed when the script answers late or never: otherwise Node closes our side as
  // soon as the client's FIN (after QUIT) arrives.
  const server: Server = createServer({ allowHalfOpen: opts.onQuit === 'hold' || !!opts.replyDelayMs }, (s) => {
    const me: Seen = { lines: [], clientEnded: false, closed: false, errors: [] };
    seen.push(me);
    sockets.add(s);
    s.on('error', (e: NodeJS.ErrnoException) => me.errors.push(e.code ?? e.message));
    s.on('end', () => (me.clientEnded = true));
    s.on('close', () => {
      me.closed = true;
      sockets.delete(s);
    });
    onLines(s, (line) => {
      me.lines.push(line);
      if (!/^quit$/i.test(line) || opts.onQuit === 'hold') return;
      if (opts.replyDelayMs) setTimeout(() => s.end('221 2.0.0 bye\r\n'), opts.replyDelayMs);
      else s.end('221 2.0.0 bye\r\n');
    });
    opts.greet?.(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    target: `127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const opened: Array<{ close(): Promise<void> }> = [];
const track = <T extends { close(): Promise<void> }>(s: T): T => (opened.push(s), s);
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** Handles of one kind this process holds (ref'd timers, TCP sockets, DNS queries...). */
// (typed here: the project's @types/node predates process.getActiveResourcesInfo, Node 17.3+)
const activeResources = (): string[] => (process as unknown as { getActiveResourcesInfo(): string[] }).getActiveResourcesInfo();
const handles = (kind: string): number => activeResources().filter((k) => k === kind).length;

/** Starts counting the timers the port-25 check creates from now on that are still armed. */
function armedTimers(): { count(): number; stop(): void } {
  const armed = new Set<number>();
  const hook = createHook({
    init: (id, type) => void (type === 'Timeout' && /checks[\\/]port25\./.test(new Error().stack ?? '') && armed.add(id)),
    destroy: (id) => void armed.delete(id),
  }).enable();
  return { count: () => armed.size, stop: () => void hook.disable() };
}

const greeting = (text: string) => (s: Socket) => s.write(text);
const smtp220 = (): Promise<Wire> => wire({ greet: greeting('220 mx.test.invalid ESMTP ready\r\n'), onQuit: 'reply-221-and-close' });
const silent = (): Promise<Wire> => wire({});

describe('checkPort25 on the wire (RFC 5321 greeting, QUIT, close)', () => {
  it('reads the 220, says QUIT once, and both sides close; no socket or timer is left behind', async () => {
    // Given an MX that greets with 220 and answers QUIT with 221 and a close
    const mx = track(await smtp220());
    const socketsBefore = handles('TCPSocketWrap');
    const timers = armedTimers();
    // When the check runs with a long bound (its deadline timer must not outlive it)
    const r = await checkPort25({ mxHosts: [mx.target], timeoutMs: 20_000 });
    // Then it is open on that host, and the server saw exactly one QUIT, then our FIN
    expect(r).toMatchObject({ status: 'open', host: mx.target, banner: '220 mx.test.invalid ESMTP ready' });
    await expect.poll(() => mx.seen[0]?.closed, { timeout: 2000 }).toBe(true);
    expect(mx.seen).toHaveLength(1);
    expect(mx.seen[0]).toMatchObject({ lines: ['QUIT'], clientEnded: true });
    // And once the connection is gone nothing of the check keeps this process alive
    await expect.poll(() => handles('TCPSocketWrap'), { timeout: 2000 }).toBe(socketsBefore);
    // (neither the 20 s deadline nor the 1 s wait for the server's close is still armed)
    try {
      await expect.poll(() => timers.count(), { timeout: 500, interval: 20 }).toBe(0);
    } finally {
      timers.stop();
    }
  });

  it('waits for the 221 to its QUIT before it lets go of the connection (RFC 5321 3.8, 4.1.1.10)', async () => {
    // Given an MX that takes 300 ms to answer QUIT with 221 and close
    const mx = track(await wire({ greet: greeting('220 slow-quit.test.invalid ESMTP\r\n'), onQuit: 'reply-221-and-close', replyDelayMs: 300 }));
    const before = handles('TCPSocketWrap');
    // When the check has its verdict
    const r = await checkPort25({ mxHosts: [mx.target], timeoutMs: 5000 });
    expect(r.status).toBe('open');
    // Then 50 ms later our socket is still there to read the 221 (both ends are open)...
    await new Promise((res) => setTimeout(res, 50));
    expect(handles('TCPSocketWrap')).toBe(before + 2);
    // ...and goes once the server has answered and closed, cleanly
    await expect.poll(() => mx.seen[0]?.closed, { timeout: 2000 }).toBe(true);
    await expect.poll(() => handles('TCPSocketWrap'), { timeout: 1000 }).toBe(before);
    expect(mx.seen[0]).toMatchObject({ lines: ['QUIT'], clientEnded: true, errors: [] });
  });

  it('cuts off an MX that never closes after QUIT once the grace period is over', async () => {
    // Given an MX that greets, then keeps the connection half-open after our QUIT and never closes
    const mx = track(await wire({ greet: greeting('220 sticky.test.invalid ESMTP\r\n'), onQuit: 'hold' }));
    const before = handles('TCPSocketWrap');
    // When the check runs with a 50 ms grace for the close
    const r = await checkPort25({ mxHosts: [mx.target], timeoutMs: 5000, quitGraceMs: 50 });
    expect(r.status).toBe('open');
    await expect.poll(() => mx.seen[0]?.lines, { timeout: 2000 }).toEqual(['QUIT']);
    // Then our socket is destroyed within a fraction of the default 1 s grace (the server's own
    // half-open socket, one handle, is all that is left), and no grace timer stays armed
    await expect.poll(() => handles('TCPSocketWrap'), { timeout: 600, interval: 20 }).toBe(before + 1);
    expect(mx.seen[0]!.closed).toBe(false);
  });

  it('when one MX answers, drops the others at once and keeps the verdict as it was', async () => {
    // Given a silent MX (accepts, never greets) and one that greets with 220
    const quiet = track(await silent());
    const mx = track(await smtp220());
    // When the check runs with a long bound
    const r = await checkPort25({ mxHosts: [quiet.target, mx.target], timeoutMs: 20_000 });
    // Then it is open, the silent host is reported as connected without a banner...
    expect(r.status).toBe('open');
    const probes = (): Array<[string, string, string | undefined]> => (r.probes ?? []).map((p) => [p.target, p.outcome, p.info]);
    expect(probes()).toEqual([
      [mx.target, 'banner', '220 mx.test.invalid ESMTP ready'],
      [quiet.target, 'no-banner', undefined],
    ]);
    // ...its connection is closed by us (the server sees it go, long before the 20 s bound)
    await expect.poll(() => quiet.seen[0]?.closed, { timeout: 1000 }).toBe(true);
    // ...and the closing sockets do not add probes to the result already returned
    await new Promise((res) => setTimeout(res, 50));
    expect(probes()).toHaveLength(2);
  });

  it('cancels DNS lookups still running when an MX answered', async () => {
    // Given an MX that greets, and a second target whose name the resolver never answers
    const mx = track(await smtp220());
    const dns = track(await startDnsServer([], { drop: ['slow.test.invalid'] }));
    // When both are probed with a long bound
    const r = await checkPort25({ mxHosts: [mx.target, `slow.test.invalid:${mx.port}`], resolver: dns!.server, timeoutMs: 20_000 });
    // Then the verdict is open at once, the unanswered name is reported as such...
    expect(r.status).toBe('open');
    expect(r.probes?.find((p) => p.target.startsWith('slow.'))).toMatchObject({ outcome: 'no-dns', info: 'DNS timed out' });
    expect(dns!.queries).toEqual(['slow.test.invalid A']);
    // ...and no DNS query is left waiting for its own 20 s timeout
    expect(handles('QueryReqWrap')).toBe(0);
  });

  it('leaves no abort listener on the caller\'s signal, whatever the outcome', async () => {
    const mx = track(await smtp220());
    const quiet = track(await silent());
    const ac = new AbortController();
    await checkPort25({ mxHosts: [mx.target], timeoutMs: 5000, signal: ac.signal });
    await checkPort25({ mxHosts: [quiet.target], timeoutMs: 100, signal: ac.signal });
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });

  it('does not dial at all when the signal is already aborted', async () => {
    const mx = track(await smtp220());
    const ac = new AbortController();
    ac.abort(new Error('cancelled before the start'));
    await expect(checkPort25({ mxHosts: [mx.target], timeoutMs: 5000, signal: ac.signal })).rejects.toThrow('cancelled before the start');
    await new Promise((res) => setTimeout(res, 50));
    expect(mx.seen).toHaveLength(0);
  });

  it('on abort, closes the connections it had open', async () => {
    const quiet = track(await silent());
    const ac = new AbortController();
    const p = checkPort25({ mxHosts: [quiet.target], timeoutMs: 20_000, signal: ac.signal });
    await expect.poll(() => quiet.seen.length).toBe(1);
    ac.abort(new Error('user pressed Ctrl-C'));
    await expect(p).rejects.toThrow('user pressed Ctrl-C');
    await expect.poll(() => quiet.seen[0]!.closed, { timeout: 1000 }).toBe(true);
  });
});

describe('checkPort25 when a probe fails early', () => {
  it('reports each target once: a reset (error, then close) next to a silent MX', async () => {
    // Given an MX that resets at once and one that stays silent until the bound
    const reset = track(await wire({ greet: (s) => s.resetAndDestroy() }));
    const quiet = track(await silent());
    const r = await checkPort25({ mxHosts: [reset.target, quiet.target], timeoutMs: 300 });
    expect(r).toMatchObject({ status: 'blocked', detail: '2 probes: 1 reset, 1 connected but sent no banner' });
    expect(r.probes?.map((p) => [p.target, p.outcome, p.info])).toEqual([
      [reset.target, 'reset', 'ECONNRESET'],
      [quiet.target, 'no-banner', undefined],
    ]);
    // the reset was recorded when it happened, not at the bound
    expect(r.probes![0]!.ms).toBeLessThan(r.probes![1]!.ms);
  });

  it('reports a host name that does not resolve as unresolved, naming the DNS answer, without dialling', async () => {
    const dns = track(await startDnsServer([{ type: 'A', name: 'other.test.invalid', value: '127.0.0.1' }]));
    const r = await checkPort25({ mxHosts: ['nx.test.invalid:9'], resolver: dns.server, timeoutMs: 3000 });
    expect(r).toMatchObject({ status: 'no-dns', detail: 'no MX host name resolved (ENOTFOUND)' });
    expect(r.probes).toEqual([{ target: 'nx.test.invalid:9', address: undefined, outcome: 'no-dns', info: 'ENOTFOUND', ms: r.probes![0]!.ms }]);
    expect(r.probes![0]!.ms).toBeLessThanOrEqual(r.ms);
  });
});

describe('parseHostPort: host[:port] as NETSETUP_MX_HOSTS gives it', () => {
  it.each([
    ['mx.test.invalid', 'mx.test.invalid', 25],
    ['mx.test.invalid:2525', 'mx.test.invalid', 2525],
    ['192.0.2.1:587', '192.0.2.1', 587],
    ['[2001:db8::25]:2525', '2001:db8::25', 2525],
    ['[2001:db8::25]', '2001:db8::25', 25],
    ['2001:db8::25', '2001:db8::25', 25],
    ['x[2001:db8::25]:25', 'x[2001:db8::25]', 25],
  ])('%s → host %s, port %i', (spec, host, port) => {
    expect(parseHostPort(spec)).toEqual({ host, port });
  });

  it('keeps an unparsable port visible as not a number (the probe then fails on it)', () => {
    expect(parseHostPort('[2001:db8::25]:25x')).toEqual({ host: '[2001:db8::25]', port: Number.NaN });
  });
});

describe('checkPort25 reading the greeting', () => {
  const one = async (w: Wire, timeoutMs = 3000) => {
    const r = await checkPort25({ mxHosts: [w.target], timeoutMs });
    return { r, probe: r.probes?.[0] };
  };

  it('waits for the end of the line when the greeting arrives in pieces', async () => {
    // Given an MX that sends "22", then "0 ..." 30 ms later (TCP may split a line anywhere)
    const mx = track(await wire({ greet: (s) => { s.write('22'); setTimeout(() => s.writable && s.write('0 split.test.invalid ESMTP\r\n'), 30); }, onQuit: 'reply-221-and-close' }));
    const { r } = await one(mx);
    expect(r).toMatchObject({ status: 'open', banner: '220 split.test.invalid ESMTP' });
  });

  it('keeps the greeting\'s bytes as sent (8-bit text read as Latin-1, cut at 200 characters)', async () => {
    const text = `220 caf\xe9.test.invalid ${'x'.repeat(300)}`;
    const mx = track(await wire({ greet: (s) => s.write(Buffer.from(`${text}\r\n`, 'latin1')), onQuit: 'reply-221-and-close' }));
    const { r } = await one(mx);
    expect(r.status).toBe('open');
    if (r.status === 'open') expect(r.banner).toBe(text.slice(0, 200));
  });

  it('gives up on a greeting of 1024 characters without an end of line (no waiting for the bound)', async () => {
    const mx = track(await wire({ greet: greeting('5'.repeat(1024)) }));
    const { r, probe } = await one(mx, 20_000);
    expect(r.status).toBe('blocked');
    expect(probe).toMatchObject({ outcome: 'other-reply', info: '5'.repeat(200) });
    expect(r.ms).toBeLessThan(10_000);
    // and it still says QUIT, so the server sees a polite end
    await expect.poll(() => mx.seen[0]?.lines).toEqual(['QUIT']);
  });

  it('keeps waiting while a greeting without end of line is shorter than 1024 characters', async () => {
    const mx = track(await wire({ greet: greeting('2'.repeat(1023)) }));
    const { r, probe } = await one(mx, 300);
    expect(r).toMatchObject({ status: 'blocked', detail: '1 probe: 1 connected but sent no banner' });
    expect(probe).toMatchObject({ target: mx.target, address: '127.0.0.1', outcome: 'no-banner' });
    // the probe's time is the time it waited: about the bound, never more than the whole check
    expect(probe!.ms).toBeGreaterThanOrEqual(250);
    expect(probe!.ms).toBeLessThanOrEqual(r.ms);
  });

  it.each([
    ['2200 looks like 220 but is a four-digit code'],
    ['554 5.7.1 no 220 for you'],
    ['220'],
    ['421 4.3.2 mx.test.invalid busy, try later'],
    ['554 a bare\rCR inside the line is kept'],
  ])('does not count %j as a 220 greeting (RFC 5321: "220" then space or hyphen)', async (line) => {
    const mx = track(await wire({ greet: greeting(`${line}\r\n`), onQuit: 'reply-221-and-close' }));
    const { r, probe } = await one(mx);
    expect(r).toEqual({ status: 'blocked', detail: `1 probe: 1 answered without 220 (e.g. "${line}")`, ms: r.ms, probes: r.probes });
    expect(probe).toMatchObject({ outcome: 'other-reply', info: line });
    expect(probe!.ms).toBeLessThanOrEqual(r.ms);
    await expect.poll(() => mx.seen[0]?.lines).toEqual(['QUIT']);
  });

  it('takes an empty first line (a bare LF) as an answer without 220, at once', async () => {
    const mx = track(await wire({ greet: greeting('\n220 too late\r\n'), onQuit: 'reply-221-and-close' }));
    const { r, probe } = await one(mx, 20_000);
    expect(r).toMatchObject({ status: 'blocked', detail: '1 probe: 1 answered without 220 (e.g. "")' });
    expect(probe).toMatchObject({ outcome: 'other-reply', info: '' });
    expect(r.ms).toBeLessThan(10_000);
  });

  it('reads only the first reply: a 221 in its own packet after our QUIT is not a second greeting', async () => {
    const mx = track(await wire({ greet: greeting('220 first.test.invalid\r\n'), onQuit: 'reply-221-and-close' }));
    const { r } = await one(mx);
    expect(r).toMatchObject({ status: 'open', banner: '220 first.test.invalid' });
    expect(r.probes).toHaveLength(1);
    await expect.poll(() => mx.seen[0]?.closed, { timeout: 2000 }).toBe(true);
    expect(mx.seen[0]!.lines).toEqual(['QUIT']);
  });

  it('reports an MX that closes without a word as connected-without-banner, at once', async () => {
    const mx = track(await wire({ greet: (s) => s.end() }));
    const { r, probe } = await one(mx, 20_000);
    expect(r).toMatchObject({ status: 'blocked', detail: '1 probe: 1 connected but sent no banner' });
    expect(probe).toMatchObject({ outcome: 'no-banner', info: 'closed without a banner', address: '127.0.0.1' });
    expect(r.ms).toBeLessThan(10_000);
  });

  it('reports a port that cannot exist as a failed probe instead of crashing', async () => {
    const r = await checkPort25({ mxHosts: ['127.0.0.1:99999'], timeoutMs: 20_000 });
    expect(r).toMatchObject({ status: 'blocked', detail: '1 probe: 1 failed' });
    expect(r.probes?.[0]).toMatchObject({ target: '127.0.0.1:99999', outcome: 'error', info: 'ERR_SOCKET_BAD_PORT' });
    expect(r.ms).toBeLessThan(10_000);
  });
});

describe('checkPort25 when the TCP handshake never completes', () => {
  // A listener whose accept queue is full (backlog 0, one connection queued, never accepted):
  // Linux drops further SYNs, so the connection stays in SYN-SENT like a filtered port.
  let py: ChildProcess;
  let port: number;
  beforeAll(async () => {
    py = spawn('python3', ['-c', [
      'import socket,sys',
      's=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(0)',
      'p=s.getsockname()[1]; c=socket.create_connection(("127.0.0.1",p))',
      'print(p, flush=True); sys.stdin.read()',
    ].join('\n')], { stdio: ['pipe', 'pipe', 'inherit'] });
    port = await new Promise<number>((resolve) => py.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
  });
  afterAll(() => void py.stdin!.end());

  it('is blocked with the probe timed out (not "no banner") at the bound', async () => {
    const r = await checkPort25({ mxHosts: [`127.0.0.1:${port}`], timeoutMs: 300 });
    expect(r).toMatchObject({ status: 'blocked', detail: '1 probe: 1 timed out' });
    expect(r.probes?.[0]).toMatchObject({ outcome: 'timeout', address: '127.0.0.1' });
    expect(r.probes![0]!.ms).toBeGreaterThanOrEqual(250);
  });
});

describe('checkPort25 through MX records', () => {
  let dns: LocalDns | undefined;
  afterEach(async () => {
    await dns?.close();
    dns = undefined;
  });

  it('reports exactly one probe per MX host dialled, and the domain not as a probe of its own', async () => {
    // Given example.test with one MX whose host resolves to 127.0.0.1, where a 220 waits
    const mx = track(await smtp220());
    dns = await startDnsServer([
      { type: 'MX', name: 'example.test', value: 'mx.example.test', priority: 10 },
      { type: 'A', name: 'mx.example.test', value: '127.0.0.1' },
    ]);
    const r = await checkPort25({ mxHosts: [], mxDomains: ['example.test'], mxPort: mx.port, resolver: dns!.server, timeoutMs: 3000 });
    expect(r).toMatchObject({ status: 'open', host: 'mx.example.test' });
    expect(r.probes?.map((p) => [p.target, p.address, p.outcome])).toEqual([['mx.example.test', '127.0.0.1', 'banner']]);
  });

  it('dials the two most preferred MX hosts (lowest preference value, RFC 5321 5.1), whatever the answer order', async () => {
    // Given MX records listed worst first: c (30), b (20), a (5); a and b resolve, c would too
    const mx = track(await smtp220());
    dns = await startDnsServer([
      { type: 'MX', name: 'example.test', value: 'c.example.test', priority: 30 },
      { type: 'MX', name: 'example.test', value: 'b.example.test', priority: 20 },
      { type: 'MX', name: 'example.test', value: 'a.example.test', priority: 5 },
      { type: 'A', name: 'a.example.test', value: '127.0.0.1' },
      { type: 'A', name: 'b.example.test', value: '127.0.0.1' },
      { type: 'A', name: 'c.example.test', value: '127.0.0.1' },
    ]);
    const r = await checkPort25({ mxHosts: [], mxDomains: ['example.test'], mxPort: mx.port, resolver: dns.server, timeoutMs: 3000 });
    expect(r.status).toBe('open');
    const asked = dns!.queries.filter((q) => q.endsWith(' A')).sort();
    expect(asked).toEqual(['a.example.test A', 'b.example.test A']);
  });

  it('names the MX host whose A lookup was still open at the bound', async () => {
    dns = await startDnsServer([{ type: 'MX', name: 'example.test', value: 'mx.example.test', priority: 10 }], { drop: ['mx.example.test'] });
    const r = await checkPort25({ mxHosts: [], mxDomains: ['example.test'], mxPort: 9, resolver: dns!.server, timeoutMs: 300 });
    expect(r).toMatchObject({ status: 'no-dns', detail: 'no MX host name resolved (DNS timed out)' });
    expect(r.probes?.map((p) => [p.target, p.outcome, p.info])).toEqual([['mx.example.test', 'no-dns', 'DNS timed out']]);
  });

  it('names each domain whose MX lookup failed, and how', async () => {
    dns = await startDnsServer([{ type: 'A', name: 'other.test', value: '127.0.0.1' }], { servfail: ['broken.test'] });
    const r = await checkPort25({ mxHosts: [], mxDomains: ['nx.test', 'broken.test'], resolver: dns!.server, timeoutMs: 3000 });
    expect(r).toMatchObject({ status: 'no-dns', detail: 'no MX host name resolved (MX nx.test: ENOTFOUND; MX broken.test: ESERVFAIL)' });
  });

  it('asks the resolver for MX records of well-known mail domains when none are given', async () => {
    dns = await startDnsServer([]);
    const r = await checkPort25({ mxHosts: [], resolver: dns!.server, timeoutMs: 3000 });
    expect(r.status).toBe('no-dns');
    expect(dns!.queries.length).toBeGreaterThan(0);
    expect(dns!.queries.every((q) => q.endsWith(' MX'))).toBe(true);
  });

  it('answers at once, as no-dns, when there is nothing to probe', async () => {
    const r = await checkPort25({ mxHosts: [], mxDomains: [], timeoutMs: 20_000 });
    expect(r).toEqual({ status: 'no-dns', detail: 'no MX host name resolved (no answer)', ms: r.ms, probes: [] });
    expect(r.ms).toBeLessThan(10_000);
  });
});

describe('classify: the verdict a technician reads', () => {
  const probe = (outcome: Port25Probe['outcome'], info?: string, target = 'mx.test.invalid'): Port25Probe => ({ target, outcome, info, ms: 1 });

  it('open names the host and the banner', () => {
    expect(classify([probe('timeout'), probe('banner', '220 hi', 'mx2.test.invalid')], 7)).toMatchObject({ status: 'open', host: 'mx2.test.invalid', banner: '220 hi', ms: 7 });
    expect(classify([probe('banner')], 7)).toMatchObject({ status: 'open', banner: '' });
  });

  it('blocked counts each outcome in words, in the order first seen', () => {
    const r = classify([probe('timeout'), probe('reset'), probe('timeout'), probe('refused'), probe('no-banner'), probe('error'), probe('unreachable'), probe('no-dns', 'ENOTFOUND')], 9);
    expect(r).toEqual({
      status: 'blocked',
      detail: '8 probes: 2 timed out, 1 reset, 1 refused, 1 connected but sent no banner, 1 failed, 1 unreachable, 1 unresolved',
      ms: 9,
      probes: r.probes,
    });
  });

  it('no-network only when every dialled probe had no route', () => {
    expect(classify([probe('unreachable'), probe('no-dns', 'ENOTFOUND')], 3)).toMatchObject({
      status: 'no-network',
      detail: '2 probes: 1 unreachable, 1 unresolved (no route to any MX host)',
    });
    expect(classify([probe('unreachable'), probe('timeout')], 3).status).toBe('blocked');
  });

  it('no-dns lists at most three distinct reasons', () => {
    const r = classify([probe('no-dns', 'A'), probe('no-dns', 'A'), probe('no-dns'), probe('no-dns', 'B'), probe('no-dns', 'C'), probe('no-dns', 'D')], 1);
    expect(r).toMatchObject({ status: 'no-dns', detail: 'no MX host name resolved (A; B; C)' });
  });
});

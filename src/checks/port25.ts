// Outbound port-25 check: dial several well-known MX hosts in parallel, read the 220 banner,
// say QUIT. One overall deadline bounds everything (DNS included), so a fully filtered line
// answers in about port25TimeoutMs, never more.
import { connect, isIP, type Socket } from 'node:net';
import type { Port25Probe, Port25Result } from './types.js';
import { errCode, makeResolver } from './resolver.js';

export const DEFAULT_MX_DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com'];
/** MX hosts dialled per domain (the two most preferred). */
const HOSTS_PER_DOMAIN = 2;

export interface Port25Options {
  /** host[:port] dialled directly; when empty, the MX hosts of mxDomains are used. */
  mxHosts: string[];
  mxDomains?: string[];
  /** Port dialled on MX hosts found through mxDomains (default 25; tests use another). */
  mxPort?: number;
  resolver?: string;
  timeoutMs: number;
  /** How long a server may take to close after our QUIT before the socket is destroyed (default 1000). */
  quitGraceMs?: number;
  signal?: AbortSignal;
}

type Phase = 'dns' | 'connect' | 'banner';
interface Pending { target: string; address?: string; phase: Phase; started: number }

/** "host[:port]" → parts; IPv6 literals as [addr]:port. */
export function parseHostPort(s: string, defaultPort = 25): { host: string; port: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (v6) return { host: v6[1]!, port: v6[2] ? Number(v6[2]) : defaultPort };
  const i = s.lastIndexOf(':');
  if (i > 0 && isIP(s) !== 6) return { host: s.slice(0, i), port: Number(s.slice(i + 1)) };
  return { host: s, port: defaultPort };
}

const SOCKET_OUTCOME: Record<string, Port25Probe['outcome']> = {
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNREFUSED: 'refused',
  ENETUNREACH: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ENETDOWN: 'unreachable',
  ETIMEDOUT: 'timeout',
};

export async function checkPort25(opts: Port25Options): Promise<Port25Result> {
  opts.signal?.throwIfAborted();
  const t0 = Date.now();
  const resolver = makeResolver(opts.resolver, opts.timeoutMs);
  const sockets = new Set<Socket>();
  const pending = new Set<Pending>();
  const probes: Port25Probe[] = [];
  let finished = false;
  let chains = 0;

  return new Promise<Port25Result>((resolve, reject) => {
    const cleanup = (): void => {
      finished = true;
      clearTimeout(deadline);
      opts.signal?.removeEventListener('abort', onAbort);
      resolver.cancel();
      for (const s of sockets) s.destroy();
    };
    const finish = (): void => {
      if (finished) return;
      const now = Date.now();
      for (const p of pending) {
        const outcome = p.phase === 'dns' ? 'no-dns' : p.phase === 'connect' ? 'timeout' : 'no-banner';
        probes.push({ target: p.target, address: p.address, outcome, info: p.phase === 'dns' ? 'DNS timed out' : undefined, ms: now - p.started });
      }
      cleanup();
      resolve(classify(probes, now - t0));
    };
    // Registered on opts.signal only; abort() always sets a reason (an AbortError by default).
    const onAbort = (): void => {
      cleanup();
      reject((opts.signal as AbortSignal).reason);
    };
    const deadline = setTimeout(finish, opts.timeoutMs);
    opts.signal?.addEventListener('abort', onAbort);

    const record = (p: Pending, outcome: Port25Probe['outcome'], info?: string): void => {
      if (finished) return;
      pending.delete(p);
      probes.push({ target: p.target, address: p.address, outcome, info, ms: Date.now() - p.started });
      if (outcome === 'banner') finish();
    };
    const chain = (work: () => Promise<void>): void => {
      chains++;
      void work().finally(() => {
        if (--chains === 0) finish();
      });
    };

    const dial = async (target: string, host: string, port: number): Promise<void> => {
      const p: Pending = { target, phase: 'dns', started: Date.now() };
      pending.add(p);
      let address = host;
      if (!isIP(host)) {
        try {
          const addrs = await resolver.resolve4(host);
          if (!addrs[0]) return record(p, 'no-dns', 'no A record');
          address = addrs[0];
        } catch (e) {
          return record(p, 'no-dns', errCode(e));
        }
      }
      if (finished) return;
      p.address = address;
      p.phase = 'connect';
      await new Promise<void>((done) => {
        let sock: Socket;
        try {
          sock = connect({ host: address, port });
        } catch (e) {
          // e.g. a port above 65535 in host:port: Node throws instead of emitting 'error'.
          record(p, 'error', errCode(e));
          return done();
        }
        sockets.add(sock);
        let buf = '';
        let settled = false;
        const settle = (outcome: Port25Probe['outcome'], info?: string): void => {
          if (settled) return;
          settled = true;
          // Out of the set first: the clean-up that a banner triggers must not cut off the
          // socket that just said QUIT (it waits for the 221 and the close, or the grace).
          sockets.delete(sock);
          record(p, outcome, info);
          done();
        };
        sock.setEncoding('latin1');
        sock.on('connect', () => (p.phase = 'banner'));
        sock.on('data', (chunk: string) => {
          if (settled) return; // after the first reply line: the 221 to our QUIT, not read
          buf += chunk;
          const nl = buf.indexOf('\n');
          if (nl < 0 && buf.length < 1024) return;
          const line = buf.slice(0, nl < 0 ? buf.length : nl).replace(/\r$/, '');
          // RFC 5321 4.1.1.10: QUIT, then the server answers 221 and closes. One that does not
          // close is cut off after the grace period (the socket holds the event loop until then).
          sock.end('QUIT\r\n');
          const grace = setTimeout(() => sock.destroy(), opts.quitGraceMs ?? 1000);
          sock.once('close', () => clearTimeout(grace));
          settle(/^220[ -]/.test(line) ? 'banner' : 'other-reply', line.slice(0, 200));
        });
        sock.on('error', (e) => settle(SOCKET_OUTCOME[errCode(e)] ?? 'error', errCode(e)));
        // Without an 'error' before it, 'close' comes only after the connection was made.
        sock.on('close', () => settle('no-banner', 'closed without a banner'));
      });
    };

    if (opts.mxHosts.length > 0) {
      for (const t of opts.mxHosts) {
        const { host, port } = parseHostPort(t);
        chain(() => dial(t, host, port));
      }
    } else {
      for (const domain of opts.mxDomains ?? DEFAULT_MX_DOMAINS) {
        chain(async () => {
          const p: Pending = { target: domain, phase: 'dns', started: Date.now() };
          pending.add(p);
          let hosts: string[];
          try {
            const mx = await resolver.resolveMx(domain);
            hosts = mx.sort((a, b) => a.priority - b.priority).slice(0, HOSTS_PER_DOMAIN).map((m) => m.exchange);
          } catch (e) {
            return record(p, 'no-dns', `MX ${domain}: ${errCode(e)}`);
          }
          pending.delete(p);
          if (hosts.length === 0) return record({ ...p }, 'no-dns', `MX ${domain}: no MX records`);
          await Promise.all(hosts.map((h) => dial(h, h, opts.mxPort ?? 25)));
        });
      }
    }
    if (chains === 0) finish();
  });
}

function count(probes: Port25Probe[]): string {
  const words: Record<Port25Probe['outcome'], string> = {
    banner: 'answered 220', 'other-reply': 'answered without 220', timeout: 'timed out', 'no-banner': 'connected but sent no banner',
    reset: 'reset', refused: 'refused', unreachable: 'unreachable', 'no-dns': 'unresolved', error: 'failed',
  };
  const n = new Map<Port25Probe['outcome'], number>();
  for (const p of probes) n.set(p.outcome, (n.get(p.outcome) ?? 0) + 1);
  return [...n].map(([o, k]) => `${k} ${words[o]}`).join(', ');
}

export function classify(probes: Port25Probe[], ms: number): Port25Result {
  const hit = probes.find((p) => p.outcome === 'banner');
  if (hit) return { status: 'open', host: hit.target, banner: hit.info ?? '', ms, probes };
  const summary = `${probes.length} probe${probes.length === 1 ? '' : 's'}: ${count(probes)}`;
  const dialled = probes.filter((p) => p.outcome !== 'no-dns');
  if (dialled.length === 0) {
    const why = [...new Set(probes.map((p) => p.info).filter(Boolean))].slice(0, 3).join('; ');
    return { status: 'no-dns', detail: `no MX host name resolved (${why || 'no answer'})`, ms, probes };
  }
  if (dialled.every((p) => p.outcome === 'unreachable')) return { status: 'no-network', detail: `${summary} (no route to any MX host)`, ms, probes };
  const other = dialled.find((p) => p.outcome === 'other-reply');
  return { status: 'blocked', detail: `${summary}${other ? ` (e.g. "${other.info}")` : ''}`, ms, probes };
}

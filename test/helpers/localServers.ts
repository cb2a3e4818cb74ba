import { afterAll, beforeAll } from 'vitest';
// Small real servers on 127.0.0.1 with ephemeral ports, for tests that must not leave the
// machine: an SMTP banner listener, a silent listener, a resetting listener, an HTTP echo and
// an authoritative-style UDP DNS server answering from a record table.
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

export interface LocalTcp {
  port: number;
  /** "127.0.0.1:PORT", ready for NETSETUP_MX_HOSTS. */
  target: string;
  /** Connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

async function listenTcp(onConn: (s: Socket, srv: LocalTcp) => void): Promise<LocalTcp & { lines: string[] }> {
  const sockets = new Set<Socket>();
  const server: Server = createTcpServer();
  const handle = {
    port: 0,
    target: '',
    connections: 0,
    lines: [] as string[],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    handle.connections++;
    onConn(s, handle);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  handle.port = (server.address() as AddressInfo).port;
  handle.target = `127.0.0.1:${handle.port}`;
  return handle;
}

/** Greets with a banner (default a 220), records the command lines it gets, answers QUIT with 221. */
export async function startSmtpServer(opts: { banner?: string; delayMs?: number } = {}): Promise<LocalTcp & { lines: string[] }> {
  const banner = opts.banner ?? '220 mx.test.invalid ESMTP ready';
  return listenTcp((s, h) => {
    const lines = (h as LocalTcp & { lines: string[] }).lines;
    const greet = (): void => void (s.writable && s.write(`${banner}\r\n`));
    if (opts.delayMs) setTimeout(greet, opts.delayMs).unref();
    else greet();
    onLines(s, (line) => {
      lines.push(line);
      if (/^quit$/i.test(line)) s.end('221 bye\r\n');
    });
  });
}

/** Calls `onLine` with each LF-ended line a client sends (latin1, a trailing CR removed). */
export function onLines(s: Socket, onLine: (line: string) => void): void {
  let buf = '';
  s.on('data', (d: Buffer) => {
    buf += d.toString('latin1');
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i).replace(/\r$/, '');
      buf = buf.slice(i + 1);
      onLine(line);
    }
  });
}

/** Accepts connections and never says anything (a filtering middlebox that eats the SYN-ACK path). */
export function startSilentServer(): Promise<LocalTcp> {
  return listenTcp(() => undefined);
}

/** Accepts and immediately resets every connection (RST). */
export function startResettingServer(): Promise<LocalTcp> {
  return listenTcp((s) => s.resetAndDestroy());
}

/** A 127.0.0.1 port nobody listens on (connections are refused). */
export async function closedPort(): Promise<number> {
  const h = await listenTcp(() => undefined);
  await h.close();
  return h.port;
}

export interface LocalHttp {
  url: string;
  requests: number;
  close(): Promise<void>;
}

/** Answers every GET with `body` (status 200 unless given), or hands the request to `handler`. */
export async function startHttpEcho(opts: { body?: string; status?: number; handler?: (req: IncomingMessage, res: ServerResponse) => void } = {}): Promise<LocalHttp> {
  const sockets = new Set<Socket>();
  const server = createHttpServer((req, res) => {
    handle.requests++;
    if (opts.handler) return opts.handler(req, res);
    res.writeHead(opts.status ?? 200, { 'content-type': 'text/plain' });
    res.end(opts.body ?? '203.0.113.7\n');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const handle: LocalHttp = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return handle;
}

export interface LocalDns {
  port: number;
  /** "127.0.0.1:PORT", ready for NETSETUP_RESOLVER. */
  server: string;
  /** Every question received, as "name TYPE". */
  queries: string[];
  /** Replace the record table. */
  setRecords(records: DnsRecord[]): void;
  close(): Promise<void>;
}

/**
 * UDP DNS server on 127.0.0.1 answering A, AAAA, MX, TXT, CNAME, PTR (and NS) from `records`.
 * Unknown names get NXDOMAIN, known names without the asked type an empty NOERROR answer.
 * CNAMEs are followed inside the table. `behaviour` can make names SERVFAIL or go unanswered.
 */
export async function startDnsServer(records: DnsRecord[], behaviour: DnsServerBehaviour = {}): Promise<LocalDns> {
  let table = records;
  const sock = createSocket('udp4');
  const queries: string[] = [];
  sock.on('message', (msg, rinfo) => {
    const q = parseQuery(msg);
    if (!q) return;
    queries.push(`${q.name} ${q.typeName}`);
    const reply = encodeResponse(msg, q, table, behaviour);
    if (reply) sock.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', resolve));
  const port = sock.address().port;
  return {
    port,
    server: `127.0.0.1:${port}`,
    queries,
    setRecords: (r) => (table = r),
    close: () => new Promise<void>((resolve) => sock.close(() => resolve())),
  };
}

// ---- DNS wire format (RFC 1035), just enough for the record types above ----

/** Same shape as `records --format json` rows, so printed records can be served back. */
export interface DnsRecord {
  type: 'A' | 'AAAA' | 'MX' | 'TXT' | 'CNAME' | 'PTR' | 'NS';
  /** Fully qualified, no trailing dot (case-insensitive). */
  name: string;
  /** Address, target host, or TXT text (an array gives several strings in one record). */
  value: string | string[];
  ttl?: number;
  /** MX preference. */
  priority?: number;
}

export interface DnsServerBehaviour {
  /** Names answered with SERVFAIL. */
  servfail?: string[];
  /** Names never answered (the client times out). */
  drop?: string[];
}

const TYPES: Record<string, number> = { A: 1, NS: 2, CNAME: 5, PTR: 12, MX: 15, TXT: 16, AAAA: 28 };
const TYPE_NAMES = Object.fromEntries(Object.entries(TYPES).map(([k, v]) => [v, k])) as Record<number, string>;

interface Question { name: string; type: number; typeName: string; end: number }

function parseQuery(msg: Buffer): Question | undefined {
  if (msg.length < 12 || msg.readUInt16BE(4) < 1) return undefined;
  const labels: string[] = [];
  let i = 12;
  while (i < msg.length && msg[i] !== 0) {
    const len = msg[i]!;
    if (len > 63) return undefined;
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('latin1'));
    i += 1 + len;
  }
  if (i + 5 > msg.length) return undefined;
  const type = msg.readUInt16BE(i + 1);
  return { name: labels.join('.').toLowerCase(), type, typeName: TYPE_NAMES[type] ?? `TYPE${type}`, end: i + 5 };
}

function encodeName(name: string): Buffer {
  const parts = name.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p, 'latin1')])), Buffer.from([0])]);
}

function ipv6Bytes(s: string): Buffer {
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  const b = Buffer.alloc(16);
  groups.forEach((g, k) => b.writeUInt16BE(parseInt(g || '0', 16), k * 2));
  return b;
}

function rdata(r: DnsRecord): Buffer {
  const v = Array.isArray(r.value) ? r.value : [r.value];
  switch (r.type) {
    case 'A':
      return Buffer.from(v[0]!.split('.').map(Number));
    case 'AAAA':
      return ipv6Bytes(v[0]!);
    case 'MX': {
      const pref = Buffer.alloc(2);
      pref.writeUInt16BE(r.priority ?? 10);
      return Buffer.concat([pref, encodeName(v[0]!)]);
    }
    case 'TXT': {
      // Each text is split into <=255-byte character-strings.
      const chunks: Buffer[] = [];
      for (const text of v) {
        const bytes = Buffer.from(text, 'utf8');
        for (let o = 0; o === 0 || o < bytes.length; o += 255) {
          const part = bytes.subarray(o, o + 255);
          chunks.push(Buffer.from([part.length]), part);
        }
      }
      return Buffer.concat(chunks);
    }
    default:
      return encodeName(v[0]!);
  }
}

function encodeRr(r: DnsRecord): Buffer {
  const data = rdata(r);
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(TYPES[r.type]!, 0);
  fixed.writeUInt16BE(1, 2);
  fixed.writeUInt32BE(r.ttl ?? 60, 4);
  fixed.writeUInt16BE(data.length, 8);
  return Buffer.concat([encodeName(r.name), fixed, data]);
}

function encodeResponse(msg: Buffer, q: Question, table: DnsRecord[], b: DnsServerBehaviour): Buffer | undefined {
  const is = (list: string[] | undefined): boolean => !!list?.some((n) => n.toLowerCase() === q.name);
  if (is(b.drop)) return undefined;
  const of = (name: string): DnsRecord[] => table.filter((r) => r.name.toLowerCase().replace(/\.$/, '') === name);
  const answers: DnsRecord[] = [];
  let rcode = 0;
  if (is(b.servfail)) rcode = 2;
  else if (of(q.name).length === 0) rcode = 3;
  else {
    let name = q.name;
    for (let hops = 0; hops < 8; hops++) {
      const here = of(name);
      const cname = here.find((r) => r.type === 'CNAME');
      if (cname && q.typeName !== 'CNAME') {
        answers.push(cname);
        name = String(cname.value).toLowerCase().replace(/\.$/, '');
        continue;
      }
      answers.push(...here.filter((r) => r.type === q.typeName));
      break;
    }
  }
  const header = Buffer.alloc(12);
  msg.copy(header, 0, 0, 2);
  const rd = msg.readUInt16BE(2) & 0x0100;
  header.writeUInt16BE(0x8000 | 0x0400 | rd | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, msg.subarray(12, q.end), ...answers.map(encodeRr)]);
}

/**
 * The site's internet, on loopback, for a test file that runs install or relay: an IP echo that
 * answers 203.0.113.7, an SMTP banner standing in for the outside MX hosts, and a resolver with
 * that IP's PTR (mail.example.com) and the name's A record. Started before the file's tests and
 * closed after them; returns the environment that points the live checks at them.
 */
export function useSiteInternet(): () => Record<string, string> {
  let echo: LocalHttp | undefined;
  let smtp: LocalTcp | undefined;
  let dns: LocalDns | undefined;
  beforeAll(async () => {
    echo = await startHttpEcho({ body: '203.0.113.7\n' });
    smtp = await startSmtpServer();
    dns = await startDnsServer([
      { type: 'PTR', name: '7.113.0.203.in-addr.arpa', value: 'mail.example.com' },
      { type: 'A', name: 'mail.example.com', value: '203.0.113.7' },
    ]);
  });
  afterAll(async () => {
    await Promise.all([echo?.close(), smtp?.close(), dns?.close()]);
  });
  return () => ({ NETSETUP_IP_ECHO_URLS: echo!.url, NETSETUP_MX_HOSTS: smtp!.target, NETSETUP_RESOLVER: dns!.server, NETSETUP_PORT25_TIMEOUT_MS: '2000' });
}

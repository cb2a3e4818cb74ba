// @ts-nocheck
// A tiny authoritative DNS responder on loopback for test/mta: answers A and MX from a table,
// NODATA for other types of known names, NXDOMAIN otherwise. Enough for postfix's resolver.
import dgram from 'node:dgram';

export interface DnsTable {
  a?: Record<string, string>;
  aaaa?: Record<string, string>;
  mx?: Record<string, { pref: number; host: string }>;
}

export interface DnsServer {
  queries: Array<{ name: string; type: number }>;
  close(): Promise<void>;
}

const TYPE_A = 1;
const TYPE_MX = 15;
const TYPE_AAAA = 28;

function ipv6Bytes(ip: string): Buffer {
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  const b = Buffer.alloc(16);
  groups.forEach((g, i) => b.writeUInt16BE(parseInt(g || '0', 16), i * 2));
  return b;
}

function readName(msg: Buffer, off: number): { name: string; end: number } {
  const labels: string[] = [];
  let i = off;
  while (msg[i]! !== 0) {
    const len = msg[i]!;
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('ascii'));
    i += 1 + len;
  }
  return { name: labels.join('.').toLowerCase(), end: i + 1 };
}

function encodeName(name: string): Buffer {
  const parts = name.split('.').filter(Boolean).map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'ascii')]));
  return Buffer.concat([...parts, Buffer.from([0])]);
}

function rr(type: number, rdata: Buffer): Buffer {
  // Name is a pointer to the question name at offset 12.
  const head = Buffer.alloc(12);
  head.writeUInt16BE(0xc00c, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt16BE(1, 4);
  head.writeUInt32BE(60, 6);
  head.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([head, rdata]);
}

export function answer(query: Buffer, table: DnsTable): { reply: Buffer; name: string; type: number } {
  const { name, end } = readName(query, 12);
  const type = query.readUInt16BE(end);
  const question = query.subarray(12, end + 4);
  const answers: Buffer[] = [];
  const known = name in (table.a ?? {}) || name in (table.mx ?? {}) || name in (table.aaaa ?? {});
  if (type === TYPE_AAAA && table.aaaa?.[name]) answers.push(rr(TYPE_AAAA, ipv6Bytes(table.aaaa[name]!)));
  if (type === TYPE_A && table.a?.[name]) answers.push(rr(TYPE_A, Buffer.from(table.a[name]!.split('.').map(Number))));
  if (type === TYPE_MX && table.mx?.[name]) {
    const m = table.mx[name]!;
    const pref = Buffer.alloc(2);
    pref.writeUInt16BE(m.pref, 0);
    answers.push(rr(TYPE_MX, Buffer.concat([pref, encodeName(m.host)])));
  }
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  const rd = query[2]! & 0x01;
  header[2] = 0x80 | 0x04 | rd; // QR, AA, RD copied
  header[3] = known ? 0 : 3; // NOERROR or NXDOMAIN
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return { reply: Buffer.concat([header, question, ...answers]), name, type };
}

export async function startDns(host: string, port: number, table: DnsTable): Promise<DnsServer> {
  const queries: DnsServer['queries'] = [];
  const sock = dgram.createSocket('udp4');
  sock.on('message', (msg, rinfo) => {
    try {
      const { reply, name, type } = answer(msg, table);
      queries.push({ name, type });
      sock.send(reply, rinfo.port, rinfo.address);
    } catch {
      // malformed query: ignore, the client times out
    }
  });
  await new Promise<void>((resolve, reject) => {
    sock.once('error', reject);
    sock.bind(port, host, () => resolve());
  });
  return { queries, close: () => new Promise<void>((resolve) => sock.close(() => resolve())) };
}

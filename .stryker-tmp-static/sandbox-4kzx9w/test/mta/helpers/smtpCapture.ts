// @ts-nocheck
// A small capturing SMTP server for test/mta: stands in for a smarthost (STARTTLS + AUTH
// PLAIN/LOGIN, records the login) or for a recipient domain's MX. Loopback only.
import net from 'node:net';
import tls from 'node:tls';

export interface CapturedMessage {
  tls: boolean;
  user?: string;
  password?: string;
  from: string;
  to: string[];
  data: string;
}

export interface CaptureServer {
  messages: CapturedMessage[];
  /** Every command line received (AUTH payloads included: test credentials only). */
  transcript: string[];
  /** The name each client gave in EHLO/HELO. */
  helo: string[];
  /** Client addresses of the connections accepted. */
  peers: string[];
  close(): Promise<void>;
}

export async function startCapture(opts: {
  host: string;
  port: number;
  name: string;
  cert: string;
  key: string;
  requireTls: boolean;
  requireAuth: boolean;
  /** Offer STARTTLS (default true). */
  starttls?: boolean;
}): Promise<CaptureServer> {
  const messages: CapturedMessage[] = [];
  const transcript: string[] = [];
  const helo: string[] = [];
  const peers: string[] = [];
  const sockets = new Set<net.Socket>();
  const context = tls.createSecureContext({ cert: opts.cert, key: opts.key });

  const server = net.createServer((raw) => {
    sockets.add(raw);
    peers.push(raw.remoteAddress ?? '');
    raw.on('close', () => sockets.delete(raw));
    let sock: net.Socket = raw;
    let secure = false;
    let buf = '';
    let inData = false;
    let pending: ((line: string) => void) | null = null;
    let cur: CapturedMessage = { tls: false, from: '', to: [], data: '' };
    let user: string | undefined;
    let password: string | undefined;
    const say = (s: string) => sock.write(`${s}\r\n`);

    const onLine = (line: string) => {
      if (inData) {
        if (line === '.') {
          inData = false;
          messages.push({ ...cur, tls: secure, user, password });
          cur = { tls: false, from: '', to: [], data: '' };
          return say('250 2.0.0 queued as CAPTURED');
        }
        cur.data += (line.startsWith('..') ? line.slice(1) : line) + '\n';
        return;
      }
      transcript.push(line);
      if (pending) {
        const p = pending;
        pending = null;
        return p(line);
      }
      const verb = line.split(' ')[0]!.toUpperCase();
      const arg = line.slice(verb.length).trim();
      switch (verb) {
        case 'EHLO':
        case 'HELO': {
          helo.push(arg);
          const ext = ['PIPELINING', 'SIZE 52428800', '8BITMIME'];
          if (!secure && opts.starttls !== false) ext.push('STARTTLS');
          if (secure || !opts.requireTls) ext.push('AUTH PLAIN LOGIN');
          return sock.write([`250-${opts.name}`, ...ext.slice(0, -1).map((e) => `250-${e}`), `250 ${ext.at(-1)}`].join('\r\n') + '\r\n');
        }
        case 'STARTTLS': {
          if (secure) return say('503 5.5.1 already in TLS');
          say('220 2.0.0 ready to start TLS');
          raw.removeAllListeners('data');
          const t = new tls.TLSSocket(raw, { isServer: true, secureContext: context });
          t.setEncoding('utf8');
          t.on('secure', () => { secure = true; });
          t.on('data', feed);
          t.on('error', () => raw.destroy());
          sock = t;
          buf = '';
          return;
        }
        case 'AUTH': {
          if (opts.requireTls && !secure) return say('530 5.7.0 Must issue a STARTTLS command first');
          const [mech, initial] = arg.split(' ');
          const done = (u: string, p: string) => { user = u; password = p; say('235 2.7.0 Authentication successful'); };
          if (mech?.toUpperCase() === 'PLAIN') {
            const plain = (b64: string) => {
              const parts = Buffer.from(b64, 'base64').toString('utf8').split('\0');
              done(parts[1] ?? '', parts[2] ?? '');
            };
            if (initial) return plain(initial);
            pending = plain;
            return say('334 ');
          }
          if (mech?.toUpperCase() === 'LOGIN') {
            say('334 VXNlcm5hbWU6');
            pending = (u) => {
              say('334 UGFzc3dvcmQ6');
              pending = (p) => done(Buffer.from(u, 'base64').toString(), Buffer.from(p, 'base64').toString());
            };
            return;
          }
          return say('504 5.5.4 mechanism not supported');
        }
        case 'MAIL':
          if (opts.requireTls && !secure) return say('530 5.7.0 Must issue a STARTTLS command first');
          if (opts.requireAuth && user === undefined) return say('530 5.7.0 Authentication required');
          cur.from = arg.replace(/^FROM:\s*/i, '').replace(/\s.*$/, '');
          return say('250 2.1.0 Ok');
        case 'RCPT':
          cur.to.push(arg.replace(/^TO:\s*/i, '').replace(/\s.*$/, ''));
          return say('250 2.1.5 Ok');
        case 'DATA':
          inData = true;
          return say('354 End data with <CR><LF>.<CR><LF>');
        case 'RSET':
          cur = { tls: false, from: '', to: [], data: '' };
          return say('250 2.0.0 Ok');
        case 'NOOP':
          return say('250 2.0.0 Ok');
        case 'QUIT':
          say('221 2.0.0 Bye');
          return sock.end();
        default:
          return say('502 5.5.2 command not recognized');
      }
    };
    const feed = (chunk: string | Buffer) => {
      buf += chunk.toString();
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        onLine(line);
      }
    };
    raw.on('data', feed);
    raw.on('error', () => undefined);
    say(`220 ${opts.name} ESMTP capture`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    messages,
    transcript,
    helo,
    peers,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

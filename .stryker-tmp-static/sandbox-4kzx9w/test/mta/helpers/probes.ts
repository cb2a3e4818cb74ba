// @ts-nocheck
// Client-side probes for test/mta: swaks, openssl s_client, and a raw line dialog for the
// cases where a friendly client would refuse to even try (AUTH or LOGIN before STARTTLS).
import { execFile } from 'node:child_process';
import net from 'node:net';

export interface RunResult {
  code: number;
  out: string;
}

export function run(cmd: string, args: string[], input?: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { timeout: 30_000, maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export function swaks(args: string[]): Promise<RunResult> {
  return run('swaks', ['--timeout', '10', '--hide-informational', ...args]);
}

/**
 * Connect from `local`, read the greeting, then send each line and collect the reply to it
 * (SMTP: until a "NNN " line; IMAP: until a line starting with the tag of the command).
 */
export async function dialog(opts: { host: string; port: number; local: string; proto: 'smtp' | 'imap' }, lines: string[]): Promise<string[]> {
  const sock = net.connect({ host: opts.host, port: opts.port, localAddress: opts.local });
  sock.setEncoding('utf8');
  let buf = '';
  const waiters: Array<() => void> = [];
  sock.on('data', (d: string) => {
    buf += d;
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<void>((resolve) => sock.on('close', () => { waiters.splice(0).forEach((w) => w()); resolve(); }));
  sock.on('error', () => undefined);
  const complete = (tag: string | null): number => {
    const ls = buf.split('\r\n');
    for (let i = 0; i < ls.length - 1; i++) {
      const l = ls[i]!;
      const done = opts.proto === 'smtp' ? /^\d{3} /.test(l) : tag === null ? l.startsWith('* ') : l.startsWith(`${tag} `);
      if (done) return ls.slice(0, i + 1).join('\r\n').length + 2;
    }
    return -1;
  };
  const read = async (tag: string | null): Promise<string> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const n = complete(tag);
      if (n >= 0) {
        const out = buf.slice(0, n);
        buf = buf.slice(n);
        return out.trimEnd();
      }
      if (sock.destroyed || Date.now() > deadline) return `${buf}[connection closed or timed out]`;
      await Promise.race([new Promise<void>((r) => waiters.push(r)), new Promise((r) => setTimeout(r, 500)), closed]);
    }
  };
  const replies = [await read(null)];
  for (const line of lines) {
    sock.write(`${line}\r\n`);
    replies.push(await read(opts.proto === 'imap' ? line.split(' ')[0]! : null));
  }
  sock.destroy();
  return replies;
}

/** An IMAP LOGIN over TLS (993) or STARTTLS (143) with openssl s_client; returns the transcript. */
export function imapLoginTls(host: string, port: number, starttls: boolean, user: string, password: string): Promise<RunResult> {
  const args = ['s_client', '-quiet', '-connect', `${host}:${port}`, '-servername', 'mail', '-ign_eof'];
  if (starttls) args.push('-starttls', 'imap');
  return run('openssl', args, `a1 LOGIN ${user} ${password}\r\na2 LOGOUT\r\n`);
}

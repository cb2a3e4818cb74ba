// @ts-nocheck
// The SMTP side of a STARTTLS certificate probe: reply parsing (RFC 5321 §4.2) and the dialogue
// greeting → EHLO → STARTTLS → TLS handshake (RFC 3207). Parsing is pure; the dialogue talks to
// one socket and hands the upgraded connection's certificate back.
import { connect as netConnect, isIPv4, type Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates } from 'node:tls';
import type { X509Certificate } from 'node:crypto';

export interface SmtpReply {
  code: number;
  /** The text of each line, without code and separator. */
  lines: string[];
}

/** The server broke the protocol, or answered a step with a code that ends the dialogue. */
export class SmtpDialogueError extends Error {
  constructor(
    message: string,
    readonly kind: 'no-starttls' | 'smtp-error',
  ) {
    super(message);
  }
}

// Reply-code: %x32-35 %x30-35 %x30-39 (RFC 5321 §4.2); then "-" (more lines follow), SP or nothing.
const REPLY_LINE = /^([2-5][0-5][0-9])(?:([- ])(.*))?$/;

/**
 * Complete replies at the start of `buf` and what is left (a reply not finished yet). Lines end
 * in CRLF; a bare LF is accepted (some servers). Throws SmtpDialogueError on a line that is no
 * reply line, or a multiline reply whose lines carry different codes.
 */
export function parseReplies(buf: string): { replies: SmtpReply[]; rest: string } {
  const replies: SmtpReply[] = [];
  let pending: SmtpReply | undefined;
  let consumed = 0;
  let at = 0;
  for (;;) {
    const nl = buf.indexOf('\n', at);
    if (nl < 0) break;
    const line = buf.slice(at, nl).replace(/\r$/, '');
    at = nl + 1;
    const m = REPLY_LINE.exec(line);
    if (!m) throw new SmtpDialogueError(`not an SMTP reply line: "${line.slice(0, 80)}"`, 'smtp-error');
    const code = Number(m[1]);
    if (pending && pending.code !== code) throw new SmtpDialogueError(`a multiline reply changes its code from ${pending.code} to ${code}`, 'smtp-error');
    pending ??= { code, lines: [] };
    pending.lines.push(m[3] ?? '');
    if (m[2] !== '-') {
      replies.push(pending);
      pending = undefined;
      consumed = at;
    }
  }
  return { replies, rest: buf.slice(consumed) };
}

/** The extensions an EHLO reply announces (RFC 5321 §4.1.1.1: every line after the first), upper case. */
export function ehloKeywords(reply: SmtpReply): Set<string> {
  const out = new Set<string>();
  for (const line of reply.lines.slice(1)) {
    const k = /^([A-Za-z0-9][A-Za-z0-9-]*)(?:\s|$)/.exec(line)?.[1];
    if (k) out.add(k.toUpperCase());
  }
  return out;
}

/** "EHLO [192.0.2.1]": an address literal (RFC 5321 §4.1.3) names the client without DNS. */
export function ehloName(localAddress: string | undefined): string {
  if (!localAddress) return '[127.0.0.1]';
  const v4 = localAddress.replace(/^::ffff:/i, '');
  return isIPv4(v4) ? `[${v4}]` : `[IPv6:${localAddress}]`;
}

/** Reads replies off a plain socket, one at a time. */
class ReplyReader {
  private buf = '';
  private ready: SmtpReply[] = [];
  private waiter?: { resolve(r: SmtpReply): void; reject(e: Error): void };
  private failed?: Error;
  private readonly onData = (d: Buffer): void => {
    this.buf += d.toString('latin1');
    if (this.buf.length > 65_536) return this.fail(new SmtpDialogueError('reply longer than 64 KiB', 'smtp-error'));
    try {
      const { replies, rest } = parseReplies(this.buf);
      this.buf = rest;
      this.ready.push(...replies);
    } catch (e) {
      return this.fail(e as Error);
    }
    this.flush();
  };
  private readonly onEnd = (): void => this.fail(new SmtpDialogueError('the server closed the connection', 'smtp-error'));

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
  }

  private flush(): void {
    if (this.waiter && this.ready.length) {
      const w = this.waiter;
      this.waiter = undefined;
      w.resolve(this.ready.shift()!);
    }
  }

  fail(e: Error): void {
    this.failed ??= e;
    const w = this.waiter;
    this.waiter = undefined;
    w?.reject(e);
  }

  next(): Promise<SmtpReply> {
    if (this.ready.length) return Promise.resolve(this.ready.shift()!);
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  /** Stop reading: the socket is handed to TLS. True when the server sent more than the replies read so far. */
  detach(): boolean {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    return this.buf.length > 0 || this.ready.length > 0;
  }
}

export interface StartTlsResult {
  cert: X509Certificate;
  authError?: string;
  /** The greeting's lines, e.g. ["mx.example.com ESMTP"] (postscreen's pregreet test makes two). */
  greeting: string[];
  /** EHLO extensions announced before STARTTLS. */
  extensions: string[];
}

const brief = (r: SmtpReply): string => `${r.code} ${r.lines.join(' / ').slice(0, 120)}`;

/**
 * Connect to host:port, read the greeting, EHLO, STARTTLS, handshake with SNI `servername`,
 * return the server's certificate (not verified here: the caller judges it). The whole dialogue
 * is bounded by `timeoutMs`. Rejects with SmtpDialogueError when the server answers wrongly or
 * does not offer STARTTLS, with a plain Error when nothing answers.
 */
export function smtpStartTls(host: string, port: number, servername: string, opts: { timeoutMs: number; extraCa?: string }): Promise<StartTlsResult> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port });
    let tls: ReturnType<typeof tlsConnect> | undefined;
    let done = false;
    const finish = (e: Error | undefined, r?: StartTlsResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (e) {
        tls?.destroy();
        socket.destroy();
        reject(e);
      } else {
        resolve(r!);
      }
    };
    const timer = setTimeout(() => finish(new Error(`no complete SMTP dialogue within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    const reader = new ReplyReader(socket);
    socket.once('error', (e) => {
      reader.fail(e);
      finish(e);
    });
    socket.once('connect', () => {
      void (async () => {
        const greet = await reader.next();
        if (greet.code !== 220) throw new SmtpDialogueError(`the greeting is ${brief(greet)}, not 220: the server refuses this connection`, 'smtp-error');
        socket.write(`EHLO ${ehloName(socket.localAddress)}\r\n`);
        const ehlo = await reader.next();
        if (ehlo.code !== 250) throw new SmtpDialogueError(`EHLO was answered ${brief(ehlo)}, not 250`, 'smtp-error');
        const extensions = [...ehloKeywords(ehlo)];
        if (!extensions.includes('STARTTLS')) {
          await new Promise<void>((r) => socket.end('QUIT\r\n', () => r()));
          throw new SmtpDialogueError(`STARTTLS is not offered (EHLO announces ${extensions.join(', ') || 'no extensions'}): mail arrives unencrypted and MTA-STS senders refuse to deliver`, 'no-starttls');
        }
        socket.write('STARTTLS\r\n');
        const go = await reader.next();
        if (go.code !== 220) throw new SmtpDialogueError(`STARTTLS was answered ${brief(go)}, not 220`, 'smtp-error');
        // RFC 3207 §4: nothing may follow the 220 in plain text (it would be read as if it came over TLS).
        if (reader.detach()) throw new SmtpDialogueError('the server sent plain text after its STARTTLS reply (RFC 3207 §4)', 'smtp-error');
        tls = tlsConnect({ socket, servername, rejectUnauthorized: false, ca: opts.extraCa ? [...rootCertificates, opts.extraCa] : undefined });
        tls.once('error', (e) => finish(new Error(`TLS handshake after STARTTLS failed: ${e.message}`)));
        tls.once('secureConnect', () => {
          const cert = tls!.getPeerX509Certificate();
          const authError = tls!.authorized ? undefined : String(tls!.authorizationError ?? 'not authorized');
          tls!.end('QUIT\r\n');
          if (!cert) finish(new Error('no certificate after STARTTLS'));
          else finish(undefined, { cert, authError, greeting: greet.lines, extensions });
        });
      })().catch((e: Error) => finish(e));
    });
  });
}

// @ts-nocheck
// SMTP reply parsing and the STARTTLS dialogue of the certificate probe (src/verify/smtp.ts).
// Expectations come from RFC 5321 §4.2 (reply syntax; the multiline example of §4.2.1 is used
// verbatim), §4.1.1.1 (EHLO reply: greeting line, then one extension per line) and RFC 3207
// (STARTTLS). The dialogue tests use tiny scripted servers on 127.0.0.1 (port from the OS) whose
// every answer the test picks; a real postfix answers in test/integration/verify-mail-tls.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createSecureContext, TLSSocket } from 'node:tls';
import { ehloKeywords, ehloName, parseReplies, smtpStartTls, SmtpDialogueError } from '../../src/verify/smtp.js';
import { makeLeaf } from '../helpers/tlsCerts.js';

describe('parseReplies (RFC 5321 §4.2)', () => {
  it('a single-line reply: code and text', () => {
    expect(parseReplies('220 mx.example.com ESMTP ready\r\n')).toEqual({ replies: [{ code: 220, lines: ['mx.example.com ESMTP ready'] }], rest: '' });
  });

  it("RFC 5321 §4.2.1's multiline example is one reply of four lines (a line starting with digits is text)", () => {
    const text = '250-First line\r\n250-Second line\r\n250-234 Text beginning with numbers\r\n250 The last line\r\n';
    expect(parseReplies(text)).toEqual({ replies: [{ code: 250, lines: ['First line', 'Second line', '234 Text beginning with numbers', 'The last line'] }], rest: '' });
  });

  it('a code alone is a complete reply with empty text', () => {
    expect(parseReplies('250\r\n')).toEqual({ replies: [{ code: 250, lines: [''] }], rest: '' });
  });

  it('an unfinished multiline reply stays in rest until its last line arrives', () => {
    const first = parseReplies('220-mx.example.com pregreet\r\n');
    expect(first).toEqual({ replies: [], rest: '220-mx.example.com pregreet\r\n' });
    expect(parseReplies(`${first.rest}220 mx.example.com ESMTP\r\n`).replies).toEqual([{ code: 220, lines: ['mx.example.com pregreet', 'mx.example.com ESMTP'] }]);
  });

  it('a line without its line end is not read yet; what follows a complete reply is kept', () => {
    expect(parseReplies('220 ready')).toEqual({ replies: [], rest: '220 ready' });
    expect(parseReplies('250 ok\r\n354 go')).toEqual({ replies: [{ code: 250, lines: ['ok'] }], rest: '354 go' });
  });

  it('two replies in one read come out in order; a bare LF ends a line too', () => {
    expect(parseReplies('250 first\n221 bye\r\n').replies).toEqual([
      { code: 250, lines: ['first'] },
      { code: 221, lines: ['bye'] },
    ]);
  });

  it('refuses a multiline reply whose code changes', () => {
    expect(() => parseReplies('250-one\r\n251 two\r\n')).toThrow(/changes its code from 250 to 251/);
    try {
      parseReplies('250-one\r\n251 two\r\n');
    } catch (e) {
      expect(e).toMatchObject({ kind: 'smtp-error' });
    }
  });

  it('a bare CR inside a line is refused (textstring is HT, SP and printable ASCII); only the CR of CRLF is stripped', () => {
    expect(() => parseReplies('250 a\rb\r\n')).toThrow('not an SMTP reply line: "250 a\rb"');
    expect(parseReplies('250 a\tb\r\n').replies).toEqual([{ code: 250, lines: ['a\tb'] }]);
  });

  it('an empty line is no reply line', () => {
    expect(() => parseReplies('\r\n250 ok\r\n')).toThrow(/not an SMTP reply line: ""/);
    expect(() => parseReplies('\n')).toThrow(SmtpDialogueError);
  });

  it('a garbage line is quoted in the error, cut to 80 characters', () => {
    expect(() => parseReplies(`${'x'.repeat(200)}\r\n`)).toThrow(`not an SMTP reply line: "${'x'.repeat(80)}"`);
  });

  it.each([
    ['no code', 'hello there\r\n'],
    ['first digit 1 (no SMTP reply starts with 1)', '150 x\r\n'],
    ['first digit 6', '650 x\r\n'],
    ['second digit 6', '260 x\r\n'],
    ['four digits', '2500 x\r\n'],
    ['two digits', '25 x\r\n'],
    ['a tab after the code', '250\tx\r\n'],
  ])('refuses a line that is no reply line: %s', (_why, line) => {
    expect(() => parseReplies(line)).toThrow(SmtpDialogueError);
  });

  it('reply codes at the edges of the grammar are accepted: 200, 559', () => {
    expect(parseReplies('200 a\r\n559 b\r\n').replies.map((r) => r.code)).toEqual([200, 559]);
  });
});

describe('ehloKeywords (RFC 5321 §4.1.1.1)', () => {
  const ehlo = (lines: string[]) => ({ code: 250, lines });

  it('every line after the greeting is one extension, parameters dropped, upper case', () => {
    const r = ehlo(['mx.example.com', 'PIPELINING', 'SIZE 10240000', 'starttls', 'AUTH PLAIN LOGIN', '8BITMIME', 'X-EXPS GSSAPI']);
    expect([...ehloKeywords(r)]).toEqual(['PIPELINING', 'SIZE', 'STARTTLS', 'AUTH', '8BITMIME', 'X-EXPS']);
  });

  it('the greeting line never counts, even when it says STARTTLS', () => {
    expect(ehloKeywords(ehlo(['STARTTLS ready', 'PIPELINING'])).has('STARTTLS')).toBe(false);
  });

  it('a keyword that only starts with STARTTLS is another keyword', () => {
    expect([...ehloKeywords(ehlo(['mx', 'STARTTLSX', 'XSTARTTLS']))]).toEqual(['STARTTLSX', 'XSTARTTLS']);
  });

  it('a line that is no keyword (starts with "-" or a space) announces nothing', () => {
    expect(ehloKeywords(ehlo(['mx', '-bogus', '', ' STARTTLS']))).toEqual(new Set());
  });
});

describe('ehloName: an address literal (RFC 5321 §4.1.3)', () => {
  it.each([
    ['127.0.0.1', '[127.0.0.1]'],
    ['::ffff:192.0.2.7', '[192.0.2.7]'],
    ['2001:db8::1', '[IPv6:2001:db8::1]'],
    ['1.2.3.4.5', '[IPv6:1.2.3.4.5]'],
    ['1.22.333.4x', '[IPv6:1.22.333.4x]'],
    [undefined, '[127.0.0.1]'],
  ])('%s → %s', (addr, name) => {
    expect(ehloName(addr)).toBe(name);
  });
});

// ---- the dialogue against scripted servers --------------------------------------------------
const pem = makeLeaf(['mx.example.com'], 30);
const servers: Server[] = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  while (servers.length) await new Promise((r) => servers.pop()!.close(r));
});

/** A server that greets with `greeting`, answers each command line by `answer`, and upgrades on "STARTTLS" when told. */
async function scripted(greeting: string, answer: (cmd: string, s: Socket) => string | undefined, seen: string[] = []): Promise<number> {
  const srv = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.write(greeting);
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString('latin1');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const cmd = buf.slice(0, i);
        buf = buf.slice(i + 2);
        seen.push(cmd);
        const out = answer(cmd, s);
        if (out === 'UPGRADE') {
          s.off('data', onData);
          s.write('220 2.0.0 go ahead\r\n');
          const t = new TLSSocket(s, { isServer: true, secureContext: createSecureContext(pem) });
          t.on('error', () => undefined);
          t.on('data', (x: Buffer) => seen.push(`TLS: ${x.toString('latin1').trim()}`));
          return;
        }
        if (out) s.write(out);
      }
    };
    s.on('data', onData);
  });
  servers.push(srv);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return (srv.address() as AddressInfo).port;
}

const EHLO_OK = '250-mx.example.com\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n';
const probe = (port: number) => smtpStartTls('127.0.0.1', port, 'mx.example.com', { timeoutMs: 3000 });

describe('smtpStartTls', () => {
  it('greeting, EHLO with an address literal, STARTTLS, then the certificate of the TLS layer', async () => {
    const seen: string[] = [];
    const port = await scripted('220-mx.example.com first\r\n220 mx.example.com ESMTP\r\n', (c) => (c.startsWith('EHLO') ? EHLO_OK : c === 'STARTTLS' ? 'UPGRADE' : undefined), seen);
    const r = await probe(port);
    await new Promise((res) => setTimeout(res, 100));
    // QUIT goes over the TLS layer, politely
    expect(seen).toEqual(['EHLO [127.0.0.1]', 'STARTTLS', 'TLS: QUIT']);
    expect(r.greeting).toEqual(['mx.example.com first', 'mx.example.com ESMTP']);
    expect(r.extensions).toEqual(['PIPELINING', 'STARTTLS', '8BITMIME']);
    expect(r.cert.subjectAltName).toBe('DNS:mx.example.com');
    expect(r.authError).toBeDefined(); // self-signed: reported, not refused
  });

  it('a server that sends its replies ahead (pipelined greeting and EHLO reply in one write) is read in order', async () => {
    const port = await scripted(`220 mx ESMTP\r\n${EHLO_OK}`, (c) => (c === 'STARTTLS' ? 'UPGRADE' : undefined));
    const r = await probe(port);
    expect(r.greeting).toEqual(['mx ESMTP']);
    expect(r.extensions).toEqual(['PIPELINING', 'STARTTLS', '8BITMIME']);
  });

  it('a TLS handshake that fails after the 220 is reported as such', async () => {
    const port = await scripted('220 mx\r\n', (c, s) => (c.startsWith('EHLO') ? EHLO_OK : c === 'STARTTLS' ? (s.end('220 go ahead\r\n'), '') : undefined));
    const e = await probe(port).catch((x: unknown) => x);
    expect(e).not.toBeInstanceOf(SmtpDialogueError);
    expect((e as Error).message).toMatch(/^TLS handshake after STARTTLS failed: /);
  });

  it('a reply that never ends is cut off at 64 KiB', async () => {
    const port = await scripted(`${'220-padding padding padding padding padding padding\r\n'.repeat(1400)}`, () => undefined);
    await expect(probe(port)).rejects.toMatchObject({ kind: 'smtp-error', message: 'reply longer than 64 KiB' });
  });

  it('no STARTTLS after EHLO: kind no-starttls, the announced extensions named, QUIT sent', async () => {
    const seen: string[] = [];
    const port = await scripted('220 mx ESMTP\r\n', (c) => (c.startsWith('EHLO') ? '250-mx\r\n250-PIPELINING\r\n250 SIZE 1000\r\n' : c === 'QUIT' ? '221 bye\r\n' : undefined), seen);
    const e = await probe(port).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SmtpDialogueError);
    expect(e).toMatchObject({ kind: 'no-starttls' });
    expect((e as Error).message).toContain('EHLO announces PIPELINING, SIZE');
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual(['EHLO [127.0.0.1]', 'QUIT']);
  });

  it.each([
    ['a 554 greeting', '554-5.7.1 go away\r\n554 5.7.1 really\r\n', () => undefined, /greeting is 554 5\.7\.1 go away \/ 5\.7\.1 really, not 220/],
    ['EHLO refused', '220 mx\r\n', (c: string) => (c.startsWith('EHLO') ? '502 5.5.1 no\r\n' : undefined), /EHLO was answered 502/],
    ['STARTTLS refused', '220 mx\r\n', (c: string) => (c.startsWith('EHLO') ? EHLO_OK : c === 'STARTTLS' ? '454 4.7.0 TLS not available\r\n' : undefined), /STARTTLS was answered 454 4\.7\.0/],
    ['garbage instead of a reply', 'SSH-2.0-OpenSSH_9.2\r\n', () => undefined, /not an SMTP reply line: "SSH-2\.0/],
    ['plain text after the 220 to STARTTLS (RFC 3207 §4)', '220 mx\r\n', (c: string, s: Socket) => (c.startsWith('EHLO') ? EHLO_OK : c === 'STARTTLS' ? (s.write('220 go\r\n250 injected\r\n'), '') : undefined), /plain text after its STARTTLS reply/],
    ['a partial line after the 220 to STARTTLS', '220 mx\r\n', (c: string, s: Socket) => (c.startsWith('EHLO') ? EHLO_OK : c === 'STARTTLS' ? (s.write('220 go\r\nMAIL FROM'), '') : undefined), /plain text after its STARTTLS reply/],
  ])('%s → kind smtp-error', async (_what, greeting, answer, message) => {
    const port = await scripted(greeting, answer);
    const e = await probe(port).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SmtpDialogueError);
    expect(e).toMatchObject({ kind: 'smtp-error' });
    expect((e as Error).message).toMatch(message);
  });

  it('a server that closes the connection after greeting is an smtp-error', async () => {
    const port = await scripted('220 mx\r\n', (c, s) => void s.end());
    await expect(probe(port)).rejects.toMatchObject({ kind: 'smtp-error', message: 'the server closed the connection' });
  });

  it('a server that never greets: bounded by the timeout, not an SmtpDialogueError', async () => {
    const port = await scripted('', () => undefined);
    const t0 = Date.now();
    const e = await smtpStartTls('127.0.0.1', port, 'mx.example.com', { timeoutMs: 300 }).catch((x: unknown) => x);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(e).not.toBeInstanceOf(SmtpDialogueError);
    expect((e as Error).message).toBe('no complete SMTP dialogue within 300 ms');
  });

  it('nothing listens: the connection error', async () => {
    const port = await scripted('', () => undefined);
    await new Promise((r) => servers.pop()!.close(r));
    await expect(probe(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

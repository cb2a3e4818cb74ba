// The mail policy (nix/policy/mail-policy.json) on real daemons: Debian's postfix and dovecot
// run it as private instances on loopback; swaks, openssl and raw dialogs probe it.
// 127.0.0.2 mail VM · 127.0.0.3 PMG · 127.0.0.4 outside client · 127.0.0.5 smarthost / MX ·
// 127.0.0.6 DNS. Needs root (ports < 1024, unshare) and free ports (system daemons stopped).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { answersSchema, type AnswersInput } from '../../src/schema/answers.js';
import { derivePlan } from '../../src/plan/derive.js';
import { renderSiteConfig, SECRET_PATHS, MAILBOX_MAP } from '../../src/render/siteConfig.js';
import { IP, assertPortsFree, makeCert, startMailStack, waitFor, type MailStack } from './helpers/mailStack.js';
import { startCapture, type CaptureServer } from './helpers/smtpCapture.js';
import { startDns, type DnsServer } from './helpers/dnsServer.js';
import { dialog, imapLoginTls, swaks } from './helpers/probes.js';

const DOMAIN = 'site.example.org';
const MAILBOX = { user: 'info', password: 'mailbox-pass-1234' };
const RELAY = { host: 'relay.outside.example.net', port: 587, user: 'relay-user', password: 'relay-secret-987' };
const ADDR = `${MAILBOX.user}@${DOMAIN}`;

const answers: AnswersInput = {
  domain: DOMAIN,
  hostSerial: 'lib',
  mode: 'smarthost',
  relay: { host: RELAY.host, port: RELAY.port, user: RELAY.user, password: RELAY.password, spf: 'a:relay.outside.example.net' },
  publicIp: '203.0.113.7',
  network: { bridge: 'vmbr0', gateway: '192.168.1.1', prefixLength: 24, pmg: '192.168.1.60', mail: '192.168.1.61', dns: '192.168.1.62' },
  mailboxes: [MAILBOX],
};

let stack: MailStack | undefined;
let smarthost: CaptureServer | undefined;
let mx: CaptureServer | undefined;
let dns: DnsServer | undefined;

const submitAuth = ['--server', IP.mail, '--port', '587', '--tls', '--auth', 'PLAIN', '--auth-user', ADDR, '--auth-password', MAILBOX.password, '--local-interface', IP.outside];

beforeAll(async () => {
  await assertPortsFree([
    [IP.mail, 25], [IP.mail, 26], [IP.mail, 587], [IP.mail, 143], [IP.mail, 993],
    [IP.smarthost, 587], [IP.smarthost, 25], [IP.dns, 53],
  ]);
  // Given the secret files the wizard renders for this site (real hashes, real SASL map line)
  const plan = derivePlan(answersSchema.parse(answers));
  const files = renderSiteConfig(plan).files.filter((f) => f.guest === 'mail');
  const content = (p: string) => files.find((f) => f.path === p)!.content;
  stack = startMailStack(DOMAIN, { passwd: content(SECRET_PATHS.dovecotPasswd), mailboxMap: content(MAILBOX_MAP), relaySasl: content(SECRET_PATHS.relaySasl) });
  const remote = makeCert(stack.dir, 'capture.outside.test');
  const certs = { cert: readFileSync(remote.cert, 'utf8'), key: readFileSync(remote.key, 'utf8') };
  smarthost = await startCapture({ host: IP.smarthost, port: 587, name: 'relay.outside.example.net', ...certs, requireTls: true, requireAuth: true });
  mx = await startCapture({ host: IP.smarthost, port: 25, name: 'mx.faraway.test', ...certs, requireTls: false, requireAuth: false });
  dns = await startDns(IP.dns, 53, {
    a: { 'relay.outside.example.net': IP.smarthost, 'mx.faraway.test': IP.smarthost },
    mx: { 'faraway.test': { pref: 10, host: 'mx.faraway.test' } },
  });
}, 60_000);

afterAll(async () => {
  stack?.stop();
  await smarthost?.close();
  await mx?.close();
  await dns?.close();
});

describe('port 25 (TLS required, no relay)', () => {
  it('refuses MAIL before STARTTLS', async () => {
    // When a client talks plain SMTP on 25
    const r = await dialog({ host: IP.mail, port: 25, local: IP.outside, proto: 'smtp' }, ['EHLO client.outside.test', `MAIL FROM:<x@outside.test>`]);
    // Then STARTTLS is offered and MAIL is refused until it is used
    expect(r[1]).toMatch(/250-STARTTLS/);
    expect(r[2]).toMatch(/^530 5\.7\.0 Must issue a STARTTLS command first/);
  });

  it('is not an open relay: an outside recipient is refused without AUTH, even over TLS', async () => {
    // When an outside client sends over TLS to another outside domain
    const r = await swaks(['--server', IP.mail, '--port', '25', '--tls', '--local-interface', IP.outside, '--from', 'x@outside.test', '--to', 'victim@faraway.test']);
    // Then RCPT is refused with "Relay access denied"
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/<~\*\s+554 5\.7\.1 .*Relay access denied/);
  });
});

describe('port 587 (submission)', () => {
  it('does not offer or accept AUTH before STARTTLS', async () => {
    const token = Buffer.from(`\0${ADDR}\0${MAILBOX.password}`).toString('base64');
    // When a client tries AUTH PLAIN on the plain connection
    const r = await dialog({ host: IP.mail, port: 587, local: IP.outside, proto: 'smtp' }, ['EHLO client.outside.test', `AUTH PLAIN ${token}`]);
    // Then AUTH is neither advertised nor accepted
    expect(r[1]).not.toMatch(/AUTH/);
    expect(r[2]).toMatch(/^5\d\d /);
  });

  it('accepts AUTH after STARTTLS for a mailbox from the passwd-file, and rejects a wrong password', async () => {
    // When the mailbox logs in over STARTTLS
    const ok = await swaks([...submitAuth, '--quit-after', 'AUTH']);
    const bad = await swaks(['--server', IP.mail, '--port', '587', '--tls', '--auth', 'PLAIN', '--auth-user', ADDR, '--auth-password', 'wrong-password-1', '--local-interface', IP.outside, '--quit-after', 'AUTH']);
    // Then the right password authenticates and a wrong one does not
    expect(ok.out).toMatch(/<~\s+235 2\.7\.0 Authentication successful/);
    expect(ok.code).toBe(0);
    expect(bad.out).toMatch(/<~\*\s+535 5\.7\.8/);
  });

  it('refuses relaying without AUTH even over TLS', async () => {
    const r = await swaks(['--server', IP.mail, '--port', '587', '--tls', '--local-interface', IP.outside, '--from', ADDR, '--to', 'victim@faraway.test']);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/<~\*\s+5\d\d /);
    expect(smarthost!.messages.concat(mx!.messages).some((m) => m.to.includes('<victim@faraway.test>'))).toBe(false);
  });
});

describe('port 26 (from the PMG only) and LMTP delivery', () => {
  it('accepts mail for a mailbox from the PMG address and dovecot stores it in the maildir', async () => {
    // When the PMG (127.0.0.3) hands over a message on 26
    const r = await swaks(['--server', IP.mail, '--port', '26', '--local-interface', IP.pmg, '--from', 'sender@faraway.test', '--to', ADDR, '--header', 'Subject: via-pmg-26']);
    expect(r.code).toBe(0);
    // Then it lands in info's Maildir/new through dovecot LMTP
    const newDir = join(stack!.maildirRoot, DOMAIN, MAILBOX.user, 'Maildir', 'new');
    const file = await waitFor(() => {
      if (!existsSync(newDir)) return undefined;
      return readdirSync(newDir).map((f) => readFileSync(join(newDir, f), 'utf8')).find((t) => t.includes('via-pmg-26'));
    }, 15_000, `a message in ${newDir}\n${stack!.postfixLog()}`);
    expect(file).toMatch(/Delivered-To: info@site\.example\.org/);
  });

  it('refuses an outside address on 26', async () => {
    const r = await swaks(['--server', IP.mail, '--port', '26', '--local-interface', IP.outside, '--from', 'sender@faraway.test', '--to', ADDR]);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/<\*\*\s+554 5\.7\.1 .*Client host rejected/);
  });

  it('does not relay from the PMG to outside domains', async () => {
    const r = await swaks(['--server', IP.mail, '--port', '26', '--local-interface', IP.pmg, '--from', 'sender@faraway.test', '--to', 'victim@elsewhere.test']);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/<\*\*\s+554 5\.7\.1 .*Relay access denied/);
  });
});

describe('dovecot IMAP', () => {
  it('refuses LOGIN on 143 before STARTTLS', async () => {
    // When a client sends LOGIN with the right password on the plain connection
    const r = await dialog({ host: IP.mail, port: 143, local: IP.outside, proto: 'imap' }, [`a1 LOGIN ${ADDR} ${MAILBOX.password}`]);
    expect(r[0]).toMatch(/LOGINDISABLED/);
    expect(r[1]).toMatch(/Plaintext authentication (not allowed|disallowed)/);
    expect(r[1]).toMatch(/^a1 NO/m);
  });

  it('accepts LOGIN after STARTTLS on 143 and on 993', async () => {
    // When the same login is sent over STARTTLS, implicit TLS, and with a wrong password
    const starttls = await imapLoginTls(IP.mail, 143, true, ADDR, MAILBOX.password);
    const implicit = await imapLoginTls(IP.mail, 993, false, ADDR, MAILBOX.password);
    const wrong = await imapLoginTls(IP.mail, 993, false, ADDR, 'not-the-password');
    // Then both TLS paths log in and the wrong password does not
    expect(starttls.out).toMatch(/a1 OK/);
    expect(implicit.out).toMatch(/a1 OK/);
    expect(wrong.out).toMatch(/a1 NO/);
  });
});

describe('outbound', () => {
  it('with a relay: submitted mail reaches the smarthost over TLS with the relay SASL user', async () => {
    // Given the site's relay configured (main.cf re-rendered with the policy's relay block)
    stack!.configurePostfix({ host: RELAY.host, port: RELAY.port });
    // When the mailbox submits a message for an outside recipient
    const r = await swaks([...submitAuth, '--from', ADDR, '--to', 'friend@faraway.test', '--header', 'Subject: via-relay']);
    expect(r.code).toBe(0);
    // Then the smarthost receives it, over TLS, authenticated as the relay user
    const m = await waitFor(() => smarthost!.messages.find((x) => x.data.includes('via-relay')), 20_000, `relay delivery\n${stack!.postfixLog()}`);
    expect(m).toMatchObject({ tls: true, user: RELAY.user, password: RELAY.password, from: `<${ADDR}>`, to: ['<friend@faraway.test>'] });
    // and the recipient's MX was not contacted
    expect(mx!.messages.some((x) => x.data.includes('via-relay'))).toBe(false);
  });

  it('without a relay: postfix looks up the recipient domain MX and delivers there', async () => {
    // Given no relay (standalone)
    stack!.configurePostfix(null);
    // When the mailbox submits a message for an outside recipient
    const r = await swaks([...submitAuth, '--from', ADDR, '--to', 'friend@faraway.test', '--header', 'Subject: direct-mx']);
    expect(r.code).toBe(0);
    // Then postfix asked DNS for faraway.test's MX and delivered to the host it names
    const m = await waitFor(() => mx!.messages.find((x) => x.data.includes('direct-mx')), 20_000, `direct MX delivery\n${stack!.postfixLog()}`);
    expect(m.to).toEqual(['<friend@faraway.test>']);
    expect(m.user).toBeUndefined();
    expect(dns!.queries).toContainEqual({ name: 'faraway.test', type: 15 });
    expect(smarthost!.messages.some((x) => x.data.includes('direct-mx'))).toBe(false);
  });
});

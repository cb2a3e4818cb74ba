// @ts-nocheck
// The mail VM as NixOS evaluates it (nixpkgs' own postfix, dovecot and opendkim modules, via the
// eval kit), run on real daemons: Debian's postfix 3.7 and opendkim, Dovecot 2.4 from Debian 13.
// 127.0.0.2 mail VM · 127.0.0.3 PMG · 127.0.0.4 outside client · 127.0.0.5 smarthosts / MX ·
// 127.0.0.6 DNS · [::1] an MX's IPv6 address. Needs root and the shared lock (fixed ports):
//   flock /tmp/netsetup-mta.lock npx vitest run test/mta/mailVm.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answersSchema } from '../../src/schema/answers.js';
import { derivePlan } from '../../src/plan/derive.js';
import { dmarcRecordValue } from '../../src/render/records.js';
import { MAILBOX_MAP, SECRET_PATHS } from '../../src/render/siteConfig.js';
import { IP, makeCa, startEvaluatedStack, type EvaluatedStack } from './helpers/evaluatedStack.js';
import { evaluateAttr, renderSite, SITES } from './helpers/nixEval.js';
import { startCapture, type CaptureServer } from './helpers/smtpCapture.js';
import { startDns, type DnsServer } from './helpers/dnsServer.js';
import { dialog, imapLoginTls, swaks } from './helpers/probes.js';
import {
  ADDR, DOMAIN, MAILBOX, authOnlyAfterTls, findMail, noOpenRelay, port26OnlyFromPmg, relayTlsVerified, submitArgs,
  tlsRequiredOn25And587, waitFor, waitForMail, type World,
} from './helpers/promises.js';
import { acquireSuiteLock, assertPortsFree } from './helpers/ports.js';
import { X509Certificate } from 'node:crypto';
import { verifyMailTls } from '../../src/verify/mailTls.js';

const standalone = renderSite(SITES.standalone);
const smarthost = renderSite(SITES.smarthost);
/** The site the wizard rendered, with the test's loopback addresses for the PMG and the VM. */
const onLoopback = (site: Record<string, unknown>, relay?: { host: string; port: number }) => ({
  ...site,
  pmgIp: IP.pmg,
  mailIp: IP.mail,
  ...(relay ? { relay: { ...(site.relay as object), ...relay } } : {}),
});
const RELAY = (smarthost.answers.relay as { host: string; port: number; user: string; password: string });

let tmp: string;
let stack: EvaluatedStack;
let mx: CaptureServer;
let mx6: CaptureServer;
let relay: CaptureServer;
let selfSignedRelay: CaptureServer;
let wrongNameRelay: CaptureServer;
let plainRelay: CaptureServer;
let dns: DnsServer;
let world: World;

let releaseLock: (() => void) | undefined;

beforeAll(async () => {
  releaseLock = await acquireSuiteLock();
  await assertPortsFree([
    [IP.mail, 25], [IP.mail, 26], [IP.mail, 465], [IP.mail, 587], [IP.mail, 143], [IP.mail, 993],
    [IP.smarthost, 25], [IP.smarthost, 587], [IP.smarthost, 2587], [IP.smarthost, 3587], [IP.smarthost, 4587], ['::1', 25], [IP.dns, 53],
  ]);
  tmp = mkdtempSync(join(tmpdir(), 'netsetup-mta-certs-'));
  const ca = makeCa(tmp);
  const good = ca.issue(RELAY.host);
  relay = await startCapture({ host: IP.smarthost, port: 587, name: RELAY.host, ...good, requireTls: true, requireAuth: true });
  selfSignedRelay = await startCapture({ host: IP.smarthost, port: 2587, name: 'selfsigned.outside.test', ...ca.selfSigned('selfsigned.outside.test'), requireTls: true, requireAuth: true });
  wrongNameRelay = await startCapture({ host: IP.smarthost, port: 3587, name: 'wrongname.outside.test', ...ca.issue('other.outside.test'), requireTls: true, requireAuth: true });
  plainRelay = await startCapture({ host: IP.smarthost, port: 4587, name: 'plain.outside.test', ...good, requireTls: false, requireAuth: true, starttls: false });
  const mxCert = ca.issue('mx.faraway.test');
  mx = await startCapture({ host: IP.smarthost, port: 25, name: 'mx.faraway.test', ...mxCert, requireTls: false, requireAuth: false });
  mx6 = await startCapture({ host: '::1', port: 25, name: 'mx6.dual.test', ...mxCert, requireTls: false, requireAuth: false });
  dns = await startDns(IP.dns, 53, {
    a: {
      [RELAY.host]: IP.smarthost, 'selfsigned.outside.test': IP.smarthost, 'wrongname.outside.test': IP.smarthost, 'plain.outside.test': IP.smarthost,
      'mx.faraway.test': IP.smarthost, 'mx.dual.test': IP.smarthost,
    },
    aaaa: { 'mx.dual.test': '::1' },
    mx: { 'faraway.test': { pref: 10, host: 'mx.faraway.test' }, 'dual.test': { pref: 10, host: 'mx.dual.test' } },
  });
  stack = startEvaluatedStack({
    site: onLoopback(standalone.site.mail),
    secrets: { passwd: standalone.file('mail', SECRET_PATHS.dovecotPasswd), mailboxMap: standalone.file('mail', MAILBOX_MAP) },
    caBundle: ca.caPem,
    nameserver: IP.dns,
  });
  world = { stack, mx, outsiders: [mx, mx6, relay, selfSignedRelay, wrongNameRelay, plainRelay] };
}, 1_000_000);

afterAll(async () => {
  stack?.stop();
  for (const s of [mx, mx6, relay, selfSignedRelay, wrongNameRelay, plainRelay]) await s?.close();
  await dns?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  releaseLock?.();
});

describe('what runs is what NixOS evaluated', () => {
  it('postfix runs the module-generated main.cf/master.cf, dovecot 2.4 the module-rendered dovecot.conf', () => {
    const ev = stack.evaluation.dump;
    // the policy's port-25 service is the module's smtp/inet, next to the smtp/unix client
    expect(stack.masterCf).toMatch(/^smtp\s+unix\s/m);
    expect(stack.masterCf).toMatch(/^127\.0\.0\.2:smtp\s+inet\s/m);
    expect(stack.masterCf).toMatch(/^127\.0\.0\.2:submissions\s+inet\s[\s\S]*?smtpd_tls_wrappermode=yes/m);
    expect(ev.services.postfix.mainCf).toMatch(/^smtpd_tls_security_level = encrypt$/m);
    expect(stack.mainCf).toContain(ev.services.postfix.mainCf.match(/^virtual_transport = .*$/m)[0].replace('/run/dovecot2', `${stack.dir}/run/dovecot2`));
    expect(execFileSync('chroot', ['/var/cache/netsetup-trixie', 'dovecot', '--version'], { encoding: 'utf8' })).toMatch(/^2\.4\./);
    expect(stack.dovecotConf).toMatch(/^dovecot_config_version = 2\.4\.0$/m);
  });
});

describe('inbound', () => {
  it('port 25 and 587 require TLS before MAIL', () => tlsRequiredOn25And587(world));

  it("checks --records on 587 and 993 before lego's first push: the bootstrap certificate, named as such", async () => {
    const plan = derivePlan(answersSchema.parse(SITES.standalone));
    const [, submission, imaps] = await verifyMailTls(plan, { connect: { smtp: 'off', submission: `${IP.mail}:587`, imaps: `${IP.mail}:993` }, timeoutMs: 5000 });
    const boot = new X509Certificate(readFileSync(stack.path((standalone.site.mail as { paths: { tlsCert: string } }).paths.tlsCert), 'utf8'));
    expect(boot.issuer).toBe(boot.subject); // the bootstrap unit's certificate is self-signed
    for (const c of [submission!, imaps!]) {
      expect(c, JSON.stringify(c)).toMatchObject({ verdict: 'bootstrap', validTo: new Date(boot.validTo).toISOString() });
      expect(c.detail).toMatch(/^bootstrap certificate, real certificate not issued yet: /);
    }
  });

  it('587 offers and accepts AUTH only after TLS; after STARTTLS the mailbox logs in, a wrong password does not', async () => {
    await authOnlyAfterTls(world);
    const ok = await swaks([...submitArgs(587), '--quit-after', 'AUTH']);
    const bad = await swaks(['--server', IP.mail, '--port', '587', '--tls', '--auth', 'PLAIN', '--auth-user', ADDR, '--auth-password', 'wrong-password-1', '--local-interface', IP.outside, '--quit-after', 'AUTH']);
    expect(ok.out).toMatch(/<~\s+235 2\.7\.0 Authentication successful/);
    expect(bad.out).toMatch(/<~\*\s+535 5\.7\.8/);
  });

  it('465 is implicit TLS (RFC 8314): a plain client gets no greeting, a TLS client logs in', async () => {
    const plain = await dialog({ host: IP.mail, port: 465, local: IP.outside, proto: 'smtp' }, []);
    expect(plain[0]).not.toMatch(/^220 /m);
    const ok = await swaks([...submitArgs(465), '--quit-after', 'AUTH']);
    expect(ok.out).toMatch(/<~\s+235 2\.7\.0 Authentication successful/);
  });

  it('no open relay on 25, 26, 465 or 587 (from outside or from the PMG, with or without TLS)', () => noOpenRelay(world));

  it('26 accepts mail for the site only from the PMG; dovecot stores it through LMTP', async () => {
    await port26OnlyFromPmg(world);
    const m = findMail(stack, MAILBOX.user, 'via-26-from-pmg')!;
    expect(m).toMatch(/Delivered-To: info@site\.example\.org/);
    expect(m).toMatch(/with LMTP/);
  });

  it('postmaster@, abuse@ and the DMARC/TLS-RPT report address deliver to the first mailbox', async () => {
    // the report address the wizard publishes (records), read from the record itself
    const rua = /rua=mailto:([^;\s]+)/.exec(dmarcRecordValue(derivePlan(answersSchema.parse(SITES.standalone))))![1]!;
    for (const to of [`postmaster@${DOMAIN}`, `abuse@${DOMAIN}`, rua]) {
      const r = await swaks(['--server', IP.mail, '--port', '26', '--local-interface', IP.pmg, '--from', 'reporter@faraway.test', '--to', to, '--header', `Subject: alias-${to}`]);
      expect(r.code, r.out).toBe(0);
      const m = await waitForMail(stack, MAILBOX.user, `alias-${to}`);
      expect(m).toMatch(new RegExp(`To: ${to.replace('.', '\\.')}`));
    }
  });

  it('plus-addressing: info+tag@ is accepted and delivered to info', async () => {
    const r = await swaks(['--server', IP.mail, '--port', '26', '--local-interface', IP.pmg, '--from', 'shop@faraway.test', '--to', `${MAILBOX.user}+shop@${DOMAIN}`, '--header', 'Subject: plus-addressed']);
    expect(r.code, r.out).toBe(0);
    expect(await waitForMail(stack, MAILBOX.user, 'plus-addressed')).toMatch(/Delivered-To: info\+shop@site\.example\.org/);
  });

  it('an unknown recipient is refused on 26', async () => {
    const r = await swaks(['--server', IP.mail, '--port', '26', '--local-interface', IP.pmg, '--from', 'x@faraway.test', '--to', `nobody@${DOMAIN}`]);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/<\*\*\s+550 5\.1\.1 .*User unknown/);
  });
});

describe('IMAP (dovecot 2.4)', () => {
  it('refuses LOGIN on 143 before STARTTLS', async () => {
    const r = await dialog({ host: IP.mail, port: 143, local: IP.outside, proto: 'imap' }, [`a1 LOGIN ${ADDR} ${MAILBOX.password}`]);
    expect(r[0]).toMatch(/LOGINDISABLED/);
    expect(r[1]).toMatch(/^a1 NO/m);
  });

  it('logs in over 143 + STARTTLS and over 993; a wrong password is refused', async () => {
    const starttls = await imapLoginTls(IP.mail, 143, true, ADDR, MAILBOX.password);
    const implicit = await imapLoginTls(IP.mail, 993, false, ADDR, MAILBOX.password);
    const wrong = await imapLoginTls(IP.mail, 993, false, ADDR, 'not-the-password');
    expect(starttls.out, stack.dovecotLog()).toMatch(/a1 OK/);
    expect(implicit.out).toMatch(/a1 OK/);
    expect(wrong.out).toMatch(/a1 NO/);
  });
});

describe('outbound, standalone', () => {
  it('direct MX delivery leaves the queue, says HELO mail.<domain>, and carries a DKIM signature that verifies against the published key', async () => {
    const r = await swaks([...submitArgs(587), '--from', ADDR, '--to', 'friend@faraway.test', '--header', 'Subject: direct-mx']);
    expect(r.code, r.out).toBe(0);
    const m = await waitFor(() => mx.messages.find((x) => x.data.includes('direct-mx')), 20_000, `direct MX delivery\n${stack.postfixLog()}\n${stack.opendkimLog()}`);
    expect(dns.queries).toContainEqual({ name: 'faraway.test', type: 15 });
    expect(mx.helo).toContain(`mail.${DOMAIN}`);
    await waitFor(() => (stack.queue().length === 0 ? true : undefined), 10_000, 'an empty queue');
    // The key the wizard publishes: the record opendkim's unit copied to /var/lib/opendkim/<domain>.txt
    const published = readFileSync(stack.path(`/var/lib/opendkim/${DOMAIN}.txt`), 'utf8');
    const p = /\(\s*([\s\S]*?)\s*\)/.exec(published)![1]!.replace(/"\s*"/g, '').replace(/"/g, '').replace(/\s+/g, ' ');
    expect(m.data).toMatch(/^DKIM-Signature: .*d=site\.example\.org/m);
    expect(m.data).toMatch(/s=default/);
    const msgFile = join(tmp, 'direct-mx.eml');
    writeFileSync(msgFile, m.data.replace(/\n/g, '\r\n'));
    const verify = execFileSync('/usr/bin/python3', ['-c', DKIM_VERIFY, msgFile, `default._domainkey.${DOMAIN}`, p], { encoding: 'utf8' });
    expect(verify.trim()).toBe('signature ok');
    // and a one-byte change breaks it (the check is real)
    writeFileSync(msgFile, m.data.replace('direct-mx', 'direct-mX').replace(/\n/g, '\r\n'));
    expect(execFileSync('/usr/bin/python3', ['-c', DKIM_VERIFY, msgFile, `default._domainkey.${DOMAIN}`, p], { encoding: 'utf8' }).trim()).toBe('signature FAILED');
  });

  it('prefers IPv4 without an IPv6 PTR: an MX with A and AAAA is reached over IPv4 only', async () => {
    expect(stack.evaluation.dump.services.postfix.mainCf).toMatch(/^inet_protocols = ipv4$/m);
    const r = await swaks([...submitArgs(587), '--from', ADDR, '--to', 'friend@dual.test', '--header', 'Subject: dual-stack']);
    expect(r.code, r.out).toBe(0);
    await waitFor(() => mx.messages.find((x) => x.data.includes('dual-stack')), 20_000, `delivery to dual.test\n${stack.postfixLog()}`);
    expect(mx6.peers).toEqual([]);
  });
});

describe('outbound, with the smarthost', () => {
  const secrets = (host: string, port: number) => `[${host}]:${port} ${RELAY.user}:${RELAY.password}\n`;

  it('relay delivery leaves the queue over verified TLS with the relay SASL login, DKIM-signed by the domain', async () => {
    stack.applySite(onLoopback(smarthost.site.mail), { relaySasl: smarthost.file('mail', SECRET_PATHS.relaySasl) });
    const r = await swaks([...submitArgs(587), '--from', ADDR, '--to', 'friend@faraway.test', '--header', 'Subject: via-relay']);
    expect(r.code, r.out).toBe(0);
    const m = await waitFor(() => relay.messages.find((x) => x.data.includes('via-relay')), 20_000, `relay delivery\n${stack.postfixLog()}`);
    expect(m).toMatchObject({ tls: true, user: RELAY.user, password: RELAY.password, from: `<${ADDR}>`, to: ['<friend@faraway.test>'] });
    expect(m.data).toMatch(/^DKIM-Signature: .*d=site\.example\.org/m);
    expect(mx.messages.some((x) => x.data.includes('via-relay'))).toBe(false);
    await waitFor(() => (stack.queue().length === 0 ? true : undefined), 10_000, 'an empty queue');
  });

  it('a relay with a self-signed certificate is refused: nothing sent, no AUTH, mail stays queued', async () => {
    stack.applySite(onLoopback(smarthost.site.mail, { host: 'selfsigned.outside.test', port: 2587 }), { relaySasl: secrets('selfsigned.outside.test', 2587) });
    await relayTlsVerified(world, selfSignedRelay, 'to-selfsigned');
  });

  it('a relay whose CA-signed certificate names another host is refused', async () => {
    stack.applySite(onLoopback(smarthost.site.mail, { host: 'wrongname.outside.test', port: 3587 }), { relaySasl: secrets('wrongname.outside.test', 3587) });
    await relayTlsVerified(world, wrongNameRelay, 'to-wrongname');
  });

  it('a relay without STARTTLS never sees the SASL password', async () => {
    stack.applySite(onLoopback(smarthost.site.mail, { host: 'plain.outside.test', port: 4587 }), { relaySasl: secrets('plain.outside.test', 4587) });
    await relayTlsVerified(world, plainRelay, 'to-plain');
  });
});

describe('brute-force protection (NixOS services.fail2ban, evaluated; filters against real log lines)', () => {
  it('the jails cover SMTP AUTH (587/465), IMAP and the webmail, with a ban after 5 failures', () => {
    const f2b = evaluateAttr('mail', onLoopback(standalone.site.mail), 'config.services.fail2ban') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(f2b.enable).toBe(true);
    expect(f2b.maxretry).toBe(5);
    expect(f2b.ignoreIP).toContain(`${IP.pmg}/32`);
    expect(f2b.jails['postfix-sasl'].settings).toMatchObject({ filter: 'postfix[mode=auth]', port: expect.stringContaining('submission') });
    expect(f2b.jails['dovecot-auth'].settings.port).toBe('imap,imaps,submission,submissions');
    expect(f2b.jails['roundcube-auth'].settings.filter).toBe('roundcube-auth');
  });

  it("postfix's real SASL failures on 587 match the postfix-sasl jail's filter, with the client's address", async () => {
    for (let i = 0; i < 5; i++) {
      await swaks(['--server', IP.mail, '--port', '587', '--tls', '--auth', 'PLAIN', '--auth-user', ADDR, '--auth-password', `wrong-${i}`, '--local-interface', IP.outside, '--quit-after', 'AUTH']);
    }
    const log = join(tmp, 'postfix-for-f2b.log');
    writeFileSync(log, stack.postfixLog());
    const out = execFileSync('fail2ban-regex', ['--print-all-matched', log, 'postfix[mode=auth]'], { encoding: 'utf8' });
    // Postfix logs a reason only while dovecot answers in time (its auth penalty slows repeated
    // failures; "Connection lost to authentication server" is excluded by the filter): the
    // dovecot-auth jail below counts every failure.
    expect(Number(/Failregex: (\d+) total/.exec(out)![1])).toBeGreaterThanOrEqual(2);
    expect(out).toMatch(/\[127\.0\.0\.4\]: SASL PLAIN authentication failed/);
  }, 120_000);

  it("every failed password, SMTP AUTH on 587 or IMAP on 993, is one match of the dovecot-auth jail's own filter (the stock 2.3 filter matches none)", async () => {
    const mismatches = (ip: string) => stack.dovecotLog().split('\n').filter((l) => l.includes(`,${ip},`) && /Password mismatch/.test(l)).length;
    const before = { smtp: mismatches(IP.outside), imap: mismatches('127.0.0.1') };
    await Promise.all([
      (async () => {
        // until dovecot logged maxretry failures from this address (an attempt postfix gave up
        // on under dovecot's auth penalty is not logged), at most 9 attempts
        for (let i = 0; i < 9 && mismatches(IP.outside) < Math.max(5, before.smtp + 3); i++) {
          await swaks(['--server', IP.mail, '--port', '587', '--tls', '--auth', 'PLAIN', '--auth-user', ADDR, '--auth-password', `again-${i}`, '--local-interface', IP.outside, '--quit-after', 'AUTH']);
        }
      })(),
      (async () => {
        for (let i = 0; i < 5; i++) await imapLoginTls(IP.mail, 993, false, ADDR, `wrong-${i}`);
      })(),
    ]);
    // Dovecot's auth penalty slows repeated failures; an SMTP AUTH that postfix gives up on is
    // not logged by dovecot. Needed: maxretry (5) logged failures per client address.
    await waitFor(() => (mismatches(IP.outside) >= Math.max(5, before.smtp + 3) && mismatches('127.0.0.1') >= before.imap + 5 ? true : undefined), 60_000, `password mismatches in\n${stack.dovecotLog()}`);
    expect((await imapLoginTls(IP.mail, 993, false, ADDR, MAILBOX.password)).out).toMatch(/a1 OK/);
    // the journal line fail2ban's systemd backend reads: "<host> dovecot[<pid>]: <message>"
    const lines = stack.dovecotLog().split('\n').filter(Boolean).map((l) => l.replace(/^(\w{3} +\d+ [\d:]+) /, '$1 mail dovecot[4242]: '));
    const log = join(tmp, 'dovecot-for-f2b.log');
    writeFileSync(log, lines.join('\n') + '\n');
    // the jail's filter, written as the NixOS module writes filter.d/nixos-dovecot-auth.local (INI)
    const filter = evaluateAttr('mail', onLoopback(standalone.site.mail), 'config.services.fail2ban.jails.dovecot-auth.filter') as Record<string, Record<string, string>>;
    const dir = join(tmp, 'filter.d');
    mkdirSync(dir, { recursive: true });
    copyFileSync('/etc/fail2ban/filter.d/common.conf', join(dir, 'common.conf'));
    writeFileSync(join(dir, 'nixos-dovecot-auth.conf'), Object.entries(filter).map(([sec, kv]) => `[${sec}]\n${Object.entries(kv).map(([k, v]) => `${k} = ${v}`).join('\n')}\n`).join('\n'));
    const ours = execFileSync('fail2ban-regex', ['--print-all-matched', log, join(dir, 'nixos-dovecot-auth.conf')], { encoding: 'utf8' });
    const total = lines.filter((l) => /Password mismatch/.test(l)).length;
    expect(Number(/Failregex: (\d+) total/.exec(ours)![1])).toBe(total);
    // per client address (the one fail2ban bans), at least maxretry matches: a ban
    const matched = ours.split('\n').filter((l) => /Password mismatch/.test(l));
    expect(matched.filter((l) => l.includes(',127.0.0.4,')).length).toBeGreaterThanOrEqual(5);
    expect(matched.filter((l) => l.includes(',127.0.0.1,')).length).toBeGreaterThanOrEqual(5);
    // nothing else is counted: every other line (the successful login just made, LMTP, ...)
    const okLines = lines.filter((l) => !/Password mismatch/.test(l));
    expect(okLines.filter((l) => /imap-login: /.test(l) && /user=<info@/.test(l) && !/auth failed/.test(l)).length, okLines.join('\n')).toBeGreaterThan(0);
    writeFileSync(log, okLines.join('\n') + '\n');
    expect(execFileSync('fail2ban-regex', [log, join(dir, 'nixos-dovecot-auth.conf')], { encoding: 'utf8' })).toMatch(/Failregex: 0 total/);
    // fail2ban's stock dovecot filter (Debian 12's fail2ban 1.0.2) misses Dovecot 2.4's lines
    writeFileSync(log, lines.join('\n') + '\n');
    expect(execFileSync('fail2ban-regex', [log, 'dovecot'], { encoding: 'utf8' })).toMatch(/Failregex: 0 total/);
  }, 300_000);
});

/** python3-dkim: verify the message's DKIM signature with the given public key record (no DNS). */
const DKIM_VERIFY = `
import sys, dkim
msg = open(sys.argv[1], 'rb').read()
name, record = sys.argv[2], sys.argv[3].encode()
def dnsfunc(q, timeout=5):
    return record if q.decode().rstrip('.') == name else None
print('signature ok' if dkim.verify(msg, dnsfunc=dnsfunc) else 'signature FAILED')
`;

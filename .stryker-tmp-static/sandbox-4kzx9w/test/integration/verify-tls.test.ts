// @ts-nocheck
// The certificate verdict of `checks --records`: a real TLS handshake with a local HTTPS server
// serving certificates this test makes with openssl (names, issuer and lifetime chosen here).
import { afterEach, describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { derivePlan } from '../../src/plan/derive.js';
import { answersSchema } from '../../src/schema/answers.js';
import { judgeCertificate, verifyCertificates, tlsConfigFromEnv } from '../../src/verify/tls.js';
import { makeCa, makeLeaf, serveHttps } from '../helpers/tlsCerts.js';
import { standaloneAnswers } from '../helpers/answers.js';
import { runCli } from '../helpers/cli.js';
import { writeAnswers } from '../helpers/answers.js';

const plan = derivePlan(answersSchema.parse(standaloneAnswers()));
// The names the issue asks the certificate to cover (not read from the code under test).
const NAMES = ['mail.example.com', 'mx.example.com', 'pmg.example.com', 'mta-sts.example.com', 'autoconfig.example.com'];
const ca = makeCa('Sentinel Test Issuing CA');
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function check(pem: { cert: string; key: string }) {
  const srv = await serveHttps(pem);
  closers.push(srv.close);
  return (await verifyCertificates(plan, { connect: srv.target, extraCa: ca.cert, timeoutMs: 2000 }))[0]!;
}

describe('the site certificate as served', () => {
  it('ok: trusted, every name, fresh; names, issuer and expiry are reported', async () => {
    const c = await check(makeLeaf(NAMES, 90, ca));
    expect(c).toMatchObject({ verdict: 'ok', issuer: 'Sentinel Test Issuing CA', daysLeft: 89 });
    expect([...c.names].sort()).toEqual([...NAMES].sort());
    expect(c.endpoint).toMatch(/^https:\/\/mail\.example\.com \(127\.0\.0\.1:\d+\)$/);
  });

  it('wrong-names: a certificate without mta-sts. and autoconfig.', async () => {
    const c = await check(makeLeaf(NAMES.slice(0, 3), 90, ca));
    expect(c).toMatchObject({ verdict: 'wrong-names', detail: 'does not cover mta-sts.example.com, autoconfig.example.com' });
  });

  it('wrong-names, not untrusted: a trusted certificate that does not name mail.<domain> at all', async () => {
    const c = await check(makeLeaf(['www.elsewhere.example.net'], 90, ca));
    expect(c).toMatchObject({ verdict: 'wrong-names', detail: `does not cover ${NAMES.join(', ')}` });
  });

  it('untrusted: a self-signed certificate that is not the mail VM\'s bootstrap one', async () => {
    const c = await check(makeLeaf(['mail.example.com'], 30));
    expect(c.verdict).toBe('untrusted');
    expect(c.detail).toMatch(/^self-signed, and not the mail VM's bootstrap certificate \(not trusted: /);
  });

  // The mail VM's bootstrap certificate: self-signed, O=netsetup bootstrap (nix/modules/services/mail-tls.nix;
  // test/mta/bootstrapTls.test.ts judges the one the evaluated unit really makes).
  it('bootstrap: says the real certificate is not issued yet and what to do (HTTP-01: forward port 80 to the DNS VM)', async () => {
    const c = await check(makeLeaf(['mail.example.com'], 30, undefined, '/O=netsetup bootstrap/CN=mail.example.com'));
    expect(c.verdict).toBe('bootstrap');
    const dnsIp = plan.guests.find((g) => g.role === 'dns')!.ip;
    expect(c.detail).toMatch(/^bootstrap certificate, real certificate not issued yet: /);
    expect(c.detail).toContain(`forward WAN TCP 80 to ${dnsIp}:80`);
    expect(c.detail).toContain('journalctl -u acme-order-renew-mail.example.com');
  });

  it('bootstrap, expired: names the mail VM\'s renewal timer', () => {
    const cert = new X509Certificate(makeLeaf(['mail.example.com'], 30, undefined, '/O=netsetup bootstrap/CN=mail.example.com').cert);
    const after = new Date(new Date(cert.validTo).getTime() + 86_400_000);
    const j = judgeCertificate(cert, NAMES, 'self-signed certificate', after, { challenge: 'dns-01', dnsIp: '192.0.2.53', dnsProvider: 'cloudflare' });
    expect(j.verdict).toBe('expired');
    expect(j.detail).toMatch(/^bootstrap certificate, real certificate not issued yet: lego on the DNS VM \(192\.0\.2\.53\) has not obtained one by DNS-01 \(cloudflare\)/);
    expect(j.detail).toContain('netsetup-bootstrap-tls-renew.timer');
  });

  it('renewal-overdue and expired follow the clock (a third of the lifetime left is when lego renews)', () => {
    const cert = new X509Certificate(makeLeaf(NAMES, 90, ca).cert);
    const to = new Date(cert.validTo).getTime();
    const day = 86_400_000;
    expect(judgeCertificate(cert, NAMES, undefined, new Date(to - 31 * day)).verdict).toBe('ok');
    expect(judgeCertificate(cert, NAMES, undefined, new Date(to - 29 * day))).toMatchObject({ verdict: 'renewal-overdue', daysLeft: 29 });
    expect(judgeCertificate(cert, NAMES, undefined, new Date(to + day)).verdict).toBe('expired');
  });

  it('unreachable: nothing listens', async () => {
    const srv = await serveHttps(makeLeaf(NAMES, 90, ca));
    await srv.close();
    const [c] = await verifyCertificates(plan, { connect: srv.target, timeoutMs: 1000 });
    expect(c!.verdict).toBe('unreachable');
  });

  it('bad NETSETUP_TLS_CONNECT is refused with exit 2, naming the variable', async () => {
    expect(() => tlsConfigFromEnv({ NETSETUP_TLS_CONNECT: 'mail.example.com' }, 1000)).toThrow('environment');
    const r = await runCli(['checks', '--records', '--answers', writeAnswers(standaloneAnswers())], { env: { NETSETUP_VERIFY_RESOLVERS: '127.0.0.1:9', NETSETUP_TLS_CONNECT: 'mail.example.com' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('NETSETUP_TLS_CONNECT: must be off or IPv4:PORT');
  });

  it('checks --records fails on an untrusted certificate and shows it', async () => {
    // Given a site whose DNS answers nothing (records lookups fail fast) and a self-signed certificate
    const srv = await serveHttps(makeLeaf(['mail.example.com'], 30));
    closers.push(srv.close);
    const r = await runCli(['checks', '--records', '--answers', writeAnswers(standaloneAnswers())], {
      env: { NETSETUP_VERIFY_RESOLVERS: '127.0.0.1:9', NETSETUP_DNS_TIMEOUT_MS: '300', NETSETUP_TLS_CONNECT: srv.target },
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/✗ UNTRUSTED\s+CERT {2}https:\/\/mail\.example\.com/);
    expect(r.stdout).toContain('The site certificate or what the mail VM serves needs attention');
  });

  it('checks --records shows the bootstrap certificate as such, with what to do', async () => {
    const srv = await serveHttps(makeLeaf(['mail.example.com'], 30, undefined, '/O=netsetup bootstrap/CN=mail.example.com'));
    closers.push(srv.close);
    const r = await runCli(['checks', '--records', '--answers', writeAnswers(standaloneAnswers())], {
      env: { NETSETUP_VERIFY_RESOLVERS: '127.0.0.1:9', NETSETUP_DNS_TIMEOUT_MS: '300', NETSETUP_TLS_CONNECT: srv.target },
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/✗ BOOTSTRAP CERT\s+CERT {2}https:\/\/mail\.example\.com/);
    const flat = r.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain('bootstrap certificate, real certificate not issued yet: lego on the DNS VM');
    expect(flat).toContain('forward WAN TCP 80 to');
  });
});

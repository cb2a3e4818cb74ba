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

  it('untrusted: the mail VM\'s self-signed bootstrap certificate', async () => {
    const c = await check(makeLeaf(['mail.example.com'], 30));
    expect(c.verdict).toBe('untrusted');
    expect(c.detail).toContain('bootstrap');
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
});

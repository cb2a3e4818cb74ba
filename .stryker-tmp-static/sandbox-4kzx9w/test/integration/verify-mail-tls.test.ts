// @ts-nocheck
// The STARTTLS certificate of the MX as `checks --records` judges it, against a REAL postfix
// (Debian's, a private instance on 127.0.0.1 with a port from the OS, postscreen in front of smtpd
// like PMG's port 25: test/helpers/postfixInstance.ts) serving certificates this test makes with
// openssl: names, issuer and lifetime are the test's sentinels, not the product's list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { derivePlan } from '../../src/plan/derive.js';
import { answersSchema } from '../../src/schema/answers.js';
import { mailTlsConfigFromEnv, verifyMailTls } from '../../src/verify/mailTls.js';
import { smtpStartTls } from '../../src/verify/smtp.js';
import { makeCa, makeLeaf } from '../helpers/tlsCerts.js';
import { postfixMissing, startPostfix, type PostfixInstance } from '../helpers/postfixInstance.js';
import { standaloneAnswers, writeAnswers } from '../helpers/answers.js';
import { runCli } from '../helpers/cli.js';

const plan = derivePlan(answersSchema.parse(standaloneAnswers()));
const MX = 'mx.example.com'; // the MX name of standaloneAnswers() (domain example.com)
const ca = makeCa('Sentinel SMTP Test CA');
const missing = postfixMissing();

const leaves = {
  right: makeLeaf([MX, 'mail.example.com'], 90, ca),
  wrong: makeLeaf(['smtp.elsewhere.example.net'], 90, ca),
  expired: makeLeaf([MX], -1, ca), // openssl: notAfter one day before now
};
let servers: Record<'right' | 'wrong' | 'expired' | 'plain', PostfixInstance>;

beforeAll(async () => {
  if (missing) return;
  const [right, wrong, expired, plain] = await Promise.all([
    startPostfix({ hostname: MX, tls: leaves.right }),
    startPostfix({ hostname: MX, tls: leaves.wrong }),
    startPostfix({ hostname: MX, tls: leaves.expired }),
    startPostfix({ hostname: MX }),
  ]);
  servers = { right: right!, wrong: wrong!, expired: expired!, plain: plain! };
}, 60_000);

afterAll(() => {
  for (const s of Object.values(servers ?? {})) s.stop();
});

/** The port-25 verdict with the probe sent to `target`; submission and IMAPS off. */
async function smtpCheck(target: string) {
  const [c] = await verifyMailTls(plan, { connect: { smtp: target, submission: 'off', imaps: 'off' }, extraCa: ca.cert, timeoutMs: 2000 });
  return c!;
}

describe.skipIf(missing)(`the MX's STARTTLS certificate, served by postfix${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('ok: the certificate covering mx.<domain>, trusted and fresh; it is the one postfix serves after STARTTLS', async () => {
    // The first dialogue with this instance: postscreen's pregreet test greets in two lines
    // ("220-" first, smtpd's "220 " after postscreen_greet_wait), read as one reply. A client
    // that passed is remembered (postscreen_greet_ttl), so later connections get one line.
    const r = await smtpStartTls('127.0.0.1', servers.right.port, MX, { timeoutMs: 10_000, extraCa: ca.cert });
    expect(r.greeting).toEqual([`${MX} ESMTP`, `${MX} ESMTP`]);
    expect(r.extensions).toContain('STARTTLS');
    // the same certificate as the file postfix was given, by fingerprint
    expect(r.cert.fingerprint256).toBe(new X509Certificate(leaves.right.cert).fingerprint256);
    const c = await smtpCheck(servers.right.target);
    expect(c, servers.right.log()).toMatchObject({ service: 'smtp', verdict: 'ok', issuer: 'Sentinel SMTP Test CA', daysLeft: 89, expectedNames: [MX] });
    expect(c.endpoint).toBe(`smtp://${MX}:25 STARTTLS (${servers.right.target})`);
  });

  it('wrong-names: a certificate for another host', async () => {
    const c = await smtpCheck(servers.wrong.target);
    expect(c).toMatchObject({ verdict: 'wrong-names', names: ['smtp.elsewhere.example.net'], detail: `does not cover ${MX}` });
  });

  it('expired: a certificate whose notAfter is past', async () => {
    const c = await smtpCheck(servers.expired.target);
    expect(c.verdict).toBe('expired');
    expect(new Date(c.validTo!).getTime()).toBeLessThan(Date.now());
  });

  it('no-starttls: postfix with TLS off (PMG with tls=0) does not announce STARTTLS', async () => {
    const c = await smtpCheck(servers.plain.target);
    expect(c).toMatchObject({ verdict: 'no-starttls', names: [] });
    expect(c.detail).toMatch(/STARTTLS is not offered \(EHLO announces [A-Z0-9, -]*PIPELINING/);
  });

  it('unreachable: a port nobody listens on (the postfix stopped)', async () => {
    const gone = await startPostfix({ hostname: MX, tls: leaves.right });
    gone.stop();
    const c = await smtpCheck(gone.target);
    expect(c).toMatchObject({ verdict: 'unreachable', detail: `connection refused: nothing listens on port ${gone.port} (the router forwards WAN TCP 25 to PMG)` });
  });

  it('checks --records shows the port-25 verdict and puts it in the JSON report beside the HTTPS one', async () => {
    const answers = writeAnswers(standaloneAnswers());
    const env = {
      NETSETUP_VERIFY_RESOLVERS: '127.0.0.1:9', // no DNS: the records fail fast, the probes go where told
      NETSETUP_DNS_TIMEOUT_MS: '300',
      NETSETUP_TLS_CONNECT: 'off',
      NETSETUP_SMTP_CONNECT: servers.wrong.target,
      NETSETUP_TLS_CA_FILE: join(ca.dir, 'ca.pem'),
    };
    const text = await runCli(['checks', '--records', '--answers', answers], { env });
    expect(text.code, text.stderr).toBe(1);
    expect(text.stdout).toMatch(new RegExp(`✗ WRONG NAMES\\s+CERT {2}smtp://${MX.replace(/\./g, '\\.')}:25 STARTTLS \\(127\\.0\\.0\\.1:${servers.wrong.port}\\)`));
    expect(text.stdout).toContain(`does not cover ${MX}`);
    // submission and IMAPS follow NETSETUP_TLS_CONNECT=off when their own variables are unset
    expect(text.stdout).toMatch(/· not checked\s+CERT {2}smtp:\/\/mail\.example\.com:587 STARTTLS/);
    expect(text.stdout).toMatch(/· not checked\s+CERT {2}imaps:\/\/mail\.example\.com:993/);

    const json = await runCli(['checks', '--records', '--json', '--answers', answers], { env: { ...env, NETSETUP_SMTP_CONNECT: servers.right.target } });
    const report = JSON.parse(json.stdout) as { certificates: Array<{ service?: string; verdict: string }> };
    expect(report.certificates.map((c) => [c.service, c.verdict])).toEqual([
      ['https', 'skipped'],
      ['smtp', 'ok'],
      ['submission', 'skipped'],
      ['imaps', 'skipped'],
    ]);
  });
});

describe('NETSETUP_SMTP_CONNECT / _SUBMISSION_ / _IMAPS_', () => {
  it('a malformed value is refused naming the variable (exit 2 from the CLI)', async () => {
    expect(() => mailTlsConfigFromEnv({ NETSETUP_SMTP_CONNECT: 'mx.example.com:25' }, { timeoutMs: 1000 })).toThrow('environment');
    const r = await runCli(['checks', '--records', '--answers', writeAnswers(standaloneAnswers())], { env: { NETSETUP_VERIFY_RESOLVERS: '127.0.0.1:9', NETSETUP_IMAPS_CONNECT: '127.0.0.1' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('NETSETUP_IMAPS_CONNECT: must be off or IPv4:PORT');
  });

  it('unset, they are off when NETSETUP_TLS_CONNECT=off, and resolve the name otherwise; set, they win', () => {
    expect(mailTlsConfigFromEnv({}, { connect: 'off', timeoutMs: 1000 }).connect).toEqual({ smtp: 'off', submission: 'off', imaps: 'off' });
    expect(mailTlsConfigFromEnv({}, { connect: '127.0.0.1:8443', timeoutMs: 1000 }).connect).toEqual({});
    expect(mailTlsConfigFromEnv({ NETSETUP_SMTP_CONNECT: '127.0.0.1:2525' }, { connect: 'off', timeoutMs: 1000 }).connect).toEqual({ smtp: '127.0.0.1:2525', submission: 'off', imaps: 'off' });
  });

  it('a name that does not resolve is unreachable, naming the name', async () => {
    const [smtp] = await verifyMailTls(plan, { connect: { submission: 'off', imaps: 'off' }, resolver: '127.0.0.1:9', timeoutMs: 300 });
    expect(smtp).toMatchObject({ service: 'smtp', verdict: 'unreachable' });
    expect(smtp!.detail).toMatch(/^mx\.example\.com does not resolve/);
  });
});

// @ts-nocheck
// Webmail in a real browser: headless Chromium (Debian's, driven by playwright-core) logs in to
// Roundcube as NixOS evaluates it for the mail VM (test/mta/helpers/webmail.ts: Debian's
// roundcube, nginx, php-fpm) on top of the evaluated postfix + Dovecot 2.4
// (test/mta/helpers/evaluatedStack.ts), reads a message delivered through LMTP (port 26) and
// sends one through postfix's submission port into another mailbox. Roundcube reaches IMAP and
// SMTP by mail.<domain>, the name on the certificate (a test CA's, standing in for lego's push),
// and verifies it. A screenshot of the inbox is kept under NETSETUP_TEST_ARTIFACTS.
// The bootstrap window (no certificate pushed yet): the evaluated bootstrap unit makes the VM's
// self-signed certificate, Roundcube still logs in and sends (it verifies against the trust file
// the unit writes, name checked), and the evaluated renewal unit re-generates an expiring one
// and reloads the daemons, which then serve the new certificate.
// Needs root and the shared lock (fixed ports):
//   flock /tmp/netsetup-mta.lock npx vitest run test/mta/webmail.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { MAILBOX_MAP, SECRET_PATHS } from '../../src/render/siteConfig.js';
import { IP, makeCa, startEvaluatedStack, type EvaluatedStack } from './helpers/evaluatedStack.js';
import { renderSite, SITES } from './helpers/nixEval.js';
import { startDns, type DnsServer } from './helpers/dnsServer.js';
import { imapLoginTls, swaks } from './helpers/probes.js';
import { verifyCertificates } from '../../src/verify/tls.js';
import { derivePlan } from '../../src/plan/derive.js';
import { answersSchema } from '../../src/schema/answers.js';
import { DOMAIN, MAILBOX, waitFor, waitForMail } from './helpers/promises.js';
import { acquireSuiteLock, assertPortsFree } from './helpers/ports.js';
import { startWebmail, unrenderedSettings, type Webmail } from './helpers/webmail.js';
import { verifyMailTls } from '../../src/verify/mailTls.js';

const standalone = renderSite(SITES.standalone);
const site = { ...standalone.site.mail, pmgIp: IP.pmg, mailIp: IP.mail };
const FQDN = `mail.${DOMAIN}`;
const VM_PATHS = (standalone.site.mail as { paths: { tlsCert: string; tlsKey: string } }).paths;
const OTHER = (SITES.standalone.mailboxes as Array<{ user: string }>).find((m) => m.user !== MAILBOX.user)!.user;
/** Sentinels this test picks. */
const TAG = randomBytes(4).toString('hex');
const INBOX_SUBJECT = `webmail-inbox-${TAG}`;
const SENT_SUBJECT = `webmail-sent-${TAG}`;
const WRONG_NAME = `other.${DOMAIN}`;
const SENT_BODY = `written in Roundcube ${TAG}`;
/** `checks --records` on this VM's submission and IMAPS ports (the MX's port 25 is PMG's, not here). */
const mailTlsVerdicts = async () =>
  verifyMailTls(derivePlan(answersSchema.parse(SITES.standalone)), {
    connect: { smtp: 'off', submission: `${IP.mail}:587`, imaps: `${IP.mail}:993` },
    extraCa: readFileSync(join(caDir, 'ca.crt'), 'utf8'),
    timeoutMs: 5000,
  });

let tmp: string;
let stack: EvaluatedStack | undefined;
let webmail: Webmail | undefined;
let dns: DnsServer | undefined;
let browser: BrowserContext | undefined;
let page: Page;
let spki: string;
const secrets = () => ({ passwd: standalone.file('mail', SECRET_PATHS.dovecotPasswd), mailboxMap: standalone.file('mail', MAILBOX_MAP) });
let leafKey: string;
let caDir: string;
let releaseLock: (() => void) | undefined;

beforeAll(async () => {
  releaseLock = await acquireSuiteLock();
  await assertPortsFree([[IP.mail, 25], [IP.mail, 26], [IP.mail, 465], [IP.mail, 587], [IP.mail, 143], [IP.mail, 993], [IP.mail, 80], [IP.mail, 443], [IP.dns, 53]]);
  tmp = mkdtempSync(join(tmpdir(), 'netsetup-webmail-'));
  const ca = makeCa(tmp);
  const leaf = ca.issue(FQDN);
  leafKey = leaf.key;
  caDir = join(tmp, 'test-ca'); // makeCa's CA files
  spki = spkiOf(leaf.cert);
  dns = await startDns(IP.dns, 53, {});
  stack = startEvaluatedStack({
    site,
    secrets: { passwd: standalone.file('mail', SECRET_PATHS.dovecotPasswd), mailboxMap: standalone.file('mail', MAILBOX_MAP) },
    caBundle: ca.caPem,
    nameserver: IP.dns,
    tls: leaf,
  });
  webmail = startWebmail(stack, site);
  browser = await launchBrowser(join(tmp, 'chromium-profile'), spki);
  page = await browser.newPage();
}, 240_000);

/** Headless Chromium, a fresh profile; mail.<domain> → the VM's address, its certificate accepted by its key only. */
function launchBrowser(profile: string, pinnedSpki: string): Promise<BrowserContext> {
  // --user-data-dir is what playwright passes for a persistent context
  return chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      `--host-resolver-rules=MAP ${FQDN} ${IP.mail}, EXCLUDE localhost`,
      `--ignore-certificate-errors-spki-list=${pinnedSpki}`,
    ],
  });
}

const spkiOf = (pem: string) => createHash('sha256').update(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' })).digest('base64');

/** Log in to Roundcube on `p` and wait for `subject` in the inbox. */
async function loginAndSee(p: Page, subject: string): Promise<void> {
  const resp = await p.goto(webmail!.url, { waitUntil: 'load' });
  const login = p.locator('#rcmloginuser');
  try {
    await login.waitFor({ timeout: 20_000 });
  } catch (e) {
    throw new Error(`no login form at ${webmail!.url} (HTTP ${resp?.status()}): ${(await p.content()).slice(0, 2000)}\n${why()}`, { cause: e });
  }
  await login.fill(`${MAILBOX.user}@${DOMAIN}`);
  await p.fill('#rcmloginpwd', MAILBOX.password);
  await p.click('#rcmloginsubmit');
  try {
    await p.locator('#messagelist').getByText(subject).first().waitFor({ timeout: 30_000 });
  } catch (e) {
    throw new Error(`the inbox did not show "${subject}" (page: ${p.url()}, ${await p.locator('body').innerText().catch(() => '')})\n${why()}`, { cause: e });
  }
}

/** Compose and send from Roundcube on `p`; resolves with the delivered message. */
async function sendFrom(p: Page, subject: string, body: string): Promise<string> {
  await p.goto(`${webmail!.url}?_task=mail&_action=compose`, { waitUntil: 'load' });
  const to = p.locator('#compose_to input, ul.recipient-input input').first();
  await to.waitFor({ timeout: 20_000 });
  await to.fill(`${OTHER}@${DOMAIN}`);
  await p.fill('#compose-subject', subject);
  await p.fill('#composebody', body);
  await p.locator('button.send, a.send').first().click();
  try {
    return await waitForMail(stack!, OTHER, subject);
  } catch (e) {
    throw new Error(`${(e as Error).message}\npage: ${await p.locator('body').innerText().catch(() => '')}\n${why()}`, { cause: e });
  }
}

afterAll(async () => {
  await browser?.close();
  await webmail?.stop();
  stack?.stop();
  await dns?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  releaseLock?.();
});

const why = () => `${webmail?.logs() ?? ''}\n${stack?.postfixLog() ?? ''}\n${stack?.dovecotLog() ?? ''}`;

describe('Roundcube on the evaluated mail VM, in headless Chromium', () => {
  it('is configured to reach IMAP and SMTP by the certificate name, verifying it', () => {
    expect(webmail!.configText).toContain(`'ssl://${FQDN}:993'`);
    expect(webmail!.configText).toContain(`'tls://${FQDN}:587'`);
    expect(webmail!.configText).not.toMatch(/verify_peer'\s*=>\s*false/);
  });

  it("checks --records judges the certificate the evaluated postfix (587 STARTTLS) and dovecot (993) serve: ok, and it is lego's push", async () => {
    const [, submission, imaps] = await mailTlsVerdicts();
    const leaf = new X509Certificate(readFileSync(stack!.path((site as unknown as { paths: { tlsCert: string } }).paths.tlsCert), 'utf8'));
    for (const c of [submission!, imaps!]) {
      expect(c, `${JSON.stringify(c)}\n${why()}`).toMatchObject({ verdict: 'ok', names: [FQDN], expectedNames: [FQDN], issuer: 'netsetup test CA' });
      expect(c.validTo).toBe(new Date(leaf.validTo).toISOString());
    }
    expect(submission!.endpoint).toBe(`smtp://${FQDN}:587 STARTTLS (${IP.mail}:587)`);
    expect(imaps!.endpoint).toBe(`imaps://${FQDN}:993 (${IP.mail}:993)`);
  });

  it("nginx runs the evaluated vhost: every option the test's server block does not render is at its nixpkgs default", () => {
    // (the generated nginx.conf itself cannot be had offline: see test/mta/helpers/webmail.ts)
    const ev = webmail!.nginxEvaluation;
    expect(unrenderedSettings(ev)).toEqual([]);
    // the comparison catches a setting the block would drop, in the vhost, a location and the globals
    const changed = structuredClone(ev);
    changed.vhost.basicAuthFile = '/run/secrets/htpasswd';
    changed.vhost.locations['/'].return = '404';
    changed.global.recommendedTlsSettings = true;
    expect(unrenderedSettings(changed)).toEqual(['services.nginx.recommendedTlsSettings = true', 'vhost basicAuthFile = "/run/secrets/htpasswd"', 'location / return = "404"']);
    // and what it renders is in the text nginx runs: names, certificate, every location in priority order
    const conf = webmail!.nginxConf;
    expect(conf).toContain(`server_name ${FQDN} ;`);
    expect(conf).toContain(`client_max_body_size ${ev.global.clientMaxBodySize};`);
    expect(conf).toContain(`return ${ev.vhost.redirectCode} https://$host$request_uri;`);
    const order = Object.entries(ev.vhost.locations as Record<string, { priority: number }>).sort(([, a], [, b]) => a.priority - b.priority).map(([p]) => `location ${p} {`);
    expect(order.length).toBeGreaterThan(1);
    expect(order.map((l) => conf.indexOf(l))).toEqual(order.map((l) => conf.indexOf(l)).slice().sort((a, b) => a - b));
    expect(order.every((l) => conf.includes(l))).toBe(true);
  });

  it('logs in and shows a message delivered through LMTP on port 26', async () => {
    const r = await swaks(['--server', IP.mail, '--port', '26', '--local-interface', IP.pmg, '--from', 'sender@faraway.test', '--to', `${MAILBOX.user}@${DOMAIN}`, '--header', `Subject: ${INBOX_SUBJECT}`]);
    expect(r.code, r.out).toBe(0);
    await waitForMail(stack!, MAILBOX.user, INBOX_SUBJECT);

    const resp = await page.goto(webmail!.url, { waitUntil: 'load' });
    const login = page.locator('#rcmloginuser');
    try {
      await login.waitFor({ timeout: 20_000 });
    } catch (e) {
      throw new Error(`no login form at ${webmail!.url} (HTTP ${resp?.status()}): ${(await page.content()).slice(0, 2000)}\n${why()}`, { cause: e });
    }
    await login.fill(`${MAILBOX.user}@${DOMAIN}`);
    await page.fill('#rcmloginpwd', MAILBOX.password);
    await page.click('#rcmloginsubmit');
    const row = page.locator('#messagelist').getByText(INBOX_SUBJECT);
    try {
      await row.first().waitFor({ timeout: 30_000 });
    } catch (e) {
      throw new Error(`the inbox did not show "${INBOX_SUBJECT}" (page: ${page.url()}, ${await page.locator('body').innerText().catch(() => '')})\n${why()}`, { cause: e });
    }
    const artifacts = process.env.NETSETUP_TEST_ARTIFACTS ?? join(tmp, 'artifacts');
    mkdirSync(artifacts, { recursive: true });
    const shot = join(artifacts, 'webmail-inbox.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(5_000);
    // the session is the mailbox's own (Roundcube shows the user it logged in as)
    await expect(page.locator('body').innerText()).resolves.toContain(`${MAILBOX.user}@${DOMAIN}`);
  }, 90_000);

  it('sends a mail through postfix that arrives in another mailbox', async () => {
    await page.goto(`${webmail!.url}?_task=mail&_action=compose`, { waitUntil: 'load' });
    const to = page.locator('#compose_to input, ul.recipient-input input').first();
    await to.waitFor({ timeout: 20_000 });
    await to.fill(`${OTHER}@${DOMAIN}`);
    await page.fill('#compose-subject', SENT_SUBJECT);
    await page.fill('#composebody', SENT_BODY);
    await page.locator('button.send, a.send').first().click();
    let msg: string;
    try {
      msg = await waitForMail(stack!, OTHER, SENT_SUBJECT);
    } catch (e) {
      throw new Error(`${(e as Error).message}\npage: ${await page.locator('body').innerText().catch(() => '')}\n${why()}`, { cause: e });
    }
    expect(msg).toContain(SENT_BODY);
    expect(msg).toMatch(new RegExp(`^From: .*${MAILBOX.user}@${DOMAIN.replace(/\./g, '\\.')}`, 'mi'));
    // it came in on the submission port, authenticated as the mailbox, over TLS to mail.<domain>
    expect(stack!.postfixLog()).toMatch(new RegExp(`postfix/submission/smtpd\\[\\d+\\]: [0-9A-F]+: client=.*sasl_method=(PLAIN|LOGIN), sasl_username=${MAILBOX.user}@`));
  }, 90_000);
});

describe('Roundcube refuses a certificate that does not name mail.<domain>', () => {
  let wrong: { cert: string; key: string };
  beforeAll(async () => {
    // same key (the browser accepts it by its key), the test CA, another name
    writeFileSync(join(caDir, 'wrong.key'), leafKey);
    writeFileSync(join(caDir, 'wrong.ext'), `subjectAltName=DNS:${WRONG_NAME}\nextendedKeyUsage=serverAuth\n`);
    execFileSync('openssl', ['req', '-new', '-key', join(caDir, 'wrong.key'), '-subj', `/CN=${WRONG_NAME}`, '-out', join(caDir, 'wrong.csr')], { stdio: 'ignore' });
    execFileSync('openssl', ['x509', '-req', '-in', join(caDir, 'wrong.csr'), '-CA', join(caDir, 'ca.crt'), '-CAkey', join(caDir, 'ca.key'), '-CAcreateserial', '-days', '2', '-extfile', join(caDir, 'wrong.ext'), '-out', join(caDir, 'wrong.crt')], { stdio: 'ignore' });
    wrong = { cert: readFileSync(join(caDir, 'wrong.crt'), 'utf8'), key: leafKey };
    await webmail?.stop();
    webmail = undefined;
    stack?.stop();
    stack = undefined;
    stack = startEvaluatedStack({
      site,
      secrets: { passwd: standalone.file('mail', SECRET_PATHS.dovecotPasswd), mailboxMap: standalone.file('mail', MAILBOX_MAP) },
      caBundle: readFileSync(join(caDir, 'ca.crt'), 'utf8'),
      nameserver: IP.dns,
      tls: wrong,
    });
    webmail = startWebmail(stack, site);
  }, 120_000);

  it('checks --records: wrong-names on 587 and 993', async () => {
    // dovecot may still be starting (the IMAP test below waits the same way)
    let verdicts = await mailTlsVerdicts();
    for (let i = 0; i < 50 && verdicts.some((c) => c.verdict === 'unreachable'); i++) {
      await new Promise((r) => setTimeout(r, 200));
      verdicts = await mailTlsVerdicts();
    }
    const [, submission, imaps] = verdicts;
    for (const c of [submission!, imaps!]) expect(c, why()).toMatchObject({ verdict: 'wrong-names', names: [WRONG_NAME], detail: `does not cover ${FQDN}` });
  });

  it('login fails: IMAP over TLS to mail.<domain> is not trusted with a certificate for another name', async () => {
    // dovecot is up and serves that certificate (a client that does not check the name logs in) ...
    let imap = { code: 1, out: '' };
    for (let i = 0; i < 50 && !/a1 OK/.test(imap.out); i++) {
      imap = await imapLoginTls(IP.mail, 993, false, `${MAILBOX.user}@${DOMAIN}`, MAILBOX.password);
      if (!/a1 OK/.test(imap.out)) await new Promise((r) => setTimeout(r, 200));
    }
    expect(imap.out, why()).toMatch(/a1 OK/);
    // ... its chain is trusted, and only the name differs
    const verify = (name: string) =>
      spawnSync('openssl', ['s_client', '-connect', `${IP.mail}:993`, '-servername', FQDN, '-CAfile', join(caDir, 'ca.crt'), '-verify_hostname', name, '-verify_return_error', '-brief'], { input: '', encoding: 'utf8', timeout: 15_000 });
    expect(verify(WRONG_NAME).status, verify(WRONG_NAME).stderr).toBe(0);
    expect(verify(FQDN).status).not.toBe(0);

    await browser!.clearCookies();
    await page.goto(webmail!.url, { waitUntil: 'load' });
    await page.locator('#rcmloginuser').fill(`${MAILBOX.user}@${DOMAIN}`);
    await page.fill('#rcmloginpwd', MAILBOX.password);
    await page.click('#rcmloginsubmit');
    const failed = await waitFor(() => new RegExp(`Could not connect to ssl://${FQDN.replace(/\./g, '\\.')}:993`).exec(webmail!.logs()) ?? undefined, 20_000, `Roundcube's IMAP connection error\n${why()}`);
    expect(failed[0]).toContain(FQDN);
    await page.waitForLoadState('load');
    expect(await page.locator('#rcmloginuser').isVisible()).toBe(true);
    expect(await page.locator('#messagelist').count()).toBe(0);
  }, 60_000);
});

describe('the bootstrap window: no certificate pushed yet, webmail on the VM\'s own self-signed certificate', () => {
  const BOOT_SUBJECT = `webmail-bootstrap-${TAG}`;
  const BOOT_SENT = `webmail-bootstrap-sent-${TAG}`;
  const RENEWED_SUBJECT = `webmail-renewed-${TAG}`;
  let bootBrowser: BrowserContext | undefined;
  let bootPage: Page;
  let certFile: string;
  let trustFile: string;
  /** The test CA only: the "public roots" of this test, standing in for the system bundle. */
  let roots: string;
  const plan = derivePlan(answersSchema.parse(SITES.standalone));

  /** SHA-256 fingerprint of the certificate a daemon serves (openssl s_client), after STARTTLS when asked. */
  const served = (port: number, starttls?: 'smtp') => {
    const c = spawnSync('openssl', ['s_client', '-connect', `${IP.mail}:${port}`, '-servername', FQDN, ...(starttls ? ['-starttls', starttls] : [])], { input: '', encoding: 'utf8', timeout: 15_000 });
    const f = spawnSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: c.stdout, encoding: 'utf8' });
    return f.stdout.trim();
  };
  const onDisk = () => spawnSync('openssl', ['x509', '-in', certFile, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' }).stdout.trim();
  /** openssl s_client verifying mail.<domain> (or `name`) on IMAPS against `caFile`: exit 0 = trusted. */
  const verifyImaps = (caFile: string, name = FQDN) =>
    spawnSync('openssl', ['s_client', '-connect', `${IP.mail}:993`, '-servername', FQDN, '-CAfile', caFile, '-verify_hostname', name, '-verify_return_error', '-brief'], { input: '', encoding: 'utf8', timeout: 15_000 }).status;

  beforeAll(async () => {
    roots = join(caDir, 'ca.crt');
    await webmail?.stop();
    webmail = undefined;
    stack?.stop();
    stack = undefined;
    // no `tls`: nothing pushed, the evaluated bootstrap unit makes the certificate
    stack = startEvaluatedStack({ site, secrets: secrets(), caBundle: readFileSync(roots, 'utf8'), nameserver: IP.dns });
    webmail = startWebmail(stack, site);
    certFile = stack.path(VM_PATHS.tlsCert);
    trustFile = stack.path(stack.evaluation.dump.systemd.services['netsetup-bootstrap-tls'].script.match(/^trust=(\S+)$/m)![1]);
    bootBrowser = await launchBrowser(join(tmp, 'chromium-bootstrap'), spkiOf(readFileSync(certFile, 'utf8')));
    bootPage = await bootBrowser.newPage();
  }, 120_000);

  afterAll(async () => {
    await bootBrowser?.close();
  });

  it('the daemons serve the self-signed bootstrap certificate; the public roots do not trust it, the trust file does (name checked)', async () => {
    const fp = onDisk();
    expect(fp).toMatch(/^sha256 Fingerprint=/i);
    for (const [port, starttls] of [[993], [587, 'smtp'], [443]] as Array<[number, 'smtp' | undefined]>) expect(served(port, starttls), `port ${port}`).toBe(fp);
    expect(spawnSync('openssl', ['verify', '-CAfile', certFile, certFile]).status).toBe(0); // self-signed
    expect(verifyImaps(roots)).not.toBe(0);
    expect(verifyImaps(trustFile)).toBe(0);
    expect(verifyImaps(trustFile, `other.${DOMAIN}`)).not.toBe(0);
    // Roundcube uses exactly that file for IMAP and SMTP, peer and name verified
    for (const k of ['imap_conn_options', 'smtp_conn_options']) {
      expect(webmail!.configText).toMatch(new RegExp(`\\$config\\['${k}'\\] = \\['ssl' => \\['verify_peer' => true, 'verify_peer_name' => true, 'allow_self_signed' => false, 'cafile' => '${trustFile.replace(/[.]/g, '\\.')}'\\]\\];`));
    }
    // checks --records / the handover call it what it is
    const [c] = await verifyCertificates(plan, { connect: `${IP.mail}:443`, extraCa: readFileSync(roots, 'utf8'), timeoutMs: 5000 });
    expect(c!.verdict).toBe('bootstrap');
    expect(c!.detail).toMatch(/^bootstrap certificate, real certificate not issued yet: lego on the DNS VM .* has not obtained one by HTTP-01: forward WAN TCP 80 to /);
  });

  it('webmail logs in, reads the inbox and sends through submission', async () => {
    const r = await swaks(['--server', IP.mail, '--port', '26', '--local-interface', IP.pmg, '--from', 'sender@faraway.test', '--to', `${MAILBOX.user}@${DOMAIN}`, '--header', `Subject: ${BOOT_SUBJECT}`]);
    expect(r.code, r.out).toBe(0);
    await waitForMail(stack!, MAILBOX.user, BOOT_SUBJECT);
    await loginAndSee(bootPage, BOOT_SUBJECT);
    const msg = await sendFrom(bootPage, BOOT_SENT, `sent in the bootstrap window ${TAG}`);
    expect(msg).toContain(`sent in the bootstrap window ${TAG}`);
  }, 120_000);

  it('near expiry, the evaluated renewal unit re-generates it and reloads; the daemons serve the new one and webmail still logs in', async () => {
    // the unit's certificate, re-signed with its key to end in 2 days (what day 28 looks like)
    const key = stack!.path(VM_PATHS.tlsKey);
    const short = join(tmp, 'bootstrap-2-days.pem');
    expect(spawnSync('openssl', ['x509', '-in', certFile, '-key', key, '-days', '2', '-out', short]).status).toBe(0);
    writeFileSync(certFile, readFileSync(short));
    const before = onDisk();
    const r = stack!.runUnit('netsetup-bootstrap-tls-renew');
    expect(r.reloaded.sort()).toEqual(['dovecot.service', 'nginx.service', 'postfix.service']);
    const after = onDisk();
    expect(after).not.toBe(before);
    expect(spawnSync('openssl', ['x509', '-in', certFile, '-noout', '-checkend', String(29 * 86_400)]).status).toBe(0);
    for (const [port, starttls] of [[993], [587, 'smtp'], [443]] as Array<[number, 'smtp' | undefined]>) {
      await waitFor(() => (served(port, starttls) === after ? true : undefined), 15_000, `port ${port} to serve the renewed certificate`);
    }
    expect(verifyImaps(trustFile)).toBe(0);
    // a fresh browser that accepts only the new key: Roundcube reaches IMAP with the new trust file
    await bootBrowser!.close();
    bootBrowser = await launchBrowser(join(tmp, 'chromium-renewed'), spkiOf(readFileSync(certFile, 'utf8')));
    bootPage = await bootBrowser.newPage();
    const d = await swaks(['--server', IP.mail, '--port', '26', '--local-interface', IP.pmg, '--from', 'sender@faraway.test', '--to', `${MAILBOX.user}@${DOMAIN}`, '--header', `Subject: ${RENEWED_SUBJECT}`]);
    expect(d.code, d.out).toBe(0);
    await waitForMail(stack!, MAILBOX.user, RENEWED_SUBJECT);
    await loginAndSee(bootPage, RENEWED_SUBJECT);
  }, 150_000);
});

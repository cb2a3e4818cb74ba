// @ts-nocheck
// The mail VM's security promises as checks against the running, evaluated configuration. Each
// check throws (vitest expect) when the daemons do not keep the promise. test/mta/mailVm.test.ts
// runs them on the configuration nix/ evaluates to; test/mta/policyFlip.test.ts runs each on a
// configuration with that promise flipped in the policy data and requires it to fail.
import { expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IP, type EvaluatedStack } from './evaluatedStack.js';
import type { CaptureServer } from './smtpCapture.js';
import { dialog, swaks } from './probes.js';

export const DOMAIN = 'site.example.org';
export const MAILBOX = { user: 'info', password: 'mailbox-pass-1234' };
export const ADDR = `${MAILBOX.user}@${DOMAIN}`;

export interface World {
  stack: EvaluatedStack;
  /** recipient domain's MX (faraway.test) */
  mx: CaptureServer;
  /** every SMTP server the VM could relay to */
  outsiders: CaptureServer[];
}

export const submitArgs = (port: 587 | 465) => [
  '--server', IP.mail, '--port', String(port), port === 465 ? '--tlsc' : '--tls', '--auth', 'PLAIN',
  '--auth-user', ADDR, '--auth-password', MAILBOX.password, '--local-interface', IP.outside,
];

/** Port 25 and 587 refuse MAIL until STARTTLS (smtpd_tls_security_level = encrypt). */
export async function tlsRequiredOn25And587(_w: World): Promise<void> {
  for (const port of [25, 587]) {
    const r = await dialog({ host: IP.mail, port, local: IP.outside, proto: 'smtp' }, ['EHLO client.outside.test', 'MAIL FROM:<x@outside.test>']);
    expect(r[1], `EHLO on ${port}`).toMatch(/250-STARTTLS/);
    expect(r[2], `MAIL before STARTTLS on ${port}`).toMatch(/^530 5\.7\.0 Must issue a STARTTLS command first/);
  }
}

/** 587 neither offers nor accepts AUTH on the plain connection (smtpd_tls_auth_only). */
export async function authOnlyAfterTls(_w: World): Promise<void> {
  const token = Buffer.from(`\0${ADDR}\0${MAILBOX.password}`).toString('base64');
  const r = await dialog({ host: IP.mail, port: 587, local: IP.outside, proto: 'smtp' }, ['EHLO client.outside.test', `AUTH PLAIN ${token}`]);
  expect(r[1]).not.toMatch(/AUTH/);
  expect(r[2]).toMatch(/^5\d\d /);
  expect(r[2]).not.toMatch(/^235/);
}

/** Without AUTH, no port relays to an outside domain, from outside or from the PMG, with or without TLS. */
export async function noOpenRelay(w: World): Promise<void> {
  const attempts: Array<{ port: number; local: string; tls: string[] }> = [
    { port: 25, local: IP.outside, tls: ['--tls'] },
    { port: 26, local: IP.outside, tls: [] },
    { port: 26, local: IP.pmg, tls: [] },
    { port: 26, local: IP.pmg, tls: ['--tls'] },
    { port: 587, local: IP.outside, tls: ['--tls'] },
    { port: 465, local: IP.outside, tls: ['--tlsc'] },
  ];
  for (const a of attempts) {
    const tag = `openrelay-${a.port}-${a.local}-${a.tls.join('')}`;
    const r = await swaks(['--server', IP.mail, '--port', String(a.port), ...a.tls, '--local-interface', a.local, '--from', 'spammer@elsewhere.test', '--to', 'victim@faraway.test', '--header', `Subject: ${tag}`]);
    expect(r.code, `${tag}: relayed\n${r.out}`).not.toBe(0);
    expect(r.out, tag).toMatch(/<[~*]*\s+5\d\d /);
  }
  await new Promise((res) => setTimeout(res, 500));
  const leaked = w.outsiders.flatMap((s) => s.messages).filter((m) => m.data.includes('openrelay-'));
  expect(leaked, 'a relayed message reached an outside server').toEqual([]);
  expect(w.stack.queue().filter((q) => q.recipients.some((x) => x.address === 'victim@faraway.test')), 'a relayed message waits in the queue').toEqual([]);
}

/** Port 26 takes mail for the site only from the PMG's address. */
export async function port26OnlyFromPmg(w: World): Promise<void> {
  const outside = await swaks(['--server', IP.mail, '--port', '26', '--local-interface', IP.outside, '--from', 'sender@faraway.test', '--to', ADDR, '--header', 'Subject: via-26-from-outside']);
  expect(outside.code, outside.out).not.toBe(0);
  expect(outside.out).toMatch(/<\*\*\s+554 5\.7\.1 .*Client host rejected/);
  const pmg = await swaks(['--server', IP.mail, '--port', '26', '--local-interface', IP.pmg, '--from', 'sender@faraway.test', '--to', ADDR, '--header', 'Subject: via-26-from-pmg']);
  expect(pmg.code, pmg.out).toBe(0);
  await waitForMail(w.stack, MAILBOX.user, 'via-26-from-pmg');
  expect(findMail(w.stack, MAILBOX.user, 'via-26-from-outside')).toBeUndefined();
}

/** A relay whose certificate does not verify (self-signed) gets nothing: the mail stays queued, no AUTH is sent. */
export async function relayTlsVerified(w: World, badRelay: CaptureServer, tag: string): Promise<void> {
  w.stack.clearQueue();
  const r = await swaks([...submitArgs(587), '--from', ADDR, '--to', 'friend@faraway.test', '--header', `Subject: ${tag}`]);
  expect(r.code, r.out).toBe(0);
  // wait until the message is either with the relay or deferred in the queue
  const outcome = await waitFor(() => {
    if (badRelay.messages.some((m) => m.data.includes(tag))) return { delivered: true, reason: '' };
    const q = w.stack.queue().flatMap((m) => m.recipients).find((x) => x.delay_reason !== undefined && x.address === 'friend@faraway.test');
    return q ? { delivered: false, reason: q.delay_reason! } : undefined;
  }, 20_000, `a relay delivery or deferral\n${w.stack.postfixLog()}`);
  expect(outcome.delivered, 'the relay with an unverifiable certificate got the message').toBe(false);
  expect(outcome.reason).toMatch(/certificate|verif|TLS/i);
  expect(badRelay.messages.filter((m) => m.data.includes(tag))).toEqual([]);
  expect(badRelay.transcript.filter((l) => /^AUTH /i.test(l))).toEqual([]);
}

// ---- mailbox helpers ----------------------------------------------------------------------------

export function maildirNew(stack: EvaluatedStack, user: string): string {
  return join(stack.path('/var/vmail'), DOMAIN, user, 'Maildir', 'new');
}

export function findMail(stack: EvaluatedStack, user: string, marker: string): string | undefined {
  const dir = maildirNew(stack, user);
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).find((t) => t.includes(marker));
}

export function waitForMail(stack: EvaluatedStack, user: string, marker: string): Promise<string> {
  return waitFor(() => findMail(stack, user, marker), 15_000, `"${marker}" in ${maildirNew(stack, user)}\n${stack.postfixLog()}\n${stack.dovecotLog()}`);
}

/** Poll until `probe` returns a value (or the deadline passes). */
export async function waitFor<T>(probe: () => T | undefined, ms = 15_000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// @ts-nocheck
// Every security promise of the mail policy has a real-daemon check that a flipped setting fails.
// For each row: copy nix/, flip ONE value in the copy's policy/mail-policy.json, evaluate the mail
// VM with nixpkgs' modules (eval kit), run that configuration on the real daemons, run the
// promise's check — it must fail. The unflipped policy must pass the same checks in the same
// harness (first row), so a red row is the flip, not the harness. A flip that stays green fails.
//   flock /tmp/netsetup-mta.lock npx vitest run test/mta/policyFlip.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAILBOX_MAP, SECRET_PATHS } from '../../src/render/siteConfig.js';
import { IP, makeCa, startEvaluatedStack } from './helpers/evaluatedStack.js';
import { NIX_DIR, renderSite, SITES } from './helpers/nixEval.js';
import { startCapture, type CaptureServer } from './helpers/smtpCapture.js';
import { startDns, type DnsServer } from './helpers/dnsServer.js';
import { acquireSuiteLock, assertPortsFree } from './helpers/ports.js';
import { authOnlyAfterTls, noOpenRelay, port26OnlyFromPmg, relayTlsVerified, tlsRequiredOn25And587, type World } from './helpers/promises.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Check = (w: World, badRelay: CaptureServer) => Promise<void>;

interface Change {
  /** JSON path in nix/policy/mail-policy.json, the value it has there, the value it is flipped to. */
  path: string[];
  from: unknown;
  to: unknown;
}

interface Flip {
  promise: string;
  /**
   * Usually one change. Where the policy holds a promise with several settings at once (defence
   * in depth), the flip removes all of them, and the row says why: flipping one of them alone
   * leaves the daemons keeping the promise (checked: such a flip stays green).
   */
  changes: Change[];
  why?: string;
  relayed: boolean;
  check: Check;
}

const sub = (k: string) => ['postfix', 'master', 'submission', 'options', k];
const p26 = (k: string) => ['postfix', 'master', '26', 'options', k];

const checks: Record<string, Check> = {
  tls: (w) => tlsRequiredOn25And587(w),
  auth: (w) => authOnlyAfterTls(w),
  relay: (w) => noOpenRelay(w),
  pmg: (w) => port26OnlyFromPmg(w),
  relayTls: (w, bad) => relayTlsVerified(w, bad, `flip-${Date.now()}`),
};

export const FLIPS: Flip[] = [
  { promise: 'TLS required on 25', changes: [{ path: ['postfix', 'main', 'smtpd_tls_security_level'], from: 'encrypt', to: 'may' }], relayed: false, check: checks.tls! },
  { promise: 'TLS required on 587', changes: [{ path: sub('smtpd_tls_security_level'), from: 'encrypt', to: 'may' }], relayed: false, check: checks.tls! },
  {
    promise: 'AUTH only after TLS (587)',
    changes: [{ path: sub('smtpd_tls_auth_only'), from: 'yes', to: 'no' }, { path: sub('smtpd_tls_security_level'), from: 'encrypt', to: 'may' }],
    why: 'with smtpd_tls_security_level=encrypt postfix does not offer AUTH before STARTTLS even when smtpd_tls_auth_only=no',
    relayed: false,
    check: checks.auth!,
  },
  { promise: 'no open relay on 25', changes: [{ path: ['postfix', 'main', 'smtpd_relay_restrictions'], from: 'permit_sasl_authenticated, reject_unauth_destination', to: 'permit' }], relayed: false, check: checks.relay! },
  {
    promise: 'no open relay on 26 (from the PMG)',
    changes: [
      { path: p26('smtpd_relay_restrictions'), from: 'permit_mynetworks,reject', to: 'permit' },
      { path: p26('smtpd_recipient_restrictions'), from: 'reject_unauth_destination,reject_unlisted_recipient', to: 'reject_unlisted_recipient' },
    ],
    why: 'the PMG is in mynetworks, so its relay restrictions permit it; reject_unauth_destination in the recipient restrictions is what stops relaying from it',
    relayed: false,
    check: checks.relay!,
  },
  {
    promise: 'no open relay on 587',
    changes: ['smtpd_client_restrictions', 'smtpd_relay_restrictions', 'smtpd_recipient_restrictions'].map((k) => ({ path: sub(k), from: 'permit_sasl_authenticated,reject', to: 'permit' })),
    why: 'client, relay and recipient restrictions of 587 each refuse an unauthenticated client',
    relayed: false,
    check: checks.relay!,
  },
  { promise: '26 only from the PMG', changes: [{ path: p26('mynetworks'), from: '@PMG_IP@/32', to: '127.0.0.0/8' }], relayed: false, check: checks.pmg! },
  { promise: 'relay TLS verified', changes: [{ path: ['postfix', 'relay', 'smtp_tls_security_level'], from: 'secure', to: 'encrypt' }], relayed: true, check: checks.relayTls! },
];

function flippedNixDir(flip: Flip | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-flip-'));
  cpSync(NIX_DIR, dir, { recursive: true });
  if (flip) {
    const file = join(dir, 'policy/mail-policy.json');
    const policy = JSON.parse(readFileSync(file, 'utf8')) as Json;
    for (const c of flip.changes) {
      let node = policy;
      for (const k of c.path.slice(0, -1)) node = node[k];
      const last = c.path.at(-1)!;
      // the flip starts from what the policy really says (a changed policy must update this table)
      expect(node[last], `policy value at ${c.path.join('.')}`).toEqual(c.from);
      node[last] = c.to;
    }
    writeFileSync(file, JSON.stringify(policy, null, 2));
  }
  return dir;
}

const standalone = renderSite(SITES.standalone);
const smarthost = renderSite(SITES.smarthost);
let tmp: string;
let caPem: string;
let mx: CaptureServer;
let badRelay: CaptureServer;
let dns: DnsServer;

let releaseLock: (() => void) | undefined;

beforeAll(async () => {
  releaseLock = await acquireSuiteLock();
  await assertPortsFree([[IP.mail, 25], [IP.mail, 26], [IP.mail, 465], [IP.mail, 587], [IP.mail, 143], [IP.mail, 993], [IP.smarthost, 25], [IP.smarthost, 2587], [IP.dns, 53]]);
  tmp = mkdtempSync(join(tmpdir(), 'netsetup-flip-certs-'));
  const ca = makeCa(tmp);
  caPem = ca.caPem;
  mx = await startCapture({ host: IP.smarthost, port: 25, name: 'mx.faraway.test', ...ca.issue('mx.faraway.test'), requireTls: false, requireAuth: false });
  badRelay = await startCapture({ host: IP.smarthost, port: 2587, name: 'selfsigned.outside.test', ...ca.selfSigned('selfsigned.outside.test'), requireTls: true, requireAuth: true });
  dns = await startDns(IP.dns, 53, { a: { 'mx.faraway.test': IP.smarthost, 'selfsigned.outside.test': IP.smarthost }, mx: { 'faraway.test': { pref: 10, host: 'mx.faraway.test' } } });
}, 1_000_000);

afterAll(async () => {
  await mx?.close();
  await badRelay?.close();
  await dns?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  releaseLock?.();
});

/** Start the evaluated VM from `nixDir`, run `check`, stop; returns the check's error (or null). */
async function runCheck(nixDir: string, relayed: boolean, check: Check): Promise<Error | null> {
  const r = relayed ? smarthost : standalone;
  const site = { ...r.site.mail, pmgIp: IP.pmg, mailIp: IP.mail, ...(relayed ? { relay: { host: 'selfsigned.outside.test', port: 2587, user: 'relay-user' } } : {}) };
  const stack = startEvaluatedStack({
    site,
    secrets: {
      passwd: r.file('mail', SECRET_PATHS.dovecotPasswd),
      mailboxMap: r.file('mail', MAILBOX_MAP),
      ...(relayed ? { relaySasl: '[selfsigned.outside.test]:2587 relay-user:relay-secret-987\n' } : {}),
    },
    caBundle: caPem,
    nameserver: IP.dns,
    nixDir,
  });
  try {
    await check({ stack, mx, outsiders: [mx, badRelay] }, badRelay);
    return null;
  } catch (e) {
    return e as Error;
  } finally {
    stack.stop();
  }
}

describe('the unflipped policy keeps every promise in this harness', () => {
  it.each([false, true])('all checks pass (relayed: %s)', async (relayed) => {
    const dir = flippedNixDir(null);
    try {
      const rows = FLIPS.filter((x) => x.relayed === relayed);
      const err = await runCheck(dir, relayed, async (w, bad) => {
        for (const f of rows) await f.check(w, bad);
      });
      expect(err, `a promise fails on the real policy: ${err?.message}`).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('each flipped promise turns its real-daemon check red', () => {
  it.each(FLIPS.map((f) => [f.promise, f] as const))('%s', async (_name, flip) => {
    const dir = flippedNixDir(flip);
    try {
      const err = await runCheck(dir, flip.relayed, flip.check);
      // A flip that stays green means the check does not guard the promise: the suite fails.
      const what = flip.changes.map((c) => `${c.path.join('.')} → ${JSON.stringify(c.to)}`).join(', ');
      expect(err, `flipping ${what} left "${flip.promise}" green`).not.toBeNull();
      // red because an assertion about the daemons' behaviour failed, not a timeout or a crash
      expect(err!.name, err!.message).toBe('AssertionError');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

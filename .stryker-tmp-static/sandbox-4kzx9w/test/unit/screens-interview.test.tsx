// @ts-nocheck
// Whole interviews driven through the real Ink screens with fake checks and decision functions.
import { answersObject } from '../../src/schema/answers.js';
import { describe, expect, it } from 'vitest';
import { runInterview, type InterviewResult } from '../../src/screens/runInterview.js';
import type { CheckResults } from '../../src/checks/types.js';
import { DNS_PROVIDERS, dnsProvider } from '../../src/catalog/dnsProviders.js';
import { KEY, Terminal } from '../helpers/ink.js';
import { fakeChecks, fakeDecide, fakeRecommend } from '../helpers/interviewFakes.js';

const HOST = { bridge: 'vmbr0', address: '192.168.1.10', prefixLength: 24, gateway: '192.168.1.1' };

function start(checks: CheckResults): { term: Terminal; result: Promise<InterviewResult> } {
  // 100 columns like ink-testing-library, so the 80-column cap of the screens is what is tested.
  const term = new Terminal(100, 24);
  const result = runInterview({
    hostNetwork: HOST,
    runChecks: async () => checks,
    recommend: fakeRecommend,
    decide: fakeDecide,
    stdin: term.stdin as unknown as NodeJS.ReadStream,
    stdout: term.stdout as unknown as NodeJS.WriteStream,
    stderr: term.stderr as unknown as NodeJS.WriteStream,
    env: {},
  });
  return { term, result };
}

async function clearField(term: Terminal, chars: number): Promise<void> {
  for (let i = 0; i < chars; i++) await term.press(KEY.backspace);
}

/** Welcome → domain → serial → network (defaults) → checks. */
async function basics(term: Terminal): Promise<void> {
  await term.waitFor('Welcome');
  await term.press(KEY.enter);
  await term.waitFor('Mail domain');
  await term.answer('example.com');
  await term.waitFor('Host serial');
  await term.answer('lib');
  await term.waitFor('PMG address');
  for (let i = 0; i < 6; i++) await term.press(KEY.enter);
}

async function mailbox(term: Terminal, user: string, password: string): Promise<void> {
  await term.waitFor('Mailboxes');
  await term.answer(user);
  await term.answer(password);
  await term.answer(password);
  await term.waitFor('Add another mailbox?');
  await term.press('n');
}

describe('interview flows', () => {
  it('standalone: Esc keeps answers, a wrong address is shown inline and corrected', async () => {
    // Given a site where port 25 is open and the IP is static
    const { term, result } = start(fakeChecks({ port25: 'open' }));
    await term.waitFor('Welcome');
    await term.press(KEY.enter);
    await term.waitFor('Mail domain');
    await term.answer('example.com');
    await term.waitFor('Host serial');
    await term.press('lib');

    // When the technician goes back with Esc and forward again
    await term.press(KEY.esc);
    // Then the domain is still there, and so is the half-finished serial
    expect(await term.waitFor('Mail domain')).toContain('example.com');
    await term.press(KEY.enter);
    expect(await term.waitFor('Host serial')).toContain('lib');
    await term.press(KEY.enter);

    // Given the network screen with defaults from the host's network
    const network = await term.waitFor('PMG address');
    expect(network).toMatch(/PMG address\s+192\.168\.1\.60/);
    expect(network).toMatch(/Mail VM address\s+192\.168\.1\.61/);
    // When the mail VM address is set outside the subnet
    for (let i = 0; i < 4; i++) await term.press(KEY.enter);
    await clearField(term, '192.168.1.61'.length);
    await term.answer('10.0.0.61');
    // Then the schema's message shows under the field and the screen does not advance
    const wrong = await term.waitFor('not in the gateway');
    expect(wrong).toContain("✘ 10.0.0.61 is not in the gateway's subnet 192.168.1.1/24");
    expect(wrong).toContain('Network');
    // When it is corrected
    await clearField(term, '10.0.0.61'.length);
    await term.answer('192.168.1.71');
    await term.press(KEY.enter);

    // And the checks, questions and recommendation run
    await term.waitFor('Outbound port 25: open');
    expect(term.lastFrame()).toContain('Public IP: 203.0.113.7');
    await term.press(KEY.enter);
    await term.waitFor('Delivery questions');
    await term.press('n');
    await term.press('y');
    await term.press('y');
    expect(await term.waitFor('Recommended:')).toContain('Recommended: Standalone');
    await term.press(KEY.enter);
    // The public IP defaults to what the checks saw
    expect(await term.waitFor('Public IPv4')).toContain('203.0.113.7');
    await term.press(KEY.enter);
    await term.waitFor('None (no DNS automation)');
    expect(term.lastFrame().replace(/\s+/g, ' ')).toContain('TCP port 80 must be forwarded to the mail VM (192.168.1.71)');
    await term.press(KEY.enter);
    await mailbox(term, 'info', 'correct horse battery');

    // Then the review shows everything, and Enter confirms
    const review = await term.waitFor('Review');
    expect(review).toContain('pmg 192.168.1.60 · mail 192.168.1.71 · dns 192.168.1.62');
    expect(review).toContain('standalone (recommended)');
    await term.press(KEY.enter);
    const r = await result;
    expect(r).toEqual({
      status: 'done',
      checks: fakeChecks({ port25: 'open' }),
      decision: { recommended: fakeRecommend(fakeChecks({ port25: 'open' }), { highVolume: false, thirdPartyAllowed: true, staticIp: true }), chosen: 'standalone' },
      answers: {
        domain: 'example.com',
        hostSerial: 'lib',
        mode: 'standalone',
        publicIp: '203.0.113.7',
        network: { bridge: 'vmbr0', gateway: '192.168.1.1', prefixLength: 24, pmg: '192.168.1.60', mail: '192.168.1.71', dns: '192.168.1.62' },
        mailboxes: [{ user: 'info', password: 'correct horse battery' }],
        decision: { highVolume: false, thirdPartyAllowed: true },
        // What the interview does not ask is the answers schema's defaults
        ...answersObject.pick({ pbs: true, disks: true, images: true }).parse({}),
      },
    });
    expect(term.frames().join('\n')).not.toContain('correct horse battery');
    expect(term.wideLines(80)).toEqual([]);
    expect(Math.max(...term.frames().map((f) => f.split('\n').length))).toBeLessThanOrEqual(22);
  });

  it('smarthost: SendGrid preset, the masked password never appears on screen', async () => {
    // Given a site whose ISP blocks port 25
    const { term, result } = start(fakeChecks({ port25: 'blocked' }));
    await basics(term);
    await term.waitFor('Outbound port 25: blocked');
    await term.press(KEY.enter);
    // When the defaults are kept (no high volume, third party fine, no static IP)
    await term.waitFor('Delivery questions');
    for (let i = 0; i < 3; i++) await term.press(KEY.enter);
    expect(await term.waitFor('Recommended:')).toContain('Recommended: Smarthost');
    await term.press(KEY.enter);
    // And SendGrid is picked from the presets
    await term.waitFor('Relay provider');
    for (let i = 0; i < 3; i++) await term.press(KEY.down);
    expect(term.lastFrame()).toContain('› SendGrid');
    await term.press(KEY.enter);
    // Then only port and password are asked; the user is fixed
    const form = await term.waitFor('Relay: SendGrid');
    expect(form).toContain('User: apikey (fixed for SendGrid)');
    expect(form).not.toMatch(/› User/);
    await term.press(KEY.enter);
    await term.press('SG.topsecret-key');
    expect(term.lastFrame()).toContain('*'.repeat('SG.topsecret-key'.length));
    await term.press(KEY.enter);
    // No static IP: a dyndns target zone at No-IP, no DNS provider
    await term.waitFor('Use a dyndns target zone?');
    await term.press('y');
    await term.waitFor('Dyndns provider');
    await term.press(KEY.enter);
    await term.waitFor('Dyndns zone: No-IP');
    await term.answer('me');
    await term.answer('dyn-secret-pw');
    await term.answer('laufentaler');
    await term.answer('ddns.org');
    await term.waitFor('DNS provider');
    await term.press(KEY.enter);
    await mailbox(term, 'info', 'correct horse battery');
    const review = await term.waitFor('Review');
    expect(review).toContain('SendGrid smtp.sendgrid.net:587, user apikey, password set');
    await term.press(KEY.enter);

    const r = await result;
    expect(r.status === 'done' && r.answers.relay).toEqual({ preset: 'sendgrid', host: 'smtp.sendgrid.net', port: 587, user: 'apikey', password: 'SG.topsecret-key' });
    expect(r.status === 'done' && r.answers.mode).toBe('smarthost');
    expect(r.status === 'done' && r.answers.publicIp).toBeUndefined();
    expect(r.status === 'done' && r.answers.dyndns).toEqual({ provider: 'noip', username: 'me', secret: 'dyn-secret-pw', hosts: ['laufentaler'], domain: 'ddns.org' });
    const everything = [...term.stdout.writes, ...term.stderr.writes].join('');
    expect(everything).not.toContain('SG.topsecret-key');
    expect(everything).not.toContain('topsecret');
    expect(everything).not.toContain('dyn-secret-pw');
    expect(term.wideLines(80)).toEqual([]);
    expect(Math.max(...term.frames().map((f) => f.split('\n').length))).toBeLessThanOrEqual(22);
  });

  it('override: choosing against the recommendation needs a reason, kept in the decision', async () => {
    // Given a blocked port 25, so smarthost is recommended
    const { term, result } = start(fakeChecks({ port25: 'blocked' }));
    await basics(term);
    await term.waitFor('Outbound port 25: blocked');
    await term.press(KEY.enter);
    await term.waitFor('Delivery questions');
    await term.press('n');
    await term.press('n');
    await term.press('y');
    await term.waitFor('Recommended: Smarthost');
    // When standalone is chosen instead and the reason is too short
    await term.press(KEY.down);
    await term.press(KEY.enter);
    await term.waitFor('Why standalone against the recommendation?');
    await term.answer('no');
    // Then the reason is required
    expect(await term.waitFor('must say why')).toContain('at least 3 characters');
    // When a real reason is given
    await term.answer(', customer refuses any relay');
    // Then the interview continues without a relay
    await term.waitFor('Public IPv4');
    await term.press(KEY.enter);
    await term.waitFor('DNS provider');
    await term.press(KEY.enter);
    await mailbox(term, 'info', 'correct horse battery');
    expect(await term.waitFor('Review')).toContain('standalone (override: no, customer refuses any relay)');
    await term.press(KEY.enter);

    const r = await result;
    if (r.status !== 'done') throw new Error('interview aborted');
    expect(r.decision).toEqual({
      recommended: fakeRecommend(fakeChecks({ port25: 'blocked' }), { highVolume: false, thirdPartyAllowed: false, staticIp: true }),
      chosen: 'standalone',
      overrideReason: 'no, customer refuses any relay',
    });
    expect(r.answers.mode).toBe('standalone');
    expect(r.answers.relay).toBeUndefined();
    expect(r.answers.decision).toEqual({ highVolume: false, thirdPartyAllowed: false, overrideReason: 'no, customer refuses any relay' });
  });

  it("DNS provider: asks exactly that provider's credential fields, secrets masked", async () => {
    // Given a standalone site
    const { term, result } = start(fakeChecks({ port25: 'open' }));
    await basics(term);
    await term.waitFor('Outbound port 25: open');
    await term.press(KEY.enter);
    await term.waitFor('Delivery questions');
    for (const k of ['n', 'y', 'y']) await term.press(k);
    await term.waitFor('Recommended:');
    await term.press(KEY.enter);
    await term.waitFor('Public IPv4');
    await term.press(KEY.enter);
    // When Cloudflare is picked
    await term.waitFor('None (no DNS automation)');
    const index = DNS_PROVIDERS.findIndex((p) => p.key === 'cloudflare');
    for (let i = 0; i <= index; i++) await term.press(KEY.down);
    await term.press(KEY.enter);
    const provider = dnsProvider('cloudflare')!;
    const form = await term.waitFor('DNS provider: Cloudflare');
    // Then the form has one line per credential of that provider and nothing else
    const fieldLines = form.split('\n').filter((l) => /^[› ] \S/.test(l));
    expect(fieldLines).toHaveLength(provider.credentials.length);
    provider.credentials.forEach((c, i) => expect(fieldLines[i]).toContain(c.label.slice(0, 20)));
    // When each field is filled in
    const typed: Record<string, string> = {};
    for (const c of provider.credentials) {
      const value = c.secret ? `secret-${c.key.toLowerCase()}-value` : `id-${c.key.toLowerCase()}`;
      typed[c.key] = value;
      await term.press(value);
      expect(term.lastFrame().includes(value)).toBe(!c.secret);
      await term.press(KEY.enter);
    }
    await mailbox(term, 'info', 'correct horse battery');
    const review = await term.waitFor('Review');
    for (const c of provider.credentials) expect(review).toContain(c.secret ? `${c.key} set` : `${c.key} ${typed[c.key]}`);
    // And a section changed from the review returns to the review
    await term.press('2');
    await term.waitFor('Host serial');
    await term.press(KEY.backspace);
    await term.answer('x');
    expect(await term.waitFor('Review')).toContain('lix (guests pmg-lix');
    await term.press(KEY.enter);

    // Then the answers carry exactly those credentials, and no secret was ever drawn
    const r = await result;
    expect(r.status === 'done' && r.answers.dnsProvider).toEqual({ provider: 'cloudflare', credentials: typed });
    expect(r.status === 'done' && r.answers.hostSerial).toBe('lix');
    const drawn = term.stdout.writes.join('');
    for (const c of provider.credentials.filter((x) => x.secret)) expect(drawn).not.toContain(typed[c.key]);
  });

  it('Esc while the checks run cancels them and goes back to the network screen', async () => {
    // Given checks that only end when cancelled
    const term = new Terminal(100, 24);
    let seen: AbortSignal | undefined;
    let calls = 0;
    const result = runInterview({
      hostNetwork: HOST,
      runChecks: (signal) => {
        calls++;
        seen = signal;
        if (calls > 1) return Promise.resolve(fakeChecks({ port25: 'open' }));
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
      },
      describeChecks: (r) => [`custom: port 25 ${r.port25.status}`],
      recommend: fakeRecommend,
      decide: fakeDecide,
      stdin: term.stdin as unknown as NodeJS.ReadStream,
      stdout: term.stdout as unknown as NodeJS.WriteStream,
      env: {},
    });
    await basics(term);
    await term.waitFor('Outbound port 25 to well-known mail servers');
    // When Esc is pressed
    await term.press(KEY.esc);
    // Then the run is aborted and the network screen shows with its values
    expect(await term.waitFor('PMG address')).toContain('192.168.1.60');
    expect(seen?.aborted).toBe(true);
    // And going forward runs the checks again, described by the injected wording
    for (let i = 0; i < 6; i++) await term.press(KEY.enter);
    await term.waitFor('custom: port 25 open');
    expect(calls).toBe(2);
    term.stdin.write(KEY.ctrlC);
    expect(await result).toEqual({ status: 'aborted' });
  });

  it('Ctrl-C aborts the interview', async () => {
    const { term, result } = start(fakeChecks({ port25: 'open' }));
    await term.waitFor('Welcome');
    await term.press(KEY.enter);
    await term.waitFor('Mail domain');
    term.stdin.write(KEY.ctrlC);
    expect(await result).toEqual({ status: 'aborted' });
  });
});

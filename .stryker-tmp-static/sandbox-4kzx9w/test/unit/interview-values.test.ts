// @ts-nocheck
import { PBS_DEFAULTS } from '../../src/schema/answers.js';
import { describe, expect, it } from 'vitest';
import { suggestNetwork } from '../../src/interview/networkDefaults.js';
import { mailboxProblems, networkProblems, relayProblems, dnsCredentialProblems } from '../../src/interview/validate.js';
import { initialState } from '../../src/interview/state.js';
import { toAnswers } from '../../src/interview/toAnswers.js';
import { assertInteractive } from '../../src/interview/assertInteractive.js';
import { UsageError } from '../../src/cli/errors.js';

describe('network defaults from the host', () => {
  it('suggests .60/.61/.62 in the host /24', () => {
    expect(suggestNetwork({ bridge: 'vmbr1', address: '192.168.5.10', prefixLength: 24, gateway: '192.168.5.1' })).toEqual({
      bridge: 'vmbr1', gateway: '192.168.5.1', prefixLength: 24, pmg: '192.168.5.60', mail: '192.168.5.61', dns: '192.168.5.62',
    });
  });

  it("skips the host's own address and the gateway", () => {
    // Given a host at .61 whose router is .60
    const s = suggestNetwork({ bridge: 'vmbr0', address: '10.0.0.61', prefixLength: 24, gateway: '10.0.0.60' });
    // Then neither address is offered
    expect([s.pmg, s.mail, s.dns]).toEqual(['10.0.0.62', '10.0.0.63', '10.0.0.64']);
  });

  it('stays inside a small subnet', () => {
    const s = suggestNetwork({ bridge: 'vmbr0', address: '192.168.1.34', prefixLength: 28, gateway: '192.168.1.33' });
    expect([s.pmg, s.mail, s.dns]).toEqual(['192.168.1.35', '192.168.1.36', '192.168.1.37']);
  });

  it('leaves addresses empty without host information', () => {
    expect(suggestNetwork()).toMatchObject({ bridge: 'vmbr0', pmg: '', gateway: '' });
  });
});

describe('field validation uses the answers schema', () => {
  const net = { bridge: 'vmbr0', gateway: '192.168.1.1', prefixLength: '24', pmg: '192.168.1.60', mail: '192.168.1.61', dns: '192.168.1.62' };
  it('reports an address outside the subnet on that field', () => {
    expect(networkProblems({ ...net, mail: '10.0.0.61' })).toEqual({ mail: "10.0.0.61 is not in the gateway's subnet 192.168.1.1/24" });
    expect(networkProblems({ ...net, prefixLength: 'x' }).prefixLength).toMatch(/number between 8 and 30/);
    expect(networkProblems(net)).toEqual({});
  });

  it('checks only the relay fields asked so far', () => {
    const r = { preset: 'ses', host: 'smtp.example.net', port: '587', user: '', password: '', spf: '' };
    expect(relayProblems(r, ['host'])).toEqual({ host: expect.stringContaining('Amazon SES') });
    expect(relayProblems({ ...r, host: 'email-smtp.eu-central-1.amazonaws.com' }, ['host', 'port'])).toEqual({});
    expect(relayProblems({ ...r, port: 'abc' }, ['port'])).toEqual({ port: 'must be a port number such as 587' });
  });

  it('refuses a relay that is the site itself on the relay screen, not only at the end', () => {
    const site = { domain: 'example.com', hostSerial: 'lib', network: { bridge: 'vmbr0', gateway: '192.168.1.1', prefixLength: 24, pmg: '192.168.1.60', mail: '192.168.1.61', dns: '192.168.1.62' }, publicIp: '203.0.113.7' };
    const r = { preset: 'custom', host: '', port: '587', user: 'u', password: 'relay-pass', spf: 'include:_spf.relay.example.net' };
    for (const host of ['mail.example.com', 'MX.example.com', 'pmg-lib.example.com', '192.168.1.61', '203.0.113.7']) {
      expect(relayProblems({ ...r, host }, ['host'], site), host).toEqual({ host: expect.stringMatching(/this site/) });
    }
    expect(relayProblems({ ...r, host: 'relay.example.com' }, ['host'], site)).toEqual({});
    // Names that can never be public are refused with or without the site.
    expect(relayProblems({ ...r, host: 'smtp.corp.internal' }, ['host'])).toEqual({ host: expect.stringContaining('.internal') });
  });

  it('asks for required DNS credentials and refuses a duplicate mailbox', () => {
    expect(Object.keys(dnsCredentialProblems('cloudflare', {}))).toContain('CF_DNS_API_TOKEN');
    const m = mailboxProblems([{ user: 'info', password: 'long enough pw' }], { user: 'info', password: 'long enough pw', confirm: 'long enough pw' });
    expect(m).toEqual({ user: 'mailbox info is listed twice' });
    expect(mailboxProblems([], { user: 'info', password: 'long enough pw', confirm: 'other' })).toEqual({ confirm: 'does not match the password' });
  });
});

describe('state to answers', () => {
  it('keeps the fields the interview does not ask (pbs) and validates the result', () => {
    // Given an interview started from a partial answers file
    const s = initialState({ domain: 'example.com', hostSerial: 'lib', pbs: { datastore: 'tank' }, mailboxes: [{ user: 'info', password: 'long enough pw' }] }, { bridge: 'vmbr0', address: '192.168.1.10', prefixLength: 24, gateway: '192.168.1.1' });
    const r = toAnswers({ ...s, decision: { recommended: { mode: 'standalone', reasons: [], risks: [] }, chosen: 'standalone' }, questions: { highVolume: false, thirdPartyAllowed: true, staticIp: false } });
    // Then the answers are valid and carry the datastore
    expect(r.ok && r.answers.pbs).toEqual({ datastore: 'tank', path: '/var/lib/proxmox-backup/datastore', ...PBS_DEFAULTS });
    expect(r.ok && r.answers.network.pmg).toBe('192.168.1.60');
  });
});

describe('assertInteractive', () => {
  it('refuses without a terminal and names the flags to use instead', () => {
    expect(() => assertInteractive({ isTTY: false }, { isTTY: true }, {})).toThrow(UsageError);
    let caught: UsageError | undefined;
    try {
      assertInteractive({ isTTY: true }, { isTTY: false }, {});
    } catch (e) {
      caught = e as UsageError;
    }
    expect(`${caught?.message} ${caught?.hint}`).toMatch(/not a terminal.*--answers FILE.*--yes/);
    expect(() => assertInteractive({ isTTY: true }, { isTTY: true }, {})).not.toThrow();
    expect(() => assertInteractive({ isTTY: true }, { isTTY: true }, { CI: 'true' })).toThrow(/CI/);
  });
});

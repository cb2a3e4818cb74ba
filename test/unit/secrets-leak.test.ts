// Secret collection, redaction and the state-file copy of the answers, checked against values
// this test chooses (every place an answers file can hold a secret, from SPEC §4), never against
// the product's own list of what a secret is.
import { describe, expect, it } from 'vitest';
import { collectSecrets, redact, REDACTED } from '../../src/plan/secrets.js';
import { redactAnswers, SECRET_PLACEHOLDER } from '../../src/plan/redactAnswers.js';
import { validateAnswers } from '../../src/schema/load.js';
import { smarthostAnswers } from '../helpers/answers.js';

// One sentinel per secret field of the answers file.
const S = {
  relay: `relay-Sentinel-'a"$(id)`,
  mailbox1: 'mbox1-Sentinel-Xy',
  mailbox2: 'mbox2-Sentinel-Zw',
  dyndns: 'dyndns-Sentinel-Qq',
  cfToken: 'cf-Sentinel-Token-77',
};
const ZONE_ID = '023e105f4ecef8ad9ca31a8372d0c353'; // public, documented as an ID (not a secret)

function sentinelAnswers() {
  return validateAnswers(
    smarthostAnswers({
      relay: { preset: 'sendgrid', user: 'apikey', password: S.relay },
      dnsProvider: { provider: 'cloudflare', credentials: { CF_DNS_API_TOKEN: S.cfToken, CF_ZONE_ID: ZONE_ID } },
      mailboxes: [
        { user: 'info', password: S.mailbox1 },
        { user: 'max', password: S.mailbox2 },
      ],
    }),
    'test',
  );
}

describe('collectSecrets', () => {
  it('finds every secret the answers hold, and not the public IDs', () => {
    const a = sentinelAnswers();
    const list = collectSecrets(a, ['generated-Sentinel-1']);
    for (const v of [S.relay, S.mailbox1, S.mailbox2, S.cfToken, 'generated-Sentinel-1']) expect(list).toContain(v);
    expect(list).not.toContain(ZONE_ID);
    expect(list).toHaveLength(5);
  });

  it('includes the dyndns secret and any credential the catalog does not know', () => {
    const a = { ...sentinelAnswers(), dnsProvider: { provider: 'no-such-provider', credentials: { X_KEY: 'unknown-Sentinel-9' } }, dyndns: { provider: 'noip', username: 'u', secret: S.dyndns, hosts: ['h'], domain: 'ddns.net' } };
    const list = collectSecrets(a as never);
    expect(list).toContain(S.dyndns);
    expect(list).toContain('unknown-Sentinel-9');
  });

  it('orders longest first, drops duplicates and values too short to scrub', () => {
    const a = { ...sentinelAnswers(), relay: undefined, dnsProvider: undefined, mailboxes: [{ user: 'a', password: 'ab' }, { user: 'b', password: 'abcdef' }] };
    expect(collectSecrets(a as never, ['abc', 'abcdef', 'xy', 'abcdefgh'])).toEqual(['abcdefgh', 'abcdef', 'abc']);
    expect(collectSecrets({ ...a, mailboxes: [] } as never)).toEqual([]);
  });

  it('a mailbox whose password comes from a file holds no secret value in the answers', () => {
    const a = { ...sentinelAnswers(), relay: undefined, dnsProvider: undefined, mailboxes: [{ user: 'info', passwordFile: '/root/info.pass' }, { user: 'max', password: S.mailbox2 }] };
    expect(collectSecrets(a as never)).toEqual([S.mailbox2]);
  });
});

describe('redact', () => {
  it('replaces every occurrence, a secret containing another as a whole, and leaves other text', () => {
    const secrets = collectSecrets(sentinelAnswers(), [`${S.mailbox1}-longer`]);
    const text = `a ${S.mailbox1}-longer b ${S.mailbox1} c ${S.relay}${S.relay} d ${ZONE_ID}`;
    const out = redact(text, secrets);
    expect(out).toBe(`a «redacted» b «redacted» c «redacted»«redacted» d ${ZONE_ID}`);
    for (const v of Object.values(S)) expect(out).not.toContain(v);
    expect(redact('nothing secret', secrets)).toBe('nothing secret');
    expect(REDACTED).toBe('«redacted»');
  });
});

describe('redactAnswers (what the state file keeps)', () => {
  it('no secret value survives, the public fields do, and the input is untouched', () => {
    const a = { ...sentinelAnswers(), dyndns: { provider: 'noip', username: 'u', secret: S.dyndns, hosts: ['h'], domain: 'ddns.net' } };
    const before = JSON.stringify(a);
    const r = redactAnswers(a as never);
    const text = JSON.stringify(r);
    for (const v of Object.values(S)) expect(text).not.toContain(v);
    expect(JSON.stringify(a)).toBe(before);
    expect(r.relay?.password).toBe(SECRET_PLACEHOLDER);
    expect(r.mailboxes.map((m) => m.password)).toEqual([SECRET_PLACEHOLDER, SECRET_PLACEHOLDER]);
    expect(r.dyndns?.secret).toBe(SECRET_PLACEHOLDER);
    expect(r.dnsProvider?.credentials).toEqual({ CF_DNS_API_TOKEN: SECRET_PLACEHOLDER, CF_ZONE_ID: ZONE_ID });
    expect(r.relay?.user).toBe('apikey');
    expect(r.mailboxes.map((m) => m.user)).toEqual(['info', 'max']);
    expect(r.dyndns?.username).toBe('u');
    expect(SECRET_PLACEHOLDER).toBe('(secret, not stored)');
  });

  it('an unknown provider credential is treated as secret; absent passwords stay absent', () => {
    const a = { ...sentinelAnswers(), relay: { preset: 'sendgrid', user: 'apikey', passwordFile: '/root/relay.pass' }, mailboxes: [{ user: 'info', passwordFile: '/root/info.pass' }], dnsProvider: { provider: 'no-such-provider', credentials: { X_KEY: 'unknown-Sentinel-9' } } };
    const r = redactAnswers(a as never);
    expect(JSON.stringify(r)).not.toContain('unknown-Sentinel-9');
    expect(r.relay).toEqual({ preset: 'sendgrid', user: 'apikey', passwordFile: '/root/relay.pass' });
    expect(r.mailboxes).toEqual([{ user: 'info', passwordFile: '/root/info.pass' }]);
    expect(redactAnswers({ ...a, relay: undefined, dnsProvider: undefined } as never).relay).toBeUndefined();
  });
});

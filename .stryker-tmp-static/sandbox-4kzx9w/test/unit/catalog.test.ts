// @ts-nocheck
import { describe, expect, it } from 'vitest';
import {
  DNS_PROVIDERS,
  DYNDNS_PROVIDERS,
  allCredentialKeys,
  ddnsCredentialRefs,
  dnsProvider,
  requiredCredentialKeys,
} from '../../src/catalog/dnsProviders.js';
import { RELAY_PRESETS, relayPreset, relaySpfMechanism } from '../../src/catalog/relayPresets.js';

const BRIEF_KEYS = [
  'cloudflare', 'duckdns', 'porkbun', 'namecheap', 'dynu', 'gandi', 'godaddy', 'hetzner', 'ovh', 'digitalocean', 'route53',
  'desec', 'ionos', 'infomaniak', 'linode', 'dnsimple', 'namecom', 'inwx', 'netcup', 'he', 'noip', 'dynv6', 'freedns',
];

describe('DNS provider catalog', () => {
  it('has every provider the brief lists, each key once', () => {
    // Given the catalog / Then every listed key resolves and no key is duplicated
    const keys = DNS_PROVIDERS.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of BRIEF_KEYS) expect(dnsProvider(k), k).toBeDefined();
  });

  describe.each(DNS_PROVIDERS.map((p) => [p.key, p] as const))('%s', (_key, p) => {
    it('is complete and self-consistent', () => {
      // Given one entry
      const declared = allCredentialKeys(p);
      const legoKeys = [...(p.lego?.env ?? []), ...(p.lego?.optionalEnv ?? [])];
      const ddnsRefs = ddnsCredentialRefs(p);
      // Then it has a label, credentials with labels, and at least one side
      expect(p.label.trim()).not.toBe('');
      expect(p.lego ?? p.ddns).toBeDefined();
      expect(new Set(declared).size).toBe(declared.length);
      for (const c of p.credentials) expect(c.label.trim(), c.key).not.toBe('');
      // And every lego env var and every cred: reference is a declared credential
      for (const k of legoKeys) expect(declared, `lego ${k}`).toContain(k);
      for (const r of ddnsRefs) expect(declared, `ddns cred:${r.key}`).toContain(r.key);
      // And every declared credential is used by lego or ddns-updater
      const used = new Set([...legoKeys, ...ddnsRefs.map((r) => r.key)]);
      for (const k of declared) expect(used.has(k), `${k} is used`).toBe(true);
      // And "optional" means exactly: required by neither side
      const requiredSomewhere = new Set(requiredCredentialKeys(p, { ddns: true }));
      for (const c of p.credentials) expect(c.optional === true, `${c.key} optional flag`).toBe(!requiredSomewhere.has(c.key));
      // And ddns fields are well-formed references or literals
      for (const v of Object.values(p.ddns?.fields ?? {})) expect(v).toMatch(/^(cred\??:[A-Z0-9_]+|lit:.+)$/);
      // And newer lego env names say what older lego uses instead
      if (p.lego?.minVersion) expect(p.lego.legacyEnv?.length, 'legacyEnv').toBeGreaterThan(0);
      // And a key that lego does not read follows the naming rule for ddns-only secrets
      for (const k of declared) if (!legoKeys.includes(k)) expect(k).toMatch(/^[A-Z0-9]+_/);
    });
  });

  it('asks ddns-only secrets only when ddns-updater runs', () => {
    // Given Namecheap, whose dynamic DNS password is not lego's API key
    const p = dnsProvider('namecheap')!;
    // Then a static-IP site (no ddns) needs only lego's two, a dynamic one all three
    expect(requiredCredentialKeys(p, { ddns: false })).toEqual(['NAMECHEAP_API_USER', 'NAMECHEAP_API_KEY']);
    expect(requiredCredentialKeys(p)).toEqual(['NAMECHEAP_API_USER', 'NAMECHEAP_API_KEY', 'NAMECHEAP_DDNS_PASSWORD']);
    // And a ddns-only provider always needs its ddns credentials
    expect(requiredCredentialKeys(dnsProvider('noip')!, { ddns: false })).toEqual(['NOIP_USERNAME', 'NOIP_PASSWORD']);
    // And lego's optional env is never required
    expect(requiredCredentialKeys(dnsProvider('inwx')!)).not.toContain('INWX_SHARED_SECRET');
  });

  it('maps the wizard keys to the tools\' differing names', () => {
    expect(dnsProvider('gandi')?.lego?.code).toBe('gandiv5');
    expect(dnsProvider('namecom')?.lego?.code).toBe('namedotcom');
    expect(dnsProvider('namecom')?.ddns?.provider).toBe('name.com');
    expect(dnsProvider('he')?.lego?.code).toBe('hurricane');
    expect(dnsProvider('he')?.ddns?.provider).toBe('he');
    expect(dnsProvider('ovh')?.ddns?.fields.mode).toBe('lit:api');
    expect(dnsProvider('dnsimple')?.ddns).toBeUndefined();
    for (const k of ['noip', 'dynv6', 'freedns']) expect(dnsProvider(k)?.lego, k).toBeUndefined();
  });
});

describe('dyndns target-zone catalog', () => {
  it.each(DYNDNS_PROVIDERS.map((p) => [p.key, p] as const))('%s is complete', (_k, p) => {
    expect(p.label.trim()).not.toBe('');
    expect(p.ddnsProvider).toMatch(/^[a-z0-9.]+$/);
    expect(p.secretField).not.toBe('');
    expect(p.secretLabel.trim()).not.toBe('');
    // A username is asked exactly when ddns-updater has a field for it
    expect(p.needsUsername).toBe(p.usernameField !== undefined);
    if (p.zoneSuffix) expect(p.zoneSuffix).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });

  it('has at least the services the brief lists', () => {
    const keys = DYNDNS_PROVIDERS.map((p) => p.key);
    for (const k of ['noip', 'duckdns', 'dynu', 'dynv6', 'freedns']) expect(keys).toContain(k);
  });
});

describe('relay presets', () => {
  it.each(RELAY_PRESETS.map((p) => [p.key, p] as const))('%s is complete', (_k, p) => {
    expect(p.label.trim()).not.toBe('');
    expect(p.dkimAdvice.trim()).not.toBe('');
    expect(p.port === 25 || p.port === 587 || p.port === 26).toBe(true);
    // A preset without a fixed host gives a hint, and the hint passes its own pattern
    if (p.host === null) expect(p.hostHint).toBeDefined();
    if (p.hostPattern && p.hostHint) expect(p.hostPattern.test(p.hostHint)).toBe(true);
    // SPF is one mechanism (or typed in for custom)
    if (p.spf !== null) expect(p.spf).toMatch(/^(include:[a-z0-9._-]+|a:\{host\})$/);
  });

  it('fills the PMG relay host into its SPF mechanism, and lets a typed one win', () => {
    expect(relaySpfMechanism(relayPreset('pmg'), 'pmg.relay.example.net')).toBe('a:pmg.relay.example.net');
    expect(relaySpfMechanism(relayPreset('sendgrid'), 'smtp.sendgrid.net')).toBe('include:sendgrid.net');
    expect(relaySpfMechanism(relayPreset('custom'), 'smtp.x.net')).toBeUndefined();
    expect(relaySpfMechanism(relayPreset('custom'), 'smtp.x.net', 'ip4:198.51.100.9')).toBe('ip4:198.51.100.9');
  });

  it('rejects SES hosts outside the regional endpoint pattern', () => {
    const ses = relayPreset('ses')!;
    expect(ses.hostPattern!.test('email-smtp.eu-central-1.amazonaws.com')).toBe(true);
    expect(ses.hostPattern!.test('email-smtp.amazonaws.com')).toBe(false);
    expect(ses.hostPattern!.test('smtp.eu-central-1.amazonaws.com')).toBe(false);
  });
});

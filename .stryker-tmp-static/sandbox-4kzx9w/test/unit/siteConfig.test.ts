// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { answersSchema, type AnswersInput } from '../../src/schema/answers.js';
import { derivePlan } from '../../src/plan/derive.js';
import { DNS_PROVIDERS, DYNDNS_PROVIDERS } from '../../src/catalog/dnsProviders.js';
import { renderSiteConfig, SECRET_PATHS, SITE_JSON, type SiteFile } from '../../src/render/siteConfig.js';
import { sha512Crypt } from '../../src/render/mailPolicyPasswd.js';

const base: AnswersInput = {
  domain: 'example.com',
  hostSerial: 'lib',
  mode: 'smarthost',
  relay: { preset: 'sendgrid', host: 'smtp.sendgrid.net', port: 587, user: 'apikey', password: 'SG.relay-secret-value' },
  network: { bridge: 'vmbr0', gateway: '192.168.1.1', prefixLength: 24, pmg: '192.168.1.60', mail: '192.168.1.61', dns: '192.168.1.62' },
  mailboxes: [{ user: 'info', password: 'mailbox-secret-1' }, { user: 'max.muster', password: 'mailbox-secret-2' }],
};

function render(a: AnswersInput) {
  const answers = answersSchema.parse(a);
  return { answers, files: renderSiteConfig(derivePlan(answers)).files };
}
const file = (files: SiteFile[], guest: 'mail' | 'dns', path: string) => files.find((f) => f.guest === guest && f.path === path);
const siteJson = (files: SiteFile[], guest: 'mail' | 'dns') => JSON.parse(file(files, guest, SITE_JSON)!.content);

/** The secret values of an answers file, found by this test from SPEC §4's fields (never the
 * product's collectSecrets): passwords, the dyndns secret and every DNS provider credential value
 * (even the ones that are only IDs: none of them belongs in a world-readable file). */
function secretsOf(a: { relay?: { password?: string }; mailboxes: Array<{ password?: string }>; dyndns?: { secret: string }; dnsProvider?: { credentials: Record<string, string> } }): string[] {
  return [a.relay?.password, ...a.mailboxes.map((m) => m.password), a.dyndns?.secret, ...Object.values(a.dnsProvider?.credentials ?? {})].filter((v): v is string => typeof v === 'string' && v.length > 0);
}

function expectNoLeak(files: SiteFile[], secrets: string[]): void {
  expect(secrets.length).toBeGreaterThan(0);
  for (const f of files.filter((x) => !x.secret)) {
    for (const s of secrets) expect(f.content, `${f.guest}:${f.path} leaks a secret`).not.toContain(s);
  }
  for (const f of files.filter((x) => x.secret)) {
    expect(f.mode).toBe(0o600);
    expect(f.path.startsWith('/var/lib/netsetup/secrets/')).toBe(true);
  }
  for (const f of files.filter((x) => !x.secret)) expect(f.mode).toBe(0o644);
}

describe('SHA512-CRYPT for the dovecot passwd-file', () => {
  it('matches glibc/dovecot output for known vectors', () => {
    // Given vectors produced by `doveadm pw -s SHA512-CRYPT` and glibc crypt(3)
    // Then our node:crypto implementation reproduces them byte for byte
    expect(sha512Crypt('x', 'ITWuAaDXzXsrK5Ao')).toBe('$6$ITWuAaDXzXsrK5Ao$x3FF.qegTdu6UmpLhyqGg8tQvcii2JWdhmTu.pD56mr9IpfJ1IkmkHPZ15aZw4ZrEoY/IELKw/BefvOuQdKQ70');
    expect(sha512Crypt('a much longer password that goes beyond sixty-four bytes in length for sure, ok?', 'abc', 10000)).toBe(
      '$6$rounds=10000$abc$7cgBof7keEXdnUa8TzFG5barUnFeNRWAccBXKd7fDbcp0uWvWn1YjE7Pe2O/4KNrK/9z7ZaL8evFAiSZj1UEu.',
    );
  });
});

describe('renderSiteConfig', () => {
  it('keeps every secret out of the non-secret files of a smarthost site', () => {
    // Given a smarthost site with a relay password, mailbox passwords and Cloudflare credentials
    const { answers, files } = render({ ...base, dnsProvider: { provider: 'cloudflare', credentials: { CF_DNS_API_TOKEN: 'cf-token-secret-value', CF_ZONE_ID: 'zone-123' } } });
    // Then no secret appears in site.json or the mailbox map, and secret files are 0600
    expectNoLeak(files, secretsOf(answers));
    // and the relay map and passwd-file carry them in the form postfix and dovecot read
    expect(file(files, 'mail', SECRET_PATHS.relaySasl)!.content).toBe('[smtp.sendgrid.net]:587 apikey:SG.relay-secret-value\n');
    const passwd = file(files, 'mail', SECRET_PATHS.dovecotPasswd)!.content.trim().split('\n');
    expect(passwd).toHaveLength(2);
    const [addr, hash] = passwd[0]!.split(':{SHA512-CRYPT}');
    expect(addr).toBe('info@example.com');
    const salt = hash!.split('$')[2]!;
    expect(hash).toBe(sha512Crypt('mailbox-secret-1', salt));
    expect(file(files, 'mail', SECRET_PATHS.dovecotPasswd)!.content).not.toContain('mailbox-secret-1');
  });

  it('describes the mail VM in site.json: relay without password, mailboxes, PMG address', () => {
    const { files } = render(base);
    const mail = siteJson(files, 'mail');
    expect(mail).toMatchObject({
      role: 'mail', domain: 'example.com', hostname: 'mail-lib', fqdn: 'mail.example.com', pmgIp: '192.168.1.60',
      relay: { host: 'smtp.sendgrid.net', port: 587, user: 'apikey' },
      mailboxes: ['info@example.com', 'max.muster@example.com'],
    });
    expect(file(files, 'mail', '/etc/netsetup/mailboxes.map')!.content).toBe('info@example.com info@example.com\nmax.muster@example.com max.muster@example.com\n');
  });

  it('standalone with a static IP: no relay map, no ddns-updater, no lego file without a provider', () => {
    const { files } = render({ ...base, mode: 'standalone', relay: undefined, publicIp: '203.0.113.7' });
    expect(siteJson(files, 'mail').relay).toBeNull();
    expect(file(files, 'mail', SECRET_PATHS.relaySasl)).toBeUndefined();
    expect(file(files, 'dns', SECRET_PATHS.ddnsConfig)).toBeUndefined();
    expect(file(files, 'dns', SECRET_PATHS.legoEnv)).toBeUndefined();
    expect(siteJson(files, 'dns')).toMatchObject({ ddns: { enabled: false }, acme: { dnsProvider: null, domains: ['mail.example.com', 'mx.example.com', 'pmg.example.com', 'mta-sts.example.com', 'autoconfig.example.com'] }, zone: { ttl: 60 } });
  });

  describe.each(DNS_PROVIDERS.map((p) => [p.key, p] as const))('catalog provider %s', (_key, p) => {
    // Given synthetic credentials for every field the catalog lists
    const creds = Object.fromEntries(p.credentials.map((c) => [c.key, `syn-${p.key}-${c.key}-value`]));
    const { answers, files } = render({ ...base, dnsProvider: { provider: p.key, credentials: creds } });

    it('renders the lego env file from the catalog', () => {
      const env = file(files, 'dns', SECRET_PATHS.legoEnv);
      const dns = siteJson(files, 'dns');
      if (!p.lego) {
        expect(env).toBeUndefined();
        expect(dns.acme.dnsProvider).toBeNull();
        return;
      }
      expect(dns.acme).toMatchObject({ dnsProvider: p.lego.code, envFile: SECRET_PATHS.legoEnv });
      const keys = [...p.lego.env, ...(p.lego.optionalEnv ?? []).filter((k) => k in creds)];
      const lines = env!.content.trim().split('\n');
      expect(lines).toEqual(keys.map((k) => `${k}="${creds[k]}"`));
    });

    it('renders ddns-updater config.json from the catalog', () => {
      const ddns = file(files, 'dns', SECRET_PATHS.ddnsConfig);
      if (!p.ddns) {
        expect(ddns).toBeUndefined();
        return;
      }
      const settings = JSON.parse(ddns!.content).settings;
      expect(settings).toHaveLength(1);
      const entry = settings[0];
      expect(entry.provider).toBe(p.ddns.provider);
      expect(entry.domain).toBe('mail.example.com,mx.example.com,pmg.example.com');
      for (const [field, spec] of Object.entries(p.ddns.fields)) {
        const [kind, ref] = [spec.slice(0, spec.indexOf(':')), spec.slice(spec.indexOf(':') + 1)];
        if (kind === 'lit') expect(String(entry[field])).toBe(ref);
        else expect(entry[field]).toBe(creds[ref]);
      }
      expect(siteJson(files, 'dns').ddns).toEqual({ enabled: true, configFile: SECRET_PATHS.ddnsConfig });
    });

    it('leaks none of its credentials into non-secret files', () => {
      expectNoLeak(files, secretsOf(answers));
    });
  });

  it.each(DYNDNS_PROVIDERS.map((d) => [d.key, d] as const))('dyndns zone %s becomes a ddns-updater entry', (_k, d) => {
    const domain = d.zoneSuffix ?? 'ddns.example.net';
    const { answers, files } = render({ ...base, dyndns: { provider: d.key, username: d.needsUsername ? 'site-user' : undefined, secret: `dyn-secret-${d.key}`, hosts: ['laufentaler'], domain } });
    const entry = JSON.parse(file(files, 'dns', SECRET_PATHS.ddnsConfig)!.content).settings[0];
    expect(entry).toMatchObject({ provider: d.ddnsProvider, domain: `laufentaler.${domain}`, [d.secretField]: `dyn-secret-${d.key}` });
    if (d.usernameField) expect(entry[d.usernameField]).toBe('site-user');
    expectNoLeak(files, secretsOf(answers));
  });
});

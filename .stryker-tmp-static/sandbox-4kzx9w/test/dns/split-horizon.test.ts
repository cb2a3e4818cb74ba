// @ts-nocheck
// The DNS VM's split horizon, resolved for real: the site data the wizard uploads is evaluated
// with nixpkgs' coredns module (eval kit), the Corefile it produces is checked for the
// override-only shape and run — translated clause by clause — on Debian's unbound (Debian 12
// has no coredns), forwarding to a second unbound that plays the public internet's view of the
// customer's zone. Expected answers are the sentinels this test publishes, not the product's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as dns } from 'node:dns';
import { execFileSync } from 'node:child_process';
import { derivePlan } from '../../src/plan/derive.js';
import { answersSchema } from '../../src/schema/answers.js';
import { dnsSiteJson } from '../../src/render/siteConfig.js';
import { evalKitMissing, evalWithSite } from '../helpers/evalKit.js';
import { readSplitHorizonCorefile, unboundClauses, type SplitHorizon } from '../helpers/corefile.js';
import { startUnbound, type Unbound } from '../helpers/unbound.js';
import { standaloneAnswers } from '../helpers/answers.js';

const missingKit = evalKitMissing();
const missingUnbound = (() => {
  try {
    execFileSync('unbound', ['-V'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'unbound is not installed (Debian package unbound, see .ci/run)';
  }
})();
const skipWhy = missingKit ?? missingUnbound;

// What the public internet knows about example.com (the test's sentinels).
const PUBLIC = {
  mailA: '203.0.113.7',
  mailAAAA: '2001:db8::7',
  wwwA: '203.0.113.80',
  spf: 'v=spf1 a:mail.example.com include:_spf.sentinel.example -all',
  dmarc: 'v=DMARC1; p=none; rua=mailto:postmaster@example.com',
  acme: 'sentinel-acme-token-5d1c',
  apexTxtOther: 'google-site-verification=sentinel-77',
};

describe.skipIf(skipWhy)(`split horizon of the DNS VM${skipWhy ? ` (skipped: ${skipWhy})` : ''}`, () => {
  const plan = derivePlan(answersSchema.parse(standaloneAnswers()));
  const site = dnsSiteJson(plan);
  let corefile = '';
  let horizon: SplitHorizon;
  let publicDns: Unbound;
  let dnsVm: Unbound;
  let r: dns.Resolver;

  beforeAll(async () => {
    // Given the Corefile NixOS makes of the DNS VM (nix/hosts/dns.nix) for the site data the wizard uploads
    corefile = evalWithSite({
      modules: ['hosts/dns.nix'],
      site,
      expr: 'config.services.coredns.config',
    }) as string;
    horizon = readSplitHorizonCorefile(corefile);
    // And a "public" authoritative view of example.com with records the wizard never wrote
    const pub = [
      'server:',
      '  local-zone: "." static',
      '  local-zone: "example.com." static',
      '  local-data: "example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 60"',
      '  local-data: "example.com. 3600 IN MX 10 mx.example.com."',
      `  local-data: 'example.com. 3600 IN TXT "${PUBLIC.spf}"'`,
      `  local-data: 'example.com. 3600 IN TXT "${PUBLIC.apexTxtOther}"'`,
      `  local-data: '_dmarc.example.com. 3600 IN TXT "${PUBLIC.dmarc}"'`,
      `  local-data: '_acme-challenge.mail.example.com. 60 IN TXT "${PUBLIC.acme}"'`,
      `  local-data: "mail.example.com. 60 IN A ${PUBLIC.mailA}"`,
      `  local-data: "mail.example.com. 60 IN AAAA ${PUBLIC.mailAAAA}"`,
      `  local-data: "mx.example.com. 60 IN A ${PUBLIC.mailA}"`,
      `  local-data: "pmg.example.com. 60 IN A ${PUBLIC.mailA}"`,
      `  local-data: "www.example.com. 60 IN A ${PUBLIC.wwwA}"`,
    ].join('\n');
    publicDns = await startUnbound(pub + '\n');
    // When the DNS VM's resolver runs that Corefile, its upstreams replaced by the public view
    dnsVm = await startUnbound(unboundClauses(horizon, [publicDns.addr]));
    r = new dns.Resolver({ timeout: 2000, tries: 1 });
    r.setServers([dnsVm.target]);
  });

  afterAll(async () => {
    await dnsVm?.close();
    await publicDns?.close();
  });

  it('the evaluated Corefile only overrides: inline hosts with fallthrough, then forward to the site\'s upstreams', () => {
    // Then it names exactly the internal guests, with the site's TTL, and forwards the rest
    expect(horizon.hosts).toEqual(
      expect.arrayContaining([
        { ip: '192.168.1.60', names: ['mx.example.com', 'pmg.example.com'] },
        { ip: '192.168.1.61', names: ['mail.example.com'] },
      ]),
    );
    expect(horizon.hosts.flatMap((h) => h.names).sort()).toEqual(['dns-lib.example.com', 'mail.example.com', 'mx.example.com', 'pmg.example.com']);
    expect(horizon.forward).toEqual(['192.168.1.1']);
    expect(corefile).not.toMatch(/\bfile\b|\bauto\b|\bSOA\b/);
  });

  it('answers the internal names with LAN addresses', async () => {
    expect(await r.resolve4('mail.example.com')).toEqual(['192.168.1.61']);
    expect(await r.resolve4('mx.example.com')).toEqual(['192.168.1.60']);
    expect(await r.resolve4('pmg.example.com')).toEqual(['192.168.1.60']);
    expect(await r.reverse('192.168.1.61')).toEqual(['mail.example.com']);
  });

  it('does not leak the public AAAA of an overridden name (NODATA, as coredns hosts does)', async () => {
    await expect(r.resolve6('mail.example.com')).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it('forwards every other record of the customer domain to the public view', async () => {
    expect(await r.resolveMx('example.com')).toEqual([{ priority: 10, exchange: 'mx.example.com' }]);
    const txt = (await r.resolveTxt('example.com')).map((c) => c.join('')).sort();
    expect(txt).toEqual([PUBLIC.apexTxtOther, PUBLIC.spf].sort());
    expect((await r.resolveTxt('_dmarc.example.com')).map((c) => c.join(''))).toEqual([PUBLIC.dmarc]);
    expect(await r.resolve4('www.example.com')).toEqual([PUBLIC.wwwA]);
    expect((await r.resolveTxt('_acme-challenge.mail.example.com')).map((c) => c.join(''))).toEqual([PUBLIC.acme]);
  });

  it('passes NXDOMAIN of the public view through', async () => {
    await expect(r.resolve4('nothing-here.example.com')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('the Corefile reader refuses shapes that are not override-only', () => {
  it('an authoritative file zone for the whole domain (the old shape)', () => {
    const old = 'example.com {\n  file /nix/store/x-example.com.zone\n  errors\n}\n. {\n  forward . 192.168.1.1\n  cache 60\n  errors\n}\n';
    expect(() => readSplitHorizonCorefile(old)).toThrow(/exactly one server block/);
  });
  it('hosts without fallthrough', () => {
    const c = '. {\n  hosts {\n    192.168.1.61 mail.example.com\n    ttl 60\n  }\n  forward . 192.168.1.1\n  cache 60\n  errors\n}\n';
    expect(() => readSplitHorizonCorefile(c)).toThrow(/no fallthrough/);
  });
});

// @ts-nocheck
// `checks --records` fetching and validating what the mail VM serves over HTTPS: the MTA-STS
// policy (RFC 8461) and Thunderbird's autoconfig. The served texts are the ones NixOS puts
// behind nginx for the mail VM (eval kit); broken variants are this test's own.
import { afterEach, describe, expect, it } from 'vitest';
import { derivePlan } from '../../src/plan/derive.js';
import { answersSchema } from '../../src/schema/answers.js';
import { mailSiteJson } from '../../src/render/siteConfig.js';
import { buildRecords } from '../../src/render/records.js';
import { verifyWellKnown } from '../../src/verify/wellKnown.js';
import { makeCa, makeLeaf, serveHttps } from '../helpers/tlsCerts.js';
import { startDnsServer } from '../helpers/localServers.js';
import { standaloneAnswers } from '../helpers/answers.js';
import { evalKitMissing, evalWithSite } from '../helpers/evalKit.js';

const NAMES = ['mail.example.com', 'mx.example.com', 'pmg.example.com', 'mta-sts.example.com', 'autoconfig.example.com'];
const ca = makeCa('Sentinel Web CA');
const pem = makeLeaf(NAMES, 90, ca);
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});
const plan = derivePlan(answersSchema.parse(standaloneAnswers()));
const STS = '/.well-known/mta-sts.txt';
const AC = '/mail/config-v1.1.xml';

async function served(routes: Record<string, { type: string; body: string }>, txt: string[] = []) {
  const srv = await serveHttps(pem, routes);
  const dns = await startDnsServer(txt.map((value) => ({ type: 'TXT' as const, name: '_mta-sts.example.com', value })));
  closers.push(srv.close, dns.close);
  return verifyWellKnown(plan, { connect: srv.target, extraCa: ca.cert, timeoutMs: 2000, resolver: dns.server });
}

const kitMissing = evalKitMissing();

describe.skipIf(kitMissing)(`the MTA-STS policy and autoconfig as NixOS serves them${kitMissing ? ` (skipped: ${kitMissing})` : ''}`, () => {
  it('the evaluated mail VM serves both with the site certificate; both validate, the published id matches', async () => {
    // Given the files nginx serves on the mail VM, as NixOS evaluates nix/hosts/mail.nix for the site
    const vhosts = evalWithSite({
      modules: ['hosts/mail.nix', '../test/mta/nix/fail2ban-interface.nix'],
      site: mailSiteJson(plan),
      readWrite: true,
      expr: 'builtins.mapAttrs (n: v: { cert = v.sslCertificate; forceSSL = v.forceSSL; files = builtins.mapAttrs (l: loc: if loc.alias != null then builtins.readFile loc.alias else null) v.locations; types = builtins.mapAttrs (l: loc: loc.extraConfig) v.locations; }) config.services.nginx.virtualHosts',
    }) as Record<string, { cert: string; forceSSL: boolean; files: Record<string, string | null>; types: Record<string, string> }>;
    const sts = vhosts['mta-sts.example.com']!;
    const ac = vhosts['autoconfig.example.com']!;
    expect(sts).toMatchObject({ forceSSL: true, cert: '/var/lib/netsetup/tls/fullchain.pem' });
    expect(sts.types[`= ${STS}`]).toContain('default_type text/plain;');
    const policy = sts.files[`= ${STS}`]!;
    // RFC 8461 §3.2, read by the test: version first, testing mode for a new site, the MX, a max_age
    expect(policy.split('\r\n')).toEqual(['version: STSv1', 'mode: testing', 'mx: mx.example.com', 'max_age: 86400', '']);
    // And the _mta-sts TXT the customer is told to publish
    const txt = buildRecords(plan).find((r) => r.name === '_mta-sts.example.com')!.value;
    // When checks --records fetches them
    const checks = await served({ [STS]: { type: 'text/plain', body: policy }, [AC]: { type: 'application/xml', body: ac.files[`= ${AC}`]! } }, [txt]);
    // Then both are ok
    expect(checks.map((c) => [c.what, c.verdict])).toEqual([['MTA-STS policy', 'ok'], ['autoconfig', 'ok']]);
  });
});

describe('what checks --records refuses', () => {
  const goodAc = { type: 'application/xml', body: '<?xml version="1.0"?>\n<clientConfig version="1.1"><emailProvider id="example.com"><incomingServer type="imap"><hostname>mail.example.com</hostname><port>993</port><socketType>SSL</socketType></incomingServer><outgoingServer type="smtp"><hostname>mail.example.com</hostname><port>587</port><socketType>STARTTLS</socketType></outgoingServer></emailProvider></clientConfig>' };
  const policy = (lines: string[]) => ({ type: 'text/plain; charset=utf-8', body: lines.join('\r\n') + '\r\n' });

  it('a policy whose mx does not cover the MX host', async () => {
    const [sts] = await served({ [STS]: policy(['version: STSv1', 'mode: enforce', 'mx: mail.other.example', 'max_age: 604800']), [AC]: goodAc });
    expect(sts).toMatchObject({ verdict: 'invalid' });
    expect(sts!.detail).toContain('no mx line matches the MX mx.example.com');
  });

  it('a wildcard mx covers one label only', async () => {
    const [ok] = await served({ [STS]: policy(['version: STSv1', 'mode: enforce', 'mx: *.example.com', 'max_age: 604800']), [AC]: goodAc });
    expect(ok!.verdict).toBe('ok');
  });

  it('a policy served as HTML, or missing version/max_age', async () => {
    const [html] = await served({ [STS]: { type: 'text/html', body: 'version: STSv1\r\nmode: testing\r\nmx: mx.example.com\r\nmax_age: 86400\r\n' }, [AC]: goodAc });
    expect(html!.detail).toContain('Content-Type is text/html');
    const [bad] = await served({ [STS]: policy(['mode: testing', 'mx: mx.example.com']), [AC]: goodAc });
    expect(bad).toMatchObject({ verdict: 'invalid' });
    expect(bad!.detail).toContain('version is not STSv1');
    expect(bad!.detail).toContain('max_age');
  });

  it('a published id that belongs to an older policy (senders keep the cached one)', async () => {
    const [sts] = await served({ [STS]: policy(['version: STSv1', 'mode: enforce', 'mx: mx.example.com', 'max_age: 604800']), [AC]: goodAc }, ['v=STSv1; id=20240101000000']);
    expect(sts).toMatchObject({ verdict: 'stale-id' });
    expect(sts!.detail).toContain('id=20240101000000');
  });

  it('autoconfig pointing at the wrong port; and nothing served at all', async () => {
    const [, ac] = await served({ [STS]: policy(['version: STSv1', 'mode: testing', 'mx: mx.example.com', 'max_age: 86400']), [AC]: { ...goodAc, body: goodAc.body.replace('<port>993</port>', '<port>143</port>') } });
    expect(ac).toMatchObject({ verdict: 'invalid', detail: 'IMAP must be mail.example.com:993 SSL' });
    const [sts404, ac404] = await served({});
    expect(sts404!.detail).toContain('HTTP 404');
    expect(ac404!.verdict).toBe('invalid');
  });
});

describe('the _mta-sts record', () => {
  it('its id changes when the policy changes (testing → enforce)', () => {
    const id = (mode: 'testing' | 'enforce') => buildRecords(derivePlan(answersSchema.parse(standaloneAnswers({ mtaSts: { mode } })))).find((r) => r.name === '_mta-sts.example.com')!.value;
    expect(id('testing')).toMatch(/^v=STSv1; id=[A-Za-z0-9]{1,32}$/);
    expect(id('enforce')).toMatch(/^v=STSv1; id=[A-Za-z0-9]{1,32}$/);
    expect(id('enforce')).not.toBe(id('testing'));
  });
});

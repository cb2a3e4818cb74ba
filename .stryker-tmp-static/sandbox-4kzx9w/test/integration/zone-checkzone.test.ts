// @ts-nocheck
// Zone output against BIND's own loader. Strict flags where every value is known; the
// dynamic-IP template (A values pending) must still load, with only the expected warnings.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRecords, recordAdvice, type DnsRecord } from '../../src/render/records.js';
import { recordsToZone } from '../../src/render/recordsFormat.js';
import { RELAY_PRESETS } from '../../src/catalog/relayPresets.js';
import type { Plan } from '../../src/plan/types.js';
import { planFromFile, smarthostPlan } from '../helpers/recordsPlans.js';

const HAVE_CHECKZONE = spawnSync('named-checkzone', ['-v'], { stdio: 'ignore' }).status === 0;
const HAVE_OPENSSL = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'netsetup-zone-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// -i local: integrity checks on in-zone names only (no lookups leave the machine).
const STRICT = ['-i', 'local', '-k', 'fail', '-m', 'fail', '-M', 'fail', '-S', 'fail', '-n', 'fail', '-r', 'fail'];

function checkzone(origin: string, text: string, flags: string[] = STRICT): { ok: boolean; out: string } {
  const file = join(dir, `${origin}-${Math.random().toString(36).slice(2)}.zone`);
  writeFileSync(file, text);
  const r = spawnSync('named-checkzone', [...flags, origin, file], { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

function zoneOf(plan: Plan): string {
  return recordsToZone(buildRecords(plan), { domain: plan.domain, advice: recordAdvice(plan) });
}

/** A real 2048-bit RSA public key as a DKIM TXT value, made by openssl. */
function realDkim2048(): string {
  const pem = execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const der = execFileSync('openssl', ['pkey', '-pubout', '-outform', 'DER'], { input: pem, stdio: ['pipe', 'pipe', 'pipe'] });
  return `v=DKIM1; k=rsa; p=${der.toString('base64')}`;
}

const TITLE = HAVE_CHECKZONE ? 'zone output loads in named-checkzone' : 'zone output (skipped: named-checkzone missing; apt install bind9-utils)';

describe.skipIf(!HAVE_CHECKZONE)(TITLE, () => {
  it.skipIf(!HAVE_OPENSSL)(`${HAVE_OPENSSL ? '' : '(skipped: openssl missing) '}standalone with a real 2048-bit DKIM key: strict load, TXT split and rejoined`, () => {
    // Given a standalone plan that knows its DKIM key
    const dkim = realDkim2048();
    const plan = planFromFile('examples/standalone.yaml', { dkimRecord: dkim });
    // When the zone is rendered and loaded
    const zone = zoneOf(plan);
    const r = checkzone('example.com', zone);
    // Then BIND accepts it
    expect(r.out).toContain('OK');
    expect(r.ok).toBe(true);
    // And the DKIM TXT is several ≤255-octet strings that BIND joins back to the key
    const file = join(dir, 'dkim.zone');
    writeFileSync(file, zone);
    const canon = execFileSync('named-compilezone', ['-i', 'none', '-s', 'full', '-o', '-', 'example.com', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const line = canon.split('\n').find((l) => l.startsWith('default._domainkey.example.com.'))!;
    const strings = [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
    expect(strings.length).toBeGreaterThan(1);
    for (const s of strings) expect(Buffer.byteLength(s)).toBeLessThanOrEqual(255);
    expect(strings.join('')).toBe(dkim);
  });

  it.each(RELAY_PRESETS.map((p) => [p.key] as const))('smarthost via %s: strict load', (key) => {
    const r = checkzone('example.com', zoneOf(smarthostPlan(key)));
    expect(r.out).toContain('OK');
    expect(r.ok).toBe(true);
  });

  it('dyndns shape: strict load, including "MX target is a CNAME" as a failure', () => {
    // Given the dyndns site whose mail/pmg names are CNAMEs
    const plan = planFromFile('test/fixtures/answers/dyndns.yaml');
    // Then the zone loads with -M fail and no CNAME warnings at all
    const r = checkzone('laufentaler.ch', zoneOf(plan));
    expect(r.out).toContain('OK');
    expect(r.out).not.toMatch(/CNAME/);
    expect(r.ok).toBe(true);
  });

  it('the strict flags do catch an MX pointing at a CNAME (the check can fail)', () => {
    // Given the dyndns records with the MX wrongly aimed at mail.<domain> (a CNAME)
    const plan = planFromFile('test/fixtures/answers/dyndns.yaml');
    const broken: DnsRecord[] = buildRecords(plan).map((r) => (r.type === 'MX' ? { ...r, value: plan.fqdn.mail } : r));
    // Then named-checkzone rejects it
    const r = checkzone('laufentaler.ch', recordsToZone(broken, { domain: plan.domain }));
    expect(r.ok).toBe(false);
    expect(r.out).toMatch(/is a CNAME/);
  });

  it('dynamic-IP template (A values pending) still loads; only the missing addresses are reported', () => {
    const r = checkzone('example.com', zoneOf(planFromFile('examples/smarthost.yaml')), ['-i', 'local']);
    expect(r.ok).toBe(true);
    const warnings = r.out.split('\n').filter((l) => l.startsWith('zone ') && !/loaded serial/.test(l));
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(w).toMatch(/has no address records/);
  });
});

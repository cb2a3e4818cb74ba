// @ts-nocheck
// Our credential names against the real lego: `lego dnshelp -c CODE` lists the environment
// variables each DNS provider reads. Debian ships lego 4.9.1; entries that deliberately use
// newer names (minVersion) must then show their legacyEnv instead.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DNS_PROVIDERS } from '../../src/catalog/dnsProviders.js';

function legoOnPath(): boolean {
  return spawnSync('lego', ['--version'], { stdio: 'ignore' }).status === 0;
}

const HAVE_LEGO = legoOnPath();
const withLego = DNS_PROVIDERS.filter((p) => p.lego).map((p) => [p.key, p] as const);

/** The quoted names in the "Credentials:" block of `lego dnshelp -c CODE`. */
function credentialsOf(help: string): string[] {
  const block = /Credentials:\n([\s\S]*?)(\n\s*\n|Additional Configuration:|More information|$)/.exec(help)?.[1] ?? '';
  return [...block.matchAll(/^\s*-\s*"([A-Z0-9_]+)"/gm)].map((m) => m[1]!);
}

function dnshelp(code: string): string {
  return execFileSync('lego', ['dnshelp', '-c', code], { encoding: 'utf8', env: { ...process.env, HOME: process.env.HOME ?? '/tmp' } });
}

const TITLE = HAVE_LEGO ? 'lego dnshelp agrees with the catalog' : 'lego dnshelp (skipped: lego is not on PATH; apt install lego)';

describe.skipIf(!HAVE_LEGO)(TITLE, () => {
  it('parses a Credentials block (guards the parser itself)', () => {
    // Given cloudflare's help / Then the parser finds the token and not the timeouts below it
    const names = credentialsOf(dnshelp('cloudflare'));
    expect(names).toContain('CF_DNS_API_TOKEN');
    expect(names).not.toContain('CLOUDFLARE_HTTP_TIMEOUT');
  });

  it.each(withLego)('%s: required env names are lego credentials', (_key, p) => {
    // Given the provider's lego code
    const lego = p.lego!;
    // When lego describes it
    const help = dnshelp(lego.code);
    expect(help).toContain(`Code:   '${lego.code}'`);
    const names = credentialsOf(help);
    // Then our required names are in its Credentials list, or, for an entry that needs a newer
    // lego than the installed one, the documented legacy names are
    const current = lego.env.every((e) => names.includes(e));
    if (!current && lego.minVersion) {
      for (const e of lego.legacyEnv ?? []) expect(names, `${lego.code} legacy ${e}`).toContain(e);
    } else {
      for (const e of lego.env) expect(names, `${lego.code} ${e}`).toContain(e);
    }
    // And optional names appear somewhere in its help (Credentials or Additional Configuration)
    for (const e of lego.optionalEnv ?? []) expect(help, `${lego.code} ${e}`).toContain(`"${e}"`);
  });
});

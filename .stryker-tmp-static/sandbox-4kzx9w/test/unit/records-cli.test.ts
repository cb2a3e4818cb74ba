// @ts-nocheck
// The records command through the built CLI, plus a guard that it stays free of the UI stack.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

describe('netsetup-wizard records', () => {
  it('prints the SPEC §4 JSON on stdout, identical to the reviewed golden file', async () => {
    // Given the standalone example / When asked for JSON
    const r = await runCli(['records', '--answers', 'examples/standalone.yaml', '--format', 'json']);
    // Then stdout is exactly the golden JSON and stderr is quiet
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(`${ROOT}test/golden/records-standalone.json`, 'utf8'));
  });

  it('defaults to the table and supports zone', async () => {
    const table = await runCli(['records', '--answers', 'examples/smarthost.yaml']);
    expect(table.code).toBe(0);
    expect(table.stdout).toBe(readFileSync(`${ROOT}test/golden/records-smarthost-ddns.table.txt`, 'utf8'));
    const zone = await runCli(['records', '--answers', 'test/fixtures/answers/dyndns.yaml', '--format', 'zone']);
    expect(zone.code).toBe(0);
    expect(zone.stdout).toBe(readFileSync(`${ROOT}test/golden/records-dyndns.zone.txt`, 'utf8'));
  });

  it('never prints a secret of the answers file', async () => {
    const r = await runCli(['records', '--answers', 'examples/smarthost.yaml', '--format', 'json']);
    for (const s of ['SG.example-api-key-not-real', 'cf-example-token-not-real', 'change-me-please-1']) expect(r.stdout).not.toContain(s);
  });

  it('rejects an unknown format with exit 2', async () => {
    const r = await runCli(['records', '--answers', 'examples/standalone.yaml', '--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format must be one of table, zone, json/);
  });

  it('does not import ink, react, listr2 or inquirer (directly or through its modules)', () => {
    // Given the import graph of src/commands/records.ts
    const seen = new Set<string>();
    const bare = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/^\s*import\s+(?!type\b)[^'"]*['"]([^'"]+)['"]/gm)) {
        const spec = m[1]!;
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
        else bare.add(spec);
      }
    };
    visit(`${ROOT}src/commands/records.ts`);
    // Then no UI package is among the runtime imports
    expect(seen.size).toBeGreaterThan(3);
    for (const pkg of bare) expect(pkg).not.toMatch(/^(ink|react|listr2|@inquirer|@listr2)/);
  });
});

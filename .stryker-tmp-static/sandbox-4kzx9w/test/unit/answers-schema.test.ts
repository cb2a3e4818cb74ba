// @ts-nocheck
// The shipped JSON Schema: fresh, and it accepts the shipped examples. A small structural
// checker stands in for a full JSON Schema validator (none is a dependency): it understands
// type, required, properties/additionalProperties/propertyNames, enum/const, pattern, items,
// minItems, minimum/maximum, allOf and if/then/else, which is everything the file uses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { answersJsonSchemaText, buildAnswersJsonSchema, SCHEMA_FILE } from '../../scripts/gen-schema.js';
import { ROOT } from '../helpers/cli.js';

type S = Record<string, any>;

function check(schema: S, v: unknown, path: string, out: string[]): void {
  const type = schema.type as string | undefined;
  const is = (t: string) =>
    t === 'object' ? typeof v === 'object' && v !== null && !Array.isArray(v) : t === 'array' ? Array.isArray(v) : t === 'integer' ? Number.isInteger(v) : typeof v === t;
  if (type && !is(type)) return void out.push(`${path}: not ${type}`);
  if (schema.enum && !schema.enum.includes(v)) out.push(`${path}: not in enum`);
  if ('const' in schema && schema.const !== v) out.push(`${path}: not ${schema.const}`);
  if (schema.pattern && typeof v === 'string' && !new RegExp(schema.pattern, 'u').test(v)) out.push(`${path}: does not match ${schema.pattern}`);
  if (typeof v === 'number' && ((schema.minimum !== undefined && v < schema.minimum) || (schema.maximum !== undefined && v > schema.maximum))) out.push(`${path}: out of range`);
  if (Array.isArray(v)) {
    if (schema.minItems !== undefined && v.length < schema.minItems) out.push(`${path}: too few items`);
    if (schema.items) v.forEach((x, i) => check(schema.items, x, `${path}.${i}`, out));
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in o)) out.push(`${path}.${r}: required`);
    for (const [k, x] of Object.entries(o)) {
      if (schema.propertyNames) check(schema.propertyNames, k, `${path}.${k} (name)`, out);
      const sub = schema.properties?.[k];
      if (sub) check(sub, x, `${path}.${k}`, out);
      else if (schema.additionalProperties === false) out.push(`${path}.${k}: not allowed`);
      else if (typeof schema.additionalProperties === 'object') check(schema.additionalProperties, x, `${path}.${k}`, out);
    }
  }
  for (const sub of schema.allOf ?? []) check(sub, v, path, out);
  if (schema.if) {
    const probe: string[] = [];
    check(schema.if, v, path, probe);
    if (probe.length === 0 && schema.then) check(schema.then, v, path, out);
    if (probe.length > 0 && schema.else) check(schema.else, v, path, out);
  }
  if (schema.not) {
    const probe: string[] = [];
    check(schema.not, v, path, probe);
    if (probe.length === 0) out.push(`${path}: matches a forbidden shape`);
  }
}

function problems(data: unknown): string[] {
  const out: string[] = [];
  check(buildAnswersJsonSchema() as S, data, '$', out);
  return out;
}

const yamlFile = (rel: string) => parse(readFileSync(`${ROOT}${rel}`, 'utf8')) as Record<string, unknown>;

describe('schema/answers.schema.json', () => {
  it('is the committed output of scripts/gen-schema.ts (run npm run schema when this fails)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(answersJsonSchemaText());
  });

  it('names itself and covers every top-level answers field', () => {
    const s = buildAnswersJsonSchema() as S;
    expect(s.$id).toMatch(/^https:\/\/.+answers\.schema\.json$/);
    expect(s.title).toBeTruthy();
    expect(s.description).toBeTruthy();
    expect(s.required).toEqual(expect.arrayContaining(['domain', 'hostSerial', 'mode', 'network', 'mailboxes']));
    expect(s.required).not.toContain('pbs');
    expect(s.additionalProperties).toBe(false);
    expect(Object.keys(s.properties).sort()).toEqual(['contact', 'decision', 'disks', 'dnsProvider', 'domain', 'dyndns', 'hostSerial', 'images', 'mailboxes', 'mode', 'mtaSts', 'network', 'pbs', 'publicIp', 'relay', 'escalation'].sort());
  });

  it.each(['examples/standalone.yaml', 'examples/smarthost.yaml', 'test/fixtures/answers/dyndns.yaml'])('accepts %s', (rel) => {
    expect(problems(yamlFile(rel))).toEqual([]);
  });

  it('rejects what an editor should flag: unknown key, smarthost without relay, wrong credential name', () => {
    // Given variants of the smarthost example
    const ok = yamlFile('examples/smarthost.yaml');
    const { relay: _relay, ...noRelay } = ok;
    // Then each is flagged (so the checker above can fail)
    expect(problems({ ...ok, colour: 'blue' })).toContain('$.colour: not allowed');
    expect(problems(noRelay)).toContain('$.relay: required');
    expect(problems({ ...ok, dnsProvider: { provider: 'cloudflare', credentials: { CF_TOKEN: 'x' } } })).toEqual(
      expect.arrayContaining(['$.dnsProvider.credentials.CF_DNS_API_TOKEN: required', '$.dnsProvider.credentials.CF_TOKEN (name): not in enum']),
    );
    expect(problems({ ...ok, mode: 'standalone' }).join('\n')).toMatch(/forbidden/);
  });
});

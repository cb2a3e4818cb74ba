// @ts-nocheck
// Bounds on everything an answers file can hold, checked before the schema sees the data, so
// no input (however large, deep or strange) costs more than reading a small file. The schema
// then applies each field's own, tighter limit.
import type { FieldProblem } from '../cli/errors.js';

export const LIMITS = {
  /** An answers file: a real one is a few KB, even with hundreds of mailboxes. */
  fileBytes: 256 * 1024,
  /** Nesting: the schema's deepest field is dnsProvider.credentials.KEY (3 levels). */
  depth: 6,
  /** Items in any list (mailboxes, dyndns hosts). */
  listItems: 1000,
  /** Keys in any mapping. */
  mapKeys: 64,
  /** Characters in any key. */
  keyChars: 64,
  /** Characters in any string value before the field's own limit. */
  stringChars: 4096,
} as const;

/**
 * Control characters (C0, DEL, C1 incl. NEL), the Unicode line and paragraph separators, and the
 * bidirectional formatting characters (which can make text display differently from what it
 * is): no field takes any of them.
 */
// eslint-disable-next-line no-control-regex
export const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export function forbiddenCharProblem(v: string): string | undefined {
  const m = FORBIDDEN_CHARS.exec(v);
  if (!m) return undefined;
  const code = m[0].charCodeAt(0);
  const name = code === 10 || code === 13 || code === 0x85 || code === 0x2028 || code === 0x2029 ? 'a line break' : code === 9 ? 'a tab' : code >= 0x200e ? 'a text-direction character' : 'a control character';
  return `contains ${name} (U+${code.toString(16).toUpperCase().padStart(4, '0')}); every field is one line of visible text`;
}

/** A key as it may be shown in a field path (no control characters, not too long). */
export function printableKey(k: string): string {
  const safe = k.replace(new RegExp(FORBIDDEN_CHARS.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return safe.length > LIMITS.keyChars ? `${safe.slice(0, LIMITS.keyChars)}…` : safe;
}

const MAX_PROBLEMS = 20;

/**
 * Walk parsed answers data (iteratively: no recursion on input depth) and report anything out of
 * bounds: depth, list and mapping sizes, key and string lengths, forbidden characters.
 */
export function structureProblems(data: unknown): FieldProblem[] {
  const out: FieldProblem[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value: data, path: [] }];
  const at = (path: string[]) => path.join('.') || '(top level)';
  while (stack.length > 0 && out.length < MAX_PROBLEMS) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > LIMITS.stringChars) {
        out.push({ path: at(path), message: `is ${value.length} characters long; no field takes more than ${LIMITS.stringChars}` });
        continue;
      }
      const p = forbiddenCharProblem(value);
      if (p) out.push({ path: at(path), message: p });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= LIMITS.depth) {
      out.push({ path: at(path), message: `is nested ${path.length} levels deep; answers are at most ${LIMITS.depth - 1} levels deep` });
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length > LIMITS.listItems) {
        out.push({ path: at(path), message: `has ${value.length} items; a list holds at most ${LIMITS.listItems}` });
        continue;
      }
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, String(i)] });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > LIMITS.mapKeys) {
      out.push({ path: at(path), message: `has ${keys.length} keys; a mapping holds at most ${LIMITS.mapKeys}` });
      continue;
    }
    for (const k of keys.reverse()) {
      const shown = printableKey(k);
      if (k.length > LIMITS.keyChars) {
        out.push({ path: at([...path, shown]), message: `is a key of ${k.length} characters; keys have at most ${LIMITS.keyChars}` });
        continue;
      }
      const p = forbiddenCharProblem(k);
      if (p) {
        out.push({ path: at([...path, shown]), message: `is a key that ${p}` });
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[k], path: [...path, k] });
    }
  }
  return out;
}

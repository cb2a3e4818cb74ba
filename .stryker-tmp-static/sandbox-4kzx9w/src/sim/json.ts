// @ts-nocheck
// JSON printers that match what the Perl tools emit: JSON::XS `canonical` (sorted keys) and,
// for `pretty`, three-space indentation with " : " between key and value.

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** `pvesh … --output-format json`: one compact line, sorted keys. */
export function compactJson(v: unknown): string {
  return `${JSON.stringify(sortKeys(v))}\n`;
}

/** Perl `to_json($x, {pretty => 1, canonical => 1})`. */
export function perlPretty(v: unknown): string {
  return `${pretty(v, '')}\n`;
}

function pretty(v: unknown, ind: string): string {
  const next = `${ind}   `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => next + pretty(x, next)).join(',\n')}\n${ind}]`;
  }
  if (v && typeof v === 'object') {
    const keys = Object.keys(v as object).sort();
    if (keys.length === 0) return '{}';
    const body = keys.map((k) => `${next}${JSON.stringify(k)} : ${pretty((v as Record<string, unknown>)[k], next)}`);
    return `{\n${body.join(',\n')}\n${ind}}`;
  }
  return JSON.stringify(v ?? null);
}

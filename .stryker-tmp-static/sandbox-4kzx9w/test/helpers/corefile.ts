// @ts-nocheck
// A strict reader for the one Corefile shape the DNS VM is meant to run (split horizon that
// only overrides), and its translation to unbound, the closest resolver Debian 12 packages
// (Debian has no coredns). Anything beyond the expected shape throws: a new plugin, a zone
// block, an authoritative `file` — the translation would no longer be equivalent.
//
// Equivalences (coredns.io/plugins/hosts, forward, cache; unbound.conf(5)):
// - hosts { IP NAME...; ttl T; fallthrough }: A answers for NAME, PTR for IP, NODATA for other
//   types of NAME, everything else to the next plugin
//   ≙ local-zone NAME transparent + local-data "NAME T IN A IP" + local-data-ptr "IP NAME"
//   (transparent: a name with local data gets NODATA for other types, other names resolve).
// - forward . UPSTREAM...  ≙ forward-zone "." forward-addr UPSTREAM (no recursion of its own);
//   unbound's own private-address reverse zones are unblocked so reverse lookups of other LAN
//   addresses are forwarded too, as coredns does.
// - cache T ≙ cache-max-ttl T.

export interface SplitHorizon {
  hosts: Array<{ ip: string; names: string[] }>;
  ttl: number;
  forward: string[];
  cacheTtl: number;
}

function tokens(text: string): string[] {
  return text.replace(/#[^\n]*/g, '').split(/(\{|\}|\n)/).flatMap((t) => (t === '\n' ? ['\n'] : t.split(/[ \t]+/))).filter((t) => t !== '');
}

/** Lines of a block body: arrays of words, nested blocks as { name, body }. */
type Line = { words: string[]; body?: Line[] };

function parseBlock(ts: string[], i: number): { lines: Line[]; next: number } {
  const lines: Line[] = [];
  let cur: string[] = [];
  for (; i < ts.length; i++) {
    const t = ts[i]!;
    if (t === '\n') {
      if (cur.length) lines.push({ words: cur });
      cur = [];
    } else if (t === '{') {
      const inner = parseBlock(ts, i + 1);
      lines.push({ words: cur, body: inner.lines });
      cur = [];
      i = inner.next;
    } else if (t === '}') {
      if (cur.length) lines.push({ words: cur });
      return { lines, next: i };
    } else cur.push(t);
  }
  if (cur.length) lines.push({ words: cur });
  return { lines, next: i };
}

export function readSplitHorizonCorefile(text: string): SplitHorizon {
  const top = parseBlock(tokens(text), 0).lines;
  if (top.length !== 1 || top[0]!.words.join(' ') !== '.' || !top[0]!.body) {
    throw new Error(`expected exactly one server block "." , got ${top.map((l) => l.words.join(' ')).join(' | ')}`);
  }
  const plugins = top[0]!.body!;
  const names = plugins.map((p) => p.words[0]);
  if (names.join(' ') !== 'hosts forward cache errors') throw new Error(`expected the plugins hosts, forward, cache, errors in that order, got ${names.join(', ')}`);
  const [hosts, forward, cache] = plugins as [Line, Line, Line];
  if (hosts.words.length !== 1 || !hosts.body) throw new Error('hosts must be inline only (no file, no zones)');
  const out: SplitHorizon = { hosts: [], ttl: 3600, forward: [], cacheTtl: 0 };
  let fallthrough = false;
  for (const l of hosts.body) {
    if (l.words[0] === 'ttl' && l.words.length === 2) out.ttl = Number(l.words[1]);
    else if (l.words[0] === 'fallthrough') {
      if (l.words.length !== 1) throw new Error('fallthrough must cover every zone');
      fallthrough = true;
    } else if (/^\d+\.\d+\.\d+\.\d+$/.test(l.words[0]!) && l.words.length >= 2) out.hosts.push({ ip: l.words[0]!, names: l.words.slice(1) });
    else throw new Error(`unexpected hosts line: ${l.words.join(' ')}`);
  }
  if (!fallthrough) throw new Error('hosts has no fallthrough: every other name of the zone would be NXDOMAIN');
  if (forward.words[1] !== '.' || forward.words.length < 3 || forward.body) throw new Error(`forward must be "forward . UPSTREAM...", got ${forward.words.join(' ')}`);
  out.forward = forward.words.slice(2);
  if (cache.words.length !== 2 || cache.body) throw new Error(`cache must be "cache TTL", got ${cache.words.join(' ')}`);
  out.cacheTtl = Number(cache.words[1]);
  return out;
}

/** The unbound server/forward-zone clauses equivalent to the Corefile, forwarding to `upstreams`. */
export function unboundClauses(h: SplitHorizon, upstreams: string[]): string {
  const q = (s: string) => `"${s}"`;
  const lines = ['server:', `  cache-max-ttl: ${h.cacheTtl}`, '  unblock-lan-zones: yes', '  insecure-lan-zones: yes'];
  for (const { ip, names } of h.hosts) {
    for (const n of names) {
      lines.push(`  local-zone: ${q(`${n}.`)} transparent`, `  local-data: ${q(`${n}. ${h.ttl} IN A ${ip}`)}`, `  local-data-ptr: ${q(`${ip} ${n}.`)}`);
    }
  }
  lines.push('forward-zone:', '  name: "."', ...upstreams.map((u) => `  forward-addr: ${u}`));
  return lines.join('\n') + '\n';
}

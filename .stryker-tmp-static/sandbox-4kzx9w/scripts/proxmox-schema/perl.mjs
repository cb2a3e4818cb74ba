// @ts-nocheck
// A small reader for the Perl data literals Proxmox writes its JSON schemas in:
// `{ key => value, ... }`, `[ ... ]`, strings, numbers, `qw(...)`, `undef`, function calls
// (`get_standard_option('pve-vmid', {...})`), code refs (`\&name`), variables (`$confdesc`,
// `%$rootfs_desc` spread into a hash), `sub { ... }` blocks and string concatenation.
// Anything else is kept as `{ $expr: "<source text>" }` so the caller can see what it skipped.
// It reads data, it does not run Perl: the extractor resolves the references itself.

const isSpace = (c) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

export class PerlReader {
  constructor(src) {
    this.src = src;
  }

  skipWs(i) {
    const s = this.src;
    for (;;) {
      while (i < s.length && isSpace(s[i])) i++;
      if (s[i] === '#') {
        while (i < s.length && s[i] !== '\n') i++;
        continue;
      }
      if (s[i] === '=' && (i === 0 || s[i - 1] === '\n') && /^=[a-z]/.test(s.slice(i, i + 2))) {
        // POD block
        const end = s.indexOf('\n=cut', i);
        i = end < 0 ? s.length : end + 5;
        continue;
      }
      return i;
    }
  }

  /** Index just past the bracket that closes the one at `i` (strings and comments respected). */
  balanced(i) {
    const s = this.src;
    const open = s[i];
    const close = { '{': '}', '[': ']', '(': ')' }[open];
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      const c = s[j];
      if (c === '#' && (j === 0 || s[j - 1] !== '$') && !/[\w\\]/.test(s[j - 1] ?? '')) {
        while (j < s.length && s[j] !== '\n') j++;
        continue;
      }
      if (c === "'" || c === '"') {
        j = this.stringEnd(j) - 1;
        continue;
      }
      if (c === '/' && /[=!]~\s*$|\(\s*$|split\s*\(?\s*$/.test(s.slice(Math.max(0, j - 10), j))) {
        j = this.regexEnd(j) - 1;
        continue;
      }
      if ((c === 'm' || c === 'q') && /^(?:m|qr|qw|q)[/{(!|#]/.test(s.slice(j, j + 3)) && !/\w/.test(s[j - 1] ?? '')) {
        const k = s[j + 1] === 'r' || s[j + 1] === 'w' ? j + 2 : j + 1;
        j = this.quoteLikeEnd(k) - 1;
        continue;
      }
      if (c === open) depth++;
      else if (c === close) {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    throw new Error(`unbalanced ${open} at ${this.where(i)}`);
  }

  where(i) {
    return `line ${this.src.slice(0, i).split('\n').length}`;
  }

  stringEnd(i) {
    const s = this.src;
    const q = s[i];
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] === '\\') {
        j++;
        continue;
      }
      if (s[j] === q) return j + 1;
    }
    throw new Error(`unterminated string at ${this.where(i)}`);
  }

  regexEnd(i) {
    const s = this.src;
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] === '\\') {
        j++;
        continue;
      }
      if (s[j] === '/') {
        let k = j + 1;
        while (/[a-z]/.test(s[k] ?? '')) k++;
        return k;
      }
    }
    return s.length;
  }

  /** End of q/qw/qr/m with delimiter at `i`. */
  quoteLikeEnd(i) {
    const s = this.src;
    const d = s[i];
    const close = { '{': '}', '(': ')', '[': ']', '<': '>' }[d] ?? d;
    let depth = 0;
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] === '\\') {
        j++;
        continue;
      }
      if (s[j] === d && close !== d) depth++;
      else if (s[j] === close) {
        if (depth === 0) {
          let k = j + 1;
          while (/[a-z]/.test(s[k] ?? '')) k++;
          return k;
        }
        depth--;
      }
    }
    return s.length;
  }

  unquote(raw) {
    const q = raw[0];
    const body = raw.slice(1, -1);
    if (q === "'") return body.replace(/\\([\\'])/g, '$1');
    return body.replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t' })[c] ?? c);
  }

  /** Parse one value at `i`; returns [value, end]. */
  value(i) {
    const s = this.src;
    i = this.skipWs(i);
    let [v, j] = this.primary(i);
    // string concatenation and simple binary expressions
    for (;;) {
      const k = this.skipWs(j);
      if (s[k] === '.' && s[k + 1] !== '.' && s[k + 1] !== '=') {
        const [w, e] = this.primary(this.skipWs(k + 1));
        v = typeof v === 'string' && typeof w === 'string' ? v + w : { $expr: s.slice(i, e).trim() };
        j = e;
        continue;
      }
      if (/^(\?|\|\||&&|\/\/|\*|\+|-(?!>)|x\s)/.test(s.slice(k, k + 2)) && s[k] !== undefined) {
        // an expression we do not evaluate: skip to the end of this value
        return [{ $expr: s.slice(i, this.exprEnd(k)).trim() }, this.exprEnd(k)];
      }
      return [v, j];
    }
  }

  /** End of the value that starts before `i`: the next `,` `;` or closing bracket at depth 0. */
  exprEnd(i) {
    const s = this.src;
    let j = i;
    while (j < s.length) {
      const c = s[j];
      if (c === ',' || c === ';' || c === '}' || c === ']' || c === ')') return j;
      if (c === '{' || c === '[' || c === '(') {
        j = this.balanced(j);
        continue;
      }
      if (c === "'" || c === '"') {
        j = this.stringEnd(j);
        continue;
      }
      if (c === '=' && s[j + 1] === '>') return j;
      j++;
    }
    return j;
  }

  primary(i) {
    const s = this.src;
    const c = s[i];
    if (c === '{') return this.hash(i);
    if (c === '[') return this.array(i);
    if (c === "'" || c === '"') {
      const e = this.stringEnd(i);
      return [this.unquote(s.slice(i, e)), e];
    }
    if (c === '(') {
      // a list in parentheses: treat like an array
      const e = this.balanced(i);
      const items = this.items(i + 1, e - 1);
      return [items.length === 1 ? items[0] : items, e];
    }
    let m = /^-?\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?/i.exec(s.slice(i, i + 40));
    if (m && !/[\w]/.test(s[i + m[0].length] ?? '')) return [Number(m[0].replace(/_/g, '')), i + m[0].length];
    m = /^qw\s*([({[\/<|])/.exec(s.slice(i, i + 6));
    if (m) {
      const d = i + m[0].length - 1;
      const e = this.quoteLikeEnd(d);
      return [s.slice(d + 1, e - 1).trim().split(/\s+/).filter(Boolean), e];
    }
    m = /^qr\s*([({[\/<|!#])/.exec(s.slice(i, i + 6));
    if (m) {
      const d = i + m[0].length - 1;
      const e = this.quoteLikeEnd(d);
      const close = { '(': ')', '{': '}', '[': ']', '<': '>' }[m[1]] ?? m[1];
      const body = s.slice(d + 1, e).replace(new RegExp(`\\${close}[a-z]*$`), '');
      return [{ $regex: body, flags: /[a-z]*$/.exec(s.slice(0, e))[0] }, e];
    }
    if (s.startsWith('undef', i) && !/\w/.test(s[i + 5] ?? '')) return [null, i + 5];
    if (s.startsWith('sub', i) && /^sub\s*\{/.test(s.slice(i, i + 10))) {
      const b = s.indexOf('{', i);
      return [{ $sub: true }, this.balanced(b)];
    }
    if (s.startsWith('\\&', i)) {
      m = /^\\&([\w:]+)/.exec(s.slice(i));
      return [{ $coderef: m[1] }, i + m[0].length];
    }
    if (c === '%' && s[i + 1] === '$') {
      m = /^%\$([\w:]+)/.exec(s.slice(i));
      return [{ $spread: m[1] }, i + m[0].length];
    }
    if (c === '%' && /[A-Za-z_]/.test(s[i + 1] ?? '')) {
      m = /^%([\w:]+)/.exec(s.slice(i));
      return [{ $spread: `%${m[1]}` }, i + m[0].length];
    }
    if (c === '%' && s[i + 1] === '{') {
      const e = this.balanced(i + 1);
      const inner = this.src.slice(i + 2, e - 1).trim();
      return [{ $spread: inner.replace(/^\$/, '') }, e];
    }
    if (c === '$') {
      m = /^\$[\w:]+(?:\s*->\s*(?:\{[^}]*\}|\[[^\]]*\]))*/.exec(s.slice(i));
      let e = i + m[0].length;
      // method call on a variable: $x->method(...)
      const mm = /^\s*->\s*\w+\s*\(/.exec(s.slice(e));
      if (mm) e = this.balanced(e + mm[0].length - 1);
      return [{ $var: s.slice(i, e).replace(/\s+/g, '') }, e];
    }
    m = /^([A-Za-z_][\w:]*)(\s*->\s*(\w+))?/.exec(s.slice(i));
    if (m) {
      let e = i + m[0].length;
      const name = m[3] ? `${m[1]}->${m[3]}` : m[1];
      const k = this.skipWs(e);
      if (s[k] === '(') {
        const end = this.balanced(k);
        return [{ $call: name, args: this.items(k + 1, end - 1) }, end];
      }
      if (s.slice(k, k + 2) === '=>') return [name, e]; // bareword key used as a value position
      if (m[3]) return [{ $call: name, args: [] }, e];
      return [{ $bareword: name }, e];
    }
    const e = this.exprEnd(i);
    return [{ $expr: s.slice(i, e).trim() }, e];
  }

  /** Comma-separated values between `i` and `end` (exclusive). `=>` pairs are flattened. */
  items(i, end) {
    const out = [];
    for (;;) {
      i = this.skipWs(i);
      if (i >= end) return out;
      const [v, j] = this.value(i);
      // Perl lists flatten: [qw(a b)] and (1, (2, 3)) are flat lists
      if (Array.isArray(v) && this.src[this.skipWs(i)] !== '[') out.push(...v);
      else out.push(v);
      i = this.skipWs(j);
      if (this.src.slice(i, i + 2) === '=>') i += 2;
      else if (this.src[i] === ',') i++;
      else if (i < end) {
        // something we could not read: skip to the next comma
        const e = Math.max(this.exprEnd(i), i + 1);
        out.push({ $expr: this.src.slice(i, e).trim() });
        i = this.src[e] === ',' ? e + 1 : e;
        if (e >= end) return out;
      }
    }
  }

  array(i) {
    const e = this.balanced(i);
    return [this.items(i + 1, e - 1), e];
  }

  hash(i) {
    const s = this.src;
    const e = this.balanced(i);
    const out = {};
    let j = i + 1;
    const spreads = [];
    for (;;) {
      j = this.skipWs(j);
      if (j >= e - 1) break;
      // key: bareword, quoted string, or a spread (%$x)
      let key;
      if (s[j] === '%') {
        const [v, k] = this.primary(j);
        spreads.push(v.$spread ?? `?${v.$expr ?? ''}`);
        j = this.skipWs(k);
        if (s[j] === ',') j++;
        continue;
      }
      if (s[j] === "'" || s[j] === '"') {
        const k = this.stringEnd(j);
        key = this.unquote(s.slice(j, k));
        j = k;
      } else {
        const m = /^-?[\w]+/.exec(s.slice(j));
        if (!m) {
          const k = this.exprEnd(j);
          out[`$unparsed${Object.keys(out).length}`] = { $expr: s.slice(j, k).trim() };
          j = s[k] === ',' ? k + 1 : Math.max(k, j + 1);
          if (k >= e - 1) break;
          continue;
        }
        key = m[0].replace(/^-/, '');
        j += m[0].length;
      }
      j = this.skipWs(j);
      if (s.slice(j, j + 2) !== '=>' && s[j] !== ',') {
        // not a `key => value` pair (e.g. a block, not a hash): keep the text, go on after it
        const k = this.exprEnd(j);
        out[`$unparsed${Object.keys(out).length}`] = { $expr: s.slice(j, k).trim() };
        j = s[k] === ',' ? k + 1 : Math.max(k, j + 1);
        if (j >= e - 1) break;
        continue;
      }
      if (s[j] === ',') {
        out[key] = null;
        j++;
        continue;
      }
      const [v, k] = this.value(j + 2);
      out[key] = v;
      j = this.skipWs(k);
      if (s[j] === ',') j++;
    }
    if (spreads.length) out.$spreads = spreads;
    return [out, e];
  }
}

/** Every `__PACKAGE__->register_method({...})` in a file: the parsed hash and where it was. */
export function registerMethods(src) {
  const r = new PerlReader(src);
  const out = [];
  const re = /__PACKAGE__->register_method\s*\(\s*\{/g;
  let m;
  while ((m = re.exec(src))) {
    const at = m.index + m[0].length - 1;
    const [h] = r.hash(at);
    out.push({ def: h, line: src.slice(0, at).split('\n').length });
  }
  // methods built by a helper sub: __PACKAGE__->register_method(create_method(@args)) with
  // `sub create_method { ...; return { name => ..., parameters => ... }; }`
  for (const c of src.matchAll(/__PACKAGE__->register_method\s*\(\s*(\w+)\s*\(/g)) {
    const sub = new RegExp(`sub\\s+${c[1]}\\s*\\{[^{}]*?return\\s*\\{`).exec(src);
    if (!sub) continue;
    const at = sub.index + sub[0].length - 1;
    const [h] = r.hash(at);
    out.push({ def: h, line: src.slice(0, at).split('\n').length, via: c[1] });
  }
  return out;
}

/** Top-level `my|our $name = {...}|[...]|qr/.../;` assignments of a file. */
export function variables(src) {
  const r = new PerlReader(src);
  const out = {};
  const re = /^(?:my|our)\s+([$%])(\w+)\s*=\s*(?=[{[(]|qr|get_standard_option|PVE::JSONSchema::get_standard_option)/gm;
  let m;
  while ((m = re.exec(src))) {
    try {
      let [v] = r.value(m.index + m[0].length);
      if (m[1] === '%') {
        // a hash from a list of pairs
        const list = Array.isArray(v) ? v : [];
        v = {};
        for (let i = 0; i + 1 < list.length; i += 2) v[String(list[i])] = list[i + 1];
        out[`%${m[2]}`] = v;
      } else out[m[2]] = v;
    } catch {
      /* not a literal we read */
    }
  }
  return out;
}

/** `$var->{"prefix$i"} = {...}` inside `for (my $i = 0; $i < $MAX; $i++)` loops. */
export function loopKeys(src) {
  const r = new PerlReader(src);
  const vars = {};
  for (const m of src.matchAll(/^(?:my|our)\s+\$(\w+)\s*=\s*(\d+)\s*;/gm)) vars[m[1]] = Number(m[2]);
  const out = [];
  const re = /for\s*\(\s*my\s+\$i\s*=\s*0\s*;\s*\$i\s*<\s*\$?(\w+)\s*;\s*\$i\+\+\s*\)\s*\{/g;
  let m;
  while ((m = re.exec(src))) {
    const bodyStart = m.index + m[0].length - 1;
    const bodyEnd = r.balanced(bodyStart);
    const body = src.slice(bodyStart, bodyEnd);
    const max = /^\d+$/.test(m[1]) ? Number(m[1]) : vars[m[1]];
    for (const a of body.matchAll(/\$(\w+)->\{\s*"(\w+)\$i"\s*\}\s*=\s*\{/g)) {
      const at = bodyStart + a.index + a[0].length - 1;
      const [v] = r.hash(at);
      out.push({ target: a[1], prefix: a[2], max, schema: v, line: src.slice(0, at).split('\n').length });
    }
  }
  return out;
}

/** `register_standard_option('name', {...})` and `register_format('name', X)` calls. */
export function registrations(src) {
  const r = new PerlReader(src);
  const std = {};
  const formats = {};
  for (const m of src.matchAll(/(?:PVE::JSONSchema::)?register_(standard_option|format)\s*\(/g)) {
    const at = m.index + m[0].length - 1;
    try {
      const [args] = r.primary(at);
      const list = Array.isArray(args) ? args : [args];
      const [name, v] = list;
      if (typeof name !== 'string') continue;
      (m[1] === 'format' ? formats : std)[name] = { value: v, line: src.slice(0, at).split('\n').length };
    } catch {
      /* skip */
    }
  }
  return { std, formats };
}

/** Regular expressions a verify sub requires its value to match (`!~ m/RE/` → die, `=~ m/RE/` → return). */
export function verifySubPatterns(src, name) {
  const short = name.replace(/^.*::/, '');
  const m = new RegExp(`sub\\s+${short}\\s*\\{`).exec(src);
  if (!m) return undefined;
  const r = new PerlReader(src);
  const body = src.slice(m.index, r.balanced(m.index + m[0].length - 1));
  const must = [];
  for (const x of body.matchAll(/\$\w+\s*!~\s*m?\/((?:\\.|[^/])+)\/([a-z]*)/g)) must.push({ re: x[1], flags: x[2], kind: 'required' });
  for (const x of body.matchAll(/return\s+\$\w+\s+if\s+\$\w+\s*=~\s*m?\/((?:\\.|[^/])+)\/([a-z]*)(\s*;)?/g)) must.push({ re: x[1], flags: x[2], kind: x[3] ? 'accepts' : 'accepts-among-others' });
  // The patterns are the whole check only when the sub accepts nothing else: all of them are
  // `!~ ... die` requirements, or there is exactly one accepting `return $x if $x =~ ...` and
  // no other value is returned.
  const returns = [...body.matchAll(/return\s+(\$\w+|[\w:]+\()/g)].length;
  const accepts = must.filter((x) => x.kind !== 'required').length;
  if (must.some((x) => x.kind === 'accepts-among-others')) return { must, complete: false, line: src.slice(0, m.index).split('\n').length };
  const complete = must.length > 0 && (accepts === 0 ? returns <= 1 : accepts === 1 && returns === 1 && must.length === 1);
  return { must, complete, line: src.slice(0, m.index).split('\n').length };
}

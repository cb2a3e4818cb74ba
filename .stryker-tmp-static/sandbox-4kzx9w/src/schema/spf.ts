// @ts-nocheck
// One SPF term, parsed by the RFC 7208 grammar (§4.6.1 terms, §5 mechanisms, §7.1 macros):
//
//   mechanism   = [ qualifier ] ( all / include / a / mx / ptr / ip4 / ip6 / exists )
//   qualifier   = "+" / "-" / "?" / "~"
//   include     = "include" ":" domain-spec          exists = "exists" ":" domain-spec
//   a / mx      = name [ ":" domain-spec ] [ dual-cidr-length ]
//   ptr         = "ptr" [ ":" domain-spec ]
//   ip4 / ip6   = name ":" network [ cidr-length ]
//   domain-spec = macro-string domain-end
//   domain-end  = ( "." toplabel [ "." ] ) / macro-expand
//   macro-expand = ( "%{" macro-letter transformers *delimiter "}" ) / "%%" / "%_" / "%-"
//
// The relay's mechanism is published in the site's SPF TXT record and written into a zone file,
// so on top of the grammar the literal parts of a domain-spec must be DNS name characters
// (letters, digits, hyphen, underscore, dot): RFC 7208 §4.8 makes the expanded domain-spec a
// domain name, and anything else (quotes, ;, $, parentheses, backslash) could only break the
// record or the zone file around it.
import { isIPv4, publicNameProblem } from './net.js';
import ipaddr from 'ipaddr.js';

export interface SpfTerm {
  qualifier: '' | '+' | '-' | '?' | '~';
  mechanism: 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';
  domainSpec?: string;
  network?: string;
  ip4Cidr?: number;
  ip6Cidr?: number;
}

export type SpfParse = { ok: true; term: SpfTerm } | { ok: false; problem: string };

const MECHANISMS = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] as const;
const MACRO_LETTERS = 'slodiphcrtv';
const EXP_ONLY_LETTERS = 'crt';
const DELIMITERS = '.-+,/_=';
const TOPLABEL = /^(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;
const DNS_LITERAL = /^[A-Za-z0-9._-]$/;
export const SPF_TERM_MAX = 255;

const fail = (problem: string): SpfParse => ({ ok: false, problem });

/** RFC 7208 domain-spec; undefined when it is valid, else the problem. */
function domainSpecProblem(spec: string): string | undefined {
  if (spec === '') return 'has an empty domain after the colon';
  let i = 0;
  let lastWasMacro = false;
  let literal = '';
  let hasMacro = false;
  while (i < spec.length) {
    const c = spec[i]!;
    if (c === '%') {
      const n = spec[i + 1];
      if (n === '%' || n === '_' || n === '-') {
        // "%%", "%_" and "%-" expand to "%", " " and "%20": never part of a DNS name.
        return `has the macro %${n}, which expands to a character a domain name cannot hold`;
      }
      if (n !== '{') return `has a "%" that does not start a macro (RFC 7208 §7.1: %{letter…}, %%, %_ or %-)`;
      const close = spec.indexOf('}', i + 2);
      if (close === -1) return 'has a macro "%{" without its closing "}"';
      const body = spec.slice(i + 2, close);
      const m = /^([a-z])(\d*)(r?)([.\-+,/_=]*)$/i.exec(body);
      if (!m) return `has the malformed macro %{${body}} (RFC 7208 §7.1: %{letter[digits][r][delimiters]})`;
      const letter = m[1]!.toLowerCase();
      if (!MACRO_LETTERS.includes(letter)) return `has the unknown macro letter "${m[1]}" in %{${body}}`;
      if (EXP_ONLY_LETTERS.includes(letter)) return `uses the macro letter "${letter}", which RFC 7208 §7.2 allows only in an exp= explanation`;
      if (m[2] && Number(m[2]) === 0) return `has the transformer 0 in %{${body}} (RFC 7208 §7.3: at least 1)`;
      if ([...m[4]!].some((d) => !DELIMITERS.includes(d))) return `has an unknown delimiter in %{${body}}`;
      hasMacro = true;
      lastWasMacro = true;
      literal = '';
      i = close + 1;
      continue;
    }
    const code = c.charCodeAt(0);
    if (code < 0x21 || code > 0x7e) return `contains ${JSON.stringify(c)}, which is not a visible ASCII character (RFC 7208 macro-literal)`;
    if (!DNS_LITERAL.test(c)) return `contains ${c === '"' ? `'"'` : `"${c}"`}, which cannot be part of a domain name (letters, digits, "-", "_" and "." only)`;
    literal += c;
    lastWasMacro = false;
    i += 1;
  }
  if (!lastWasMacro) {
    // domain-end = "." toplabel [ "." ]
    const end = literal.endsWith('.') ? literal.slice(0, -1) : literal;
    const dot = end.lastIndexOf('.');
    if (dot === -1) return `must end in a domain such as example.net (RFC 7208 domain-end: "." toplabel), not "${spec}"`;
    const top = end.slice(dot + 1);
    if (!TOPLABEL.test(top)) return `ends in "${top}", which is not a top-level label (RFC 7208 toplabel: not all digits)`;
  }
  if (!hasMacro) {
    const name = spec.endsWith('.') ? spec.slice(0, -1) : spec;
    const p = publicNameProblem(name, { underscores: true });
    if (p) return p;
  }
  return undefined;
}

/** Parse one SPF term (a mechanism with its optional qualifier). */
export function parseSpfTerm(raw: string): SpfParse {
  if (raw.length > SPF_TERM_MAX) return fail(`is ${raw.length} characters long; one SPF mechanism is at most ${SPF_TERM_MAX}`);
  if (raw === '') return fail('is empty');
  if (/\s/.test(raw)) return fail('must be one mechanism without spaces (the wizard writes v=spf1 and -all around it)');
  let s = raw;
  let qualifier: SpfTerm['qualifier'] = '';
  if ('+-?~'.includes(s[0]!)) {
    qualifier = s[0] as SpfTerm['qualifier'];
    s = s.slice(1);
  }
  const nameMatch = /^[A-Za-z][A-Za-z0-9_.-]*/.exec(s);
  if (!nameMatch) return fail(`"${raw}" does not start with a mechanism name (all, include, a, mx, ptr, ip4, ip6, exists)`);
  const name = nameMatch[0].toLowerCase();
  let rest = s.slice(nameMatch[0].length);
  if (rest.startsWith('=')) return fail(`"${raw}" is a modifier (${name}=), not a mechanism`);
  const mechanism = MECHANISMS.find((m) => m === name);
  if (!mechanism) return fail(`"${name}" is not an SPF mechanism (RFC 7208 §5: all, include, a, mx, ptr, ip4, ip6, exists)`);
  const term: SpfTerm = { qualifier, mechanism };
  switch (mechanism) {
    case 'all':
      if (rest !== '') return fail('all takes no argument');
      return { ok: true, term };
    case 'include':
    case 'exists': {
      if (!rest.startsWith(':')) return fail(`${mechanism} needs a domain: ${mechanism}:example.net`);
      const p = domainSpecProblem(rest.slice(1));
      if (p) return fail(`${mechanism}: ${p}`);
      term.domainSpec = rest.slice(1);
      return { ok: true, term };
    }
    case 'a':
    case 'mx': {
      // dual-cidr-length = [ "/" ip4-cidr ] [ "//" ip6-cidr ], taken off the end.
      const cidr = /(?:\/(0|[1-9]\d?))?(?:\/\/(0|[1-9]\d{0,2}))?$/.exec(rest)!;
      if (cidr[1] !== undefined) {
        term.ip4Cidr = Number(cidr[1]);
        if (term.ip4Cidr > 32) return fail(`${mechanism}: the IPv4 prefix /${cidr[1]} is above 32`);
      }
      if (cidr[2] !== undefined) {
        term.ip6Cidr = Number(cidr[2]);
        if (term.ip6Cidr > 128) return fail(`${mechanism}: the IPv6 prefix //${cidr[2]} is above 128`);
      }
      rest = rest.slice(0, cidr.index);
      if (rest === '') return { ok: true, term };
      if (!rest.startsWith(':')) return fail(`${mechanism}: expected ":domain" or a prefix length after "${mechanism}", got "${rest}"`);
      const p = domainSpecProblem(rest.slice(1));
      if (p) return fail(`${mechanism}: ${p}`);
      term.domainSpec = rest.slice(1);
      return { ok: true, term };
    }
    case 'ptr': {
      if (rest === '') return { ok: true, term };
      if (!rest.startsWith(':')) return fail(`ptr: expected ":domain", got "${rest}"`);
      const p = domainSpecProblem(rest.slice(1));
      if (p) return fail(`ptr: ${p}`);
      term.domainSpec = rest.slice(1);
      return { ok: true, term };
    }
    case 'ip4': {
      const m = /^:([^/]*)(?:\/(0|[1-9]\d?))?$/.exec(rest);
      if (!m) return fail(`ip4 needs an address and an optional prefix: ip4:198.51.100.7 or ip4:198.51.100.0/24`);
      // RFC 7208 qnum: 0-255 without leading zeros.
      if (!isIPv4(m[1]!) || m[1]!.split('.').some((q) => q.length > 1 && q.startsWith('0'))) return fail(`ip4: "${m[1]}" is not an IPv4 address (four numbers 0-255)`);
      term.network = m[1]!;
      if (m[2] !== undefined) {
        term.ip4Cidr = Number(m[2]);
        if (term.ip4Cidr > 32) return fail(`ip4: the prefix /${m[2]} is above 32`);
      }
      return { ok: true, term };
    }
    case 'ip6': {
      const m = /^:([0-9A-Fa-f:.]+)(?:\/(0|[1-9]\d{0,2}))?$/.exec(rest);
      if (!m || !ipaddr.IPv6.isValid(m[1]!)) return fail(`ip6 needs an IPv6 address and an optional prefix: ip6:2001:db8::/32`);
      term.network = m[1]!;
      if (m[2] !== undefined) {
        term.ip6Cidr = Number(m[2]);
        if (term.ip6Cidr > 128) return fail(`ip6: the prefix /${m[2]} is above 128`);
      }
      return { ok: true, term };
    }
  }
}

/**
 * Why a mechanism cannot authorise a relay in the site's SPF record (`v=spf1 <it> -all`), or
 * undefined. Beyond the grammar: it must pass (+ or no qualifier), `all` would end the record,
 * `ptr` is discouraged by RFC 7208 §5.5, and a prefix shorter than /8 (IPv4) or /16 (IPv6)
 * would authorise a large part of the internet.
 */
export function relaySpfProblem(raw: string): string | undefined {
  const r = parseSpfTerm(raw);
  if (!r.ok) return r.problem;
  const t = r.term;
  if (t.qualifier !== '' && t.qualifier !== '+') return `has the qualifier "${t.qualifier}"; a relay's mechanism must pass (no qualifier or +)`;
  if (t.mechanism === 'all') return 'all would authorise every server on the internet; give the relay\'s mechanism (the wizard adds -all)';
  if (t.mechanism === 'ptr') return 'ptr is slow and unreliable (RFC 7208 §5.5: SHOULD NOT be used); use include:, a:, ip4: or ip6:';
  if (t.ip4Cidr !== undefined && t.ip4Cidr < 8) return `/${t.ip4Cidr} would authorise a large part of the IPv4 internet (at least /8)`;
  if (t.ip6Cidr !== undefined && t.ip6Cidr < 16) return `/${t.ip6Cidr} would authorise a large part of the IPv6 internet (at least /16)`;
  return undefined;
}

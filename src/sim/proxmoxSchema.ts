// Validation of Proxmox command lines against the option schemas extracted from Proxmox's own
// sources (schema/proxmox/pve<release>.json, made by scripts/extract-proxmox-schemas.mjs).
// The simulator runs every pct/qm/qmrestore/pvesm/pveam/pvesh/pmgsh/proxmox-backup-manager call
// through `validateProxmoxCall` before it models the command; the dry-run test uses the same
// function. Errors read like the real tools' (PVE: "400 Parameter verification failed.", exit
// 255; PBS: "Error: parameter verification errors", exit 255).
import pve9 from '../../schema/proxmox/pve9.json' with { type: 'json' };
import pve8 from '../../schema/proxmox/pve8.json' with { type: 'json' };
import { isCalendarEvent } from '../schema/calendarEvent.js';
import { optionToken } from './args.js';

export { isCalendarEvent };

export type Release = '9' | '8';

interface PropSchema {
  type?: string;
  format?: string | { $propertyString: Record<string, PropSchema> } | { verifyFn?: string; patternConst?: string; formatConst?: string };
  enum?: unknown[];
  pattern?: string;
  minimum?: number | string;
  maximum?: number | string;
  minLength?: number;
  maxLength?: number;
  optional?: number | boolean;
  default_key?: number | boolean;
  alias?: string;
  keyAlias?: string;
  items?: PropSchema;
  apiType?: string;
  $unresolved?: string;
  $indexMax?: number | null;
}

interface MethodSchema {
  properties: Record<string, PropSchema>;
  positional?: string[];
  fixed?: string[];
  additionalProperties?: number;
  alias?: string;
  $unresolved?: string;
}

interface FormatDef {
  $propertyString?: Record<string, PropSchema>;
  verifiedBy?: string;
  check?: 'patterns' | 'code';
  patterns?: { re: string; flags: string; kind: string }[];
}

interface SchemaData {
  release: string;
  cli: Record<string, { commands: Record<string, MethodSchema> }>;
  storageTypes: Record<string, { add: MethodSchema; set: MethodSchema }>;
  pvesh: Record<string, MethodSchema>;
  pmgsh: Record<string, MethodSchema>;
  formats: Record<string, FormatDef>;
  standardOptions: Record<string, PropSchema>;
  pbs: { commands: Record<string, MethodSchema> };
}

// Bundled with the simulator (esbuild inlines the JSON), so a copied sim bundle still has them.
const DATA: Record<Release, unknown> = { '9': pve9, '8': pve8 };

export function loadSchemas(release: Release): SchemaData {
  return DATA[release] as SchemaData;
}

export interface Invalid {
  exit: number;
  stderr: string;
}

// ---- value checks ---------------------------------------------------------------------------------

const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_RE = `${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}`;
// RFC 3986 §3.2.2 IPv6address (the grammar pve-common's ParseUtils $IPV6RE spells out): no zone id
const H16 = '[0-9a-fA-F]{1,4}';
const LS32 = `(?:${H16}:${H16}|${IPV4_RE})`;
const upTo = (n: number) => `(?:(?:${H16}:){0,${n}}${H16})?`;
const IPV6_RE = [
  `(?:${H16}:){6}${LS32}`,
  `::(?:${H16}:){5}${LS32}`,
  `${upTo(0)}::(?:${H16}:){4}${LS32}`,
  `${upTo(1)}::(?:${H16}:){3}${LS32}`,
  `${upTo(2)}::(?:${H16}:){2}${LS32}`,
  `${upTo(3)}::${H16}:${LS32}`,
  `${upTo(4)}::${LS32}`,
  `${upTo(5)}::${H16}`,
  `${upTo(6)}::`,
].map((alt) => `(?:${alt})`).join('|');
const IPV4 = new RegExp(`^${IPV4_RE}$`);
const IPV6 = new RegExp(`^(?:${IPV6_RE})$`);
const isIPv4 = (s: string) => IPV4.test(s);
const isIPv6 = (s: string) => IPV6.test(s);
/** pve_verify_cidrv4 / cidrv6: an address and a prefix length from 8 up to 32 / 128. */
const cidr = (s: string, v4: boolean, v6: boolean) => {
  const m = /^([^/]+)\/(\d+)$/.exec(s);
  if (!m) return false;
  const [, ip, p] = m as unknown as [string, string, string];
  const bits = Number(p);
  if (bits < 8) return false;
  if (v4 && isIPv4(ip)) return bits <= 32;
  if (v6 && isIPv6(ip)) return bits <= 128;
  return false;
};
const DNS_LABEL = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9\\-]*[a-zA-Z0-9])?)';
const DNS_NAME = new RegExp(`^(${DNS_LABEL}\\.)*${DNS_LABEL}$`);
const isDnsName = (v: string) => DNS_NAME.test(v);
const isAddress = (v: string) => isIPv4(v) || isIPv6(v) || isDnsName(v);
const TRANSPORT_DOMAIN = new RegExp(`^\\.?(${DNS_LABEL}\\.)*${DNS_LABEL}$`);
// pve-common ParseUtils: $EMAIL_USER_RE and $EMAIL_RE
const EMAIL_USER = '[\\w+\\-~]+(\\.[\\w+\\-~]+)*';
const EMAIL = new RegExp(`^${EMAIL_USER}@[a-zA-Z0-9\\-]+(\\.[a-zA-Z0-9\\-]+)*$`);

/**
 * Hand-written checks for formats whose Perl verify sub the extractor could not turn into patterns
 * (those an extracted option uses: `ip`, `CIDRv4` and `CIDRv6` are used by none).
 */
const CODE_FORMATS: Record<string, (v: string) => boolean> = {
  ipv4: isIPv4,
  ipv6: isIPv6,
  CIDR: (v) => cidr(v, true, true),
  'pve-ipv4-config': (v) => /^(dhcp|manual)$/.test(v) || cidr(v, true, false),
  'pve-ipv6-config': (v) => /^(auto|dhcp|manual)$/.test(v) || cidr(v, false, true),
  'pve-calendar-event': isCalendarEvent,
  'dns-name': isDnsName,
  'transport-domain': (v) => TRANSPORT_DOMAIN.test(v),
  // pmg-api Config.pm: an e-mail address (anything without white space, '/' or '@' before the
  // '@') or a transport domain
  'transport-domain-or-email': (v) => new RegExp(`^[^\\s/@]+@(${DNS_LABEL}\\.)*${DNS_LABEL}$`).test(v) || TRANSPORT_DOMAIN.test(v),
  address: isAddress,
  // pmg-api Config.pm: an address, or `ipv6:` and an IPv6 address
  'transport-address': (v) => isAddress(v) || (/^ipv6:/i.test(v) && isIPv6(v.slice(5))),
  email: (v) => EMAIL.test(v),
  'email-or-username': (v) => EMAIL.test(v) || new RegExp(`^${EMAIL_USER}$`).test(v),
  // pve-common parse_size: digits, an optional fraction, K/M/G/T with an optional iB
  'disk-size': (v) => /^\d+(\.\d+)?([KMGT](iB)?)?$/.test(v),
  'pve-storage-id': (v) => /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i.test(v),
  'pve-storage-content': (v) => ['images', 'rootdir', 'vztmpl', 'iso', 'backup', 'snippets', 'import', 'none'].includes(v),
  'pve-storage-server': isAddress,
  'pve-volume-id': (v) => /^[a-z][a-z0-9\-_.]*[a-z0-9]:.+$/i.test(v),
};

function checkFormat(name: string, value: string, data: SchemaData): string | undefined {
  if (name.endsWith('-list')) {
    // PVE::JSONSchema::check_format: `<format>-list` is a list of <format> (split_list: separated
    // by , ; or white space)
    for (const v of value.split(/[;,\0\s]/).filter(Boolean)) {
      const e = checkFormat(name.slice(0, -'-list'.length), v, data);
      if (e) return e;
    }
    return undefined;
  }
  const f = data.formats[name];
  if (f?.$propertyString) return checkPropertyString(f.$propertyString, value, data);
  // Every extracted pattern format has one pattern, with the flags i, ms or none.
  if (f?.check === 'patterns' && f.patterns?.every((p) => new RegExp(p.re, p.flags).test(value)) === false) return `value does not match the format '${name}'`;
  const code = CODE_FORMATS[name];
  if (code && !code(value)) return `value does not match the format '${name}'`;
  return undefined;
}

/**
 * `k=v,k2=v2` against a property-string format, as PVE::JSONSchema::parse_property_string reads
 * it: parts split at every comma (no quoting), blank parts skipped, `key=value` with both
 * non-empty, a bare value for the default key.
 */
function checkPropertyString(fmt: Record<string, PropSchema>, value: string, data: SchemaData): string | undefined {
  const seen: Record<string, string> = {};
  const defaultKey = Object.entries(fmt).find(([, s]) => s.default_key)?.[0];
  for (const part of value.split(',')) {
    if (/^\s*$/.test(part)) continue;
    const kv = /^([^=]+)=(.+)$/.exec(part);
    let k: string;
    let v: string;
    if (kv) {
      [, k, v] = kv as unknown as [string, string, string];
    } else if (part.includes('=')) {
      return 'missing key in comma-separated list property';
    } else {
      if (!defaultKey) return 'value without key, but schema does not define a default key';
      k = defaultKey;
      v = part;
    }
    let s = fmt[k];
    if (s?.alias) {
      k = s.alias;
      s = fmt[k];
    }
    if (!s) {
      // qemu-server's net format: `virtio=MAC` is model=virtio,macaddr=MAC (keyAlias entries built
      // with `map` over the model list, which the extractor does not evaluate)
      if (!fmt.macaddr || !fmt.model?.enum?.includes(k)) return `invalid format - property '${k}' is not defined in the format`;
      if ('model' in seen) return "key alias 'model' is already defined";
      seen.model = k;
      k = 'macaddr';
      s = fmt.macaddr;
    }
    if (k in seen) return `duplicate key in comma-separated list property: ${k}`;
    seen[k] = v;
    const e = checkValue(s, v, data);
    if (e) return `invalid format - ${k}: ${e}`;
  }
  for (const [k, s] of Object.entries(fmt)) {
    if (!s.optional && !s.alias && !(k in seen)) return `invalid format - property '${k}' is missing`;
  }
  return undefined;
}

export function isTrue(v: string): boolean {
  return /^(1|on|yes|true)$/i.test(v);
}

function checkValue(s: PropSchema, v: string, data: SchemaData): string | undefined {
  // (a property the extractor could not resolve has no type or bounds: nothing below applies)
  const type = s.type;
  if (type === 'boolean') {
    if (!/^(0|1|on|off|yes|no|true|false)$/i.test(v)) return `type check ('boolean') failed - got '${v}'`;
    return undefined;
  }
  if (type === 'integer' || type === 'number') {
    // pve-common is_integer / is_number
    if (!(type === 'integer' ? /^[+-]?\d+$/ : /^[+-]?(\d+\.\d+|\d+\.|\.\d+|\d+)([eE][+-]?\d+)?$/).test(v)) return `type check ('${type}') failed - got '${v}'`;
    // an absent or unresolved bound is NaN here, and no comparison with NaN holds
    if (Number(v) < Number(s.minimum)) return `value must have a minimum value of ${s.minimum}`;
    if (Number(v) > Number(s.maximum)) return `value must have a maximum value of ${s.maximum}`;
    return undefined;
  }
  // An enum the extractor could not resolve (e.g. {$unresolved: 'call …valid_drive_names'}) is not checked here.
  if (s.enum && s.enum.every((e) => typeof e !== 'object') && !s.enum.includes(v)) return `value '${v}' does not have a value in the enumeration '${s.enum.join(', ')}'`;
  if (v.length > Number(s.maxLength)) return `value may only be ${s.maxLength} characters long`;
  if (v.length < Number(s.minLength)) return `value must be at least ${s.minLength} characters long`;
  if (s.pattern !== undefined && !new RegExp(`^(?:${s.pattern})$`).test(v)) return `value does not match the regex pattern`;
  if (typeof s.format === 'string') {
    if (data.formats[s.format]?.$propertyString) return checkFormat(s.format, v, data);
    const e = checkFormat(s.format, v, data);
    if (e) return `invalid format - ${e}`;
  } else if (s.format && '$propertyString' in s.format) {
    return checkPropertyString(s.format.$propertyString, v, data);
  } else if (s.format && 'verifyFn' in s.format && s.format.verifyFn === 'verify_calendar_event' && !isCalendarEvent(v)) {
    return `value does not match the format 'calendar event'`;
  }
  if (s.apiType === 'Userid' && !/^[^\s:/@]+@[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(v)) return `value '${v}' is not a valid userid`;
  if (s.apiType === 'Authid' && !/^[^\s:/@]+@[A-Za-z0-9_][A-Za-z0-9._-]*(![A-Za-z0-9_][A-Za-z0-9._-]*)?$/.test(v)) return `value '${v}' is not a valid authid`;
  if (s.apiType === 'Tokenname' && !/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(v)) return `value '${v}' is not a valid token name`;
  return undefined;
}

/** Properties with `[n]` patterns (net[n], mp[n]) expanded for one key. */
function propFor(props: Record<string, PropSchema>, key: string): PropSchema | undefined {
  if (props[key]) return props[key];
  const m = /^([a-z]+)(\d+)$/.exec(key);
  if (!m) return undefined;
  const p = props[`${m[1]}[n]`];
  if (!p) return undefined;
  if (Number(m[2]) >= (p.$indexMax ?? Infinity)) return undefined;
  return p;
}

// ---- command lines ----------------------------------------------------------------------------------

interface Parsed {
  pos: string[];
  opts: Record<string, string>;
  extra: string[];
}

/**
 * Getopt the way PVE's CLIHandler does it (Getopt::Long, prefix `--` or `-`): `--opt v`, `-opt v`,
 * `--opt=v`. A boolean is declared `name:s` there: it takes the next word as its value unless that
 * word is missing or looks like an option (`-…`, `--`), so `--onboot 102` gives onboot=102, which
 * is then no boolean. PBS's CLI (proxmox-router) takes the next word only when it is a boolean.
 */
function getopt(args: string[], props: Record<string, PropSchema>, pve: boolean): Parsed | Invalid {
  const pos: string[] = [];
  const opts: Record<string, string> = {};
  let extra: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      extra = args.slice(i + 1);
      break;
    }
    const tok = optionToken(a);
    if (tok) {
      const { name } = tok;
      const s = propFor(props, name);
      if (!s) return pve ? { exit: 255, stderr: `Unknown option: ${name}\n400 unable to parse option\n` } : { exit: 255, stderr: `Error: parameter verification errors\n\nparameter '${name}': schema does not allow additional properties.\n` };
      let v = tok.value;
      if (v === undefined) {
        const next = args[i + 1];
        if (s.type === 'boolean' && (next === undefined || (pve ? /^-./.test(next) : !/^(0|1|on|off|yes|no|true|false)$/i.test(next)))) v = '1';
        else if (next === undefined) return { exit: 255, stderr: `Option ${name} requires an argument\n400 unable to parse option\n` };
        else v = args[++i] as string;
      }
      if (name in opts) return pve ? paramFail({ [name]: 'duplicate parameter' }) : pbsFail({ [name]: 'duplicate parameter' });
      opts[name] = v;
      continue;
    }
    pos.push(a);
  }
  return { pos, opts, extra };
}

function paramFail(errs: Record<string, string>): Invalid {
  return { exit: 255, stderr: `400 Parameter verification failed.\n${Object.entries(errs).map(([k, v]) => `${k}: ${v}`).join('\n')}\n` };
}
function pbsFail(errs: Record<string, string>): Invalid {
  return { exit: 255, stderr: `Error: parameter verification errors\n\n${Object.entries(errs).map(([k, v]) => `parameter '${k}': ${v}`).join('\n')}\n` };
}

const isInvalid = (x: Parsed | Invalid): x is Invalid => 'exit' in x;

/** Check parsed options and positionals against a method schema. */
function checkMethod(m: MethodSchema, parsed: Parsed, given: Record<string, string>, data: SchemaData, pve: boolean): Invalid | undefined {
  const errs: Record<string, string> = {};
  const all = { ...given, ...parsed.opts };
  for (const [k, v] of Object.entries(all)) {
    const s = propFor(m.properties, k);
    if (!s) {
      errs[k] = 'property is not defined in schema and the schema does not allow additional properties';
      continue;
    }
    // (an array's items arrive joined: extra-args, exclude-path carry no checks of their own)
    const e = checkValue(s, v, data);
    if (e) errs[k] = e;
  }
  for (const [k, s] of Object.entries(m.properties)) {
    if (s.optional || k.endsWith('[n]') || k in all || (m.fixed ?? []).includes(k)) continue;
    errs[k] = 'property is missing and it is not optional';
  }
  if (Object.keys(errs).length) return pve ? paramFail(errs) : pbsFail(errs);
  return undefined;
}

function cliCall(m: MethodSchema, args: string[], data: SchemaData, usage: string): Invalid | undefined {
  const positional = m.positional ?? [];
  const hasExtra = positional.includes('extra-args');
  const parsed = getopt(args, m.properties, true);
  if (isInvalid(parsed)) return { exit: parsed.exit, stderr: parsed.stderr + usage };
  const named = positional.filter((p) => p !== 'extra-args');
  if (!hasExtra && parsed.extra.length) return { exit: 255, stderr: `400 too many arguments\n${usage}` };
  if (parsed.pos.length > named.length && !hasExtra) return { exit: 255, stderr: `400 too many arguments\n${usage}` };
  if (parsed.pos.length < named.length) return { exit: 255, stderr: `400 not enough arguments\n${usage}` };
  const given: Record<string, string> = {};
  named.forEach((p, i) => (given[p] = parsed.pos[i] as string));
  const bad = checkMethod(m, parsed, given, data, true);
  return bad ? { exit: bad.exit, stderr: bad.stderr + usage } : undefined;
}

/** Match a concrete API path against the extracted path templates of one verb. */
function apiMethod(table: Record<string, MethodSchema>, http: string, path: string): { m: MethodSchema; params: Record<string, string> } | undefined {
  const segs = path.split('/').filter(Boolean);
  for (const [key, m] of Object.entries(table)) {
    const [verb, tpl] = key.split(' ') as [string, string];
    if (verb !== http) continue;
    const ts = tpl.split('/').filter(Boolean);
    if (ts.length !== segs.length) continue;
    const params: Record<string, string> = {};
    if (ts.every((t, i) => (t.startsWith('{') ? ((params[t.slice(1, -1)] = segs[i] as string), true) : t === segs[i]))) return { m, params };
  }
  return undefined;
}

const HTTP: Record<string, string> = { get: 'GET', ls: 'GET', set: 'PUT', create: 'POST', delete: 'DELETE' };

/** pvesh / pmgsh `<verb> <path> [--opts]`. */
function shellCall(table: Record<string, MethodSchema>, argv: string[], data: SchemaData, pvesh: boolean): Invalid | undefined {
  const [verb, path, ...rest] = argv;
  const http = HTTP[verb ?? ''];
  if (!http || !path) return undefined; // the handler gives the usage error
  const found = apiMethod(table, http, path);
  if (!found) return undefined; // a path the wizard does not use: not extracted, the handler decides
  const props: Record<string, PropSchema> = { ...found.m.properties };
  if (pvesh) Object.assign(props, { 'output-format': data.standardOptions['pve-output-format'], noproxy: { type: 'boolean', optional: 1 } });
  const parsed = getopt(rest, props, true);
  if (isInvalid(parsed)) return parsed;
  if (parsed.pos.length) return { exit: 255, stderr: `400 too many arguments\n` };
  const opts = { ...parsed.opts };
  // pvesh's own options (pmgsh has none: getopt refused them): checked here, not passed to the API method
  for (const own of ['output-format', 'noproxy']) {
    const v = opts[own];
    delete opts[own];
    const e = v === undefined ? undefined : checkValue(props[own] as PropSchema, v, data);
    if (e) return paramFail({ [own]: e });
  }
  return checkMethod(found.m, { ...parsed, opts }, found.params, data, true);
}

/**
 * Validate one Proxmox command line (argv without `pct exec`/`qm guest exec` wrappers) against
 * the schemas of `release`. Returns undefined when valid or not a Proxmox command we model.
 */
export function validateProxmoxCall(argv: readonly string[], release: Release): Invalid | undefined {
  const [cmd0, ...args] = argv;
  const cmd = (cmd0 ?? '').replace(/^\/(usr\/)?s?bin\//, '');
  const data = loadSchemas(release);
  if (cmd === 'pvesh') return shellCall(data.pvesh, args, data, true);
  if (cmd === 'pmgsh') return shellCall(data.pmgsh, args, data, false);
  if (cmd === 'proxmox-backup-manager') {
    const [group, sub, ...rest] = args;
    const m = data.pbs.commands[`${group} ${sub}`];
    if (!m) return undefined; // commands the extraction does not cover: the handler decides
    const parsed = getopt(rest, m.properties, false);
    if (isInvalid(parsed)) return parsed;
    const positional = m.positional ?? [];
    if (parsed.pos.length > positional.length) return { exit: 255, stderr: `Error: unexpected argument '${parsed.pos[positional.length]}'\n` };
    if (parsed.pos.length < positional.length) return { exit: 255, stderr: `Error: missing parameter '${positional[parsed.pos.length]}'\n` };
    const given: Record<string, string> = {};
    positional.forEach((p, i) => (given[p] = parsed.pos[i] as string));
    return checkMethod(m, parsed, given, data, false);
  }
  if (cmd === 'qmrestore') {
    const m = data.cli.qmrestore?.commands[''];
    return m ? cliCall(m, args, data, 'qmrestore <archive> <vmid> [OPTIONS]\n') : undefined;
  }
  if (cmd === 'pvesm' && (args[0] === 'add' || args[0] === 'set')) {
    // storage.cfg options depend on the storage type (SectionConfig): validate against the plugin
    const sub = args[0];
    const rest = args.slice(1);
    if (sub === 'add') {
      // PVE reads the command line with the options of every storage type (SectionConfig's
      // createSchema), then checks the options against the type given
      const all: Record<string, PropSchema> = {};
      for (const t of Object.values(data.storageTypes)) Object.assign(all, t.add.properties);
      const usage = 'pvesm add <type> <storage> [OPTIONS]\n';
      const pre = getopt(rest, all, true);
      if (isInvalid(pre)) return { exit: pre.exit, stderr: pre.stderr + usage };
      const st = data.storageTypes[pre.pos[0] as string];
      if (!st) return undefined;
      const m: MethodSchema = { properties: { ...st.add.properties, type: {}, storage: { format: 'pve-storage-id' } }, positional: ['type', 'storage'] };
      return cliCall(m, rest, data, usage);
    }
    // set: the storage's type is known only to the host (the simulator calls validatePvesmSet
    // with it); without it, an option of any extracted storage type passes
    const merged: Record<string, PropSchema> = {};
    for (const t of Object.values(data.storageTypes)) Object.assign(merged, t.set.properties);
    const m: MethodSchema = { properties: { ...merged, storage: { format: 'pve-storage-id' }, delete: { optional: 1 }, digest: { optional: 1 } }, positional: ['storage'] };
    return cliCall(m, rest, data, 'pvesm set <storage> [OPTIONS]\n');
  }
  const cliName = cmd === 'pct' || cmd === 'qm' || cmd === 'pvesm' || cmd === 'pveam' ? cmd : undefined;
  if (!cliName) return undefined;
  const table = data.cli[cliName]?.commands ?? {};
  // longest matching sub-command ("guest exec" before "guest")
  let key: string | undefined;
  let n = 0;
  for (let k = Math.min(3, args.length); k >= 1; k--) {
    const cand = args.slice(0, k).join(' ');
    if (table[cand]) {
      key = cand;
      n = k;
      break;
    }
  }
  if (!key) return { exit: 255, stderr: `unknown command '${cliName} ${args[0] ?? ''}'\nUSAGE: ${cliName} <COMMAND> [ARGS] [OPTIONS]\n` };
  let m = table[key] as MethodSchema;
  if (m.alias) m = table[m.alias] ?? m;
  if (m.$unresolved) return undefined;
  return cliCall(m, args.slice(n), data, `${cliName} ${key} ${(m.positional ?? []).map((p) => `<${p}>`).join(' ')} [OPTIONS]\n`);
}

/** The storage type of `pvesm set <id>` decides its options: validate with the type known. */
export function validatePvesmSet(args: readonly string[], type: string, release: Release): Invalid | undefined {
  const data = loadSchemas(release);
  const st = data.storageTypes[type];
  if (!st) return undefined;
  const m: MethodSchema = { properties: { ...st.set.properties, storage: { format: 'pve-storage-id' }, delete: { optional: 1 }, digest: { optional: 1 } }, positional: ['storage'] };
  return cliCall(m, [...args], data, 'pvesm set <storage> [OPTIONS]\n');
}

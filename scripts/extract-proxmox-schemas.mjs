#!/usr/bin/env node
// Extract the option schemas of the Proxmox commands the wizard runs from Proxmox's own source
// repositories, for one release, into schema/proxmox/pve<release>.json (with provenance).
//
//   node scripts/extract-proxmox-schemas.mjs --release 9 --mirror /work/.mirror \
//     [--ref pve-container=master ...] [--out schema/proxmox]
//
// The mirror folder holds bare git clones named proxmox+<repo>/repo (as the `fetch` tool leaves
// them); --ref picks a branch, tag or commit per repository (defaults below per release). The
// script reads files with `git show REF:PATH`; it never runs Proxmox code. How each kind of data
// is found is written in schema/proxmox/README.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loopKeys, PerlReader, registerMethods, registrations, variables, verifySubPatterns } from './proxmox-schema/perl.mjs';
import { extractPbs } from './proxmox-schema/rust.mjs';

const DEFAULT_REFS = {
  9: {
    'pve-common': 'master', 'pve-container': 'master', 'qemu-server': 'master', 'pve-storage': 'master',
    'pve-manager': 'master', 'pve-guest-common': 'master', 'pmg-api': 'master', 'proxmox-backup': 'master',
  },
  8: {
    'pve-common': 'stable-bookworm', 'pve-container': 'stable-bookworm', 'qemu-server': 'stable-bookworm', 'pve-storage': 'stable-8',
    'pve-manager': 'stable-8', 'pve-guest-common': 'stable-8', 'pmg-api': 'stable-8', 'proxmox-backup': 'master',
  },
};

function args() {
  const a = process.argv.slice(2);
  const out = { release: '9', mirror: '/work/.mirror', out: 'schema/proxmox', refs: {} };
  for (let i = 0; i < a.length; i++) {
    const k = a[i];
    const v = a[++i];
    if (k === '--release') out.release = v;
    else if (k === '--mirror') out.mirror = v;
    else if (k === '--out') out.out = v;
    else if (k === '--ref') {
      const [repo, ref] = v.split('=');
      out.refs[repo] = ref;
    } else throw new Error(`unknown argument ${k}`);
  }
  return out;
}

const opts = args();
const refs = { ...DEFAULT_REFS[opts.release], ...opts.refs };

// ---- reading repositories ---------------------------------------------------------------------

const gitDir = (repo) => join(opts.mirror, `proxmox+${repo}`, 'repo');
const git = (repo, ...a) => execFileSync('git', ['-C', gitDir(repo), ...a], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });

/** For the stable-8 names that do not exist in a repository, fall back to the newest 8.x commit. */
function resolveRef(repo, ref) {
  try {
    return git(repo, 'rev-parse', '--verify', `${ref}^{commit}`).trim();
  } catch {
    if (repo === 'pve-guest-common' && ref === 'stable-8') {
      // no stable branch: the last commit of master whose debian/changelog is still at 5.x (PVE 8)
      const log = git(repo, 'log', '--format=%H', 'master', '--', 'debian/changelog').trim().split('\n');
      for (const c of log) {
        const head = git(repo, 'show', `${c}:debian/changelog`).split('\n')[0];
        if (/\(5\./.test(head)) return c;
      }
    }
    throw new Error(`${repo}: no ref ${ref}`);
  }
}

const provenance = {};
const commits = {};
for (const [repo, ref] of Object.entries(refs)) {
  const commit = resolveRef(repo, ref);
  commits[repo] = commit;
  const date = git(repo, 'show', '-s', '--format=%cI', commit).trim();
  const changelog = (() => {
    try {
      return git(repo, 'show', `${commit}:debian/changelog`).split('\n')[0].trim();
    } catch {
      return '';
    }
  })();
  provenance[repo] = { repository: `https://github.com/proxmox/${repo}`, ref, commit, date, version: changelog, files: [] };
}

const fileCache = new Map();
function show(repo, path) {
  const key = `${repo}:${path}`;
  if (!fileCache.has(key)) {
    fileCache.set(key, git(repo, 'show', `${commits[repo]}:${path}`));
    if (!provenance[repo].files.includes(path)) provenance[repo].files.push(path);
  }
  return fileCache.get(key);
}

// ---- Perl packages: where each one is, its methods, variables and loops --------------------------

const PERL_REPOS = ['pve-common', 'pve-container', 'qemu-server', 'pve-storage', 'pve-manager', 'pve-guest-common', 'pmg-api'];
const packages = new Map(); // name -> { repo, path, src (package segment) }
for (const repo of PERL_REPOS) {
  const files = git(repo, 'ls-tree', '-r', '--name-only', commits[repo]).split('\n').filter((f) => f.endsWith('.pm') && !/(^|\/)test\//.test(f));
  for (const path of files) {
    const text = git(repo, 'show', `${commits[repo]}:${path}`);
    const marks = [...text.matchAll(/^package\s+([\w:]+)\s*;/gm)];
    marks.forEach((m, i) => {
      if (packages.has(m[1])) return;
      const end = i + 1 < marks.length ? marks[i + 1].index : text.length;
      packages.set(m[1], { repo, path, text, start: m.index, end });
    });
  }
}

const pkgCache = new Map();
function pkg(name) {
  if (pkgCache.has(name)) return pkgCache.get(name);
  const p = packages.get(name);
  if (!p) return undefined;
  show(p.repo, p.path); // records provenance
  const seg = p.text.slice(p.start, p.end);
  const info = { ...p, seg, vars: variables(seg), loops: loopKeys(seg), methods: null };
  pkgCache.set(name, info);
  return info;
}

function methodsOf(name) {
  const p = pkg(name);
  if (!p) return [];
  p.methods ??= registerMethods(p.seg);
  return p.methods;
}

// Standard options and formats are global in PVE::JSONSchema: collect every registration.
const STD = {};
const FORMATS = {};
for (const [name] of packages) {
  const p = packages.get(name);
  if (!/register_(standard_option|format)/.test(p.text.slice(p.start, p.end))) continue;
  const info = pkg(name);
  const reg = registrations(info.seg);
  for (const [k, v] of Object.entries(reg.std)) STD[k] ??= { ...v, pkg: name };
  for (const [k, v] of Object.entries(reg.formats)) FORMATS[k] ??= { ...v, pkg: name };
}

// ---- resolving references to plain JSON schema ----------------------------------------------------

const KEEP = new Set(['type', 'format', 'enum', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'optional', 'default', 'default_key', 'alias', 'keyAlias', 'items', 'properties', 'requires', 'format_description', 'typetext', 'additionalProperties']);

function lookupVar(ref, here) {
  const name = ref.startsWith('%') ? ref : ref.replace(/^\$/, '');
  if (name.includes('::')) {
    const i = name.lastIndexOf('::');
    const sigil = name.startsWith('%') ? '%' : '';
    const p = pkg(name.slice(sigil.length, i));
    return p ? { value: p.vars[sigil + name.slice(i + 2)], pkg: p } : undefined;
  }
  const p = pkg(here);
  return p ? { value: p.vars[name], pkg: p } : undefined;
}

const unresolved = [];

/** Resolve a parsed Perl value into plain JSON (schema context `here` = package name). */
function resolve(v, here, depth = 0) {
  if (depth > 40) return { $unresolved: 'too deep' };
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => resolve(x, here, depth + 1));
  if (v.$var) {
    const m = /^\$([\w:]+)$/.exec(v.$var);
    const found = m && lookupVar(m[1], here);
    if (found && found.value !== undefined) return resolve(found.value, found.pkg ? pkgNameOf(found.pkg) : here, depth + 1);
    unresolved.push(`${here}: ${v.$var}`);
    return { $unresolved: v.$var };
  }
  if (v.$regex !== undefined) return { $regex: v.$regex, flags: v.flags };
  if (v.$call) {
    const fn = v.$call.replace(/^PVE::JSONSchema::/, '');
    if (fn === 'get_standard_option') {
      const [name, base] = v.args;
      const std = STD[name];
      if (!std) {
        unresolved.push(`${here}: standard option ${name}`);
        return { $unresolved: `standard option ${name}` };
      }
      const stdv = resolve(std.value, std.pkg, depth + 1);
      const basev = base ? resolve(base, here, depth + 1) : {};
      return { ...stdv, ...basev };
    }
    if (/json_config_properties$/.test(fn)) return configProperties(fn, v.args, here, depth);
    if (fn === 'get_format') {
      const f = FORMATS[v.args[0]];
      return f ? resolve(f.value, f.pkg, depth + 1) : { $unresolved: `format ${v.args[0]}` };
    }
    unresolved.push(`${here}: call ${v.$call}`);
    return { $unresolved: `call ${v.$call}` };
  }
  if (v.$coderef || v.$sub) return { $code: v.$coderef ?? 'sub' };
  if (v.$bareword || v.$expr) return { $unresolved: v.$bareword ?? v.$expr };
  const out = {};
  for (const s of v.$spreads ?? []) {
    const found = s.startsWith('?') ? undefined : lookupVar(s, here);
    if (found?.value) Object.assign(out, resolve(found.value, pkgNameOf(found.pkg), depth + 1));
    else unresolved.push(`${here}: %$${s}`);
  }
  for (const [k, x] of Object.entries(v)) {
    if (k === '$spreads' || k.startsWith('$unparsed')) continue;
    out[k] = resolve(x, here, depth + 1);
  }
  return out;
}

function pkgNameOf(p) {
  for (const [name, info] of pkgCache) if (info === p) return name;
  return undefined;
}

/** `X->json_config_properties({...})`: the package's $confdesc (+ loop keys), under the given ones. */
function configProperties(fn, args, here, depth) {
  let owner = fn.replace(/(->|::)json_config_properties$/, '');
  if (owner === 'json_config_properties') owner = here;
  const p = pkg(owner);
  if (!p) return { $unresolved: fn };
  const base = {};
  for (const target of ['confdesc', 'confdesc_cloudinit']) {
    if (!p.vars[target]) continue;
    Object.assign(base, resolve(p.vars[target], owner, depth + 1));
    // QemuServer merges the cloud-init options into $confdesc
  }
  const patterns = {};
  for (const l of p.loops) {
    if (l.target !== 'confdesc' && l.target !== 'confdesc_cloudinit') continue;
    patterns[`${l.prefix}[n]`] = { ...resolve(l.schema, owner, depth + 1), $indexMax: l.max ?? null };
  }
  // loops that assign a variable rather than a literal ($confdesc->{"net$i"} = $netdesc)
  Object.assign(patterns, varLoops(owner, /confdesc(?:_cloudinit)?/, depth));
  // qemu-server copies its drive keys in: for my $key (keys %{$PVE::QemuServer::Drive::drivedesc_hash})
  for (const m of p.seg.matchAll(/for\s+my\s+\$\w+\s*\(\s*keys\s+%\{\s*\$([\w:]+)::(\w+)\s*\}\s*\)/g)) {
    Object.assign(patterns, varLoops(m[1], new RegExp(`^${m[2]}$`), depth));
    const q = pkg(m[1]);
    for (const a of q?.seg.matchAll(new RegExp(`^\\$${m[2]}->\\{\\s*(\\w+)\\s*\\}\\s*=\\s*\\$([\\w:]+)\\s*;`, 'gm')) ?? []) {
      const found = lookupVar(a[2], m[1]);
      base[a[1]] = found?.value ? resolve(found.value, pkgNameOf(found.pkg) ?? m[1], depth + 1) : { $unresolved: a[2] };
    }
  }
  for (const k of ['parent', 'snaptime', 'vmstate', 'runningmachine', 'runningcpu', 'meta', 'running-nets-host-mtu']) delete base[k];
  const given = args[0] ? resolve(args[0], here, depth + 1) : {};
  return { ...base, ...patterns, ...given };
}

/** `for (my $i = 0; $i < $MAX; $i++) { $target->{"prefix$i"} = $var; }` in a package: `prefix[n]` schemas. */
function varLoops(owner, target, depth) {
  const p = pkg(owner);
  const out = {};
  if (!p) return out;
  const reader = new PerlReader(p.seg);
  for (const m of p.seg.matchAll(/for\s*\(\s*my\s+\$i\s*=\s*0\s*;\s*\$i\s*<\s*\$?([\w:]+)\s*;\s*\$i\+\+\s*\)\s*\{/g)) {
    const open = m.index + m[0].length - 1;
    const body = p.seg.slice(open, reader.balanced(open));
    for (const a of body.matchAll(/\$(\w+)->\{\s*"(\w+)\$i"\s*\}\s*=\s*\$([\w:]+)\s*;/g)) {
      if (!target.test(a[1])) continue;
      const found = lookupVar(a[3], owner);
      const max = Number(/^\d+$/.test(m[1]) ? m[1] : /^\w+$/.test(m[1]) ? new RegExp(`(?:my|our)\\s+\\$${m[1]}\\s*=\\s*(\\d+)`).exec(p.seg)?.[1] : NaN);
      out[`${a[2]}[n]`] = found?.value ? { ...resolve(found.value, pkgNameOf(found.pkg) ?? owner, depth + 1), $indexMax: Number.isFinite(max) ? max : null } : { $unresolved: a[3] };
    }
  }
  return out;
}

/** Strip descriptions and code; keep what validation needs. */
function slim(schema) {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  if (schema.$unresolved) return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === '$indexMax') out[k] = v;
    else if (k === 'properties' && v && typeof v === 'object') out.properties = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, slim(s)]));
    else if (k === 'format') out.format = typeof v === 'string' ? v : formatDef(v);
    else if (k === 'items') out.items = slim(v);
    else if (k === 'pattern') out.pattern = typeof v === 'object' && v?.$regex !== undefined ? v.$regex : v;
    else if (KEEP.has(k) && !(v && typeof v === 'object' && v.$code)) out[k] = v;
  }
  return out;
}

/** A property-string format (hash of key schemas), slimmed. */
function formatDef(v) {
  if (!v || typeof v !== 'object' || v.$unresolved || v.$code) return v;
  return { $propertyString: Object.fromEntries(Object.entries(v).map(([k, s]) => [k, slim(s)])) };
}

// ---- CLI command tables and API paths --------------------------------------------------------------

function cmddef(cliPkg) {
  const p = pkg(cliPkg);
  const m = /^our\s+\$cmddef\s*=\s*/m.exec(p.seg);
  const r = new PerlReader(p.seg);
  const [v] = r.value(m.index + m[0].length);
  return v;
}

function methodByName(cls, name) {
  const list = methodsOf(cls);
  return list.find((m) => m.def.name === name);
}

function methodSchema(cls, name) {
  const m = methodByName(cls, name);
  if (!m) return { $unresolved: `${cls}::${name} not found` };
  const params = resolve(m.def.parameters ?? {}, cls);
  const p = pkg(cls);
  return {
    source: { repo: p.repo, file: p.path, line: m.line, package: cls, method: name },
    method: m.def.method,
    path: m.def.path,
    additionalProperties: params.additionalProperties ?? 1,
    properties: Object.fromEntries(Object.entries(params.properties ?? {}).map(([k, s]) => [k, slim(s)])),
  };
}

/** One CLI: every command of its $cmddef (nested ones as "guest exec"). */
function cli(name, cliPkg) {
  const def = cmddef(cliPkg);
  const out = {};
  const walk = (prefix, d) => {
    if (Array.isArray(d)) {
      const [cls, method, positional, fixed] = d;
      const clsName = cls === '__PACKAGE__' || cls?.$bareword === '__PACKAGE__' ? cliPkg : typeof cls === 'string' ? cls : cliPkg;
      const schema = methodSchema(clsName, method);
      out[prefix.join(' ')] = { ...schema, positional: Array.isArray(positional) ? positional : [], fixed: fixed && typeof fixed === 'object' ? Object.keys(resolve(fixed, cliPkg)).filter((k) => !k.startsWith('$')) : [] };
      return;
    }
    if (d && typeof d === 'object') {
      if (d.alias) {
        out[prefix.join(' ')] = { alias: d.alias };
        return;
      }
      for (const [k, v] of Object.entries(d)) if (!k.startsWith('$')) walk([...prefix, k], v);
    }
  };
  if (Array.isArray(def)) walk([], def);
  else walk([], def);
  return { source: { repo: pkg(cliPkg).repo, file: pkg(cliPkg).path, package: cliPkg }, commands: out };
}

/** Route an API path (e.g. /nodes/{node}/storage) from a root class to the method. */
function route(root, path, http) {
  const segs = path.split('/').filter(Boolean);
  const walk = (cls, rest) => {
    const ms = methodsOf(cls);
    const match = (pat, r) => {
      const ps = String(pat ?? '').split('/').filter(Boolean);
      if (ps.length > r.length) return -1;
      for (let i = 0; i < ps.length; i++) if (!/^\{.*\}$/.test(ps[i]) && ps[i] !== r[i]) return -1;
      return ps.length;
    };
    const literalFirst = [...ms].sort((a, b) => Number(/\{/.test(a.def.path ?? '')) - Number(/\{/.test(b.def.path ?? '')));
    for (const m of literalFirst) {
      const n = match(m.def.path, rest);
      if (n < 0) continue;
      if (m.def.subclass && (n > 0 || rest.length > 0)) {
        if (n === 0 && m.def.path) continue;
        const sub = walk(typeof m.def.subclass === 'string' ? m.def.subclass : '', rest.slice(n));
        if (sub) return sub;
      } else if (!m.def.subclass && n === rest.length && m.def.method === http) return { cls, name: m.def.name };
    }
    return undefined;
  };
  const found = walk(root, segs);
  return found ? methodSchema(found.cls, found.name) : { $unresolved: `${http} ${path}: no method` };
}

// ---- what the wizard runs ---------------------------------------------------------------------------

const PVESH_PATHS = [
  ['GET', '/nodes'], ['GET', '/nodes/{node}/status'], ['GET', '/nodes/{node}/storage'], ['GET', '/nodes/{node}/storage/{storage}/content'],
  ['GET', '/nodes/{node}/storage/{storage}/status'],
  ['GET', '/nodes/{node}/network'], ['GET', '/nodes/{node}/aplinfo'], ['GET', '/nodes/{node}/lxc'], ['GET', '/nodes/{node}/qemu'],
  ['GET', '/cluster/nextid'], ['GET', '/cluster/resources'], ['GET', '/cluster/backup'], ['POST', '/cluster/backup'],
  ['GET', '/cluster/backup/{id}'], ['PUT', '/cluster/backup/{id}'], ['GET', '/storage'], ['GET', '/storage/{storage}'],
];
const PMGSH_PATHS = [
  ['GET', '/config/domains'], ['POST', '/config/domains'], ['GET', '/config/transport'], ['POST', '/config/transport'], ['PUT', '/config/transport/{domain}'],
  ['GET', '/config/mynetworks'], ['POST', '/config/mynetworks'], ['GET', '/config/mail'], ['PUT', '/config/mail'], ['GET', '/config/admin'], ['PUT', '/config/admin'],
  ['GET', '/nodes/{node}/services'], ['POST', '/nodes/{node}/certificates/custom/{type}'],
];

/** SectionConfig plugins: the section type a plugin package declares (`sub type { return '…' }`). */
const typeOf = (n) => /sub type\s*\{\s*return\s*'([\w-]+)'/.exec(pkg(n).seg)?.[1];

/** The hash a plugin's `sub <name> { return { … } }` returns (properties / options), resolved. */
function retHash(n, sub) {
  const seg = pkg(n).seg;
  const m = new RegExp(`sub ${sub}\\s*\\{\\s*return\\s*`).exec(seg);
  if (!m) return {};
  const [v] = new PerlReader(seg).value(m.index + m[0].length);
  return resolve(v, n);
}

/** PMG's /config/<section> GET/PUT are registered in a loop over its section types: build them. */
function pmgSection(section, http) {
  const base = pkg('PMG::Config::Base');
  if (!base) return { $unresolved: 'PMG::Config::Base' };
  const plugins = [...packages.keys()].filter((n) => n.startsWith('PMG::Config::') && pkg(n)?.seg.includes('sub type'));
  const allProps = {};
  for (const n of plugins) Object.assign(allProps, retHash(n, 'properties'));
  const owner = plugins.find((n) => typeOf(n) === section);
  if (!owner) return { $unresolved: `PMG section ${section}` };
  const options = retHash(owner, 'options');
  const props = {};
  if (http === 'PUT') {
    // SectionConfig updateSchema: each option of the section, all optional; plus delete and digest
    for (const [k, o] of Object.entries(options)) props[k] = { ...slim(allProps[k] ?? { $unresolved: k }), optional: 1 };
    props.delete = { type: 'string', format: 'pve-configid-list', optional: 1, maxLength: 4096 };
    props.digest = { type: 'string', optional: 1, maxLength: 64 };
  }
  return {
    source: { repo: pkg(owner).repo, file: pkg(owner).path, package: owner, rule: 'SectionConfig: options() of the section, types from properties() of all PMG::Config plugins (PMG::API2::Config registers GET/PUT per section in a loop)' },
    method: http, path: section, additionalProperties: 0, properties: props,
  };
}

/** PVE storage.cfg: `pvesm add <type>` / `pvesm set` schema for one plugin type (SectionConfig). */
function storageSchema(type, mode) {
  const plugins = [...packages.keys()].filter((n) => /^PVE::Storage::\w+Plugin$/.test(n));
  const all = {};
  const base = pkg('PVE::Storage::Plugin');
  const dd = base?.vars.defaultData;
  if (dd) Object.assign(all, resolve(dd, 'PVE::Storage::Plugin').propertyList ?? {});
  for (const n of plugins) Object.assign(all, retHash(n, 'properties'));
  const owner = plugins.find((n) => typeOf(n) === type);
  if (!owner) return { $unresolved: `storage type ${type}` };
  const options = retHash(owner, 'options');
  const props = {};
  for (const [k, o] of Object.entries(options)) {
    if (mode === 'update' && o?.fixed) continue;
    props[k] = { ...slim(all[k] ?? { $unresolved: k }), optional: mode === 'update' ? 1 : o?.optional ? 1 : 0 };
  }
  return {
    source: { repo: pkg(owner).repo, file: pkg(owner).path, package: owner, rule: 'SectionConfig: options() of the plugin (fixed ones not in update), types from $defaultData->{propertyList} and properties() of all storage plugins' },
    options: Object.fromEntries(Object.entries(options).map(([k, o]) => [k, { optional: o?.optional ? 1 : 0, fixed: o?.fixed ? 1 : 0 }])),
    properties: props,
  };
}

// ---- formats ------------------------------------------------------------------------------------------

function formats() {
  const out = {};
  for (const [name, f] of Object.entries(FORMATS)) {
    const v = f.value;
    if (v && typeof v === 'object' && v.$coderef) {
      const sub = v.$coderef;
      const owner = sub.includes('::') ? sub.slice(0, sub.lastIndexOf('::')) : f.pkg;
      const p = pkg(owner) ?? pkg(f.pkg);
      let pat;
      try {
        pat = p ? verifySubPatterns(p.seg, sub) : undefined;
      } catch (e) {
        unresolved.push(`format ${name}: ${e.message}`);
      }
      // expand ${VAR} qr// interpolations from the same package
      const must = (pat?.must ?? []).map((x) => ({
        re: x.re.replace(/\$\{(\w+)\}|\$(\w+)/g, (all, a, b) => {
          const qv = p.vars[a ?? b];
          return qv?.$regex !== undefined ? `(?:${qv.$regex})` : all;
        }),
        flags: x.flags,
        kind: x.kind,
      }));
      // usable as the whole check only when every interpolated variable was expanded
      const complete = Boolean(pat?.complete) && must.every((x) => !/\$\{?\w/.test(x.re.replace(/\$\)|\$$/g, '')));
      out[name] = {
        verifiedBy: sub,
        ...(must.length ? { patterns: must } : {}),
        check: complete ? 'patterns' : 'code',
        source: { repo: packages.get(f.pkg)?.repo, file: packages.get(f.pkg)?.path, line: f.line },
      };
    } else {
      const r = resolve(v, f.pkg);
      out[name] = { ...formatDef(r), source: { repo: packages.get(f.pkg)?.repo, file: packages.get(f.pkg)?.path, line: f.line } };
    }
  }
  return out;
}

// ---- main ---------------------------------------------------------------------------------------------

const data = {
  release: opts.release,
  generatedBy: 'scripts/extract-proxmox-schemas.mjs',
  provenance: {},
  cli: {
    pct: cli('pct', 'PVE::CLI::pct'),
    qm: cli('qm', 'PVE::CLI::qm'),
    qmrestore: cli('qmrestore', 'PVE::CLI::qmrestore'),
    pvesm: cli('pvesm', 'PVE::CLI::pvesm'),
    pveam: cli('pveam', 'PVE::CLI::pveam'),
  },
  storageTypes: { pbs: { add: storageSchema('pbs', 'create'), set: storageSchema('pbs', 'update') }, dir: { add: storageSchema('dir', 'create'), set: storageSchema('dir', 'update') } },
  pvesh: Object.fromEntries(PVESH_PATHS.map(([h, p]) => [`${h} ${p}`, route('PVE::API2', p, h)])),
  pmgsh: Object.fromEntries(PMGSH_PATHS.map(([h, p]) => {
    const sec = /^\/config\/(mail|admin)$/.exec(p);
    return [`${h} ${p}`, sec ? pmgSection(sec[1], h) : route('PMG::API2', p, h)];
  })),
  formats: formats(),
  standardOptions: Object.fromEntries(['pve-output-format', 'prune-backups', 'pve-vmid', 'pve-node', 'pve-storage-id', 'extra-args'].filter((k) => STD[k]).map((k) => [k, slim(resolve(STD[k].value, STD[k].pkg))])),
  pbs: null,
  unresolved: [],
};
data.pbs = extractPbs({ show: (path) => show('proxmox-backup', path), git: (...a) => git('proxmox-backup', ...a), commit: commits['proxmox-backup'] });
data.unresolved = [...new Set(unresolved)].sort();
for (const [repo, p] of Object.entries(provenance)) {
  p.files.sort();
  data.provenance[repo] = p;
}
mkdirSync(opts.out, { recursive: true });
const file = join(opts.out, `pve${opts.release}.json`);
writeFileSync(file, `${JSON.stringify(data, null, 1)}\n`);
console.log(`wrote ${file}: ${Object.keys(data.pvesh).length} pvesh paths, ${Object.values(data.cli).reduce((a, c) => a + Object.keys(c.commands).length, 0)} CLI commands, ${Object.keys(data.formats).length} formats, ${data.unresolved.length} unresolved references`);

// @ts-nocheck
// proxmox-backup (Rust): the CLI commands of proxmox-backup-manager the wizard uses and the input
// schemas of the API methods behind them, read from `#[api(...)]` attributes, the structs they
// flatten (`type: X, flatten: true`), enums (`#[api] pub enum`) and `pub const X: Schema = ...`
// builder chains. Regular expressions built by macros from other crates are recorded by name.

const GROUPS = {
  // CLI group -> file under src/bin/proxmox_backup_manager
  datastore: 'datastore.rs', user: 'user.rs', acl: 'acl.rs', cert: 'cert.rs', 'prune-job': 'prune.rs', 'verify-job': 'verify.rs',
  'garbage-collection': null,
};

/** Index just past the bracket closing the one at `i` (strings respected). */
function balanced(s, i) {
  const open = s[i];
  const close = { '{': '}', '[': ']', '(': ')' }[open];
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (c === '"') {
      j++;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
      continue;
    }
    if (c === 'r' && s[j + 1] === '"' && !/\w/.test(s[j - 1] ?? '')) {
      j = s.indexOf('"', j + 2);
      continue;
    }
    if (c === '/' && s[j + 1] === '/') {
      j = s.indexOf('\n', j);
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return j + 1;
  }
  throw new Error('unbalanced');
}

/** Parse the body of an #[api(...)] attribute (`key: value, ...`) into JSON-ish data. */
function parseObj(s, i, end) {
  const out = {};
  for (;;) {
    while (i < end && /[\s,]/.test(s[i])) i++;
    if (s.startsWith('//', i)) {
      i = s.indexOf('\n', i);
      continue;
    }
    if (i >= end) return out;
    let key;
    if (s[i] === '"') {
      const e = s.indexOf('"', i + 1);
      key = s.slice(i + 1, e);
      i = e + 1;
    } else {
      const m = /^[\w]+/.exec(s.slice(i));
      if (!m) return out;
      key = m[0];
      i += key.length;
    }
    while (/\s/.test(s[i])) i++;
    if (s[i] !== ':') return out;
    i++;
    while (/\s/.test(s[i])) i++;
    const [v, j] = parseVal(s, i, end);
    out[key] = v;
    i = j;
  }
}

function parseVal(s, i, end) {
  if (s[i] === '{') {
    const e = balanced(s, i);
    return [parseObj(s, i + 1, e - 1), e];
  }
  if (s[i] === '"') {
    let j = i + 1;
    while (s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
    return [s.slice(i + 1, j), j + 1];
  }
  // anything else up to the next comma at depth 0
  let j = i;
  while (j < end && s[j] !== ',') {
    if ('{[('.includes(s[j])) j = balanced(s, j);
    else j++;
  }
  const raw = s.slice(i, j).trim();
  if (/^(true|false)$/.test(raw)) return [raw === 'true', j];
  if (/^-?\d+$/.test(raw)) return [Number(raw), j];
  return [{ $rust: raw }, j];
}

/** The #[api(...)] attribute right before the item found at `at` (doc comments and attributes between). */
function apiBefore(s, at) {
  const before = s.slice(0, at);
  const k = before.lastIndexOf('#[api');
  if (k < 0) return undefined;
  // nothing but attributes/comments/whitespace between the attribute's end and the item
  const open = s.indexOf('(', k);
  if (open < 0 || open > k + 6) return k + 5 === before.indexOf(']', k) ? {} : undefined;
  const close = balanced(s, open);
  const gap = s.slice(close + 1, at);
  if (/\bfn\b|\bstruct\b|\benum\b/.test(gap.replace(/\/\/[^\n]*/g, ''))) return undefined;
  return parseObj(s, open + 1, close - 1);
}

const kebab = (n) => n.replace(/_/g, '-');

export function extractPbs({ show, git, commit }) {
  const files = git('ls-tree', '-r', '--name-only', commit).split('\n');
  const rsFiles = files.filter((f) => f.endsWith('.rs') && (f.startsWith('pbs-api-types/') || f.startsWith('src/api2/') || f.startsWith('src/bin/proxmox_backup_manager/') || f === 'src/bin/proxmox-backup-manager.rs'));
  const text = new Map();
  const read = (f) => {
    if (!text.has(f)) text.set(f, show(f));
    return text.get(f);
  };
  const typesFiles = rsFiles.filter((f) => f.startsWith('pbs-api-types/'));
  const unresolved = [];

  function findIn(filesList, re) {
    for (const f of filesList) {
      const s = read(f);
      const m = re.exec(s);
      if (m) return { file: f, s, m };
    }
    return undefined;
  }

  function schemaConst(name) {
    const hit = findIn(typesFiles, new RegExp(`pub const ${name}: Schema =\\s*`));
    if (!hit) {
      unresolved.push(`const ${name}`);
      return { $unresolved: name };
    }
    const start = hit.m.index + hit.m[0].length;
    const end = hit.s.indexOf(';', start);
    const expr = hit.s.slice(start, end).replace(/\s+/g, '').replace(/,\)/g, ')');
    const kind = /^(\w+)Schema::new/.exec(expr.trim())?.[1];
    const out = { type: { String: 'string', Integer: 'integer', Boolean: 'boolean', Number: 'number', Array: 'array' }[kind] ?? kind, $from: `${hit.file}: ${name}` };
    const num = (fn) => /^-?\d+$/.test(/\.\s*FN\((-?[\w]+)\)/.exec(expr.replace('FN', fn))?.[1] ?? '') ? Number(new RegExp(`\\.${fn}\\((-?\\d+)\\)`).exec(expr)[1]) : undefined;
    for (const [fn, key] of [['min_length', 'minLength'], ['max_length', 'maxLength'], ['minimum', 'minimum'], ['maximum', 'maximum']]) {
      const m = new RegExp(`\\.${fn}\\((-?\\d+)\\)`).exec(expr);
      if (m) out[key] = Number(m[1]);
    }
    void num;
    const fmt = /\.format\(&([^)]*\)?)\)/.exec(expr)?.[1];
    if (fmt) {
      const vf = /VerifyFn\(([\w:]+)\)/.exec(fmt);
      const pat = /Pattern\(&(\w+)\)/.exec(fmt);
      if (vf) out.format = { verifyFn: vf[1].replace(/^.*::/, '') };
      else if (pat) out.format = { patternConst: pat[1] };
      else if (/^[A-Z_]+$/.test(fmt)) out.format = { formatConst: fmt };
      else out.format = { $rust: fmt };
    }
    const def = /\.default\(([^)]*)\)/.exec(expr)?.[1];
    if (def !== undefined) out.default = /^(true|false)$/.test(def) ? def === 'true' : /^\d+$/.test(def) ? Number(def) : def.replace(/^"|"$/g, '');
    return out;
  }

  function apiType(name) {
    const simple = { String: { type: 'string' }, bool: { type: 'boolean' }, u64: { type: 'integer' }, i64: { type: 'integer' }, u32: { type: 'integer' }, usize: { type: 'integer' }, Integer: { type: 'integer' }, Boolean: { type: 'boolean' } };
    if (simple[name]) return simple[name];
    const short = name.replace(/^.*::/, '');
    // #[derive(Updater)] makes XUpdater: the fields of X that are not #[updater(skip)], all optional
    if (/Updater$/.test(short) && short !== 'Updater') {
      const base = findIn(typesFiles, new RegExp(`pub struct ${short.replace(/Updater$/, '')}\\s*\\{`));
      if (base) {
        const props = structProps(base, true);
        return { type: 'object', properties: Object.fromEntries(Object.entries(props).map(([k, v]) => [k, { ...v, optional: 1 }])), $from: `${base.file}: struct ${short.replace(/Updater$/, '')} (Updater)` };
      }
    }
    const en = findIn(typesFiles, new RegExp(`pub enum ${short}\\s*\\{`));
    if (en) {
      const body = en.s.slice(en.m.index + en.m[0].length, balanced(en.s, en.m.index + en.m[0].length - 1) - 1);
      const attrs = en.s.slice(Math.max(0, en.m.index - 400), en.m.index);
      const own = attrs.slice(Math.max(0, attrs.lastIndexOf('}'), attrs.lastIndexOf(';')));
      const rename = /rename_all\s*=\s*"([\w-]+)"/.exec(own)?.[1];
      const variants = [...body.replace(/\/\/[^\n]*/g, '').matchAll(/(?:#\[serde\(rename\s*=\s*"([^"]+)"\)\]\s*)?\b([A-Z]\w*)\s*(?:=\s*[^,]+)?,/g)].map((m) => m[1] ?? (rename === 'kebab-case' ? m[2].replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase() : rename === 'lowercase' ? m[2].toLowerCase() : m[2]));
      return { type: 'string', enum: variants, $from: `${en.file}: enum ${short}` };
    }
    const st = findIn(typesFiles, new RegExp(`pub struct ${short}\\s*\\{`));
    if (st) return { type: 'object', properties: structProps(st), $from: `${st.file}: struct ${short}` };
    // types with their own API_SCHEMA outside this repository (Userid, Authid, Tokenname, ...)
    return { type: 'string', apiType: short };
  }

  function propSchema(p) {
    if (p.schema?.$rust) return { ...schemaConst(p.schema.$rust.replace(/^.*::/, '')), ...(p.optional ? { optional: 1 } : {}), ...(p.default !== undefined ? { default: p.default } : {}) };
    if (p.type?.$rust) return { ...apiType(p.type.$rust), ...(p.optional ? { optional: 1 } : {}), ...(p.default !== undefined ? { default: p.default } : {}), ...(p.minimum !== undefined ? { minimum: p.minimum } : {}), ...(p.maximum !== undefined ? { maximum: p.maximum } : {}) };
    return { ...(p.optional ? { optional: 1 } : {}), $rust: JSON.stringify(p).slice(0, 200) };
  }

  function structProps(hit, forUpdater = false) {
    const open = hit.m.index + hit.m[0].length - 1;
    const body = hit.s.slice(open + 1, balanced(hit.s, open) - 1);
    const api = apiBefore(hit.s, hit.m.index) ?? {};
    const declared = api.properties ?? {};
    const props = {};
    const rename = /rename_all\s*=\s*"kebab-case"/.test(hit.s.slice(Math.max(0, hit.m.index - 300), hit.m.index));
    for (const f of body.matchAll(/((?:#\[[^\]]*\]\s*|\/\/\/[^\n]*\n\s*)*)pub (\w+):\s*([^,\n]+),/g)) {
      const attrs = f[1];
      if (forUpdater && /updater\(skip\)/.test(attrs)) continue;
      const fname = rename ? kebab(f[2]) : f[2];
      const ty = f[3].trim();
      if (/serde\(flatten\)/.test(attrs)) {
        Object.assign(props, apiType(ty.replace(/^Option<(.*)>$/, '$1')).properties ?? {});
        continue;
      }
      const optional = /^Option</.test(ty);
      const d = declared[fname] ?? declared[f[2]];
      props[fname] = d ? { ...propSchema(d), ...(optional ? { optional: 1 } : {}) } : { ...apiType(ty.replace(/^Option<(.*)>$/, '$1')), ...(optional ? { optional: 1 } : {}) };
    }
    return props;
  }

  function methodSchema(path, fnName, cliFile) {
    const file = path ? `src/${path.replace(/::/g, '/')}.rs` : cliFile;
    const s = read(file);
    const m = new RegExp(`(?:pub\\s+)?(?:async\\s+)?fn ${fnName}\\s*[(<]`).exec(s);
    if (!m) return { $unresolved: `${file}: fn ${fnName}` };
    const api = apiBefore(s, m.index) ?? {};
    const props = {};
    for (const [k, p] of Object.entries(api.input?.properties ?? {})) {
      if (p.flatten === true && p.type?.$rust) Object.assign(props, apiType(p.type.$rust).properties ?? {});
      else props[k] = propSchema(p);
    }
    return { source: { repo: 'proxmox-backup', file, line: s.slice(0, m.index).split('\n').length, fn: fnName }, properties: props };
  }

  const commands = {};
  for (const [group, file] of Object.entries(GROUPS)) {
    if (!file) continue;
    const cliFile = `src/bin/proxmox_backup_manager/${file}`;
    const s = read(cliFile);
    for (const ins of s.matchAll(/\.insert\(\s*"([\w-]+)",\s*CliCommand::new\(&([\w:]*?)API_METHOD_(\w+)\)((?:\s*\.\w+\([^)]*\))*)/g)) {
      const [, sub, path, method, chain] = ins;
      const args = /arg_param\(&\[([^\]]*)\]\)/.exec(chain)?.[1]?.match(/"([^"]+)"/g)?.map((x) => x.slice(1, -1)) ?? [];
      const schema = methodSchema(path.replace(/::$/, ''), method.toLowerCase(), cliFile);
      commands[`${group} ${sub}`] = { ...schema, positional: args, cli: { file: cliFile, line: s.slice(0, ins.index).split('\n').length } };
    }
  }
  return { commands, unresolved: [...new Set(unresolved)] };
}

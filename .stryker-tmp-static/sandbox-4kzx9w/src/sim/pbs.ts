// @ts-nocheck
// Host side of the backup server: proxmox-backup-manager (datastore list/create, cert info,
// user generate-token) and pvesm (add pbs, status).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { boolVal, isOutcome, parseCmd, type CmdSpec } from './args.js';
import { compactJson, perlPretty } from './json.js';
import { fsPath, GiB, writeHostFile, type Storage } from './state.js';
import { fail, ok, type CmdCtx, type Outcome } from './types.js';
import { randomUUID } from 'node:crypto';

function pbsFail(msg: string): Outcome {
  return fail(255, `Error: ${msg}`);
}

export function proxmoxBackupManager(args: string[], ctx: CmdCtx): Outcome {
  const st = ctx.st;
  if (!st.host.packages.includes('proxmox-backup-server')) return fail(127, 'proxmox-backup-manager: command not found');
  const fmtIdx = args.findIndex((a) => a === '--output-format');
  let fmt = 'text';
  let rest = args;
  if (fmtIdx >= 0) {
    fmt = args[fmtIdx + 1] ?? '';
    if (!['text', 'json', 'json-pretty'].includes(fmt)) return pbsFail(`parameter verification errors\n\nparameter 'output-format': value '${fmt}' is not defined in the enumeration.`);
    rest = [...args.slice(0, fmtIdx), ...args.slice(fmtIdx + 2)];
  }
  const out = (data: unknown, text: string) => ok(fmt === 'json' ? compactJson(data) : fmt === 'json-pretty' ? perlPretty(data) : text);
  const [group, sub, ...pos] = rest;
  const unexpected = pos.find((a) => a.startsWith('--'));
  // (option names, types and formats were checked against proxmox-backup's schemas before this)
  const options = (list: string[]) => {
    const o: Record<string, string> = {};
    const plain: string[] = [];
    for (let i = 0; i < list.length; i++) {
      const a = list[i] as string;
      if (a.startsWith('--')) o[a.slice(2)] = list[++i] ?? '';
      else plain.push(a);
    }
    return { o, plain };
  };
  if (group === 'datastore' && sub === 'list') {
    if (pos.length) return pbsFail(`unexpected argument '${pos[0]}'`);
    const rows = st.pbs.datastores.map((d) => ({ name: d.name, path: d.path, ...(d.comment ? { comment: d.comment } : {}), ...(d.options ?? {}) }));
    return out(rows, rows.map((r) => `${r.name}\t${r.path}\n`).join(''));
  }
  if (group === 'datastore' && sub === 'update') {
    const { o, plain } = options(pos);
    const ds = st.pbs.datastores.find((d) => d.name === plain[0]);
    if (!ds) return pbsFail(`unable to parse datastore config: no such datastore '${plain[0]}'`);
    ds.options = { ...(ds.options ?? {}), ...o };
    return ok('', { mutated: true, latency: ['user generate-token'] });
  }
  if ((group === 'prune-job' || group === 'verify-job') && (sub === 'create' || sub === 'update' || sub === 'list')) {
    const jobs = (st.pbs.jobs ??= []);
    if (sub === 'list') {
      const rows = jobs.filter((j) => j.type === group).map(({ type: _t, ...j }) => j);
      return out(rows, rows.map((r) => `${r.id}\t${r.store}\t${r.schedule ?? ''}\n`).join(''));
    }
    const { o, plain } = options(pos);
    const id = plain[0] as string;
    const existing = jobs.find((j) => j.type === group && j.id === id);
    if (sub === 'create') {
      if (existing) return pbsFail(`job '${id}' already exists.`);
      if (!st.pbs.datastores.some((d) => d.name === o.store)) return pbsFail(`no such datastore '${o.store}'`);
      jobs.push({ type: group, id, ...o });
    } else {
      if (!existing) return pbsFail(`job '${id}' does not exist.`);
      Object.assign(existing, o);
    }
    return ok('', { mutated: true, latency: ['user generate-token'] });
  }
  if (group === 'datastore' && sub === 'create') {
    const { o, plain } = options(pos);
    if (plain.length !== 2) return pbsFail(plain.length < 2 ? `missing parameter 'path'\n\nUsage: proxmox-backup-manager datastore create <name> <path> [OPTIONS]` : `unexpected argument '${plain[2]}'`);
    const [name, path] = plain as [string, string];
    if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(name) || name.length < 3) return pbsFail(`parameter verification errors\n\nparameter 'name': value does not match the regex pattern`);
    if (!path.startsWith('/')) return pbsFail(`parameter verification errors\n\nparameter 'path': expected absolute path`);
    if (st.pbs.datastores.some((d) => d.name === name)) return pbsFail(`datastore '${name}' already exists.`);
    const avail = st.rootfs.total - st.rootfs.used;
    if (avail < GiB) return pbsFail(`mkdir ${path} failed: No space left on device (os error 28)`);
    st.pbs.datastores.push({ name, path, ...(Object.keys(o).length ? { options: o } : {}) });
    return ok(`Chunkstore create: 1%\nChunkstore create: 100%\nTASK OK\n`, { mutated: true, latency: ['datastore create'] });
  }
  if (group === 'cert' && sub === 'info') {
    return ok(`Subject: CN=${st.node}.local,O=Proxmox Backup Server,OU=${randomUUID()}\nIssuer: CN=${st.node}.local,O=Proxmox Backup Server\nNot Before: Jun  2 10:00:00 2025 GMT\nNot After : Jun  1 10:00:00 2027 GMT\nFingerprint (sha256): ${st.pbs.fingerprint}\nPublic key type: rsaEncryption\nPublic key bits: 4096\n`);
  }
  if (group === 'user' && sub === 'generate-token') {
    if (unexpected) return pbsFail(`schema does not allow additional properties.\n\nparameter '${unexpected.slice(2)}': schema does not allow additional properties.`);
    if (pos.length !== 2) return pbsFail(`missing parameter 'token-name'\n\nUsage: proxmox-backup-manager user generate-token <userid> <token-name> [OPTIONS]`);
    const [user, tok] = pos as [string, string];
    if (!/^[^@\s]+@(pam|pbs)$/.test(user)) return pbsFail(`parameter verification errors\n\nparameter 'userid': value '${user}' is not a valid userid`);
    const id = `${user}!${tok}`;
    if (st.pbs.tokens.includes(id)) return pbsFail(`token '${tok}' for user '${user}' already exists.`);
    st.pbs.tokens.push(id);
    // The CLI calls the API method directly (src/bin/proxmox_backup_manager/user.rs): no
    // --output-format; the result is printed as "Result: " and pretty JSON (docs/user-management.rst).
    const data = { tokenid: id, value: randomUUID() };
    return ok(`Result: ${JSON.stringify(data, null, 2)}\n`, { mutated: true, latency: ['user generate-token'] });
  }
  if (group === 'user' && sub === 'delete-token') {
    if (unexpected) return pbsFail(`schema does not allow additional properties.\n\nparameter '${unexpected.slice(2)}': schema does not allow additional properties.`);
    if (pos.length !== 2) return pbsFail(`missing parameter 'token-name'\n\nUsage: proxmox-backup-manager user delete-token <userid> <token-name>`);
    const [user, tok] = pos as [string, string];
    const id = `${user}!${tok}`;
    if (!st.pbs.tokens.includes(id)) return pbsFail(`no such token '${tok}' for user '${user}'`);
    st.pbs.tokens = st.pbs.tokens.filter((t) => t !== id);
    return ok('', { mutated: true, latency: ['user generate-token'] });
  }
  if (group === 'acl' && sub === 'update') {
    // proxmox-backup-manager acl update <path> <role> --auth-id <id>
    const idIdx = pos.indexOf('--auth-id');
    const authId = idIdx >= 0 ? pos[idIdx + 1] : undefined;
    const plain = pos.filter((_, i) => i !== idIdx && i !== idIdx + 1);
    if (plain.some((a) => a.startsWith('--'))) return pbsFail(`schema does not allow additional properties.`);
    if (plain.length !== 2 || !authId) return pbsFail(`missing parameter '${plain.length < 2 ? 'role' : 'auth-id'}'\n\nUsage: proxmox-backup-manager acl update <path> <role> --auth-id <string> [OPTIONS]`);
    const [path, role] = plain as [string, string];
    const ROLES = ['Admin', 'Audit', 'NoAccess', 'DatastoreAdmin', 'DatastoreReader', 'DatastoreBackup', 'DatastorePowerUser', 'DatastoreAudit', 'RemoteAdmin', 'RemoteAudit', 'RemoteSyncOperator', 'TapeAdmin', 'TapeAudit', 'TapeOperator', 'TapeReader'];
    if (!ROLES.includes(role)) return pbsFail(`parameter verification errors\n\nparameter 'role': value '${role}' is not defined in the enumeration.`);
    const ds = /^\/datastore\/([^/]+)$/.exec(path)?.[1];
    if (path !== '/' && !(ds && st.pbs.datastores.some((d) => d.name === ds))) return pbsFail(`parameter verification errors\n\nparameter 'path': invalid ACL path '${path}'`);
    if (!authId.includes('!') ? !/^[^@\s]+@(pam|pbs)$/.test(authId) : !st.pbs.tokens.includes(authId)) return pbsFail(`no such ${authId.includes('!') ? 'API token' : 'user'} '${authId}'`);
    st.pbs.acl ??= [];
    if (st.pbs.acl.some((a) => a.path === path && a.role === role && a.authId === authId)) return ok('');
    st.pbs.acl.push({ path, role, authId });
    return ok('', { mutated: true, latency: ['user generate-token'] });
  }
  return pbsFail(`no such command '${[group, sub].filter(Boolean).join(' ')}' (simulator models datastore list|create, cert info, user generate-token|delete-token, acl update)`);
}

const PVESM_ADD: CmdSpec = {
  usage: 'pvesm add <type> <storage> [OPTIONS]', positionals: ['type', 'storage'],
  options: { server: 'string', datastore: 'string', username: 'string', password: 'string', fingerprint: 'string', port: 'int', namespace: 'string', content: 'string', 'encryption-key': 'string', nodes: 'string', disable: 'bool', 'prune-backups': 'string' },
};

export function pvesm(args: string[], ctx: CmdCtx): Outcome {
  const [sub, ...rest] = args;
  const st = ctx.st;
  if (sub === 'status') {
    const only = rest[0] === '--storage' ? rest[1] : undefined;
    if (only && !st.storages.some((x) => x.storage === only)) return fail(255, `storage '${only}' does not exist`);
    // status activates each enabled storage; what fails is printed and the storage shows inactive
    const problems: string[] = [];
    const rows = st.storages.filter((s) => !only || s.storage === only).map((s) => {
      const problem = s.disable ? undefined : storageProblem(s, ctx);
      if (problem) problems.push(`${s.storage}: error fetching datastores - ${problem.replace(/^pbs-client: (error fetching datastores - )?/, '')}`);
      const active = !s.disable && !problem;
      const kb = (n: number) => String(Math.floor(n / 1024));
      return `${s.storage.padEnd(16)} ${s.type.padEnd(8)} ${(active ? 'active' : 'inactive').padEnd(8)} ${kb(s.total).padStart(14)} ${kb(s.used).padStart(14)} ${kb(s.total - s.used).padStart(14)} ${(s.total ? (100 * s.used) / s.total : 0).toFixed(2).padStart(7)}%\n`;
    });
    return ok(`Name             Type     Status           Total            Used       Available        %\n${rows.join('')}`, { stderr: problems.map((p) => `${p}\n`).join('') });
  }
  if (sub === 'set') return pvesmSet(rest, ctx);
  if (sub === 'path') return pvesmPath(rest, ctx);
  if (sub !== 'add') return fail(255, `unknown command 'pvesm ${sub ?? ''}'\nUSAGE: pvesm <COMMAND> [ARGS] [OPTIONS]`);
  const p = parseCmd(rest, PVESM_ADD);
  if (isOutcome(p)) return p;
  const { type, storage } = p.pos as { type: string; storage: string };
  if (!['dir', 'lvmthin', 'pbs', 'nfs', 'cifs', 'zfspool'].includes(type)) return fail(255, `400 Parameter verification failed.\ntype: value '${type}' does not have a value in the enumeration 'btrfs, cephfs, cifs, dir, esxi, glusterfs, iscsi, iscsidirect, lvm, lvmthin, nfs, pbs, rbd, zfs, zfspool'\n`);
  if (type !== 'pbs') return fail(255, 'simulator models only `pvesm add pbs`');
  if (st.storages.some((s) => s.storage === storage)) return fail(255, `create storage failed: storage ID '${storage}' already defined`);
  const missing = ['server', 'datastore', 'username'].filter((k) => !p.opts[k]);
  if (missing.length) return fail(255, `400 Parameter verification failed.\n${missing.map((m) => `${m}: property is missing and it is not optional`).join('\n')}\n\n${PVESM_ADD.usage}`);
  if (!/^[^@\s]+@(pam|pbs)(![\w.-]+)?$/.test(p.opts.username as string)) return fail(255, `400 Parameter verification failed.\nusername: value does not look like a valid user or token name\n`);
  // PVE's on_add_hook for pbs: the password given with --password is stored in the .pw file;
  // without one, any existing .pw file is deleted (pbs_delete_password).
  const pwFile = `/etc/pve/priv/storage/${storage}.pw`;
  if (p.opts.password === undefined) rmSync(fsPath(ctx.dir, pwFile), { force: true });
  const entry: Storage = { storage, type: 'pbs', content: (p.opts.content ?? 'backup').split(','), server: p.opts.server, datastore: p.opts.datastore, username: p.opts.username, fingerprint: p.opts.fingerprint, total: 200 * GiB, used: 0, disable: boolVal(p.opts.disable as string | undefined) };
  if (!entry.disable) {
    const problem = pbsActivation(entry, p.opts.password as string | undefined, ctx);
    if (problem) return fail(255, `create storage failed: ${problem}`);
  }
  st.storages.push(entry);
  return ok('', { mutated: true, latency: ['pvesm add'] });
}

/** What activating a pbs storage finds wrong (password, server, fingerprint, token rights, datastore). */
function pbsActivation(s: Storage, password: string | undefined, ctx: CmdCtx): string | undefined {
  const st = ctx.st;
  const pwFile = `/etc/pve/priv/storage/${s.storage}.pw`;
  const pw = password ?? (existsSync(fsPath(ctx.dir, pwFile)) ? readFileSync(fsPath(ctx.dir, pwFile), 'utf8').trim() : '');
  if (!pw) return `pbs-client: ${s.username} - missing password - no password file '${pwFile}'`;
  if (s.server !== '127.0.0.1' && s.server !== 'localhost') return undefined;
  if (!st.host.packages.includes('proxmox-backup-server')) return `pbs-client: error fetching datastores - 500 Can't connect to ${s.server}:8007 (Connection refused)`;
  if (s.fingerprint && s.fingerprint.toLowerCase() !== st.pbs.fingerprint) return `pbs-client: error fetching datastores - fingerprint '${st.pbs.fingerprint}' not verified, abort!`;
  const user = s.username ?? '';
  if (user !== 'root@pam' && !st.pbs.tokens.includes(user)) return 'pbs-client: error fetching datastores - 401 Unauthorized';
  if (!st.pbs.datastores.some((d) => d.name === s.datastore)) return `pbs-client: datastore '${s.datastore}' does not exist`;
  // A token sees only what its own ACL entries allow (it does not inherit root@pam's rights here).
  if (user.includes('!') && !(st.pbs.acl ?? []).some((a) => a.authId === user && (a.path === '/' || a.path === `/datastore/${s.datastore}`))) {
    return `pbs-client: error fetching datastores - datastore '${s.datastore}' not visible to ${user} (no permissions)`;
  }
  return undefined;
}

/** `pvesm path VOLID`: the file behind a volume of a directory storage. */
function pvesmPath(args: string[], ctx: CmdCtx): Outcome {
  if (args.length !== 1 || args[0]!.startsWith('-')) return fail(255, `400 wrong number of arguments\npvesm path <volume>`);
  const m = /^([^:]+):(backup|vztmpl|iso)\/([^/]+)$/.exec(args[0]!);
  if (!m) return fail(255, `unable to parse volume ID '${args[0]}'`);
  const s = ctx.st.storages.find((x) => x.storage === m[1]);
  if (!s) return fail(255, `storage '${m[1]}' does not exist`);
  if (s.type !== 'dir' || !s.path) return fail(255, `storage '${m[1]}' has no file paths for ${m[2]} volumes`);
  const sub = m[2] === 'backup' ? 'dump' : m[2] === 'vztmpl' ? 'template/cache' : 'template/iso';
  return ok(`${s.path}/${sub}/${m[3]}\n`);
}

const PVESM_SET: CmdSpec = { usage: 'pvesm set <storage> [OPTIONS]', positionals: ['storage'], options: { disable: 'bool', password: 'string', fingerprint: 'string', content: 'string', server: 'string', datastore: 'string', username: 'string' } };

/** Why PVE cannot activate an enabled storage now (undefined: it can). */
export function storageProblem(s: Storage, ctx: CmdCtx): string | undefined {
  return s.type === 'pbs' ? pbsActivation(s, undefined, ctx) : undefined;
}

/**
 * `pvesm set ID --disable 0` only edits storage.cfg: PUT /storage/{storage} (pve-storage
 * PVE/API2/Storage/Config.pm update) calls the plugin's on_update_hook, which keeps the .pw file
 * when no password is given, and activates nothing. Whether the storage works shows in `pvesm status`.
 */
function pvesmSet(args: string[], ctx: CmdCtx): Outcome {
  const p = parseCmd(args, PVESM_SET);
  if (isOutcome(p)) return p;
  const s = ctx.st.storages.find((x) => x.storage === p.pos.storage);
  if (!s) return fail(255, `update storage failed: storage '${p.pos.storage}' does not exist`);
  if (p.opts.password !== undefined) writeHostFile(ctx.dir, `/etc/pve/priv/storage/${s.storage}.pw`, `${p.opts.password}\n`, 0o600);
  if (p.opts.disable === undefined) return ok('', { mutated: p.opts.password !== undefined });
  const disable = boolVal(p.opts.disable as string);
  if (disable === Boolean(s.disable)) return ok('');
  s.disable = disable;
  return ok('', { mutated: true, latency: ['pvesm add'] });
}

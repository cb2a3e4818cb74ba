// @ts-nocheck
// pvesh get/create against the simulated API: nodes, node status, storage (+content), network,
// cluster nextid/resources/backup, /storage, aplinfo.
import { readdirSync, statSync } from 'node:fs';
import { fsPath, GiB, releaseOf, type Guest, type SimState } from './state.js';
import { compactJson, perlPretty } from './json.js';
import { checkTags } from './args.js';
import { fail, ok, type CmdCtx, type Outcome } from './types.js';
import { storageProblem } from './pbs.js';

const FORMATS = ['json', 'json-pretty', 'text', 'yaml'];

function notDefined(k: string): Outcome {
  return fail(255, `400 Parameter verification failed.\n${k}: property is not defined in schema and the schema does not allow additional properties\n`);
}

export function guestMemBytes(g: Guest): number {
  return Number(g.config.memory ?? 512) * 1024 * 1024;
}

function usedMem(st: SimState): number {
  return st.memoryUsed + Object.values(st.guests).filter((g) => g.status === 'running').reduce((a, g) => a + guestMemBytes(g), 0);
}

function storageList(st: SimState, ctx: CmdCtx): Record<string, unknown>[] {
  return st.storages.map((s) => {
    const active = !s.disable && !storageProblem(s, ctx);
    return { storage: s.storage, type: s.type, content: s.content.join(','), active: active ? 1 : 0, enabled: 1, shared: 0, total: s.total, used: s.used, avail: s.total - s.used, used_fraction: s.total ? s.used / s.total : 0 };
  });
}

function files(dir: string, abs: string): { name: string; size: number; ctime: number }[] {
  try {
    return readdirSync(fsPath(dir, abs)).sort().map((name) => {
      const s = statSync(fsPath(dir, `${abs}/${name}`));
      return { name, size: s.size, ctime: Math.floor(s.ctimeMs / 1000) };
    });
  } catch {
    return [];
  }
}

export function storageContent(ctx: CmdCtx, storage: string, content?: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (storage !== 'local') return out;
  if (!content || content === 'backup') {
    for (const f of files(ctx.dir, '/var/lib/vz/dump')) {
      const m = /^vzdump-(qemu|lxc)-(.+?)\.(vma(?:\.zst|\.gz|\.lzo)?|tar(?:\.zst|\.gz)?)$/.exec(f.name);
      if (!m) continue;
      const id = /^(\d+)-/.exec(m[2] as string)?.[1];
      out.push({ volid: `local:backup/${f.name}`, content: 'backup', format: m[3], size: f.size, ctime: f.ctime, subtype: m[1], ...(id ? { vmid: Number(id) } : {}) });
    }
  }
  if (!content || content === 'vztmpl') {
    for (const f of files(ctx.dir, '/var/lib/vz/template/cache')) out.push({ volid: `local:vztmpl/${f.name}`, content: 'vztmpl', format: f.name.replace(/^.*?\.(tar\.\w+)$/, '$1'), size: f.size, ctime: f.ctime });
  }
  return out;
}

export function nextId(st: SimState): number {
  let id = 100;
  while (st.guests[String(id)]) id++;
  return id;
}

function resources(st: SimState, ctx: CmdCtx, type?: string): Record<string, unknown>[] {
  const vms = Object.values(st.guests).sort((a, b) => a.vmid - b.vmid).map((g) => {
    const kind = g.type;
    const r: Record<string, unknown> = {
      id: `${kind}/${g.vmid}`, vmid: g.vmid, name: kind === 'lxc' ? g.config.hostname : g.config.name, type: kind, status: g.status, node: st.node,
      maxmem: guestMemBytes(g), maxcpu: Number(g.config.cores ?? 1), maxdisk: 10 * GiB, template: 0, uptime: g.status === 'running' ? 60 : 0,
    };
    if (g.config.tags) r.tags = (checkTags(g.config.tags) as string[]).join(';');
    return r;
  });
  if (type === 'vm') return vms;
  const node = { id: `node/${st.node}`, node: st.node, type: 'node', status: 'online', maxmem: st.memoryTotal, mem: usedMem(st), maxcpu: 8 };
  const stor = storageList(st, ctx).map((s) => ({ id: `storage/${st.node}/${s.storage}`, storage: s.storage, node: st.node, type: 'storage', status: s.active ? 'available' : 'unknown', plugintype: s.type, content: s.content, maxdisk: s.total, disk: s.used }));
  if (type === 'node') return [node];
  if (type === 'storage') return stor;
  return [...vms, node, ...stor];
}

function render(data: unknown, fmt: string): string {
  if (fmt === 'json') return compactJson(data);
  if (fmt === 'json-pretty') return perlPretty(data);
  if (data === null || typeof data !== 'object') return `${String(data)}\n`;
  const rows = Array.isArray(data) ? data : [data];
  return rows.map((r) => Object.entries(r as object).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('\n')).join('\n\n') + '\n';
}

export function pvesh(args: string[], ctx: CmdCtx): Outcome {
  const [verb, path, ...rest] = args;
  if (!verb || !['get', 'set', 'create', 'delete', 'ls', 'usage'].includes(verb)) return fail(255, `unknown command 'pvesh ${verb ?? ''}'\nUSAGE: pvesh <COMMAND> [ARGS] [OPTIONS]`);
  if (!path || !path.startsWith('/')) return fail(255, `400 not enough arguments\npvesh ${verb} <api_path> [OPTIONS] [FORMAT_OPTIONS]`);
  const opts: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (!a.startsWith('-')) return fail(255, `400 too many arguments\npvesh ${verb} <api_path> [OPTIONS] [FORMAT_OPTIONS]`);
    const name = a.replace(/^--?/, '');
    const v = rest[i + 1];
    if (v === undefined) return fail(255, `Option ${name} requires an argument\n400 unable to parse option`);
    opts[name] = v;
    i++;
  }
  const fmt = opts['output-format'] ?? 'text';
  delete opts['output-format'];
  if (!FORMATS.includes(fmt)) return fail(255, `400 Parameter verification failed.\noutput-format: value '${fmt}' does not have a value in the enumeration 'text, json, json-pretty, yaml'\n`);
  const p = path.replace(/\/+$/, '');
  const allow = (...names: string[]) => Object.keys(opts).find((k) => !names.includes(k));
  const st = ctx.st;
  const nodeM = /^\/nodes\/([^/]+)(\/.*)?$/.exec(p);
  if (nodeM && nodeM[1] !== st.node) return fail(255, `hostname lookup '${nodeM[1]}' failed - failed to get address info for: ${nodeM[1]}: Name or service not known`);
  const sub = nodeM?.[2] ?? '';

  if (verb === 'create' && p === '/cluster/backup') return createBackupJob(opts, ctx);
  const jobM = /^\/cluster\/backup\/([^/]+)$/.exec(p);
  if (jobM && verb === 'set') return updateBackupJob(jobM[1] as string, opts, ctx);
  if (verb !== 'get') return fail(255, `No '${verb}' handler defined for '${p.slice(1)}'`);

  let data: unknown;
  let bad: string | undefined;
  if (p === '/nodes') {
    bad = allow();
    data = [{ node: st.node, status: 'online', type: 'node', id: `node/${st.node}`, level: '', maxcpu: 8, cpu: 0.03, maxmem: st.memoryTotal, mem: usedMem(st), maxdisk: st.rootfs.total, disk: st.rootfs.used, uptime: 86400 }];
  } else if (nodeM && sub === '/status') {
    bad = allow();
    const used = usedMem(st);
    data = {
      memory: { total: st.memoryTotal, used, free: st.memoryTotal - used },
      rootfs: { total: st.rootfs.total, used: st.rootfs.used, free: st.rootfs.total - st.rootfs.used, avail: st.rootfs.total - st.rootfs.used },
      swap: { total: 8 * GiB, used: 0, free: 8 * GiB },
      cpuinfo: { cpus: 8, cores: 8, sockets: 1, model: 'Intel(R) Xeon(R) E-2236 CPU @ 3.40GHz', mhz: '3400.000', hvm: '1' },
      pveversion: `pve-manager/${releaseOf(st).pveManager}`, kversion: `Linux ${releaseOf(st).kernel} #1 SMP PREEMPT_DYNAMIC PMX ${releaseOf(st).kernel.replace(/-pve$/, '')}`, uptime: 86400, loadavg: ['0.12', '0.10', '0.08'], cpu: 0.03, wait: 0,
    };
  } else if (nodeM && sub === '/storage') {
    bad = allow('content', 'storage', 'enabled');
    data = storageList(st, ctx).filter((s) => !opts.content || String(s.content).split(',').includes(opts.content));
  } else if (nodeM && /^\/storage\/[^/]+\/content$/.test(sub)) {
    bad = allow('content', 'vmid');
    const id = sub.split('/')[2] as string;
    if (!st.storages.some((s) => s.storage === id)) return fail(255, `storage '${id}' does not exist`);
    data = storageContent(ctx, id, opts.content);
  } else if (nodeM && sub === '/network') {
    bad = allow('type');
    data = st.network.filter((n) => !opts.type || n.type === opts.type || (opts.type === 'any_bridge' && n.type === 'bridge')).map((n) => ({ ...n, families: ['inet'], method: n.address ? 'static' : 'manual', method6: 'manual', priority: 3 }));
  } else if (nodeM && sub === '/aplinfo') {
    bad = allow();
    data = st.aplUpdated ? st.aplinfo.map((a) => ({ ...a, os: a.template.split('-')[0], package: a.template.replace(/_.*$/, ''), type: 'lxc' })) : [];
  } else if (nodeM && (sub === '/lxc' || sub === '/qemu')) {
    bad = allow();
    data = resources(st, ctx, 'vm').filter((r) => r.type === (sub === '/lxc' ? 'lxc' : 'qemu'));
  } else if (p === '/cluster/nextid') {
    bad = allow('vmid');
    if (opts.vmid !== undefined) {
      if (st.guests[opts.vmid]) return fail(255, `400 Parameter verification failed.\nvmid: VM ${opts.vmid} already exists\n`);
      data = opts.vmid;
    } else data = String(nextId(st));
  } else if (p === '/cluster/resources') {
    bad = allow('type');
    if (opts.type && !['vm', 'storage', 'node', 'sdn'].includes(opts.type)) return fail(255, `400 Parameter verification failed.\ntype: value '${opts.type}' does not have a value in the enumeration 'vm, storage, node, sdn'\n`);
    data = resources(st, ctx, opts.type);
  } else if (p === '/cluster/backup') {
    bad = allow();
    data = st.backupJobs;
  } else if (jobM) {
    bad = allow();
    const job = st.backupJobs.find((j) => j.id === jobM[1]);
    if (!job) return fail(255, `job '${jobM[1]}' does not exist`);
    data = job;
  } else if (p === '/storage') {
    bad = allow('type');
    data = st.storages.filter((s) => !opts.type || s.type === opts.type).map((s) => {
      const { total: _t, used: _u, disable, ...cfg } = s;
      return { ...cfg, ...(disable ? { disable: 1 } : {}), content: s.content.join(','), digest: '5c2b5f6a1d4e3f9a0b7c8d6e5f4a3b2c1d0e9f8a' };
    });
  } else return fail(255, `No 'get' handler defined for '${p.slice(1)}'`);
  if (bad) return notDefined(bad);
  return ok(render(data, fmt));
}

/** PUT /cluster/backup/{id} (pve-manager PVE/API2/Backup.pm update_job): options replaced, `delete` removes. */
function updateBackupJob(id: string, opts: Record<string, string>, ctx: CmdCtx): Outcome {
  const job = ctx.st.backupJobs.find((j) => j.id === id);
  if (!job) return fail(255, `job '${id}' does not exist`);
  if (opts.storage) {
    const s = ctx.st.storages.find((x) => x.storage === opts.storage);
    if (!s) return fail(255, `storage '${opts.storage}' does not exist`);
  }
  for (const d of (opts.delete ?? '').split(/[,; ]+/).filter(Boolean)) delete job[d];
  for (const [k, v] of Object.entries(opts)) if (k !== 'delete' && k !== 'digest') job[k] = k === 'enabled' ? Number(v) : v;
  return ok('', { mutated: true, latency: ['pvesh create'] });
}

function createBackupJob(opts: Record<string, string>, ctx: CmdCtx): Outcome {
  const known = ['id', 'schedule', 'storage', 'vmid', 'mode', 'enabled', 'comment', 'compress', 'mailnotification', 'mailto', 'notes-template', 'prune-backups', 'all', 'starttime', 'dow', 'node'];
  const bad = Object.keys(opts).find((k) => !known.includes(k));
  if (bad) return notDefined(bad);
  const errs: string[] = [];
  if (opts.id !== undefined && !/^[a-z][a-z0-9_\-]{2,}$/i.test(opts.id)) errs.push(`id: invalid format - job ID '${opts.id}' is invalid`);
  if (!opts.schedule && !opts.starttime) errs.push("schedule: property is missing and it is not optional");
  if (opts.schedule && !/^([0-9*,/.-]+:[0-9*,/.-]+|daily|weekly|monthly|hourly|(mon|tue|wed|thu|fri|sat|sun)[a-z,.]*( [0-9*]+:[0-9*]+)?)$/i.test(opts.schedule)) errs.push(`schedule: value does not match the regex pattern`);
  if (opts.mode && !['snapshot', 'suspend', 'stop'].includes(opts.mode)) errs.push(`mode: value '${opts.mode}' does not have a value in the enumeration 'snapshot, suspend, stop'`);
  if (opts.vmid && !/^\d+(,\d+)*$/.test(opts.vmid)) errs.push(`vmid: invalid format - value does not look like a valid VM ID list`);
  if (!opts.vmid && opts.all !== '1') errs.push('vmid: property is missing and it is not optional');
  if (errs.length) return fail(255, `400 Parameter verification failed.\n${errs.join('\n')}\n`);
  if (opts.storage) {
    const s = ctx.st.storages.find((x) => x.storage === opts.storage);
    if (!s) return fail(255, `storage '${opts.storage}' does not exist`);
    if (!s.content.includes('backup')) return fail(255, `storage '${opts.storage}' does not support backup content`);
  }
  const id = opts.id ?? `backup-${Math.random().toString(16).slice(2, 10)}-${Math.random().toString(16).slice(2, 6)}`;
  if (ctx.st.backupJobs.some((j) => j.id === id)) return fail(255, `Job '${id}' already exists`);
  const job: Record<string, string | number> = { id, type: 'vzdump', enabled: Number(opts.enabled ?? 1) };
  for (const [k, v] of Object.entries(opts)) if (k !== 'id' && k !== 'enabled') job[k] = v;
  ctx.st.backupJobs.push(job);
  return ok('', { mutated: true, latency: ['pvesh create'] });
}

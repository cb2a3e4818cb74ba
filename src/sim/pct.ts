// pct: create, start, status, config, list, set, push, exec.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { isOutcome, paramError, parseCmd, propString, type CmdSpec } from './args.js';
import { allocDisk, configText, existsMsg, getGuest, isGuest, mac, missingBridge, validateCommon } from './guests.js';
import { fsPath, GiB, osRelease, RELEASES, writeHostFile, type Guest } from './state.js';
import { CT_BASE_PACKAGES } from './system.js';
import { PMG_MAIN_CF_IN } from './pmg.js';
import { fail, ok, type CmdCtx, type Outcome } from './types.js';

const CFG_OPTS: CmdSpec['options'] = {
  hostname: 'string', unprivileged: 'bool', features: 'string', onboot: 'bool', tags: 'string', cores: 'int', memory: 'int', swap: 'int',
  rootfs: 'string', nameserver: 'string', searchdomain: 'string', description: 'string', ostype: 'string', arch: 'string', timezone: 'string',
  protection: 'bool', cmode: 'string', console: 'bool', tty: 'int', cpulimit: 'string', cpuunits: 'int', startup: 'string', lock: 'string',
  ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`net${i}`, 'string' as const])),
  ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`mp${i}`, 'string' as const])),
  // Device passthrough (pve-container src/PVE/LXC/Config.pm $dev_desc: path, mode, uid, gid, deny-write).
  ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`dev${i}`, 'string' as const])),
};
const CREATE: CmdSpec = {
  usage: 'pct create <vmid> <ostemplate> [OPTIONS]', positionals: ['vmid', 'ostemplate'],
  options: { ...CFG_OPTS, storage: 'string', password: 'string', 'ssh-public-keys': 'string', start: 'bool', pool: 'string', unique: 'bool', force: 'bool', 'ignore-unpack-errors': 'bool', restore: 'bool', bwlimit: 'string' },
};
const SET: CmdSpec = { usage: 'pct set <vmid> [OPTIONS]', positionals: ['vmid'], options: { ...CFG_OPTS, delete: 'string', revert: 'string', digest: 'string' } };
const VMID_ONLY = (cmd: string, extra: CmdSpec['options'] = {}): CmdSpec => ({ usage: `pct ${cmd} <vmid> [OPTIONS]`, positionals: ['vmid'], options: extra });
const PULL: CmdSpec = { usage: 'pct pull <vmid> <path> <destination> [OPTIONS]', positionals: ['vmid', 'path', 'destination'], options: { perms: 'string', user: 'string', group: 'string' } };
const DESTROY: CmdSpec = { usage: 'pct destroy <vmid> [OPTIONS]', positionals: ['vmid'], options: { force: 'bool', purge: 'bool', 'destroy-unreferenced-disks': 'bool' } };
const PUSH: CmdSpec = { usage: 'pct push <vmid> <file> <destination> [OPTIONS]', positionals: ['vmid', 'file', 'destination'], options: { perms: 'string', user: 'string', group: 'string' } };
const EXEC: CmdSpec = { usage: 'pct exec <vmid> [<extra-args>] [OPTIONS]', positionals: ['vmid'], options: { 'keep-env': 'bool' }, extraArgs: true };
const FEATURES = ['force_rw_sys', 'fuse', 'keyctl', 'mknod', 'mount', 'nesting'];

export function pct(args: string[], ctx: CmdCtx): Outcome {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'create': return create(rest, ctx);
    case 'start': return start(rest, ctx);
    case 'status': return status(rest, ctx);
    case 'config': return config(rest, ctx);
    case 'list': return rest.length ? fail(255, '400 too many arguments\npct list') : list(ctx);
    case 'set': return set(rest, ctx);
    case 'push': return push(rest, ctx);
    case 'pull': return pull(rest, ctx);
    case 'stop': return stop(rest, ctx);
    case 'destroy': return destroy(rest, ctx);
    case 'exec': return exec(rest, ctx);
    default: return fail(255, `unknown command 'pct ${sub ?? ''}'\nUSAGE: pct <COMMAND> [ARGS] [OPTIONS]`);
  }
}

function validate(spec: CmdSpec, opts: Record<string, string>): Outcome | undefined {
  const e = validateCommon(opts, 'lxc');
  if (opts.features !== undefined) {
    const f = propString(opts.features);
    if (typeof f === 'string') e.features = f;
    else {
      const bad = Object.keys(f).find((k) => !FEATURES.includes(k));
      if (bad) e.features = `invalid format - property '${bad}' not allowed`;
    }
  }
  for (const [k, v] of Object.entries(opts)) {
    if (!/^dev\d$/.test(k)) continue;
    const d = propString(v, 'path');
    if (typeof d === 'string') e[k] = d;
    else if (Object.keys(d).some((x) => !['path', 'mode', 'uid', 'gid', 'deny-write'].includes(x))) e[k] = `invalid format - property '${Object.keys(d).find((x) => !['path', 'mode', 'uid', 'gid', 'deny-write'].includes(x))}' not allowed`;
    else if (!d.path?.startsWith('/dev/')) e[k] = `invalid format - value '${d.path ?? ''}' does not look like a device path`;
    else if (d.mode !== undefined && !/^0[0-7]{3}$/.test(d.mode)) e[k] = `invalid format - value does not match the regex pattern`;
  }
  if (opts.rootfs !== undefined && !/^(volume=)?[a-z][a-z0-9\-_.]*:\d+(\.\d+)?(,.*)?$/i.test(opts.rootfs)) e.rootfs = 'invalid format - unable to parse volume ID';
  return Object.keys(e).length ? paramError(spec, e) : undefined;
}

function create(args: string[], ctx: CmdCtx): Outcome {
  const p = parseCmd(args, CREATE);
  if (isOutcome(p)) return p;
  const { vmid, ostemplate } = p.pos as { vmid: string; ostemplate: string };
  const bad = validate(CREATE, p.opts);
  if (bad) return bad;
  const st = ctx.st;
  if (st.guests[vmid]) return fail(255, existsMsg(st, vmid));
  const m = /^([a-z][a-z0-9\-_.]*):vztmpl\/(.+)$/i.exec(ostemplate);
  if (!m) return fail(255, `unable to create CT ${vmid} - unable to parse volume ID '${ostemplate}'`);
  const [, tstore, tfile] = m as unknown as [string, string, string];
  const ts = st.storages.find((s) => s.storage === tstore);
  if (!ts) return fail(255, `unable to create CT ${vmid} - storage '${tstore}' does not exist`);
  if (!ts.content.includes('vztmpl') || !existsSync(fsPath(ctx.dir, `/var/lib/vz/template/cache/${tfile}`))) return fail(255, `unable to create CT ${vmid} - volume '${ostemplate}' does not exist`);
  if (p.opts['ssh-public-keys'] && !existsSync(fsPath(ctx.dir, p.opts['ssh-public-keys']))) return fail(255, `unable to open file '${p.opts['ssh-public-keys']}' - No such file or directory`);
  const rootfs = p.opts.rootfs ?? `${p.opts.storage ?? 'local'}:4`;
  const rm = /^(?:volume=)?([^:]+):(\d+(?:\.\d+)?)/.exec(rootfs) as RegExpExecArray;
  const err = allocDisk(st, rm[1] as string, Number(rm[2]), 'rootdir', vmid);
  if (err) return fail(255, `unable to create CT ${vmid} - ${err}`);
  const config: Record<string, string> = { arch: 'amd64', cores: '1', memory: '512', swap: '512', ostype: tfile.startsWith('debian') || tfile.startsWith('proxmox') ? 'debian' : 'unmanaged' };
  for (const [k, v] of Object.entries(p.opts)) {
    if (['storage', 'password', 'ssh-public-keys', 'start', 'pool', 'unique', 'force', 'ignore-unpack-errors', 'restore', 'bwlimit'].includes(k)) continue;
    config[k] = /^net\d$/.test(k) && !/hwaddr=/.test(v) ? `${v},hwaddr=${mac()},type=veth` : v;
  }
  config.rootfs = `${rm[1]}:vm-${vmid}-disk-0,size=${rm[2]}G`;
  const pmgTemplate = tfile.startsWith('proxmox-mailgateway');
  const g: Guest & { template?: string } = { vmid: Number(vmid), type: 'lxc', status: 'stopped', config, packages: [...CT_BASE_PACKAGES], aptLists: [], template: tfile };
  if (pmgTemplate) {
    g.packages.push('proxmox-mailgateway-container');
    g.pmg = { domains: [], transport: [], mynetworks: [], mail: { int_port: 26, ext_port: 25, tls: 0, relayport: 25 }, synced: true };
    for (const b of ['pmgsh', 'pmgconfig', 'pmgproxy']) writeHostFile(ctx.dir, `/usr/bin/${b}`, 'binary\n', 0o755, g.vmid);
    writeHostFile(ctx.dir, '/var/lib/pmg/templates/main.cf.in', PMG_MAIN_CF_IN, 0o644, g.vmid);
  }
  st.guests[vmid] = g;
  for (const d of ['/etc/apt/trusted.gpg.d', '/etc/apt/sources.list.d', '/usr/share/keyrings', '/root', '/tmp', '/usr/bin', '/var/lib']) mkdirSync(fsPath(ctx.dir, d, g.vmid), { recursive: true });
  writeHostFile(ctx.dir, '/etc/hostname', `${config.hostname ?? `CT${vmid}`}\n`, 0o644, g.vmid);
  // the template decides the container's Debian release and its apt sources format
  const rel = /^debian-13-/.test(tfile) ? RELEASES['9.1'] : RELEASES['8.4'];
  writeHostFile(ctx.dir, '/etc/os-release', osRelease(rel), 0o644, g.vmid);
  if (rel.deb822) writeHostFile(ctx.dir, '/etc/apt/sources.list.d/debian.sources', `Types: deb\nURIs: http://deb.debian.org/debian\nSuites: ${rel.codename} ${rel.codename}-updates\nComponents: main contrib\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n`, 0o644, g.vmid);
  else writeHostFile(ctx.dir, '/etc/apt/sources.list', `deb http://deb.debian.org/debian ${rel.codename} main\ndeb http://deb.debian.org/debian ${rel.codename}-updates main\n`, 0o644, g.vmid);
  const latency: Outcome['latency'] = ['pct create'];
  if (p.opts.start === '1') {
    g.status = 'running';
    latency.push('pct start');
  }
  const out = `  Logical volume "vm-${vmid}-disk-0" created.\nCreating filesystem with ${Number(rm[2]) * 262144} 4k blocks and ${Number(rm[2]) * 65536} inodes\nextracting archive '/var/lib/vz/template/cache/${tfile}'\nTotal bytes read: 521902080 (498MiB, 147MiB/s)\nDetected OS distribution 'debian ${rel.debian}'\nCreating SSH host key 'ssh_host_ed25519_key' - this may take some time ...\n`;
  return ok(out, { mutated: true, latency });
}

function start(args: string[], ctx: CmdCtx): Outcome {
  const p = parseCmd(args, VMID_ONLY('start', { debug: 'bool', skiplock: 'bool' }));
  if (isOutcome(p)) return p;
  const g = getGuest(ctx.st, 'lxc', p.pos.vmid as string);
  if (!isGuest(g)) return g;
  if (g.status === 'running') return fail(255, `CT ${g.vmid} already running`);
  const br = missingBridge(ctx.st, g);
  if (br) return fail(255, `bridge '${br}' does not exist\nlxc-start: ${g.vmid}: ../src/lxc/start.c: __lxc_start: 2114 Failed to spawn container "${g.vmid}"\nstartup for container '${g.vmid}' failed`);
  g.status = 'running';
  delete g.stoppedUnits; // a boot starts every enabled service again
  return ok('', { mutated: true, latency: ['pct start'] });
}

function status(args: string[], ctx: CmdCtx): Outcome {
  const p = parseCmd(args, VMID_ONLY('status', { verbose: 'bool' }));
  if (isOutcome(p)) return p;
  const g = getGuest(ctx.st, 'lxc', p.pos.vmid as string);
  if (!isGuest(g)) return g;
  return ok(`status: ${g.status}\n`);
}

function config(args: string[], ctx: CmdCtx): Outcome {
  const p = parseCmd(args, VMID_ONLY('config', { current: 'bool', snapshot: 'string' }));
  if (isOutcome(p)) return p;
  const g = getGuest(ctx.st, 'lxc', p.pos.vmid as string);
  if (!isGuest(g)) return g;
  return ok(configText(g));
}

function list(ctx: CmdCtx): Outcome {
  const f = (a: string, b: string, c: string, d: string) => `${a.padEnd(10)} ${b.padEnd(10)} ${c.padEnd(12)} ${d.padEnd(20)}\n`;
  const rows = Object.values(ctx.st.guests).filter((g) => g.type === 'lxc').sort((a, b) => a.vmid - b.vmid);
  return ok(f('VMID', 'Status', 'Lock', 'Name') + rows.map((g) => f(String(g.vmid), g.status, '', g.config.hostname ?? '')).join(''));
}

function set(args: string[], ctx: CmdCtx): Outcome {
  const p = parseCmd(args, SET);
  if (isOutcome(p)) return p;
  const g = getGuest(ctx.st, 'lxc', p.pos.vmid as string);
  if (!isGuest(g)) return g;
  const bad = validate(SET, p.opts);
  if (bad) return bad;
  if (p.opts.rootfs) return paramError(SET, { rootfs: 'cannot change rootfs with pct set (use pct resize / move-volume)' });
  for (const [k, v] of Object.entries(p.opts)) {
    if (k === 'delete') for (const d of v.split(/[,; ]+/)) delete g.config[d];
    else if (k !== 'digest' && k !== 'revert') g.config[k] = /^net\d$/.test(k) && !/hwaddr=/.test(v) ? `${v},hwaddr=${mac()},type=veth` : v;
  }
  return ok('', { mutated: true, latency: ['pct set'] });
}

function push(args: string[], ctx: CmdCtx): Outcome {
  const p = parseCmd(args, PUSH);
  if (isOutcome(p)) return p;
  const { vmid, file, destination } = p.pos as { vmid: string; file: string; destination: string };
  const g = getGuest(ctx.st, 'lxc', vmid);
  if (!isGuest(g)) return g;
  if (g.status !== 'running') return fail(255, `container '${vmid}' not running!`);
  if (p.opts.perms !== undefined && !/^0?[0-7]{3,4}$/.test(p.opts.perms)) return paramError(PUSH, { perms: 'invalid format - value does not look like a valid octal mode' });
  const src = fsPath(ctx.dir, file);
  if (!existsSync(src)) return fail(255, `failed to open ${file} for reading`);
  if (!destination.startsWith('/')) return fail(255, `'destination' must be an absolute path`);
  const parent = destination.replace(/\/[^/]+$/, '') || '/';
  if (parent !== '/' && !existsSync(fsPath(ctx.dir, parent, g.vmid))) return fail(255, `failed to open ${destination} for writing: No such file or directory`);
  writeHostFile(ctx.dir, destination, readFileSync(src), parseInt(p.opts.perms ?? '0644', 8), g.vmid);
  return ok('', { mutated: true, latency: ['pct push'] });
}

function exec(args: string[], ctx: CmdCtx): Outcome {
  const p = parseCmd(args, EXEC);
  if (isOutcome(p)) return p;
  const g = getGuest(ctx.st, 'lxc', p.pos.vmid as string);
  if (!isGuest(g)) return g;
  if (g.status !== 'running') return fail(255, `container '${g.vmid}' not running!`);
  if (p.extra.length === 0) return fail(255, 'missing command: pct exec needs a command after --');
  const r = ctx.exec(p.extra, { kind: 'ct', vmid: g.vmid }, ctx.stdin);
  return { ...r, target: `ct:${g.vmid}` };
}

function pull(args: string[], ctx: CmdCtx): Outcome {
  const p = parseCmd(args, PULL);
  if (isOutcome(p)) return p;
  const { vmid, path, destination } = p.pos as { vmid: string; path: string; destination: string };
  const g = getGuest(ctx.st, 'lxc', vmid);
  if (!isGuest(g)) return g;
  if (g.status !== 'running') return fail(255, `container '${vmid}' not running!`);
  const src = fsPath(ctx.dir, path, g.vmid);
  if (!existsSync(src)) return fail(255, `failed to open ${path} for reading`);
  if (!destination.startsWith('/')) return fail(255, `'destination' must be an absolute path`);
  const parent = destination.replace(/\/[^/]+$/, '') || '/';
  if (parent !== '/' && !existsSync(fsPath(ctx.dir, parent))) return fail(255, `failed to open ${destination} for writing: No such file or directory`);
  let data = readFileSync(src);
  // NETSETUP_SIM_CORRUPT=pct-pull: the first copy arrives with one byte changed (a damaged transfer).
  if ((ctx.env.NETSETUP_SIM_CORRUPT ?? '').split(',').includes('pct-pull') && !ctx.st.faultsConsumed.includes('corrupt:pct-pull')) {
    ctx.st.faultsConsumed.push('corrupt:pct-pull');
    data = Buffer.concat([data, Buffer.from('\0')]);
  }
  writeHostFile(ctx.dir, destination, data, parseInt(p.opts.perms ?? '0644', 8));
  return ok('', { mutated: true, latency: ['pct pull'] });
}

function stop(args: string[], ctx: CmdCtx): Outcome {
  const p = parseCmd(args, VMID_ONLY('stop', { skiplock: 'bool', 'overrule-shutdown': 'bool' }));
  if (isOutcome(p)) return p;
  const g = getGuest(ctx.st, 'lxc', p.pos.vmid as string);
  if (!isGuest(g)) return g;
  if (g.status !== 'running') return fail(255, `CT ${g.vmid} not running`);
  g.status = 'stopped';
  return ok('', { mutated: true, latency: ['pct stop'] });
}

function destroy(args: string[], ctx: CmdCtx): Outcome {
  const p = parseCmd(args, DESTROY);
  if (isOutcome(p)) return p;
  const g = getGuest(ctx.st, 'lxc', p.pos.vmid as string);
  if (!isGuest(g)) return g;
  if (g.status === 'running' && p.opts.force !== '1') return fail(255, `CT ${g.vmid} is running - destroy failed`);
  const m = /^([^:]+):vm-\d+-disk-\d+,size=(\d+(?:\.\d+)?)G/.exec(g.config.rootfs ?? '');
  const s = m ? ctx.st.storages.find((x) => x.storage === m[1]) : undefined;
  if (s && m) s.used = Math.max(0, s.used - Number(m[2]) * GiB);
  delete ctx.st.guests[String(g.vmid)];
  rmSync(fsPath(ctx.dir, '/', g.vmid), { recursive: true, force: true });
  return ok(`  Logical volume "vm-${g.vmid}-disk-0" successfully removed.\n`, { mutated: true, latency: ['pct destroy'] });
}

// qmrestore and qm: set, start, status, list, config, guest cmd, guest exec, guest exec-status.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isOutcome, paramError, parseCmd, propString, type CmdSpec } from './args.js';
import { allocDisk, configText, existsMsg, getGuest, isGuest, mac, missingBridge, validateCommon } from './guests.js';
import { perlPretty } from './json.js';
import { SIM_LATENCY_MS } from './latency.js';
import { defaultVmaConfig, fsPath, GiB, type Guest } from './state.js';
import { guestMemBytes } from './pvesh.js';
import { fail, ok, type CmdCtx, type Outcome } from './types.js';

const RESTORE: CmdSpec = {
  usage: 'qmrestore <archive> <vmid> [OPTIONS]', positionals: ['archive', 'vmid'],
  options: { storage: 'string', unique: 'bool', force: 'bool', pool: 'string', bwlimit: 'int', 'live-restore': 'bool' },
};
const SET: CmdSpec = {
  usage: 'qm set <vmid> [OPTIONS]', positionals: ['vmid'],
  options: {
    name: 'string', tags: 'string', description: 'string', cores: 'int', sockets: 'int', memory: 'int', balloon: 'int', onboot: 'bool', agent: 'string',
    nameserver: 'string', searchdomain: 'string', ciuser: 'string', sshkeys: 'string', ciupgrade: 'bool', citype: 'string', boot: 'string', cpu: 'string',
    startup: 'string', protection: 'bool', serial0: 'string', vga: 'string', scsihw: 'string', ostype: 'string', delete: 'string', digest: 'string', skiplock: 'bool',
    ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`net${i}`, 'string' as const])),
    ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`ipconfig${i}`, 'string' as const])),
  },
};
const SET_CONFIG = Object.fromEntries(Object.entries(SET.options).filter(([k]) => !['delete', 'digest', 'skiplock'].includes(k)));
const CREATE: CmdSpec = {
  usage: 'qm create <vmid> [OPTIONS]', positionals: ['vmid'],
  options: { ...SET_CONFIG, archive: 'string', storage: 'string', unique: 'bool', force: 'bool', pool: 'string', bwlimit: 'int', 'live-restore': 'bool', start: 'bool' },
};
const VMID = (cmd: string, options: CmdSpec['options'] = {}): CmdSpec => ({ usage: `qm ${cmd} <vmid> [OPTIONS]`, positionals: ['vmid'], options });
const AGENT_CMDS = ['fsfreeze-freeze', 'fsfreeze-status', 'fsfreeze-thaw', 'fstrim', 'get-fsinfo', 'get-host-name', 'get-memory-block-info', 'get-memory-blocks', 'get-osinfo', 'get-time', 'get-timezone', 'get-users', 'get-vcpus', 'info', 'network-get-interfaces', 'ping', 'shutdown', 'suspend-disk', 'suspend-hybrid', 'suspend-ram'];

export function qmrestore(args: string[], ctx: CmdCtx): Outcome {
  const p = parseCmd(args, RESTORE);
  if (isOutcome(p)) return p;
  const { archive, vmid } = p.pos as { archive: string; vmid: string };
  return restore(ctx, archive, vmid, p.opts, {});
}

/**
 * `qm create <vmid> --archive FILE [--storage S] [--unique 1] [non-disk options]`: a restore
 * whose non-disk options override the archive's config, written with it in one step
 * (qemu-server src/PVE/API2/Qemu.pm create_vm → restore_merge_config, override_conf).
 * The simulator models qm create only as a restore.
 */
function create(args: string[], ctx: CmdCtx): Outcome {
  // Disks come from the archive: create_vm refuses a drive option next to --archive.
  const drive = args.find((a) => /^--?(virtio|scsi|sata|ide|efidisk|tpmstate)\d+(=|$)/.test(a));
  if (drive && args.some((a) => /^--?archive(=|$)/.test(a))) return paramError(CREATE, { [drive.replace(/^--?/, '').replace(/=.*/, '')]: "option conflicts with option 'archive'" });
  const p = parseCmd(args, CREATE);
  if (isOutcome(p)) return p;
  const vmid = p.pos.vmid as string;
  const { archive, storage, unique, force, pool, bwlimit, 'live-restore': live, start, ...override } = p.opts;
  if (archive === undefined) return fail(255, 'the simulator models qm create only as a restore (--archive FILE)');
  const e = validateCommon(override, 'qemu');
  if (Object.keys(e).length) return paramError(CREATE, e);
  const restoreOpts = Object.fromEntries(Object.entries({ storage, unique, force, pool, bwlimit, 'live-restore': live }).filter(([, v]) => v !== undefined)) as Record<string, string>;
  if (start === '1') return fail(255, 'the simulator does not model qm create --start');
  return restore(ctx, archive, vmid, restoreOpts, override);
}

function restore(ctx: CmdCtx, archive: string, vmid: string, opts: Record<string, string>, override: Record<string, string>): Outcome {
  const st = ctx.st;
  const real = fsPath(ctx.dir, archive);
  if (!archive.startsWith('/') || !existsSync(real)) return fail(255, `can't find archive file '${archive}'`);
  if (!/\.vma(\.zst|\.gz|\.lzo)?$/.test(archive)) return fail(255, `unable to restore VM ${vmid} - unknown archive format in '${archive}'`);
  if (st.guests[vmid] && opts.force !== '1') return fail(255, `unable to restore VM ${vmid} - ${existsMsg(st, vmid)}`);
  if (st.guests[vmid]?.status === 'running') return fail(255, `unable to restore VM ${vmid} - VM is running`);
  const text = readFileSync(real, 'utf8');
  let cfg: Record<string, string> = defaultVmaConfig('nixos');
  if (text.startsWith('SIMULATED-VMA ')) cfg = { ...(JSON.parse(text.slice(14)) as { config: Record<string, string> }).config };
  const storage = opts.storage ?? 'local-lvm';
  const size = Number(/size=(\d+)G/.exec(cfg.virtio0 ?? '')?.[1] ?? 8);
  if (st.guests[vmid]) delete st.guests[vmid];
  const err = allocDisk(st, storage, size, 'images', vmid);
  if (err) return fail(255, `unable to restore VM ${vmid} - ${err}`);
  for (const [k, v] of Object.entries(cfg)) {
    if (/^(virtio|scsi|sata|ide)\d$/.test(k)) cfg[k] = v.replace(/^[^:]+:vm-\d+-(disk-\d+|cloudinit)/, `${storage}:vm-${vmid}-$1`);
    if (/^net\d$/.test(k) && opts.unique === '1') cfg[k] = v.replace(/^(virtio|e1000)=[0-9A-F:]+/i, `$1=${mac()}`);
  }
  cfg.vmgenid = '9f3c1a6e-2b7d-4c55-8e1f-0a6b3d2c4e51';
  if (opts.unique === '1') cfg.smbios1 = `uuid=${randomUUID()}`;
  Object.assign(cfg, override);
  for (const d of ['/etc', '/root', '/tmp', '/var/lib']) mkdirSync(fsPath(ctx.dir, d, Number(vmid)), { recursive: true });
  st.guests[vmid] = { vmid: Number(vmid), type: 'qemu', status: 'stopped', config: cfg, packages: [], aptLists: [] };
  const out = `restore vma archive: zstd -q -d -c ${archive} | vma extract -v -r /var/tmp/vzdumptmp${process.pid}.fifo - /var/tmp/vzdumptmp${process.pid}\nCFG: size: 412 name: qemu-server.conf\nDEV: dev_id=1 size: ${size * GiB} devname: drive-virtio0\nCTIME: Mon Jun  2 10:00:00 2025\n  Logical volume "vm-${vmid}-disk-0" created.\nmap 'drive-virtio0' to '/dev/pve/vm-${vmid}-disk-0' (write zeros = 0)\nprogress 100% (read ${size * GiB} bytes, duration 41 sec)\ntotal bytes read ${size * GiB}, sparse bytes 6012051456 (70%)\nspace reduction due to 4K zero blocks 0.41%\nrescan volumes...\n`;
  return ok(out, { mutated: true, latency: ['qmrestore'] });
}

export function qm(args: string[], ctx: CmdCtx): Outcome {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'create': return create(rest, ctx);
    case 'set': return set(rest, ctx);
    case 'start': return start(rest, ctx);
    case 'status': return readOnly(rest, ctx, 'status', (g) => `status: ${g.status}\n`, { verbose: 'bool' });
    case 'config': return readOnly(rest, ctx, 'config', configText, { current: 'bool', snapshot: 'string' });
    case 'list': return rest.length && !(rest[0] === '--full') ? fail(255, `Unknown option: ${rest[0]?.replace(/^-+/, '')}\n400 unable to parse option\nqm list  [OPTIONS]`) : list(ctx);
    case 'guest': return guest(rest, ctx);
    case 'resize': return resize(rest, ctx);
    case 'disk': return rest[0] === 'resize' ? resize(rest.slice(1), ctx) : fail(255, `unknown command 'qm disk ${rest[0] ?? ''}'`);
    default: return fail(255, `unknown command 'qm ${sub ?? ''}'\nUSAGE: qm <COMMAND> [ARGS] [OPTIONS]`);
  }
}

function readOnly(args: string[], ctx: CmdCtx, cmd: string, f: (g: Guest) => string, options: CmdSpec['options']): Outcome {
  const p = parseCmd(args, VMID(cmd, options));
  if (isOutcome(p)) return p;
  const g = getGuest(ctx.st, 'qemu', p.pos.vmid as string);
  return isGuest(g) ? ok(f(g)) : g;
}

function list(ctx: CmdCtx): Outcome {
  const vms = Object.values(ctx.st.guests).filter((g) => g.type === 'qemu').sort((a, b) => a.vmid - b.vmid);
  if (!vms.length) return ok('');
  const row = (a: string, b: string, c: string, d: string, e: string, f: string) => `${a.padStart(10)} ${b.padEnd(20)} ${c.padEnd(10)} ${d.padEnd(10)} ${e.padStart(12)} ${f.padEnd(10)}\n`;
  return ok(row('VMID', 'NAME', 'STATUS', 'MEM(MB)', 'BOOTDISK(GB)', 'PID') + vms.map((g) => row(String(g.vmid), g.config.name ?? '', g.status, g.config.memory ?? '512', (Number(/size=(\d+)G/.exec(g.config.virtio0 ?? '')?.[1] ?? 8)).toFixed(2), g.status === 'running' ? String(10000 + g.vmid) : '0')).join(''));
}

function set(args: string[], ctx: CmdCtx): Outcome {
  const p = parseCmd(args, SET);
  if (isOutcome(p)) return p;
  const g = getGuest(ctx.st, 'qemu', p.pos.vmid as string);
  if (!isGuest(g)) return g;
  const e = validateCommon(p.opts, 'qemu');
  if (p.opts.agent !== undefined) {
    const a = propString(p.opts.agent, 'enabled');
    if (typeof a === 'string' || Object.keys(a).some((k) => !['enabled', 'fstrim_cloned_disks', 'type', 'freeze-fs-on-backup'].includes(k))) e.agent = 'invalid format - format error';
  }
  if (p.opts.sshkeys !== undefined && !existsSync(fsPath(ctx.dir, p.opts.sshkeys))) return fail(255, `unable to open file '${p.opts.sshkeys}' - No such file or directory`);
  if (Object.keys(e).length) return paramError(SET, e);
  const shown: string[] = [];
  for (const [k, v] of Object.entries(p.opts)) {
    if (k === 'digest' || k === 'skiplock') continue;
    if (k === 'delete') for (const d of v.split(/[,; ]+/)) delete g.config[d];
    else g.config[k] = k === 'sshkeys' ? encodeURIComponent(readFileSync(fsPath(ctx.dir, v), 'utf8')) : v;
    shown.push(`-${k} ${k === 'sshkeys' ? '<keys>' : v}`);
  }
  return ok(`update VM ${g.vmid}: ${shown.join(' ')}\n`, { mutated: true, latency: ['qm set'] });
}

function start(args: string[], ctx: CmdCtx): Outcome {
  const p = parseCmd(args, VMID('start', { timeout: 'int', skiplock: 'bool' }));
  if (isOutcome(p)) return p;
  const g = getGuest(ctx.st, 'qemu', p.pos.vmid as string);
  if (!isGuest(g)) return g;
  if (g.status === 'running') return fail(255, `VM ${g.vmid} already running`);
  const br = missingBridge(ctx.st, g);
  if (br) return fail(255, `bridge '${br}' does not exist\nkvm: -netdev type=tap,id=net0,ifname=tap${g.vmid}i0,script=/var/lib/qemu-server/pve-bridge,downscript=/var/lib/qemu-server/pve-bridgedown,vhost=on: network script /var/lib/qemu-server/pve-bridge failed with status 512\nstart failed: QEMU exited with code 1`);
  const st = ctx.st;
  const used = st.memoryUsed + Object.values(st.guests).filter((x) => x.status === 'running').reduce((a, x) => a + guestMemBytes(x), 0);
  if (used + guestMemBytes(g) > st.memoryTotal) return fail(255, `kvm: cannot set up guest memory 'pc.ram': Cannot allocate memory\nstart failed: QEMU exited with code 1`);
  g.status = 'running';
  delete g.stoppedUnits; // a boot starts every enabled service again
  g.agentReadyAt = ctx.now + (SIM_LATENCY_MS['qm start'] + SIM_LATENCY_MS['vm boot']) / ctx.speed;
  return ok('', { mutated: true, latency: ['qm start'] });
}

// qemu-server src/PVE/API2/Qemu.pm resize_vm: `size` pattern \+?\d+(\.\d+)?[KMGT]?, "+" adds,
// shrinking is refused; `disk` is one of the drive names.
const RESIZE: CmdSpec = { usage: 'qm disk resize <vmid> <disk> <size> [OPTIONS]', positionals: ['vmid', 'disk', 'size'], options: { digest: 'string', skiplock: 'bool' } };
const UNIT: Record<string, number> = { K: 1 / (1024 * 1024), M: 1 / 1024, G: 1, T: 1024, '': 1 / GiB };

function resize(args: string[], ctx: CmdCtx): Outcome {
  const p = parseCmd(args, RESIZE);
  if (isOutcome(p)) return p;
  const { vmid, disk, size } = p.pos as { vmid: string; disk: string; size: string };
  if (!/^(ide[0-3]|sata[0-5]|scsi([0-9]|[1-2][0-9]|30)|virtio([0-9]|1[0-5])|efidisk0|tpmstate0)$/.test(disk)) return paramError(RESIZE, { disk: `value '${disk}' does not have a value in the enumeration` });
  const m = /^(\+)?(\d+(?:\.\d+)?)([KMGT]?)$/.exec(size);
  if (!m) return paramError(RESIZE, { size: `value does not match the regex pattern` });
  const g = getGuest(ctx.st, 'qemu', vmid);
  if (!isGuest(g)) return g;
  const cur = g.config[disk];
  if (!cur) return fail(255, `disk '${disk}' does not exist`);
  const curGiB = Number(/size=(\d+(?:\.\d+)?)G/.exec(cur)?.[1] ?? 0);
  const want = (m[1] ? curGiB : 0) + Number(m[2]) * UNIT[m[3] ?? '']!;
  if (want < curGiB) return fail(255, `shrinking disks is not supported`);
  if (want === curGiB) return ok('');
  const storage = cur.split(':')[0]!;
  const err = allocDisk(ctx.st, storage, want - curGiB, 'images', vmid);
  if (err) return fail(255, err);
  g.config[disk] = cur.replace(/size=[^,]+/, `size=${Number.isInteger(want) ? want : want.toFixed(2)}G`);
  return ok(`  Size of logical volume pve/vm-${vmid}-disk-0 changed from ${curGiB.toFixed(2)} GiB to ${want.toFixed(2)} GiB.\n  Logical volume pve/vm-${vmid}-disk-0 successfully resized.\n`, { mutated: true, latency: ['qm resize'] });
}

function agentCheck(g: Guest, ctx: CmdCtx): Outcome | undefined {
  if (g.status !== 'running') return fail(255, `VM ${g.vmid} is not running`);
  const a = g.config.agent;
  if (!a || !/^(1|enabled=1)/.test(a)) return fail(255, 'No QEMU guest agent configured');
  if (Date.now() < (g.agentReadyAt ?? 0)) return fail(255, 'QEMU guest agent is not running');
  return undefined;
}

function guest(args: string[], ctx: CmdCtx): Outcome {
  const [sub, ...rest] = args;
  if (sub === 'cmd') {
    const spec: CmdSpec = { usage: 'qm guest cmd <vmid> <command>', positionals: ['vmid', 'command'], options: {} };
    const p = parseCmd(rest, spec);
    if (isOutcome(p)) return p;
    if (!AGENT_CMDS.includes(p.pos.command as string)) return paramError(spec, { command: `value '${p.pos.command}' does not have a value in the enumeration '${AGENT_CMDS.join(', ')}'` });
    const g = getGuest(ctx.st, 'qemu', p.pos.vmid as string);
    if (!isGuest(g)) return g;
    const bad = agentCheck(g, ctx);
    if (bad) return bad;
    if (p.pos.command === 'ping') return ok('');
    if (p.pos.command === 'get-host-name') return ok(perlPretty({ 'host-name': g.nixos ? g.config.name : 'nixos' }));
    if (p.pos.command === 'network-get-interfaces') {
      const ip = /(?:^|,)ip=([\d.]+)\/(\d+)/.exec(g.config.ipconfig0 ?? '');
      const hw = /=([0-9A-F:]{17})/i.exec(g.config.net0 ?? '')?.[1] ?? '00:00:00:00:00:00';
      return ok(perlPretty([
        { name: 'lo', 'hardware-address': '00:00:00:00:00:00', 'ip-addresses': [{ 'ip-address': '127.0.0.1', 'ip-address-type': 'ipv4', prefix: 8 }] },
        { name: 'ens18', 'hardware-address': hw.toLowerCase(), 'ip-addresses': ip ? [{ 'ip-address': ip[1], 'ip-address-type': 'ipv4', prefix: Number(ip[2]) }] : [] },
      ]));
    }
    return ok(perlPretty({ simulated: p.pos.command }));
  }
  if (sub === 'exec') {
    const spec: CmdSpec = { usage: 'qm guest exec <vmid> [<extra-args>] [OPTIONS]', positionals: ['vmid'], options: { 'pass-stdin': 'bool', timeout: 'int', synchronous: 'bool' }, extraArgs: true };
    const p = parseCmd(rest, spec);
    if (isOutcome(p)) return p;
    if (p.opts.timeout !== undefined && p.opts.synchronous === '0') return paramError(spec, { synchronous: "needs to be set for 'timeout'" });
    const g = getGuest(ctx.st, 'qemu', p.pos.vmid as string);
    if (!isGuest(g)) return g;
    const bad = agentCheck(g, ctx);
    if (bad) return bad;
    if (p.extra.length === 0) return fail(255, 'Agent error: Guest agent command failed, error was \'Invalid parameter type for \'path\', expected: string\'');
    const stdin = p.opts['pass-stdin'] === '1' ? ctx.stdin : Buffer.alloc(0);
    const r = ctx.exec(p.extra, { kind: 'vm', vmid: g.vmid }, stdin);
    if (r.exit === 127 && r.stderr.startsWith('Agent error:')) return { ...r, exit: 255, target: `vm:${g.vmid}` };
    // qemu-ga: a process killed by a signal has `signal` and no `exitcode`; captured output is
    // capped at 16 MiB per stream (GUEST_EXEC_MAX_OUTPUT) with `out-truncated`/`err-truncated`.
    const result: Record<string, unknown> = r.signal ? { exited: 1, signal: r.signal } : { exitcode: r.exit, exited: 1 };
    const CAP = 16 * 1024 * 1024;
    if (r.stdout) result['out-data'] = r.stdout.slice(0, CAP);
    if (r.stderr) result['err-data'] = r.stderr.slice(0, CAP);
    if (r.stdout.length > CAP) result['out-truncated'] = 1;
    if (r.stderr.length > CAP) result['err-truncated'] = 1;
    const pid = 1000 + Math.floor(Math.random() * 30000);
    const timeoutS = Number(p.opts.timeout ?? 30);
    const realMs = r.latency.reduce((a, k) => a + SIM_LATENCY_MS[k], 0);
    const execs = ((g as Guest & { execs?: Record<string, unknown> }).execs ??= {});
    execs[String(pid)] = result;
    if (p.opts.synchronous === '0') return { ...r, exit: 0, stdout: perlPretty({ pid }), stderr: '', target: `vm:${g.vmid}` };
    if (timeoutS > 0 && realMs > timeoutS * 1000) return { ...r, exit: 0, stdout: perlPretty({ pid }), stderr: 'timeout reached, returning pid\n', target: `vm:${g.vmid}` };
    return { ...r, exit: 0, stdout: perlPretty(result), stderr: '', target: `vm:${g.vmid}`, mutated: r.mutated || false };
  }
  if (sub === 'exec-status') {
    const spec: CmdSpec = { usage: 'qm guest exec-status <vmid> <pid>', positionals: ['vmid', 'pid'], options: {} };
    const p = parseCmd(rest, spec);
    if (isOutcome(p)) return p;
    const g = getGuest(ctx.st, 'qemu', p.pos.vmid as string);
    if (!isGuest(g)) return g;
    const bad = agentCheck(g, ctx);
    if (bad) return bad;
    const res = (g as Guest & { execs?: Record<string, unknown> }).execs?.[p.pos.pid as string];
    if (!res) return fail(255, `Agent error: Invalid parameter 'pid'`);
    return ok(perlPretty(res));
  }
  return fail(255, `unknown command 'qm guest ${sub ?? ''}'\nUSAGE: qm guest <cmd|exec|exec-status|passwd> ...`);
}

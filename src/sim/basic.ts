// Commands that exist everywhere (host, container, VM): systemctl, ss, rm, cat, install,
// hostname, plus pveversion on the host.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { isTransient, unitResetFailed, unitShow, unitStop } from './units.js';
import { fsPath, releaseOf, writeHostFile } from './state.js';
import { installedServicesOf, listeningSockets, servicesOf, stoppedUnitsOf } from './system.js';
import { fail, ok, sysGuest, sysVmid, type CmdCtx, type Outcome } from './types.js';

export function pveversion(args: string[], ctx: CmdCtx): Outcome {
  if (args.length > 0 && !(args.length === 1 && (args[0] === '-v' || args[0] === '--verbose'))) {
    return fail(255, `Unknown option: ${args[0]?.replace(/^-+/, '')}\n400 unable to parse option\npveversion  [OPTIONS]`);
  }
  const rel = releaseOf(ctx.st);
  const [ver] = rel.pveManager.split('/') as [string];
  if (args.length === 0) return ok(`pve-manager/${rel.pveManager} (running kernel: ${rel.kernel})\n`);
  return ok(`proxmox-ve: ${ver.replace(/\.\d+$/, '.0')} (running kernel: ${rel.kernel})\npve-manager: ${ver} (running version: ${rel.pveManager})\n`);
}

export function hostname(args: string[], ctx: CmdCtx): Outcome {
  const g = sysGuest(ctx);
  // Root in a container owns its UTS namespace and may rename it (systemd reads /etc/hostname at boot).
  if (args.length === 1 && g?.type === 'lxc' && /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(args[0]!)) {
    (g as typeof g & { utsName?: string }).utsName = args[0];
    return ok('', { mutated: true });
  }
  if (args.length) return fail(1, 'hostname: you must be root to change the host name');
  const uts = (g as (typeof g & { utsName?: string }) | undefined)?.utsName;
  if (uts) return ok(`${uts}\n`);
  if (!g) return ok(`${ctx.st.node}\n`);
  const name = g.type === 'lxc' ? g.config.hostname : g.nixos ? g.config.name : 'nixos';
  return ok(`${name ?? 'localhost'}\n`);
}

const unitName = (u: string) => u.replace(/\.service$/, '');

export function systemctl(args: string[], ctx: CmdCtx): Outcome {
  if (args[0] === 'show') return unitShow(args.slice(1), ctx);
  const quiet = args.includes('--quiet') || args.includes('-q');
  const rest = args.filter((a) => a !== '--quiet' && a !== '-q');
  const bad = rest.find((a) => a.startsWith('-'));
  if (bad) return fail(1, `systemctl: unrecognized option '${bad}'`);
  const [verb, ...units] = rest;
  if (verb === 'reset-failed') return unitResetFailed(units, ctx);
  if (verb === 'stop' && units.length > 0 && units.every((u) => isTransient(ctx, u))) return unitStop(units, ctx);
  const svcs = new Set(servicesOf(ctx.st, ctx.sys).map((s) => s.unit));
  if (verb === 'is-active') {
    if (units.length === 0) return fail(1, 'Too few arguments.');
    const states = units.map((u) => (svcs.has(unitName(u)) ? 'active' : 'inactive'));
    const out = quiet ? '' : states.map((s) => `${s}\n`).join('');
    return states.every((s) => s === 'active') ? ok(out) : { exit: 3, stdout: out, stderr: '', mutated: false, latency: [] };
  }
  // An ordinary service stopped by hand (or started again): systemd keeps that until the next
  // boot; a stopped unit's sockets close. Unknown units fail like systemd's "not loaded".
  const installed = new Set(installedServicesOf(ctx.st, ctx.sys).map((s) => s.unit));
  if (verb === 'stop') {
    if (units.length === 0) return fail(1, 'Too few arguments.');
    const missing = units.find((u) => !installed.has(unitName(u)));
    if (missing) return fail(5, `Failed to stop ${unitName(missing)}.service: Unit ${unitName(missing)}.service not loaded.`);
    const stopped = stoppedUnitsOf(ctx.st, ctx.sys);
    for (const u of units) if (stopped && !stopped.includes(unitName(u))) stopped.push(unitName(u));
    return ok('', { mutated: true });
  }
  if (verb === 'restart' || verb === 'reload' || verb === 'start' || verb === 'reload-or-restart') {
    if (units.length === 0) return fail(1, 'Too few arguments.');
    const known = verb === 'reload' ? svcs : installed;
    const missing = units.find((u) => !known.has(unitName(u)));
    if (missing) return fail(5, `Failed to ${verb} ${unitName(missing)}.service: Unit ${unitName(missing)}.service not found.`);
    if (verb !== 'reload') {
      const stopped = stoppedUnitsOf(ctx.st, ctx.sys);
      if (stopped) for (const u of units) if (stopped.includes(unitName(u))) stopped.splice(stopped.indexOf(unitName(u)), 1);
    }
    return ok('', { mutated: true });
  }
  return fail(1, `Unknown command verb ${verb ?? ''}.`);
}

export function ss(args: string[], ctx: CmdCtx): Outcome {
  const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('').replace(/-/g, '');
  if (args.some((a) => !/^-[a-zA-Z]+$/.test(a)) || !/l/.test(flags) || !/t/.test(flags) || /[^Hltnp4]/.test(flags)) {
    return fail(1, `ss: unsupported arguments in simulator: ${args.join(' ')}`);
  }
  const rows = listeningSockets(ctx.st, ctx.sys).map((l) => {
    const peer = l.startsWith('*:') ? '*:*' : '0.0.0.0:*';
    return `LISTEN 0      ${String(l.endsWith(':25') || l.endsWith(':26') ? 100 : 4096).padEnd(12)} ${l.padStart(20)} ${peer.padStart(18)}`;
  });
  const header = flags.includes('H') ? '' : 'State  Recv-Q Send-Q  Local Address:Port  Peer Address:PortProcess\n';
  return ok(header + rows.map((r) => `${r}\n`).join(''));
}

/** mv SRC DST (one file, same file system; the image step renames a verified download). */
export function mv(args: string[], ctx: CmdCtx): Outcome {
  const files = args.filter((a) => a !== '--' && a !== '-f' && a !== '-T');
  const bad = args.find((a) => a.startsWith('-') && !['--', '-f', '-T'].includes(a));
  if (bad) return fail(1, `mv: invalid option -- '${bad.replace(/^-+/, '')}'`);
  if (files.length !== 2) return fail(1, files.length < 2 ? "mv: missing file operand\nTry 'mv --help' for more information." : 'mv: the simulator moves one file at a time');
  const [src, dst] = files as [string, string];
  const vmid = sysVmid(ctx.sys);
  if (!existsSync(fsPath(ctx.dir, src, vmid))) return fail(1, `mv: cannot stat '${src}': No such file or directory`);
  mkdirSync(dirname(fsPath(ctx.dir, dst, vmid)), { recursive: true });
  renameSync(fsPath(ctx.dir, src, vmid), fsPath(ctx.dir, dst, vmid));
  return ok('', { mutated: true, latency: ['mv'] });
}

export function rm(args: string[], ctx: CmdCtx): Outcome {
  const opts = args.filter((a) => a.startsWith('-') && a !== '--');
  const paths = args.filter((a) => !a.startsWith('-'));
  const force = opts.some((o) => /^-[rRf]*f[rRf]*$/.test(o));
  const recursive = opts.some((o) => /^-[rRf]*[rR][rRf]*$/.test(o));
  const bad = opts.find((o) => !/^-[rRf]+$/.test(o));
  if (bad) return fail(1, `rm: invalid option -- '${bad.replace(/^-+/, '')}'\nTry 'rm --help' for more information.`);
  if (paths.length === 0) return fail(1, "rm: missing operand\nTry 'rm --help' for more information.");
  let mutated = false;
  for (const p of paths) {
    const real = fsPath(ctx.dir, p, sysVmid(ctx.sys));
    if (!existsSync(real)) {
      if (!force) return fail(1, `rm: cannot remove '${p}': No such file or directory`);
      continue;
    }
    if (statSync(real).isDirectory() && !recursive) return fail(1, `rm: cannot remove '${p}': Is a directory`);
    rmSync(real, { recursive: true, force: true });
    mutated = true;
  }
  return ok('', { mutated, latency: mutated ? ['rm'] : [] });
}

export function cat(args: string[], ctx: CmdCtx): Outcome {
  if (args.length === 0) return ok(ctx.stdin.toString('utf8'));
  let out = '';
  for (const p of args) {
    const real = fsPath(ctx.dir, p, sysVmid(ctx.sys));
    if (!existsSync(real)) return fail(1, `cat: ${p}: No such file or directory`, out);
    if (statSync(real).isDirectory()) return fail(1, `cat: ${p}: Is a directory`, out);
    out += readFileSync(real, 'utf8');
  }
  return ok(out);
}

/** chpasswd inside a guest: `user:password` lines on stdin (never in argv). */
export function chpasswd(args: string[], ctx: CmdCtx): Outcome {
  const g = sysGuest(ctx);
  if (!g) return fail(1, 'chpasswd: the simulator models chpasswd inside guests only');
  if (args.length > 0) return fail(2, `chpasswd: unrecognized option '${args[0]}'\nUsage: chpasswd [options]`);
  const lines = ctx.stdin.toString('utf8').split('\n').filter((l) => l !== '');
  if (lines.length === 0) return fail(1, 'chpasswd: no input (expected user:password lines on stdin)');
  const users: string[] = [];
  for (const [i, line] of lines.entries()) {
    const colon = line.indexOf(':');
    if (colon <= 0 || colon === line.length - 1) return fail(1, `chpasswd: line ${i + 1}: missing new password`);
    const user = line.slice(0, colon);
    if (user !== 'root') return fail(1, `chpasswd: line ${i + 1}: user '${user}' does not exist`);
    users.push(user);
  }
  g.passwordsSet = [...new Set([...(g.passwordsSet ?? []), ...users])];
  return ok('', { mutated: true, latency: ['pct push'] });
}

/** `passwd -S root` inside a guest: P (usable password) once chpasswd set one, else L (locked). */
export function passwd(args: string[], ctx: CmdCtx): Outcome {
  const g = sysGuest(ctx);
  if (!g) return fail(1, 'passwd: the simulator models passwd inside guests only');
  if (args[0] !== '-S' || args.length !== 2) return fail(1, 'passwd: the simulator models only `passwd -S USER`');
  if (args[1] !== 'root') return fail(1, `passwd: user '${args[1]}' does not exist`);
  return ok(`root ${g.passwordsSet?.includes('root') ? 'P' : 'L'} 11/23/2026 0 99999 7 -1\n`);
}

/** coreutils sha256sum: `HASH  PATH` per file; exit 1 when any file is missing. */
export function sha256sum(args: string[], ctx: CmdCtx): Outcome {
  let out = '';
  let err = '';
  for (const p of args) {
    if (p.startsWith('-')) return fail(1, `sha256sum: unrecognized option '${p}'`);
    const real = fsPath(ctx.dir, p, sysVmid(ctx.sys));
    if (!existsSync(real)) {
      err += `sha256sum: ${p}: No such file or directory\n`;
      continue;
    }
    out += `${createHash('sha256').update(readFileSync(real)).digest('hex')}  ${p}\n`;
  }
  return err ? fail(1, err.trimEnd(), out) : ok(out);
}

/** coreutils install: `install -D -m 0600 /dev/stdin PATH` (or a source file). */
export function install(args: string[], ctx: CmdCtx): Outcome {
  let mode = 0o755;
  let mkParents = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-D') mkParents = true;
    else if (a === '-m' || a === '--mode') {
      const m = args[++i];
      if (!m || !/^[0-7]{3,4}$/.test(m)) return fail(1, `install: invalid mode '${m ?? ''}'`);
      mode = parseInt(m, 8);
    } else if (a.startsWith('--mode=')) mode = parseInt(a.slice(7), 8);
    else if (a === '-o' || a === '-g') i++;
    else if (a.startsWith('-')) return fail(1, `install: invalid option -- '${a.replace(/^-+/, '')}'\nTry 'install --help' for more information.`);
    else files.push(a);
  }
  if (files.length !== 2) return fail(1, files.length < 2 ? `install: missing destination file operand after '${files[0] ?? ''}'` : 'install: target is not a directory');
  const [src, dest] = files as [string, string];
  const vmid = sysVmid(ctx.sys);
  let content: Buffer;
  if (src === '/dev/stdin' || src === '-') content = ctx.stdin;
  else if (src === '/dev/null') content = Buffer.alloc(0);
  else {
    const real = fsPath(ctx.dir, src, vmid);
    if (!existsSync(real)) return fail(1, `install: cannot stat '${src}': No such file or directory`);
    content = readFileSync(real);
  }
  if (!mkParents && !existsSync(fsPath(ctx.dir, dest, vmid).replace(/\/[^/]+$/, ''))) {
    return fail(1, `install: cannot create regular file '${dest}': No such file or directory`);
  }
  writeHostFile(ctx.dir, dest, content, mode, vmid);
  return ok('', { mutated: true, latency: ['guest file write'] });
}

/** coreutils df on the host: `df -B1 --output=avail PATH` (every path is on the root file system). */
export function df(args: string[], ctx: CmdCtx): Outcome {
  const paths = args.filter((a) => !a.startsWith('-'));
  const flags = args.filter((a) => a.startsWith('-'));
  const bad = flags.find((f) => !['-B1', '--block-size=1', '--output=avail', '--output=avail,target', '-P'].includes(f));
  if (bad) return fail(1, `df: the simulator models only -B1 --output=avail (got ${bad})`);
  const { total, used } = ctx.st.rootfs;
  const rows = (paths.length ? paths : ['/']).map(() => `${total - used}\n`).join('');
  return ok(`${' Avail'.padStart(12)}\n${rows}`);
}

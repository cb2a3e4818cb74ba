// @ts-nocheck
// apt-get (update, install) and dpkg-query, on the host and inside containers. A package from a
// Proxmox repository installs only when the repository is configured, its key present and
// `apt-get update` fetched it since.
import { randomBytes } from 'node:crypto';
import { RELEASES, repoFileText, writeHostFile, type SimState } from './state.js';
import { aptView, codenameOf, configuredRepos, isDebianList, PACKAGES, repoKeyPresent } from './system.js';
import { PMG_MAIN_CF_IN } from './pmg.js';
import { fail, ok, sysVmid, type CmdCtx, type Outcome } from './types.js';

const NOT_UNDERSTOOD = (o: string) => fail(100, `E: Command line option '${o.replace(/^-+/, '')}' [from ${o}] is not understood in combination with the other options.`);

export function aptGet(args: string[], ctx: CmdCtx): Outcome {
  let yes = false;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-y' || a === '--yes' || a === '--assume-yes' || a === '-qy' || a === '-yq') yes = yes || a.includes('y');
    else if (a === '-q' || a === '-qq' || a === '--quiet' || a === '--no-install-recommends') continue;
    else if (a === '-o') i++;
    else if (a.startsWith('-o')) continue;
    else if (a.startsWith('-')) return NOT_UNDERSTOOD(a);
    else words.push(a);
  }
  const [op, ...pkgs] = words;
  if (op === 'update') return pkgs.length ? fail(100, 'E: The update command takes no arguments') : update(ctx);
  if (op === 'install') return install(pkgs, yes, ctx);
  if (op === undefined) return fail(1, 'E: No operation given. Try apt-get help.', 'apt 2.6.1 (amd64)\nUsage: apt-get [options] command\n');
  return fail(100, `E: Invalid operation ${op}`);
}

function update(ctx: CmdCtx): Outcome {
  const vmid = sysVmid(ctx.sys);
  const repos = configuredRepos(ctx.dir, vmid);
  const view = aptView(ctx.st, ctx.sys);
  const lines: string[] = [];
  const errs: string[] = [];
  const fetched: string[] = [];
  repos.forEach((r, i) => {
    const n = i + 1;
    if (r.url.startsWith('https://enterprise.proxmox.com')) {
      lines.push(`Err:${n} ${r.url} ${r.suite} InRelease`, '  401  Unauthorized [IP: 212.224.123.70 443]');
      errs.push(`E: Failed to fetch ${r.url}/dists/${r.suite}/InRelease  401  Unauthorized [IP: 212.224.123.70 443]`, `E: The repository '${r.url} ${r.suite} InRelease' is not signed.`);
      return;
    }
    if (!repoKeyPresent(ctx.dir, r, vmid)) {
      lines.push(`Get:${n} ${r.url} ${r.suite} InRelease [2,768 B]`, `Err:${n} ${r.url} ${r.suite} InRelease`, "  The following signatures couldn't be verified because the public key is not available: NO_PUBKEY 1140AF8F639E0C39");
      errs.push(`W: GPG error: ${r.url} ${r.suite} InRelease: The following signatures couldn't be verified because the public key is not available: NO_PUBKEY 1140AF8F639E0C39`, `E: The repository '${r.url} ${r.suite} InRelease' is not signed.`);
      return;
    }
    lines.push(`Get:${n} ${r.url} ${r.suite} InRelease [2,768 B]`);
    for (const c of r.components) fetched.push(`${r.url} ${r.suite} ${c}`);
  });
  lines.push('Reading package lists...');
  view.aptLists = [...new Set(fetched)];
  const mutated = true; // apt-get update always rewrites /var/lib/apt/lists
  if (errs.length) return { exit: 100, stdout: `${lines.join('\n')}\n`, stderr: `${errs.join('\n')}\nN: Updating from such a repository can't be done securely, and is therefore disabled by default.\n`, mutated, latency: ['apt-get update'] };
  return ok(`${lines.join('\n')}\n`, { mutated, latency: ['apt-get update'] });
}

/** A package installs from a repository of the system's own suite (a bookworm repository on trixie does not count). */
function available(view: { aptLists: string[] }, pkg: string, codename: string): boolean {
  const info = PACKAGES[pkg];
  if (!info) return false;
  if (!info.repo) return view.aptLists.some(isDebianList);
  return info.repo.components.some((c) => view.aptLists.some((k) => k === `${info.repo?.url} ${codename} ${c}`));
}

function install(pkgs: string[], yes: boolean, ctx: CmdCtx): Outcome {
  const view = aptView(ctx.st, ctx.sys);
  const head = 'Reading package lists...\nBuilding dependency tree...\nReading state information...\n';
  if (pkgs.length === 0) return ok(`${head}0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n`);
  const codename = codenameOf(ctx.dir, ctx.st, ctx.sys);
  for (const p of pkgs) {
    if (!available(view, p, codename) && !view.packages.includes(p)) return fail(100, `E: Unable to locate package ${p}`, head);
  }
  const fresh = pkgs.filter((p) => !view.packages.includes(p));
  const already = pkgs.filter((p) => view.packages.includes(p)).map((p) => `${p} is already the newest version (${PACKAGES[p]?.version ?? '1.0'}).\n`);
  if (fresh.length === 0) return ok(`${head}${already.join('')}0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n`);
  const plan = `The following NEW packages will be installed:\n  ${fresh.join(' ')}\n0 upgraded, ${fresh.length} newly installed, 0 to remove and 0 not upgraded.\nNeed to get 48.2 MB of archives.\nAfter this operation, 212 MB of additional disk space will be used.\n`;
  if (!yes) return fail(1, '', `${head}${already.join('')}${plan}Do you want to continue? [Y/n] Abort.\n`);
  for (const p of fresh) {
    view.packages.push(p);
    onInstalled(ctx, p);
  }
  const setup = fresh.map((p) => `Setting up ${p} (${PACKAGES[p]?.version ?? '1.0'}) ...\n`).join('');
  return ok(`${head}${already.join('')}${plan}${setup}`, { mutated: true, latency: ['apt-get install'] });
}

function fingerprint(): string {
  return [...randomBytes(32)].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/**
 * Enterprise repository files the packages ship: proxmox-backup-server installs
 * /etc/apt/sources.list.d/pbs-enterprise.list (proxmox-backup debian/proxmox-backup-server.install;
 * the deb822 .sources form on trixie is assumed by analogy with pve-manager and pmg-api 9), pmg-api
 * installs pmg-enterprise.sources (master src/Makefile) / pmg-enterprise.list (stable-8).
 */
function shipEnterpriseList(ctx: CmdCtx, product: 'pbs' | 'pmg', vmid: number | undefined): void {
  const codename = codenameOf(ctx.dir, ctx.st, ctx.sys);
  const rel = Object.values(RELEASES).find((r) => r.codename === codename) ?? RELEASES['8.4'];
  writeHostFile(ctx.dir, `/etc/apt/sources.list.d/${product}-enterprise.${rel.deb822 ? 'sources' : 'list'}`, repoFileText(rel, `https://enterprise.proxmox.com/debian/${product}`, `${product}-enterprise`), 0o644, vmid);
}

function onInstalled(ctx: CmdCtx, pkg: string): void {
  const vmid = sysVmid(ctx.sys);
  if (pkg === 'proxmox-backup-server') shipEnterpriseList(ctx, 'pbs', vmid);
  if (pkg === 'proxmox-mailgateway-container') shipEnterpriseList(ctx, 'pmg', vmid);
  if (pkg === 'proxmox-backup-server' && vmid === undefined) {
    ctx.st.pbs.fingerprint = fingerprint();
    writeHostFile(ctx.dir, '/etc/proxmox-backup/proxy.pem', 'SIMULATED CERTIFICATE\n', 0o640);
    writeHostFile(ctx.dir, '/usr/sbin/proxmox-backup-manager', 'binary\n', 0o755);
  }
  if (pkg === 'proxmox-mailgateway-container' && vmid !== undefined) {
    const g = ctx.st.guests[String(vmid)];
    if (g) g.pmg = { domains: [], transport: [], mynetworks: [], mail: { int_port: 26, ext_port: 25, tls: 0, relayport: 25 }, synced: true };
    for (const b of ['pmgsh', 'pmgconfig', 'pmgproxy']) writeHostFile(ctx.dir, `/usr/bin/${b}`, 'binary\n', 0o755, vmid);
    writeHostFile(ctx.dir, '/var/lib/pmg/templates/main.cf.in', PMG_MAIN_CF_IN, 0o644, vmid);
    writeHostFile(ctx.dir, '/etc/pmg/pmg.conf', 'section: mail\n', 0o644, vmid);
  }
}

export function hasPackage(st: SimState, vmid: number | undefined, pkg: string): boolean {
  return (vmid === undefined ? st.host.packages : st.guests[String(vmid)]?.packages ?? []).includes(pkg);
}

export function dpkgQuery(args: string[], ctx: CmdCtx): Outcome {
  let fmt = '${binary:Package}\t${Version}\n';
  let show = false;
  const pkgs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-W' || a === '--show') show = true;
    else if (a === '-f' || a === '--showformat') fmt = args[++i] ?? '';
    else if (a.startsWith('-f=') || a.startsWith('--showformat=')) fmt = a.slice(a.indexOf('=') + 1);
    else if (a.startsWith('-')) return fail(2, `dpkg-query: error: unknown option ${a}\n\nType dpkg-query --help for help about querying packages.`);
    else pkgs.push(a);
  }
  if (!show) return fail(2, 'dpkg-query: error: need an action option\n\nType dpkg-query --help for help about querying packages.');
  const view = aptView(ctx.st, ctx.sys);
  let out = '';
  let missing = '';
  for (const p of pkgs) {
    if (!view.packages.includes(p)) {
      missing += `dpkg-query: no packages found matching ${p}\n`;
      continue;
    }
    out += fmt
      .replace(/\$\{Status\}/g, 'install ok installed')
      .replace(/\$\{(binary:)?Package\}/g, p)
      .replace(/\$\{Version\}/g, PACKAGES[p]?.version ?? '8.2.4')
      .replace(/\\n/g, '\n')
      .replace(/\\t/g, '\t');
  }
  return missing ? { exit: 1, stdout: out, stderr: missing, mutated: false, latency: [] } : ok(out);
}

// @ts-nocheck
// Runs THE CONFIGURATION NIXOS EVALUATED for the mail VM (test/mta/helpers/nixEval.ts) on real
// daemons, as private instances on loopback:
// - postfix (Debian 12, 3.7): the main.cf and master.cf the NixOS postfix module generated, and
//   the maps its postfix-setup script links and builds (aliases, virtual);
// - dovecot 2.4 (Debian 13's package, from the debootstrap root .ci/trixie-dovecot.sh builds),
//   in a chroot: the dovecot.conf the NixOS dovecot module rendered, the unit's preStart;
// - opendkim (Debian 12): the unit's ExecStart arguments, its opendkim.conf, preStart (key
//   generation) and postStart, as the unit's User/Group with its UMask.
// Users and groups are the ones the evaluation declares (inside the chroot: a passwd/group made
// from them; on this machine: Debian's postfix and opendkim users, same names).
//
// The only changes to the evaluated text are the PATH SUBSTITUTIONS in `sandboxPaths` (state,
// runtime and secret directories → one temp folder; the NixOS package's own directories →
// where Debian's package keeps the same programs; the system CA bundle → the test CA) and the
// ENVIRONMENT lines in `postfixEnvironment`/`dovecotEnvironment` (bind 127.0.0.2 instead of every
// address, log to files because there is no syslog here). Everything else is used verbatim.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { evaluateHost, type EvalResult } from './nixEval.js';

export const IP = { mail: '127.0.0.2', pmg: '127.0.0.3', outside: '127.0.0.4', smarthost: '127.0.0.5', dns: '127.0.0.6' } as const;
export const TRIXIE_ROOT = process.env.NETSETUP_TRIXIE_ROOT ?? '/var/cache/netsetup-trixie';
/**
 * Sandboxes live under /run (tmpfs, root-only 0755), not /tmp: opendkim refuses a key whose
 * ancestors are writable by others, as /tmp is. Each run's folder is removed at stop.
 */
export const SANDBOX_BASE = process.env.NETSETUP_MTA_BASE ?? '/run/netsetup-mta';
const STORE = /\/nix\/store\/[a-z0-9]{32}-/;

function id(args: string[]): number {
  return Number(execFileSync('id', args, { encoding: 'utf8' }).trim());
}

/** Fails with a clear message when the Dovecot 2.4 root is missing (CI builds it in .ci/run). */
export function assertTrixieRoot(): string {
  const v = spawnSync('chroot', [TRIXIE_ROOT, 'dovecot', '--version'], { encoding: 'utf8' });
  if (v.status !== 0 || !/^2\.4\./.test(v.stdout)) {
    throw new Error(`Dovecot 2.4 is needed from ${TRIXIE_ROOT} (got: ${v.stdout || v.stderr}); build it with .ci/trixie-dovecot.sh`);
  }
  return v.stdout.trim();
}

export interface SiteSecrets {
  passwd: string;
  mailboxMap: string;
  relaySasl?: string;
}

export interface EvaluatedStack {
  dir: string;
  /** Path of a file in the sandbox, by its path on the mail VM (after substitution). */
  path(vmPath: string): string;
  evaluation: EvalResult;
  /** The texts actually run (after substitution), for assertions and failure output. */
  mainCf: string;
  masterCf: string;
  dovecotConf: string;
  /** Evaluate another site for the same VM and reload postfix with its main.cf/master.cf. */
  applySite(site: Record<string, unknown>, secrets?: Partial<SiteSecrets>): void;
  postfixLog(): string;
  dovecotLog(): string;
  opendkimLog(): string;
  /** Messages still in postfix's queue (postqueue -j). */
  queue(): Array<{ queue_name: string; recipients: Array<{ address: string; delay_reason?: string }> }>;
  flushQueue(): void;
  /** Delete every queued message (postsuper -d ALL). */
  clearQueue(): void;
  /**
   * Run an evaluated unit's script (e.g. netsetup-bootstrap-tls-renew) as systemd would, with its
   * UMask. `systemctl` is a recorder first on PATH (no systemd here): the units it was asked to
   * reload are then reloaded for real (postfix, dovecot, or a hook from `onReload`; a unit not
   * running here is skipped, as systemctl try-reload-or-restart does). Returns what was reloaded.
   */
  runUnit(unit: string): { out: string; reloaded: string[] };
  /** How to reload a unit the stack does not run itself (webmail.ts: nginx.service). */
  onReload(unit: string, fn: () => void): void;
  stop(): void;
}

export interface StackOptions {
  /** site.json of the mail VM (with loopback addresses for pmgIp/mailIp). */
  site: Record<string, unknown>;
  secrets: SiteSecrets;
  /** PEM of the CAs the VM trusts (stands in for the system bundle). */
  caBundle: string;
  /** Evaluate a copy of nix/ (the policy-flip test) instead of the repository's. */
  nixDir?: string;
  /** Resolver for postfix (the test's DNS server). */
  nameserver: string;
  /**
   * The certificate lego pushed (PEM chain and key), in place before the services start; the
   * bootstrap unit then keeps it. Without it the bootstrap unit makes its self-signed one.
   */
  tls?: { cert: string; key: string };
}

/** The mail VM's directories → the sandbox. Longest first. */
function sandboxPaths(dir: string, caFile: string): Array<[string, string]> {
  return [
    ['/etc/ssl/certs/ca-certificates.crt', caFile],
    ['/var/lib/postfix', `${dir}/var/lib/postfix`],
    ['/etc/postfix/', `${dir}/var/lib/postfix/conf/`], // NixOS: /etc/postfix → /var/lib/postfix/conf
    ['/var/spool/mail', `${dir}/var/spool/mail`],
    ['/var/lib/netsetup', `${dir}/var/lib/netsetup`],
    ['/var/lib/opendkim', `${dir}/var/lib/opendkim`],
    ['/var/lib/dovecot', `${dir}/var/lib/dovecot`],
    ['/etc/netsetup', `${dir}/etc/netsetup`],
    ['/run/dovecot2', `${dir}/run/dovecot2`],
    ['/run/opendkim', `${dir}/run/opendkim`],
    ['/var/vmail', `${dir}/var/vmail`],
  ];
}

function substitute(text: string, map: Array<[string, string]>): string {
  let out = text;
  for (const [from, to] of map) out = out.split(from).join(to);
  return out;
}

/** A program of a NixOS package (/nix/store/…-pkg/bin/x) → the same program of Debian's package. */
function debianProgram(storePath: string, root = '/'): string {
  const name = storePath.split('/').pop()!;
  for (const d of ['usr/sbin', 'usr/bin', 'usr/lib/postfix/sbin', 'sbin', 'bin']) {
    if (existsSync(join(root, d, name))) return `/${d}/${name}`;
  }
  throw new Error(`no Debian program for ${storePath}`);
}

function packagePrograms(text: string, root = '/'): string {
  return text.replace(/\/nix\/store\/[a-z0-9]{32}-[^/\s'"]+\/(?:s?bin|libexec\/[^/\s]+)\/[A-Za-z0-9_.-]+/g, (p) => debianProgram(p, root));
}

/**
 * main.cf: parameters that name the NixOS postfix package's own directories get Debian's
 * value for the same parameter (postconf -d), then the sandbox paths, then the environment.
 */
function postfixMainCf(evaluated: string, map: Array<[string, string]>, env: Record<string, string>): string {
  const lines = evaluated.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = /^([a-z_0-9]+) =/.exec(line);
    // a parameter with its continuation lines
    let whole = line;
    while (m && i + 1 < lines.length && /^\s/.test(lines[i + 1]!)) whole += `\n${lines[++i]}`;
    if (m && STORE.test(whole) && /-postfix\//.test(whole)) {
      out.push(`${m[1]} = ${execFileSync('postconf', ['-d', '-h', m[1]!], { encoding: 'utf8' }).trim()}`);
    } else {
      out.push(whole);
    }
  }
  const base = substitute(out.join('\n'), map).trimEnd();
  return `${base}\n\n# test sandbox environment (not policy)\n${Object.entries(env).map(([k, v]) => `${k} = ${v}`).join('\n')}\n`;
}

export function startEvaluatedStack(opts: StackOptions): EvaluatedStack {
  assertTrixieRoot();
  mkdirSync(SANDBOX_BASE, { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(join(SANDBOX_BASE, 'vm-'));
  chmodSync(dir, 0o755);
  const caFile = join(dir, 'ca-bundle.crt');
  writeFileSync(caFile, opts.caBundle);
  chmodSync(caFile, 0o644);
  const map = sandboxPaths(dir, caFile);
  const vm = (p: string) => substitute(p, map);
  const mkdir = (p: string, mode = 0o755, uid = 0, gid = 0) => {
    mkdirSync(p, { recursive: true });
    chmodSync(p, mode);
    chownSync(p, uid, gid);
  };
  const postfixUid = id(['-u', 'postfix']);
  const postfixGid = id(['-g', 'postfix']);
  const opendkimUid = id(['-u', 'opendkim']);

  let evaluation = evaluateHost('mail', opts.site, { nixDir: opts.nixDir });
  const d = () => evaluation.dump;
  const site = () => opts.site;

  // ---- users and groups of the evaluation, inside the dovecot chroot ----------------------
  const chrootEtc = join(dir, 'chroot-etc');
  mkdir(chrootEtc);
  // postfix keeps this machine's ids: the host's postfix talks to dovecot's sockets
  const ids: Record<string, number> = { postfix: postfixUid };
  const gids: Record<string, number> = { postfix: postfixGid };
  let next = 64100;
  const users = d().users;
  for (const g of Object.keys(users.groups)) if (gids[g] === undefined && g !== 'root') gids[g] = next++;
  for (const u of Object.keys(users.users)) if (ids[u] === undefined && u !== 'root') ids[u] = next++;
  const baseGroup = readFileSync(join(TRIXIE_ROOT, 'etc/group'), 'utf8').split('\n').filter((l) => l && !(l.split(':')[0]! in gids));
  const basePasswd = readFileSync(join(TRIXIE_ROOT, 'etc/passwd'), 'utf8').split('\n').filter((l) => l && !(l.split(':')[0]! in ids));
  writeFileSync(join(chrootEtc, 'group'), [...baseGroup, ...Object.entries(gids).map(([g, n]) => `${g}:x:${n}:${(users.groups[g]?.members ?? []).join(',')}`)].join('\n') + '\n');
  writeFileSync(
    join(chrootEtc, 'passwd'),
    [...basePasswd, ...Object.entries(ids).map(([u, n]) => `${u}:x:${n}:${gids[users.users[u]?.group] ?? gids[u] ?? 65534}::${users.users[u]?.home ?? '/var/empty'}:/usr/sbin/nologin`)].join('\n') + '\n',
  );

  // ---- the VM's files, as the wizard uploads them and the units create them ----------------
  type SitePaths = { tlsCert: string; tlsKey: string; passwdFile: string; relaySaslMap: string; mailboxMap: string };
  const s = site() as { paths: SitePaths; domain: string };
  mkdir(join(dir, 'var/lib/netsetup'), 0o755);
  mkdir(vm('/var/lib/netsetup/secrets'), 0o700); // nix/modules/site.nix tmpfiles
  mkdir(dirname(vm(s.paths.tlsCert)), 0o755);
  const writeSecret = (vmPath: string, content: string) => {
    writeFileSync(vm(vmPath), content, { mode: 0o600 });
    chmodSync(vm(vmPath), 0o600);
  };
  writeSecret(s.paths.passwdFile, opts.secrets.passwd);
  if (opts.secrets.relaySasl !== undefined) writeSecret(s.paths.relaySaslMap, opts.secrets.relaySasl);
  mkdir(dirname(vm(s.paths.mailboxMap)), 0o755);
  writeFileSync(vm(s.paths.mailboxMap), opts.secrets.mailboxMap, { mode: 0o644 });

  if (opts.tls) {
    writeFileSync(vm(s.paths.tlsCert), opts.tls.cert, { mode: 0o644 });
    writeSecret(s.paths.tlsKey, opts.tls.key);
  }
  // TLS: the bootstrap unit (self-signed mail.<domain>, key 0640 root:nginx; here group root,
  // which has no nginx) and webmail's trust file; runUnit runs the renewal unit the same way.
  const shims = join(dir, 'shims');
  mkdir(shims);
  const systemctlCalls = join(dir, 'systemctl.calls');
  writeFileSync(join(shims, 'systemctl'), `#!/bin/sh\necho "$*" >> ${systemctlCalls}\n`);
  chmodSync(join(shims, 'systemctl'), 0o755);
  const runUnitScript = (unit: string): { out: string; calls: string[] } => {
    const u = d().systemd.services[unit];
    if (!u?.script) throw new Error(`the evaluation has no script for ${unit}`);
    rmSync(systemctlCalls, { force: true });
    const text = substitute(packagePrograms(u.script as string), map).replace(/chgrp nginx /g, 'chgrp root ');
    const r = spawnSync('bash', ['-e', '-c', `umask ${u.serviceConfig?.UMask ?? '0022'}\n${text}`], { encoding: 'utf8', env: { PATH: `${shims}:/usr/sbin:/usr/bin:/sbin:/bin` } });
    if (r.status !== 0) throw new Error(`${unit} failed (exit ${r.status}): ${r.stderr}${r.stdout}`);
    return { out: r.stdout, calls: existsSync(systemctlCalls) ? readFileSync(systemctlCalls, 'utf8').trim().split('\n') : [] };
  };
  runUnitScript('netsetup-bootstrap-tls');
  const reloadHooks: Record<string, () => void> = {};

  // ---- opendkim ------------------------------------------------------------------------------
  const okCfg = d().systemd.services.opendkim;
  let opendkim: ChildProcess | undefined;
  const opendkimLog = join(dir, 'opendkim.log');
  if (okCfg) {
    const sc = okCfg.serviceConfig;
    const group = sc.Group as string;
    const gid = group === 'postfix' ? postfixGid : id(['-g', sc.User]);
    mkdir(vm('/var/lib/opendkim'), Number.parseInt(sc.StateDirectoryMode, 8), opendkimUid, gid); // StateDirectory
    mkdir(vm(d().services.opendkim.keyPath), 0o755, opendkimUid, gid); // tmpfiles "d keyPath - user group"
    mkdir(vm('/run/opendkim'), 0o755, opendkimUid, gid); // RuntimeDirectory
    const asUnit = ['setpriv', `--reuid=${opendkimUid}`, `--regid=${gid}`, '--clear-groups', '--'];
    const umask = sc.UMask as string;
    const run = (script: string) => execFileSync(asUnit[0]!, [...asUnit.slice(1), 'sh', '-euc', `umask ${umask}\n${substitute(packagePrograms(script), map)}`], { stdio: 'pipe', encoding: 'utf8' });
    run(okCfg.preStart);
    const exec = substitute(packagePrograms(sc.ExecStart as string), map).split(' ').filter(Boolean);
    // -f stays in the foreground; -l logs to syslog (none here): the test keeps its stderr.
    opendkim = spawn('sh', ['-c', `umask ${umask}; exec "$@" 2>>${opendkimLog}`, 'sh', ...asUnit, ...exec.filter((a) => a !== '-l')], { stdio: 'ignore', detached: true });
    opendkim.unref();
    const sock = vm((d().services.opendkim.socket as string).replace(/^local:/, ''));
    const end = Date.now() + 10_000;
    while (!existsSync(sock)) {
      if (Date.now() > end) throw new Error(`opendkim did not create ${sock}: ${existsSync(opendkimLog) ? readFileSync(opendkimLog, 'utf8') : ''}`);
      spawnSync('sleep', ['0.1']);
    }
    run(okCfg.postStart);
  }

  // ---- dovecot 2.4 in the trixie root ----------------------------------------------------------
  const dv = d().services.dovecot2;
  const dovecotEnvironment = {
    listen: IP.mail, // instead of "*, ::"
    log_path: join(dir, 'dovecot.log'),
    state_dir: vm('/var/lib/dovecot'),
    instance_name: `netsetup-mta-${process.pid}`,
  };
  const dovecotPackageDirs: Array<[string, string]> = [['/run/current-system/sw/lib/dovecot/modules', '/usr/lib/dovecot/modules']];
  let dovecotConf = substitute(substitute(dv.configText as string, dovecotPackageDirs), map);
  for (const [k, v] of Object.entries(dovecotEnvironment)) {
    const re = new RegExp(`^${k} = .*$`, 'm');
    dovecotConf = re.test(dovecotConf) ? dovecotConf.replace(re, `${k} = ${v}`) : dovecotConf.replace(/^(dovecot_storage_version = .*)$/m, `$1\n${k} = ${v}`);
  }
  const dovecotConfPath = join(dir, 'etc/dovecot/dovecot.conf');
  mkdir(dirname(dovecotConfPath));
  writeFileSync(dovecotConfPath, dovecotConf);
  mkdir(vm('/var/lib/dovecot'), 0o755);
  mkdir(vm('/run/dovecot2'), 0o755); // RuntimeDirectory
  mkdir(vm('/var/vmail'), 0o700, ids.vmail, gids.vmail); // users.users.vmail.createHome
  const inChroot = (cmd: string) =>
    [
      'set -e',
      // the sandbox at the same path inside the root; a private tmpfs keeps the cached root unchanged
      `mount -t tmpfs tmpfs "${TRIXIE_ROOT}/run"`,
      `mkdir -p "${TRIXIE_ROOT}${SANDBOX_BASE}"`,
      `mount --bind "${SANDBOX_BASE}" "${TRIXIE_ROOT}${SANDBOX_BASE}"`,
      `mount --bind "${chrootEtc}/passwd" "${TRIXIE_ROOT}/etc/passwd"`,
      `mount --bind "${chrootEtc}/group" "${TRIXIE_ROOT}/etc/group"`,
      `mount -t proc proc "${TRIXIE_ROOT}/proc"`,
      `exec chroot "${TRIXIE_ROOT}" sh -euc '${cmd.replace(/'/g, `'\\''`)}'`,
    ].join('\n');
  const preStart = substitute(d().systemd.services.dovecot.preStart as string, map);
  const startDovecot = () => execFileSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', inChroot(`${preStart}\nexec dovecot -c ${dovecotConfPath} 2>${dir}/dovecot-start.err`)], { stdio: 'ignore' });

  // ---- postfix ----------------------------------------------------------------------------------
  const conf = vm('/var/lib/postfix/conf');
  const postfixEnvironment = {
    maillog_file: join(dir, 'postfix.log'), // no syslog here
    maillog_file_prefixes: dir,
    smtp_connect_timeout: '5s',
  };
  let mainCf = '';
  let masterCf = '';
  const writePostfix = () => {
    const pf = d().services.postfix;
    mainCf = postfixMainCf(pf.mainCf, map, postfixEnvironment);
    // the log service postlogd needs for maillog_file (not in NixOS's master.cf: it logs to syslog)
    // inet services bind 127.0.0.2 (NixOS: every address; postfix's inet_interfaces only takes
    // addresses configured on an interface, and 127.0.0.2 is not)
    const bound = substitute(pf.masterCf, map).replace(/^([^\s#]+)(\s+inet\s)/gm, `${IP.mail}:$1$2`);
    masterCf = `${bound}\npostlog   unix-dgram n  -       n       -       1       postlogd\n`;
    rmSync(conf, { recursive: true, force: true });
    mkdir(conf);
    writeFileSync(join(conf, 'main.cf'), mainCf);
    writeFileSync(join(conf, 'master.cf'), masterCf);
    // what postfix-setup does with the maps it links: postalias / postmap
    const setup = d().systemd.services['postfix-setup'];
    for (const [, from, to] of (setup.script as string).matchAll(/ln -sf (\S+) \/var\/lib\/postfix\/conf\/(\S+)/g)) {
      if (to === 'main.cf' || to === 'master.cf' || to === 'postfix-files') continue;
      writeFileSync(join(conf, to!), readFileSync(from!, 'utf8'));
    }
    for (const [, tool, to] of (setup.script as string).matchAll(/\/bin\/(postalias -o -p|postmap) \/var\/lib\/postfix\/conf\/(\S+)/g)) {
      const [prog, ...flags] = tool!.split(' ');
      execFileSync(prog!, ['-c', conf, ...flags, join(conf, to!)], { stdio: 'pipe' });
    }
  };
  writePostfix();
  for (const p of ['/var/lib/postfix/queue', '/var/lib/postfix/data']) mkdir(vm(p));
  chownSync(vm('/var/lib/postfix/data'), postfixUid, postfixGid);
  const resolv = join(dir, 'resolv.conf');
  writeFileSync(resolv, `nameserver ${opts.nameserver}\noptions timeout:1 attempts:1\n`);

  const stack: EvaluatedStack = {
    dir,
    path: vm,
    get evaluation() {
      return evaluation;
    },
    get mainCf() {
      return mainCf;
    },
    get masterCf() {
      return masterCf;
    },
    dovecotConf,
    applySite(newSite, secrets = {}) {
      evaluation = evaluateHost('mail', newSite, { nixDir: opts.nixDir });
      if (secrets.relaySasl !== undefined) writeSecret((newSite as { paths: SitePaths }).paths.relaySaslMap, secrets.relaySasl);
      writePostfix();
      execFileSync('postfix', ['-c', conf, 'reload'], { stdio: 'pipe' });
    },
    postfixLog: () => (existsSync(join(dir, 'postfix.log')) ? readFileSync(join(dir, 'postfix.log'), 'utf8') : ''),
    dovecotLog: () => (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : ''),
    opendkimLog: () => (existsSync(opendkimLog) ? readFileSync(opendkimLog, 'utf8') : ''),
    queue() {
      const out = spawnSync('postqueue', ['-c', conf, '-j'], { encoding: 'utf8' }).stdout;
      return out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    },
    clearQueue() {
      spawnSync('postsuper', ['-c', conf, '-d', 'ALL'], { stdio: 'ignore' });
    },
    flushQueue() {
      spawnSync('postqueue', ['-c', conf, '-f'], { stdio: 'ignore' });
    },
    onReload(unit, fn) {
      reloadHooks[unit] = fn;
    },
    runUnit(unit) {
      const { out, calls } = runUnitScript(unit);
      const reloaded: string[] = [];
      for (const call of calls) {
        const [verb, ...names] = call.split(/\s+/);
        if (!/^(try-)?reload-or-restart$|^reload$|^restart$/.test(verb ?? '')) throw new Error(`${unit} asked systemctl for "${call}", which this sandbox does not emulate`);
        for (const name of names) {
          const svc = name.replace(/\.service$/, '');
          if (svc === 'postfix') execFileSync('postfix', ['-c', conf, 'reload'], { stdio: 'pipe' });
          else if (svc === 'dovecot') execFileSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', inChroot(`doveadm -c ${dovecotConfPath} reload`)], { stdio: 'pipe' });
          else if (reloadHooks[name]) reloadHooks[name]!();
          else continue; // not running here: try-reload-or-restart leaves it alone
          reloaded.push(name);
        }
      }
      return { out, reloaded };
    },
    stop() {
      spawnSync('postfix', ['-c', conf, 'stop'], { stdio: 'ignore' });
      spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', inChroot(`doveadm -c ${dovecotConfPath} stop || true`)], { stdio: 'ignore' });
      if (opendkim?.pid) {
        try {
          process.kill(-opendkim.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      if (process.env.NETSETUP_KEEP_MTA !== '1') rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    execFileSync('postfix', ['-c', conf, 'check'], { stdio: 'pipe' });
    execFileSync('unshare', ['-m', 'sh', '-c', 'mount --bind "$1" /etc/resolv.conf && exec postfix -c "$2" start', 'sh', resolv, conf], { stdio: 'ignore' });
    startDovecot();
  } catch (e) {
    const err = e as { message: string };
    const why = spawnSync('script', ['-qc', `postfix -c ${conf} check`, '/dev/null'], { encoding: 'utf8' }).stdout;
    const startErr = existsSync(join(dir, 'dovecot-start.err')) ? readFileSync(join(dir, 'dovecot-start.err'), 'utf8') : '';
    const detail = `${err.message}\n${why}\n${stack.postfixLog()}\n${startErr}\n${stack.dovecotLog()}`;
    stack.stop();
    throw new Error(`could not start the evaluated mail VM configuration: ${detail}`);
  }
  return stack;
}

/** A CA and certificates it signs (the relay's), plus a self-signed one. */
export function makeCa(dir: string): { caPem: string; issue(cn: string): { cert: string; key: string } ; selfSigned(cn: string): { cert: string; key: string } } {
  const ca = join(dir, 'test-ca');
  mkdirSync(ca, { recursive: true });
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=netsetup test CA', '-keyout', join(ca, 'ca.key'), '-out', join(ca, 'ca.crt'), '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], { stdio: 'ignore' });
  const read = (f: string) => readFileSync(f, 'utf8');
  return {
    caPem: read(join(ca, 'ca.crt')),
    issue(cn) {
      const key = join(ca, `${cn}.key`);
      const csr = join(ca, `${cn}.csr`);
      const crt = join(ca, `${cn}.crt`);
      const ext = join(ca, `${cn}.ext`);
      writeFileSync(ext, `subjectAltName=DNS:${cn}\nextendedKeyUsage=serverAuth\n`);
      execFileSync('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', key, '-out', csr], { stdio: 'ignore' });
      execFileSync('openssl', ['x509', '-req', '-in', csr, '-CA', join(ca, 'ca.crt'), '-CAkey', join(ca, 'ca.key'), '-CAcreateserial', '-days', '2', '-extfile', ext, '-out', crt], { stdio: 'ignore' });
      return { cert: read(crt), key: read(key) };
    },
    selfSigned(cn) {
      const key = join(ca, `self-${cn}.key`);
      const crt = join(ca, `self-${cn}.crt`);
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${cn}`, '-addext', `subjectAltName=DNS:${cn}`, '-keyout', key, '-out', crt], { stdio: 'ignore' });
      return { cert: read(crt), key: read(key) };
    },
  };
}

// @ts-nocheck
// Roundcube as NixOS evaluates it for the mail VM (nixpkgs' roundcube, nginx and phpfpm modules
// via the eval kit), run on Debian 12's roundcube, nginx and php-fpm beside the evaluated
// postfix/dovecot of evaluatedStack.ts:
// - config.inc.php: the text the roundcube module writes to /etc/roundcube/config.inc.php, used
//   verbatim except the PATH SUBSTITUTIONS in `roundcubePaths` (PostgreSQL socket → an SQLite file
//   in the sandbox, the NixOS nginx package's mime.types → Debian's, state files and the TLS
//   trust file under /var/lib/netsetup → the sandbox)
//   and the ENVIRONMENT lines appended (log to a file: there is no syslog here);
// - nginx: a server block made from the evaluated virtual host (server name, root, forceSSL,
//   certificate paths, every location with its index/extraConfig, in `priority` order), bound to
//   the VM's loopback address; the NixOS nginx package's fastcgi.conf → Debian's. NOT the
//   nginx.conf NixOS generates: that text is rendered by nixpkgs' nginx/default.nix, which the
//   eval kit does not vendor (its stubs/nginx.nix declares the options only; the kit builds
//   nothing, and the module hands the text to pkgs.writers.writeNginxConfig, a build step), and
//   nothing fetched from nixpkgs may be committed here. What is compared instead
//   (`assertRenderable`): every option of the evaluated vhost, its locations and the global
//   services.nginx options is either rendered below or still at its default (the defaults of the
//   vendored vhost-options.nix / location-options.nix, read from a vhost the test leaves
//   empty), so a setting this helper would silently drop fails the test.
//   Differences from the generated nginx.conf, listed: listen address (127.0.0.2, not every
//   address), user (Debian's www-data, not nginx), pid/log/temp paths (the sandbox), mime.types
//   and fastcgi.conf (Debian's), no http3/quic (vhost default quic = false: not rendered either);
// - php-fpm: the evaluated pool (settings, phpOptions) with the NixOS users roundcube/nginx →
//   Debian's www-data, run in a private mount namespace where /etc/hosts is the VM's
//   networking.hosts (with the VM's address, 127.0.0.2 here), /etc/roundcube/config.inc.php the
//   evaluated file and /tmp private (the unit's PrivateTmp). The system CA bundle → the sandbox's
//   (as in evaluatedStack.ts), through openssl.cafile.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IP, type EvaluatedStack } from './evaluatedStack.js';
import { evaluateAttr, evaluateExpr } from './nixEval.js';

/** Debian's roundcube: the web root its package ships (NixOS: ${roundcube}/public_html). */
export const DEBIAN_ROUNDCUBE_ROOT = '/var/lib/roundcube/public_html';
const PHP_FPM = '/usr/sbin/php-fpm8.2';
const WEB_USER = 'www-data'; // Debian's user for roundcube's files and nginx workers

export interface Webmail {
  fqdn: string;
  /** base URL (https://mail.<domain>/) */
  url: string;
  configText: string;
  nginxConf: string;
  /** The evaluated nginx options (vhost, defaults, globals) the server block was made from. */
  nginxEvaluation: NginxEvaluation;
  logs(): string;
  /** nginx -s reload (what systemctl reload nginx does on the VM). */
  reload(): void;
  /** Stop nginx and php-fpm; resolves when both have exited. */
  stop(): Promise<void>;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
interface Evaluated {
  nginx: NginxEvaluation;
  config: string;
  vhost: any;
  pool: any;
  hosts: Record<string, string[]>;
}

/** A vhost nobody sets: its fields are the vendored vhost-options.nix / location-options.nix defaults. */
const DEFAULTS_VHOST = 'defaults.netsetup.invalid';

export interface NginxEvaluation {
  vhost: any;
  defaults: any;
  global: Record<string, unknown>;
  globalDefaults: Record<string, unknown>;
}

function evaluateNginx(site: Record<string, unknown>, fqdn: string): NginxEvaluation {
  const expr = `let
    safe = v: let r = builtins.tryEval (builtins.deepSeq v v); in if r.success then r.value else "<unset>";
    fields = vh: builtins.mapAttrs (n: v: if n == "locations" then builtins.mapAttrs (_: l: builtins.mapAttrs (_: safe) (removeAttrs l [ "_module" ])) v else safe v) (removeAttrs vh [ "_module" ]);
    vhs = e.config.services.nginx.virtualHosts;
    skip = [ "virtualHosts" "package" ];
  in {
    vhost = fields vhs."${fqdn}";
    defaults = fields vhs."${DEFAULTS_VHOST}";
    global = builtins.mapAttrs (_: safe) (removeAttrs e.config.services.nginx skip);
    globalDefaults = builtins.mapAttrs (_: o: safe (o.default or "<no default>")) (removeAttrs e.options.services.nginx skip);
  }`;
  return evaluateExpr('mail', site, expr, `{ services.nginx.virtualHosts."${DEFAULTS_VHOST}".locations."/" = { }; }`) as any;
}

/** What startWebmail renders into nginx.conf; every other option must be at its default. */
export const RENDERED = {
  global: ['enable', 'user', 'group', 'clientMaxBodySize'],
  vhost: ['serverName', 'serverAliases', 'root', 'forceSSL', 'redirectCode', 'http2', 'sslCertificate', 'sslCertificateKey', 'extraConfig', 'locations'],
  location: ['root', 'alias', 'index', 'tryFiles', 'extraConfig', 'priority'],
} as const;

/** The evaluated options this helper would not render although they differ from the default; [] when none. */
export function unrenderedSettings(ev: NginxEvaluation): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const out: string[] = [];
  for (const [k, v] of Object.entries(ev.global)) {
    if (!(RENDERED.global as readonly string[]).includes(k) && !same(v, ev.globalDefaults[k])) out.push(`services.nginx.${k} = ${JSON.stringify(v)}`);
  }
  for (const [k, v] of Object.entries(ev.vhost)) {
    if (!(RENDERED.vhost as readonly string[]).includes(k) && !same(v, ev.defaults[k])) out.push(`vhost ${k} = ${JSON.stringify(v)}`);
  }
  const locDefault = ev.defaults.locations['/'];
  for (const [path, l] of Object.entries(ev.vhost.locations as Record<string, Record<string, unknown>>)) {
    for (const [k, v] of Object.entries(l)) {
      if (!(RENDERED.location as readonly string[]).includes(k) && !same(v, locDefault[k])) out.push(`location ${path} ${k} = ${JSON.stringify(v)}`);
    }
  }
  return out;
}

function evaluate(site: Record<string, unknown>, fqdn: string): Evaluated {
  const nginx = evaluateNginx(site, fqdn);
  const dropped = unrenderedSettings(nginx);
  if (dropped.length) throw new Error(`the webmail test's nginx.conf would silently drop evaluated settings (render them in test/mta/helpers/webmail.ts): ${dropped.join('; ')}`);
  return {
    nginx,
    config: evaluateAttr('mail', site, 'config.environment.etc."roundcube/config.inc.php".text') as string,
    vhost: nginx.vhost,
    pool: evaluateAttr('mail', site, 'config.services.phpfpm.pools.roundcube'),
    hosts: evaluateAttr('mail', site, 'config.networking.hosts') as Record<string, string[]>,
  };
}

const NIX_NGINX = /\/nix\/store\/[a-z0-9]{32}-nginx(-[0-9.]+)?\/conf\//g;

function waitForFile(path: string, what: () => string, ms = 15_000): void {
  const end = Date.now() + ms;
  while (!existsSync(path)) {
    if (Date.now() > end) throw new Error(`${path} did not appear: ${what()}`);
    spawnSync('sleep', ['0.1']);
  }
}

export function startWebmail(stack: EvaluatedStack, site: Record<string, unknown>): Webmail {
  const fqdn = site.fqdn as string;
  const ev = evaluate(site, fqdn);
  const dir = join(stack.dir, 'webmail');
  const uid = Number(execFileSync('id', ['-u', WEB_USER], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', WEB_USER], { encoding: 'utf8' }).trim());
  const mk = (p: string, mode = 0o755, owner = false) => {
    mkdirSync(p, { recursive: true });
    chmodSync(p, mode);
    if (owner) chownSync(p, uid, gid);
    return p;
  };
  mk(dir);
  const state = mk(join(dir, 'var/lib/roundcube'), 0o750, true); // the module's StateDirectory
  const logDir = mk(join(dir, 'log'), 0o750, true);
  const run = mk(join(dir, 'run/phpfpm'), 0o755);

  // ---- config.inc.php ------------------------------------------------------------------------
  const dbFile = join(state, 'roundcube.sqlite');
  const roundcubePaths: Array<[RegExp | string, string]> = [
    ['/var/lib/roundcube/', `${state}/`],
    ['/var/lib/netsetup/', stack.path('/var/lib/netsetup/')], // mail-tls.nix's webmail trust file
    // the module's database: PostgreSQL on its socket → Debian's roundcube-sqlite3 on a sandbox file
    [/'pgsql:\/\/[^']*'/, `'sqlite:///${dbFile}?mode=0640'`],
    [NIX_NGINX, '/etc/nginx/'],
  ];
  let config = ev.config;
  for (const [from, to] of roundcubePaths) config = typeof from === 'string' ? config.split(from).join(to) : config.replace(from, to);
  if (/\/nix\/store\//.test(config)) throw new Error(`config.inc.php still names the Nix store:\n${config}`);
  config += `\n// test sandbox environment (not policy)\n$config['log_driver'] = 'file';\n$config['log_dir'] = '${logDir}/';\n`;
  const configFile = join(dir, 'config.inc.php');
  writeFileSync(configFile, config);
  chmodSync(configFile, 0o640);
  chownSync(configFile, 0, gid);
  // roundcube-setup: a 24-character des_key in the state directory
  const desKey = join(state, 'des_key');
  writeFileSync(desKey, execFileSync('openssl', ['rand', '-base64', '18'], { encoding: 'utf8' }).trim());
  chmodSync(desKey, 0o640);
  chownSync(desKey, 0, gid);

  // ---- the VM's /etc/hosts (networking.hosts, the VM's own address for 127.0.0.1) ------------
  const hosts = join(dir, 'hosts');
  const lines = Object.entries(ev.hosts).map(([ip, names]) => `${ip === '127.0.0.1' && names.includes(fqdn) ? IP.mail : ip} ${names.join(' ')}`);
  writeFileSync(hosts, `127.0.0.1 localhost\n${lines.join('\n')}\n`);
  chmodSync(hosts, 0o644);

  // ---- php-fpm, the evaluated pool ------------------------------------------------------------
  const socket = join(run, 'roundcube.sock');
  const userMap: Record<string, string> = { roundcube: WEB_USER, nginx: WEB_USER };
  const pool = ev.pool;
  const settings: Record<string, unknown> = { ...pool.settings };
  for (const k of ['listen.owner', 'listen.group']) if (typeof settings[k] === 'string') settings[k] = userMap[settings[k] as string] ?? settings[k];
  const phpOptions = (pool.phpOptions as string)
    .split('\n')
    .filter((l) => /^\s*[a-z_.]+\s*=/.test(l) && !/^\s*error_log\s*=/.test(l)) // error_log /dev/stderr: the master's log here
    .map((l) => {
      const [k, ...v] = l.split('=');
      return `php_admin_value[${k!.trim()}] = ${v.join('=').trim().replace(/^'(.*)'$/, '$1')}`;
    });
  const fpmConf = join(dir, 'php-fpm.conf');
  writeFileSync(
    fpmConf,
    [
      '[global]',
      `error_log = ${logDir}/php-fpm.log`,
      `pid = ${run}/php-fpm.pid`,
      'daemonize = no',
      '[roundcube]',
      `user = ${userMap[pool.user as string] ?? pool.user}`,
      `group = ${userMap[(pool.group as string | null) ?? pool.user] ?? WEB_USER}`,
      `listen = ${socket}`,
      ...Object.entries(settings).map(([k, v]) => `${k} = ${v === true ? 'yes' : v === false ? 'no' : v}`),
      ...phpOptions,
      `php_admin_value[openssl.cafile] = ${stack.path('/etc/ssl/certs/ca-certificates.crt')}`,
      'php_admin_flag[log_errors] = on',
      `php_admin_value[error_log] = ${logDir}/php-errors.log`,
      '',
    ].join('\n'),
  );
  const fpm: ChildProcess = spawn(
    'unshare',
    ['-m', '--propagation', 'private', 'sh', '-euc', [
      `mount --bind "${hosts}" /etc/hosts`,
      `mount --bind "${configFile}" /etc/roundcube/config.inc.php`,
      'mount -t tmpfs -o mode=1777 tmpfs /tmp',
      `exec ${PHP_FPM} -F -y "${fpmConf}" 2>>"${logDir}/php-fpm.stderr"`,
    ].join('\n')],
    { stdio: 'ignore', detached: true },
  );
  fpm.unref();

  // ---- nginx, the evaluated virtual host ------------------------------------------------------
  const vh = ev.vhost;
  const root = (vh.root as string).replace(/^\/nix\/store\/[a-z0-9]{32}-roundcube[^/]*\/public_html$/, DEBIAN_ROUNDCUBE_ROOT);
  // location-options.nix: `priority` orders the blocks (smaller first, like lib.mkOrder); nginx
  // tries regex locations in the order they appear, so the order is part of the configuration.
  const ordered = Object.entries(vh.locations as Record<string, any>).sort(([, a], [, b]) => a.priority - b.priority);
  const loc = ordered.map(([path, l]) => {
    const body = [
      l.root ? `root ${l.root};` : '',
      l.alias ? `alias ${l.alias};` : '',
      l.index ? `index ${l.index};` : '',
      l.tryFiles ? `try_files ${l.tryFiles};` : '',
      (l.extraConfig as string).replace(NIX_NGINX, '/etc/nginx/').split(pool.socket as string).join(socket),
    ].filter(Boolean).join('\n');
    return `location ${path} {\n${body}\n}`;
  });
  const ssl = stack.path(vh.sslCertificate);
  const key = stack.path(vh.sslCertificateKey);
  const nginxConf = [
    `pid ${run}/nginx.pid;`,
    `error_log ${logDir}/nginx-error.log;`,
    `user ${WEB_USER};`,
    'worker_processes 1;',
    'events { worker_connections 64; }',
    'http {',
    'include /etc/nginx/mime.types;',
    `access_log ${logDir}/nginx-access.log;`,
    `client_body_temp_path ${dir}/nginx-body; fastcgi_temp_path ${dir}/nginx-fastcgi;`,
    // the http-level limit the NixOS module sets from services.nginx.clientMaxBodySize (nginx's own default is 1m)
    `client_max_body_size ${ev.nginx.global.clientMaxBodySize};`,
    vh.forceSSL ? `server { listen ${IP.mail}:80; server_name ${fqdn}; location / { return ${vh.redirectCode} https://$host$request_uri; } }` : '',
    `server {`,
    `listen ${IP.mail}:443 ssl${vh.http2 ? ' http2' : ''};`,
    `server_name ${vh.serverName ?? fqdn} ${(vh.serverAliases as string[]).join(' ')};`,
    `ssl_certificate ${ssl};`,
    `ssl_certificate_key ${key};`,
    `root ${root};`,
    vh.extraConfig as string,
    ...loc,
    '}',
    '}',
    '',
  ].join('\n');
  const nginxFile = join(dir, 'nginx.conf');
  writeFileSync(nginxFile, nginxConf);
  const logs = () =>
    ['nginx-error.log', 'php-fpm.log', 'php-fpm.stderr', 'php-errors.log', 'errors.log', 'errors']
      .map((f) => join(logDir, f))
      .filter(existsSync)
      .map((f) => `--- ${f}\n${readFileSync(f, 'utf8')}`)
      .join('\n');
  const t = spawnSync('nginx', ['-t', '-c', nginxFile], { encoding: 'utf8' });
  if (t.status !== 0) throw new Error(`nginx rejects the configuration made from the evaluated virtual host: ${t.stderr}\n${nginxConf}`);
  const nginx: ChildProcess = spawn('nginx', ['-c', nginxFile, '-g', 'daemon off;'], { stdio: 'ignore', detached: true });
  nginx.unref();

  const stop = async () => {
    for (const p of [nginx, fpm]) {
      if (p.pid && p.exitCode === null && p.signalCode === null) {
        try {
          process.kill(-p.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    }
    // the ports must be free again when this returns (a next instance binds them)
    const end = Date.now() + 10_000;
    while ([nginx, fpm].some((p) => p.exitCode === null && p.signalCode === null) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  };
  try {
    waitForFile(socket, logs);
    waitForFile(`${run}/nginx.pid`, logs);
  } catch (e) {
    void stop();
    throw e;
  }
  const reload = () => {
    execFileSync('nginx', ['-c', nginxFile, '-s', 'reload'], { stdio: 'pipe' });
  };
  stack.onReload('nginx.service', reload);
  return { fqdn, url: `https://${fqdn}/`, configText: config, nginxConf, nginxEvaluation: ev.nginx, logs, reload, stop };
}

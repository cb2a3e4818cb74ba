// @ts-nocheck
// Evaluates nix/hosts/{mail,dns}.nix with the offline NixOS eval kit (nixpkgs' own module code
// for postfix, dovecot, opendkim, ... — ../shared/nixos-eval-kit, read-only, never edited) for a
// site rendered by the wizard's own site-config renderer. The site is injected as an extra
// module (nothing is read from /etc); modules the kit lacks get their interface from
// test/mta/nix/*.nix, passed as extra modules to the kit's dump.nix / eval.nix.
import { EVAL_KIT_MISSING, findEvalKit } from '../../helpers/evalKit.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answersSchema, type AnswersInput } from '../../../src/schema/answers.js';
import { derivePlan } from '../../../src/plan/derive.js';
import { renderSiteConfig, SITE_JSON, type SiteFile } from '../../../src/render/siteConfig.js';

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));
export const NIX_DIR = join(REPO, 'nix');
/** Interfaces of NixOS modules the kit does not vendor (see each file's header). */
export const KIT_EXTRA_MODULES = [join(REPO, 'test/mta/nix/fail2ban-interface.nix')];

/** The kit lives beside the repository (shared/nixos-eval-kit); NETSETUP_NIXOS_EVAL_KIT overrides. */
export function evalKitDir(): string {
  const found = findEvalKit();
  if (!found) throw new Error(EVAL_KIT_MISSING);
  return found;
}

export type Role = 'mail' | 'dns';

export interface RenderedSite {
  answers: AnswersInput;
  files: SiteFile[];
  site: Record<Role, Record<string, unknown>>;
  /** Content of one rendered file of a guest. */
  file(role: Role, path: string): string;
}

export function renderSite(answers: AnswersInput): RenderedSite {
  const plan = derivePlan(answersSchema.parse(answers));
  const files = renderSiteConfig(plan, { salt: 'netsetupmtasalt1' }).files;
  const file = (role: Role, path: string) => {
    const f = files.find((x) => x.guest === role && x.path === path);
    if (!f) throw new Error(`no rendered ${role} file ${path}`);
    return f.content;
  };
  return { answers, files, file, site: { mail: JSON.parse(file('mail', SITE_JSON)), dns: JSON.parse(file('dns', SITE_JSON)) } };
}

export interface EvalResult {
  /** dump.nix output: warnings, failedAssertions, kitChecks, systemd, users, services ... */
  dump: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** nix-instantiate's stderr (trace/warning lines). */
  stderr: string;
}

export class NixEvalError extends Error {}

/** Evaluate a host of `nixDir` (default: the repository's nix/) for `site`. Throws NixEvalError on failure. */
export function evaluateHost(role: Role, site: Record<string, unknown>, opts: { nixDir?: string; extraModules?: string[] } = {}): EvalResult {
  const kit = evalKitDir();
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-nixeval-'));
  try {
    writeFileSync(join(dir, 'site.json'), JSON.stringify(site));
    writeFileSync(join(dir, 'site.nix'), `{ lib, ... }: { host.site = lib.mkForce (builtins.fromJSON (builtins.readFile ${join(dir, 'site.json')})); }\n`);
    const modules = [join(opts.nixDir ?? NIX_DIR, 'hosts', `${role}.nix`), ...KIT_EXTRA_MODULES, join(dir, 'site.nix'), ...(opts.extraModules ?? [])];
    const r = spawnSync(
      'nix-instantiate',
      ['--read-write-mode', '--option', 'build-users-group', '', '--eval', '--strict', '--json', join(kit, 'dump.nix'), '--arg', 'modules', `[ ${modules.join(' ')} ]`],
      { encoding: 'utf8', maxBuffer: 64 << 20, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir } },
    );
    if (r.status !== 0) throw new NixEvalError(`nix-instantiate failed for the ${role} VM (exit ${r.status}):\n${r.stderr}`);
    return { dump: JSON.parse(r.stdout), stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One value of the evaluated configuration (eval.nix), e.g. `config.services.fail2ban.jails`. */
export function evaluateAttr(role: Role, site: Record<string, unknown>, attr: string): unknown {
  const kit = evalKitDir();
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-nixeval-'));
  try {
    writeFileSync(join(dir, 'site.json'), JSON.stringify(site));
    const modules = [join(NIX_DIR, 'hosts', `${role}.nix`), ...KIT_EXTRA_MODULES].join(' ');
    const expr = `let e = import ${join(kit, 'eval.nix')} { modules = [ ${modules} ({ lib, ... }: { host.site = lib.mkForce (builtins.fromJSON (builtins.readFile ${join(dir, 'site.json')})); }) ]; }; in e.${attr}`;
    const out = execFileSync('nix-instantiate', ['--eval', '--strict', '--json', '--expr', expr], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A Nix expression over the evaluation `e` (eval.nix's { config, options, lib, pkgs }), with
 * `extraModule` (Nix module text) evaluated beside the host, e.g. a vhost left at its defaults.
 */
export function evaluateExpr(role: Role, site: Record<string, unknown>, expr: string, extraModule = '{ }'): unknown {
  const kit = evalKitDir();
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-nixeval-'));
  try {
    writeFileSync(join(dir, 'site.json'), JSON.stringify(site));
    writeFileSync(join(dir, 'extra.nix'), `${extraModule}\n`);
    const modules = [join(NIX_DIR, 'hosts', `${role}.nix`), ...KIT_EXTRA_MODULES, join(dir, 'extra.nix')].join(' ');
    const full = `let e = import ${join(kit, 'eval.nix')} { modules = [ ${modules} ({ lib, ... }: { host.site = lib.mkForce (builtins.fromJSON (builtins.readFile ${join(dir, 'site.json')})); }) ]; }; in ${expr}`;
    const out = execFileSync('nix-instantiate', ['--eval', '--strict', '--json', '--expr', full], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const network = { bridge: 'vmbr0', gateway: '192.168.1.1', prefixLength: 24, pmg: '192.168.1.60', mail: '192.168.1.61', dns: '192.168.1.62' };
const mailboxes = [{ user: 'info', password: 'mailbox-pass-1234' }, { user: 'max', password: 'mailbox-pass-5678' }];

/** The three site shapes CI evaluates: static standalone, smarthost on a dynamic IP, dyndns target zone. */
export const SITES: Record<'standalone' | 'smarthost' | 'dyndns', AnswersInput> = {
  standalone: { domain: 'site.example.org', hostSerial: 'lib', mode: 'standalone', publicIp: '203.0.113.7', network, mailboxes },
  smarthost: {
    domain: 'site.example.org',
    hostSerial: 'lib',
    mode: 'smarthost',
    relay: { host: 'relay.outside.example.net', port: 587, user: 'relay-user', password: 'relay-secret-987', spf: 'a:relay.outside.example.net' },
    dnsProvider: { provider: 'cloudflare', credentials: { CF_DNS_API_TOKEN: 'cf-token-not-real', CF_ZONE_ID: 'zone-1' } },
    network,
    mailboxes,
  },
  dyndns: {
    domain: 'site.example.org',
    hostSerial: 'lib',
    mode: 'standalone',
    dyndns: { provider: 'noip', username: 'noip-user', secret: 'noip-secret-1', hosts: ['laufentaler'], domain: 'ddns.net' },
    network,
    mailboxes,
  },
};

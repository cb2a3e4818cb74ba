// @ts-nocheck
// The NixOS offline evaluation kit (shared/nixos-eval-kit, beside the repository): evaluates
// our modules with nixpkgs' own module code. Found through NETSETUP_NIXOS_EVAL_KIT or as
// shared/nixos-eval-kit in a folder above the repository.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const NIX_DIR = join(REPO, 'nix');

export function findEvalKit(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NETSETUP_NIXOS_EVAL_KIT) return existsSync(join(env.NETSETUP_NIXOS_EVAL_KIT, 'eval.nix')) ? resolve(env.NETSETUP_NIXOS_EVAL_KIT) : undefined;
  for (let dir = resolve(REPO); ; dir = dirname(dir)) {
    const kit = join(dir, 'shared', 'nixos-eval-kit');
    if (existsSync(join(kit, 'eval.nix'))) return kit;
    if (dirname(dir) === dir) return undefined;
  }
}

export const EVAL_KIT_MISSING = 'the NixOS eval kit was not found: keep shared/nixos-eval-kit in a folder above the repository, or set NETSETUP_NIXOS_EVAL_KIT to its folder';

/** Why an evaluation test cannot run here, or undefined when it can. */
export function evalKitMissing(): string | undefined {
  if (!findEvalKit()) return EVAL_KIT_MISSING;
  try {
    execFileSync('nix-instantiate', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'nix-instantiate is not installed (Debian package nix-bin)';
  }
  return undefined;
}

/**
 * Evaluate `expr` (a Nix expression over `config`) for the given modules and a site (the JSON
 * the wizard uploads as /etc/netsetup/site.json). `modules` are paths relative to nix/; `extra`
 * is Nix text of one more module (enable switches as the host file sets them).
 */
export function evalWithSite(opts: { modules: string[]; site: unknown; extra?: string; expr: string; readWrite?: boolean }): unknown {
  const kit = findEvalKit();
  if (!kit) throw new Error(evalKitMissing());
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-eval-'));
  const siteFile = join(dir, 'site.json');
  writeFileSync(siteFile, JSON.stringify(opts.site));
  const mods = opts.modules.map((m) => join(NIX_DIR, m)).join(' ');
  const nix = `let ev = import ${join(kit, 'eval.nix')} { modules = [ ${mods} { host.site = builtins.fromJSON (builtins.readFile ${siteFile}); } (${opts.extra ?? '{ }'}) ]; }; config = ev.config; in ${opts.expr}`;
  // --read-write-mode: the kit's text writers put their files in /nix/store so they can be read back.
  const out = execFileSync('nix-instantiate', [...(opts.readWrite ? ['--read-write-mode'] : []), '--option', 'build-users-group', '', '--eval', '--strict', '--json', '--expr', nix], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out);
}

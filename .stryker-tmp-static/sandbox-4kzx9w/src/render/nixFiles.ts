// @ts-nocheck
// The reviewed NixOS code shipped in the package's nix/ folder, as files for a VM: uploaded to
// /etc/netsetup/nix and built with `nixos-rebuild switch --impure --flake /etc/netsetup/nix#<role>`
// (impure because the modules read the site data in /etc/netsetup/site.json).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SiteFile } from './siteConfig.js';

export const NIX_DIR_ON_VM = '/etc/netsetup/nix';

export function rebuildArgv(role: 'mail' | 'dns'): string[] {
  return ['nixos-rebuild', 'switch', '--impure', '--flake', `${NIX_DIR_ON_VM}#${role}`];
}

/** The package root: the nearest folder above this module holding nix/flake.nix. */
export function findNixDir(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const candidate = join(dir, 'nix');
    if (existsSync(join(candidate, 'flake.nix'))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the nix/ folder of netsetup-wizard next to the program');
    dir = up;
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

/** Every file of nix/ except documentation and examples, for one VM. */
export function nixSourceFiles(role: 'mail' | 'dns', nixDir: string = findNixDir()): SiteFile[] {
  return walk(nixDir)
    .filter((p) => !/\.md$/.test(p) && !relative(nixDir, p).startsWith('examples/'))
    .map((p) => ({ guest: role, path: `${NIX_DIR_ON_VM}/${relative(nixDir, p)}`, content: readFileSync(p, 'utf8'), mode: 0o644, secret: false, quiet: true }));
}

/** Every file of nix/ (with the example sites the pure image build reads), relative paths. */
export function nixTree(nixDir: string = findNixDir()): Array<{ rel: string; content: string }> {
  return walk(nixDir)
    .filter((p) => !/\.md$/.test(p))
    .map((p) => ({ rel: relative(nixDir, p), content: readFileSync(p, 'utf8') }));
}

// @ts-nocheck
// Nix inside the throwaway image-builder container (Debian's nix-bin): `nix --version` and
// `nix build` of the flake's `<role>-vma` packages, plus what a transient unit running
// `nix build` or `nixos-rebuild` takes and prints (see units.ts).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mibAtLine, SIM_LATENCY_MS } from './latency.js';
import { defaultVmaConfig, fsPath, writeHostFile, type Guest } from './state.js';
import type { UnitPlan } from './units.js';
import { fail, ok, sysGuest, type CmdCtx, type Outcome } from './types.js';

/** nix-bin per Debian release (packages.debian.org: bookworm 2.8.0-1.1, trixie 2.26.3+dfsg-1). */
export const DEBIAN_NIX: Record<string, string> = { '12': '2.8.0', '13': '2.26.3' };

type BuilderGuest = Guest & { template?: string; nixBuilt?: string[] };

export function debianRelease(g: Guest): string | undefined {
  return /^debian-(\d+)-/.exec((g as BuilderGuest).template ?? '')?.[1];
}

/** Paths fetched and MiB downloaded for an image, less what an earlier build left in the store. */
export function imageWork(role: string, built: readonly string[]): { paths: number; mib: number; drvs: number } {
  const first = built.length === 0;
  if (role === 'mail') return first ? { paths: 812, mib: 702, drvs: 9 } : { paths: 141, mib: 180, drvs: 9 };
  return first ? { paths: 655, mib: 560, drvs: 8 } : { paths: 38, mib: 44, drvs: 8 };
}

interface BuildArgs { flake?: string; dryRun: boolean; features: string[]; options: Record<string, string>; printOut: boolean }

function parseBuild(args: string[]): BuildArgs | Outcome {
  const out: BuildArgs = { dryRun: false, features: [], options: {}, printOut: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--extra-experimental-features' || a === '--experimental-features') out.features.push(...(args[++i] ?? '').split(/\s+/));
    else if (a === '--option') {
      out.options[args[i + 1] ?? ''] = args[i + 2] ?? '';
      i += 2;
    } else if (a === '--dry-run') out.dryRun = true;
    else if (a === '--print-out-paths') out.printOut = true;
    else if (a === '--no-link' || a === '-L' || a === '--print-build-logs' || a === '--quiet') continue;
    else if (a === '--override-input') {
      out.options[`override:${args[i + 1]}`] = args[i + 2] ?? '';
      i += 2;
    } else if (a.startsWith('-')) return fail(1, `error: unrecognised flag '${a}'\nTry 'nix --help' for more information.`);
    else if (out.flake) return fail(1, `error: the simulator builds one installable at a time`);
    else out.flake = a;
  }
  return out;
}

export function nix(args: string[], ctx: CmdCtx): Outcome {
  const g = sysGuest(ctx) as BuilderGuest | undefined;
  if (!g) return fail(127, 'bash: line 1: nix: command not found');
  const version = DEBIAN_NIX[debianRelease(g) ?? '12'] ?? '2.8.0';
  if (args[0] === '--version') return ok(`nix (Nix) ${version}\n`);
  if (args[0] !== 'build') return fail(1, `error: the simulator models only 'nix --version' and 'nix build' (got '${args[0] ?? ''}')`);
  const p = parseBuild(args.slice(1));
  if ('exit' in p) return p;
  if (!p.features.includes('nix-command') || !p.features.includes('flakes')) return fail(1, "error: experimental Nix feature 'nix-command' is disabled; add '--extra-experimental-features nix-command' to enable it");
  const m = /^path:(\/[^#]+)#(mail|dns)-vma$/.exec(p.flake ?? '');
  if (!m) return fail(1, `error: cannot build '${p.flake ?? ''}': the flake ships mail-vma and dns-vma as path:<dir>#<role>-vma`);
  const [, dir, role] = m as unknown as [string, string, string];
  const lock = fsPath(ctx.dir, `${dir}/flake.lock`, g.vmid);
  if (!existsSync(fsPath(ctx.dir, `${dir}/flake.nix`, g.vmid))) return fail(1, `error: path '${dir}/flake.nix' does not exist`);
  if (version.startsWith('2.8')) return fail(1, `error: This version of Nixpkgs requires Nix >= 2.18.0, please upgrade:`);
  const built = g.nixBuilt ?? [];
  const w = imageWork(role, built);
  const sub = p.options.substituters ?? 'https://cache.nixos.org';
  if (p.dryRun) {
    return ok('', { stderr: `these ${w.drvs} derivations will be built:\n  /nix/store/…-nixos-disk-image.drv\n  /nix/store/…-proxmox-netsetup-${role}.drv\nthese ${w.paths} paths will be fetched (${w.mib.toFixed(1)} MiB download, ${(w.mib * 3.2).toFixed(1)} MiB unpacked):\n` });
  }
  if (!(g.config.dev0 ?? '').includes('/dev/kvm')) {
    return fail(1, `error: a 'x86_64-linux' with features {kvm} is required to build '/nix/store/9x1q…-nixos-disk-image.drv', but I am a 'x86_64-linux' with features {benchmark, big-parallel, nixos-test, uid-range}`);
  }
  const lockText = existsSync(lock) ? readFileSync(lock, 'utf8') : '';
  const hash = createHash('sha256').update(`${role}\0${lockText}`).digest('hex').slice(0, 32);
  const out = `/nix/store/${hash}-proxmox-netsetup-${role}`;
  writeHostFile(ctx.dir, `${out}/vzdump-qemu-netsetup-${role}.vma.zst`, `SIMULATED-VMA ${JSON.stringify({ role, config: defaultVmaConfig(role), nixpkgs: createHash('sha256').update(lockText).digest('hex').slice(0, 12) })}\n`, 0o444, g.vmid);
  g.nixBuilt = [...new Set([...built, role])];
  return ok(`${out}\n`, { mutated: true, stderr: `copied ${w.paths} paths from '${sub}'\n` });
}

/** Duration and progress lines of a unit's command. */
export function planUnit(argv: string[], ctx: CmdCtx): UnitPlan {
  const cmd = argv[0]!.replace(/^.*\//, '');
  if (cmd === 'nix' && argv[1] === 'build') {
    const role = /#(mail|dns)-vma$/.exec(argv.find((a) => a.includes('#')) ?? '')?.[1] ?? 'mail';
    const g = sysGuest(ctx) as BuilderGuest | undefined;
    const w = imageWork(role, g?.nixBuilt ?? []);
    const ms = imageBuildMs(role, g?.nixBuilt ?? []);
    const progress = [
      ...Array.from({ length: w.paths }, (_, i) => `copying path '/nix/store/${String(i).padStart(4, '0')}…' from 'https://cache.nixos.org'...`),
      ...Array.from({ length: w.drvs }, (_, i) => `building '/nix/store/…-step-${i}.drv'...`),
    ];
    return { latency: role === 'mail' ? 'nix build mail image' : 'nix build dns image', ms, progress };
  }
  if (cmd === 'nixos-rebuild') {
    const override = Number(ctx.env.NETSETUP_SIM_REBUILD_MS);
    return {
      latency: 'nixos-rebuild switch',
      ...(Number.isFinite(override) && override > 0 ? { ms: override } : {}),
      progress: ['building the system configuration...', "building '/nix/store/…-etc.drv'...", "building '/nix/store/…-nixos-system.drv'...", 'activating the configuration...'],
    };
  }
  return { latency: 'guest file write', progress: [] };
}


/** Physical build time: the download at the modelled line speed plus local work. */
export function imageBuildMs(role: string, built: readonly string[]): number {
  const w = imageWork(role, built);
  const local = role === 'mail' ? SIM_LATENCY_MS['nix build mail image'] - mibAtLine(702) : SIM_LATENCY_MS['nix build dns image'] - mibAtLine(560);
  return local + mibAtLine(w.mib);
}

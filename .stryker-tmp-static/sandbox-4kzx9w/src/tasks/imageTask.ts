// @ts-nocheck
// The NixOS VM images, made on the Proxmox host itself when no backup storage has them (see
// nix/README.md "Images on a fresh host"): a throwaway Debian 13 container with /dev/kvm passed
// through installs Debian's nix-bin (2.26.3 in trixie; nixpkgs needs ≥ 2.18), builds
// `<role>-vma` from the flake the package ships (its flake.lock pins nixpkgs), and hands the
// .vma.zst to the host with `pct pull`; the host keeps it only when its sha256 equals the one
// computed inside the builder. The build runs as a transient unit (unitRun.ts), so it survives
// an interrupted wizard and is never started twice; the builder is destroyed when both images
// are on the host, and kept (with its Nix store) while they are not, so a resumed run goes on
// where the last one stopped.
import type { ListrTask } from 'listr2';
import { WorkError } from '../cli/errors.js';
import { ctRun } from '../host/guest.js';
import { pveshGet } from '../host/pvesh.js';
import { nixTree } from '../render/nixFiles.js';
import { facts, IMAGE_DIR, imageFile, once, type InstallCtx } from './context.js';
import { step } from './step.js';
import { forgetUnit, runUnit, unitState, succeeded, type GuestExec } from './unitRun.js';

export const BUILD_DIR = '/root/netsetup-nix';
export const BUILDER_TAG = 'netsetup-builder';
export const builderName = (serial: string) => `nixbuild-${serial}`;
const MIN_NIX = [2, 18];
const TEMPLATE_RE = /^debian-13-standard_[\w.-]+_amd64\.tar\.(zst|xz|gz)$/;

export function newestDebian13(names: string[]): string | undefined {
  return names.filter((n) => TEMPLATE_RE.test(n)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).pop();
}

/** `nix (Nix) 2.26.3` → true when at least nixpkgs' minimum 2.18 (lib/minver.nix; lib/minfeatures.nix in 2026). */
export function nixRecentEnough(versionText: string): boolean {
  const m = /(\d+)\.(\d+)/.exec(versionText);
  if (!m) return false;
  const [maj, min] = [Number(m[1]), Number(m[2])];
  return maj > MIN_NIX[0]! || (maj === MIN_NIX[0] && min >= MIN_NIX[1]!);
}

/** "these 812 paths will be fetched (702.0 MiB download, …)" + "these 9 derivations will be built". */
export function parseDryRun(text: string): { fetch: number; build: number; mib: number } {
  const fetch = Number(/these (\d+) paths will be fetched/.exec(text)?.[1] ?? (/this path will be fetched/.test(text) ? 1 : 0));
  const build = Number(/these (\d+) derivations will be built/.exec(text)?.[1] ?? (/this derivation will be built/.test(text) ? 1 : 0));
  const mib = Number(/\(([\d.]+) MiB download/.exec(text)?.[1] ?? 0);
  return { fetch, build, mib };
}

/** A text progress bar for the task output: `[#######-------] 48% 392/821 store paths · 336/702 MiB`. */
export function progressBar(done: number, total: number, extra = '', width = 24): string {
  const frac = total > 0 ? Math.min(1, done / total) : 0;
  const fill = Math.round(frac * width);
  return `[${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${String(Math.round(frac * 100)).padStart(3)}% ${done}/${total} store paths${extra}`;
}

export const imageUnit = (role: 'mail' | 'dns') => `netsetup-image-${role}`;

export function nixBuildArgv(ctx: InstallCtx, role: 'mail' | 'dns', extra: string[] = []): string[] {
  const img = ctx.plan.answers.images;
  return [
    '/usr/bin/nix', 'build', `path:${BUILD_DIR}#${role}-vma`,
    '--extra-experimental-features', 'nix-command flakes',
    // The container is the isolation; Nix's own sandbox needs namespaces an unprivileged CT may not grant.
    '--option', 'sandbox', 'false',
    '--option', 'build-users-group', '',
    '--option', 'substituters', img?.substituter ?? 'https://cache.nixos.org',
    '--option', 'trusted-public-keys', img?.trustedPublicKey ?? 'cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=',
    ...(img?.nixpkgs ? ['--override-input', 'nixpkgs', img.nixpkgs] : []),
    '--no-link', '--print-out-paths', '-L',
    ...extra,
  ];
}

/** Roles whose VM does not exist yet and whose image no backup storage holds. */
export function imagesNeeded(ctx: InstallCtx): Array<'mail' | 'dns'> {
  const f = facts(ctx);
  return (['mail', 'dns'] as const).filter((r) => !f.images[r] && !f.existing[r]);
}

export function imageTask(): ListrTask<InstallCtx> {
  return {
    title: 'NixOS images (built on this host in a throwaway container)',
    enabled: (ctx) => ctx.facts !== undefined && (imagesNeeded(ctx).length > 0 || facts(ctx).builder !== undefined),
    task: (ctx, task) => {
      const f = facts(ctx);
      const serial = ctx.plan.serial;
      const name = builderName(serial);
      const bid = () => facts(ctx).builder!.vmid;
      const exec: GuestExec = (argv, opts) => ctRun(ctx.host, bid(), argv, opts);
      const needed = imagesNeeded(ctx);
      const ctStatus = async () => {
        const r = await ctx.host.run(['pct', 'status', String(bid())], { readOnly: true, allowFailure: true });
        return r.exit === 0 ? /status:\s*(\w+)/.exec(r.stdout)?.[1] : undefined;
      };
      const finalPath = (role: 'mail' | 'dns') => `${IMAGE_DIR}/${imageFile(role)}`;
      const onHost = async (role: 'mail' | 'dns') => (await ctx.host.run(['sha256sum', finalPath(role)], { readOnly: true, allowFailure: true })).exit === 0;
      // The builder borrows the address of a VM that does not exist yet (it needs this image).
      const borrowed = ctx.plan.guests.find((g) => g.role === (needed[0] ?? 'mail'))!;
      let template = '';
      const roleSteps = needed.flatMap((role): ListrTask<InstallCtx>[] => [
        step({
          title: `Build the ${role} image (nix build ${role}-vma)`,
          done: async () => ((await onHost(role)) ? `${imageFile(role)} already on the host` : false),
          run: async (c, t) => {
            const before = await unitState(exec, imageUnit(role));
            let total = 0;
            let mib = 0;
            if (!c.dryRun && !succeeded(before)) {
              const dry = await exec(nixBuildArgv(c, role, ['--dry-run']), { readOnly: true, allowFailure: true, label: 'what the build fetches' });
              const d = parseDryRun(`${dry.stdout}\n${dry.stderr}`);
              total = d.fetch + d.build;
              mib = d.mib;
            }
            let seen = 0;
            await runUnit({
              exec,
              unit: imageUnit(role),
              description: `netsetup-wizard: build the NixOS ${role} image`,
              argv: nixBuildArgv(c, role),
              // A transient unit starts with an empty environment; Nix keeps its fetcher and eval caches under HOME.
              env: { HOME: '/root' },
              what: `the ${role} image build`,
              signal: c.signal,
              dryRun: c.dryRun,
              pollMinMs: c.pollMinMs,
              limitMs: Number(c.env?.NETSETUP_LONG_WORK_LIMIT_MS ?? 6 * 3600_000),
              fullJournal: true,
              onProgress: (journal) => {
                const lines = journal.split('\n');
                seen = lines.filter((l) => /^copying path '|^building '/.test(l)).length;
                const last = lines.pop() ?? '';
                t.output = total > 0 ? `${progressBar(seen, total, mib ? ` · ~${Math.round((mib * Math.min(seen, total)) / total)}/${Math.round(mib)} MiB` : '')}` : last.slice(0, 160);
              },
            });
            if (c.dryRun) {
              const inner = `/nix/store/<hash>-proxmox-netsetup-${role}/${imageFile(role)}`;
              await c.host.run(['pct', 'pull', String(bid()), inner, `${finalPath(role)}.part`], { label: `copy the ${role} image to the host; kept only if its sha256 equals the builder's` });
              await c.host.run(['mv', '-f', `${finalPath(role)}.part`, finalPath(role)], { label: `keep the verified ${role} image` });
              facts(c).images[role] = finalPath(role);
              return;
            }
            // Built: the same command answers at once with the output path (nothing left to do).
            const out = (await exec(nixBuildArgv(c, role), { label: 'the image path', allowFailure: false })).stdout.trim().split('\n').pop() ?? '';
            if (!out.startsWith('/nix/store/')) throw new WorkError(`nix build printed no store path for ${role}-vma (got "${out.slice(0, 80)}")`);
            const inner = `${out}/${imageFile(role)}`;
            const sum = (await exec(['sha256sum', inner], { readOnly: true })).stdout.split(/\s+/)[0] ?? '';
            const part = `${finalPath(role)}.part`;
            t.output = `copying ${imageFile(role)} to ${IMAGE_DIR}`;
            await c.host.run(['pct', 'pull', String(bid()), inner, part], { label: `copy the ${role} image to the host`, signal: c.signal });
            const got = (await c.host.run(['sha256sum', part], { readOnly: true })).stdout.split(/\s+/)[0] ?? '';
            if (!/^[0-9a-f]{64}$/.test(sum) || got !== sum) {
              await c.host.run(['rm', '-f', part], { label: 'remove the damaged copy' });
              throw new WorkError(`the ${role} image arrived damaged: sha256 ${got.slice(0, 16)}… on the host, ${sum.slice(0, 16)}… in the builder`, { advice: 'Run the same command again: the copy is repeated (the build is kept).' });
            }
            await c.host.run(['mv', '-f', part, finalPath(role)], { label: `keep the verified ${role} image` });
            facts(c).images[role] = finalPath(role);
            await forgetUnit(exec, imageUnit(role));
            t.output = `${imageFile(role)} sha256 ${sum.slice(0, 16)}… verified`;
          },
        }),
      ]);
      return task.newListr(
        [
          step({
            title: 'Debian 13 container template for the builder (Debian 13 packages Nix 2.26)',
            done: async (c) => {
              if (needed.length === 0 || facts(c).builder?.exists) return needed.length === 0 ? 'no image to build' : `builder ${name} exists`;
              const r = await c.host.run(['pveam', 'list', f.templateStorage], { readOnly: true, allowFailure: true });
              const local = newestDebian13(r.stdout.split('\n').map((l) => l.split(/\s+/)[0]?.split('vztmpl/')[1] ?? ''));
              if (!local) return false;
              template = `${f.templateStorage}:vztmpl/${local}`;
              return `${local} already downloaded`;
            },
            run: async (c, t) => {
              await c.host.run(['pveam', 'update'], { label: 'refresh template catalogue', allowFailure: true, signal: c.signal });
              const avail = await c.host.run(['pveam', 'available', '--section', 'system'], { readOnly: true });
              const tmpl = newestDebian13(avail.stdout.split('\n').map((l) => l.trim().split(/\s+/).find((w) => TEMPLATE_RE.test(w)) ?? '')) ?? (c.dryRun ? 'debian-13-standard_13.1-2_amd64.tar.zst' : undefined);
              if (!tmpl) throw new WorkError('no Debian 13 container template is available (pveam available --section system); the image builder needs Debian 13 for a Nix recent enough (≥ 2.18)');
              t.output = tmpl;
              // The PMG branch may want the same template at the same time: one download.
              await once(c, `template:${tmpl}`, async () => {
                const have = await c.host.run(['pveam', 'list', f.templateStorage], { readOnly: true, allowFailure: true });
                if (!c.dryRun && have.stdout.includes(`vztmpl/${tmpl}`)) return;
                await c.host.run(['pveam', 'download', f.templateStorage, tmpl], { label: 'download template', signal: c.signal });
              });
              template = `${f.templateStorage}:vztmpl/${tmpl}`;
            },
          }),
          step({
            title: `Create the builder container ${name}`,
            done: async (c) => (needed.length === 0 ? 'no image to build' : facts(c).builder?.exists ? `exists as CT ${bid()}` : false),
            run: async (c) => {
              await c.host.run(
                [
                  'pct', 'create', String(bid()), template,
                  '--hostname', name,
                  '--description', `Throwaway NixOS image builder of netsetup-wizard for ${c.plan.domain}; removed when the images are on the host`,
                  '--unprivileged', '1',
                  '--features', 'nesting=1',
                  // make-disk-image runs a VM: Nix schedules it only where /dev/kvm exists (feature kvm).
                  '--dev0', '/dev/kvm,mode=0666',
                  '--tags', `netsetup;${BUILDER_TAG}`,
                  '--cores', '2',
                  '--memory', '4096',
                  '--swap', '4096',
                  '--rootfs', `${f.guestStorage}:${c.plan.answers.images?.builderDiskGb ?? 40}`,
                  '--net0', `name=eth0,bridge=${borrowed.bridge},ip=${borrowed.ip}/${borrowed.prefixLength},gw=${borrowed.gateway}`,
                  '--nameserver', borrowed.gateway,
                ],
                { label: 'create the image builder', signal: c.signal },
              );
              facts(c).builder!.exists = true;
            },
          }),
          step({
            title: `Start ${name}`,
            done: async () => (needed.length === 0 ? 'no image to build' : (await ctStatus()) === 'running' ? 'already running' : false),
            run: async (c) => {
              await c.host.run(['pct', 'start', String(bid())], { label: 'start the image builder', signal: c.signal });
            },
          }),
          step({
            title: 'Install Nix in the builder (Debian nix-bin)',
            done: async () => {
              if (needed.length === 0) return 'no image to build';
              if ((await ctStatus()) !== 'running') return false;
              const v = await exec(['nix', '--version'], { readOnly: true, allowFailure: true });
              return v.exit === 0 && nixRecentEnough(v.stdout) ? v.stdout.trim() : false;
            },
            run: async (c, t) => {
              const mirror = c.plan.answers.images?.debianMirror;
              if (mirror) {
                // deb822 as Debian 13 ships it; the template's other lists are emptied so only the mirror is asked.
                await exec(['install', '-D', '-m', '0644', '/dev/stdin', '/etc/apt/sources.list.d/debian.sources'], {
                  stdin: `Types: deb\nURIs: ${mirror}\nSuites: trixie trixie-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n`,
                  stdinPublic: true,
                  label: 'Debian mirror from the answers',
                });
                await exec(['install', '-m', '0644', '/dev/null', '/etc/apt/sources.list'], { label: 'no other lists' });
              }
              t.output = 'apt-get update';
              await exec(['apt-get', 'update'], { label: 'refresh package lists', signal: c.signal });
              t.output = 'apt-get install nix-bin';
              await exec(['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '--no-install-recommends', 'nix-bin', 'ca-certificates'], { label: 'install Nix', signal: c.signal });
              if (c.dryRun) return;
              const v = await exec(['nix', '--version'], { readOnly: true, allowFailure: true });
              if (!nixRecentEnough(v.stdout)) throw new WorkError(`the builder's Nix is too old for the pinned nixpkgs (${v.stdout.trim() || 'no version'}; nixpkgs needs ≥ ${MIN_NIX.join('.')})`, { advice: 'The builder must be Debian 13 or newer (Debian 12 packages Nix 2.8).' });
            },
          }),
          step({
            title: `Copy the flake (nix/ with its flake.lock) into ${name}`,
            done: async (c) => {
              if (needed.length === 0) return 'no image to build';
              if ((await ctStatus()) !== 'running') return false;
              const tree = nixTree();
              const r = await exec(['sha256sum', ...tree.map((x) => `${BUILD_DIR}/${x.rel}`)], { readOnly: true, allowFailure: true });
              const { createHash } = await import('node:crypto');
              const ok = tree.every((x) => r.stdout.includes(`${createHash('sha256').update(x.content).digest('hex')}  ${BUILD_DIR}/${x.rel}`));
              return ok ? `${tree.length} files already there` : false;
            },
            run: async (c, t) => {
              for (const x of nixTree()) {
                t.output = x.rel;
                await exec(['install', '-D', '-m', '0644', '/dev/stdin', `${BUILD_DIR}/${x.rel}`], { stdin: x.content, stdinPublic: true, stdinSummary: `(nix/${x.rel} from the package)`, label: 'flake file' });
              }
            },
          }),
          ...roleSteps,
          step({
            title: `Remove the builder ${name} and temporary files`,
            done: async (c) => {
              if (!facts(c).builder?.exists && !c.dryRun) return 'no builder left';
              for (const r of ['mail', 'dns'] as const) if (!facts(c).existing[r] && !(await onHost(r)) && !c.dryRun) return `kept until the ${r} image is on the host (it holds the Nix store for the next run)`;
              return false;
            },
            run: async (c) => {
              if ((await ctStatus()) === 'running') await c.host.run(['pct', 'stop', String(bid())], { label: 'stop the image builder', signal: c.signal });
              await c.host.run(['pct', 'destroy', String(bid()), '--purge', '1'], { label: 'destroy the image builder', signal: c.signal });
              await c.host.run(['rm', '-f', ...(['mail', 'dns'] as const).map((r) => `${finalPath(r)}.part`)], { label: 'remove partial copies' });
              facts(c).builder!.exists = false;
              for (const r of ['mail', 'dns'] as const) if (!facts(c).images[r] && (await onHost(r) || c.dryRun)) facts(c).images[r] = finalPath(r);
            },
          }),
        ],
        { concurrent: false, exitOnError: true },
      );
    },
  };
}

/** The builder a previous run left (found by name and tag), for preflight. */
export async function findBuilder(ctx: { host: InstallCtx['host'] }, serial: string): Promise<number | undefined> {
  const res = await pveshGet<Array<{ vmid: number; name?: string; type: string; tags?: string }>>(ctx.host, '/cluster/resources', { type: 'vm' });
  return res.find((r) => r.type === 'lxc' && r.name === builderName(serial) && (r.tags ?? '').split(/[;, ]+/).includes(BUILDER_TAG))?.vmid;
}

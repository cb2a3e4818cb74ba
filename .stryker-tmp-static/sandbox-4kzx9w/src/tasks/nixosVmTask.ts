// @ts-nocheck
// A NixOS VM (mail or DNS) restored from the image built from nix/ (SPEC §3 step 4): restore,
// name/tags/resources/network, start, wait for the guest agent, upload the site files,
// nixos-rebuild switch, then verify services and ports.
import type { ListrTask } from 'listr2';
import { createHash } from 'node:crypto';
import { nixosCommand, NIXOS_BIN, vmRun } from '../host/guest.js';
import type { Host } from '../host/types.js';
import { guest } from '../plan/derive.js';
import { rebuildArgv } from '../render/nixFiles.js';
import { facts, type InstallCtx, type SiteFile } from './context.js';
import { step, streamTo, waitFor } from './step.js';
import { forgetUnit, runUnit, type GuestExec } from './unitRun.js';

export const APPLIED_MARKER = '/etc/netsetup/applied.sha256';

export const EXPECTED: Record<'mail' | 'dns', { units: string[]; ports: number[] }> = {
  mail: { units: ['postfix', 'dovecot2', 'nginx', 'opendkim'], ports: [25, 26, 143, 443, 587, 993] },
  dns: { units: ['coredns', 'step-ca'], ports: [53] },
};

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function siteHash(files: SiteFile[]): string {
  return siteHashFromDigests(files.map((f) => ({ path: f.path, mode: f.mode, sha256: sha256(f.content) })));
}

/** The same hash from per-file digests (e.g. `sha256sum` run on the guest). */
export function siteHashFromDigests(files: ReadonlyArray<{ path: string; mode: number; sha256: string }>): string {
  return sha256(files.map((f) => `${f.path}\0${f.mode}\0${f.sha256}`).sort().join('\n'));
}

/** `qm config` / `pct config` print `key: value` lines. */
export function parseConfigLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([\w-]+):\s?(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** The guest agent's exec as a GuestExec (absolute NixOS paths, see host/guest.ts). */
export function vmExec(host: Host, vmid: number): GuestExec {
  return (argv, opts) => vmRun(host, vmid, argv, opts);
}

/** The transient unit of the rebuild for one configuration: the same name on every run. */
export const rebuildUnit = (hash: string) => `netsetup-rebuild-${hash.slice(0, 12)}`;

/**
 * nixos-rebuild switch as a transient unit (see unitRun.ts): never killed by the agent's wait
 * limit, joined (not restarted) when an earlier run left it running, and marked applied only
 * after the unit reported success.
 */
export async function rebuildInGuest(
  c: { host: Host; signal: AbortSignal; dryRun: boolean; pollMinMs: number; env?: NodeJS.ProcessEnv },
  vmid: number,
  role: 'mail' | 'dns',
  hash: string,
  onProgress: (line: string) => void,
  opts: { markApplied?: boolean } = {},
): Promise<void> {
  const exec = vmExec(c.host, vmid);
  const unit = rebuildUnit(hash);
  await runUnit({
    exec,
    unit,
    description: `netsetup-wizard: nixos-rebuild switch (${role}, configuration ${hash.slice(0, 12)})`,
    argv: nixosCommand(rebuildArgv(role)),
    // The unit's own PATH: nixos-rebuild calls nix, git and systemctl by name.
    env: { PATH: `${NIXOS_BIN}:/run/wrappers/bin` },
    what: `nixos-rebuild switch (${role})`,
    signal: c.signal,
    dryRun: c.dryRun,
    pollMinMs: c.pollMinMs,
    limitMs: Number(c.env?.NETSETUP_LONG_WORK_LIMIT_MS ?? 4 * 3600_000),
    onProgress,
  });
  if (opts.markApplied ?? true) await vmRun(c.host, vmid, ['install', '-D', '-m', '0644', '/dev/stdin', APPLIED_MARKER], { stdin: `${hash}\n`, stdinPublic: true, label: 'mark configuration applied' });
  await forgetUnit(exec, unit);
}

/** The system disk of a restored image (proxmox-image.nix puts it on virtio0). */
export function systemDisk(cfg: Record<string, string>): { key: string; gb: number } | undefined {
  const key = ['virtio0', 'scsi0', 'sata0', 'ide0'].find((k) => cfg[k] && !cfg[k]!.includes('media=cdrom'));
  if (!key) return undefined;
  const m = /size=(\d+(?:\.\d+)?)([KMGT])/.exec(cfg[key]!);
  const gb = m ? Number(m[1]) * ({ K: 1 / 1048576, M: 1 / 1024, G: 1, T: 1024 } as Record<string, number>)[m[2]!]! : 0;
  return { key, gb };
}

interface VmConfig { name?: string; tags?: string; ipconfig0?: string; onboot?: number | string; agent?: string }

export function nixosVmTask(role: 'mail' | 'dns'): ListrTask<InstallCtx> {
  return {
    title: role === 'mail' ? 'Mail VM (NixOS)' : 'DNS VM (NixOS)',
    task: (ctx, task) => {
      const g = guest(ctx.plan, role);
      const dns = guest(ctx.plan, 'dns');
      const id = () => String(facts(ctx).vmids[role]);
      const files = () => ctx.siteFiles.filter((f) => f.guest === role);
      const status = async () => {
        const r = await ctx.host.run(['qm', 'status', id()], { readOnly: true, allowFailure: true });
        return r.exit === 0 ? /status:\s*(\w+)/.exec(r.stdout)?.[1] : undefined;
      };
      const agentUp = async () => (await ctx.host.run(['qm', 'guest', 'cmd', id(), 'ping'], { readOnly: true, allowFailure: true })).exit === 0;
      const vmidNum = () => facts(ctx).vmids[role];
      const setArgs = [
        '--name', g.name,
        '--description', g.description,
        '--tags', g.tags.join(';'),
        '--cores', String(g.cores),
        '--memory', String(g.memoryMb),
        '--onboot', '1',
        '--agent', 'enabled=1',
        '--ipconfig0', `ip=${g.ip}/${g.prefixLength},gw=${g.gateway}`,
        // The DNS VM resolves through the gateway until its own coredns runs (it needs names to
        // build itself); the mail VM asks the DNS VM first, the gateway while it is not up yet.
        '--nameserver', role === 'dns' ? g.gateway : `${dns.ip} ${g.gateway}`,
        '--searchdomain', ctx.plan.domain,
      ];
      return task.newListr(
        [
          step({
            title: `Restore the NixOS image as ${g.name}`,
            done: async (c) => (facts(c).existing[role] ? `exists as VM ${id()}` : false),
            run: async (c, t) => {
              // `qm create --archive` restores the image and writes name, tags and the ownership
              // marker into the same config in one step (qemu-server's create_vm passes non-disk
              // options as override_conf to the restore, since 2022, commit 202a2a0b); qmrestore
              // has no such options, and a run cut off between restore and `qm set` would leave
              // a guest nothing proves is ours.
              await c.host.run(
                ['qm', 'create', id(), '--archive', facts(c).images[role] ?? '', '--storage', facts(c).guestStorage, '--unique', '1', '--name', g.name, '--description', g.description, '--tags', g.tags.join(';')],
                streamTo(c, t, 'restore image'),
              );
            },
          }),
          step({
            title: `System disk of ${g.name}: ${g.diskGb} GiB (room for rebuilds and mail)`,
            done: async (c) => {
              const r = await c.host.run(['qm', 'config', id()], { readOnly: true, allowFailure: true });
              const d = r.exit === 0 ? systemDisk(parseConfigLines(r.stdout)) : undefined;
              return d && d.gb >= g.diskGb ? `already ${d.gb} GiB` : false;
            },
            run: async (c) => {
              const r = await c.host.run(['qm', 'config', id()], { readOnly: true, allowFailure: true });
              const key = (r.exit === 0 ? systemDisk(parseConfigLines(r.stdout))?.key : undefined) ?? 'virtio0';
              // Grown before the first boot: the image's initrd grows the partition and ext4 (boot.growPartition).
              await c.host.run(['qm', 'disk', 'resize', id(), key, `${g.diskGb}G`], { label: 'grow the system disk', signal: c.signal });
            },
          }),
          step({
            title: `Name, tags, resources and network of ${g.name}`,
            done: async (c) => {
              const r = await c.host.run(['qm', 'config', id()], { readOnly: true, allowFailure: true });
              if (r.exit !== 0) return false;
              const cfg = parseConfigLines(r.stdout) as VmConfig;
              const tags = (cfg.tags ?? '').split(/[;, ]+/).sort().join(';');
              return cfg.name === g.name && tags === [...g.tags].sort().join(';') && cfg.ipconfig0 === `ip=${g.ip}/${g.prefixLength},gw=${g.gateway}` ? 'already configured' : false;
            },
            run: async (c) => {
              await c.host.run(['qm', 'set', id(), ...setArgs], { label: 'configure VM' });
            },
          }),
          step({
            title: `Start ${g.name}`,
            done: async () => ((await status()) === 'running' ? 'already running' : false),
            run: async (c) => {
              await c.host.run(['qm', 'start', id()], { label: 'start VM', signal: c.signal });
            },
          }),
          step({
            title: `Wait for the guest agent of ${g.name}`,
            verifyOnly: true,
            run: async (c) => waitFor(c, `the guest agent of ${g.name}`, agentUp),
          }),
          step({
            title: `Upload the site configuration to ${g.name}`,
            done: async (c) => {
              if (!(await agentUp())) return false;
              const list = files();
              const sums = await vmRun(c.host, vmidNum(), ['sha256sum', ...list.map((f) => f.path)], { readOnly: true, allowFailure: true });
              const have = new Map(sums.stdout.split('\n').map((l) => l.trim().split(/\s+/)).filter((p) => p.length === 2).map(([h, p]) => [p!, h!]));
              return list.every((f) => have.get(f.path) === sha256(f.content)) ? `${list.length} files already current` : false;
            },
            run: async (c, t) => {
              for (const f of files()) {
                t.output = f.path;
                await vmRun(c.host, vmidNum(), ['install', '-D', '-m', f.mode.toString(8).padStart(4, '0'), '/dev/stdin', f.path], { stdin: f.content, stdinPublic: !f.secret, ...(f.quiet ? { stdinSummary: `(${f.content.split('\n').length} lines from the package's nix/ folder)` } : {}) });
              }
            },
          }),
          step({
            title: `nixos-rebuild switch on ${g.name}`,
            done: async (c) => {
              if (!(await agentUp())) return false;
              const r = await vmRun(c.host, vmidNum(), ['cat', APPLIED_MARKER], { readOnly: true, allowFailure: true });
              return r.exit === 0 && r.stdout.trim() === siteHash(files()) ? 'configuration already applied' : false;
            },
            run: async (c, t) => {
              await rebuildInGuest(c, vmidNum(), role, siteHash(files()), (line) => (t.output = line));
            },
          }),
          step({
            title: `Check services and ports on ${g.name} (${EXPECTED[role].ports.join(', ')})`,
            verifyOnly: true,
            run: async (c) => {
              const exp = EXPECTED[role];
              await waitFor(c, `services on ${g.name}`, async () => {
                const act = await vmRun(c.host, vmidNum(), ['systemctl', 'is-active', ...exp.units], { readOnly: true, allowFailure: true });
                const ss = await vmRun(c.host, vmidNum(), ['ss', '-Hltn'], { readOnly: true, allowFailure: true });
                return act.exit === 0 && exp.ports.every((p) => new RegExp(`:${p}\\s`).test(ss.stdout));
              });
            },
          }),
        ],
        { concurrent: false, exitOnError: true },
      );
    },
  };
}

// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { freshSimDir, readJournal } from '../helpers/sim.js';
import { createSimHost } from '../../src/sim/host.js';
import { smarthostAnswers, standaloneAnswers, writeAnswers } from '../helpers/answers.js';

// A fresh Proxmox host without the NixOS images: the wizard builds them on the host itself
// (throwaway builder container) and installs to the end; long and killed guest work.
const ENV = { NETSETUP_SIM_SPEED: '20000' };

async function install(dir: string, answers: string, env: Record<string, string> = {}, extra: string[] = []) {
  const logDir = mkdtempSync(join(tmpdir(), 'netsetup-log-'));
  return runCli(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`, '--log', join(logDir, 'install.log'), ...extra], { env: { ...ENV, ...env } });
}

const cmds = (dir: string) => readJournal(dir).map((e) => e.argv);
const mutations = (dir: string) => readJournal(dir).filter((e) => e.mutated);
const dump = (dir: string) => join(dir, 'fs/var/lib/vz/dump');
const simState = (dir: string) => JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { guests: Record<string, { type: string; config: Record<string, string> }> };

describe('NixOS images on a fresh host', () => {
  it('builds both images in a throwaway container, verifies them, removes the builder and installs to the end', async () => {
    // Given a fresh host with no images on any storage
    const dir = freshSimDir();
    await createSimHost(dir, { images: false });
    // When the install runs
    const r = await install(dir, writeAnswers(smarthostAnswers()));
    // Then it completes
    expect(r.code, r.stderr).toBe(0);
    const all = cmds(dir);
    // The builder is a Debian 13 container with /dev/kvm (make-disk-image needs the kvm feature)
    const create = all.find((a) => a[0] === 'pct' && a[1] === 'create' && a.includes('--hostname') && a[a.indexOf('--hostname') + 1] === 'nixbuild-lib')!;
    expect(create, 'builder created').toBeDefined();
    expect(create[3]).toMatch(/:vztmpl\/debian-13-standard_/);
    expect(create[create.indexOf('--dev0') + 1]).toMatch(/^\/dev\/kvm/);
    const bid = create[2]!;
    // Each image is built once, as a transient unit, from the shipped flake against the default cache
    const units = readJournal(dir).filter((e) => e.argv[0] === '<unit>' && String(e.argv[1]).startsWith('netsetup-image-'));
    expect(units.map((u) => u.argv[1]).sort()).toEqual(['netsetup-image-dns.service', 'netsetup-image-mail.service']);
    expect(units[0]!.argv).toContain('https://cache.nixos.org');
    // Copied with pct pull into a .part file, checked, then renamed
    for (const role of ['mail', 'dns']) {
      const final = `/var/lib/vz/dump/vzdump-qemu-netsetup-${role}.vma.zst`;
      const pull = all.findIndex((a) => a[0] === 'pct' && a[1] === 'pull' && a[2] === bid && a[4] === `${final}.part`);
      const check = all.findIndex((a, i) => i > pull && a[0] === 'sha256sum' && a[1] === `${final}.part`);
      const mv = all.findIndex((a) => a[0] === 'mv' && a.includes(final));
      expect(pull).toBeGreaterThan(0);
      expect(check).toBeGreaterThan(pull);
      expect(mv).toBeGreaterThan(check);
    }
    // The images are on the host, nothing partial is left, the builder is gone
    expect(readdirSync(dump(dir)).sort()).toEqual(['vzdump-qemu-netsetup-dns.vma.zst', 'vzdump-qemu-netsetup-mail.vma.zst']);
    expect(all.some((a) => a[0] === 'pct' && a[1] === 'destroy' && a[2] === bid)).toBe(true);
    expect(Object.keys(simState(dir).guests).sort()).toEqual(['100', '101', '102']);
    // The VMs were restored from those images and grown to the answers' disk sizes (defaults 64/16 GiB)
    expect(simState(dir).guests['101']!.config.virtio0).toMatch(/size=64G/);
    expect(simState(dir).guests['102']!.config.virtio0).toMatch(/size=16G/);
    // And a second run finds everything done
    const before = mutations(dir).length;
    const again = await install(dir, writeAnswers(smarthostAnswers()));
    expect(again.code, again.stderr).toBe(0);
    expect(mutations(dir).slice(before)).toEqual([]);
  });

  it('images already on a backup storage are used: no builder', async () => {
    const dir = freshSimDir();
    await createSimHost(dir, { images: true });
    const r = await install(dir, writeAnswers(standaloneAnswers()));
    expect(r.code, r.stderr).toBe(0);
    expect(cmds(dir).some((a) => a[0] === 'pct' && a[1] === 'create' && a.includes('nixbuild-lib'))).toBe(false);
  });

  it('a damaged copy is refused (checksum), nothing is kept, and the next run completes without building again', async () => {
    const dir = freshSimDir();
    await createSimHost(dir, { images: false });
    const answers = writeAnswers(standaloneAnswers());
    const r = await install(dir, answers, { NETSETUP_SIM_CORRUPT: 'pct-pull' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/mail image arrived damaged: sha256/);
    expect(existsSync(join(dump(dir), 'vzdump-qemu-netsetup-mail.vma.zst'))).toBe(false);
    expect(existsSync(join(dump(dir), 'vzdump-qemu-netsetup-mail.vma.zst.part'))).toBe(false);
    // The builder is kept with its store; the next run completes and builds nothing twice
    const again = await install(dir, answers);
    expect(again.code, again.stderr).toBe(0);
    const builds = readJournal(dir).filter((e) => e.argv[0] === '<unit>' && e.argv[1] === 'netsetup-image-mail.service');
    expect(builds).toHaveLength(1);
    const file = readFileSync(join(dump(dir), 'vzdump-qemu-netsetup-mail.vma.zst'));
    const inBuilder = cmds(dir).filter((a) => a[0] === 'pct' && a[1] === 'pull').map((a) => a[3]!).find((p) => p.endsWith('mail.vma.zst'))!;
    expect(inBuilder).toMatch(/^\/nix\/store\//);
    expect(createHash('sha256').update(file).digest('hex')).toMatch(/^[0-9a-f]{64}$/);
    expect(cmds(dir).filter((a) => a[0] === 'pct' && a[1] === 'create' && a.includes('nixbuild-lib'))).toHaveLength(1);
  });

  it('an image build killed by a signal fails the run (exit 1); the next run starts it once more and completes', async () => {
    const dir = freshSimDir();
    await createSimHost(dir, { images: false });
    const answers = writeAnswers(standaloneAnswers());
    const r = await install(dir, answers, { NETSETUP_SIM_SIGNAL: 'nix build path:/root/netsetup-nix#dns-vma' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dns image build failed: killed by signal 9/);
    const again = await install(dir, answers);
    expect(again.code, again.stderr).toBe(0);
    expect(cmds(dir).some((a) => a.includes('reset-failed') && a.includes('netsetup-image-dns'))).toBe(true);
  });

  it('the image endpoints come from the answers (substituter, signing key, nixpkgs mirror)', async () => {
    const dir = freshSimDir();
    await createSimHost(dir, { images: false });
    const a = standaloneAnswers() as Record<string, unknown>;
    a.images = { substituter: 'http://127.0.0.1:8081/cache', trustedPublicKey: 'local-cache-1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', nixpkgs: 'tarball+http://127.0.0.1:8081/nixpkgs.tar.gz?narHash=sha256-abc', debianMirror: 'http://127.0.0.1:8081/debian' };
    const r = await install(dir, writeAnswers(a), {}, ['--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("substituters http://127.0.0.1:8081/cache");
    expect(r.stdout).toContain('trusted-public-keys local-cache-1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    expect(r.stdout).toContain("--override-input nixpkgs 'tarball+http://127.0.0.1:8081/nixpkgs.tar.gz?narHash=sha256-abc'");
    // The dry run shows the builder's whole life
    expect(r.stdout).toMatch(/pct create \d+ local:vztmpl\/debian-13-standard/);
    expect(r.stdout).toMatch(/pct destroy \d+ --purge 1/);
    expect(r.stdout).toContain('URIs: http://127.0.0.1:8081/debian');
    expect(mutations(dir)).toEqual([]);
    // And the real run uses them: the build unit carries the substituter, apt the mirror
    const real = await install(dir, writeAnswers(a));
    expect(real.code, real.stderr).toBe(0);
    const unit = readJournal(dir).find((e) => e.argv[0] === '<unit>' && e.argv[1] === 'netsetup-image-mail.service')!;
    expect(unit.argv).toContain('http://127.0.0.1:8081/cache');
    expect(unit.argv).not.toContain('https://cache.nixos.org');
  });
});

describe('long guest work', () => {
  it('a rebuild longer than the guest agent waits runs as a unit, is started once per VM and completes', async () => {
    const dir = freshSimDir();
    await createSimHost(dir, { images: true });
    // 20 minutes per rebuild: far past qm guest exec's 30 s default (qemu-server qm.pm)
    const r = await install(dir, writeAnswers(standaloneAnswers()), { NETSETUP_SIM_REBUILD_MS: String(20 * 60_000) });
    expect(r.code, r.stderr).toBe(0);
    const starts = cmds(dir).filter((a) => a[0] === 'qm' && a.some((w) => w.endsWith('/systemd-run')) && a.some((w) => w.startsWith('--unit=netsetup-rebuild-')));
    expect(starts).toHaveLength(2);
    // nixos-rebuild never ran inside a blocking qm guest exec
    expect(cmds(dir).some((a) => a[0] === 'qm' && a[1] === 'guest' && a.indexOf('--') > 0 && /nixos-rebuild$/.test(a[a.indexOf('--') + 1]!))).toBe(false);
  });

  it('a rebuild killed by a signal fails the run (exit 1), and the next run completes', async () => {
    const dir = freshSimDir();
    await createSimHost(dir, { images: true });
    const answers = writeAnswers(standaloneAnswers());
    const r = await install(dir, answers, { NETSETUP_SIM_SIGNAL: 'nixos-rebuild switch' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nixos-rebuild switch \((mail|dns)\) failed: killed by signal 9/);
    const again = await install(dir, answers);
    expect(again.code, again.stderr).toBe(0);
    expect(cmds(dir).some((a) => a.includes('reset-failed') && a.some((w) => w.startsWith('netsetup-rebuild-')))).toBe(true);
  });
});

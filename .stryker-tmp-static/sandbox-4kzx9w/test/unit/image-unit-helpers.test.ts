// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { newestDebian13, nixRecentEnough, parseDryRun, progressBar } from '../../src/tasks/imageTask.js';
import { describeFailure, hasFailed, isRunning, parseUnitShow, succeeded } from '../../src/tasks/unitRun.js';
import { systemDisk } from '../../src/tasks/nixosVmTask.js';
import { answersSchema } from '../../src/schema/answers.js';
import { standaloneAnswers } from '../helpers/answers.js';

describe('image builder helpers', () => {
  it('reads what nix build --dry-run prints', () => {
    // Nix's own wording (nix 2.2x "these N paths will be fetched (X MiB download, Y MiB unpacked)")
    const text = 'these 9 derivations will be built:\n  /nix/store/a.drv\nthese 812 paths will be fetched (702.4 MiB download, 2311.0 MiB unpacked):\n  /nix/store/b\n';
    expect(parseDryRun(text)).toEqual({ fetch: 812, build: 9, mib: 702.4 });
    expect(parseDryRun('this path will be fetched (0.1 MiB download, 0.4 MiB unpacked):\n')).toEqual({ fetch: 1, build: 0, mib: 0.1 });
  });
  it('takes Nix 2.18 or newer (nixpkgs minimum), refuses Debian 12\'s 2.8', () => {
    expect(nixRecentEnough('nix (Nix) 2.26.3')).toBe(true);
    expect(nixRecentEnough('nix (Nix) 2.18.1')).toBe(true);
    expect(nixRecentEnough('nix (Nix) 2.8.0')).toBe(false);
    expect(nixRecentEnough('')).toBe(false);
  });
  it('picks the newest Debian 13 template by version, never another release', () => {
    expect(newestDebian13(['debian-12-standard_12.7-1_amd64.tar.zst', 'debian-13-standard_13.1-2_amd64.tar.zst', 'debian-13-standard_13.10-1_amd64.tar.zst'])).toBe('debian-13-standard_13.10-1_amd64.tar.zst');
    expect(newestDebian13(['debian-12-standard_12.7-1_amd64.tar.zst'])).toBeUndefined();
  });
  it('draws a bar that ends full', () => {
    expect(progressBar(0, 10)).toMatch(/^\[-{24}\]\s+0% 0\/10/);
    expect(progressBar(10, 10)).toMatch(/^\[#{24}\] 100% 10\/10/);
    expect(progressBar(5, 10, '', 10)).toMatch(/^\[#####-----\]  50%/);
  });
});

describe('transient unit states (systemctl show Key=Value)', () => {
  const show = (o: Record<string, string>) => parseUnitShow(Object.entries(o).map(([k, v]) => `${k}=${v}`).join('\n'));
  it('running, done, failed by exit code, killed by a signal, unknown', () => {
    expect(isRunning(show({ LoadState: 'loaded', ActiveState: 'active', SubState: 'running', Result: 'success' }))).toBe(true);
    expect(succeeded(show({ LoadState: 'loaded', ActiveState: 'active', SubState: 'exited', Result: 'success', ExecMainCode: '1', ExecMainStatus: '0' }))).toBe(true);
    const code = show({ LoadState: 'loaded', ActiveState: 'failed', SubState: 'failed', Result: 'exit-code', ExecMainCode: '1', ExecMainStatus: '1' });
    expect(hasFailed(code) && describeFailure(code)).toBe('exit status 1');
    const sig = show({ LoadState: 'loaded', ActiveState: 'failed', SubState: 'failed', Result: 'signal', ExecMainCode: '2', ExecMainStatus: '9' });
    expect(hasFailed(sig) && describeFailure(sig)).toBe('killed by signal 9');
    const none = show({ LoadState: 'not-found', ActiveState: 'inactive', SubState: 'dead', Result: 'success' });
    expect(isRunning(none) || succeeded(none) || hasFailed(none)).toBe(false);
  });
});

describe('system disk of a restored image', () => {
  it('is virtio0 (proxmox-image.nix), skipping the cloud-init drive', () => {
    expect(systemDisk({ ide2: 'local-lvm:vm-101-cloudinit,media=cdrom', virtio0: 'local-lvm:vm-101-disk-0,size=8G' })).toEqual({ key: 'virtio0', gb: 8 });
    expect(systemDisk({ scsi0: 'local-lvm:vm-101-disk-0,size=2560M' })).toEqual({ key: 'scsi0', gb: 2.5 });
  });
});

describe('answers: disk sizes and image endpoints', () => {
  it('default to 64/16 GiB and the public NixOS cache', () => {
    const a = answersSchema.parse(standaloneAnswers());
    expect(a.disks).toEqual({ mailGb: 64, dnsGb: 16 });
    expect(a.images.substituter).toBe('https://cache.nixos.org');
    expect(a.images.builderDiskGb).toBe(40);
  });
  it('name the field and what would be right', () => {
    const r = answersSchema.safeParse({ ...(standaloneAnswers() as object), disks: { mailGb: 4 }, images: { substituter: 'ftp://x' } });
    expect(r.success).toBe(false);
    const msgs = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(msgs).toContain('disks.mailGb: must be at least 16 (GiB): a rebuild needs a few GiB beside the mail');
    expect(msgs).toContain('images.substituter: must be an http(s) URL such as https://cache.nixos.org');
  });
});

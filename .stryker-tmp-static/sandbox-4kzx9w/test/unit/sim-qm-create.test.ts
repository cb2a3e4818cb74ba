// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { freshSimDir, sim } from '../helpers/sim.js';

// `qm create <vmid> --archive FILE` restores a backup and applies the non-disk options given
// with it in the same step (qemu-server src/PVE/API2/Qemu.pm create_vm: override_conf;
// restore_merge_config). `qm config` prints the description through encode_text.
const MAIL_IMG = '/var/lib/vz/dump/vzdump-qemu-netsetup-mail.vma.zst';

describe('simulated qm create --archive', () => {
  it('restores the image with the given name, tags and description in one command', async () => {
    const dir = freshSimDir();
    const r = await sim(dir, ['qm', 'create', '150', '--archive', MAIL_IMG, '--storage', 'local-lvm', '--unique', '1', '--name', 'mail-x', '--tags', 'netsetup;mail', '--description', 'mail@x: test 100% [netsetup site=x domain=example.com role=mail]']);
    expect(r.exit, r.stderr).toBe(0);
    const cfg = await sim(dir, ['qm', 'config', '150']);
    expect(cfg.stdout).toContain('name: mail-x\n');
    expect(cfg.stdout).toContain('tags: netsetup;mail\n');
    // encode_text: ':' and '%' are printed as %3A and %25
    expect(cfg.stdout).toContain('description: mail@x%3A test 100%25 [netsetup site=x domain=example.com role=mail]\n');
    expect(cfg.stdout).toMatch(/virtio0: local-lvm:vm-150-disk-0/);
  });

  it('refuses a disk option next to --archive, an existing ID, and bad tags', async () => {
    const dir = freshSimDir();
    const drive = await sim(dir, ['qm', 'create', '150', '--archive', MAIL_IMG, '--virtio0', 'local-lvm:8']);
    expect(drive).toMatchObject({ exit: 255 });
    expect(drive.stderr).toContain("virtio0: option conflicts with option 'archive'");
    expect((await sim(dir, ['qm', 'create', '150', '--archive', MAIL_IMG])).exit).toBe(0);
    const again = await sim(dir, ['qm', 'create', '150', '--archive', MAIL_IMG]);
    expect(again.stderr).toBe("unable to restore VM 150 - VM 150 already exists on node 'pve'\n");
    const tags = await sim(dir, ['qm', 'create', '151', '--archive', MAIL_IMG, '--tags', 'bad tag!']);
    expect(tags.exit).toBe(255);
    expect(tags.stderr).toMatch(/tags: invalid format/);
  });
});

// @ts-nocheck
// Every Proxmox command the wizard plans, for both releases and both modes, validates against
// the option schemas extracted from Proxmox's own sources (schema/proxmox/pve<N>.json), with the
// same validator the simulator runs. The negative cases are inputs this test picks that Proxmox's
// schemas reject (a misspelt option, a tag with a space, a property string with an unknown key,
// a calendar event that is not one, generate-token's --output-format).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { freshSimDir, readJournal } from '../helpers/sim.js';
import { smarthostAnswers, standaloneAnswers, writeAnswers } from '../helpers/answers.js';
import { loadSchemas, validateProxmoxCall, type Release } from '../../src/sim/proxmoxSchema.js';

/** The command inside `pct exec ID -- …` / `qm guest exec ID … -- …`, with the wrapper. */
function layers(argv: string[]): string[][] {
  const dash = argv.indexOf('--');
  if ((argv[0] === 'pct' && argv[1] === 'exec') || (argv[0] === 'qm' && argv[1] === 'guest' && argv[2] === 'exec')) {
    return [argv.slice(0, dash), argv.slice(dash + 1)];
  }
  return [argv];
}

const CASES = [
  ['9', 'standalone'],
  ['9', 'smarthost'],
  ['8', 'standalone'],
  ['8', 'smarthost'],
] as const;

describe('dry-run plans against the extracted Proxmox schemas', () => {
  it.each(CASES)('PVE %s, %s: every planned and every queried command is valid', async (release, mode) => {
    const dir = freshSimDir('netsetup-plan-', { pveVersion: release === '9' ? '9.1' : '8.4', images: false });
    const argvFile = join(mkdtempSync(join(tmpdir(), 'netsetup-argv-')), 'plan.json');
    const answers = writeAnswers(mode === 'smarthost' ? smarthostAnswers() : standaloneAnswers());
    const r = await runCli(['install', '--answers', answers, '--dry-run', '--host', `sim:${dir}`], { env: { NETSETUP_SIM_SPEED: '20000', NETSETUP_PLAN_ARGV: argvFile } });
    expect(r.code, r.stderr).toBe(0);
    const planned = JSON.parse(readFileSync(argvFile, 'utf8')) as string[][];
    const queried = readJournal(dir).map((e) => e.argv).filter((a) => a[0] !== '<write>');
    const checked: string[] = [];
    // Values only the real run learns are placeholders in the plan: a sample of the right form stands in
    const SAMPLE_FP = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).slice(-2)).join(':');
    const fill = (a: string[]) => a.map((x) => (x === '<fingerprint>' ? SAMPLE_FP : x));
    for (const argv of [...planned.map(fill), ...queried]) {
      for (const cmd of layers(argv)) {
        // pmgsh runs in the container: on PVE 9 a Debian 13 container with PMG 9
        const bad = validateProxmoxCall(cmd, release as Release);
        expect(bad?.stderr, cmd.join(' ')).toBeUndefined();
        if (/^(pct|qm|qmrestore|pvesm|pveam|pvesh|pmgsh|proxmox-backup-manager)$/.test(cmd[0] ?? '')) checked.push(cmd.slice(0, 3).join(' '));
      }
    }
    // the plan reaches every kind of Proxmox command the wizard uses
    for (const kind of ['pct create', 'qm set', 'qm create', 'pvesm add pbs', 'pvesm set', 'pveam download', 'pvesh create /cluster/backup', 'pmgsh create /config/transport', 'proxmox-backup-manager user generate-token', 'proxmox-backup-manager prune-job create']) {
      expect(checked.some((c) => c.startsWith(kind)), kind).toBe(true);
    }
    // and on PVE 9 the container template is Debian 13, on PVE 8 Debian 12
    const create = planned.find((a) => a[0] === 'pct' && a[1] === 'create' && !a.includes('nixbuild-lib')) as string[];
    expect(create[3]).toMatch(release === '9' ? /^local:vztmpl\/debian-13-standard_/ : /^local:vztmpl\/debian-12-standard_/);
    // The fresh host has no images: the builder's whole life was planned, and so validated above
    // (its template is Debian 13 on both releases: Debian 12's Nix is too old)
    const builder = planned.find((a) => a[0] === 'pct' && a[1] === 'create' && a.includes('nixbuild-lib')) as string[];
    expect(builder[3]).toMatch(/^local:vztmpl\/debian-13-standard_/);
    expect(builder[builder.indexOf('--dev0') + 1]).toMatch(/^\/dev\/kvm/);
    for (const sub of ['pull', 'destroy']) expect(planned.some((a) => a[0] === 'pct' && a[1] === sub && a[2] === builder[2]), sub).toBe(true);
    expect(planned.some((a) => a[0] === 'qm' && a[1] === 'disk' && a[2] === 'resize')).toBe(true);
  }, 60_000);

  it.each(['9', '8'] as const)('PVE %s schemas reject what Proxmox rejects', (release) => {
    const v = (argv: string[]) => validateProxmoxCall(argv, release)?.stderr;
    const T = 'local:vztmpl/debian-13-standard_13.1-2_amd64.tar.zst';
    expect(v(['pct', 'create', '100', T, '--hostnme', 'x'])).toMatch(/Unknown option: hostnme/);
    expect(v(['pct', 'create', '100', T, '--tags', 'net setup;pm!g'])).toMatch(/tags: invalid format/);
    expect(v(['pct', 'create', '100', T, '--net0', 'name=eth0,brige=vmbr0'])).toMatch(/net0: .*brige/);
    expect(v(['pct', 'create', '100', T, '--net0', 'name=eth0,bridge=vmbr0,ip=10.0.0.300/24'])).toMatch(/net0: .*ip/);
    expect(v(['pct', 'create', '100', T, '--net0', 'name=eth0,bridge=vmbr0,ip=10.0.0.3/24,gw=10.0.0.1', '--features', 'nesting=1', '--tags', 'netsetup;pmg'])).toBeUndefined();
    expect(v(['qm', 'set', '101', '--agent', 'enabld=1'])).toMatch(/agent: .*enabld/);
    expect(v(['qm', 'set', '101', '--ipconfig0', 'ip=10.0.0.5/24,gw=10.0.0.1', '--net0', 'virtio=BC:24:11:00:00:01,bridge=vmbr0'])).toBeUndefined();
    expect(v(['pvesh', 'create', '/cluster/backup', '--vmid', '100', '--schedule', 'every night'])).toMatch(/schedule: .*calendar-event/);
    expect(v(['pvesh', 'create', '/cluster/backup', '--vmid', '100', '--schedule', 'mon..fri 02:30', '--prune-backups', 'keep-dayly=7'])).toMatch(/prune-backups: .*keep-dayly/);
    expect(v(['pvesh', 'set', '/cluster/backup/netsetup-nightly', '--schedule', 'sat 18:15', '--prune-backups', 'keep-daily=7,keep-weekly=4'])).toBeUndefined();
    expect(v(['pvesh', 'get', '/cluster/resources', '--type', 'vms'])).toMatch(/enumeration 'vm, storage, node, sdn'/);
    expect(v(['pveam', 'available', '--section', 'sytem'])).toMatch(/section: value 'sytem'/);
    expect(v(['pmgsh', 'set', '/config/mail', '--tsl', '1'])).toMatch(/tsl/);
    expect(v(['proxmox-backup-manager', 'user', 'generate-token', 'root@pam', 'netsetup', '--output-format', 'json'])).toMatch(/output-format/);
    expect(v(['proxmox-backup-manager', 'user', 'generate-token', 'root@pam', 'netsetup'])).toBeUndefined();
    expect(v(['proxmox-backup-manager', 'prune-job', 'create', 'netsetup-prune', '--store', 'backup', '--schedule', 'daily', '--keep-dayly', '7'])).toMatch(/keep-dayly/);
  });

  it('the schema data names the repositories, branches and commits it came from', () => {
    for (const release of ['9', '8'] as const) {
      const d = loadSchemas(release) as unknown as { provenance: Record<string, { repository: string; ref: string; commit: string; files: string[] }> };
      for (const repo of ['pve-common', 'pve-container', 'qemu-server', 'pve-storage', 'pve-manager', 'pve-guest-common', 'pmg-api', 'proxmox-backup']) {
        const p = d.provenance[repo];
        expect(p?.repository, repo).toBe(`https://github.com/proxmox/${repo}`);
        expect(p?.commit, repo).toMatch(/^[0-9a-f]{40}$/);
        expect(p?.files.length, repo).toBeGreaterThan(0);
      }
    }
  });
});

// @ts-nocheck
// A fresh PVE 9 host and a fresh PVE 8 host as the installer leaves them (enterprise
// repositories on; no NixOS images: the wizard builds them), standalone and
// smarthost: the install runs to the end, a second run changes nothing, and what it left matches
// the release (repository format, suite, keyring, container template) and keeps the host alive
// (retention, PBS garbage collection/prune/verify, storage active).
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { freshSimDir, readJournal, sim } from '../helpers/sim.js';
import { smarthostAnswers, standaloneAnswers, writeAnswers } from '../helpers/answers.js';

const ENV = { NETSETUP_SIM_SPEED: '20000' };

async function install(dir: string, answers: string) {
  const log = join(mkdtempSync(join(tmpdir(), 'netsetup-log-')), 'install.log');
  return runCli(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`, '--log', log], { env: ENV });
}
const mutations = (dir: string) => readJournal(dir).filter((e) => e.mutated).length;
const simState = (dir: string) => JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));

const CASES = [
  ['9.1', 'standalone'],
  ['9.1', 'smarthost'],
  ['8.4', 'standalone'],
  ['8.4', 'smarthost'],
] as const;

describe('fresh hosts of both releases', () => {
  it.each(CASES)('PVE %s, %s: installs to the end, then a second run changes nothing', async (pveVersion, mode) => {
    const nine = pveVersion === '9.1';
    // Given a fresh host with the enterprise repositories on (the simulator's default)
    const dir = freshSimDir('netsetup-rel-', { pveVersion, images: false });
    const answers = writeAnswers(mode === 'smarthost' ? smarthostAnswers() : standaloneAnswers());
    // When the wizard installs
    const first = await install(dir, answers);
    // Then it completes
    expect(first.code, first.stderr).toBe(0);
    // And the PBS repository is in the release's format (expected texts from pve-manager's own
    // configs/pve-sources.sources and the stable-8 one-line lists)
    const pbsRepo = nine ? 'fs/etc/apt/sources.list.d/pbs-no-subscription.sources' : 'fs/etc/apt/sources.list.d/pbs-no-subscription.list';
    const repoText = readFileSync(join(dir, pbsRepo), 'utf8');
    if (nine) expect(repoText).toContain('Suites: trixie\nComponents: pbs-no-subscription\nSigned-By: /usr/share/keyrings/proxmox-archive-keyring.gpg');
    else expect(repoText).toContain('deb http://download.proxmox.com/debian/pbs bookworm pbs-no-subscription');
    // And the container runs the release's Debian, from the newest standard template in the catalogue
    const create = readJournal(dir).find((e) => e.argv[0] === 'pct' && e.argv[1] === 'create');
    expect(create?.argv[3]).toBe(nine ? 'local:vztmpl/debian-13-standard_13.1-2_amd64.tar.zst' : 'local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst');
    // And the enterprise lists the packages shipped no longer break apt-get update: inside the
    // container (which has no other enterprise repository) it succeeds; on the host only the
    // installer's own pve/ceph enterprise repositories answer 401
    const ctUpdate = await sim(dir, ['pct', 'exec', '100', '--', 'apt-get', 'update']);
    expect(ctUpdate.exit, ctUpdate.stderr).toBe(0);
    const hostUpdate = await sim(dir, ['apt-get', 'update']);
    expect(hostUpdate.stderr).toMatch(/debian\/pve\/dists\/.*401/);
    expect(hostUpdate.stderr).not.toMatch(/debian\/pbs/);
    // And the backups keep the host alive: retention on the job, PBS GC/prune/verify scheduled,
    // storage active
    const st = simState(dir);
    const job = st.backupJobs.find((j: { id: string }) => j.id === 'netsetup-nightly');
    expect(job).toMatchObject({ schedule: '02:30', storage: 'netsetup-pbs', vmid: '100,101,102', 'prune-backups': 'keep-daily=7,keep-weekly=4,keep-monthly=6' });
    expect(st.pbs.datastores[0].options).toMatchObject({ 'gc-schedule': 'daily' });
    expect(st.pbs.jobs.map((j: { type: string; id: string }) => `${j.type} ${j.id}`).sort()).toEqual(['prune-job netsetup-prune', 'verify-job netsetup-verify']);
    const status = await sim(dir, ['pvesm', 'status', '--storage', 'netsetup-pbs']);
    expect(status.stdout).toMatch(/^netsetup-pbs\s+pbs\s+active/m);
    // And no command the wizard sent was refused by the schemas (exit 255 = parameter error)
    expect(readJournal(dir).filter((e) => e.exit === 255 && e.mutated === false && !/status|config|get|list|cat|dpkg/.test(e.argv.join(' ')))).toEqual([]);
    // When the same install runs again, nothing changes
    const before = mutations(dir);
    const second = await install(dir, answers);
    expect(second.code, second.stderr).toBe(0);
    expect(mutations(dir)).toBe(before);
    expect(second.stderr).toMatch(/Done: 0 steps changed something/);
  }, 120_000);

  it('changed retention and schedule update the backup job in place (pvesh set /cluster/backup/{id}) and the PBS jobs', async () => {
    const dir = freshSimDir('netsetup-rel-', { pveVersion: '9.1' });
    expect((await install(dir, writeAnswers(standaloneAnswers()))).code).toBe(0);
    const pbs = { datastore: 'backup', path: '/var/lib/proxmox-backup/datastore', backupSchedule: 'mon..sat 03:15', keep: { daily: 10, weekly: 5 }, verifySchedule: 'sun 05:00' };
    const answers = writeAnswers(standaloneAnswers({ pbs }));
    const from = readJournal(dir).length;
    const r = await install(dir, answers);
    expect(r.code, r.stderr).toBe(0);
    const changed = readJournal(dir).slice(from).filter((e) => e.mutated).map((e) => e.argv.join(' '));
    expect(changed).toContain("pvesh set /cluster/backup/netsetup-nightly --schedule mon..sat 03:15 --prune-backups keep-daily=10,keep-weekly=5");
    expect(changed.some((c) => c.startsWith('proxmox-backup-manager prune-job update netsetup-prune') && c.includes('--keep-daily 10'))).toBe(true);
    expect(changed).toContain('proxmox-backup-manager verify-job update netsetup-verify --schedule sun 05:00');
    expect(changed.some((c) => c.startsWith('pvesh create /cluster/backup'))).toBe(false);
    const job = simState(dir).backupJobs[0];
    expect(job).toMatchObject({ schedule: 'mon..sat 03:15', 'prune-backups': 'keep-daily=10,keep-weekly=5' });
    // and once more: nothing left to change
    const before = mutations(dir);
    expect((await install(dir, answers)).code).toBe(0);
    expect(mutations(dir)).toBe(before);
  }, 120_000);

  it('refuses to create the datastore when its file system lacks the space pbs.minFreeGiB asks for', async () => {
    const dir = freshSimDir('netsetup-rel-', { rootFreeGiB: 8 });
    const r = await install(dir, writeAnswers(standaloneAnswers()));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/only 8\.0 GiB free on the file system of \/var\/lib\/proxmox-backup\/datastore; the datastore needs at least 20 GiB \(pbs\.minFreeGiB\)/);
    expect(simState(dir).pbs.datastores).toEqual([]);
    expect(existsSync(join(dir, 'fs/etc/pve/priv/storage/netsetup-pbs.pw'))).toBe(false);
  }, 60_000);
});

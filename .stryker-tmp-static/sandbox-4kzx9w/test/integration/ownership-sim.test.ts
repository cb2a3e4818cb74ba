// @ts-nocheck
// Never touch what is not ours: a guest that sits at an ID an earlier run set aside, or carries
// the expected name and tags, but lacks this site's marker is refused by name and left untouched
// by install, repair and relay change; a second site on a provisioned host is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { freshSimDir, readJournal, sim } from '../helpers/sim.js';
import { smarthostAnswers, standaloneAnswers, writeAnswers } from '../helpers/answers.js';
import { useSiteInternet } from '../helpers/localServers.js';
import type { JournalEntry } from '../../src/sim/run.js';

const siteInternet = useSiteInternet();
const env = () => ({ NETSETUP_SIM_SPEED: '20000', ...siteInternet() });

async function cli(args: string[], extraEnv: Record<string, string> = {}) {
  const log = join(mkdtempSync(join(tmpdir(), 'netsetup-log-')), 'run.log');
  const r = await runCli([...args, '--log', log], { env: { ...env(), ...extraEnv } });
  return { ...r, log, logText: existsSync(log) ? readFileSync(log, 'utf8') : '' };
}

const simState = (dir: string) => JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
const file = (dir: string, p: string) => (existsSync(join(dir, 'fs', p)) ? readFileSync(join(dir, 'fs', p), 'utf8') : undefined);
/** Journal entries that change anything and name guest `id` (as an argument or as the target). */
const touching = (entries: JournalEntry[], id: number) =>
  entries.filter((e) => e.mutated && (e.target === `vm:${id}` || e.target === `ct:${id}` || e.argv.slice(0, 3).includes(String(id))));
const MAIL_IMG = '/var/lib/vz/dump/vzdump-qemu-netsetup-mail.vma.zst';
// the template the first run downloaded on the (default PVE 9.1) simulated host
const TEMPLATE = 'debian-13-standard_13.1-2_amd64.tar.zst';

/** The simulator has no `qm destroy`: a guest removed by hand is taken out of its state file. */
function removeGuest(dir: string, id: number): void {
  const st = simState(dir);
  delete st.guests[String(id)];
  writeFileSync(join(dir, 'state.json'), JSON.stringify(st));
  rmSync(join(dir, 'guests', String(id)), { recursive: true, force: true });
}

describe('a guest the wizard cannot prove it created is left untouched', () => {
  it('refuses a foreign VM at the mail VM\'s remembered ID: install, repair and relay change', async () => {
    // Given a provisioned site whose mail VM (101) was deleted, and a customer VM that then got ID 101
    const dir = freshSimDir();
    const answers = writeAnswers(standaloneAnswers());
    const first = await cli(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`]);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(file(dir, '/etc/netsetup/vmids.json')!)).toMatchObject({ mail: 101 });
    removeGuest(dir, 101);
    expect((await sim(dir, ['qmrestore', MAIL_IMG, '101', '--storage', 'local-lvm', '--unique', '1'])).exit).toBe(0);
    expect((await sim(dir, ['qm', 'set', '101', '--name', 'erp-db', '--description', 'Customer ERP database, do not touch'])).exit).toBe(0);
    const before = simState(dir).guests['101'];
    const mark = readJournal(dir).length;

    // When the install (which is also what a repair runs) is run again
    const again = await cli(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`]);
    // Then it is refused with exit 1, naming the ID and what is there
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr).toMatch(/ID 101, which an earlier run set aside for mail-lib/);
    expect(again.stderr).toContain('VM 101 "erp-db"');
    expect(again.stderr).toMatch(/no netsetup marker/);
    expect(again.stderr).toMatch(/left untouched/);
    expect(again.stderr).not.toMatch(/\n\s+at \S+ \(/);

    // When the relay is changed (the relay password would go to the mail VM)
    const relay = writeAnswers({ relay: { preset: 'sendgrid', password: 'SG.relay-Secret-4471' } });
    const changed = await cli(['relay', '--answers', relay, '--yes', '--host', `sim:${dir}`]);
    // Then that is refused too, naming the ID and the guest
    expect(changed.code, changed.stderr).toBe(1);
    expect(changed.stderr).toMatch(/ID 101, the mail VM mail-lib in the site state, holds VM 101 "erp-db"/);
    expect(changed.stderr).toMatch(/nothing was sent to it/);

    // And the customer's VM was not touched at all: no changing command names it, its config
    // is as it was, and it received no file (no secret, no site data)
    const after = readJournal(dir).slice(mark);
    expect(touching(after, 101)).toEqual([]);
    expect(after.filter((e) => e.mutated)).toEqual([]);
    expect(simState(dir).guests['101']).toEqual(before);
    expect(existsSync(join(dir, 'guests/101/var/lib/netsetup'))).toBe(false);
    expect(existsSync(join(dir, 'guests/101/etc/netsetup'))).toBe(false);
  });

  it('refuses a container at the PMG\'s remembered ID even when it carries the expected name and tags', async () => {
    // Given a first run that stopped when the PMG container could not be created (ID 100 set aside)
    const dir = freshSimDir();
    const answers = writeAnswers(standaloneAnswers());
    const first = await cli(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`], { NETSETUP_SIM_FAIL: 'pct create' });
    expect(first.code, first.stderr).toBe(1);
    expect(JSON.parse(file(dir, '/etc/netsetup/vmids.json')!)).toMatchObject({ pmg: 100 });
    expect(simState(dir).guests['100']).toBeUndefined();
    // And someone else then made container 100 named pmg-lib, tagged netsetup;pmg, without the marker
    const made = await sim(dir, ['pct', 'create', '100', `local:vztmpl/${TEMPLATE}`, '--hostname', 'pmg-lib', '--tags', 'netsetup;pmg', '--description', 'pmg@lib: hand-made test container', '--rootfs', 'local-lvm:4', '--net0', 'name=eth0,bridge=vmbr0,ip=192.168.1.90/24,gw=192.168.1.1']);
    expect(made.exit, made.stderr).toBe(0);
    const before = simState(dir).guests['100'];
    const mark = readJournal(dir).length;

    // When the install runs again
    const again = await cli(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`]);
    // Then it is refused, naming the ID and the container found there
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr).toMatch(/ID 100, which an earlier run set aside for pmg-lib/);
    expect(again.stderr).toContain('container 100 "pmg-lib"');
    expect(again.stderr).toContain('tags: netsetup;pmg');
    // And the container is untouched: not started, nothing pushed or executed, no password set
    const after = readJournal(dir).slice(mark);
    expect(touching(after, 100)).toEqual([]);
    expect(after.filter((e) => e.mutated)).toEqual([]);
    expect(simState(dir).guests['100']).toEqual(before);
    expect(simState(dir).guests['100'].passwordsSet).toBeUndefined();
    expect(existsSync(join(dir, 'guests/100/root/.ssh/authorized_keys2'))).toBe(false);
  });

  it('adopts its own guests on a re-run after a cut-off first run (the marker is written at creation)', async () => {
    // Given a first run that failed after the VMs were created (their rebuild failed)
    const dir = freshSimDir();
    const answers = writeAnswers(standaloneAnswers());
    const first = await cli(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`], { NETSETUP_SIM_FAIL: 'qm set' });
    expect(first.code, first.stderr).toBe(1);
    // Then the guest created before the failure already carries the site's marker
    const created = Object.values(simState(dir).guests) as Array<{ vmid: number; type: string; config: Record<string, string> }>;
    expect(created.length).toBeGreaterThan(0);
    for (const g of created) expect(g.config.description).toMatch(/\[netsetup site=lib domain=example\.com role=(pmg|mail|dns)\]/);
    // When the install runs again
    const again = await cli(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`]);
    // Then it finishes with the same guests, none made twice
    expect(again.code, again.stderr).toBe(0);
    expect(Object.keys(simState(dir).guests).sort()).toEqual(['100', '101', '102']);
  });
});

describe('one site per host', () => {
  it('refuses a second site on a provisioned host and changes nothing of the first', async () => {
    // Given a host provisioned for site lib (example.com)
    const dir = freshSimDir();
    const first = await cli(['install', '--answers', writeAnswers(standaloneAnswers()), '--yes', '--host', `sim:${dir}`]);
    expect(first.code, first.stderr).toBe(0);
    const files = ['/etc/netsetup/vmids.json', '/etc/netsetup/state.json'].map((p) => file(dir, p));
    const jobs = simState(dir).backupJobs;
    const mark = readJournal(dir).length;
    // When an install for another site (serial lab, domain example.org) runs on the same host
    const other = smarthostAnswers({ hostSerial: 'lab', domain: 'example.org', network: { bridge: 'vmbr0', gateway: '192.168.1.1', prefixLength: 24, pmg: '192.168.1.70', mail: '192.168.1.71', dns: '192.168.1.72' } });
    const second = await cli(['install', '--answers', writeAnswers(other), '--yes', '--host', `sim:${dir}`]);
    // Then it is refused, naming the site that is there and what to do
    expect(second.code, second.stderr).toBe(1);
    expect(second.stderr).toMatch(/this host already carries site lib \(example\.com\)/);
    expect(second.stderr).toMatch(/answers are for site lab \(example\.org\)/);
    expect(second.stderr).toMatch(/pmg-lib \(ID 100\)/);
    expect(second.stderr).toMatch(/hostSerial: lib, domain: example\.com/);
    // And nothing of the first site changed: no command changed anything, files and backup job as they were
    expect(readJournal(dir).slice(mark).filter((e) => e.mutated)).toEqual([]);
    expect(['/etc/netsetup/vmids.json', '/etc/netsetup/state.json'].map((p) => file(dir, p))).toEqual(files);
    expect(simState(dir).backupJobs).toEqual(jobs);
  });

  it('refuses a second site after the first site\'s install stopped half-way (before any state file)', async () => {
    // Given a first install for site lib that failed before finishing
    const dir = freshSimDir();
    const first = await cli(['install', '--answers', writeAnswers(standaloneAnswers()), '--yes', '--host', `sim:${dir}`], { NETSETUP_SIM_FAIL: 'nixos-rebuild switch' });
    expect(first.code, first.stderr).toBe(1);
    expect(file(dir, '/etc/netsetup/state.json')).toBeUndefined();
    const mark = readJournal(dir).length;
    // When an install for another domain with the same serial runs
    const second = await cli(['install', '--answers', writeAnswers(standaloneAnswers({ domain: 'example.net' })), '--yes', '--host', `sim:${dir}`]);
    // Then it is refused, naming the site from the ID file, and nothing changed
    expect(second.code, second.stderr).toBe(1);
    expect(second.stderr).toMatch(/this host already carries site lib \(example\.com\), known from \/etc\/netsetup\/vmids\.json/);
    expect(readJournal(dir).slice(mark).filter((e) => e.mutated)).toEqual([]);
  });
});

// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { freshSimDir, readJournal } from '../helpers/sim.js';
import type { JournalEntry } from '../../src/sim/run.js';
import { createSimHost } from '../../src/sim/host.js';
import { smarthostAnswers, standaloneAnswers, writeAnswers, TRICKY_SECRET } from '../helpers/answers.js';

// The built CLI provisions a simulated Proxmox VE host (--host sim:DIR) end to end.
const ENV = { NETSETUP_SIM_SPEED: '20000' };

async function install(dir: string, answers: string, extra: string[] = [], env: Record<string, string> = {}) {
  const logDir = mkdtempSync(join(tmpdir(), 'netsetup-log-'));
  const log = join(logDir, 'install.log');
  const r = await runCli(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`, '--log', log, ...extra], { env: { ...ENV, ...env } });
  return { ...r, log, logText: existsSync(log) ? readFileSync(log, 'utf8') : '' };
}

const mutations = (dir: string) => readJournal(dir).filter((e) => e.mutated);

describe('install against the simulator', () => {
  it('a dry run changes nothing and lists every command per target, secrets redacted', async () => {
    // Given a fresh simulated host and a smarthost answers file with tricky secrets
    const dir = freshSimDir();
    const answers = writeAnswers(smarthostAnswers());
    // When the install runs with --dry-run
    const r = await runCli(['install', '--answers', answers, '--dry-run', '--host', `sim:${dir}`], { env: ENV });
    // Then it exits 0, the journal has no mutating entry, and the plan names every target
    expect(r.code, r.stderr).toBe(0);
    expect(mutations(dir)).toEqual([]);
    expect(r.stdout).toContain('== Proxmox VE host ==');
    // (a fresh simulated host is the current release, PVE 9: Debian 13 templates)
    expect(r.stdout).toMatch(/== pmg-lib \(container 100\) ==[\s\S]*pct create 100 local:vztmpl\/debian-13-standard/);
    expect(r.stdout).toMatch(/== mail-lib \(VM 101\) ==[\s\S]*qm create 101 --archive \/var\/lib\/vz\/dump\/vzdump-qemu-netsetup-mail\.vma\.zst/);
    expect(r.stdout).toMatch(/== dns-lib \(VM 102\) ==[\s\S]*nixos-rebuild switch/);
    expect(r.stdout).toContain("--tags 'netsetup;pmg'");
    expect(r.stdout).toContain('pmgsh create /config/transport --domain example.com --host 192.168.1.61 --port 26');
    expect(r.stdout).toContain('write /var/lib/netsetup/secrets/relay-sasl (mode 0600)');
    // And no secret value appears anywhere
    for (const s of [TRICKY_SECRET, 'cf-token-Zq8-secret', 'mailbox-Secret-771']) {
      expect(r.stdout + r.stderr).not.toContain(s);
    }
  });

  it('a first install provisions everything; a second identical install mutates nothing', async () => {
    const dir = freshSimDir();
    const answers = writeAnswers(smarthostAnswers());
    // When the first install runs
    const first = await install(dir, answers);
    expect(first.code, first.stderr).toBe(0);
    const firstMutations = mutations(dir).length;
    expect(firstMutations).toBeGreaterThan(20);
    // Then the guests exist with their names, tags and IPs
    const state = JSON.parse(readFileSync(join(dir, 'fs/etc/netsetup/state.json'), 'utf8'));
    expect(state.guests.map((g: { name: string; vmid: number; ip: string }) => [g.name, g.vmid, g.ip])).toEqual([
      ['pmg-lib', 100, '192.168.1.60'],
      ['mail-lib', 101, '192.168.1.61'],
      ['dns-lib', 102, '192.168.1.62'],
    ]);
    // And the relay secret reached the mail VM byte-exact, root-only
    const sasl = readFileSync(join(dir, 'guests/101/var/lib/netsetup/secrets/relay-sasl'), 'utf8');
    expect(sasl).toContain(`apikey:${TRICKY_SECRET}`);
    // And no secret is in the journal, the log or the state file
    const journalText = readFileSync(join(dir, 'journal.jsonl'), 'utf8');
    const stateText = readFileSync(join(dir, 'fs/etc/netsetup/state.json'), 'utf8');
    for (const s of [TRICKY_SECRET, 'cf-token-Zq8-secret', 'mailbox-Secret-771']) {
      expect(journalText).not.toContain(s);
      expect(first.logText).not.toContain(s);
      expect(stateText).not.toContain(s);
      expect(first.stdout + first.stderr).not.toContain(s);
    }
    expect(existsSync('/tmp/netsetup-pwned')).toBe(false);
    // And the generated PMG admin password is root-only on the host, set through stdin, never logged
    const pmgPass = join(dir, 'fs/etc/netsetup/secrets/pmg-root.pass');
    expect(statSync(pmgPass).mode & 0o777).toBe(0o600);
    const generated = readFileSync(pmgPass, 'utf8').trim();
    expect(generated.length).toBeGreaterThanOrEqual(20);
    expect(readJournal(dir).some((e) => e.target === 'ct:100' && e.argv.at(-1) === 'chpasswd' && e.exit === 0)).toBe(true);
    expect(journalText + first.logText + first.stdout + first.stderr).not.toContain(generated);
    // And the certificate push key: private half root-only on the DNS VM, public half trusted
    // by the mail VM (site file) and the PMG container
    const pub = readFileSync(join(dir, 'fs/etc/netsetup/secrets/push_ed25519.pub'), 'utf8');
    expect(pub).toMatch(/^ssh-ed25519 \S+ /);
    expect(readFileSync(join(dir, 'guests/100/root/.ssh/authorized_keys2'), 'utf8')).toBe(pub);
    expect(readFileSync(join(dir, 'guests/101/etc/netsetup/push_ed25519.pub'), 'utf8')).toBe(pub);
    const priv = join(dir, 'guests/102/var/lib/netsetup/secrets/push_ed25519');
    expect(statSync(priv).mode & 0o777).toBe(0o600);
    const privBody = readFileSync(priv, 'utf8').split('\n')[1]!;
    expect(journalText + first.logText + first.stdout).not.toContain(privBody);
    // And the PBS API token secret is in PVE's password file only, never in the log
    const token = readFileSync(join(dir, 'fs/etc/pve/priv/storage/netsetup-pbs.pw'), 'utf8').trim();
    expect(token.length).toBeGreaterThan(10);
    expect(first.logText).toContain('generate-token');
    expect(first.logText + first.stdout + first.stderr).not.toContain(token);
    // When the same install runs again
    const second = await install(dir, answers);
    // Then it succeeds and changes nothing at all
    expect(second.code, second.stderr).toBe(0);
    expect(mutations(dir).length).toBe(firstMutations);
    expect(second.stderr).toMatch(/Done: 0 steps changed something/);
  });

  const FAULTS = [
    'apt-get install',
    'proxmox-backup-manager datastore create',
    'pvesm add',
    'pveam download',
    'pct create',
    'pct start',
    'pmgsh create /config/transport',
    'qm create',
    'qm start',
    'qm set',
    'pvesm set',
    'pvesm status',
    'proxmox-backup-manager acl update',
    'chpasswd',
    'nixos-rebuild switch',
  ];

  it.each(FAULTS)('a failure at "%s" exits 1 with a clear message; the next run completes', async (fault) => {
    const dir = freshSimDir();
    const answers = writeAnswers(standaloneAnswers());
    // Given the simulator fails the first command matching the fault
    const failed = await install(dir, answers, [], { NETSETUP_SIM_FAIL: fault });
    // Then the run stops with exit 1, names the step and the log, and prints no stack trace
    expect(failed.code, failed.stdout + failed.stderr).toBe(1);
    expect(failed.stderr).toMatch(/step ".+" failed/);
    expect(failed.stderr).toContain(`Full log: ${failed.log}`);
    expect(failed.stderr).toMatch(/run the same command again/i);
    expect(failed.stderr).not.toMatch(/\n\s+at \S+ \(/);
    expect(failed.logText).toContain(fault.split(' ')[0]);
    // (inside a VM `qm guest exec` exits 0 whatever the guest command did; there, a command that
    // changed the guest succeeded)
    const succeeded = (e: JournalEntry) => (e.target.startsWith('vm:') ? e.mutated : e.exit === 0);
    const prefix = fault.split(' ');
    const matches = (argv: string[]) => argv.some((_, k) => prefix.every((w, j) => argv[k + j]?.replace(/^\/run\/current-system\/sw\/bin\//, '') === w));
    const afterFailure = readJournal(dir);
    const failures = afterFailure.filter((e) => matches(e.argv) && !succeeded(e));
    // A command inside a VM leaves no failed entry the journal can tell apart (see above); there
    // the run's own failure and the completed resume below are the evidence.
    if (failures.length === 0 && afterFailure.some((e) => matches(e.argv) && e.target.startsWith('vm:'))) return void expect((await install(dir, answers)).code).toBe(0);
    expect(failures, `the journal has no failing "${fault}"`).toHaveLength(1);
    // When the technician runs the same command again
    const resumed = await install(dir, answers);
    // Then it completes, and the journal shows the failed command run again and succeed
    expect(resumed.code, resumed.stderr).toBe(0);
    const rerun = readJournal(dir).slice(afterFailure.length).filter((e) => JSON.stringify(e.argv) === JSON.stringify(failures[0]!.argv));
    expect(rerun.length, `"${fault}" was not run again`).toBeGreaterThan(0);
    expect(rerun.every(succeeded)).toBe(true);
    const state = JSON.parse(readFileSync(join(dir, 'fs/etc/netsetup/state.json'), 'utf8'));
    expect(state.guests).toHaveLength(3);
    // And no half-made guest was left behind or made twice
    const sim = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
    expect(Object.keys(sim.guests).sort()).toEqual(['100', '101', '102']);
  });

  it('refuses to run on a host that is not Proxmox with a usage error', async () => {
    const r = await runCli(['install', '--answers', writeAnswers(standaloneAnswers()), '--yes'], { env: ENV });
    // (this test machine is not a PVE host)
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a Proxmox VE host/);
  });
});

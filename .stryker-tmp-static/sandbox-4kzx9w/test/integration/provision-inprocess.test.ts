// @ts-nocheck
// The install run in this process against the simulator, judged by what the simulator recorded
// (its journal of every argv, its state) and by sentinel secrets this test picks. In-process so
// that mutation testing reaches the step machinery, transports and redaction (see
// vitest.mutation.config.ts); the built CLI is covered by install-sim.test.ts.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/inProcess.js';
import { freshSimDir, readJournal, sim } from '../helpers/sim.js';
import type { JournalEntry } from '../../src/sim/run.js';
import { smarthostAnswers, standaloneAnswers, writeAnswers } from '../helpers/answers.js';

const ENV = { NETSETUP_SIM_SPEED: '100000', NETSETUP_WAIT_LIMIT_MS: '2000' };

const install = (dir: string, answers: string, env: Record<string, string> = {}) => runInProcess(['install', '--answers', answers, '--yes', '--host', `sim:${dir}`], { ...ENV, ...env });

/** Every regular file below `root`, with its bytes and mode. */
function walk(root: string): Array<{ path: string; text: string; mode: number }> {
  const out: Array<{ path: string; text: string; mode: number }> = [];
  for (const e of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    out.push({ path: p, text: readFileSync(p, 'latin1'), mode: statSync(p).mode & 0o777 });
  }
  return out;
}

const simState = (dir: string) => JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
const setSimState = (dir: string, f: (st: any) => void) => {
  const st = simState(dir);
  f(st);
  writeFileSync(join(dir, 'state.json'), JSON.stringify(st));
};

describe('install in process against the simulator', () => {
  it('no sentinel secret reaches stdout, stderr, the log, the journal (argv), the state files or a readable file', async () => {
    // Given answers whose every secret field holds a sentinel this test chose, one read from a file
    const S = {
      relay: `Sentinel-relay-'q"$(touch /tmp/netsetup-pwned)`,
      mailbox: 'Sentinel-mailbox-771x',
      mailboxFile: 'Sentinel-mailbox-file-55',
      cfToken: 'Sentinel-cf-token-Zq8',
    };
    const secretDir = mkdtempSync(join(tmpdir(), 'netsetup-secret-'));
    const passFile = join(secretDir, 'max.pass');
    writeFileSync(passFile, `${S.mailboxFile}\n`, { mode: 0o600 });
    const answers = writeAnswers(
      smarthostAnswers({
        relay: { preset: 'sendgrid', user: 'apikey', password: S.relay },
        dnsProvider: { provider: 'cloudflare', credentials: { CF_DNS_API_TOKEN: S.cfToken, CF_ZONE_ID: '023e105f4ecef8ad9ca31a8372d0c353' } },
        mailboxes: [
          { user: 'info', password: S.mailbox },
          { user: 'max', passwordFile: passFile },
        ],
      }),
    );
    const dir = freshSimDir();
    // When the install runs
    const r = await install(dir, answers);
    expect(r.code, r.stderr).toBe(0);
    // Then no sentinel is in what the technician saw, the log or the handover next to it
    const outside = [r.stdout, r.stderr, r.logText, ...walk(dirname(r.log)).map((f) => f.text)].join('\n');
    for (const s of Object.values(S)) expect(outside).not.toContain(s);
    // And not in any command line the host saw (the journal records every argv), nor its state
    const journal = readFileSync(join(dir, 'journal.jsonl'), 'utf8');
    for (const s of Object.values(S)) {
      expect(journal).not.toContain(s);
      expect(readFileSync(join(dir, 'state.json'), 'utf8')).not.toContain(s);
      expect(readFileSync(join(dir, 'fs/etc/netsetup/state.json'), 'utf8')).not.toContain(s);
    }
    // And every file on the host or a guest that holds one is root-only
    const holders = walk(dir).filter((f) => Object.values(S).some((s) => f.text.includes(s)));
    expect(holders.length).toBeGreaterThan(0);
    for (const f of holders) expect({ file: relative(dir, f.path), mode: f.mode.toString(8) }).toEqual({ file: relative(dir, f.path), mode: '600' });
    // The relay password is delivered (byte-exact) where postfix reads it
    expect(holders.map((f) => relative(dir, f.path))).toContain('guests/101/var/lib/netsetup/secrets/relay-sasl');
    // And the log file and the handover are root-only too
    for (const f of walk(dirname(r.log))) expect(f.mode).toBe(0o600);
    // And the command substitution in the password never ran
    expect(() => statSync('/tmp/netsetup-pwned')).toThrow();
    chmodSync(passFile, 0o600);
  });

  const FAULTS = ['pct create', 'pmgsh create /config/transport', 'proxmox-backup-manager acl update', 'pveam download'];

  it.each(FAULTS)('after a failure at "%s" the next run runs that command again and it succeeds', async (fault) => {
    const dir = freshSimDir();
    const answers = writeAnswers(standaloneAnswers());
    const prefix = fault.split(' ');
    const matches = (argv: string[]) => {
      // The fault applies to the innermost command (inside pct exec / qm guest exec)
      const i = argv.findIndex((_, k) => prefix.every((w, j) => argv[k + j] === w));
      return i >= 0;
    };
    // `qm guest exec` itself exits 0 whatever the guest command did (the agent reports the inner
    // exit code in its JSON, which the journal does not keep): inside a VM, a command that changed
    // the guest succeeded. Everywhere else the journal's exit code says it.
    const succeeded = (e: JournalEntry) => (e.target.startsWith('vm:') ? e.mutated : e.exit === 0);
    // Given the simulator fails the first command matching the fault
    const failed = await install(dir, answers, { NETSETUP_SIM_FAIL: fault });
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toMatch(/step ".+" failed/);
    const afterFailure = readJournal(dir);
    const failures = afterFailure.filter((e) => matches(e.argv) && !succeeded(e));
    expect(failures, `no failing "${fault}" in the journal`).toHaveLength(1);
    const failedArgv = failures[0]!.argv;
    // When the same command runs again
    const resumed = await install(dir, answers);
    expect(resumed.code, resumed.stderr).toBe(0);
    // Then the journal shows exactly that command run again, after the failure, and succeed
    const rerun = readJournal(dir).slice(afterFailure.length).filter((e) => JSON.stringify(e.argv) === JSON.stringify(failedArgv));
    expect(rerun.length).toBeGreaterThan(0);
    expect(rerun.every(succeeded)).toBe(true);
    // And what was already done was not done twice: the container was created once
    expect(readJournal(dir).filter((e) => e.argv[0] === 'pct' && e.argv[1] === 'create' && e.exit === 0)).toHaveLength(1);
  });

  it('a service that does not come up after provisioning fails the run, naming the check', async () => {
    // Given a provisioned site
    const dir = freshSimDir();
    const answers = writeAnswers(standaloneAnswers());
    expect((await install(dir, answers)).code).toBe(0);
    // When the mail VM's configuration no longer runs (postfix, dovecot, … inactive)
    setSimState(dir, (st) => delete st.guests['101'].nixos);
    const inactive = await sim(dir, ['qm', 'guest', 'exec', '101', '--', 'systemctl', 'is-active', 'postfix']);
    expect(JSON.parse(inactive.stdout).exitcode).not.toBe(0);
    // And the install runs again
    const r = await install(dir, answers);
    // Then it fails and says which check and what it waited for
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/step "Check services and ports on mail-lib \([\d, ]+\)" failed/);
    expect(r.stderr).toContain('gave up waiting for services on mail-lib');
    expect(r.stderr).not.toMatch(/Done:/);
  });

  it('a PMG transport that exists with the wrong port is updated, not left or re-created', async () => {
    // Given a provisioned site whose transport someone pointed at port 25
    const dir = freshSimDir();
    const answers = writeAnswers(standaloneAnswers());
    expect((await install(dir, answers)).code).toBe(0);
    const set = await sim(dir, ['pct', 'exec', '100', '--', 'pmgsh', 'set', '/config/transport/example.com', '--port', '25']);
    expect(set.exit, set.stderr).toBe(0);
    const mark = readJournal(dir).length;
    // When the install runs again
    const r = await install(dir, answers);
    expect(r.code, r.stderr).toBe(0);
    // Then the transport was updated in place (pmgsh set), and PMG now sends to the mail VM on 26
    const calls = readJournal(dir).slice(mark).filter((e) => e.argv.includes('pmgsh') && !e.argv.includes('get'));
    expect(calls.map((e) => e.argv.slice(e.argv.indexOf('pmgsh')))).toEqual([
      ['pmgsh', 'set', '/config/transport/example.com', '--host', '192.168.1.61', '--port', '26', '--protocol', 'smtp', '--use_mx', '0'],
    ]);
    expect(calls[0]!.exit).toBe(0);
    const list = JSON.parse((await sim(dir, ['pct', 'exec', '100', '--', 'pmgsh', 'get', '/config/transport'])).stdout);
    expect(list).toEqual([expect.objectContaining({ domain: 'example.com', host: '192.168.1.61', port: 26, use_mx: 0 })]);
  });

  it('the PBS API token may back up to its datastore and nothing more (role DatastoreBackup)', async () => {
    // PBS roles (proxmox-backup docs, "Access Control"): DatastoreBackup may create backups and
    // restore its own; DatastoreAdmin/Audit/PowerUser would grant more than PVE needs.
    const dir = freshSimDir();
    expect((await install(dir, writeAnswers(standaloneAnswers()))).code).toBe(0);
    const acl = simState(dir).pbs.acl as Array<{ path: string; role: string; authId: string }>;
    expect(acl.filter((a) => a.authId.includes('!'))).toEqual([{ path: '/datastore/backup', role: 'DatastoreBackup', authId: 'root@pam!netsetup' }]);
  });
});

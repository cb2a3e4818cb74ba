import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, ROOT } from '../helpers/cli.js';
import { startSshd, type Sshd } from '../helpers/sshd.js';
import { freshSimDir, readJournal } from '../helpers/sim.js';
import { smarthostAnswers, writeAnswers, TRICKY_SECRET } from '../helpers/answers.js';
import { writeSimShims } from '../../src/sim/shims.js';

// The whole install over SSH: a real sshd on 127.0.0.1 whose sessions find the simulator's
// pct/qm/pvesh/... first on PATH, so every command travels through ssh2 and a real shell.
describe('install over SSH (real sshd, simulated Proxmox tools)', () => {
  let sshd: Sshd;
  let simDir: string;
  let work: string;

  beforeAll(async () => {
    simDir = freshSimDir();
    work = mkdtempSync(join(tmpdir(), 'netsetup-sshinst-'));
    const bin = join(work, 'bin');
    writeSimShims(bin, join(ROOT, 'dist/sim.js'), process.execPath);
    sshd = await startSshd({ env: { PATH: `${bin}:/usr/bin:/bin`, NETSETUP_SIM_DIR: simDir, NETSETUP_SIM_SPEED: '20000' } });
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('provisions the site through ssh2, secrets only in files and stdin', { timeout: 150_000 }, async () => {
    // Given an answers file whose relay password holds quotes, $() and backticks
    const answers = writeAnswers(smarthostAnswers());
    const log = join(work, 'install.log');
    const env = {
      NETSETUP_SSH_KEY: sshd.clientKey,
      NETSETUP_KNOWN_HOSTS: join(work, 'known_hosts.json'),
      NETSETUP_SSH_FS_ROOT: join(simDir, 'fs'),
      NETSETUP_OPENSSH_KNOWN_HOSTS: '',
      SSH_AUTH_SOCK: '',
    };
    // When the install runs against ssh://root@127.0.0.1:PORT
    const r = await runCli(['install', '--answers', answers, '--yes', '--host', `ssh://root@127.0.0.1:${sshd.port}`, '--log', log], { env, timeoutMs: 120_000 });
    // Then it succeeds, and pins the host key it was shown
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/First connection to 127\.0\.0\.1:\d+\. Its ED25519 host key fingerprint is\n  SHA256:\S+\nAccepted because of --yes\./);
    expect(r.stderr).toMatch(/Pinned the host key of 127\.0\.0\.1:\d+ \(SHA256:\S+\) in .*known_hosts\.json\./);
    expect(JSON.parse(readFileSync(join(work, 'known_hosts.json'), 'utf8'))).toHaveProperty(`127.0.0.1:${sshd.port}`);
    // And the simulated host saw the full provisioning
    const journal = readJournal(simDir);
    expect(journal.some((e) => e.argv[0] === 'pct' && e.argv[1] === 'create' && e.exit === 0)).toBe(true);
    expect(journal.filter((e) => e.argv[0] === 'qm' && e.argv[1] === 'create' && e.exit === 0)).toHaveLength(2);
    // And the relay secret reached the mail VM byte-exact in a root-only file
    const saslPath = join(simDir, 'guests/101/var/lib/netsetup/secrets/relay-sasl');
    expect(readFileSync(saslPath, 'utf8')).toContain(`apikey:${TRICKY_SECRET}`);
    expect(statSync(saslPath).mode & 0o777).toBe(0o600);
    // And the PBS token file written over SFTP is root-only
    expect(statSync(join(simDir, 'fs/etc/pve/priv/storage/netsetup-pbs.pw')).mode & 0o777).toBe(0o600);
    // And no secret is in any argv the host saw, nor in the log
    const journalText = JSON.stringify(journal);
    const logText = readFileSync(log, 'utf8');
    for (const s of [TRICKY_SECRET, 'cf-token-Zq8-secret', 'mailbox-Secret-771']) {
      expect(journalText).not.toContain(s);
      expect(logText).not.toContain(s);
    }
  });
});


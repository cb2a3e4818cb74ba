// @ts-nocheck
// The built CLI in a real terminal: tmux at 80x24 and 120x40, a whole standalone interview typed
// with send-keys and read back with capture-pane, then the dry-run plan (80x24) or a provisioning
// run against the simulator with the final records (120x40); once more with TERM=dumb NO_COLOR=1.
// The live checks talk only to local servers on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../helpers/cli.js';
import { startDnsServer, startHttpEcho, startSmtpServer, type LocalDns, type LocalHttp, type LocalTcp } from '../helpers/localServers.js';
import { TmuxSession, tmuxAvailable } from '../helpers/tmux.js';
import { seededSim } from '../helpers/sim.js';

const PASSWORD = 'correct-horse-battery';
const SGR = /\x1b\[[0-9;]*m/;
const haveTmux = tmuxAvailable();
if (!haveTmux) console.warn('tmux-interview: skipped, tmux is not installed (.ci/run installs it)');

let work: string;
let smtp: LocalTcp;
let echo: LocalHttp;
let dns: LocalDns;
const sessions: TmuxSession[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'netsetup-tmux-e2e-'));
  smtp = await startSmtpServer();
  echo = await startHttpEcho({ body: '203.0.113.7\n' });
  dns = await startDnsServer([
    { type: 'PTR', name: '7.113.0.203.in-addr.arpa', value: 'mail.example.com' },
    { type: 'A', name: 'mail.example.com', value: '203.0.113.7' },
  ]);
});

afterAll(async () => {
  for (const s of sessions) s.close();
  await Promise.all([smtp?.close(), echo?.close(), dns?.close()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Terminal {
  cols: number;
  rows: number;
  /** TERM and colour variables for the program. */
  env: Record<string, string>;
}

function startWizard(term: Terminal, args: string[]): { t: TmuxSession; sim: string } {
  const sim = seededSim(work);
  const t = TmuxSession.start({
    cols: term.cols,
    rows: term.rows,
    argv: [process.execPath, BIN, 'install', '--host', `sim:${sim}`, ...args],
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: work,
      LANG: 'C.UTF-8',
      NETSETUP_LOG_DIR: work,
      NETSETUP_IP_ECHO_URLS: echo.url,
      NETSETUP_MX_HOSTS: smtp.target,
      NETSETUP_RESOLVER: dns.server,
      NETSETUP_PORT25_TIMEOUT_MS: '2000',
      ...term.env,
    },
  });
  sessions.push(t);
  return { t, sim };
}

/** Waits for a screen by its title and checks it is drawn whole: title on the top row, no wrapped rows. */
async function screen(t: TmuxSession, title: string, ...expected: (string | RegExp)[]): Promise<string> {
  await t.waitFor(`netsetup-wizard · ${title}`);
  for (const e of expected) await t.waitFor(e);
  const now = t.screen();
  expect(now.split('\n')[0], `${title} at ${t.cols}x${t.rows}`).toBe(`netsetup-wizard · ${title}`);
  expect(t.wrappedRows(), `${title} at ${t.cols}x${t.rows}`).toEqual([]);
  expect(now.split('\n').length).toBeLessThanOrEqual(t.rows);
  return now;
}

/** Types the standalone interview (static IP, no DNS provider) and asserts each screen on the way. */
async function standaloneInterview(t: TmuxSession): Promise<{ sawColour: boolean }> {
  let sawColour = false;
  const colour = () => (sawColour ||= SGR.test(t.screenWithAttributes()));

  await screen(t, 'Welcome', 'Nothing is installed during the interview.', 'Enter start');
  await t.waitForRawMode();
  colour();
  await t.key('Enter');

  await screen(t, 'Mail domain', '› Domain');
  t.type('example.com');
  await t.waitFor(/› Domain\s+example\.com/);
  await t.key('Enter');

  await screen(t, 'Host serial', 'pmg-<serial>, mail-<serial> and dns-<serial>');
  t.type('lib');
  await t.waitFor(/› Serial\s+lib/);
  await t.key('Enter');

  // The network defaults come from the simulated host's bridge (192.168.1.0/24).
  await screen(t, 'Network', /PMG address\s+192\.168\.1\.60/, /Mail VM address\s+192\.168\.1\.61/, /DNS VM address\s+192\.168\.1\.62/);
  colour();
  await t.key('Enter', 6);

  // The live checks ran against the local servers.
  await screen(t, 'Site checks', 'Outbound port 25: open', 'Public IP: 203.0.113.7', 'Reverse DNS (PTR): mail.example.com');
  colour();
  await t.key('Enter');

  await screen(t, 'Delivery questions', 'High volume or strict deliverability needed?');
  await t.key('n');
  await t.key('y');
  await t.key('y');

  await screen(t, 'Recommendation', 'Recommended: Standalone', '› Accept: standalone');
  await t.key('Enter');

  await screen(t, 'Public IP', /Public IPv4\s+203\.0\.113\.7/);
  await t.key('Enter');

  await screen(t, 'DNS provider', '› None (no DNS automation)', 'TCP port 80 must be');
  await t.key('Enter');

  await screen(t, 'Mailboxes', '› Mailbox');
  t.type('info');
  await t.waitFor(/› Mailbox\s+info/);
  await t.key('Enter');
  await t.waitFor(/› Password/);
  t.type(PASSWORD);
  await t.waitFor('*'.repeat(PASSWORD.length));
  expect(t.screen()).not.toContain(PASSWORD);
  await t.key('Enter');
  await t.waitFor(/› Repeat password/);
  t.type(PASSWORD);
  await t.waitFor(new RegExp(`› Repeat password\\s+\\*{${PASSWORD.length}}`));
  await t.key('Enter');
  await screen(t, 'Mailboxes', 'Add another mailbox?', 'info@example.com   password set');
  await t.key('n');

  const review = await screen(t, 'Review', '7 Mailboxes');
  expect(review).toContain('1 Domain         example.com');
  expect(review).toContain('2 Host serial    lib (guests pmg-lib, mail-lib, dns-lib)');
  expect(review).toContain('pmg 192.168.1.60 · mail 192.168.1.61 · dns 192.168.1.62');
  expect(review).toContain('4 Delivery       standalone (recommended)');
  expect(review).toContain('5 Public IP      203.0.113.7 (static)');
  expect(review).toMatch(/6 DNS provider\s+none/);
  colour();
  await t.key('Enter');
  return { sawColour };
}

describe.skipIf(!haveTmux)('the interview in tmux', () => {
  it('80x24: standalone interview, then the dry-run plan', async () => {
    // Given the wizard in an 80x24 terminal that does colour
    const { t } = startWizard({ cols: 80, rows: 24, env: { TERM: 'tmux-256color' } }, ['--dry-run']);
    // When the whole interview is typed
    const { sawColour } = await standaloneInterview(t);
    // Then the plan is printed and the wizard exits 0
    expect(await t.waitExit()).toBe(0);
    const all = t.history();
    expect(all).toContain('Plan for example.com (host serial lib): dry run, nothing was changed.');
    expect(all).toMatch(/pct create 100 local:vztmpl\/debian-13-standard/);
    expect(all).toMatch(/mail-lib\s+VM 101\s+192\.168\.1\.61\/24/);
    // And the password typed in the interview is nowhere on the terminal
    expect(all).not.toContain(PASSWORD);
    // And the terminal really got colour (the NO_COLOR run below must not)
    expect(sawColour).toBe(true);
  });

  it('120x40: standalone interview, then provisioning a simulated host and the records', async () => {
    // Given the wizard in a 120x40 terminal, against an empty simulated Proxmox VE host
    const { t } = startWizard({ cols: 120, rows: 40, env: { TERM: 'xterm-256color' } }, []);
    // When the whole interview is typed and confirmed
    await standaloneInterview(t);
    // Then provisioning runs with the task list and ends with the records to publish
    expect(await t.waitExit(60_000)).toBe(0);
    const all = t.history();
    expect(all).toContain('Provisioning example.com');
    expect(all).toMatch(/MX\s+example\.com\s+.*mx\.example\.com/);
    expect(all).toMatch(/TXT\s+example\.com\s+.*v=spf1 a:mail\.example\.com -all/);
    expect(all).toMatch(/PTR\s+7\.113\.0\.203\.in-addr\.arpa/);
    expect(all).not.toContain(PASSWORD);
  });

  it('TERM=dumb NO_COLOR=1 at 80x24: the same interview, no colour at all', async () => {
    // Given a terminal that claims no capabilities and asks for no colour
    const { t } = startWizard({ cols: 80, rows: 24, env: { TERM: 'dumb', NO_COLOR: '1' } }, ['--dry-run']);
    // When the whole interview is typed
    const { sawColour } = await standaloneInterview(t);
    // Then it completes with the plan, and no screen carried a colour attribute
    expect(await t.waitExit()).toBe(0);
    expect(t.history()).toContain('Plan for example.com');
    expect(sawColour).toBe(false);
  });
});

// @ts-nocheck
// The built CLI changes the outbound relay of a site provisioned on the simulator: only the mail
// VM and the state file change, a repeat changes nothing, and the password never leaks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { freshSimDir, readJournal } from '../helpers/sim.js';
import { standaloneAnswers, writeAnswers, TRICKY_SECRET } from '../helpers/answers.js';
import { useSiteInternet } from '../helpers/localServers.js';

const SENDGRID_KEY = `SG.${TRICKY_SECRET}-relay`;
// Given a local echo (203.0.113.7), an SMTP banner on "port 25" and a resolver with the PTR
const siteInternet = useSiteInternet();
const env = () => ({ NETSETUP_SIM_SPEED: '20000', ...siteInternet() });

async function cli(args: string[]) {
  const log = join(mkdtempSync(join(tmpdir(), 'netsetup-log-')), 'run.log');
  const r = await runCli([...args, '--log', log], { env: env() });
  return { ...r, log, logText: existsSync(log) ? readFileSync(log, 'utf8') : '' };
}

const mutating = (dir: string, from: number) => readJournal(dir).slice(from).filter((e) => e.mutated);
const stateOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'fs/etc/netsetup/state.json'), 'utf8'));

describe('relay change against the simulator', () => {
  it('standalone → SendGrid → (repeat) → standalone touches only the mail VM and the state', async () => {
    // Given a standalone site provisioned by the built CLI
    const dir = freshSimDir();
    const installed = await cli(['install', '--answers', writeAnswers(standaloneAnswers()), '--yes', '--host', `sim:${dir}`]);
    expect(installed.code, installed.stderr).toBe(0);
    const mailVmid = stateOf(dir).guests.find((g: { role: string }) => g.role === 'mail').vmid as number;
    const sendgrid = writeAnswers({ relay: { preset: 'sendgrid', password: SENDGRID_KEY } });

    // When the relay changes to SendGrid
    const mark = readJournal(dir).length;
    const toRelay = await cli(['relay', '--answers', sendgrid, '--yes', '--host', `sim:${dir}`]);
    // Then it succeeds and prints the checks, the before/after and the new SPF
    expect(toRelay.code, toRelay.stderr).toBe(0);
    expect(toRelay.stderr).toMatch(/port 25/i);
    expect(toRelay.stderr).toContain('before: v=spf1 a:mail.example.com -all');
    expect(toRelay.stdout).toContain('New SPF record (TXT example.com): v=spf1 include:sendgrid.net -all');
    expect(toRelay.stdout).toMatch(/no longer needed \(may be deleted\)\s+TXT default\._domainkey\.example\.com/);
    // And the journal shows only mail-VM mutations plus the host's state-file write
    const changed = mutating(dir, mark);
    expect(changed.length).toBeGreaterThan(0);
    for (const e of changed) {
      const ok = e.target === `vm:${mailVmid}` || (e.target === 'host' && e.argv[0] === '<write>' && e.argv[1] === '/etc/netsetup/state.json');
      expect(ok, JSON.stringify(e)).toBe(true);
    }
    expect(changed.map((e) => e.argv.join(' '))).toEqual(
      expect.arrayContaining([expect.stringContaining('nixos-rebuild switch --impure --flake /etc/netsetup/nix#mail'), expect.stringContaining('systemctl reload postfix'), '<write> /etc/netsetup/state.json']),
    );
    expect(changed.some((e) => /qm (start|stop|shutdown|reboot)|pct |qmrestore|qm create/.test(e.argv.join(' ')))).toBe(false);
    // And the mail VM has the relay, its secret root-only, and postfix relays through it
    const vmRoot = join(dir, 'guests', String(mailVmid));
    expect(JSON.parse(readFileSync(join(vmRoot, 'etc/netsetup/site.json'), 'utf8')).relay).toEqual({ host: 'smtp.sendgrid.net', port: 587, user: 'apikey' });
    expect(readFileSync(join(vmRoot, 'var/lib/netsetup/secrets/relay-sasl'), 'utf8')).toBe(`[smtp.sendgrid.net]:587 apikey:${SENDGRID_KEY}\n`);
    expect(stateOf(dir)).toMatchObject({ mode: 'smarthost', relay: { host: 'smtp.sendgrid.net', port: 587, user: 'apikey', preset: 'sendgrid' } });

    // When the same change runs again
    const mark2 = readJournal(dir).length;
    const again = await cli(['relay', '--answers', sendgrid, '--yes', '--host', `sim:${dir}`]);
    // Then nothing mutates
    expect(again.code, again.stderr).toBe(0);
    expect(mutating(dir, mark2)).toEqual([]);
    expect(again.stderr).toMatch(/Done: 0 steps changed something/);

    // When the site goes back to standalone
    const mark3 = readJournal(dir).length;
    const back = await cli(['relay', '--answers', writeAnswers({ mode: 'standalone' }), '--yes', '--host', `sim:${dir}`]);
    // Then the relay and its secret are gone from the mail VM, and only the mail VM changed
    expect(back.code, back.stderr).toBe(0);
    for (const e of mutating(dir, mark3)) expect(e.target === `vm:${mailVmid}` || e.argv[1] === '/etc/netsetup/state.json', JSON.stringify(e)).toBe(true);
    expect(JSON.parse(readFileSync(join(vmRoot, 'etc/netsetup/site.json'), 'utf8')).relay).toBeNull();
    expect(readFileSync(join(vmRoot, 'var/lib/netsetup/secrets/relay-sasl'), 'utf8')).toBe('');
    expect(stateOf(dir).mode).toBe('standalone');
    expect(stateOf(dir).relay).toBeUndefined();
    expect(back.stdout).toContain('New SPF record (TXT example.com): v=spf1 a:mail.example.com -all');
    // And a repeat of that is a no-op too
    const mark4 = readJournal(dir).length;
    const backAgain = await cli(['relay', '--answers', writeAnswers({ mode: 'standalone' }), '--yes', '--host', `sim:${dir}`]);
    expect(backAgain.code, backAgain.stderr).toBe(0);
    expect(mutating(dir, mark4)).toEqual([]);

    // And the password is nowhere: output, logs, state file, journal
    const journalText = readFileSync(join(dir, 'journal.jsonl'), 'utf8');
    const stateText = readFileSync(join(dir, 'fs/etc/netsetup/state.json'), 'utf8');
    for (const r of [toRelay, again, back, backAgain]) {
      expect(r.stdout + r.stderr).not.toContain(SENDGRID_KEY);
      expect(r.logText).not.toContain(SENDGRID_KEY);
      expect(r.logText.length).toBeGreaterThan(0);
    }
    expect(journalText).not.toContain(SENDGRID_KEY);
    expect(stateText).not.toContain(SENDGRID_KEY);
  });

  it('rejects a relay section the schema rejects, naming the field, and changes nothing', async () => {
    // Given a provisioned standalone site
    const dir = freshSimDir();
    expect((await cli(['install', '--answers', writeAnswers(standaloneAnswers()), '--yes', '--host', `sim:${dir}`])).code).toBe(0);
    const mark = readJournal(dir).length;
    // When the relay file has a bad port and names another domain
    const r = await cli(['relay', '--answers', writeAnswers({ domain: 'other.org', relay: { preset: 'sendgrid', port: 0, password: 'x' } }), '--yes', '--host', `sim:${dir}`]);
    // Then exit 2, one line per problem, and nothing changed
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/relay\.port: /);
    expect(r.stderr).toMatch(/domain: is other\.org but this host's site is example\.com/);
    expect(mutating(dir, mark)).toEqual([]);
  });

  it('a dry run lists the mail-VM commands, redacts the password and changes nothing', async () => {
    const dir = freshSimDir();
    expect((await cli(['install', '--answers', writeAnswers(standaloneAnswers()), '--yes', '--host', `sim:${dir}`])).code).toBe(0);
    const mark = readJournal(dir).length;
    // When the relay change runs with --dry-run
    const r = await cli(['relay', '--answers', writeAnswers({ relay: { preset: 'sendgrid', password: SENDGRID_KEY } }), '--dry-run', '--host', `sim:${dir}`]);
    // Then the plan names the mail VM's writes and rebuild, the others have nothing to do
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/== mail-lib \(VM 101\) ==[\s\S]*write \/var\/lib\/netsetup\/secrets\/relay-sasl \(mode 0600\) from stdin[\s\S]*«secret input redacted»[\s\S]*nixos-rebuild switch/);
    expect(r.stdout).toMatch(/== pmg-lib \(container 100\) ==\n\s+\(nothing to do\)/);
    expect(r.stdout + r.stderr).not.toContain(SENDGRID_KEY);
    expect(mutating(dir, mark)).toEqual([]);
  });

  it('refuses on a host without a site', async () => {
    const r = await cli(['relay', '--answers', writeAnswers({ mode: 'standalone' }), '--yes', '--host', `sim:${freshSimDir()}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no provisioned site/);
  });
});

// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { freshSimDir, sim } from '../helpers/sim.js';
import { createSimHost } from '../../src/sim/host.js';
import { smarthostAnswers, standaloneAnswers, writeAnswers } from '../helpers/answers.js';

// PMG on day one (PMG admin guide / pmg-api src/PMG/Config.pm): MX host name, recipient
// verification, admin e-mail, DNS blocklists, mynetworks = the mail VM only, equal size limits.
const pmgsh = async (dir: string, path: string) => JSON.parse((await sim(dir, ['pct', 'exec', '100', '--', 'pmgsh', 'get', path])).stdout);

describe('PMG on day one', () => {
  it('is configured from its first install', async () => {
    const dir = freshSimDir();
    await createSimHost(dir, { images: true });
    const answers = standaloneAnswers() as { mailboxes: Array<{ user: string }>; network: { mail: string } };
    const logDir = mkdtempSync(join(tmpdir(), 'netsetup-log-'));
    const r = await runCli(['install', '--answers', writeAnswers(answers), '--yes', '--host', `sim:${dir}`, '--log', join(logDir, 'l.log')], { env: { NETSETUP_SIM_SPEED: '20000' } });
    expect(r.code, r.stderr).toBe(0);
    // Host name: the MX name, so banner, HELO and certificate agree
    expect((await sim(dir, ['pct', 'exec', '100', '--', 'hostname'])).stdout).toBe('mx\n');
    expect((await sim(dir, ['pct', 'exec', '100', '--', 'postconf', '-h', 'myhostname'])).stdout).toBe('mx.example.com\n');
    // Kept across restarts: pve-container skips files with a .pve-ignore.<name> marker
    expect((await sim(dir, ['pct', 'exec', '100', '--', 'cat', '/etc/.pve-ignore.hostname'])).exit).toBe(0);
    const mail = await pmgsh(dir, '/config/mail');
    // Recipient verification against the next hop (the mail VM), one of pmg-api's enum 450|550
    expect(['450', '550']).toContain(String(mail.verifyreceivers));
    // A DNS blocklist with a reply filter (resolver error answers 127.255.255.x do not count)
    expect(mail.dnsbl_sites).toMatch(/^zen\.spamhaus\.org=127\.0\.0\.\[2\.\.11\]$/);
    // The same size limit as the mail VM's postfix (its policy file)
    const policy = JSON.parse(readFileSync(join(__dirname, '../../nix/policy/mail-policy.json'), 'utf8'));
    expect(Number(mail.maxsize)).toBe(Number(policy.postfix.main.message_size_limit));
    expect((await sim(dir, ['pct', 'exec', '100', '--', 'postconf', '-h', 'message_size_limit'])).stdout.trim()).toBe(String(policy.postfix.main.message_size_limit));
    // The admin e-mail goes to a real mailbox of the site
    expect((await pmgsh(dir, '/config/admin')).email).toBe(`${answers.mailboxes[0]!.user}@example.com`);
    // Only the mail VM may relay through PMG
    expect((await pmgsh(dir, '/config/mynetworks')).map((n: { cidr: string }) => n.cidr)).toEqual([`${answers.network.mail}/32`]);
  });
});

describe('PMG in smarthost mode', () => {
  it("sends its own mail (bounces, reports) through the relay, logging in with the relay's user", async () => {
    const dir = freshSimDir();
    await createSimHost(dir, { images: true });
    const answers = smarthostAnswers() as { relay: { host?: string; port?: number; user?: string; password?: string; preset?: string } };
    const logDir = mkdtempSync(join(tmpdir(), 'netsetup-log-'));
    const r = await runCli(['install', '--answers', writeAnswers(answers as Record<string, unknown>), '--yes', '--host', `sim:${dir}`, '--log', join(logDir, 'l.log')], { env: { NETSETUP_SIM_SPEED: '20000' } });
    expect(r.code, r.stderr).toBe(0);
    const pc = (await sim(dir, ['pct', 'exec', '100', '--', 'postconf', '-h', 'default_transport', 'smtp_sasl_auth_enable'])).stdout.split('\n');
    expect(pc[0]).toMatch(new RegExp(`^smtp:${(answers.relay.host ?? 'smtp.sendgrid.net').replace(/\./g, '\\.')}:\\d+$`));
    expect(pc[1]).toBe('yes');
    // The login is root-only in the container and never went over a command line
    const st = statSync(join(dir, 'guests/100/etc/pmg/relay-sasl'));
    expect(st.mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'guests/100/etc/pmg/relay-sasl'), 'utf8')).toContain(`${answers.relay.user ?? 'apikey'}:`);
    expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8')).not.toContain(answers.relay.password ?? 'never-there');
  });
});

describe('pmgsh option checks (pmg-api schema)', () => {
  it('refuses values outside the schema', async () => {
    const dir = freshSimDir();
    await createSimHost(dir, { images: true });
    const pct = (argv: string[]) => sim(dir, argv);
    const tmpl = (await pct(['pveam', 'available', '--section', 'mail'])).stdout.split(/\s+/).find((w) => w.startsWith('proxmox-mailgateway'))!;
    expect((await pct(['pveam', 'download', 'local', tmpl])).exit).toBe(0);
    expect((await pct(['pct', 'create', '100', `local:vztmpl/${tmpl}`, '--rootfs', 'local-lvm:8', '--unprivileged', '1'])).exit).toBe(0);
    expect((await pct(['pct', 'start', '100'])).exit).toBe(0);
    const set = (...o: string[]) => pct(['pct', 'exec', '100', '--', 'pmgsh', 'set', '/config/mail', ...o]);
    expect((await set('--verifyreceivers', '500')).stderr).toMatch(/verifyreceivers: value '500' does not have a value in the enumeration '450, 550'/);
    expect((await set('--dnsbl_sites', 'zen_spamhaus!org')).stderr).toMatch(/dnsbl_sites: value 'zen_spamhaus!org' does not look like a valid dnsbl entry/);
    expect((await set('--maxsize', '100')).stderr).toMatch(/maxsize: value must have a minimum value of 1024/);
    expect((await set('--dnsbl_sites', 'zen.spamhaus.org=127.0.0.[2..11]*2', '--maxsize', '26214400')).exit).toBe(0);
    const bad = await pct(['pct', 'exec', '100', '--', 'pmgsh', 'set', '/config/admin', '--email', 'not-an-address']);
    expect(bad.exit).toBe(255);
    expect(bad.stderr).toMatch(/^400 Parameter verification failed\.\nemail: /);
  });
});

// The acceptance run as the technician reads it: each post-provisioning check, broken on purpose in
// the simulator (a service stopped with systemctl inside the guest, a failing command, a guest
// without the site's marker, a stale DNS answer), must fail on its own and say why. The words
// expected here are systemd's (`is-active` prints active/inactive), the simulator's renderings of
// Proxmox's answers, and values this test chose (addresses, sentinel records).
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acceptanceChecks, type AcceptanceResult } from '../../src/tasks/acceptance.js';
import { readState, type SiteState } from '../../src/tasks/siteState.js';
import { SimHost } from '../../src/sim/host.js';
import { runInProcess } from '../helpers/inProcess.js';
import { readJournal, sim } from '../helpers/sim.js';
import { standaloneAnswers, writeAnswers } from '../helpers/answers.js';

// Chosen by this test: the site's domain and the mail VM's address.
const DOMAIN = 'accept-sentinel.example.org';
const MAIL_IP = '192.168.1.61';
const SPEED = { NETSETUP_SIM_SPEED: '100000' };

let provisioned: string;
let dir: string;
let state: SiteState;

beforeAll(async () => {
  provisioned = mkdtempSync(join(tmpdir(), 'netsetup-accept-'));
  writeFileSync(join(provisioned, 'seed.json'), JSON.stringify({ images: true }));
  const r = await runInProcess(['install', '--answers', writeAnswers(standaloneAnswers({ domain: DOMAIN })), '--yes', '--host', `sim:${provisioned}`], SPEED);
  expect(r.code, r.stderr).toBe(0);
  state = (await readState(new SimHost(provisioned, { env: SPEED })))!;
}, 60_000);

beforeEach(() => {
  // Every case starts from a copy of the provisioned host, so one breakage never leaks into the next.
  dir = mkdtempSync(join(tmpdir(), 'netsetup-accept-case-'));
  cpSync(provisioned, dir, { recursive: true });
  writeFileSync(join(dir, 'journal.jsonl'), '');
});

async function checks(env: Record<string, string> = {}): Promise<AcceptanceResult[]> {
  return acceptanceChecks(new SimHost(dir, { env: { ...SPEED, ...env } }), state);
}
const failed = (rs: AcceptanceResult[]) => rs.filter((r) => !r.ok).map((r) => [r.check, r.detail]);
const detailOf = (rs: AcceptanceResult[], check: string) => {
  const r = rs.find((x) => x.check === check);
  expect(r, `no check named ${check}: ${rs.map((x) => x.check).join(' | ')}`).toBeDefined();
  return r!.detail;
};
/** A command inside a guest, the way a technician would run it on the host. */
const inVm = (vmid: number, argv: string[]) => sim(dir, ['qm', 'guest', 'exec', String(vmid), '--', ...argv]);
const inCt = (vmid: number, argv: string[]) => sim(dir, ['pct', 'exec', String(vmid), '--', ...argv]);

describe('a healthy site: every check passes and says what it saw', () => {
  it('names the state of each service, the guests as Proxmox lists them, and the DNS answer', async () => {
    const rs = await checks();
    expect(failed(rs)).toEqual([]);
    expect(detailOf(rs, 'PBS proxy active')).toBe('active');
    // /cluster/resources: type lxc for containers, qemu for VMs (Proxmox API)
    expect(detailOf(rs, 'pmg-lib exists and runs')).toBe('lxc 100 pmg-lib running');
    expect(detailOf(rs, 'mail-lib exists and runs')).toBe('qemu 101 mail-lib running');
    expect(detailOf(rs, "mail-lib carries the site's marker")).toMatch(/site/);
    expect(detailOf(rs, 'PMG filter active')).toBe('active');
    expect(detailOf(rs, 'PMG listens on 25')).toBe('listening');
    expect(detailOf(rs, 'mail-lib services (postfix, dovecot2, nginx, opendkim)')).toBe('postfix=active dovecot2=active nginx=active opendkim=active');
    expect(detailOf(rs, 'mail-lib ports (25, 26, 143, 443, 587, 993)')).toBe('all listening');
    expect(detailOf(rs, `DNS VM resolves mail.${DOMAIN}`)).toBe(MAIL_IP);
    // Read-only: the host was asked, nothing was changed; guests are listed by type vm (Proxmox's filter)
    const journal = readJournal(dir);
    expect(journal.filter((e) => e.mutated)).toEqual([]);
    expect(journal.map((e) => e.argv.join(' '))).toContain('pvesh get /cluster/resources --type vm --output-format json');
  });
});

describe('each breakage fails exactly its check, with the reason', () => {
  it('a stopped signing service inside the mail VM: only the services check, naming it inactive', async () => {
    expect((await inVm(101, ['systemctl', 'stop', 'opendkim'])).exit).toBe(0);
    const rs = await checks();
    expect(failed(rs)).toEqual([['mail-lib services (postfix, dovecot2, nginx, opendkim)', 'postfix=active dovecot2=active nginx=active opendkim=inactive']]);
  });

  it('stopped postfix and nginx in the mail VM: the services and the ports they served (SMTP 25, 587; HTTPS 443)', async () => {
    await inVm(101, ['systemctl', 'stop', 'postfix']);
    await inVm(101, ['systemctl', 'stop', 'nginx']);
    const rs = await checks();
    expect(failed(rs)).toEqual([
      ['mail-lib services (postfix, dovecot2, nginx, opendkim)', 'postfix=inactive dovecot2=active nginx=inactive opendkim=active'],
      ['mail-lib ports (25, 26, 143, 443, 587, 993)', 'not listening: 25, 26, 443, 587'],
    ]);
  });

  it('the mail VM cannot run systemctl (no D-Bus): the services check shows systemctl\'s own complaint', async () => {
    const rs = await checks({ NETSETUP_SIM_FAIL: 'systemctl is-active postfix' });
    expect(failed(rs)).toEqual([['mail-lib services (postfix, dovecot2, nginx, opendkim)', 'Failed to connect to bus: No such file or directory']]);
  });

  it('the PBS proxy stopped on the host, or systemctl failing there', async () => {
    await sim(dir, ['systemctl', 'stop', 'proxmox-backup-proxy']);
    expect(failed(await checks())).toEqual([['PBS proxy active', 'inactive']]);
    await sim(dir, ['systemctl', 'start', 'proxmox-backup-proxy']);
    expect(failed(await checks({ NETSETUP_SIM_FAIL: 'systemctl is-active proxmox-backup-proxy' }))).toEqual([['PBS proxy active', 'Failed to connect to bus: No such file or directory']]);
  });

  it('the PMG filter stopped, or not answering, in the container', async () => {
    await inCt(100, ['systemctl', 'stop', 'pmg-smtp-filter']);
    expect(failed(await checks())).toEqual([['PMG filter active', 'inactive']]);
    await inCt(100, ['systemctl', 'start', 'pmg-smtp-filter']);
    expect(failed(await checks({ NETSETUP_SIM_FAIL: 'systemctl is-active pmg-smtp-filter' }))).toEqual([['PMG filter active', 'Failed to connect to bus: No such file or directory']]);
  });

  it('nothing on port 25 in the PMG container (postfix stopped), or ss failing there', async () => {
    await inCt(100, ['systemctl', 'stop', 'postfix']);
    const rs = await checks();
    expect(failed(rs)).toEqual([['PMG listens on 25', expect.stringContaining('nothing listens on port 25')]]);
    await inCt(100, ['systemctl', 'start', 'postfix']);
    // The first `ss -Hltn` of the run is the container's; the simulator fails it with EIO
    expect(failed(await checks({ NETSETUP_SIM_FAIL: 'ss -Hltn' }))).toEqual([['PMG listens on 25', 'ss: Input/output error']]);
  });

  it('the DNS VM\'s resolver stopped: its services, its port 53 and the split-horizon answer fail, with dig\'s words', async () => {
    await inVm(102, ['systemctl', 'stop', 'coredns']);
    const rs = await checks();
    expect(failed(rs).map(([c]) => c)).toEqual(['dns-lib services (coredns, step-ca)', 'dns-lib ports (53)', `DNS VM resolves mail.${DOMAIN}`]);
    expect(detailOf(rs, 'dns-lib services (coredns, step-ca)')).toBe('coredns=inactive step-ca=active');
    expect(detailOf(rs, 'dns-lib ports (53)')).toBe('not listening: 53');
    expect(detailOf(rs, `DNS VM resolves mail.${DOMAIN}`)).toBe(';; no servers could be reached');
  });

  it('a stale split-horizon zone: the answers it gave, or "no answer"', async () => {
    const zone = (lan: Record<string, string>) => sim(dir, ['qm', 'guest', 'exec', '102', '--pass-stdin', '1', '--', 'install', '-D', '-m', '0644', '/dev/stdin', '/etc/netsetup/site.json'], { stdin: JSON.stringify({ role: 'dns', domain: DOMAIN, zone: { lan } }) });
    // Sentinel addresses from TEST-NET-1 (RFC 5737), two A records for the name
    expect((await zone({ [`mail.${DOMAIN}`]: '192.0.2.44' })).exit).toBe(0);
    expect(failed(await checks())).toEqual([[`DNS VM resolves mail.${DOMAIN}`, '192.0.2.44']]);
    await zone({});
    expect(failed(await checks())).toEqual([[`DNS VM resolves mail.${DOMAIN}`, 'no answer']]);
    // Two A records, the mail VM's among them: the check passes and lists both answers
    const two = [{ name: `mail.${DOMAIN}`, type: 'A', value: '192.0.2.45' }, { name: `mail.${DOMAIN}`, type: 'A', value: MAIL_IP }];
    await sim(dir, ['qm', 'guest', 'exec', '102', '--pass-stdin', '1', '--', 'install', '-D', '-m', '0644', '/dev/stdin', '/etc/netsetup/site.json'], { stdin: JSON.stringify({ role: 'dns', domain: DOMAIN, records: two }) });
    const rs = await checks();
    expect(failed(rs)).toEqual([]);
    expect(detailOf(rs, `DNS VM resolves mail.${DOMAIN}`)).toBe(`192.0.2.45, ${MAIL_IP}`);
  });

  it('the mail VM stopped: it does not run, and its service check shows why nothing answered', async () => {
    const st = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
    st.guests['101'].status = 'stopped'; // a power cut (the simulator has no qm stop)
    writeFileSync(join(dir, 'state.json'), JSON.stringify(st));
    const rs = await checks();
    expect(detailOf(rs, 'mail-lib exists and runs')).toBe('qemu 101 mail-lib stopped');
    expect(detailOf(rs, 'mail-lib services (postfix, dovecot2, nginx, opendkim)')).toBe('VM 101 is not running');
    expect(detailOf(rs, 'mail-lib ports (25, 26, 143, 443, 587, 993)')).toBe('not listening: 25, 26, 143, 443, 587, 993');
  });

  it('the DNS VM stopped: the resolution check shows why no answer came', async () => {
    const st = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
    st.guests['102'].status = 'stopped';
    writeFileSync(join(dir, 'state.json'), JSON.stringify(st));
    expect(detailOf(await checks(), `DNS VM resolves mail.${DOMAIN}`)).toBe('VM 102 is not running');
  });

  it('a guest without the site\'s marker: nothing runs inside it, and the check says so', async () => {
    for (const [cmd, vmid] of [['qm', 101], ['pct', 100]] as const) {
      expect((await sim(dir, [cmd, 'set', String(vmid), '--description', 'customer database, do not touch'])).exit).toBe(0);
    }
    writeFileSync(join(dir, 'journal.jsonl'), '');
    const rs = await checks();
    expect(failed(rs)).toEqual([
      ["pmg-lib carries the site's marker", expect.stringMatching(/^guest 100 .*nothing is run inside it/)],
      ["mail-lib carries the site's marker", expect.stringMatching(/^guest 101 .*nothing is run inside it/)],
    ]);
    const names = rs.map((r) => r.check);
    expect(names.filter((c) => /^PMG |^mail-lib (services|ports)|^DNS VM resolves/.test(c))).toEqual([]);
    // The journal proves it: no command ran inside VM 101 or CT 100
    const inside = readJournal(dir).filter((e) => /^(vm|ct):10[01]$/.test(e.target) || (e.argv[0] === 'pct' && e.argv[1] === 'exec') || (e.argv[0] === 'qm' && e.argv[1] === 'guest' && e.argv[3] === '101'));
    expect(inside).toEqual([]);
  });

  it('a guest that is gone: "no guest N"', async () => {
    const st = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
    delete st.guests['102'];
    writeFileSync(join(dir, 'state.json'), JSON.stringify(st));
    const rs = await checks();
    expect(detailOf(rs, 'dns-lib exists and runs')).toBe('no guest 102');
    expect(failed(rs).map(([c]) => c)).toEqual(['dns-lib exists and runs', "dns-lib carries the site's marker"]);
  });
});

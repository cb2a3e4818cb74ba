// @ts-nocheck
// The re-run menu driven through its real Ink screens, with the site loader and the relay-change
// runner injected: what is deployed, disagreements, a relay change with its before/after view.
import { describe, expect, it, vi } from 'vitest';
import { runMenuLoop, type MenuLoopDeps } from '../../src/screens/MenuLoop.js';
import { compareSite, type SiteView, type TaggedGuest } from '../../src/site/loadSite.js';
import { buildState, type SiteState } from '../../src/tasks/siteState.js';
import { derivePlan } from '../../src/plan/derive.js';
import { validateAnswers } from '../../src/schema/load.js';
import { sitePlan, type RelayChange } from '../../src/site/relayChange.js';
import { KEY, Terminal } from '../helpers/ink.js';
import { fakeChecks } from '../helpers/interviewFakes.js';
import { standaloneAnswers } from '../helpers/answers.js';

const RELAY_KEY = 'SG.menu-Secret-4711';

function siteState(): SiteState {
  const plan = derivePlan(validateAnswers(standaloneAnswers(), 'test'), { vmids: { pmg: 100, mail: 101, dns: 102 } });
  return buildState(plan, '8.2');
}

const tagged = (over: Partial<TaggedGuest>[] = []): TaggedGuest[] =>
  [
    { vmid: 100, name: 'pmg-lib', type: 'lxc' as const, status: 'running', tags: ['netsetup', 'pmg'] },
    { vmid: 101, name: 'mail-lib', type: 'qemu' as const, status: 'running', tags: ['netsetup', 'mail'] },
    { vmid: 102, name: 'dns-lib', type: 'qemu' as const, status: 'running', tags: ['netsetup', 'dns'] },
  ].map((g, i) => ({ ...g, ...over[i] }));

function view(state: SiteState | undefined, guests: TaggedGuest[]): SiteView {
  return { ...(state ? { state } : {}), tagged: guests, ...compareSite(state, guests) };
}

function start(sites: SiteView[], over: Partial<MenuLoopDeps> = {}) {
  const term = new Terminal(100, 40);
  let n = 0;
  const applyRelay = vi.fn(async (_s: SiteState, _c: RelayChange) => 'Relay changed (4 steps).');
  const deps: MenuLoopDeps = {
    term: { stdin: term.stdin as unknown as NodeJS.ReadStream, stdout: term.stdout as unknown as NodeJS.WriteStream, stderr: term.stderr as unknown as NodeJS.WriteStream },
    loadSite: async () => sites[Math.min(n++, sites.length - 1)]!,
    relay: {
      runChecks: async () => fakeChecks({ port25: 'blocked' }),
      recommend: () => ({ mode: 'smarthost', reasons: ['The ISP blocks outbound port 25.'], risks: [] }),
    },
    applyRelay,
    repair: vi.fn(async () => 'repaired'),
    install: vi.fn(async () => 0),
    ...over,
  };
  const result = runMenuLoop(deps);
  result.catch(() => undefined); // asserted by each test; this only marks the rejection as handled
  return { term, applyRelay: deps.applyRelay as typeof applyRelay, deps, result };
}

describe('re-run menu', () => {
  it('shows the site and drives a relay change to SendGrid through the before/after screen', async () => {
    // Given a standalone site whose state and guests agree
    const state = siteState();
    // The runner applies the change it is given to the site (as the real one writes the state
    // file), so what the menu shows afterwards follows from the change the menu built from the
    // keystrokes, not from a state this test wrote.
    let applied: SiteState | undefined;
    const runner = vi.fn(async (s: SiteState, c: RelayChange) => {
      applied = buildState(sitePlan(s, c), s.versions.pve);
      return 'Relay changed (4 steps).';
    });
    const { term, applyRelay, result } = start([], { applyRelay: runner, loadSite: async () => view(applied ?? state, tagged()) });
    // Then the menu shows domain, mode, relay and every guest with ID, IP and status
    const menu = await term.waitFor('Change the outbound relay');
    expect(menu).toContain('Domain example.com · serial lib · mode standalone');
    expect(menu).toContain('Outbound relay: none (direct MX delivery)');
    expect(menu).toMatch(/mail-lib\s+101\s+192\.168\.1\.61\s+running/);
    expect(menu).toMatch(/pmg-lib\s+100\s+192\.168\.1\.60\s+running/);
    expect(menu).not.toContain('!');

    // When the technician picks the relay change, sees the checks and the recommendation
    await term.press(KEY.enter);
    await term.waitFor('Outbound port 25');
    await term.press(KEY.enter);
    const mode = await term.waitFor('Recommended: a relay provider');
    expect(mode).toContain('Now: none: direct MX delivery');
    expect(mode).toContain('The ISP blocks outbound port 25.');
    await term.press(KEY.enter);
    // And chooses SendGrid (4th preset) and types the API key
    await term.waitFor('Which relay');
    for (let i = 0; i < 3; i++) await term.press(KEY.down);
    await term.press(KEY.enter);
    await term.waitFor('Relay: SendGrid');
    await term.press(KEY.enter);
    await term.answer(RELAY_KEY);

    // Then the before/after screen shows relay, SPF, DKIM and the DNS changes
    const preview = await term.waitFor('before and after');
    expect(preview).toContain('before: none: direct MX delivery');
    expect(preview).toContain('after:  smtp.sendgrid.net:587 (SendGrid, user apikey)');
    expect(preview).toContain('before: v=spf1 a:mail.example.com -all');
    expect(preview).toContain('after:  v=spf1 include:sendgrid.net -all');
    expect(preview).toMatch(/set\s+TXT example\.com\s+v=spf1 include:sendgrid\.net -all/);
    expect(preview).toMatch(/no longer needed\s+TXT default\._domainkey\.example\.com/);
    expect(applyRelay).not.toHaveBeenCalled();

    // When the technician applies it
    await term.press(KEY.enter);
    // Then the runner gets the site state and the validated change, once
    await term.waitFor('Relay changed (4 steps).');
    expect(applyRelay).toHaveBeenCalledTimes(1);
    expect(applyRelay.mock.calls[0]![0]).toBe(state);
    expect(applyRelay.mock.calls[0]![1]).toEqual({ mode: 'smarthost', relay: { preset: 'sendgrid', host: 'smtp.sendgrid.net', port: 587, user: 'apikey', password: RELAY_KEY } });
    // And the menu shows the reloaded site; Esc leaves with 0
    expect(term.lastFrame()).toContain('mode smarthost');
    expect(term.lastFrame()).toContain('Outbound relay: smtp.sendgrid.net:587');
    await term.press(KEY.esc);
    await expect(result).resolves.toBe(0);
    // And the password was never drawn
    expect(term.frames().join('\n')).not.toContain(RELAY_KEY);
  });

  it('Esc on the before/after screen goes back; standalone → standalone offers no DNS changes', async () => {
    const state = siteState();
    const { term, applyRelay, result } = start([view(state, tagged())]);
    await term.waitFor('Change the outbound relay');
    await term.press(KEY.enter);
    await term.waitFor('Outbound port 25');
    await term.press(KEY.enter);
    await term.waitFor('Recommended');
    // When "No relay" is chosen on a standalone site
    await term.press(KEY.down);
    await term.press(KEY.enter);
    // Then the preview says nothing changes in DNS
    const preview = await term.waitFor('before and after');
    expect(preview).toContain('No DNS record changes.');
    expect(preview).toContain('Relay  none: direct MX delivery (unchanged)');
    // When Esc goes back, then Ctrl-C
    await term.press(KEY.esc);
    await term.waitFor('Recommended');
    await term.press(KEY.ctrlC);
    // Then the menu ends as interrupted (exit 130) and nothing ran
    await expect(result).rejects.toMatchObject({ kind: 'interrupted' });
    expect(applyRelay).not.toHaveBeenCalled();
  });

  it('names every disagreement between the state file and the tagged guests and offers repair', async () => {
    // Given the mail VM has another ID, the DNS VM is gone and a stray guest carries the tag
    const guests = tagged([{}, { vmid: 105 }, { vmid: 999, name: 'old-test', tags: ['netsetup', 'mail'], status: 'stopped' }]);
    const { term, result } = start([view(siteState(), guests)]);
    const menu = await term.waitFor('Repair: the state and the host disagree');
    // Then each finding is one line
    expect(menu).toContain('! mail-lib is guest 105 on the host but 101 in the state file');
    expect(menu).toContain('! dns-lib (ID 102) is in the state file but not on the host');
    expect(menu).toContain('! guest 999 (old-test) is tagged netsetup but is not part of the site state');
    expect(menu).toMatch(/dns-lib\s+102\s+192\.168\.1\.62\s+missing/);
    await term.press(KEY.esc);
    await expect(result).resolves.toBe(0);
  });

  it('an entry without its feature says so; a host without a site starts the install', async () => {
    // Given no verify function is wired
    const { term, result } = start([view(siteState(), tagged())]);
    await term.waitFor('Verify the DNS records (not available yet)');
    await term.press(KEY.down);
    await term.press(KEY.enter);
    expect(await term.waitFor('not available in this version yet')).toContain('DNS verification');
    await term.press(KEY.esc);
    await expect(result).resolves.toBe(0);
    // Given an empty host
    const empty = start([view(undefined, [])]);
    // Then the install flow runs instead of the menu
    await expect(empty.result).resolves.toBe(0);
    expect(empty.deps.install).toHaveBeenCalledTimes(1);
  });
});

// The step machinery every provisioning task is built from (skip when the host says it is done,
// checks that only make sense after real work, failures collected) and the acceptance checks,
// run through listr2 and the simulator rather than by inspecting the step objects.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Listr } from 'listr2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { step, streamTo, waitFor, type StepSpec, type TaskWrapper } from '../../src/tasks/step.js';
import type { InstallCtx } from '../../src/tasks/context.js';
import { acceptanceChecks } from '../../src/tasks/acceptance.js';
import { readState } from '../../src/tasks/siteState.js';
import { SimHost } from '../../src/sim/host.js';
import { runInProcess } from '../helpers/inProcess.js';
import { freshSimDir } from '../helpers/sim.js';
import { standaloneAnswers, writeAnswers } from '../helpers/answers.js';

function ctx(over: Partial<InstallCtx> = {}): InstallCtx {
  return { dryRun: false, signal: new AbortController().signal, failures: [], extraSecrets: [], changed: [], skipped: [], siteFiles: [], pollMinMs: 1, waitLimitMs: 200, ...over } as unknown as InstallCtx;
}

async function runSteps(c: InstallCtx, specs: StepSpec[]): Promise<{ error?: unknown; titles: Array<[string, boolean | undefined]> }> {
  const list = new Listr<InstallCtx, any, any>(specs.map(step), { ctx: c, renderer: 'silent', exitOnError: true });
  let error: unknown;
  try {
    await list.run();
  } catch (e) {
    error = e;
  }
  return { error, titles: list.tasks.map((t) => [t.title ?? '', t.isSkipped()]) };
}

describe('step', () => {
  it('runs the work when the host says it is not done, and counts it as changed', async () => {
    const c = ctx();
    const ran: string[] = [];
    const r = await runSteps(c, [
      { title: 'A', done: async () => false, run: async () => void ran.push('A') },
      { title: 'B', run: async () => void ran.push('B') },
    ]);
    expect(r.error).toBeUndefined();
    expect(ran).toEqual(['A', 'B']);
    expect(c.changed).toEqual(['A', 'B']);
    expect(c.skipped).toEqual([]);
    expect(r.titles).toEqual([['A', false], ['B', false]]);
  });

  it('skips the work with the host\'s reason when it is already done', async () => {
    const c = ctx();
    const ran: string[] = [];
    const list = new Listr<InstallCtx, any, any>([step({ title: 'A', done: async () => 'already installed', run: async () => void ran.push('A') })], { ctx: c, renderer: 'silent' });
    await list.run();
    expect(ran).toEqual([]);
    expect(c.skipped).toEqual(['A']);
    expect(c.changed).toEqual([]);
    expect(list.tasks[0]!.isSkipped()).toBe(true);
    expect(list.tasks[0]!.message.skip).toBe('already installed');
  });

  it('post-provisioning checks run on a real run (never counted as a change) and are skipped in a dry run', async () => {
    // A real run: the check runs, and its failure fails the step
    const real = ctx();
    const checked: string[] = [];
    const ok = await runSteps(real, [{ title: 'Check services', verifyOnly: true, run: async () => void checked.push('real') }]);
    expect(ok.error).toBeUndefined();
    expect(checked).toEqual(['real']);
    expect(real.changed).toEqual([]);
    expect(real.skipped).toEqual([]);
    const failing = ctx();
    const bad = await runSteps(failing, [{ title: 'Check services', verifyOnly: true, done: async () => false, run: async () => { throw new Error('postfix inactive'); } }]);
    expect((bad.error as Error).message).toBe('postfix inactive');
    expect(failing.failures.map((f) => [f.step, (f.error as Error).message])).toEqual([['Check services', 'postfix inactive']]);
    // A dry run: nothing was provisioned, so there is nothing to check yet
    const dry = ctx({ dryRun: true });
    const list = new Listr<InstallCtx, any, any>([step({ title: 'Check services', verifyOnly: true, done: async () => { throw new Error('must not ask the host'); }, run: async () => void checked.push('dry') })], { ctx: dry, renderer: 'silent' });
    await list.run();
    expect(checked).toEqual(['real']);
    expect(list.tasks[0]!.message.skip).toBe('checked after provisioning (dry run)');
    // A dry run still runs ordinary steps (they record their commands on the dry-run host)
    const dry2 = ctx({ dryRun: true });
    await runSteps(dry2, [{ title: 'Create', run: async () => void checked.push('create') }]);
    expect(checked).toEqual(['real', 'create']);
  });

  it('a failing step is recorded with its title and the error, and stops its list', async () => {
    const c = ctx();
    const ran: string[] = [];
    const boom = new Error('pct create failed');
    const list = new Listr<InstallCtx, any, any>(
      [step({ title: 'Create', run: async () => { throw boom; } }), step({ title: 'Start', run: async () => void ran.push('Start') })],
      { ctx: c, renderer: 'silent', exitOnError: true },
    );
    await expect(list.run()).rejects.toBe(boom);
    expect(c.failures).toEqual([{ step: 'Create', error: boom }]);
    expect(c.changed).toEqual([]);
    expect(ran).toEqual([]);
  });

  it('streamTo shows the last line of output (cut to 200 characters) and passes the signal', () => {
    const c = ctx();
    const task = { output: '' } as unknown as TaskWrapper;
    const o = streamTo(c, task, 'apt-get install', { allowFailure: true, label: 'override' });
    expect(o.label).toBe('override');
    expect(o.allowFailure).toBe(true);
    expect(o.signal).toBe(c.signal);
    o.onOutput!('first\nsecond line  \n\n', 'stdout');
    expect(task.output).toBe('second line');
    o.onOutput!('   \n', 'stdout');
    expect(task.output).toBe('second line');
    o.onOutput!(`${'x'.repeat(300)}\n`, 'stderr');
    expect(task.output).toBe('x'.repeat(200));
    expect(streamTo(c, task, 'label').label).toBe('label');
  });
});

describe('step after Ctrl-C', () => {
  it('no step starts once interrupted: the host is not asked, the step fails naming itself', async () => {
    const ac = new AbortController();
    ac.abort();
    const c = ctx({ signal: ac.signal });
    const asked: string[] = [];
    const r = await runSteps(c, [{ title: 'Create the mail VM', done: async () => (asked.push('done'), 'already there'), run: async () => void asked.push('run') }]);
    expect(asked).toEqual([]);
    expect((r.error as Error).message).toBe('interrupted before "Create the mail VM"');
    expect(c.failures.map((f) => f.step)).toEqual(['Create the mail VM']);
    expect(c.skipped).toEqual([]);
    expect(r.titles).toEqual([['Create the mail VM', false]]);
  });

  it('a done-check killed by Ctrl-C is the interruption, not the check\'s own error; otherwise its error fails the step', async () => {
    const ac = new AbortController();
    const c = ctx({ signal: ac.signal });
    const ran: string[] = [];
    const r = await runSteps(c, [{ title: 'Install PBS', done: async () => { ac.abort(); throw new Error('dpkg-query killed'); }, run: async () => void ran.push('run') }]);
    expect((r.error as Error).message).toBe('interrupted before "Install PBS"');
    expect(ran).toEqual([]);
    const c2 = ctx();
    const r2 = await runSteps(c2, [{ title: 'Install PBS', done: async () => { throw new Error('pvesh: 500 connection refused'); }, run: async () => void ran.push('run') }]);
    expect((r2.error as Error).message).toBe('pvesh: 500 connection refused');
    expect(ran).toEqual([]);
  });
});

describe('waitFor', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the gap between probes grows with the time waited, at most 10 % of it (never under pollMinMs, never over 2 s)', async () => {
    vi.useFakeTimers();
    const t0 = Date.now();
    const at: number[] = [];
    const done = waitFor(ctx({ pollMinMs: 10, waitLimitMs: 600_000 }), 'x', async () => (at.push(Date.now() - t0), Date.now() - t0 >= 120_000));
    await vi.advanceTimersByTimeAsync(130_000);
    await done;
    const gaps = at.slice(1).map((t, i) => [at[i]!, t - at[i]!] as const);
    expect(gaps.length).toBeGreaterThan(10);
    for (const [since, gap] of gaps) {
      expect(gap).toBeGreaterThanOrEqual(10);
      expect(gap).toBeLessThanOrEqual(Math.max(10, 0.1 * since));
      expect(gap).toBeLessThanOrEqual(2000);
    }
    expect(gaps.at(-1)![1]).toBe(2000);
  });

  it('gives up only once the limit is passed, not when it is reached', async () => {
    vi.useFakeTimers();
    let n = 0;
    const p = waitFor(ctx({ pollMinMs: 100, waitLimitMs: 100 }), 'the agent', async () => (n++, false)).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    // probes at 0, 100 (= the limit: keep waiting) and 200 (past it: give up)
    expect(n).toBe(3);
    expect(((await p) as Error).message).toBe('gave up waiting for the agent after 0 s');
  });

  it('Ctrl-C during the wait ends it, naming what was waited for', async () => {
    const ac = new AbortController();
    let n = 0;
    const p = waitFor(ctx({ signal: ac.signal, pollMinMs: 1, waitLimitMs: 60_000 }), 'the guest agent', async () => (++n === 2 && ac.abort(), false));
    await expect(p).rejects.toThrow(/^interrupted before the wait for the guest agent ended$/);
    expect(n).toBe(2);
  });


  it('returns as soon as the probe says yes', async () => {
    let n = 0;
    await waitFor(ctx({ pollMinMs: 1 }), 'the agent', async () => ++n >= 3);
    expect(n).toBe(3);
  });

  it('gives up after the wait limit, naming what it waited for', async () => {
    const t0 = Date.now();
    await expect(waitFor(ctx({ pollMinMs: 10, waitLimitMs: 150 }), 'the guest agent of mail-lib', async () => false)).rejects.toThrow(/^gave up waiting for the guest agent of mail-lib after 0 s$/);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(150);
    expect(took).toBeLessThan(1500);
  });

  it('stops when interrupted', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(waitFor(ctx({ signal: ac.signal, waitLimitMs: 60_000 }), 'x', async () => false)).rejects.toThrow(/^interrupted/);
  });

  it('polls no faster than pollMinMs', async () => {
    const times: number[] = [];
    await waitFor(ctx({ pollMinMs: 40, waitLimitMs: 5000 }), 'x', async () => (times.push(Date.now()), times.length >= 3));
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(75);
  });
});

describe('acceptance checks on a provisioned simulated host', () => {
  it('all pass after an install, and each breakage fails exactly its check, with the reason', async () => {
    // Given a site the install provisioned on the simulator
    const dir = freshSimDir();
    const r = await runInProcess(['install', '--answers', writeAnswers(standaloneAnswers()), '--yes', '--host', `sim:${dir}`], { NETSETUP_SIM_SPEED: '100000' });
    expect(r.code, r.stderr).toBe(0);
    const host = new SimHost(dir, { env: { NETSETUP_SIM_SPEED: '100000' } });
    const state = (await readState(host))!;
    const results = await acceptanceChecks(host, state);
    // Then every check of the design's acceptance run is there and passes
    expect(results.filter((x) => !x.ok)).toEqual([]);
    expect(results.map((x) => x.check)).toEqual(expect.arrayContaining([
      'PBS proxy active',
      'pmg-lib exists and runs',
      'mail-lib exists and runs',
      'dns-lib exists and runs',
      'PMG filter active',
      'PMG listens on 25',
      'mail-lib services (postfix, dovecot2, nginx, opendkim)',
      'mail-lib ports (25, 26, 143, 465, 587, 993)',
      'dns-lib services (unbound, nsd)',
      'dns-lib ports (53)',
      'DNS VM resolves mail.example.com',
    ].map((c) => expect.stringContaining(c.replace(/ \(.*/, '')))));
    const edit = (f: (st: any) => void) => {
      const st = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
      f(st);
      writeFileSync(join(dir, 'state.json'), JSON.stringify(st));
    };
    const failedOf = async () => (await acceptanceChecks(host, state)).filter((x) => !x.ok);
    // When the mail VM's services are gone (its configuration no longer runs)
    const saved = readFileSync(join(dir, 'state.json'), 'utf8');
    edit((st) => delete st.guests['101'].nixos);
    const mailDown = await failedOf();
    expect(mailDown.map((x) => x.check)).toEqual([expect.stringMatching(/^mail-lib services/), expect.stringMatching(/^mail-lib ports/)]);
    expect(mailDown[0]!.detail).toMatch(/postfix=inactive/);
    expect(mailDown[1]!.detail).toMatch(/^not listening: 25, 26, /);
    writeFileSync(join(dir, 'state.json'), saved);
    // When the PBS server package is gone
    edit((st) => (st.host.packages = st.host.packages.filter((p: string) => p !== 'proxmox-backup-server')));
    expect((await failedOf()).map((x) => x.check)).toEqual(['PBS proxy active']);
    writeFileSync(join(dir, 'state.json'), saved);
    // When the PMG container is stopped
    edit((st) => (st.guests['100'].status = 'stopped'));
    const pmgDown = await failedOf();
    expect(pmgDown.map((x) => x.check)).toEqual(['pmg-lib exists and runs', 'PMG filter active', 'PMG listens on 25']);
    expect(pmgDown[0]!.detail).toMatch(/stopped/);
    writeFileSync(join(dir, 'state.json'), saved);
    // When the DNS VM is gone entirely
    edit((st) => delete st.guests['102']);
    const dnsGone = await failedOf();
    expect(dnsGone.map((x) => x.check)).toContain('dns-lib exists and runs');
    expect(dnsGone.every((x) => /dns|DNS/.test(x.check))).toBe(true);
    expect(dnsGone[0]!.detail).toBe('no guest 102');
  });
});

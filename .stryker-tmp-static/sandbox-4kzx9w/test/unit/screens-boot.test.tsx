// @ts-nocheck
import { describe, expect, it } from 'vitest';
import React from 'react';
import { Boot } from '../../src/screens/runInterview.js';
import { InterviewApp, type InterviewResult } from '../../src/screens/InterviewApp.js';
import { KEY, renderInk } from '../helpers/ink.js';
import { fakeChecks, fakeDecide, fakeRecommend } from '../helpers/interviewFakes.js';

// The welcome screen is drawn before the rest of the interview has loaded; a key pressed in
// that moment must not be lost.
const deps = {
  runChecks: async () => fakeChecks({ port25: 'open', ip: '203.0.113.7' }),
  recommend: fakeRecommend,
  decide: fakeDecide,
};

/** A loader the test releases by hand, so keys provably arrive while the interview loads. */
function gate() {
  let release!: () => void;
  const ready = new Promise<void>((r) => (release = r));
  return { release, load: async () => (await ready, InterviewApp) };
}

describe('Boot', () => {
  it('keeps Enter pressed on the welcome screen while the interview loads', async () => {
    // Given the boot screen, drawn at once
    let result: InterviewResult | undefined;
    const g = gate();
    const t = renderInk(<Boot {...deps} load={g.load} onDone={(r) => (result = r)} />);
    await t.waitFor(/Welcome/);
    // When Enter arrives before the interview has loaded
    t.stdin.write(KEY.enter);
    await new Promise((r) => setTimeout(r, 50));
    expect(t.lastFrame()).toMatch(/Welcome/);
    g.release();
    // Then the interview, once loaded, continues on the domain screen
    await t.waitFor(/Mail domain/);
    expect(result).toBeUndefined();
    t.instance.unmount();
  });

  it('keeps Ctrl-C pressed while loading: the interview ends aborted', async () => {
    let result: InterviewResult | undefined;
    const g = gate();
    const t = renderInk(<Boot {...deps} load={g.load} onDone={(r) => (result = r)} />);
    await t.waitFor(/Welcome/);
    t.stdin.write(KEY.ctrlC);
    await new Promise((r) => setTimeout(r, 20));
    g.release();
    await t.instance.waitUntilExit();
    expect(result).toEqual({ status: 'aborted' });
  });
});

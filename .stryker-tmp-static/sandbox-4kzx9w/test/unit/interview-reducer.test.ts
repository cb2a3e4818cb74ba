// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { interviewReducer, type InterviewAction } from '../../src/interview/reducer.js';
import { initialState, type InterviewState } from '../../src/interview/state.js';
import { fakeChecks, fakeDecide, fakeRecommend } from '../helpers/interviewFakes.js';

const Q = { highVolume: false, thirdPartyAllowed: true, staticIp: true };
const run = (s: InterviewState, ...actions: InterviewAction[]) => actions.reduce(interviewReducer, s);
const checks = fakeChecks({ port25: 'open' });
const standalone = fakeRecommend(checks, Q);
const smarthostRec = fakeRecommend(fakeChecks({ port25: 'blocked' }), Q);
const net = { bridge: 'vmbr0', gateway: '192.168.1.1', prefixLength: '24', pmg: '192.168.1.60', mail: '192.168.1.61', dns: '192.168.1.62' };

/** Up to the recommendation screen. */
function toRecommendation(rec = standalone): InterviewState {
  return run(
    initialState(),
    { type: 'start' },
    { type: 'submitDomain', domain: 'example.com' },
    { type: 'submitHostSerial', hostSerial: 'lib' },
    { type: 'submitNetwork', network: net },
    { type: 'checksDone', checks },
    { type: 'submitQuestions', questions: Q, recommendation: rec },
  );
}

describe('interview reducer', () => {
  it('walks the screens in order and remembers where it came from', () => {
    // Given a fresh interview / When the first screens are submitted
    const s = toRecommendation();
    // Then it is at the recommendation with every earlier screen in the history
    expect(s.step).toBe('recommendation');
    expect(s.history).toEqual(['welcome', 'domain', 'hostSerial', 'network', 'checks', 'questions']);
    expect(s.domain).toBe('example.com');
  });

  it('goes back one screen on Esc and keeps what was typed on the screen it leaves', () => {
    // Given the host serial screen after the domain was submitted
    const s = run(initialState(), { type: 'start' }, { type: 'submitDomain', domain: 'example.com' });
    // When the technician presses Esc with a half-typed serial
    const back = interviewReducer(s, { type: 'back', keep: { hostSerial: 'li' } });
    // Then the domain screen shows again, domain and typed serial both kept
    expect(back.step).toBe('domain');
    expect(back.domain).toBe('example.com');
    expect(back.hostSerial).toBe('li');
    expect(back.history).toEqual(['welcome']);
  });

  it('aborts on Esc at the first screen and on abort anywhere', () => {
    expect(interviewReducer(initialState(), { type: 'back' }).step).toBe('aborted');
    expect(interviewReducer(toRecommendation(), { type: 'abort' }).step).toBe('aborted');
  });

  it('asks for the relay only when smarthost was chosen', () => {
    // Given the recommendation screen
    const s = toRecommendation();
    // When standalone is accepted / When smarthost is chosen
    const a = interviewReducer(s, { type: 'submitDecision', decision: fakeDecide(standalone, 'standalone') });
    const b = interviewReducer(s, { type: 'submitDecision', decision: fakeDecide(standalone, 'smarthost', 'customer wants it') });
    // Then standalone skips the relay screen, smarthost goes there
    expect(a.step).toBe('publicIp');
    expect(b.step).toBe('relay');
    expect(b.decision?.overrideReason).toBe('customer wants it');
  });

  it('returns to the review after editing a section reached from it', () => {
    // Given a finished interview at the review
    const s = run(
      toRecommendation(),
      { type: 'submitDecision', decision: fakeDecide(standalone, 'standalone') },
      { type: 'submitPublicIp', publicIp: { ip: '203.0.113.7' } },
      { type: 'submitDnsProvider', dnsProvider: { provider: 'none', credentials: {} } },
      { type: 'submitMailboxes', mailboxes: [{ user: 'info', password: 'correct horse battery' }] },
    );
    expect(s.step).toBe('review');
    // When the technician jumps to the domain and submits a new one
    const edited = run(s, { type: 'jump', step: 'domain' }, { type: 'submitDomain', domain: 'example.org' });
    // Then the review shows again with the new domain
    expect(edited.step).toBe('review');
    expect(edited.domain).toBe('example.org');
    // And Esc from a jumped-to section also returns to the review
    expect(run(s, { type: 'jump', step: 'network' }, { type: 'back' }).step).toBe('review');
    // And confirm ends the interview only at the review
    expect(interviewReducer(edited, { type: 'confirm' }).step).toBe('done');
    expect(interviewReducer(toRecommendation(), { type: 'confirm' }).step).toBe('recommendation');
  });

  it('after new answers to the questions, shows the new recommendation and the relay screen it needs', () => {
    // Given a standalone interview at the review
    const s = run(
      toRecommendation(),
      { type: 'submitDecision', decision: fakeDecide(standalone, 'standalone') },
      { type: 'submitPublicIp', publicIp: { ip: '203.0.113.7' } },
      { type: 'submitDnsProvider', dnsProvider: { provider: 'none', credentials: {} } },
      { type: 'submitMailboxes', mailboxes: [{ user: 'info', password: 'correct horse battery' }] },
    );
    // When the questions are answered again and now lead to smarthost
    const q = run(s, { type: 'jump', step: 'questions' }, { type: 'submitQuestions', questions: { ...Q, highVolume: true }, recommendation: smarthostRec });
    // Then the recommendation must be decided again, then the relay is asked, then review
    expect(q.step).toBe('recommendation');
    expect(q.decision).toBeUndefined();
    const d = interviewReducer(q, { type: 'submitDecision', decision: fakeDecide(smarthostRec, 'smarthost') });
    expect(d.step).toBe('relay');
    const r = interviewReducer(d, { type: 'submitRelay', relay: { preset: 'sendgrid', host: 'smtp.sendgrid.net', port: '587', user: 'apikey', password: 'SG.x', spf: '' } });
    expect(r.step).toBe('review');
  });

  it('ignores a jump to a section that does not apply', () => {
    const s = { ...toRecommendation(), step: 'review' as const };
    expect(interviewReducer(s, { type: 'jump', step: 'relay' })).toBe(s);
  });
});

describe('host network arriving after the first frame', () => {
  const net = { bridge: 'vmbr1', address: '10.20.30.5', prefixLength: 24, gateway: '10.20.30.1' };
  it('replaces the untouched default addresses before the network screen', () => {
    // Given the interview on its first screen with default addresses
    const s0 = initialState();
    // When the host network arrives
    const s1 = interviewReducer(s0, { type: 'hostNetwork', hostNetwork: net });
    // Then the suggestions follow the host's subnet and bridge
    expect(s1.network.bridge).toBe('vmbr1');
    expect(s1.network.gateway).toBe('10.20.30.1');
    expect(s1.network.pmg.startsWith('10.20.30.')).toBe(true);
  });
  it('never overwrites addresses the technician has already seen or typed', () => {
    // Given the technician is on the network screen
    let s = initialState();
    s = interviewReducer(s, { type: 'start' });
    s = interviewReducer(s, { type: 'submitDomain', domain: 'example.com' });
    s = interviewReducer(s, { type: 'submitHostSerial', hostSerial: 'lib' });
    expect(s.step).toBe('network');
    // When the host network arrives late
    const after = interviewReducer(s, { type: 'hostNetwork', hostNetwork: net });
    // Then nothing changes under their cursor
    expect(after).toBe(s);
  });
});

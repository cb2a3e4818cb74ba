// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { compareSite, type TaggedGuest } from '../../src/site/loadSite.js';
import { buildState } from '../../src/tasks/siteState.js';
import { derivePlan } from '../../src/plan/derive.js';
import { validateAnswers } from '../../src/schema/load.js';
import { parseGuestMarker } from '../../src/plan/guestMarker.js';
import type { FoundGuest } from '../../src/site/guestOwnership.js';
import { standaloneAnswers } from '../helpers/answers.js';

// The menu's overview of a site: a guest at a state ID that lacks the site's marker is shown as
// not ours, with a finding naming it, instead of as the site's running guest.
describe('site overview with ownership', () => {
  const plan = derivePlan(validateAnswers(standaloneAnswers(), 'test'), { vmids: { pmg: 100, mail: 101, dns: 102 } });
  const state = buildState(plan, '8.2');
  const tagged: TaggedGuest[] = plan.guests.map((g) => ({ vmid: g.vmid!, name: g.name, type: g.kind, status: 'running', tags: g.tags }));
  const found = (over: Partial<FoundGuest>[] = []): FoundGuest[] =>
    plan.guests.map((g, i) => ({ vmid: g.vmid!, kind: g.kind, name: g.name, tags: g.tags, status: 'running', marker: parseGuestMarker(g.description)!, ...over[i] }));

  it('shows marked guests as the site\'s', () => {
    const v = compareSite(state, tagged, found());
    expect(v.findings).toEqual([]);
    expect(v.rows.map((r) => r.status)).toEqual(['running', 'running', 'running']);
  });

  it('names a look-alike at the mail VM\'s ID (same name and tags, no marker) as not ours', () => {
    const v = compareSite(state, tagged, found([{}, { marker: undefined }]));
    expect(v.rows.find((r) => r.role === 'mail')!.status).toBe('not ours');
    expect(v.findings).toEqual([{ kind: 'foreign', role: 'mail', message: expect.stringMatching(/^ID 101 of mail-lib holds VM 101 "mail-lib" \(running, tags: netsetup;mail, no netsetup marker in its description\): not this site's guest/) }]);
  });
});

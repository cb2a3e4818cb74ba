// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { decodePveText, guestMarker, markerMatches, parseGuestMarker } from '../../src/plan/guestMarker.js';
import { derivePlan } from '../../src/plan/derive.js';
import { answersSchema } from '../../src/schema/answers.js';
import { standaloneAnswers } from '../helpers/answers.js';

// `qm config` / `pct config` print the description through PVE::Tools::encode_text (pve-common
// src/PVE/ParseUtils.pm): control and non-ASCII bytes, ':' and '%' as %XX, upper-case hex.
describe('the ownership marker in a guest description', () => {
  it('reads the marker back from what qm config prints', () => {
    // Given a description as encode_text prints it (':' → %3A, '%' → %25, ü → %C3%BC, newline → %0A)
    const printed = 'mail@lib%3A NixOS mail VM f%C3%BCr example.com, 100%25 ours%0Asecond line [netsetup site=lib domain=example.com role=mail]';
    // Then decoding gives the text back and the marker names the site and role
    expect(decodePveText(printed)).toBe('mail@lib: NixOS mail VM für example.com, 100% ours\nsecond line [netsetup site=lib domain=example.com role=mail]');
    expect(parseGuestMarker(decodePveText(printed))).toEqual({ serial: 'lib', domain: 'example.com', role: 'mail' });
  });

  it('matches only the same serial, domain and role', () => {
    const m = parseGuestMarker('[netsetup site=lib domain=example.com role=pmg]');
    expect(markerMatches(m, { serial: 'lib', domain: 'example.com' }, 'pmg')).toBe(true);
    expect(markerMatches(m, { serial: 'lib', domain: 'example.com' }, 'mail')).toBe(false);
    expect(markerMatches(m, { serial: 'lab', domain: 'example.com' }, 'pmg')).toBe(false);
    expect(markerMatches(m, { serial: 'lib', domain: 'example.org' }, 'pmg')).toBe(false);
    expect(markerMatches(undefined, { serial: 'lib', domain: 'example.com' }, 'pmg')).toBe(false);
  });

  it('accepts no description without a marker, or with two markers', () => {
    expect(parseGuestMarker(undefined)).toBeUndefined();
    expect(parseGuestMarker('pmg@lib: Proxmox Mail Gateway for example.com, created by netsetup-wizard')).toBeUndefined();
    expect(parseGuestMarker('[netsetup site=lib domain=example.com role=pmg] [netsetup site=lab domain=example.com role=pmg]')).toBeUndefined();
  });

  it('every planned guest carries its own marker in plain ASCII, under the 8 KiB description limit', () => {
    const plan = derivePlan(answersSchema.parse(standaloneAnswers()));
    for (const g of plan.guests) {
      expect(g.description).toContain(guestMarker({ serial: 'lib', domain: 'example.com' }, g.role));
      expect(g.description).toMatch(/^[\x20-\x7e]+$/);
      expect(Buffer.byteLength(g.description)).toBeLessThan(8 * 1024);
      expect(parseGuestMarker(g.description)).toEqual({ serial: 'lib', domain: 'example.com', role: g.role });
    }
  });
});

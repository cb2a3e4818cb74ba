// A relay change on a provisioned site, as data: what it accepts, and the before/after it shows.
// Expected SPF mechanisms come from the providers' documentation (SendGrid: include:sendgrid.net;
// Google: include:_spf.google.com), the DKIM record name from RFC 6376 (<selector>._domainkey).
import { describe, expect, it } from 'vitest';
import { changedAnswers, parseRelayChange, previewLines, relayPreview, relaySide, sitePlan } from '../../src/site/relayChange.js';
import { InputError } from '../../src/cli/errors.js';
import { buildState, type SiteState } from '../../src/tasks/siteState.js';
import { derivePlan } from '../../src/plan/derive.js';
import { validateAnswers } from '../../src/schema/load.js';
import { smarthostAnswers, standaloneAnswers } from '../helpers/answers.js';

const VMIDS = { vmids: { pmg: 100, mail: 101, dns: 102 } };
const standalone = (): SiteState => buildState(derivePlan(validateAnswers(standaloneAnswers(), 't'), VMIDS), '8.2');
const sendgridSite = (): SiteState => buildState(derivePlan(validateAnswers(smarthostAnswers({ publicIp: '203.0.113.7', dnsProvider: undefined }), 't'), VMIDS), '8.2');

function problemsOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('parseRelayChange', () => {
  const site = { domain: 'example.com', serial: 'lib' };
  it('reads relay: (smarthost implied), mode: standalone, or a whole answers file of this site', () => {
    expect(parseRelayChange({ relay: { preset: 'sendgrid', password: 'SG.x-secret' } }, 'f')).toEqual({ mode: 'smarthost', relay: { preset: 'sendgrid', password: 'SG.x-secret' } });
    expect(parseRelayChange({ mode: 'standalone' }, 'f')).toEqual({ mode: 'standalone' });
    expect(parseRelayChange({ ...smarthostAnswers() }, 'f', site)).toMatchObject({ mode: 'smarthost', relay: { preset: 'sendgrid', user: 'apikey' } });
  });

  it('names each problem with its field', () => {
    expect(problemsOf(() => parseRelayChange(null, 'f'))).toEqual(['(top level): must be a mapping with a relay: section, or mode: standalone']);
    expect(problemsOf(() => parseRelayChange(['relay'], 'f'))).toHaveLength(1);
    expect(problemsOf(() => parseRelayChange('relay', 'f'))).toHaveLength(1);
    expect(problemsOf(() => parseRelayChange({}, 'f'))).toEqual(['relay: is required (or mode: standalone to remove the relay)']);
    expect(problemsOf(() => parseRelayChange({ mode: 'direct' }, 'f'))).toEqual(['mode: must be standalone or smarthost']);
    expect(problemsOf(() => parseRelayChange({ mode: 'standalone', relay: { preset: 'sendgrid' } }, 'f'))).toEqual(['relay: must be absent when mode is standalone (remove it, or set mode: smarthost)']);
    expect(problemsOf(() => parseRelayChange({ mode: 'smarthost' }, 'f'))).toEqual(['relay: is required when mode is smarthost (give preset/host/user/password)']);
    expect(problemsOf(() => parseRelayChange({ relay: { preset: 'sendgrid', user: 'me', password: 'SG.x-secret' } }, 'f'))).toEqual(['relay.user: must be "apikey" for SendGrid']);
    expect(problemsOf(() => parseRelayChange({ relay: { preset: 'sendgrid' }, colour: 'red' }, 'f'))).toEqual(['colour: is not a known field (a relay change reads relay: and mode:)', 'relay.password: is required when a relay user is set (or give passwordFile)']);
    expect(problemsOf(() => parseRelayChange({ domain: 'other.org', hostSerial: 'x', mode: 'standalone' }, 'f', site))).toEqual(['domain: is other.org but this host\'s site is example.com', 'hostSerial: is x but this host\'s site is lib']);
    // Without a site to compare, domain and hostSerial are just ignored
    expect(parseRelayChange({ domain: 'other.org', hostSerial: 'x', mode: 'standalone' }, 'f')).toEqual({ mode: 'standalone' });
    const e = (() => { try { parseRelayChange({}, 'change.yaml'); } catch (x) { return x as InputError; } })();
    expect(e?.source).toBe('change.yaml');
  });
});

describe('before and after', () => {
  it('standalone → SendGrid: the SPF changes, the site DKIM record is no longer needed', () => {
    const state = standalone();
    const p = relayPreview(state, { mode: 'smarthost', relay: { preset: 'sendgrid', user: 'apikey', password: 'SG.x-secret' } });
    expect(p.before).toEqual({ mode: 'standalone', relay: 'none: direct MX delivery', spf: 'v=spf1 a:mail.example.com -all', dkim: 'the mail VM signs (opendkim); publish TXT default._domainkey.example.com' });
    expect(p.after.mode).toBe('smarthost');
    expect(p.after.relay).toBe('smtp.sendgrid.net:587 (SendGrid, user apikey)');
    expect(p.after.spf).toBe('v=spf1 include:sendgrid.net -all');
    expect(p.publish.map((r) => `${r.type} ${r.name} ${r.value}`)).toContain('TXT example.com v=spf1 include:sendgrid.net -all');
    // (and the PTR request to the ISP: only direct delivery needs the reverse name)
    expect(p.remove.map((r) => `${r.type} ${r.name}`)).toEqual(['TXT default._domainkey.example.com', 'PTR 7.113.0.203.in-addr.arpa']);
    expect(p.sameSettings).toBe(false);
    // Nothing in the preview carries the password
    expect(JSON.stringify(p)).not.toContain('SG.x-secret');
    const lines = previewLines(p);
    expect(lines).toContain('  Relay:');
    expect(lines).toContain('    before: none: direct MX delivery');
    expect(lines).toContain('    after:  smtp.sendgrid.net:587 (SendGrid, user apikey)');
    expect(lines).toContain('At the DNS provider:');
    expect(lines).toContain('  set  TXT example.com  v=spf1 include:sendgrid.net -all');
    expect(lines).toContain('  no longer needed (may be deleted)  TXT default._domainkey.example.com');
    expect(lines[0]).toBe('What changes:');
  });

  it('the same relay again (new password only) changes no record and keeps the settings', () => {
    const state = sendgridSite();
    const p = relayPreview(state, { mode: 'smarthost', relay: { preset: 'sendgrid', user: 'apikey', password: 'SG.new-secret' } });
    expect(p.sameSettings).toBe(true);
    expect(p.publish).toEqual([]);
    expect(p.remove).toEqual([]);
    const lines = previewLines(p);
    expect(lines).toContain('  Relay: smtp.sendgrid.net:587 (SendGrid, user apikey) (unchanged)');
    expect(lines).toContain('  SPF: v=spf1 include:sendgrid.net -all (unchanged)');
    expect(lines.at(-1)).toBe('No DNS record changes.');
    expect(lines).not.toContain('At the DNS provider:');
  });

  it('SendGrid → Gmail: another host, user and SPF; SendGrid → standalone: back to direct delivery', () => {
    const state = sendgridSite();
    const gmail = relayPreview(state, { mode: 'smarthost', relay: { preset: 'gmail', user: 'me@gmail.com', password: 'app-pass-1' } });
    expect(gmail.sameSettings).toBe(false);
    expect(gmail.after.relay).toMatch(/^smtp\.gmail\.com:587 \(Gmail.*, user me@gmail\.com\)$/);
    expect(gmail.after.spf).toBe('v=spf1 include:_spf.google.com -all');
    expect(gmail.remove).toEqual([]);
    const direct = relayPreview(state, { mode: 'standalone' });
    expect(direct.sameSettings).toBe(false);
    expect(direct.after).toEqual({ mode: 'standalone', relay: 'none: direct MX delivery', spf: 'v=spf1 a:mail.example.com -all', dkim: 'the mail VM signs (opendkim); publish TXT default._domainkey.example.com' });
    expect(direct.publish.map((r) => `${r.type} ${r.name}`)).toEqual(expect.arrayContaining(['TXT example.com', 'TXT default._domainkey.example.com']));
    // A PMG relay without a login shows no user
    const pmg = relayPreview(state, { mode: 'smarthost', relay: { preset: 'pmg', host: 'pmg.relay.example.net' } });
    expect(pmg.after.relay).toBe('pmg.relay.example.net:25 (Self-operated Proxmox Mail Gateway)');
    expect(pmg.after.spf).toBe('v=spf1 a:pmg.relay.example.net -all');
  });

  it('changedAnswers applies the change to a copy; sitePlan keeps VMIDs as deployed', () => {
    const state = standalone();
    const before = JSON.stringify(state);
    expect(changedAnswers(state)).toEqual(state.answers);
    expect(changedAnswers(state)).not.toBe(state.answers);
    const a = changedAnswers(state, { mode: 'smarthost', relay: { preset: 'sendgrid', password: 'SG.x-secret' } });
    expect(a.mode).toBe('smarthost');
    expect(a.relay).toEqual({ preset: 'sendgrid', password: 'SG.x-secret' });
    const back = changedAnswers(sendgridSite(), { mode: 'standalone' });
    expect(back.mode).toBe('standalone');
    expect('relay' in back).toBe(false);
    expect(JSON.stringify(state)).toBe(before);
    const plan = sitePlan(state, { mode: 'standalone' });
    expect(plan.guests.map((g) => [g.role, g.vmid])).toEqual([['pmg', 100], ['mail', 101], ['dns', 102]]);
    expect(relaySide(plan).relay).toBe('none: direct MX delivery');
  });
});

describe('a relay change checked against the site it is for', () => {
  const network = { bridge: 'vmbr0', gateway: '192.168.1.1', prefixLength: 24, pmg: '192.168.1.60', mail: '192.168.1.61', dns: '192.168.1.62' };
  const site = { domain: 'example.com', serial: 'lib', network, publicIp: '203.0.113.7' };

  it('a change that names neither domain nor serial is accepted for any site', () => {
    expect(parseRelayChange({ mode: 'standalone' }, 'f', site)).toEqual({ mode: 'standalone' });
    expect(parseRelayChange({ relay: { preset: 'sendgrid', password: 'SG.x-secret' } }, 'f', site)).toEqual({ mode: 'smarthost', relay: { preset: 'sendgrid', password: 'SG.x-secret' } });
  });

  it('a relay that is the site itself (its mail name or its own guest) is refused at relay.host: mail would loop', () => {
    const p = problemsOf(() => parseRelayChange({ relay: { host: 'mail.example.com', user: 'u', password: 'p-secret', spf: 'include:_spf.relay.example.net' } }, 'f', site));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^relay\.host: mail\.example\.com .*loop/);
    expect(problemsOf(() => parseRelayChange({ relay: { host: 'pmg-lib.example.com', port: 587, user: 'u', password: 'p-secret', spf: 'ip4:198.51.100.7' } }, 'f', site))[0]).toMatch(/^relay\.host: pmg-lib\.example\.com .*loop/);
    // another host is fine
    expect(parseRelayChange({ relay: { host: 'smtp.relay.example.net', port: 587, user: 'u', password: 'p-secret', spf: 'include:_spf.relay.example.net' } }, 'f', site)).toMatchObject({ mode: 'smarthost', relay: { host: 'smtp.relay.example.net' } });
  });
});

describe('sameSettings: only when mode, host, port, user and SPF all stay', () => {
  const custom = (relay: Record<string, unknown>): SiteState =>
    buildState(derivePlan(validateAnswers(smarthostAnswers({ publicIp: '203.0.113.7', dnsProvider: undefined, relay: { host: 'smtp.relay.example.net', port: 587, user: 'u1', password: 'old-secret', spf: 'include:_spf.relay.example.net', ...relay } }), 't'), VMIDS), '8.2');
  const change = (relay: Record<string, unknown>) => ({ mode: 'smarthost' as const, relay: { host: 'smtp.relay.example.net', port: 587, user: 'u1', password: 'new-secret', spf: 'include:_spf.relay.example.net', ...relay } as never });

  it('each setting that changes alone makes it false; a new password alone keeps it', () => {
    const state = custom({});
    expect(relayPreview(state, change({})).sameSettings).toBe(true);
    expect(relayPreview(state, change({ port: 465 })).sameSettings).toBe(false);
    expect(relayPreview(state, change({ user: 'u2' })).sameSettings).toBe(false);
    // RFC 7208 mechanisms: another SPF term for the same relay host
    const spf = relayPreview(state, change({ spf: 'ip4:198.51.100.7' }));
    expect(spf.sameSettings).toBe(false);
    expect(spf.publish.map((r) => `${r.type} ${r.name} ${r.value}`)).toEqual(['TXT example.com v=spf1 ip4:198.51.100.7 -all']);
    expect(relayPreview(state, change({ host: 'smtp2.relay.example.net' })).sameSettings).toBe(false);
  });

  it('standalone to standalone: the same settings, no record to change', () => {
    const state = buildState(derivePlan(validateAnswers(standaloneAnswers(), 't'), VMIDS), '8.2');
    const p = relayPreview(state, { mode: 'standalone' });
    expect(p.sameSettings).toBe(true);
    expect(previewLines(p).slice(-2)).toEqual(['', 'No DNS record changes.']);
    expect(previewLines(p)).toContain('  DKIM: the mail VM signs (opendkim); publish TXT default._domainkey.example.com (unchanged)');
  });
});

describe('previewLines: what the technician is told to do at the DNS provider', () => {
  it('records to set, records the ISP must set (PTR), and records no longer needed, after a blank line', () => {
    const state = buildState(derivePlan(validateAnswers(smarthostAnswers({ publicIp: '203.0.113.7', dnsProvider: undefined }), 't'), VMIDS), '8.2');
    const lines = previewLines(relayPreview(state, { mode: 'standalone' }));
    const at = lines.indexOf('At the DNS provider:');
    expect(at).toBeGreaterThan(0);
    expect(lines[at - 1]).toBe('');
    // Direct delivery needs the reverse name of the public address (RFC 1035 in-addr.arpa), which only the ISP can set
    expect(lines).toContain('  ask the ISP  PTR 7.113.0.203.in-addr.arpa  mail.example.com');
    expect(lines).toContain('  set  TXT example.com  v=spf1 a:mail.example.com -all');
    expect(lines).toContain('  DKIM:');
  });

  it('records to publish but none to remove still get the DNS provider section', () => {
    const state = buildState(derivePlan(validateAnswers(smarthostAnswers({ publicIp: '203.0.113.7', dnsProvider: undefined }), 't'), VMIDS), '8.2');
    const p = relayPreview(state, { mode: 'smarthost', relay: { preset: 'gmail', user: 'me@gmail.com', password: 'app-pass-1' } });
    expect(p.remove).toEqual([]);
    expect(p.publish.length).toBeGreaterThan(0);
    expect(previewLines(p)).toContain('At the DNS provider:');
    expect(previewLines(p)).not.toContain('No DNS record changes.');
  });
});

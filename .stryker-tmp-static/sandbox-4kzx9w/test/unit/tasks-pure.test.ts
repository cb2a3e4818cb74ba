// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { allocateVmids, parseTags } from '../../src/tasks/preflightTask.js';
import { parseDkimTxt } from '../../src/tasks/dkimTask.js';
import { getRenderer } from '../../src/tasks/getRenderer.js';
import { disableEnterprise, newestDebianTemplate, noSubscriptionRepo, RELEASE_8, RELEASE_9 } from '../../src/tasks/release.js';
import { parseConfigLines, siteHash } from '../../src/tasks/nixosVmTask.js';
import { fingerprint, KnownHosts } from '../../src/host/knownHosts.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('VMID allocation', () => {
  it('keeps IDs of guests from an earlier run and skips used IDs for the rest', () => {
    // Given guest 100 is foreign, 101 is our PMG container, and nextid says 100
    const ids = allocateVmids(100, new Set([100, 101, 103]), { pmg: { vmid: 101, name: 'pmg-lib', type: 'lxc', status: 'running', tags: ['netsetup', 'pmg'] } });
    // Then the PMG keeps 101 and the VMs get the free IDs 102 and 104
    expect(ids).toEqual({ pmg: 101, mail: 102, dns: 104 });
  });

  it('parses tag lists written with ; , or spaces', () => {
    expect(parseTags('netsetup;pmg')).toEqual(['netsetup', 'pmg']);
    expect(parseTags('mail, netsetup')).toEqual(['mail', 'netsetup']);
    expect(parseTags(undefined)).toEqual([]);
  });
});

describe('DKIM record parsing', () => {
  it('joins the quoted strings of an opendkim-genkey record', () => {
    const txt = 'default._domainkey\tIN\tTXT\t( "v=DKIM1; h=sha256; k=rsa; "\n\t  "p=MIIBIjANBgkq" "hkiG9w0BAQEFAAOC" )  ; ----- DKIM key default for example.com\n';
    expect(parseDkimTxt(txt)).toBe('v=DKIM1; h=sha256; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOC');
  });
  it('rejects text that is not a DKIM key', () => {
    expect(parseDkimTxt('cat: /var/lib/opendkim/example.com.txt: No such file')).toBeUndefined();
  });
});

describe('getRenderer', () => {
  it.each([
    [{ isTTY: true, verbose: false, env: {} }, 'default'],
    [{ isTTY: false, verbose: false, env: {} }, 'simple'],
    [{ isTTY: true, verbose: true, env: {} }, 'verbose'],
    [{ isTTY: true, verbose: false, env: { TERM: 'dumb' } }, 'verbose'],
    [{ isTTY: true, verbose: false, env: { CI: 'true' } }, 'simple'],
    [{ isTTY: true, verbose: false, env: { NETSETUP_RENDERER: 'test' } }, 'test'],
    [{ isTTY: true, verbose: false, quiet: true, env: {} }, 'silent'],
  ] as const)('%j → %s', (input, expected) => {
    expect(getRenderer({ ...input, env: { ...input.env } })).toBe(expected);
  });
});

describe('container template choice', () => {
  const names = ['debian-12-standard_12.2-1_amd64.tar.zst', 'debian-12-standard_12.10-1_amd64.tar.zst', 'debian-13-standard_13.1-2_amd64.tar.zst', 'debian-13-standard_13.0-1_amd64.tar.zst', 'debian-11-standard_11.7-1_amd64.tar.zst', 'ubuntu-24.04-standard_24.04-2_amd64.tar.zst'];
  it('picks the newest Debian 12 standard template by version on PVE 8', () => {
    expect(newestDebianTemplate(names, RELEASE_8)).toBe('debian-12-standard_12.10-1_amd64.tar.zst');
    expect(newestDebianTemplate(['alpine-3.19-default_20240207_amd64.tar.xz'], RELEASE_8)).toBeUndefined();
  });
  it('picks the newest Debian 13 standard template on PVE 9', () => {
    expect(newestDebianTemplate(names, RELEASE_9)).toBe('debian-13-standard_13.1-2_amd64.tar.zst');
  });
});

describe('repository files per release', () => {
  // Expected texts follow pve-manager's own configs/pve-sources.sources (master) and the
  // one-line lists of stable-8, not the wizard's code.
  it('PVE 9: deb822 .sources, trixie, /usr/share/keyrings/proxmox-archive-keyring.gpg', () => {
    const r = noSubscriptionRepo(RELEASE_9, 'pbs');
    expect(r.path).toBe('/etc/apt/sources.list.d/pbs-no-subscription.sources');
    expect(r.content).toContain('Types: deb\nURIs: http://download.proxmox.com/debian/pbs\nSuites: trixie\nComponents: pbs-no-subscription\nSigned-By: /usr/share/keyrings/proxmox-archive-keyring.gpg\n');
  });
  it('PVE 8: one-line bookworm list', () => {
    const r = noSubscriptionRepo(RELEASE_8, 'pmg');
    expect(r.path).toBe('/etc/apt/sources.list.d/pmg-no-subscription.list');
    expect(r.content).toContain('deb http://download.proxmox.com/debian/pmg bookworm pmg-no-subscription\n');
  });
  it('turns off an enterprise repository in either format, once', () => {
    const sources = 'Types: deb\nURIs: https://enterprise.proxmox.com/debian/pmg\nSuites: trixie\nComponents: pmg-enterprise\nSigned-By: /usr/share/keyrings/proxmox-archive-keyring.gpg\n';
    const off = disableEnterprise('/etc/apt/sources.list.d/pmg-enterprise.sources', sources) as string;
    expect(off).toMatch(/^Enabled: no$/m);
    expect(disableEnterprise('/etc/apt/sources.list.d/pmg-enterprise.sources', off)).toBeUndefined();
    const list = disableEnterprise('/etc/apt/sources.list.d/pbs-enterprise.list', 'deb https://enterprise.proxmox.com/debian/pbs bookworm pbs-enterprise\n') as string;
    expect(list).toMatch(/^# deb https:\/\/enterprise/m);
    expect(disableEnterprise('x.list', list)).toBeUndefined();
  });
});

describe('guest config and site hash', () => {
  it('parses qm config lines', () => {
    expect(parseConfigLines('name: mail-lib\ntags: mail;netsetup\nipconfig0: ip=192.168.1.61/24,gw=192.168.1.1\n')).toEqual({
      name: 'mail-lib',
      tags: 'mail;netsetup',
      ipconfig0: 'ip=192.168.1.61/24,gw=192.168.1.1',
    });
  });
  it('changes when any file content or mode changes, not when order changes', () => {
    const a = { guest: 'mail' as const, path: '/a', content: 'x', mode: 0o644, secret: false };
    const b = { guest: 'mail' as const, path: '/b', content: 'y', mode: 0o600, secret: true };
    expect(siteHash([a, b])).toBe(siteHash([b, a]));
    expect(siteHash([a, { ...b, content: 'z' }])).not.toBe(siteHash([a, b]));
    expect(siteHash([a, { ...b, mode: 0o644 }])).not.toBe(siteHash([a, b]));
  });
});

describe('host key pinning', () => {
  it('pins on first use, accepts the same key, refuses a changed key', () => {
    const kh = new KnownHosts(join(mkdtempSync(join(tmpdir(), 'kh-')), 'known_hosts.json'));
    const k1 = Buffer.from('key-one');
    const k2 = Buffer.from('key-two');
    expect(kh.check('127.0.0.9:22', k1)).toEqual({ status: 'new', fingerprint: fingerprint(k1) });
    expect(kh.check('127.0.0.9:22', k1)).toEqual({ status: 'known' });
    expect(kh.check('127.0.0.9:22', k2)).toEqual({ status: 'changed', expected: fingerprint(k1), got: fingerprint(k2) });
    expect(fingerprint(k1)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});

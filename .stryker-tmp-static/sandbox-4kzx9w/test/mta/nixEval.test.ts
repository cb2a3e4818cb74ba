// @ts-nocheck
// The mail and DNS VMs evaluated by nixpkgs' own NixOS module code (the offline eval kit) for
// the three site shapes the wizard produces: no evaluation error, no NixOS warning, no failed
// assertion, and the kit's own checks clean. A misspelt option must make evaluation fail.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateHost, NIX_DIR, NixEvalError, renderSite, SITES, type Role } from './helpers/nixEval.js';

const NON_VENDORED_UNITS = ['phpfpm-roundcube']; // kit: units of stubbed modules (phpfpm) have no ExecStart there

describe.each(Object.keys(SITES) as Array<keyof typeof SITES>)('%s site', (name) => {
  const rendered = renderSite(SITES[name]);
  it.each(['mail', 'dns'] as Role[])('the %s VM evaluates without error, warning or failed assertion', (role) => {
    // When the host is evaluated with nixpkgs' modules for the site the wizard rendered
    const { dump, stderr } = evaluateHost(role, rendered.site[role]);
    // Then NixOS reports nothing and nix printed no warning or trace
    expect(dump.failedAssertions).toEqual([]);
    expect(dump.warnings).toEqual([]);
    expect(stderr).not.toMatch(/warning|trace/i);
    // and the kit's checks are clean: no unit/alias collision, one entry per master.cf service,
    // the smtp/unix client transport present, every user's group declared
    const k = dump.kitChecks;
    expect(k.aliasCollisions).toEqual([]);
    expect(k.postfixMasterDuplicates).toEqual([]);
    expect(k.userGroupProblems).toEqual([]);
    expect(k.servicesWithoutExecStartOrScript.units.filter((u: string) => !NON_VENDORED_UNITS.includes(u))).toEqual([]);
    if (role === 'mail') {
      expect(k.postfixHasSmtpUnixTransport).toBe(true);
      // Dovecot 2.4 (the supported path for a new site), on the unit the module really defines
      expect(dump.services.dovecot2.package.version).toMatch(/^2\.4\./);
      expect(dump.systemd.services.dovecot.hasExecStartOrScript).toBe(true);
      expect(dump.systemd.services).not.toHaveProperty('dovecot2');
      expect(dump.kit.textFilesReadable).toBe(true);
    }
  }, 60_000);
});

describe('the DNS VM per site shape', () => {
  it('runs ddns-updater with its config as a credential only where the IP is dynamic', () => {
    const stat = evaluateHost('dns', renderSite(SITES.standalone).site.dns).dump;
    const dyn = evaluateHost('dns', renderSite(SITES.dyndns).site.dns).dump;
    expect(stat.services['ddns-updater']).toEqual({});
    expect(dyn.services['ddns-updater'].environment).toMatchObject({ CONFIG_FILEPATH: '%d/config.json' });
    expect(dyn.systemd.services['ddns-updater'].serviceConfig.LoadCredential).toEqual(['config.json:/var/lib/netsetup/secrets/ddns-updater.json']);
  }, 60_000);
});

describe('a mistake under nix/ fails the evaluation', () => {
  it('a misspelt option name stops evaluation with its name', () => {
    // Given a copy of nix/ whose postfix module misspells one option (enableSubmissions → enableSubmisions)
    const dir = mkdtempSync(join(tmpdir(), 'netsetup-nixbroken-'));
    try {
      cpSync(NIX_DIR, dir, { recursive: true });
      const mod = join(dir, 'modules/services/mail-postfix.nix');
      const text = readFileSync(mod, 'utf8');
      expect(text).toContain('enableSubmissions = true;');
      writeFileSync(mod, text.replace('enableSubmissions = true;', 'enableSubmisions = true;'));
      // When the mail VM is evaluated from that copy
      // Then nix-instantiate fails and names the option that does not exist
      expect(() => evaluateHost('mail', renderSite(SITES.standalone).site.mail, { nixDir: dir })).toThrow(NixEvalError);
      expect(() => evaluateHost('mail', renderSite(SITES.standalone).site.mail, { nixDir: dir })).toThrow(/services\.postfix\.enableSubmisions' does not exist/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('the unmodified copy of nix/ evaluates (the failure above is the misspelling, not the copy)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsetup-nixcopy-'));
    try {
      cpSync(NIX_DIR, dir, { recursive: true });
      expect(evaluateHost('mail', renderSite(SITES.standalone).site.mail, { nixDir: dir }).dump.failedAssertions).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('nix/ files outside the hosts', () => {
  it('every .nix file parses (flake.nix is not evaluated offline) and flake.lock pins one nixpkgs revision', () => {
    const files = execFileSync('find', [NIX_DIR, '-name', '*.nix'], { encoding: 'utf8' }).trim().split('\n');
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(() => execFileSync('nix-instantiate', ['--parse', f], { stdio: ['ignore', 'pipe', 'pipe'] }), f).not.toThrow();
    const lock = JSON.parse(readFileSync(join(NIX_DIR, 'flake.lock'), 'utf8'));
    expect(lock.nodes.nixpkgs.locked).toMatchObject({ type: 'github', owner: 'NixOS', repo: 'nixpkgs' });
    expect(lock.nodes.nixpkgs.locked.rev).toMatch(/^[0-9a-f]{40}$/);
    expect(lock.nodes.nixpkgs.locked.narHash).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);
    expect(lock.nodes.nixpkgs.original.ref).toBe('nixos-26.05');
  });
});

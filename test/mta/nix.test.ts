// The Nix side of the mail policy with Debian's nix-instantiate: every .nix file parses, and
// nix/lib/policy.nix (what the NixOS modules use) turns nix/policy/mail-policy.json into the
// same postfix and dovecot settings as src/render/mailPolicy.ts (what test/mta runs).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mainParameters, readMailPolicy, renderDovecotConf, fill } from '../../src/render/mailPolicy.js';

const NIX = fileURLToPath(new URL('../../nix', import.meta.url));

function nixFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? nixFiles(p) : n.endsWith('.nix') ? [p] : [];
  });
}

function nixEval(expr: string): unknown {
  const out = execFileSync('nix-instantiate', ['--eval', '--strict', '--json', '--expr', expr], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out);
}

const VARS: Record<string, string> = {
  DOMAIN: 'site.test', PMG_IP: '192.168.1.60', MAIL_IP: '192.168.1.61', TLS_CERT: '/var/lib/netsetup/tls/fullchain.pem',
  TLS_KEY: '/var/lib/netsetup/tls/key.pem', LMTP_SOCKET: '/run/dovecot2/netsetup-lmtp', AUTH_SOCKET: '/run/dovecot2/netsetup-auth',
  PASSWD_FILE: '/run/dovecot2/netsetup-passwd', MAILBOX_MAP: '/etc/netsetup/mailboxes.map', RELAY_SASL_MAP: '/var/lib/netsetup/secrets/relay-sasl',
  MAIL_ROOT: '/var/vmail', SMTP_LISTEN: 'all', IMAP_LISTEN: '*, ::', VMAIL_USER: 'vmail', VMAIL_GROUP: 'vmail', POSTFIX_USER: 'postfix',
  POSTFIX_GROUP: 'postfix', RELAY_HOST: 'smtp.sendgrid.net', RELAY_PORT: '587',
};
const nixVars = `{ ${Object.entries(VARS).map(([k, v]) => `${k} = ${JSON.stringify(v)};`).join(' ')} }`;
const policyNix = join(NIX, 'lib/policy.nix');

describe('nix/', () => {
  const files = nixFiles(NIX);

  it('contains the flake, the policy library and every service module', () => {
    const rel = files.map((f) => relative(NIX, f)).sort();
    for (const m of ['flake.nix', 'lib/policy.nix', 'lib/site.nix', 'modules/services/mail-postfix.nix', 'modules/services/mail-dovecot.nix',
      'modules/services/mail-roundcube.nix', 'modules/services/mail-opendkim.nix', 'modules/services/dns-coredns.nix',
      'modules/services/dns-stepca.nix', 'modules/services/dns-lego.nix', 'modules/services/ddns-updater.nix']) {
      expect(rel).toContain(m);
    }
  });

  it.each(files.map((f) => [relative(NIX, f), f]))('%s parses with nix-instantiate --parse', (_rel, f) => {
    expect(() => execFileSync('nix-instantiate', ['--parse', f], { stdio: ['ignore', 'pipe', 'pipe'] })).not.toThrow();
  });
});

describe('nix/lib/policy.nix consumes the same policy as the tested renderer', () => {
  const policy = readMailPolicy();

  it.each([false, true])('postfix main.cf parameters (relay: %s)', (relay) => {
    // When Nix and TypeScript fill the policy for the same site
    const fromNix = nixEval(`(import ${policyNix}).postfixMain ${nixVars} ${relay}`);
    const fromTs = Object.fromEntries(Object.entries(mainParameters(policy, { relay })).map(([k, v]) => [k, fill(v, VARS)]));
    // Then both give identical parameters
    expect(fromNix).toEqual(fromTs);
    expect(fromNix).toMatchObject({ smtpd_tls_security_level: 'encrypt', myhostname: 'mail.site.test' });
    if (relay) expect(fromNix).toMatchObject({ relayhost: '[smtp.sendgrid.net]:587', smtp_tls_security_level: 'encrypt' });
    else expect(fromNix).not.toHaveProperty('relayhost');
  });

  it('master.cf services 25, 26 and 587 with the policy options', () => {
    const fromNix = nixEval(`(import ${policyNix}).postfixMaster ${nixVars}`) as Record<string, { args: string[]; command: string }>;
    expect(Object.keys(fromNix).sort()).toEqual(['26', 'smtp', 'submission']);
    for (const [name, svc] of Object.entries(policy.postfix.master)) {
      const expected = Object.entries(svc.options).filter(([k]) => !k.startsWith('_')).map(([k, v]) => `${k}=${fill(v, VARS)}`).sort();
      const got = fromNix[name]!.args.filter((a) => a !== '-o').sort();
      expect(got).toEqual(expected);
    }
    expect(fromNix['26']!.args).toContain('mynetworks=192.168.1.60/32');
  });

  it('dovecot.conf has the same lines', () => {
    const fromNix = nixEval(`(import ${policyNix}).dovecotConf ${nixVars} {}`) as string;
    const fromTs = renderDovecotConf(policy, VARS);
    // Top-level settings come out sorted in Nix; sections keep their order in both.
    expect(fromNix.split('\n').sort()).toEqual(fromTs.split('\n').sort());
    expect(fromNix).toMatch(/^ssl = required$/m);
    expect(fromNix).toMatch(/^disable_plaintext_auth = yes$/m);
  });

  it('refuses to render with a placeholder left unfilled', () => {
    const { DOMAIN: _omit, ...rest } = VARS;
    const partial = `{ ${Object.entries(rest).map(([k, v]) => `${k} = ${JSON.stringify(v)};`).join(' ')} }`;
    expect(() => nixEval(`(import ${policyNix}).postfixMain ${partial} false`)).toThrow(/no value for a placeholder/);
  });

  it('reads the example site data for pure builds', () => {
    const site = nixEval(`import ${join(NIX, 'lib/site.nix')} "mail"`) as { role: string; relay: unknown };
    expect(site.role).toBe('mail');
  });
});

// The mail VM's postfix/dovecot policy lives once, as data, in nix/policy/mail-policy.json.
// The NixOS modules read it with builtins.fromJSON; this file renders the same data to
// main.cf / master.cf / dovecot.conf text so test/mta can run it on real daemons. Pure
// functions except readMailPolicy.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface MasterService {
  type: 'inet' | 'unix' | 'unix-dgram' | 'fifo' | 'pass';
  private: boolean;
  chroot: boolean;
  command: string;
  options: Record<string, string>;
}

export interface DovecotSection {
  name: string;
  settings?: Record<string, string>;
  sections?: DovecotSection[];
}

export interface MailPolicy {
  placeholders: Record<string, string[]>;
  postfix: {
    main: Record<string, string>;
    relay: Record<string, string>;
    master: Record<string, MasterService>;
  };
  dovecot: { settings: Record<string, string>; sections: DovecotSection[] };
}

/** Values for the @NAME@ placeholders. Only the ones a rendered text contains are required. */
export type PolicyVars = Record<string, string>;

export const MAIL_POLICY_PATH = fileURLToPath(new URL('../../nix/policy/mail-policy.json', import.meta.url));

export function readMailPolicy(path: string = MAIL_POLICY_PATH): MailPolicy {
  return JSON.parse(readFileSync(path, 'utf8')) as MailPolicy;
}

const PLACEHOLDER = /@([A-Z][A-Z0-9_]*)@/g;

/** Replace every @NAME@; a placeholder without a value is an error, never left in a config. */
export function fill(text: string, vars: PolicyVars): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`mail policy: no value for placeholder @${name}@`);
    return v;
  });
}

/** Keys starting with "_" are comments in the JSON. */
function entries(o: Record<string, string>): Array<[string, string]> {
  return Object.entries(o).filter(([k]) => !k.startsWith('_'));
}

/** main.cf parameters: the policy's main, with its relay block merged over it when relayed. */
export function mainParameters(policy: MailPolicy, opts: { relay: boolean }): Record<string, string> {
  return Object.fromEntries([...entries(policy.postfix.main), ...(opts.relay ? entries(policy.postfix.relay) : [])]);
}

export function renderMainCf(
  policy: MailPolicy,
  vars: PolicyVars,
  opts: { relay: boolean; environment?: Record<string, string> },
): string {
  const params = { ...mainParameters(policy, opts), ...(opts.environment ?? {}) };
  return entries(params).map(([k, v]) => `${k} = ${fill(v, vars)}`).join('\n') + '\n';
}

function yn(b: boolean): string {
  return b ? 'y' : 'n';
}

/** One master.cf entry for a policy service; option values must not contain whitespace. */
export function masterLine(name: string, svc: MasterService, vars: PolicyVars): string {
  const head = `${name}\t${svc.type}\t${yn(svc.private)}\t-\t${yn(svc.chroot)}\t-\t-\t${svc.command}`;
  const opts = entries(svc.options).map(([k, v]) => {
    const value = fill(v, vars);
    if (/\s/.test(value)) throw new Error(`mail policy: master.cf option ${name} ${k} contains whitespace`);
    return `  -o ${k}=${value}`;
  });
  return [head, ...opts].join('\n');
}

/**
 * master.cf: the distribution's file (`base`) with every entry the policy defines replaced
 * (same service name and type), and the policy's other entries appended. `bindAddress`
 * binds the inet services to one address (tests on a loopback alias; NixOS listens on all).
 */
export function renderMasterCf(policy: MailPolicy, vars: PolicyVars, base: string, opts: { bindAddress?: string } = {}): string {
  const services = Object.entries(policy.postfix.master);
  const key = (name: string, type: string) => `${name}/${type}`;
  const ours = new Set(services.map(([n, s]) => key(n, s.type)));
  const kept: string[] = [];
  let skipping = false;
  for (const line of base.split('\n')) {
    const m = /^([^\s#]\S*)\s+(\S+)\s/.exec(line);
    if (m) skipping = ours.has(key(m[1]!, m[2]!));
    else if (!/^\s/.test(line)) skipping = false;
    if (!skipping) kept.push(line);
  }
  return `${kept.join('\n').trimEnd()}\n\n# netsetup mail policy\n${services.map(([n, s]) => masterLine(s.type === 'inet' && opts.bindAddress ? `${opts.bindAddress}:${n}` : n, s, vars)).join('\n')}\n`;
}

function renderSections(sections: DovecotSection[], vars: PolicyVars, indent: string): string[] {
  const out: string[] = [];
  for (const s of sections) {
    out.push(`${indent}${fill(s.name, vars)} {`);
    for (const [k, v] of entries(s.settings ?? {})) out.push(`${indent}  ${k} = ${fill(v, vars)}`);
    out.push(...renderSections(s.sections ?? [], vars, `${indent}  `));
    out.push(`${indent}}`);
  }
  return out;
}

/** dovecot.conf body; `environment` adds or replaces top-level settings (base_dir, log_path). */
export function renderDovecotConf(policy: MailPolicy, vars: PolicyVars, environment: Record<string, string> = {}): string {
  const settings = { ...policy.dovecot.settings, ...environment };
  const lines = entries(settings).map(([k, v]) => `${k} = ${fill(v, vars)}`);
  return [...lines, ...renderSections(policy.dovecot.sections, vars, '')].join('\n') + '\n';
}

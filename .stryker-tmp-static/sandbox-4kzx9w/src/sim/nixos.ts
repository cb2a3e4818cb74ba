// @ts-nocheck
// Inside the NixOS VMs: nixos-rebuild switch (driven by /etc/netsetup/site.json) and dig.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fsPath, writeHostFile } from './state.js';
import { servicesOf } from './system.js';
import { fail, ok, sysGuest, type CmdCtx, type Outcome } from './types.js';

export const SITE_JSON = '/etc/netsetup/site.json';

interface Site {
  role?: unknown;
  domain?: unknown;
  ddns?: unknown;
  relay?: { host?: unknown; port?: unknown } | null;
  records?: unknown;
  dns?: { records?: unknown };
}

function dkimRecord(domain: string): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const b64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const chunks = (`p=${b64}`.match(/.{1,250}/g) ?? []).map((c) => `"${c}"`);
  return `default._domainkey\tIN\tTXT\t( "v=DKIM1; k=rsa; "\n\t  ${chunks.join('\n\t  ')} )  ; ----- DKIM key default for ${domain}\n`;
}

export function nixosRebuild(args: string[], ctx: CmdCtx): Outcome {
  const g = sysGuest(ctx);
  if (!g) return fail(127, 'nixos-rebuild: command not found');
  let action: string | undefined;
  let flake: string | undefined;
  let impure = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--flake') {
      flake = args[++i];
      if (!flake) return fail(1, "error: option '--flake' requires an argument");
    } else if (a === '--impure') impure = true;
    else if (a === '--show-trace' || a === '--no-build-nix') continue;
    else if (a.startsWith('-')) return fail(1, `error: unrecognised flag '${a}'\nTry 'nixos-rebuild --help' for more information.`);
    else if (!action) action = a;
    else return fail(1, `error: unexpected argument '${a}'`);
  }
  if (action !== 'switch') return fail(1, action ? `error: unknown action '${action}' (the simulator models only 'switch')` : 'error: no action given\nUsage: nixos-rebuild [switch|boot|test|build|...] [OPTIONS...]');
  const head = 'building the system configuration...\n';
  let flakeAttr: string | undefined;
  if (flake) {
    const [dirPart, attr] = flake.split('#') as [string, string | undefined];
    if (!existsSync(fsPath(ctx.dir, `${dirPart.replace(/\/$/, '')}/flake.nix`, g.vmid))) return fail(1, `${head}error: path '${dirPart.replace(/\/$/, '')}/flake.nix' does not exist`);
    if (!impure) return fail(1, `${head}error:\n       … while evaluating the module argument \`site'\n\n       error: access to absolute path '${SITE_JSON}' is forbidden in pure evaluation mode (use '--impure' to override)`);
    flakeAttr = attr;
  }
  const real = fsPath(ctx.dir, SITE_JSON, g.vmid);
  if (!existsSync(real)) return fail(1, `${head}error:\n       … while evaluating the module argument \`site'\n\n       error: opening file '${SITE_JSON}': No such file or directory`);
  let site: Site;
  try {
    site = JSON.parse(readFileSync(real, 'utf8')) as Site;
  } catch (e) {
    return fail(1, `${head}error:\n       … while calling the 'fromJSON' builtin\n\n       error: while parsing JSON: [json.exception.parse_error.101] ${(e as Error).message}`);
  }
  if (site.role !== 'mail' && site.role !== 'dns') return fail(1, `${head}error: The option \`netsetup.role' has a value that is not of type one of "mail", "dns". Definition values:\n       - In \`${SITE_JSON}': ${JSON.stringify(site.role ?? null)}`);
  if (typeof site.domain !== 'string' || !site.domain) return fail(1, `${head}error: The option \`netsetup.domain' is used but not defined.`);
  if (flakeAttr !== undefined && flakeAttr !== site.role) return fail(1, `${head}error: flake 'path:${flake!.split('#')[0]}' does not provide attribute 'nixosConfigurations.${flakeAttr}' for the ${site.role} role`);
  const ddns = site.ddns === true || (typeof site.ddns === 'object' && site.ddns !== null && (site.ddns as { enable?: unknown }).enable === true);
  const before = new Set(servicesOf(ctx.st, ctx.sys).map((s) => s.unit));
  const r = site.relay;
  const relayhost = site.role === 'mail' && r && typeof r.host === 'string' ? `[${r.host}]:${typeof r.port === 'number' ? r.port : 25}` : '';
  g.nixos = { role: site.role, domain: site.domain, ddns, generation: (g.nixos?.generation ?? 1) + 1, relayhost };
  const started = servicesOf(ctx.st, ctx.sys).map((s) => s.unit).filter((u) => !before.has(u));
  if (site.role === 'mail') {
    const path = `/var/lib/opendkim/${site.domain}.txt`;
    if (!existsSync(fsPath(ctx.dir, path, g.vmid))) {
      const rec = dkimRecord(site.domain);
      writeHostFile(ctx.dir, path, rec, 0o644, g.vmid);
      writeHostFile(ctx.dir, '/var/lib/opendkim/keys/default.txt', rec, 0o644, g.vmid);
    }
  }
  const out = `${head}activating the configuration...\nsetting up /etc...\nreloading user units for root...\nrestarting sysinit-reactivation.target\n${started.length ? `starting the following units: ${started.map((u) => `${u}.service`).join(', ')}\n` : ''}`;
  return ok('', { mutated: true, latency: ['nixos-rebuild switch'], stderr: out });
}

export function dig(args: string[], ctx: CmdCtx): Outcome {
  const g = sysGuest(ctx);
  let server = '';
  let short = false;
  const words: string[] = [];
  for (const a of args) {
    if (a.startsWith('@')) server = a.slice(1);
    else if (a === '+short') short = true;
    else if (a.startsWith('+')) continue;
    else if (a.startsWith('-')) return fail(1, `Invalid option: ${a}\nUsage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}`);
    else words.push(a);
  }
  const [name, type = 'A'] = words;
  if (!name) return fail(1, 'dig: no query name given');
  const running = servicesOf(ctx.st, ctx.sys).some((s) => s.unit === 'coredns');
  const local = server === '' || server === '127.0.0.1' || server === 'localhost';
  if (!local || !running || !g?.nixos) {
    const to = server || '127.0.0.53';
    return fail(9, '', `;; communications error to ${to}#53: connection refused\n;; communications error to ${to}#53: connection refused\n;; communications error to ${to}#53: connection refused\n\n; <<>> DiG 9.18.28 <<>> ${args.join(' ')}\n;; global options: +cmd\n;; no servers could be reached\n`);
  }
  let site: Site = {};
  try {
    site = JSON.parse(readFileSync(fsPath(ctx.dir, SITE_JSON, g.vmid), 'utf8')) as Site;
  } catch {
    /* rebuilt earlier; file since removed → no records */
  }
  // The DNS VM's site.json (src/render/siteConfig.ts dnsSiteJson): zone.lan maps LAN names to
  // addresses (split horizon); explicit record lists are accepted too.
  const zone = (site as { zone?: { lan?: Record<string, string> } }).zone;
  const lan = Object.entries(zone?.lan ?? {}).map(([n, v]) => ({ name: n, type: 'A', value: v }));
  const listed = (Array.isArray(site.records) ? site.records : Array.isArray(site.dns?.records) ? site.dns?.records : []) as { name?: string; type?: string; value?: string }[];
  const recs = [...lan, ...listed];
  const want = name.replace(/\.$/, '').toLowerCase();
  const answers = recs.filter((r) => (r.name ?? '').replace(/\.$/, '').toLowerCase() === want && (r.type ?? '').toUpperCase() === type.toUpperCase()).map((r) => String(r.value));
  if (short) return ok(answers.map((a) => `${a}\n`).join(''));
  return ok(`;; ANSWER SECTION:\n${answers.map((a) => `${want}.\t\t60\tIN\t${type.toUpperCase()}\t${a}\n`).join('')}`);
}

/** postfix's postconf, read-only: `postconf -h NAME` prints what the last switch configured. */
export function postconf(args: string[], ctx: CmdCtx): Outcome {
  const g = sysGuest(ctx);
  if (!g?.nixos || g.nixos.role !== 'mail') return fail(127, 'Agent error: Failed to execute child process “postconf” (No such file or directory)');
  const names = args.filter((a) => a !== '-h');
  if (args.some((a) => a.startsWith('-') && a !== '-h') || names.length === 0) return fail(1, `postconf: unsupported arguments in simulator: ${args.join(' ')}`);
  const known: Record<string, string> = { relayhost: g.nixos.relayhost ?? '', myhostname: `mail.${g.nixos.domain}` };
  const unknown = names.find((n) => !(n in known));
  if (unknown) return fail(0, `postconf: warning: ${unknown}: unknown parameter`);
  const hide = args.includes('-h');
  return ok(names.map((n) => (hide ? `${known[n]}\n` : `${n} = ${known[n]}\n`)).join(''));
}

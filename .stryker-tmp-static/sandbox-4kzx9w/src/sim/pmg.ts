// @ts-nocheck
// Inside the PMG container: pmgsh (get/create/set/delete on /config/domains, /config/transport,
// /config/mynetworks, /config/mail) and pmgconfig sync. Errors as the Perl API dies with them.
import { isIPv4, isCidr4 } from './args.js';
import { isDnsName } from './guests.js';
import { perlPretty } from './json.js';
import { readFileSync } from 'node:fs';
import { fsPath } from './state.js';
import type { PmgState } from './state.js';
import { fail, ok, sysGuest, type CmdCtx, type Outcome } from './types.js';

/** An excerpt of pmg-api src/templates/main.cf.in (the lines the wizard's checks read). */
export const PMG_MAIN_CF_IN = `# Postfix main.cf for Proxmox Mail Gateway (simulated excerpt)
smtpd_banner = $myhostname [% pmg.mail.banner %]
myhostname = [% dns.hostname %].[% dns.domain %]
relay_domains = hash:/etc/pmg/domains
[% IF pmg.mail.smarthost %]
default_transport = smtp:[% pmg.mail.smarthost %]:[% pmg.mail.smarthostport %]
[% END %]
smtp_tls_security_level = may
smtp_tls_policy_maps = hash:/etc/pmg/tls_policy
`;

const MAIL_PROPS: Record<string, 'int' | 'bool' | 'string'> = {
  relay: 'string', relayport: 'int', relayprotocol: 'string', relaynomx: 'bool', smarthost: 'string', smarthostport: 'int', int_port: 'int', ext_port: 'int',
  tls: 'bool', tlslog: 'bool', tlsheader: 'bool', banner: 'string', maxsize: 'int', spf: 'bool', greylist: 'bool', verifyreceivers: 'string', hide_received: 'bool',
  helotests: 'bool', rejectunknown: 'bool', rejectunknownsender: 'bool', dnsbl_sites: 'string', dnsbl_threshold: 'int', max_filters: 'int', smtputf8: 'bool', ndr_on_block: 'bool',
  before_queue_filtering: 'bool', conn_count_limit: 'int', message_rate_limit: 'int', max_smtpd_in: 'int', max_smtpd_out: 'int', digest: 'string', delete: 'string',
};

function paramFail(errs: Record<string, string>): Outcome {
  return fail(255, `400 Parameter verification failed.\n${Object.entries(errs).map(([k, v]) => `${k}: ${v}`).join('\n')}\n`);
}

function parseArgs(args: string[], allowed: Record<string, 'int' | 'bool' | 'string'>, required: string[]): Record<string, string> | Outcome {
  const o: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('-')) return fail(255, '400 too many arguments');
    const k = a.replace(/^--?/, '');
    if (!(k in allowed)) return paramFail({ [k]: 'property is not defined in schema and the schema does not allow additional properties' });
    const v = args[++i];
    if (v === undefined) return fail(255, `Option ${k} requires an argument\n400 unable to parse option`);
    if (allowed[k] === 'int' && !/^\d+$/.test(v)) return paramFail({ [k]: `type check ('integer') failed - got '${v}'` });
    if (allowed[k] === 'bool' && !/^(0|1|yes|no|on|off|true|false)$/i.test(v)) return paramFail({ [k]: `type check ('boolean') failed - got '${v}'` });
    o[k] = allowed[k] === 'bool' ? (/^(1|yes|on|true)$/i.test(v) ? '1' : '0') : v;
  }
  const missing = required.filter((r) => !(r in o));
  if (missing.length) return paramFail(Object.fromEntries(missing.map((m) => [m, 'property is missing and it is not optional'])));
  return o;
}

const isErr = (x: Record<string, string> | Outcome): x is Outcome => 'exit' in x && 'latency' in x;
const done = (data?: unknown): Outcome => ok(data === undefined ? '' : perlPretty(data), { stderr: '200 OK\n' });
const wrote = (): Outcome => ok('', { stderr: '200 OK\n', mutated: true, latency: ['pmgsh write'] });

export function pmgsh(args: string[], ctx: CmdCtx): Outcome {
  const g = sysGuest(ctx);
  const pmg = g?.pmg as PmgState;
  const [verb, rawPath, ...rest] = args;
  if (!verb || !['get', 'set', 'create', 'delete', 'ls', 'help'].includes(verb)) return fail(255, `ERROR: unknown command '${verb ?? ''}'\nUSAGE: pmgsh [verifyapi]\n       pmgsh CMD [OPTIONS]`);
  const path = (rawPath ?? '').replace(/^\/+|\/+$/g, '');
  const [a, b, c, ...more] = path.split('/');
  if (a !== 'config' || more.length) return fail(255, `no '${verb}' handler for '${path}'`);
  if (b === 'mail' && !c) {
    if (verb === 'get') {
      const r = parseArgs(rest, {}, []);
      return isErr(r) ? r : done({ ...pmg.mail });
    }
    if (verb === 'set') {
      const r = parseArgs(rest, MAIL_PROPS, []);
      if (isErr(r)) return r;
      if (r.relay !== undefined && !isIPv4(r.relay) && !isDnsName(r.relay)) return paramFail({ relay: 'value does not look like a valid address' });
      // pmg-api src/PMG/Config.pm (master 09158948): verifyreceivers enum 450|550, maxsize ≥ 1024,
      // dnsbl_sites format dnsbl-entry-list (pmg_verify_dnsbl_entry), dnsbl_threshold ≥ 0.
      if (r.verifyreceivers !== undefined && !['450', '550'].includes(r.verifyreceivers)) return paramFail({ verifyreceivers: `value '${r.verifyreceivers}' does not have a value in the enumeration '450, 550'` });
      if (r.maxsize !== undefined && Number(r.maxsize) < 1024) return paramFail({ maxsize: `value must have a minimum value of 1024` });
      if (r.dnsbl_sites !== undefined) {
        const name = '([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)';
        const octet = '([0-9]+|\\[(?:[0-9]+\\.\\.[0-9]+)\\])';
        const re = new RegExp(`^(${name}\\.)*${name}(:?=${octet}(:?\\.${octet}){3})?(?:\\*-?\\d+)?$`);
        const bad = r.dnsbl_sites.split(/[,; ]+/).filter(Boolean).find((e) => !re.test(e));
        if (bad !== undefined) return paramFail({ dnsbl_sites: `value '${bad}' does not look like a valid dnsbl entry` });
      }
      for (const [k, v] of Object.entries(r)) {
        if (k === 'delete') for (const d of v.split(/[,; ]+/)) delete pmg.mail[d];
        else if (k !== 'digest') pmg.mail[k] = MAIL_PROPS[k] === 'string' ? v : Number(v);
      }
      pmg.synced = false;
      return wrote();
    }
  }
  if (b === 'admin' && !c) {
    const admin = ((pmg as PmgState & { admin?: Record<string, string> }).admin ??= { email: 'admin@domain.tld' });
    if (verb === 'get') {
      const r = parseArgs(rest, {}, []);
      return isErr(r) ? r : done({ ...admin });
    }
    if (verb === 'set') {
      const r = parseArgs(rest, { email: 'string', digest: 'string', delete: 'string', dailyreport: 'bool', statlifetime: 'int', advfilter: 'bool' }, []);
      if (isErr(r)) return r;
      if (r.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(r.email)) return paramFail({ email: `value '${r.email}' does not look like a valid email address` });
      for (const [k, v] of Object.entries(r)) if (k !== 'digest' && k !== 'delete') admin[k] = v;
      pmg.synced = false;
      return wrote();
    }
  }
  if (b === 'domains') {
    if (!c && verb === 'get') return done([...pmg.domains].sort((x, y) => x.domain.localeCompare(y.domain)));
    if (!c && verb === 'create') {
      const r = parseArgs(rest, { domain: 'string', comment: 'string' }, ['domain']);
      if (isErr(r)) return r;
      if (!isDnsName(r.domain as string)) return paramFail({ domain: 'value does not look like a valid transport domain' });
      if (pmg.domains.some((d) => d.domain === r.domain)) return fail(255, `add relay domain failed: Relay domain '${r.domain}' already exists`);
      pmg.domains.push({ domain: r.domain as string, comment: r.comment ?? '' });
      pmg.synced = false;
      return wrote();
    }
    if (c && (verb === 'get' || verb === 'delete')) {
      const i = pmg.domains.findIndex((d) => d.domain === c);
      if (i < 0) return fail(255, `${verb === 'delete' ? 'delete relay domain failed: ' : ''}Relay domain '${c}' does not exist`);
      if (verb === 'get') return done(pmg.domains[i]);
      pmg.domains.splice(i, 1);
      return wrote();
    }
  }
  if (b === 'transport') {
    const props = { host: 'string', port: 'int', protocol: 'string', use_mx: 'bool', comment: 'string' } as const;
    if (!c && verb === 'get') return done([...pmg.transport].sort((x, y) => x.domain.localeCompare(y.domain)));
    if (!c && verb === 'create') {
      const r = parseArgs(rest, { domain: 'string', ...props }, ['domain', 'host']);
      if (isErr(r)) return r;
      const errs: Record<string, string> = {};
      if (!isDnsName((r.domain as string).replace(/^.*@/, '')) ) errs.domain = 'value does not look like a valid transport domain or email address';
      if (!isIPv4(r.host as string) && !isDnsName(r.host as string)) errs.host = 'value does not look like a valid address';
      if (r.port !== undefined && (Number(r.port) < 1 || Number(r.port) > 65535)) errs.port = 'value must have a maximum value of 65535';
      if (r.protocol !== undefined && !['smtp', 'lmtp'].includes(r.protocol)) errs.protocol = `value '${r.protocol}' does not have a value in the enumeration 'smtp, lmtp'`;
      if (Object.keys(errs).length) return paramFail(errs);
      if (pmg.transport.some((t) => t.domain === r.domain)) return fail(255, `add transport map entry failed: Transport map entry '${r.domain}' already exists`);
      pmg.transport.push({ domain: r.domain as string, host: r.host as string, port: Number(r.port ?? 25), protocol: r.protocol ?? 'smtp', use_mx: Number(r.use_mx ?? 1), comment: r.comment ?? '' });
      return wrote();
    }
    if (c) {
      const t = pmg.transport.find((x) => x.domain === c);
      const missing = `Transport map entry '${c}' does not exist`;
      if (verb === 'get') return t ? done(t) : fail(255, missing);
      if (verb === 'delete') {
        if (!t) return fail(255, `delete transport map extry failed: ${missing}`);
        pmg.transport = pmg.transport.filter((x) => x !== t);
        return wrote();
      }
      if (verb === 'set') {
        const r = parseArgs(rest, props, []);
        if (isErr(r)) return r;
        if (!t) return fail(255, `update transport map entry failed: ${missing}`);
        if (!Object.keys(r).length) return fail(255, 'update transport map entry failed: no options specified');
        if (r.host) t.host = r.host;
        if (r.port) t.port = Number(r.port);
        if (r.protocol) t.protocol = r.protocol;
        if (r.use_mx) t.use_mx = Number(r.use_mx);
        if (r.comment !== undefined) t.comment = r.comment;
        return wrote();
      }
    }
  }
  if (b === 'mynetworks') {
    if (!c && verb === 'get') return done([...pmg.mynetworks].sort((x, y) => x.cidr.localeCompare(y.cidr)));
    if (!c && verb === 'create') {
      const r = parseArgs(rest, { cidr: 'string', comment: 'string' }, ['cidr']);
      if (isErr(r)) return r;
      if (!isCidr4(r.cidr as string)) return paramFail({ cidr: `value does not look like a valid CIDR network` });
      if (pmg.mynetworks.some((n) => n.cidr === r.cidr)) return fail(255, `add trusted network failed: trusted network '${r.cidr}' already exists`);
      pmg.mynetworks.push({ cidr: r.cidr as string, comment: r.comment ?? '' });
      return wrote();
    }
    if (c) {
      const cidr = decodeURIComponent(c);
      const n = pmg.mynetworks.find((x) => x.cidr === cidr);
      if (verb === 'get') return n ? done(n) : fail(255, `trusted network '${cidr}' does not exist`);
      if (verb === 'delete') {
        if (!n) return fail(255, `delete trusted network failed: trusted network '${cidr}' does not exist`);
        pmg.mynetworks = pmg.mynetworks.filter((x) => x !== n);
        return wrote();
      }
    }
  }
  return fail(255, `no '${verb}' handler for '${path}'`);
}

export function pmgconfig(args: string[], ctx: CmdCtx): Outcome {
  const pmg = sysGuest(ctx)?.pmg as PmgState;
  const [sub, ...rest] = args;
  if (sub !== 'sync') return fail(255, `unknown command 'pmgconfig ${sub ?? ''}' (simulator models only 'sync')\nUSAGE: pmgconfig <COMMAND> [ARGS] [OPTIONS]`);
  for (let i = 0; i < rest.length; i += 2) {
    if (rest[i] !== '--restart' && rest[i] !== '-restart') return fail(255, `Unknown option: ${String(rest[i]).replace(/^-+/, '')}\n400 unable to parse option\npmgconfig sync  [OPTIONS]`);
    if (!/^(0|1)$/.test(rest[i + 1] ?? '')) return fail(255, `400 Parameter verification failed.\nrestart: type check ('boolean') failed - got '${rest[i + 1] ?? ''}'\n\npmgconfig sync  [OPTIONS]`);
  }
  pmg.synced = true;
  return ok('', { mutated: true, latency: ['pmgconfig sync'] });
}

/** postfix's postconf in the PMG container: `postconf -h myhostname|message_size_limit` as PMG renders main.cf. */
export function pmgPostconf(args: string[], ctx: CmdCtx): Outcome {
  const g = sysGuest(ctx);
  const pmg = g?.pmg;
  if (!g || !pmg) return fail(127, 'postconf: not found');
  const names = args.filter((a) => a !== '-h');
  // pmg-api Config.pm get_host_dns_info: nodename (uname -n) + resolv.conf search domain.
  const node = (g as typeof g & { utsName?: string }).utsName ?? g.config.hostname ?? 'localhost';
  // A custom template in /etc/pmg/templates wins over /var/lib/pmg/templates (Config.pm $tt_include_path);
  // its plain "key = value" lines are what postconf reports after a sync.
  const custom: Record<string, string> = {};
  try {
    const text = readFileSync(fsPath(ctx.dir, '/etc/pmg/templates/main.cf.in', g.vmid), 'utf8');
    for (const line of text.split('\n')) {
      const m = /^([a-z_]+)\s*=\s*(.*)$/.exec(line);
      if (m && !m[2]!.includes('[%')) custom[m[1]!] = m[2]!;
    }
  } catch {
    /* no custom template */
  }
  const known: Record<string, string> = {
    smtp_sasl_auth_enable: 'no',
    smtp_sasl_password_maps: '',
    default_transport: pmg.mail.smarthost ? `smtp:${pmg.mail.smarthost}:${pmg.mail.smarthostport ?? 25}` : 'smtp',
    ...(pmg.synced ? custom : {}),
    myhostname: `${node}.${g.config.searchdomain ?? 'localdomain'}`,
    message_size_limit: String(pmg.mail.maxsize ?? 10485760),
    smtpd_banner: `$myhostname ${pmg.mail.banner ?? 'ESMTP Proxmox'}`,
  };
  const unknown = names.find((n) => !(n in known));
  if (unknown || names.length === 0) return fail(1, `postconf: the simulator models ${Object.keys(known).join(', ')}`);
  return ok(names.map((n) => (args.includes('-h') ? `${known[n]}\n` : `${n} = ${known[n]}\n`)).join(''));
}

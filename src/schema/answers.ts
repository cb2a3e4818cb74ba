// The answers file (SPEC §4). This zod schema is the source of truth: the CLI, the interview
// screens and the generated JSON Schema (schema/answers.schema.json) all come from it.
import { z } from 'zod';
import { isCalendarEvent } from './calendarEvent.js';
import { RELAY_PRESET_KEYS, relayPreset } from '../catalog/relayPresets.js';
import { type DnsProvider, DNS_PROVIDERS, DYNDNS_PROVIDERS, dnsProvider, dyndnsProvider, requiredCredentialKeys, allCredentialKeys } from '../catalog/dnsProviders.js';
import { posix } from 'node:path';
import { domainProblem, ipv4PublicProblem, isIPv4, isNetworkOrBroadcast, publicNameProblem, relayAddressProblem, sameSubnet } from './net.js';
import { forbiddenCharProblem } from './limits.js';
import { relaySpfProblem, SPF_TERM_MAX } from './spf.js';

const HOST_SERIAL = /^[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const LOCAL_PART = /^[a-z0-9]([a-z0-9._+-]{0,62}[a-z0-9])?$/;
const BRIDGE = /^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$/;

/** Field limits (characters). Secrets go into one-line files on the guests; 256 is far above any
 * provider's password or key and keeps hashing and scrubbing cheap. */
export const PASSWORD_MAX = 256;
export const USER_MAX = 256;
export const CREDENTIAL_MAX = 2048;
export const PATH_MAX = 1024;
export const TEXT_MAX = 500;
export const MAILBOXES_MAX = 500;
export const DYNDNS_HOSTS_MAX = 20;

/** A rule's problem: the message says what is wrong and what would be right (shown after the field path). */
const issue = (ctx: z.RefinementCtx, i: { path?: (string | number)[]; message: string }) => ctx.addIssue({ code: 'custom', ...i });

/** One line of visible text, at most `max` characters; `more` adds the field's own checks
 * (kept on the string itself, so the generated JSON Schema shows them too). */
const line = (max: number, more: (s: z.ZodString) => z.ZodString) =>
  more(z.string().max(max, `must be at most ${max} characters`)).superRefine((v, ctx) => {
    const p = forbiddenCharProblem(v);
    if (p) issue(ctx, { message: p });
  });

export const domainSchema = z.string().max(253, 'must be at most 253 characters').trim().toLowerCase().superRefine((v, ctx) => {
  const p = domainProblem(v);
  if (p) issue(ctx, { message: p });
});

export const hostSerialSchema = z
  .string()
  .regex(HOST_SERIAL, 'must be 1-20 lowercase letters, digits or inner hyphens (e.g. lib); it becomes part of the guest names pmg-<serial>, mail-<serial>, dns-<serial>');

const ipv4 = (what: string) =>
  z.string().max(15, `must be an IPv4 address such as 192.168.1.${what}`).trim().refine(isIPv4, { message: `must be an IPv4 address such as 192.168.1.${what}` });

// Secrets end up in one-line files (postfix's SASL map, env files, passwd-files): a line break
// or NUL would split them, and 1-2 character values could not be told apart from other text
// when logs are scrubbed.
const secretText = line(PASSWORD_MAX, (s) => s.min(3, 'must be at least 3 characters'));
/** A file on the machine running the wizard (read and checked when the answers are loaded). */
const secretFilePath = line(PATH_MAX, (s) => s.regex(/^\//, 'must be an absolute path such as /root/relay.pass'));

/** Top-level folders of the host's system: a datastore there (or at one of them) would mix
 * backups with the system or fill it. (/etc covers the cluster file system /etc/pve.) */
const SYSTEM_DIRS = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/root', '/run', '/sbin', '/sys', '/tmp', '/usr', '/var/tmp', '/var/log', '/var/run', '/var/lib/vz'];

/** The folder a path names: `.` and repeated slashes resolved, no trailing slash (except for /). */
const normalPath = (raw: string) => {
  const p = posix.normalize(raw);
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
};

/** Why a PBS datastore path cannot be used, or undefined. `raw` as given, before normalising. */
export function pbsPathProblem(raw: string): string | undefined {
  if (!raw.startsWith('/')) return 'must be an absolute path such as /var/lib/proxmox-backup/datastore';
  if (!/^[A-Za-z0-9._+@/-]+$/.test(raw)) return 'may only hold letters, digits and . _ - + @ / (e.g. /mnt/datastore/backup)';
  if (raw.split('/').includes('..')) return 'must not climb out with ".." (give the folder itself, e.g. /mnt/datastore/backup)';
  const p = normalPath(raw);
  if (p === '/') return 'must not be / (the whole host): give a folder of its own, e.g. /mnt/datastore/backup';
  if (p.split('/').length < 3) return `${p} is a top-level folder; give a folder of its own below it, e.g. ${p}/backup`;
  const sys = SYSTEM_DIRS.find((d) => p === d || p.startsWith(`${d}/`));
  if (sys) return `${p} is inside the system folder ${sys}; give a folder of its own, e.g. /mnt/datastore/backup`;
  return undefined;
}

const pbsPath = z
  .string()
  .max(PATH_MAX, `must be at most ${PATH_MAX} characters`)
  .superRefine((v, ctx) => {
    const p = pbsPathProblem(v);
    if (p) issue(ctx, { message: p });
  })
  .transform(normalPath);

/** Why a relay host name or address can never be a relay, or undefined (site rules are checked
 * with the whole answers). Addresses: four-part IPv4 only; anything else must be a public name
 * (so 127.1, 2130706433 or 0x7f.1, which resolvers read as addresses, are refused as names). */
export function relayHostProblem(host: string): string | undefined {
  if (isIPv4(host)) return relayAddressProblem(host);
  return publicNameProblem(host);
}

export const relaySchema = z
  .strictObject({
    preset: z.enum(RELAY_PRESET_KEYS, { message: `must be one of: ${RELAY_PRESET_KEYS.join(', ')}` }).optional(),
    host: z
      .string()
      .max(253, 'must be at most 253 characters')
      .trim()
      .toLowerCase()
      .regex(HOSTNAME, 'must be a host name such as smtp.sendgrid.net')
      .superRefine((v, ctx) => {
        const p = relayHostProblem(v);
        if (p) issue(ctx, { message: p });
      })
      .optional(),
    port: z.number().int().min(1).max(65535).optional(),
    user: line(USER_MAX, (s) => s.regex(/^[^\s:]+$/, 'must be one word without spaces or colons (e.g. apikey or name@example.com)')).optional(),
    password: secretText.optional(),
    passwordFile: secretFilePath.optional(),
    /** SPF mechanism for a custom relay, e.g. include:_spf.relay.example.net (extension of SPEC §4),
     * parsed by the RFC 7208 grammar (src/schema/spf.ts). */
    spf: z
      .string()
      .max(SPF_TERM_MAX, `must be at most ${SPF_TERM_MAX} characters`)
      .superRefine((v, ctx) => {
        const p = relaySpfProblem(v);
        if (p) issue(ctx, { message: `must be one SPF mechanism such as include:_spf.relay.example.net or ip4:198.51.100.7: ${p}` });
      })
      .optional(),
  })
  .superRefine((r, ctx) => {
    const preset = relayPreset(r.preset);
    if (!r.host && (!preset || preset.host === null)) {
      issue(ctx, { path: ['host'], message: preset ? `is required for preset ${preset.key} (e.g. ${preset.hostHint})` : 'is required (or choose a preset)' });
    }
    if (r.host && preset?.hostPattern && !preset.hostPattern.test(r.host)) {
      issue(ctx, { path: ['host'], message: `does not look like a ${preset.label} endpoint (e.g. ${preset.hostHint})` });
    }
    if (preset?.fixedUser && r.user && r.user !== preset.fixedUser) {
      issue(ctx, { path: ['user'], message: `must be "${preset.fixedUser}" for ${preset.label}` });
    }
    if (r.password !== undefined && r.passwordFile !== undefined) {
      issue(ctx, { path: ['password'], message: 'give either password or passwordFile, not both' });
    }
    const needsAuth = preset ? preset.needsAuth : true;
    const user = r.user ?? preset?.fixedUser;
    if (needsAuth && !user) issue(ctx, { path: ['user'], message: `is required for ${preset?.label ?? 'this relay'} (${preset?.userConvention ?? 'the SMTP login'})` });
    if (user && r.password === undefined && r.passwordFile === undefined) {
      issue(ctx, { path: ['password'], message: 'is required when a relay user is set (or give passwordFile)' });
    }
    if ((!preset || preset.spf === null) && !r.spf) {
      issue(ctx, { path: ['spf'], message: 'is required for a custom relay: the SPF mechanism your provider documents, e.g. include:_spf.relay.example.net' });
    }
  });

export const dnsProviderSchema = z
  .strictObject({
    provider: z.enum(DNS_PROVIDERS.map((p) => p.key) as [string, ...string[]], {
      message: `must be one of: ${DNS_PROVIDERS.map((p) => p.key).join(', ')}`,
    }),
    credentials: z.record(z.string().max(64), line(CREDENTIAL_MAX, (s) => s.min(1, 'must not be empty'))).default({}),
  })
  .superRefine((d, ctx) => {
    const p = dnsProvider(d.provider);
    if (!p) return;
    // lego's keys here; ddns-updater's depend on publicIp and are checked on the whole file.
    for (const key of requiredCredentialKeys(p, { ddns: false })) {
      if (!(key in d.credentials)) issue(ctx, { path: ['credentials', key], message: missingCredential(p, key) });
    }
    const known = new Set(allCredentialKeys(p));
    for (const key of Object.keys(d.credentials)) {
      if (!known.has(key)) {
        issue(ctx, { path: ['credentials', key], message: `is not a ${p.label} credential; expected ${[...known].join(', ')}` });
      }
    }
  });

function missingCredential(p: DnsProvider, key: string, why = ''): string {
  const f = p.credentials.find((c) => c.key === key);
  return `is required for ${p.label}${why} (${f?.label ?? key})`;
}

export const dyndnsSchema = z
  .strictObject({
    provider: z.enum(DYNDNS_PROVIDERS.map((p) => p.key) as [string, ...string[]], {
      message: `must be one of: ${DYNDNS_PROVIDERS.map((p) => p.key).join(', ')}`,
    }),
    username: line(USER_MAX, (s) => s.min(1)).optional(),
    secret: secretText,
    hosts: z
      .array(z.string().max(63).regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)$/, 'must be a single DNS label such as laufentaler'))
      .min(1, 'needs at least one host')
      .max(DYNDNS_HOSTS_MAX, `has at most ${DYNDNS_HOSTS_MAX} hosts`),
    domain: z
      .string()
      .max(253, 'must be at most 253 characters')
      .trim()
      .toLowerCase()
      .regex(HOSTNAME, 'must be the dyndns zone, e.g. ddns.net')
      .superRefine((v, ctx) => {
        const p = publicNameProblem(v);
        if (p) issue(ctx, { message: p });
      }),
  })
  .superRefine((d, ctx) => {
    const p = dyndnsProvider(d.provider);
    if (p?.needsUsername && !d.username) issue(ctx, { path: ['username'], message: `is required for ${p.label}` });
    if (p?.zoneSuffix && d.domain !== p.zoneSuffix) {
      issue(ctx, { path: ['domain'], message: `must be ${p.zoneSuffix} for ${p.label}` });
    }
  });

export const networkSchema = z
  .strictObject({
    bridge: z.string().max(15).regex(BRIDGE, 'must be a Linux bridge name such as vmbr0').default('vmbr0'),
    gateway: ipv4('1'),
    prefixLength: z.number().int().min(8, 'must be between 8 and 30').max(30, 'must be between 8 and 30').default(24),
    pmg: ipv4('60'),
    mail: ipv4('61'),
    dns: ipv4('62'),
  })
  .superRefine((n, ctx) => {
    const roles = ['pmg', 'mail', 'dns'] as const;
    if (![n.gateway, ...roles.map((r) => n[r])].every(isIPv4)) return;
    if (isNetworkOrBroadcast(n.gateway, n.prefixLength)) {
      issue(ctx, { path: ['gateway'], message: `${n.gateway} is the network or broadcast address of /${n.prefixLength}, not a router's address` });
    }
    const seen = new Map<string, string>([[n.gateway, 'gateway']]);
    for (const r of roles) {
      const ip = n[r];
      const other = seen.get(ip);
      if (other) issue(ctx, { path: [r], message: `${ip} is already used by ${other}; every guest needs its own address` });
      seen.set(ip, r);
      if (!sameSubnet(ip, n.gateway, n.prefixLength)) {
        issue(ctx, { path: [r], message: `${ip} is not in the gateway's subnet ${n.gateway}/${n.prefixLength}` });
      } else if (isNetworkOrBroadcast(ip, n.prefixLength)) {
        issue(ctx, { path: [r], message: `${ip} is the network or broadcast address of /${n.prefixLength}` });
      }
    }
  });

const mailboxSchema = z
  .strictObject({
    user: z.string().max(64, 'must be at most 64 characters').trim().toLowerCase().regex(LOCAL_PART, 'must be a mailbox local part such as info or max.muster'),
    password: secretText.optional(),
    passwordFile: secretFilePath.optional(),
  })
  .superRefine((m, ctx) => {
    if (m.password === undefined && m.passwordFile === undefined) issue(ctx, { path: ['password'], message: 'is required (or give passwordFile)' });
    if (m.password !== undefined && m.passwordFile !== undefined) issue(ctx, { path: ['password'], message: 'give either password or passwordFile, not both' });
    if (m.password !== undefined && m.password.length < 10) issue(ctx, { path: ['password'], message: 'must be at least 10 characters' });
  });

export const decisionSchema = z.strictObject({
  /** More than a few hundred messages a day, or deliverability is business-critical. */
  highVolume: z.boolean().default(false),
  /** The customer accepts a third-party relay provider. */
  thirdPartyAllowed: z.boolean().default(true),
  /** Why the technician chose a mode other than the recommendation (kept in the handover). */
  overrideReason: line(TEXT_MAX, (s) => s.min(3, 'must be at least 3 characters')).optional(),
});

const PHONE = /^\+?[0-9][0-9 ()./-]{2,30}$/;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@([^@]+)$/;

export const contactSchema = z
  .strictObject({
    name: line(100, (s) => s.trim().min(2, 'must be at least 2 characters (a person or a company)')),
    phone: line(32, (s) => s.trim().regex(PHONE, 'must be a phone number such as +41 61 555 01 23')).optional(),
    email: z
      .string()
      .max(254, 'must be at most 254 characters')
      .trim()
      .superRefine((v, ctx) => {
        const m = EMAIL.exec(v);
        const p = m ? publicNameProblem(m[1]!) : 'must be an e-mail address such as support@example.net';
        if (p) issue(ctx, { message: m ? `has a domain that cannot receive mail: ${p}` : p });
      })
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (!c.phone && !c.email) issue(ctx, { path: ['phone'], message: 'give a phone number or an e-mail address (or both), so the customer can reach them' });
  });

/** The fields of an answers file, before the cross-field rules (its `.shape` reaches each field). */
/** Retention and schedules of the backups (PVE backup job, PBS garbage collection/prune/verify). */
export const PBS_DEFAULTS = {
  minFreeGiB: 20,
  keep: { daily: 7, weekly: 4, monthly: 6 },
  backupSchedule: '02:30',
  gcSchedule: 'daily',
  pruneSchedule: 'daily',
  verifySchedule: 'sat 04:00',
};

const keepCount = z.number().int().min(0, 'must be 0 or more').max(1000, 'must be at most 1000');
const keepSchema = z
  .strictObject({ last: keepCount.optional(), hourly: keepCount.optional(), daily: keepCount.optional(), weekly: keepCount.optional(), monthly: keepCount.optional(), yearly: keepCount.optional() })
  .refine((k) => Object.values(k).some((v) => (v ?? 0) > 0), 'must keep at least one backup (e.g. daily: 7)');

const calendarEvent = z.string().trim().refine(isCalendarEvent, 'must be a Proxmox calendar event such as 02:30, daily or sat 04:00');

/** `keep-daily=7,keep-weekly=4` (PVE prune-backups) from the answers' keep object. */
export function pruneBackups(keep: Partial<Record<string, number | undefined>>): string {
  return ['last', 'hourly', 'daily', 'weekly', 'monthly', 'yearly'].filter((k) => keep[k] !== undefined).map((k) => `keep-${k}=${keep[k]}`).join(',');
}

export const answersObject = z
  .strictObject({
    domain: domainSchema,
    hostSerial: hostSerialSchema,
    mode: z.enum(['standalone', 'smarthost'], { message: 'must be standalone or smarthost' }),
    relay: relaySchema.optional(),
    publicIp: z.string().max(15, 'must be an IPv4 address such as 203.0.113.7').trim().superRefine((v, ctx) => {
      const p = ipv4PublicProblem(v);
      if (p) issue(ctx, { message: p });
    }).optional(),
    dnsProvider: dnsProviderSchema.optional(),
    dyndns: dyndnsSchema.optional(),
    network: networkSchema,
    mailboxes: z.array(mailboxSchema).min(1, 'needs at least one mailbox (e.g. info)').max(MAILBOXES_MAX, `has at most ${MAILBOXES_MAX} mailboxes`).superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((m, i) => {
        if (seen.has(m.user)) issue(ctx, { path: [i, 'user'], message: `mailbox ${m.user} is listed twice` });
        seen.add(m.user);
      });
    }),
    pbs: z
      .strictObject({
        datastore: z.string().max(32).regex(/^[A-Za-z0-9_][A-Za-z0-9._-]{2,31}$/, 'must be a datastore id of 3 to 32 characters such as backup').default('backup'),
        path: pbsPath.default('/var/lib/proxmox-backup/datastore'),
        /** Free space the datastore's file system must have before it is created. */
        minFreeGiB: z.number().int().min(1, 'must be at least 1 (GiB)').default(PBS_DEFAULTS.minFreeGiB),
        /** How many backups to keep: the backup job's prune-backups and the PBS prune job. */
        keep: keepSchema.default(PBS_DEFAULTS.keep),
        backupSchedule: calendarEvent.default(PBS_DEFAULTS.backupSchedule),
        gcSchedule: calendarEvent.default(PBS_DEFAULTS.gcSchedule),
        pruneSchedule: calendarEvent.default(PBS_DEFAULTS.pruneSchedule),
        verifySchedule: calendarEvent.default(PBS_DEFAULTS.verifySchedule),
      })
      .default({ datastore: 'backup', path: '/var/lib/proxmox-backup/datastore', ...PBS_DEFAULTS }),
    decision: decisionSchema.optional(),
    /** MTA-STS (RFC 8461): start in testing, switch to enforce once TLS-RPT reports are clean. */
    mtaSts: z.strictObject({ mode: z.enum(['testing', 'enforce'], { message: 'must be testing or enforce' }).default('testing') }).optional(),
    /** Sizes of the NixOS VMs' system disks; the restored images are grown to them before first boot. */
    disks: z
      .strictObject({
        mailGb: z.number().int().min(16, 'must be at least 16 (GiB): a rebuild needs a few GiB beside the mail').max(16384).default(64),
        dnsGb: z.number().int().min(8, 'must be at least 8 (GiB): a rebuild needs a few GiB').max(1024).default(16),
      })
      .default({ mailGb: 64, dnsGb: 16 }),
    /** Where the image builder gets Nix's inputs from (defaults: the public NixOS binary cache). */
    images: z
      .strictObject({
        substituter: z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL such as https://cache.nixos.org').default('https://cache.nixos.org'),
        trustedPublicKey: z.string().regex(/^[\w.-]+:[A-Za-z0-9+/]{43}=$/, 'must be a Nix signing key name:base64 such as cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=').default('cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY='),
        /** A flake URL that replaces the locked nixpkgs source (e.g. a local mirror tarball with ?narHash=). */
        nixpkgs: z.string().regex(/^(github:|tarball\+https?:|https?:|git\+https?:|path:)\S+$/, 'must be a flake URL such as tarball+https://mirror.example/nixpkgs.tar.gz?narHash=sha256-…').optional(),
        /** Debian mirror for the builder's apt (Debian 13 "trixie", component main); default: the template's own. */
        debianMirror: z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL of a Debian mirror such as http://deb.debian.org/debian').optional(),
        builderDiskGb: z.number().int().min(20, 'must be at least 20 (GiB): the builder holds the Nix store of both images').max(512).default(40),
      })
      .default({ substituter: 'https://cache.nixos.org', trustedPublicKey: 'cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=', builderDiskGb: 40 }),
    /** Who the customer calls first (the technician or their company); on the handover's first page. */
    contact: contactSchema.optional(),
    /** Who to call when the first contact cannot help; on the handover's first page. */
    escalation: contactSchema.optional(),
  })
  ;

export const answersSchema = answersObject
  .superRefine((a, ctx) => {
    if (a.mode === 'smarthost' && !a.relay) issue(ctx, { path: ['relay'], message: 'is required when mode is smarthost (give preset/host/user/password)' });
    if (a.mode === 'standalone' && a.relay) issue(ctx, { path: ['relay'], message: 'must be absent when mode is standalone (remove it, or set mode: smarthost)' });
    const provider = dnsProvider(a.dnsProvider?.provider);
    if (provider && a.dnsProvider && !a.publicIp) {
      const lego = new Set(requiredCredentialKeys(provider, { ddns: false }));
      for (const key of requiredCredentialKeys(provider, { ddns: true })) {
        if (!lego.has(key) && !(key in a.dnsProvider.credentials)) {
          issue(ctx, { path: ['dnsProvider', 'credentials', key], message: missingCredential(provider, key, ' to keep the A records on a dynamic IP (ddns-updater)') });
        }
      }
    }
    if (a.dyndns && a.publicIp) issue(ctx, { path: ['dyndns'], message: 'is not needed with a static publicIp; remove one of them' });
    const self = a.relay?.host ? relayIsSiteProblem(a.relay.host, a) : undefined;
    if (self) issue(ctx, { path: ['relay', 'host'], message: self });
  });

/** Why a relay host is this site itself, or undefined: the names the site publishes (SPEC §2
 * records: the domain, mail., mx., pmg., mta-sts.), its guests' names and its addresses. */
export function relayIsSiteProblem(host: string, a: { domain: string; hostSerial: string; network: Network; publicIp?: string | undefined }): string | undefined {
  const h = host.trim().toLowerCase();
  const d = a.domain.trim().toLowerCase();
  const names = [d, ...['mail', 'mx', 'pmg', 'mta-sts'].map((l) => `${l}.${d}`)];
  const guests = ['pmg', 'mail', 'dns'].map((r) => `${r}-${a.hostSerial}`);
  if (names.includes(h) || guests.some((g) => h === g || h.startsWith(`${g}.`))) return `${host} is this site itself; a relay must be another host (the mail would loop)`;
  const ips: [string, string | undefined][] = [['pmg', a.network.pmg], ['mail', a.network.mail], ['dns', a.network.dns], ['publicIp', a.publicIp]];
  const same = ips.find(([, ip]) => ip !== undefined && ip.trim() === h);
  if (same) return `${host} is this site's own ${same[0]} address; a relay must be another host (the mail would loop)`;
  return undefined;
}

export type Answers = z.infer<typeof answersSchema>;
export type AnswersInput = z.input<typeof answersSchema>;
export type Relay = z.infer<typeof relaySchema>;
export type Network = z.infer<typeof networkSchema>;
export type DnsProviderAnswer = z.infer<typeof dnsProviderSchema>;
export type DyndnsAnswer = z.infer<typeof dyndnsSchema>;

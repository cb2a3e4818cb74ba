// @ts-nocheck
// The answers file (SPEC §4). This zod schema is the source of truth: the CLI, the interview
// screens and the generated JSON Schema (schema/answers.schema.json) all come from it.
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import { z } from 'zod';
import { isCalendarEvent } from './calendarEvent.js';
import { RELAY_PRESET_KEYS, relayPreset } from '../catalog/relayPresets.js';
import { type DnsProvider, DNS_PROVIDERS, DYNDNS_PROVIDERS, dnsProvider, dyndnsProvider, requiredCredentialKeys, allCredentialKeys } from '../catalog/dnsProviders.js';
import { posix } from 'node:path';
import { domainProblem, ipv4PublicProblem, isIPv4, isNetworkOrBroadcast, publicNameProblem, relayAddressProblem, sameSubnet } from './net.js';
import { forbiddenCharProblem } from './limits.js';
import { relaySpfProblem, SPF_TERM_MAX } from './spf.js';
const HOST_SERIAL = stryMutAct_9fa48("21") ? /^[a-z0-9]([a-z0-9-]{0,18}[^a-z0-9])?$/ : stryMutAct_9fa48("20") ? /^[a-z0-9]([^a-z0-9-]{0,18}[a-z0-9])?$/ : stryMutAct_9fa48("19") ? /^[a-z0-9]([a-z0-9-][a-z0-9])?$/ : stryMutAct_9fa48("18") ? /^[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])$/ : stryMutAct_9fa48("17") ? /^[^a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?$/ : stryMutAct_9fa48("16") ? /^[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?/ : stryMutAct_9fa48("15") ? /[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?$/ : (stryCov_9fa48("15", "16", "17", "18", "19", "20", "21"), /^[a-z0-9]([a-z0-9-]{0,18}[a-z0-9])?$/);
const HOSTNAME = stryMutAct_9fa48("37") ? /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[^a-z0-9])?)*$/i : stryMutAct_9fa48("36") ? /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([^a-z0-9-]{0,61}[a-z0-9])?)*$/i : stryMutAct_9fa48("35") ? /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-][a-z0-9])?)*$/i : stryMutAct_9fa48("34") ? /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9]))*$/i : stryMutAct_9fa48("33") ? /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[^a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i : stryMutAct_9fa48("32") ? /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)$/i : stryMutAct_9fa48("31") ? /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[^a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i : stryMutAct_9fa48("30") ? /^(?=.{1,253}$)([a-z0-9]([^a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i : stryMutAct_9fa48("29") ? /^(?=.{1,253}$)([a-z0-9]([a-z0-9-][a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i : stryMutAct_9fa48("28") ? /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9]))(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i : stryMutAct_9fa48("27") ? /^(?=.{1,253}$)([^a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i : stryMutAct_9fa48("26") ? /^(?=.$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i : stryMutAct_9fa48("25") ? /^(?=.{1,253})([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i : stryMutAct_9fa48("24") ? /^(?!.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i : stryMutAct_9fa48("23") ? /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*/i : stryMutAct_9fa48("22") ? /(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i : (stryCov_9fa48("22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "37"), /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i);
const LOCAL_PART = stryMutAct_9fa48("44") ? /^[a-z0-9]([a-z0-9._+-]{0,62}[^a-z0-9])?$/ : stryMutAct_9fa48("43") ? /^[a-z0-9]([^a-z0-9._+-]{0,62}[a-z0-9])?$/ : stryMutAct_9fa48("42") ? /^[a-z0-9]([a-z0-9._+-][a-z0-9])?$/ : stryMutAct_9fa48("41") ? /^[a-z0-9]([a-z0-9._+-]{0,62}[a-z0-9])$/ : stryMutAct_9fa48("40") ? /^[^a-z0-9]([a-z0-9._+-]{0,62}[a-z0-9])?$/ : stryMutAct_9fa48("39") ? /^[a-z0-9]([a-z0-9._+-]{0,62}[a-z0-9])?/ : stryMutAct_9fa48("38") ? /[a-z0-9]([a-z0-9._+-]{0,62}[a-z0-9])?$/ : (stryCov_9fa48("38", "39", "40", "41", "42", "43", "44"), /^[a-z0-9]([a-z0-9._+-]{0,62}[a-z0-9])?$/);
const BRIDGE = stryMutAct_9fa48("49") ? /^[a-zA-Z][^a-zA-Z0-9_.-]{0,14}$/ : stryMutAct_9fa48("48") ? /^[a-zA-Z][a-zA-Z0-9_.-]$/ : stryMutAct_9fa48("47") ? /^[^a-zA-Z][a-zA-Z0-9_.-]{0,14}$/ : stryMutAct_9fa48("46") ? /^[a-zA-Z][a-zA-Z0-9_.-]{0,14}/ : stryMutAct_9fa48("45") ? /[a-zA-Z][a-zA-Z0-9_.-]{0,14}$/ : (stryCov_9fa48("45", "46", "47", "48", "49"), /^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$/);

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
const issue = stryMutAct_9fa48("50") ? () => undefined : (stryCov_9fa48("50"), (() => {
  const issue = (ctx: z.RefinementCtx, i: {
    path?: (string | number)[];
    message: string;
  }) => ctx.addIssue(stryMutAct_9fa48("51") ? {} : (stryCov_9fa48("51"), {
    code: stryMutAct_9fa48("52") ? "" : (stryCov_9fa48("52"), 'custom'),
    ...i
  }));
  return issue;
})());

/** One line of visible text, at most `max` characters; `more` adds the field's own checks
 * (kept on the string itself, so the generated JSON Schema shows them too). */
const line = stryMutAct_9fa48("53") ? () => undefined : (stryCov_9fa48("53"), (() => {
  const line = (max: number, more: (s: z.ZodString) => z.ZodString) => more(stryMutAct_9fa48("54") ? z.string().min(max, `must be at most ${max} characters`) : (stryCov_9fa48("54"), z.string().max(max, stryMutAct_9fa48("55") ? `` : (stryCov_9fa48("55"), `must be at most ${max} characters`)))).superRefine((v, ctx) => {
    if (stryMutAct_9fa48("56")) {
      {}
    } else {
      stryCov_9fa48("56");
      const p = forbiddenCharProblem(v);
      if (stryMutAct_9fa48("58") ? false : stryMutAct_9fa48("57") ? true : (stryCov_9fa48("57", "58"), p)) issue(ctx, stryMutAct_9fa48("59") ? {} : (stryCov_9fa48("59"), {
        message: p
      }));
    }
  });
  return line;
})());
export const domainSchema = stryMutAct_9fa48("62") ? z.string().min(253, 'must be at most 253 characters').trim().toLowerCase().superRefine((v, ctx) => {
  const p = domainProblem(v);
  if (p) issue(ctx, {
    message: p
  });
}) : stryMutAct_9fa48("61") ? z.string().max(253, 'must be at most 253 characters').toLowerCase().superRefine((v, ctx) => {
  const p = domainProblem(v);
  if (p) issue(ctx, {
    message: p
  });
}) : stryMutAct_9fa48("60") ? z.string().max(253, 'must be at most 253 characters').trim().toUpperCase().superRefine((v, ctx) => {
  const p = domainProblem(v);
  if (p) issue(ctx, {
    message: p
  });
}) : (stryCov_9fa48("60", "61", "62"), z.string().max(253, stryMutAct_9fa48("63") ? "" : (stryCov_9fa48("63"), 'must be at most 253 characters')).trim().toLowerCase().superRefine((v, ctx) => {
  if (stryMutAct_9fa48("64")) {
    {}
  } else {
    stryCov_9fa48("64");
    const p = domainProblem(v);
    if (stryMutAct_9fa48("66") ? false : stryMutAct_9fa48("65") ? true : (stryCov_9fa48("65", "66"), p)) issue(ctx, stryMutAct_9fa48("67") ? {} : (stryCov_9fa48("67"), {
      message: p
    }));
  }
}));
export const hostSerialSchema = z.string().regex(HOST_SERIAL, stryMutAct_9fa48("68") ? "" : (stryCov_9fa48("68"), 'must be 1-20 lowercase letters, digits or inner hyphens (e.g. lib); it becomes part of the guest names pmg-<serial>, mail-<serial>, dns-<serial>'));
const ipv4 = stryMutAct_9fa48("69") ? () => undefined : (stryCov_9fa48("69"), (() => {
  const ipv4 = (what: string) => stryMutAct_9fa48("71") ? z.string().min(15, `must be an IPv4 address such as 192.168.1.${what}`).trim().refine(isIPv4, {
    message: `must be an IPv4 address such as 192.168.1.${what}`
  }) : stryMutAct_9fa48("70") ? z.string().max(15, `must be an IPv4 address such as 192.168.1.${what}`).refine(isIPv4, {
    message: `must be an IPv4 address such as 192.168.1.${what}`
  }) : (stryCov_9fa48("70", "71"), z.string().max(15, stryMutAct_9fa48("72") ? `` : (stryCov_9fa48("72"), `must be an IPv4 address such as 192.168.1.${what}`)).trim().refine(isIPv4, stryMutAct_9fa48("73") ? {} : (stryCov_9fa48("73"), {
    message: stryMutAct_9fa48("74") ? `` : (stryCov_9fa48("74"), `must be an IPv4 address such as 192.168.1.${what}`)
  })));
  return ipv4;
})());

// Secrets end up in one-line files (postfix's SASL map, env files, passwd-files): a line break
// or NUL would split them, and 1-2 character values could not be told apart from other text
// when logs are scrubbed.
const secretText = line(PASSWORD_MAX, stryMutAct_9fa48("75") ? () => undefined : (stryCov_9fa48("75"), s => stryMutAct_9fa48("76") ? s.max(3, 'must be at least 3 characters') : (stryCov_9fa48("76"), s.min(3, stryMutAct_9fa48("77") ? "" : (stryCov_9fa48("77"), 'must be at least 3 characters')))));
/** A file on the machine running the wizard (read and checked when the answers are loaded). */
const secretFilePath = line(PATH_MAX, stryMutAct_9fa48("78") ? () => undefined : (stryCov_9fa48("78"), s => s.regex(stryMutAct_9fa48("79") ? /\// : (stryCov_9fa48("79"), /^\//), stryMutAct_9fa48("80") ? "" : (stryCov_9fa48("80"), 'must be an absolute path such as /root/relay.pass'))));

/** Top-level folders of the host's system: a datastore there (or at one of them) would mix
 * backups with the system or fill it. (/etc covers the cluster file system /etc/pve.) */
const SYSTEM_DIRS = stryMutAct_9fa48("81") ? [] : (stryCov_9fa48("81"), [stryMutAct_9fa48("82") ? "" : (stryCov_9fa48("82"), '/bin'), stryMutAct_9fa48("83") ? "" : (stryCov_9fa48("83"), '/boot'), stryMutAct_9fa48("84") ? "" : (stryCov_9fa48("84"), '/dev'), stryMutAct_9fa48("85") ? "" : (stryCov_9fa48("85"), '/etc'), stryMutAct_9fa48("86") ? "" : (stryCov_9fa48("86"), '/lib'), stryMutAct_9fa48("87") ? "" : (stryCov_9fa48("87"), '/lib32'), stryMutAct_9fa48("88") ? "" : (stryCov_9fa48("88"), '/lib64'), stryMutAct_9fa48("89") ? "" : (stryCov_9fa48("89"), '/libx32'), stryMutAct_9fa48("90") ? "" : (stryCov_9fa48("90"), '/proc'), stryMutAct_9fa48("91") ? "" : (stryCov_9fa48("91"), '/root'), stryMutAct_9fa48("92") ? "" : (stryCov_9fa48("92"), '/run'), stryMutAct_9fa48("93") ? "" : (stryCov_9fa48("93"), '/sbin'), stryMutAct_9fa48("94") ? "" : (stryCov_9fa48("94"), '/sys'), stryMutAct_9fa48("95") ? "" : (stryCov_9fa48("95"), '/tmp'), stryMutAct_9fa48("96") ? "" : (stryCov_9fa48("96"), '/usr'), stryMutAct_9fa48("97") ? "" : (stryCov_9fa48("97"), '/var/tmp'), stryMutAct_9fa48("98") ? "" : (stryCov_9fa48("98"), '/var/log'), stryMutAct_9fa48("99") ? "" : (stryCov_9fa48("99"), '/var/run'), stryMutAct_9fa48("100") ? "" : (stryCov_9fa48("100"), '/var/lib/vz')]);

/** The folder a path names: `.` and repeated slashes resolved, no trailing slash (except for /). */
const normalPath = (raw: string) => {
  if (stryMutAct_9fa48("101")) {
    {}
  } else {
    stryCov_9fa48("101");
    const p = posix.normalize(raw);
    return (stryMutAct_9fa48("104") ? p.length > 1 || p.endsWith('/') : stryMutAct_9fa48("103") ? false : stryMutAct_9fa48("102") ? true : (stryCov_9fa48("102", "103", "104"), (stryMutAct_9fa48("107") ? p.length <= 1 : stryMutAct_9fa48("106") ? p.length >= 1 : stryMutAct_9fa48("105") ? true : (stryCov_9fa48("105", "106", "107"), p.length > 1)) && (stryMutAct_9fa48("108") ? p.startsWith('/') : (stryCov_9fa48("108"), p.endsWith(stryMutAct_9fa48("109") ? "" : (stryCov_9fa48("109"), '/')))))) ? stryMutAct_9fa48("110") ? p : (stryCov_9fa48("110"), p.slice(0, stryMutAct_9fa48("111") ? +1 : (stryCov_9fa48("111"), -1))) : p;
  }
};

/** Why a PBS datastore path cannot be used, or undefined. `raw` as given, before normalising. */
export function pbsPathProblem(raw: string): string | undefined {
  if (stryMutAct_9fa48("112")) {
    {}
  } else {
    stryCov_9fa48("112");
    if (stryMutAct_9fa48("115") ? false : stryMutAct_9fa48("114") ? true : stryMutAct_9fa48("113") ? raw.startsWith('/') : (stryCov_9fa48("113", "114", "115"), !(stryMutAct_9fa48("116") ? raw.endsWith('/') : (stryCov_9fa48("116"), raw.startsWith(stryMutAct_9fa48("117") ? "" : (stryCov_9fa48("117"), '/')))))) return stryMutAct_9fa48("118") ? "" : (stryCov_9fa48("118"), 'must be an absolute path such as /var/lib/proxmox-backup/datastore');
    if (stryMutAct_9fa48("121") ? false : stryMutAct_9fa48("120") ? true : stryMutAct_9fa48("119") ? /^[A-Za-z0-9._+@/-]+$/.test(raw) : (stryCov_9fa48("119", "120", "121"), !(stryMutAct_9fa48("125") ? /^[^A-Za-z0-9._+@/-]+$/ : stryMutAct_9fa48("124") ? /^[A-Za-z0-9._+@/-]$/ : stryMutAct_9fa48("123") ? /^[A-Za-z0-9._+@/-]+/ : stryMutAct_9fa48("122") ? /[A-Za-z0-9._+@/-]+$/ : (stryCov_9fa48("122", "123", "124", "125"), /^[A-Za-z0-9._+@/-]+$/)).test(raw))) return stryMutAct_9fa48("126") ? "" : (stryCov_9fa48("126"), 'may only hold letters, digits and . _ - + @ / (e.g. /mnt/datastore/backup)');
    if (stryMutAct_9fa48("128") ? false : stryMutAct_9fa48("127") ? true : (stryCov_9fa48("127", "128"), raw.split(stryMutAct_9fa48("129") ? "" : (stryCov_9fa48("129"), '/')).includes(stryMutAct_9fa48("130") ? "" : (stryCov_9fa48("130"), '..')))) return stryMutAct_9fa48("131") ? "" : (stryCov_9fa48("131"), 'must not climb out with ".." (give the folder itself, e.g. /mnt/datastore/backup)');
    const p = normalPath(raw);
    if (stryMutAct_9fa48("134") ? p !== '/' : stryMutAct_9fa48("133") ? false : stryMutAct_9fa48("132") ? true : (stryCov_9fa48("132", "133", "134"), p === (stryMutAct_9fa48("135") ? "" : (stryCov_9fa48("135"), '/')))) return stryMutAct_9fa48("136") ? "" : (stryCov_9fa48("136"), 'must not be / (the whole host): give a folder of its own, e.g. /mnt/datastore/backup');
    if (stryMutAct_9fa48("140") ? p.split('/').length >= 3 : stryMutAct_9fa48("139") ? p.split('/').length <= 3 : stryMutAct_9fa48("138") ? false : stryMutAct_9fa48("137") ? true : (stryCov_9fa48("137", "138", "139", "140"), p.split(stryMutAct_9fa48("141") ? "" : (stryCov_9fa48("141"), '/')).length < 3)) return stryMutAct_9fa48("142") ? `` : (stryCov_9fa48("142"), `${p} is a top-level folder; give a folder of its own below it, e.g. ${p}/backup`);
    const sys = SYSTEM_DIRS.find(stryMutAct_9fa48("143") ? () => undefined : (stryCov_9fa48("143"), d => stryMutAct_9fa48("146") ? p === d && p.startsWith(`${d}/`) : stryMutAct_9fa48("145") ? false : stryMutAct_9fa48("144") ? true : (stryCov_9fa48("144", "145", "146"), (stryMutAct_9fa48("148") ? p !== d : stryMutAct_9fa48("147") ? false : (stryCov_9fa48("147", "148"), p === d)) || (stryMutAct_9fa48("149") ? p.endsWith(`${d}/`) : (stryCov_9fa48("149"), p.startsWith(stryMutAct_9fa48("150") ? `` : (stryCov_9fa48("150"), `${d}/`)))))));
    if (stryMutAct_9fa48("152") ? false : stryMutAct_9fa48("151") ? true : (stryCov_9fa48("151", "152"), sys)) return stryMutAct_9fa48("153") ? `` : (stryCov_9fa48("153"), `${p} is inside the system folder ${sys}; give a folder of its own, e.g. /mnt/datastore/backup`);
    return undefined;
  }
}
const pbsPath = stryMutAct_9fa48("154") ? z.string().min(PATH_MAX, `must be at most ${PATH_MAX} characters`).superRefine((v, ctx) => {
  const p = pbsPathProblem(v);
  if (p) issue(ctx, {
    message: p
  });
}).transform(normalPath) : (stryCov_9fa48("154"), z.string().max(PATH_MAX, stryMutAct_9fa48("155") ? `` : (stryCov_9fa48("155"), `must be at most ${PATH_MAX} characters`)).superRefine((v, ctx) => {
  if (stryMutAct_9fa48("156")) {
    {}
  } else {
    stryCov_9fa48("156");
    const p = pbsPathProblem(v);
    if (stryMutAct_9fa48("158") ? false : stryMutAct_9fa48("157") ? true : (stryCov_9fa48("157", "158"), p)) issue(ctx, stryMutAct_9fa48("159") ? {} : (stryCov_9fa48("159"), {
      message: p
    }));
  }
}).transform(normalPath));

/** Why a relay host name or address can never be a relay, or undefined (site rules are checked
 * with the whole answers). Addresses: four-part IPv4 only; anything else must be a public name
 * (so 127.1, 2130706433 or 0x7f.1, which resolvers read as addresses, are refused as names). */
export function relayHostProblem(host: string): string | undefined {
  if (stryMutAct_9fa48("160")) {
    {}
  } else {
    stryCov_9fa48("160");
    if (stryMutAct_9fa48("162") ? false : stryMutAct_9fa48("161") ? true : (stryCov_9fa48("161", "162"), isIPv4(host))) return relayAddressProblem(host);
    return publicNameProblem(host);
  }
}
export const relaySchema = z.strictObject(stryMutAct_9fa48("163") ? {} : (stryCov_9fa48("163"), {
  preset: z.enum(RELAY_PRESET_KEYS, stryMutAct_9fa48("164") ? {} : (stryCov_9fa48("164"), {
    message: stryMutAct_9fa48("165") ? `` : (stryCov_9fa48("165"), `must be one of: ${RELAY_PRESET_KEYS.join(stryMutAct_9fa48("166") ? "" : (stryCov_9fa48("166"), ', '))}`)
  })).optional(),
  host: stryMutAct_9fa48("169") ? z.string().min(253, 'must be at most 253 characters').trim().toLowerCase().regex(HOSTNAME, 'must be a host name such as smtp.sendgrid.net').superRefine((v, ctx) => {
    const p = relayHostProblem(v);
    if (p) issue(ctx, {
      message: p
    });
  }).optional() : stryMutAct_9fa48("168") ? z.string().max(253, 'must be at most 253 characters').toLowerCase().regex(HOSTNAME, 'must be a host name such as smtp.sendgrid.net').superRefine((v, ctx) => {
    const p = relayHostProblem(v);
    if (p) issue(ctx, {
      message: p
    });
  }).optional() : stryMutAct_9fa48("167") ? z.string().max(253, 'must be at most 253 characters').trim().toUpperCase().regex(HOSTNAME, 'must be a host name such as smtp.sendgrid.net').superRefine((v, ctx) => {
    const p = relayHostProblem(v);
    if (p) issue(ctx, {
      message: p
    });
  }).optional() : (stryCov_9fa48("167", "168", "169"), z.string().max(253, stryMutAct_9fa48("170") ? "" : (stryCov_9fa48("170"), 'must be at most 253 characters')).trim().toLowerCase().regex(HOSTNAME, stryMutAct_9fa48("171") ? "" : (stryCov_9fa48("171"), 'must be a host name such as smtp.sendgrid.net')).superRefine((v, ctx) => {
    if (stryMutAct_9fa48("172")) {
      {}
    } else {
      stryCov_9fa48("172");
      const p = relayHostProblem(v);
      if (stryMutAct_9fa48("174") ? false : stryMutAct_9fa48("173") ? true : (stryCov_9fa48("173", "174"), p)) issue(ctx, stryMutAct_9fa48("175") ? {} : (stryCov_9fa48("175"), {
        message: p
      }));
    }
  }).optional()),
  port: stryMutAct_9fa48("177") ? z.number().int().max(1).max(65535).optional() : stryMutAct_9fa48("176") ? z.number().int().min(1).min(65535).optional() : (stryCov_9fa48("176", "177"), z.number().int().min(1).max(65535).optional()),
  user: line(USER_MAX, stryMutAct_9fa48("178") ? () => undefined : (stryCov_9fa48("178"), s => s.regex(stryMutAct_9fa48("183") ? /^[^\S:]+$/ : stryMutAct_9fa48("182") ? /^[\s:]+$/ : stryMutAct_9fa48("181") ? /^[^\s:]$/ : stryMutAct_9fa48("180") ? /^[^\s:]+/ : stryMutAct_9fa48("179") ? /[^\s:]+$/ : (stryCov_9fa48("179", "180", "181", "182", "183"), /^[^\s:]+$/), stryMutAct_9fa48("184") ? "" : (stryCov_9fa48("184"), 'must be one word without spaces or colons (e.g. apikey or name@example.com)')))).optional(),
  password: secretText.optional(),
  passwordFile: secretFilePath.optional(),
  /** SPF mechanism for a custom relay, e.g. include:_spf.relay.example.net (extension of SPEC §4),
   * parsed by the RFC 7208 grammar (src/schema/spf.ts). */
  spf: stryMutAct_9fa48("185") ? z.string().min(SPF_TERM_MAX, `must be at most ${SPF_TERM_MAX} characters`).superRefine((v, ctx) => {
    const p = relaySpfProblem(v);
    if (p) issue(ctx, {
      message: `must be one SPF mechanism such as include:_spf.relay.example.net or ip4:198.51.100.7: ${p}`
    });
  }).optional() : (stryCov_9fa48("185"), z.string().max(SPF_TERM_MAX, stryMutAct_9fa48("186") ? `` : (stryCov_9fa48("186"), `must be at most ${SPF_TERM_MAX} characters`)).superRefine((v, ctx) => {
    if (stryMutAct_9fa48("187")) {
      {}
    } else {
      stryCov_9fa48("187");
      const p = relaySpfProblem(v);
      if (stryMutAct_9fa48("189") ? false : stryMutAct_9fa48("188") ? true : (stryCov_9fa48("188", "189"), p)) issue(ctx, stryMutAct_9fa48("190") ? {} : (stryCov_9fa48("190"), {
        message: stryMutAct_9fa48("191") ? `` : (stryCov_9fa48("191"), `must be one SPF mechanism such as include:_spf.relay.example.net or ip4:198.51.100.7: ${p}`)
      }));
    }
  }).optional())
})).superRefine((r, ctx) => {
  if (stryMutAct_9fa48("192")) {
    {}
  } else {
    stryCov_9fa48("192");
    const preset = relayPreset(r.preset);
    if (stryMutAct_9fa48("195") ? !r.host || !preset || preset.host === null : stryMutAct_9fa48("194") ? false : stryMutAct_9fa48("193") ? true : (stryCov_9fa48("193", "194", "195"), (stryMutAct_9fa48("196") ? r.host : (stryCov_9fa48("196"), !r.host)) && (stryMutAct_9fa48("198") ? !preset && preset.host === null : stryMutAct_9fa48("197") ? true : (stryCov_9fa48("197", "198"), (stryMutAct_9fa48("199") ? preset : (stryCov_9fa48("199"), !preset)) || (stryMutAct_9fa48("201") ? preset.host !== null : stryMutAct_9fa48("200") ? false : (stryCov_9fa48("200", "201"), preset.host === null)))))) {
      if (stryMutAct_9fa48("202")) {
        {}
      } else {
        stryCov_9fa48("202");
        issue(ctx, stryMutAct_9fa48("203") ? {} : (stryCov_9fa48("203"), {
          path: stryMutAct_9fa48("204") ? [] : (stryCov_9fa48("204"), [stryMutAct_9fa48("205") ? "" : (stryCov_9fa48("205"), 'host')]),
          message: preset ? stryMutAct_9fa48("206") ? `` : (stryCov_9fa48("206"), `is required for preset ${preset.key} (e.g. ${preset.hostHint})`) : stryMutAct_9fa48("207") ? "" : (stryCov_9fa48("207"), 'is required (or choose a preset)')
        }));
      }
    }
    if (stryMutAct_9fa48("210") ? r.host && preset?.hostPattern || !preset.hostPattern.test(r.host) : stryMutAct_9fa48("209") ? false : stryMutAct_9fa48("208") ? true : (stryCov_9fa48("208", "209", "210"), (stryMutAct_9fa48("212") ? r.host || preset?.hostPattern : stryMutAct_9fa48("211") ? true : (stryCov_9fa48("211", "212"), r.host && (stryMutAct_9fa48("213") ? preset.hostPattern : (stryCov_9fa48("213"), preset?.hostPattern)))) && (stryMutAct_9fa48("214") ? preset.hostPattern.test(r.host) : (stryCov_9fa48("214"), !preset.hostPattern.test(r.host))))) {
      if (stryMutAct_9fa48("215")) {
        {}
      } else {
        stryCov_9fa48("215");
        issue(ctx, stryMutAct_9fa48("216") ? {} : (stryCov_9fa48("216"), {
          path: stryMutAct_9fa48("217") ? [] : (stryCov_9fa48("217"), [stryMutAct_9fa48("218") ? "" : (stryCov_9fa48("218"), 'host')]),
          message: stryMutAct_9fa48("219") ? `` : (stryCov_9fa48("219"), `does not look like a ${preset.label} endpoint (e.g. ${preset.hostHint})`)
        }));
      }
    }
    if (stryMutAct_9fa48("222") ? preset?.fixedUser && r.user || r.user !== preset.fixedUser : stryMutAct_9fa48("221") ? false : stryMutAct_9fa48("220") ? true : (stryCov_9fa48("220", "221", "222"), (stryMutAct_9fa48("224") ? preset?.fixedUser || r.user : stryMutAct_9fa48("223") ? true : (stryCov_9fa48("223", "224"), (stryMutAct_9fa48("225") ? preset.fixedUser : (stryCov_9fa48("225"), preset?.fixedUser)) && r.user)) && (stryMutAct_9fa48("227") ? r.user === preset.fixedUser : stryMutAct_9fa48("226") ? true : (stryCov_9fa48("226", "227"), r.user !== preset.fixedUser)))) {
      if (stryMutAct_9fa48("228")) {
        {}
      } else {
        stryCov_9fa48("228");
        issue(ctx, stryMutAct_9fa48("229") ? {} : (stryCov_9fa48("229"), {
          path: stryMutAct_9fa48("230") ? [] : (stryCov_9fa48("230"), [stryMutAct_9fa48("231") ? "" : (stryCov_9fa48("231"), 'user')]),
          message: stryMutAct_9fa48("232") ? `` : (stryCov_9fa48("232"), `must be "${preset.fixedUser}" for ${preset.label}`)
        }));
      }
    }
    if (stryMutAct_9fa48("235") ? r.password !== undefined || r.passwordFile !== undefined : stryMutAct_9fa48("234") ? false : stryMutAct_9fa48("233") ? true : (stryCov_9fa48("233", "234", "235"), (stryMutAct_9fa48("237") ? r.password === undefined : stryMutAct_9fa48("236") ? true : (stryCov_9fa48("236", "237"), r.password !== undefined)) && (stryMutAct_9fa48("239") ? r.passwordFile === undefined : stryMutAct_9fa48("238") ? true : (stryCov_9fa48("238", "239"), r.passwordFile !== undefined)))) {
      if (stryMutAct_9fa48("240")) {
        {}
      } else {
        stryCov_9fa48("240");
        issue(ctx, stryMutAct_9fa48("241") ? {} : (stryCov_9fa48("241"), {
          path: stryMutAct_9fa48("242") ? [] : (stryCov_9fa48("242"), [stryMutAct_9fa48("243") ? "" : (stryCov_9fa48("243"), 'password')]),
          message: stryMutAct_9fa48("244") ? "" : (stryCov_9fa48("244"), 'give either password or passwordFile, not both')
        }));
      }
    }
    const needsAuth = preset ? preset.needsAuth : stryMutAct_9fa48("245") ? false : (stryCov_9fa48("245"), true);
    const user = stryMutAct_9fa48("246") ? r.user && preset?.fixedUser : (stryCov_9fa48("246"), r.user ?? (stryMutAct_9fa48("247") ? preset.fixedUser : (stryCov_9fa48("247"), preset?.fixedUser)));
    if (stryMutAct_9fa48("250") ? needsAuth || !user : stryMutAct_9fa48("249") ? false : stryMutAct_9fa48("248") ? true : (stryCov_9fa48("248", "249", "250"), needsAuth && (stryMutAct_9fa48("251") ? user : (stryCov_9fa48("251"), !user)))) issue(ctx, stryMutAct_9fa48("252") ? {} : (stryCov_9fa48("252"), {
      path: stryMutAct_9fa48("253") ? [] : (stryCov_9fa48("253"), [stryMutAct_9fa48("254") ? "" : (stryCov_9fa48("254"), 'user')]),
      message: stryMutAct_9fa48("255") ? `` : (stryCov_9fa48("255"), `is required for ${stryMutAct_9fa48("256") ? preset?.label && 'this relay' : (stryCov_9fa48("256"), (stryMutAct_9fa48("257") ? preset.label : (stryCov_9fa48("257"), preset?.label)) ?? (stryMutAct_9fa48("258") ? "" : (stryCov_9fa48("258"), 'this relay')))} (${stryMutAct_9fa48("259") ? preset?.userConvention && 'the SMTP login' : (stryCov_9fa48("259"), (stryMutAct_9fa48("260") ? preset.userConvention : (stryCov_9fa48("260"), preset?.userConvention)) ?? (stryMutAct_9fa48("261") ? "" : (stryCov_9fa48("261"), 'the SMTP login')))})`)
    }));
    if (stryMutAct_9fa48("264") ? user && r.password === undefined || r.passwordFile === undefined : stryMutAct_9fa48("263") ? false : stryMutAct_9fa48("262") ? true : (stryCov_9fa48("262", "263", "264"), (stryMutAct_9fa48("266") ? user || r.password === undefined : stryMutAct_9fa48("265") ? true : (stryCov_9fa48("265", "266"), user && (stryMutAct_9fa48("268") ? r.password !== undefined : stryMutAct_9fa48("267") ? true : (stryCov_9fa48("267", "268"), r.password === undefined)))) && (stryMutAct_9fa48("270") ? r.passwordFile !== undefined : stryMutAct_9fa48("269") ? true : (stryCov_9fa48("269", "270"), r.passwordFile === undefined)))) {
      if (stryMutAct_9fa48("271")) {
        {}
      } else {
        stryCov_9fa48("271");
        issue(ctx, stryMutAct_9fa48("272") ? {} : (stryCov_9fa48("272"), {
          path: stryMutAct_9fa48("273") ? [] : (stryCov_9fa48("273"), [stryMutAct_9fa48("274") ? "" : (stryCov_9fa48("274"), 'password')]),
          message: stryMutAct_9fa48("275") ? "" : (stryCov_9fa48("275"), 'is required when a relay user is set (or give passwordFile)')
        }));
      }
    }
    if (stryMutAct_9fa48("278") ? !preset || preset.spf === null || !r.spf : stryMutAct_9fa48("277") ? false : stryMutAct_9fa48("276") ? true : (stryCov_9fa48("276", "277", "278"), (stryMutAct_9fa48("280") ? !preset && preset.spf === null : stryMutAct_9fa48("279") ? true : (stryCov_9fa48("279", "280"), (stryMutAct_9fa48("281") ? preset : (stryCov_9fa48("281"), !preset)) || (stryMutAct_9fa48("283") ? preset.spf !== null : stryMutAct_9fa48("282") ? false : (stryCov_9fa48("282", "283"), preset.spf === null)))) && (stryMutAct_9fa48("284") ? r.spf : (stryCov_9fa48("284"), !r.spf)))) {
      if (stryMutAct_9fa48("285")) {
        {}
      } else {
        stryCov_9fa48("285");
        issue(ctx, stryMutAct_9fa48("286") ? {} : (stryCov_9fa48("286"), {
          path: stryMutAct_9fa48("287") ? [] : (stryCov_9fa48("287"), [stryMutAct_9fa48("288") ? "" : (stryCov_9fa48("288"), 'spf')]),
          message: stryMutAct_9fa48("289") ? "" : (stryCov_9fa48("289"), 'is required for a custom relay: the SPF mechanism your provider documents, e.g. include:_spf.relay.example.net')
        }));
      }
    }
  }
});
export const dnsProviderSchema = z.strictObject(stryMutAct_9fa48("290") ? {} : (stryCov_9fa48("290"), {
  provider: z.enum(DNS_PROVIDERS.map(p => p.key) as [string, ...string[]], stryMutAct_9fa48("291") ? {} : (stryCov_9fa48("291"), {
    message: stryMutAct_9fa48("292") ? `` : (stryCov_9fa48("292"), `must be one of: ${DNS_PROVIDERS.map(stryMutAct_9fa48("293") ? () => undefined : (stryCov_9fa48("293"), p => p.key)).join(stryMutAct_9fa48("294") ? "" : (stryCov_9fa48("294"), ', '))}`)
  })),
  credentials: z.record(stryMutAct_9fa48("295") ? z.string().min(64) : (stryCov_9fa48("295"), z.string().max(64)), line(CREDENTIAL_MAX, stryMutAct_9fa48("296") ? () => undefined : (stryCov_9fa48("296"), s => stryMutAct_9fa48("297") ? s.max(1, 'must not be empty') : (stryCov_9fa48("297"), s.min(1, stryMutAct_9fa48("298") ? "" : (stryCov_9fa48("298"), 'must not be empty')))))).default({})
})).superRefine((d, ctx) => {
  if (stryMutAct_9fa48("299")) {
    {}
  } else {
    stryCov_9fa48("299");
    const p = dnsProvider(d.provider);
    if (stryMutAct_9fa48("302") ? false : stryMutAct_9fa48("301") ? true : stryMutAct_9fa48("300") ? p : (stryCov_9fa48("300", "301", "302"), !p)) return;
    // lego's keys here; ddns-updater's depend on publicIp and are checked on the whole file.
    for (const key of requiredCredentialKeys(p, stryMutAct_9fa48("303") ? {} : (stryCov_9fa48("303"), {
      ddns: stryMutAct_9fa48("304") ? true : (stryCov_9fa48("304"), false)
    }))) {
      if (stryMutAct_9fa48("305")) {
        {}
      } else {
        stryCov_9fa48("305");
        if (stryMutAct_9fa48("308") ? false : stryMutAct_9fa48("307") ? true : stryMutAct_9fa48("306") ? key in d.credentials : (stryCov_9fa48("306", "307", "308"), !(key in d.credentials))) issue(ctx, stryMutAct_9fa48("309") ? {} : (stryCov_9fa48("309"), {
          path: stryMutAct_9fa48("310") ? [] : (stryCov_9fa48("310"), [stryMutAct_9fa48("311") ? "" : (stryCov_9fa48("311"), 'credentials'), key]),
          message: missingCredential(p, key)
        }));
      }
    }
    const known = new Set(allCredentialKeys(p));
    for (const key of Object.keys(d.credentials)) {
      if (stryMutAct_9fa48("312")) {
        {}
      } else {
        stryCov_9fa48("312");
        if (stryMutAct_9fa48("315") ? false : stryMutAct_9fa48("314") ? true : stryMutAct_9fa48("313") ? known.has(key) : (stryCov_9fa48("313", "314", "315"), !known.has(key))) {
          if (stryMutAct_9fa48("316")) {
            {}
          } else {
            stryCov_9fa48("316");
            issue(ctx, stryMutAct_9fa48("317") ? {} : (stryCov_9fa48("317"), {
              path: stryMutAct_9fa48("318") ? [] : (stryCov_9fa48("318"), [stryMutAct_9fa48("319") ? "" : (stryCov_9fa48("319"), 'credentials'), key]),
              message: stryMutAct_9fa48("320") ? `` : (stryCov_9fa48("320"), `is not a ${p.label} credential; expected ${(stryMutAct_9fa48("321") ? [] : (stryCov_9fa48("321"), [...known])).join(stryMutAct_9fa48("322") ? "" : (stryCov_9fa48("322"), ', '))}`)
            }));
          }
        }
      }
    }
  }
});
function missingCredential(p: DnsProvider, key: string, why = stryMutAct_9fa48("323") ? "Stryker was here!" : (stryCov_9fa48("323"), '')): string {
  if (stryMutAct_9fa48("324")) {
    {}
  } else {
    stryCov_9fa48("324");
    const f = p.credentials.find(stryMutAct_9fa48("325") ? () => undefined : (stryCov_9fa48("325"), c => stryMutAct_9fa48("328") ? c.key !== key : stryMutAct_9fa48("327") ? false : stryMutAct_9fa48("326") ? true : (stryCov_9fa48("326", "327", "328"), c.key === key)));
    return stryMutAct_9fa48("329") ? `` : (stryCov_9fa48("329"), `is required for ${p.label}${why} (${stryMutAct_9fa48("330") ? f?.label && key : (stryCov_9fa48("330"), (stryMutAct_9fa48("331") ? f.label : (stryCov_9fa48("331"), f?.label)) ?? key)})`);
  }
}
export const dyndnsSchema = z.strictObject(stryMutAct_9fa48("332") ? {} : (stryCov_9fa48("332"), {
  provider: z.enum(DYNDNS_PROVIDERS.map(p => p.key) as [string, ...string[]], stryMutAct_9fa48("333") ? {} : (stryCov_9fa48("333"), {
    message: stryMutAct_9fa48("334") ? `` : (stryCov_9fa48("334"), `must be one of: ${DYNDNS_PROVIDERS.map(stryMutAct_9fa48("335") ? () => undefined : (stryCov_9fa48("335"), p => p.key)).join(stryMutAct_9fa48("336") ? "" : (stryCov_9fa48("336"), ', '))}`)
  })),
  username: line(USER_MAX, stryMutAct_9fa48("337") ? () => undefined : (stryCov_9fa48("337"), s => stryMutAct_9fa48("338") ? s.max(1) : (stryCov_9fa48("338"), s.min(1)))).optional(),
  secret: secretText,
  hosts: stryMutAct_9fa48("340") ? z.array(z.string().max(63).regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)$/, 'must be a single DNS label such as laufentaler')).max(1, 'needs at least one host').max(DYNDNS_HOSTS_MAX, `has at most ${DYNDNS_HOSTS_MAX} hosts`) : stryMutAct_9fa48("339") ? z.array(z.string().max(63).regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)$/, 'must be a single DNS label such as laufentaler')).min(1, 'needs at least one host').min(DYNDNS_HOSTS_MAX, `has at most ${DYNDNS_HOSTS_MAX} hosts`) : (stryCov_9fa48("339", "340"), z.array(stryMutAct_9fa48("341") ? z.string().min(63).regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)$/, 'must be a single DNS label such as laufentaler') : (stryCov_9fa48("341"), z.string().max(63).regex(stryMutAct_9fa48("347") ? /^(?!-)[a-z0-9-]{1,63}(?<=-)$/ : stryMutAct_9fa48("346") ? /^(?!-)[^a-z0-9-]{1,63}(?<!-)$/ : stryMutAct_9fa48("345") ? /^(?!-)[a-z0-9-](?<!-)$/ : stryMutAct_9fa48("344") ? /^(?=-)[a-z0-9-]{1,63}(?<!-)$/ : stryMutAct_9fa48("343") ? /^(?!-)[a-z0-9-]{1,63}(?<!-)/ : stryMutAct_9fa48("342") ? /(?!-)[a-z0-9-]{1,63}(?<!-)$/ : (stryCov_9fa48("342", "343", "344", "345", "346", "347"), /^(?!-)[a-z0-9-]{1,63}(?<!-)$/), stryMutAct_9fa48("348") ? "" : (stryCov_9fa48("348"), 'must be a single DNS label such as laufentaler')))).min(1, stryMutAct_9fa48("349") ? "" : (stryCov_9fa48("349"), 'needs at least one host')).max(DYNDNS_HOSTS_MAX, stryMutAct_9fa48("350") ? `` : (stryCov_9fa48("350"), `has at most ${DYNDNS_HOSTS_MAX} hosts`))),
  domain: stryMutAct_9fa48("353") ? z.string().min(253, 'must be at most 253 characters').trim().toLowerCase().regex(HOSTNAME, 'must be the dyndns zone, e.g. ddns.net').superRefine((v, ctx) => {
    const p = publicNameProblem(v);
    if (p) issue(ctx, {
      message: p
    });
  }) : stryMutAct_9fa48("352") ? z.string().max(253, 'must be at most 253 characters').toLowerCase().regex(HOSTNAME, 'must be the dyndns zone, e.g. ddns.net').superRefine((v, ctx) => {
    const p = publicNameProblem(v);
    if (p) issue(ctx, {
      message: p
    });
  }) : stryMutAct_9fa48("351") ? z.string().max(253, 'must be at most 253 characters').trim().toUpperCase().regex(HOSTNAME, 'must be the dyndns zone, e.g. ddns.net').superRefine((v, ctx) => {
    const p = publicNameProblem(v);
    if (p) issue(ctx, {
      message: p
    });
  }) : (stryCov_9fa48("351", "352", "353"), z.string().max(253, stryMutAct_9fa48("354") ? "" : (stryCov_9fa48("354"), 'must be at most 253 characters')).trim().toLowerCase().regex(HOSTNAME, stryMutAct_9fa48("355") ? "" : (stryCov_9fa48("355"), 'must be the dyndns zone, e.g. ddns.net')).superRefine((v, ctx) => {
    if (stryMutAct_9fa48("356")) {
      {}
    } else {
      stryCov_9fa48("356");
      const p = publicNameProblem(v);
      if (stryMutAct_9fa48("358") ? false : stryMutAct_9fa48("357") ? true : (stryCov_9fa48("357", "358"), p)) issue(ctx, stryMutAct_9fa48("359") ? {} : (stryCov_9fa48("359"), {
        message: p
      }));
    }
  }))
})).superRefine((d, ctx) => {
  if (stryMutAct_9fa48("360")) {
    {}
  } else {
    stryCov_9fa48("360");
    const p = dyndnsProvider(d.provider);
    if (stryMutAct_9fa48("363") ? p?.needsUsername || !d.username : stryMutAct_9fa48("362") ? false : stryMutAct_9fa48("361") ? true : (stryCov_9fa48("361", "362", "363"), (stryMutAct_9fa48("364") ? p.needsUsername : (stryCov_9fa48("364"), p?.needsUsername)) && (stryMutAct_9fa48("365") ? d.username : (stryCov_9fa48("365"), !d.username)))) issue(ctx, stryMutAct_9fa48("366") ? {} : (stryCov_9fa48("366"), {
      path: stryMutAct_9fa48("367") ? [] : (stryCov_9fa48("367"), [stryMutAct_9fa48("368") ? "" : (stryCov_9fa48("368"), 'username')]),
      message: stryMutAct_9fa48("369") ? `` : (stryCov_9fa48("369"), `is required for ${p.label}`)
    }));
    if (stryMutAct_9fa48("372") ? p?.zoneSuffix || d.domain !== p.zoneSuffix : stryMutAct_9fa48("371") ? false : stryMutAct_9fa48("370") ? true : (stryCov_9fa48("370", "371", "372"), (stryMutAct_9fa48("373") ? p.zoneSuffix : (stryCov_9fa48("373"), p?.zoneSuffix)) && (stryMutAct_9fa48("375") ? d.domain === p.zoneSuffix : stryMutAct_9fa48("374") ? true : (stryCov_9fa48("374", "375"), d.domain !== p.zoneSuffix)))) {
      if (stryMutAct_9fa48("376")) {
        {}
      } else {
        stryCov_9fa48("376");
        issue(ctx, stryMutAct_9fa48("377") ? {} : (stryCov_9fa48("377"), {
          path: stryMutAct_9fa48("378") ? [] : (stryCov_9fa48("378"), [stryMutAct_9fa48("379") ? "" : (stryCov_9fa48("379"), 'domain')]),
          message: stryMutAct_9fa48("380") ? `` : (stryCov_9fa48("380"), `must be ${p.zoneSuffix} for ${p.label}`)
        }));
      }
    }
  }
});
export const networkSchema = z.strictObject(stryMutAct_9fa48("381") ? {} : (stryCov_9fa48("381"), {
  bridge: stryMutAct_9fa48("382") ? z.string().min(15).regex(BRIDGE, 'must be a Linux bridge name such as vmbr0').default('vmbr0') : (stryCov_9fa48("382"), z.string().max(15).regex(BRIDGE, stryMutAct_9fa48("383") ? "" : (stryCov_9fa48("383"), 'must be a Linux bridge name such as vmbr0')).default(stryMutAct_9fa48("384") ? "" : (stryCov_9fa48("384"), 'vmbr0'))),
  gateway: ipv4(stryMutAct_9fa48("385") ? "" : (stryCov_9fa48("385"), '1')),
  prefixLength: stryMutAct_9fa48("387") ? z.number().int().max(8, 'must be between 8 and 30').max(30, 'must be between 8 and 30').default(24) : stryMutAct_9fa48("386") ? z.number().int().min(8, 'must be between 8 and 30').min(30, 'must be between 8 and 30').default(24) : (stryCov_9fa48("386", "387"), z.number().int().min(8, stryMutAct_9fa48("388") ? "" : (stryCov_9fa48("388"), 'must be between 8 and 30')).max(30, stryMutAct_9fa48("389") ? "" : (stryCov_9fa48("389"), 'must be between 8 and 30')).default(24)),
  pmg: ipv4(stryMutAct_9fa48("390") ? "" : (stryCov_9fa48("390"), '60')),
  mail: ipv4(stryMutAct_9fa48("391") ? "" : (stryCov_9fa48("391"), '61')),
  dns: ipv4(stryMutAct_9fa48("392") ? "" : (stryCov_9fa48("392"), '62'))
})).superRefine((n, ctx) => {
  if (stryMutAct_9fa48("393")) {
    {}
  } else {
    stryCov_9fa48("393");
    const roles = ['pmg', 'mail', 'dns'] as const;
    if (stryMutAct_9fa48("396") ? false : stryMutAct_9fa48("395") ? true : stryMutAct_9fa48("394") ? [n.gateway, ...roles.map(r => n[r])].every(isIPv4) : (stryCov_9fa48("394", "395", "396"), !(stryMutAct_9fa48("397") ? [n.gateway, ...roles.map(r => n[r])].some(isIPv4) : (stryCov_9fa48("397"), (stryMutAct_9fa48("398") ? [] : (stryCov_9fa48("398"), [n.gateway, ...roles.map(stryMutAct_9fa48("399") ? () => undefined : (stryCov_9fa48("399"), r => n[r]))])).every(isIPv4))))) return;
    if (stryMutAct_9fa48("401") ? false : stryMutAct_9fa48("400") ? true : (stryCov_9fa48("400", "401"), isNetworkOrBroadcast(n.gateway, n.prefixLength))) {
      if (stryMutAct_9fa48("402")) {
        {}
      } else {
        stryCov_9fa48("402");
        issue(ctx, stryMutAct_9fa48("403") ? {} : (stryCov_9fa48("403"), {
          path: stryMutAct_9fa48("404") ? [] : (stryCov_9fa48("404"), [stryMutAct_9fa48("405") ? "" : (stryCov_9fa48("405"), 'gateway')]),
          message: stryMutAct_9fa48("406") ? `` : (stryCov_9fa48("406"), `${n.gateway} is the network or broadcast address of /${n.prefixLength}, not a router's address`)
        }));
      }
    }
    const seen = new Map<string, string>(stryMutAct_9fa48("407") ? [] : (stryCov_9fa48("407"), [stryMutAct_9fa48("408") ? [] : (stryCov_9fa48("408"), [n.gateway, stryMutAct_9fa48("409") ? "" : (stryCov_9fa48("409"), 'gateway')])]));
    for (const r of roles) {
      if (stryMutAct_9fa48("410")) {
        {}
      } else {
        stryCov_9fa48("410");
        const ip = n[r];
        const other = seen.get(ip);
        if (stryMutAct_9fa48("412") ? false : stryMutAct_9fa48("411") ? true : (stryCov_9fa48("411", "412"), other)) issue(ctx, stryMutAct_9fa48("413") ? {} : (stryCov_9fa48("413"), {
          path: stryMutAct_9fa48("414") ? [] : (stryCov_9fa48("414"), [r]),
          message: stryMutAct_9fa48("415") ? `` : (stryCov_9fa48("415"), `${ip} is already used by ${other}; every guest needs its own address`)
        }));
        seen.set(ip, r);
        if (stryMutAct_9fa48("418") ? false : stryMutAct_9fa48("417") ? true : stryMutAct_9fa48("416") ? sameSubnet(ip, n.gateway, n.prefixLength) : (stryCov_9fa48("416", "417", "418"), !sameSubnet(ip, n.gateway, n.prefixLength))) {
          if (stryMutAct_9fa48("419")) {
            {}
          } else {
            stryCov_9fa48("419");
            issue(ctx, stryMutAct_9fa48("420") ? {} : (stryCov_9fa48("420"), {
              path: stryMutAct_9fa48("421") ? [] : (stryCov_9fa48("421"), [r]),
              message: stryMutAct_9fa48("422") ? `` : (stryCov_9fa48("422"), `${ip} is not in the gateway's subnet ${n.gateway}/${n.prefixLength}`)
            }));
          }
        } else if (stryMutAct_9fa48("424") ? false : stryMutAct_9fa48("423") ? true : (stryCov_9fa48("423", "424"), isNetworkOrBroadcast(ip, n.prefixLength))) {
          if (stryMutAct_9fa48("425")) {
            {}
          } else {
            stryCov_9fa48("425");
            issue(ctx, stryMutAct_9fa48("426") ? {} : (stryCov_9fa48("426"), {
              path: stryMutAct_9fa48("427") ? [] : (stryCov_9fa48("427"), [r]),
              message: stryMutAct_9fa48("428") ? `` : (stryCov_9fa48("428"), `${ip} is the network or broadcast address of /${n.prefixLength}`)
            }));
          }
        }
      }
    }
  }
});
const mailboxSchema = z.strictObject(stryMutAct_9fa48("429") ? {} : (stryCov_9fa48("429"), {
  user: stryMutAct_9fa48("432") ? z.string().min(64, 'must be at most 64 characters').trim().toLowerCase().regex(LOCAL_PART, 'must be a mailbox local part such as info or max.muster') : stryMutAct_9fa48("431") ? z.string().max(64, 'must be at most 64 characters').toLowerCase().regex(LOCAL_PART, 'must be a mailbox local part such as info or max.muster') : stryMutAct_9fa48("430") ? z.string().max(64, 'must be at most 64 characters').trim().toUpperCase().regex(LOCAL_PART, 'must be a mailbox local part such as info or max.muster') : (stryCov_9fa48("430", "431", "432"), z.string().max(64, stryMutAct_9fa48("433") ? "" : (stryCov_9fa48("433"), 'must be at most 64 characters')).trim().toLowerCase().regex(LOCAL_PART, stryMutAct_9fa48("434") ? "" : (stryCov_9fa48("434"), 'must be a mailbox local part such as info or max.muster'))),
  password: secretText.optional(),
  passwordFile: secretFilePath.optional()
})).superRefine((m, ctx) => {
  if (stryMutAct_9fa48("435")) {
    {}
  } else {
    stryCov_9fa48("435");
    if (stryMutAct_9fa48("438") ? m.password === undefined || m.passwordFile === undefined : stryMutAct_9fa48("437") ? false : stryMutAct_9fa48("436") ? true : (stryCov_9fa48("436", "437", "438"), (stryMutAct_9fa48("440") ? m.password !== undefined : stryMutAct_9fa48("439") ? true : (stryCov_9fa48("439", "440"), m.password === undefined)) && (stryMutAct_9fa48("442") ? m.passwordFile !== undefined : stryMutAct_9fa48("441") ? true : (stryCov_9fa48("441", "442"), m.passwordFile === undefined)))) issue(ctx, stryMutAct_9fa48("443") ? {} : (stryCov_9fa48("443"), {
      path: stryMutAct_9fa48("444") ? [] : (stryCov_9fa48("444"), [stryMutAct_9fa48("445") ? "" : (stryCov_9fa48("445"), 'password')]),
      message: stryMutAct_9fa48("446") ? "" : (stryCov_9fa48("446"), 'is required (or give passwordFile)')
    }));
    if (stryMutAct_9fa48("449") ? m.password !== undefined || m.passwordFile !== undefined : stryMutAct_9fa48("448") ? false : stryMutAct_9fa48("447") ? true : (stryCov_9fa48("447", "448", "449"), (stryMutAct_9fa48("451") ? m.password === undefined : stryMutAct_9fa48("450") ? true : (stryCov_9fa48("450", "451"), m.password !== undefined)) && (stryMutAct_9fa48("453") ? m.passwordFile === undefined : stryMutAct_9fa48("452") ? true : (stryCov_9fa48("452", "453"), m.passwordFile !== undefined)))) issue(ctx, stryMutAct_9fa48("454") ? {} : (stryCov_9fa48("454"), {
      path: stryMutAct_9fa48("455") ? [] : (stryCov_9fa48("455"), [stryMutAct_9fa48("456") ? "" : (stryCov_9fa48("456"), 'password')]),
      message: stryMutAct_9fa48("457") ? "" : (stryCov_9fa48("457"), 'give either password or passwordFile, not both')
    }));
    if (stryMutAct_9fa48("460") ? m.password !== undefined || m.password.length < 10 : stryMutAct_9fa48("459") ? false : stryMutAct_9fa48("458") ? true : (stryCov_9fa48("458", "459", "460"), (stryMutAct_9fa48("462") ? m.password === undefined : stryMutAct_9fa48("461") ? true : (stryCov_9fa48("461", "462"), m.password !== undefined)) && (stryMutAct_9fa48("465") ? m.password.length >= 10 : stryMutAct_9fa48("464") ? m.password.length <= 10 : stryMutAct_9fa48("463") ? true : (stryCov_9fa48("463", "464", "465"), m.password.length < 10)))) issue(ctx, stryMutAct_9fa48("466") ? {} : (stryCov_9fa48("466"), {
      path: stryMutAct_9fa48("467") ? [] : (stryCov_9fa48("467"), [stryMutAct_9fa48("468") ? "" : (stryCov_9fa48("468"), 'password')]),
      message: stryMutAct_9fa48("469") ? "" : (stryCov_9fa48("469"), 'must be at least 10 characters')
    }));
  }
});
export const decisionSchema = z.strictObject(stryMutAct_9fa48("470") ? {} : (stryCov_9fa48("470"), {
  /** More than a few hundred messages a day, or deliverability is business-critical. */
  highVolume: z.boolean().default(stryMutAct_9fa48("471") ? true : (stryCov_9fa48("471"), false)),
  /** The customer accepts a third-party relay provider. */
  thirdPartyAllowed: z.boolean().default(stryMutAct_9fa48("472") ? false : (stryCov_9fa48("472"), true)),
  /** Why the technician chose a mode other than the recommendation (kept in the handover). */
  overrideReason: line(TEXT_MAX, stryMutAct_9fa48("473") ? () => undefined : (stryCov_9fa48("473"), s => stryMutAct_9fa48("474") ? s.max(3, 'must be at least 3 characters') : (stryCov_9fa48("474"), s.min(3, stryMutAct_9fa48("475") ? "" : (stryCov_9fa48("475"), 'must be at least 3 characters'))))).optional()
}));
const PHONE = stryMutAct_9fa48("481") ? /^\+?[0-9][^0-9 ()./-]{2,30}$/ : stryMutAct_9fa48("480") ? /^\+?[0-9][0-9 ()./-]$/ : stryMutAct_9fa48("479") ? /^\+?[^0-9][0-9 ()./-]{2,30}$/ : stryMutAct_9fa48("478") ? /^\+[0-9][0-9 ()./-]{2,30}$/ : stryMutAct_9fa48("477") ? /^\+?[0-9][0-9 ()./-]{2,30}/ : stryMutAct_9fa48("476") ? /\+?[0-9][0-9 ()./-]{2,30}$/ : (stryCov_9fa48("476", "477", "478", "479", "480", "481"), /^\+?[0-9][0-9 ()./-]{2,30}$/);
const EMAIL = stryMutAct_9fa48("487") ? /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@([@]+)$/ : stryMutAct_9fa48("486") ? /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@([^@])$/ : stryMutAct_9fa48("485") ? /^[^A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@([^@]+)$/ : stryMutAct_9fa48("484") ? /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]@([^@]+)$/ : stryMutAct_9fa48("483") ? /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@([^@]+)/ : stryMutAct_9fa48("482") ? /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@([^@]+)$/ : (stryCov_9fa48("482", "483", "484", "485", "486", "487"), /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@([^@]+)$/);
export const contactSchema = z.strictObject(stryMutAct_9fa48("488") ? {} : (stryCov_9fa48("488"), {
  name: line(100, stryMutAct_9fa48("489") ? () => undefined : (stryCov_9fa48("489"), s => stryMutAct_9fa48("491") ? s.min(2, 'must be at least 2 characters (a person or a company)') : stryMutAct_9fa48("490") ? s.trim().max(2, 'must be at least 2 characters (a person or a company)') : (stryCov_9fa48("490", "491"), s.trim().min(2, stryMutAct_9fa48("492") ? "" : (stryCov_9fa48("492"), 'must be at least 2 characters (a person or a company)'))))),
  phone: line(32, stryMutAct_9fa48("493") ? () => undefined : (stryCov_9fa48("493"), s => stryMutAct_9fa48("494") ? s.regex(PHONE, 'must be a phone number such as +41 61 555 01 23') : (stryCov_9fa48("494"), s.trim().regex(PHONE, stryMutAct_9fa48("495") ? "" : (stryCov_9fa48("495"), 'must be a phone number such as +41 61 555 01 23'))))).optional(),
  email: stryMutAct_9fa48("497") ? z.string().min(254, 'must be at most 254 characters').trim().superRefine((v, ctx) => {
    const m = EMAIL.exec(v);
    const p = m ? publicNameProblem(m[1]!) : 'must be an e-mail address such as support@example.net';
    if (p) issue(ctx, {
      message: m ? `has a domain that cannot receive mail: ${p}` : p
    });
  }).optional() : stryMutAct_9fa48("496") ? z.string().max(254, 'must be at most 254 characters').superRefine((v, ctx) => {
    const m = EMAIL.exec(v);
    const p = m ? publicNameProblem(m[1]!) : 'must be an e-mail address such as support@example.net';
    if (p) issue(ctx, {
      message: m ? `has a domain that cannot receive mail: ${p}` : p
    });
  }).optional() : (stryCov_9fa48("496", "497"), z.string().max(254, stryMutAct_9fa48("498") ? "" : (stryCov_9fa48("498"), 'must be at most 254 characters')).trim().superRefine((v, ctx) => {
    if (stryMutAct_9fa48("499")) {
      {}
    } else {
      stryCov_9fa48("499");
      const m = EMAIL.exec(v);
      const p = m ? publicNameProblem(m[1]!) : stryMutAct_9fa48("500") ? "" : (stryCov_9fa48("500"), 'must be an e-mail address such as support@example.net');
      if (stryMutAct_9fa48("502") ? false : stryMutAct_9fa48("501") ? true : (stryCov_9fa48("501", "502"), p)) issue(ctx, stryMutAct_9fa48("503") ? {} : (stryCov_9fa48("503"), {
        message: m ? stryMutAct_9fa48("504") ? `` : (stryCov_9fa48("504"), `has a domain that cannot receive mail: ${p}`) : p
      }));
    }
  }).optional())
})).superRefine((c, ctx) => {
  if (stryMutAct_9fa48("505")) {
    {}
  } else {
    stryCov_9fa48("505");
    if (stryMutAct_9fa48("508") ? !c.phone || !c.email : stryMutAct_9fa48("507") ? false : stryMutAct_9fa48("506") ? true : (stryCov_9fa48("506", "507", "508"), (stryMutAct_9fa48("509") ? c.phone : (stryCov_9fa48("509"), !c.phone)) && (stryMutAct_9fa48("510") ? c.email : (stryCov_9fa48("510"), !c.email)))) issue(ctx, stryMutAct_9fa48("511") ? {} : (stryCov_9fa48("511"), {
      path: stryMutAct_9fa48("512") ? [] : (stryCov_9fa48("512"), [stryMutAct_9fa48("513") ? "" : (stryCov_9fa48("513"), 'phone')]),
      message: stryMutAct_9fa48("514") ? "" : (stryCov_9fa48("514"), 'give a phone number or an e-mail address (or both), so the customer can reach them')
    }));
  }
});

/** The fields of an answers file, before the cross-field rules (its `.shape` reaches each field). */
/** Retention and schedules of the backups (PVE backup job, PBS garbage collection/prune/verify). */
export const PBS_DEFAULTS = stryMutAct_9fa48("515") ? {} : (stryCov_9fa48("515"), {
  minFreeGiB: 20,
  keep: stryMutAct_9fa48("516") ? {} : (stryCov_9fa48("516"), {
    daily: 7,
    weekly: 4,
    monthly: 6
  }),
  backupSchedule: stryMutAct_9fa48("517") ? "" : (stryCov_9fa48("517"), '02:30'),
  gcSchedule: stryMutAct_9fa48("518") ? "" : (stryCov_9fa48("518"), 'daily'),
  pruneSchedule: stryMutAct_9fa48("519") ? "" : (stryCov_9fa48("519"), 'daily'),
  verifySchedule: stryMutAct_9fa48("520") ? "" : (stryCov_9fa48("520"), 'sat 04:00')
});
const keepCount = stryMutAct_9fa48("522") ? z.number().int().max(0, 'must be 0 or more').max(1000, 'must be at most 1000') : stryMutAct_9fa48("521") ? z.number().int().min(0, 'must be 0 or more').min(1000, 'must be at most 1000') : (stryCov_9fa48("521", "522"), z.number().int().min(0, stryMutAct_9fa48("523") ? "" : (stryCov_9fa48("523"), 'must be 0 or more')).max(1000, stryMutAct_9fa48("524") ? "" : (stryCov_9fa48("524"), 'must be at most 1000')));
const keepSchema = z.strictObject(stryMutAct_9fa48("525") ? {} : (stryCov_9fa48("525"), {
  last: keepCount.optional(),
  hourly: keepCount.optional(),
  daily: keepCount.optional(),
  weekly: keepCount.optional(),
  monthly: keepCount.optional(),
  yearly: keepCount.optional()
})).refine(stryMutAct_9fa48("526") ? () => undefined : (stryCov_9fa48("526"), k => stryMutAct_9fa48("527") ? Object.values(k).every(v => (v ?? 0) > 0) : (stryCov_9fa48("527"), Object.values(k).some(stryMutAct_9fa48("528") ? () => undefined : (stryCov_9fa48("528"), v => stryMutAct_9fa48("532") ? (v ?? 0) <= 0 : stryMutAct_9fa48("531") ? (v ?? 0) >= 0 : stryMutAct_9fa48("530") ? false : stryMutAct_9fa48("529") ? true : (stryCov_9fa48("529", "530", "531", "532"), (stryMutAct_9fa48("533") ? v && 0 : (stryCov_9fa48("533"), v ?? 0)) > 0))))), stryMutAct_9fa48("534") ? "" : (stryCov_9fa48("534"), 'must keep at least one backup (e.g. daily: 7)'));
const calendarEvent = stryMutAct_9fa48("535") ? z.string().refine(isCalendarEvent, 'must be a Proxmox calendar event such as 02:30, daily or sat 04:00') : (stryCov_9fa48("535"), z.string().trim().refine(isCalendarEvent, stryMutAct_9fa48("536") ? "" : (stryCov_9fa48("536"), 'must be a Proxmox calendar event such as 02:30, daily or sat 04:00')));

/** `keep-daily=7,keep-weekly=4` (PVE prune-backups) from the answers' keep object. */
export function pruneBackups(keep: Partial<Record<string, number | undefined>>): string {
  if (stryMutAct_9fa48("537")) {
    {}
  } else {
    stryCov_9fa48("537");
    return stryMutAct_9fa48("538") ? ['last', 'hourly', 'daily', 'weekly', 'monthly', 'yearly'].map(k => `keep-${k}=${keep[k]}`).join(',') : (stryCov_9fa48("538"), (stryMutAct_9fa48("539") ? [] : (stryCov_9fa48("539"), [stryMutAct_9fa48("540") ? "" : (stryCov_9fa48("540"), 'last'), stryMutAct_9fa48("541") ? "" : (stryCov_9fa48("541"), 'hourly'), stryMutAct_9fa48("542") ? "" : (stryCov_9fa48("542"), 'daily'), stryMutAct_9fa48("543") ? "" : (stryCov_9fa48("543"), 'weekly'), stryMutAct_9fa48("544") ? "" : (stryCov_9fa48("544"), 'monthly'), stryMutAct_9fa48("545") ? "" : (stryCov_9fa48("545"), 'yearly')])).filter(stryMutAct_9fa48("546") ? () => undefined : (stryCov_9fa48("546"), k => stryMutAct_9fa48("549") ? keep[k] === undefined : stryMutAct_9fa48("548") ? false : stryMutAct_9fa48("547") ? true : (stryCov_9fa48("547", "548", "549"), keep[k] !== undefined))).map(stryMutAct_9fa48("550") ? () => undefined : (stryCov_9fa48("550"), k => stryMutAct_9fa48("551") ? `` : (stryCov_9fa48("551"), `keep-${k}=${keep[k]}`))).join(stryMutAct_9fa48("552") ? "" : (stryCov_9fa48("552"), ',')));
  }
}
export const answersObject = z.strictObject(stryMutAct_9fa48("553") ? {} : (stryCov_9fa48("553"), {
  domain: domainSchema,
  hostSerial: hostSerialSchema,
  mode: z.enum(stryMutAct_9fa48("554") ? [] : (stryCov_9fa48("554"), [stryMutAct_9fa48("555") ? "" : (stryCov_9fa48("555"), 'standalone'), stryMutAct_9fa48("556") ? "" : (stryCov_9fa48("556"), 'smarthost')]), stryMutAct_9fa48("557") ? {} : (stryCov_9fa48("557"), {
    message: stryMutAct_9fa48("558") ? "" : (stryCov_9fa48("558"), 'must be standalone or smarthost')
  })),
  relay: relaySchema.optional(),
  publicIp: stryMutAct_9fa48("560") ? z.string().min(15, 'must be an IPv4 address such as 203.0.113.7').trim().superRefine((v, ctx) => {
    const p = ipv4PublicProblem(v);
    if (p) issue(ctx, {
      message: p
    });
  }).optional() : stryMutAct_9fa48("559") ? z.string().max(15, 'must be an IPv4 address such as 203.0.113.7').superRefine((v, ctx) => {
    const p = ipv4PublicProblem(v);
    if (p) issue(ctx, {
      message: p
    });
  }).optional() : (stryCov_9fa48("559", "560"), z.string().max(15, stryMutAct_9fa48("561") ? "" : (stryCov_9fa48("561"), 'must be an IPv4 address such as 203.0.113.7')).trim().superRefine((v, ctx) => {
    if (stryMutAct_9fa48("562")) {
      {}
    } else {
      stryCov_9fa48("562");
      const p = ipv4PublicProblem(v);
      if (stryMutAct_9fa48("564") ? false : stryMutAct_9fa48("563") ? true : (stryCov_9fa48("563", "564"), p)) issue(ctx, stryMutAct_9fa48("565") ? {} : (stryCov_9fa48("565"), {
        message: p
      }));
    }
  }).optional()),
  dnsProvider: dnsProviderSchema.optional(),
  dyndns: dyndnsSchema.optional(),
  network: networkSchema,
  mailboxes: stryMutAct_9fa48("567") ? z.array(mailboxSchema).max(1, 'needs at least one mailbox (e.g. info)').max(MAILBOXES_MAX, `has at most ${MAILBOXES_MAX} mailboxes`).superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((m, i) => {
      if (seen.has(m.user)) issue(ctx, {
        path: [i, 'user'],
        message: `mailbox ${m.user} is listed twice`
      });
      seen.add(m.user);
    });
  }) : stryMutAct_9fa48("566") ? z.array(mailboxSchema).min(1, 'needs at least one mailbox (e.g. info)').min(MAILBOXES_MAX, `has at most ${MAILBOXES_MAX} mailboxes`).superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((m, i) => {
      if (seen.has(m.user)) issue(ctx, {
        path: [i, 'user'],
        message: `mailbox ${m.user} is listed twice`
      });
      seen.add(m.user);
    });
  }) : (stryCov_9fa48("566", "567"), z.array(mailboxSchema).min(1, stryMutAct_9fa48("568") ? "" : (stryCov_9fa48("568"), 'needs at least one mailbox (e.g. info)')).max(MAILBOXES_MAX, stryMutAct_9fa48("569") ? `` : (stryCov_9fa48("569"), `has at most ${MAILBOXES_MAX} mailboxes`)).superRefine((list, ctx) => {
    if (stryMutAct_9fa48("570")) {
      {}
    } else {
      stryCov_9fa48("570");
      const seen = new Set<string>();
      list.forEach((m, i) => {
        if (stryMutAct_9fa48("571")) {
          {}
        } else {
          stryCov_9fa48("571");
          if (stryMutAct_9fa48("573") ? false : stryMutAct_9fa48("572") ? true : (stryCov_9fa48("572", "573"), seen.has(m.user))) issue(ctx, stryMutAct_9fa48("574") ? {} : (stryCov_9fa48("574"), {
            path: stryMutAct_9fa48("575") ? [] : (stryCov_9fa48("575"), [i, stryMutAct_9fa48("576") ? "" : (stryCov_9fa48("576"), 'user')]),
            message: stryMutAct_9fa48("577") ? `` : (stryCov_9fa48("577"), `mailbox ${m.user} is listed twice`)
          }));
          seen.add(m.user);
        }
      });
    }
  })),
  pbs: z.strictObject(stryMutAct_9fa48("578") ? {} : (stryCov_9fa48("578"), {
    datastore: stryMutAct_9fa48("579") ? z.string().min(32).regex(/^[A-Za-z0-9_][A-Za-z0-9._-]{2,31}$/, 'must be a datastore id of 3 to 32 characters such as backup').default('backup') : (stryCov_9fa48("579"), z.string().max(32).regex(stryMutAct_9fa48("584") ? /^[A-Za-z0-9_][^A-Za-z0-9._-]{2,31}$/ : stryMutAct_9fa48("583") ? /^[A-Za-z0-9_][A-Za-z0-9._-]$/ : stryMutAct_9fa48("582") ? /^[^A-Za-z0-9_][A-Za-z0-9._-]{2,31}$/ : stryMutAct_9fa48("581") ? /^[A-Za-z0-9_][A-Za-z0-9._-]{2,31}/ : stryMutAct_9fa48("580") ? /[A-Za-z0-9_][A-Za-z0-9._-]{2,31}$/ : (stryCov_9fa48("580", "581", "582", "583", "584"), /^[A-Za-z0-9_][A-Za-z0-9._-]{2,31}$/), stryMutAct_9fa48("585") ? "" : (stryCov_9fa48("585"), 'must be a datastore id of 3 to 32 characters such as backup')).default(stryMutAct_9fa48("586") ? "" : (stryCov_9fa48("586"), 'backup'))),
    path: pbsPath.default(stryMutAct_9fa48("587") ? "" : (stryCov_9fa48("587"), '/var/lib/proxmox-backup/datastore')),
    /** Free space the datastore's file system must have before it is created. */
    minFreeGiB: stryMutAct_9fa48("588") ? z.number().int().max(1, 'must be at least 1 (GiB)').default(PBS_DEFAULTS.minFreeGiB) : (stryCov_9fa48("588"), z.number().int().min(1, stryMutAct_9fa48("589") ? "" : (stryCov_9fa48("589"), 'must be at least 1 (GiB)')).default(PBS_DEFAULTS.minFreeGiB)),
    /** How many backups to keep: the backup job's prune-backups and the PBS prune job. */
    keep: keepSchema.default(PBS_DEFAULTS.keep),
    backupSchedule: calendarEvent.default(PBS_DEFAULTS.backupSchedule),
    gcSchedule: calendarEvent.default(PBS_DEFAULTS.gcSchedule),
    pruneSchedule: calendarEvent.default(PBS_DEFAULTS.pruneSchedule),
    verifySchedule: calendarEvent.default(PBS_DEFAULTS.verifySchedule)
  })).default(stryMutAct_9fa48("590") ? {} : (stryCov_9fa48("590"), {
    datastore: stryMutAct_9fa48("591") ? "" : (stryCov_9fa48("591"), 'backup'),
    path: stryMutAct_9fa48("592") ? "" : (stryCov_9fa48("592"), '/var/lib/proxmox-backup/datastore'),
    ...PBS_DEFAULTS
  })),
  decision: decisionSchema.optional(),
  /** MTA-STS (RFC 8461): start in testing, switch to enforce once TLS-RPT reports are clean. */
  mtaSts: z.strictObject(stryMutAct_9fa48("593") ? {} : (stryCov_9fa48("593"), {
    mode: z.enum(stryMutAct_9fa48("594") ? [] : (stryCov_9fa48("594"), [stryMutAct_9fa48("595") ? "" : (stryCov_9fa48("595"), 'testing'), stryMutAct_9fa48("596") ? "" : (stryCov_9fa48("596"), 'enforce')]), stryMutAct_9fa48("597") ? {} : (stryCov_9fa48("597"), {
      message: stryMutAct_9fa48("598") ? "" : (stryCov_9fa48("598"), 'must be testing or enforce')
    })).default(stryMutAct_9fa48("599") ? "" : (stryCov_9fa48("599"), 'testing'))
  })).optional(),
  /** Sizes of the NixOS VMs' system disks; the restored images are grown to them before first boot. */
  disks: z.strictObject(stryMutAct_9fa48("600") ? {} : (stryCov_9fa48("600"), {
    mailGb: stryMutAct_9fa48("602") ? z.number().int().max(16, 'must be at least 16 (GiB): a rebuild needs a few GiB beside the mail').max(16384).default(64) : stryMutAct_9fa48("601") ? z.number().int().min(16, 'must be at least 16 (GiB): a rebuild needs a few GiB beside the mail').min(16384).default(64) : (stryCov_9fa48("601", "602"), z.number().int().min(16, stryMutAct_9fa48("603") ? "" : (stryCov_9fa48("603"), 'must be at least 16 (GiB): a rebuild needs a few GiB beside the mail')).max(16384).default(64)),
    dnsGb: stryMutAct_9fa48("605") ? z.number().int().max(8, 'must be at least 8 (GiB): a rebuild needs a few GiB').max(1024).default(16) : stryMutAct_9fa48("604") ? z.number().int().min(8, 'must be at least 8 (GiB): a rebuild needs a few GiB').min(1024).default(16) : (stryCov_9fa48("604", "605"), z.number().int().min(8, stryMutAct_9fa48("606") ? "" : (stryCov_9fa48("606"), 'must be at least 8 (GiB): a rebuild needs a few GiB')).max(1024).default(16))
  })).default(stryMutAct_9fa48("607") ? {} : (stryCov_9fa48("607"), {
    mailGb: 64,
    dnsGb: 16
  })),
  /** Where the image builder gets Nix's inputs from (defaults: the public NixOS binary cache). */
  images: z.strictObject(stryMutAct_9fa48("608") ? {} : (stryCov_9fa48("608"), {
    substituter: z.string().regex(stryMutAct_9fa48("613") ? /^https?:\/\/\s+$/ : stryMutAct_9fa48("612") ? /^https?:\/\/\S$/ : stryMutAct_9fa48("611") ? /^https:\/\/\S+$/ : stryMutAct_9fa48("610") ? /^https?:\/\/\S+/ : stryMutAct_9fa48("609") ? /https?:\/\/\S+$/ : (stryCov_9fa48("609", "610", "611", "612", "613"), /^https?:\/\/\S+$/), stryMutAct_9fa48("614") ? "" : (stryCov_9fa48("614"), 'must be an http(s) URL such as https://cache.nixos.org')).default(stryMutAct_9fa48("615") ? "" : (stryCov_9fa48("615"), 'https://cache.nixos.org')),
    trustedPublicKey: z.string().regex(stryMutAct_9fa48("622") ? /^[\w.-]+:[^A-Za-z0-9+/]{43}=$/ : stryMutAct_9fa48("621") ? /^[\w.-]+:[A-Za-z0-9+/]=$/ : stryMutAct_9fa48("620") ? /^[\W.-]+:[A-Za-z0-9+/]{43}=$/ : stryMutAct_9fa48("619") ? /^[^\w.-]+:[A-Za-z0-9+/]{43}=$/ : stryMutAct_9fa48("618") ? /^[\w.-]:[A-Za-z0-9+/]{43}=$/ : stryMutAct_9fa48("617") ? /^[\w.-]+:[A-Za-z0-9+/]{43}=/ : stryMutAct_9fa48("616") ? /[\w.-]+:[A-Za-z0-9+/]{43}=$/ : (stryCov_9fa48("616", "617", "618", "619", "620", "621", "622"), /^[\w.-]+:[A-Za-z0-9+/]{43}=$/), stryMutAct_9fa48("623") ? "" : (stryCov_9fa48("623"), 'must be a Nix signing key name:base64 such as cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=')).default(stryMutAct_9fa48("624") ? "" : (stryCov_9fa48("624"), 'cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=')),
    /** A flake URL that replaces the locked nixpkgs source (e.g. a local mirror tarball with ?narHash=). */
    nixpkgs: z.string().regex(stryMutAct_9fa48("631") ? /^(github:|tarball\+https?:|https?:|git\+https?:|path:)\s+$/ : stryMutAct_9fa48("630") ? /^(github:|tarball\+https?:|https?:|git\+https?:|path:)\S$/ : stryMutAct_9fa48("629") ? /^(github:|tarball\+https?:|https?:|git\+https:|path:)\S+$/ : stryMutAct_9fa48("628") ? /^(github:|tarball\+https?:|https:|git\+https?:|path:)\S+$/ : stryMutAct_9fa48("627") ? /^(github:|tarball\+https:|https?:|git\+https?:|path:)\S+$/ : stryMutAct_9fa48("626") ? /^(github:|tarball\+https?:|https?:|git\+https?:|path:)\S+/ : stryMutAct_9fa48("625") ? /(github:|tarball\+https?:|https?:|git\+https?:|path:)\S+$/ : (stryCov_9fa48("625", "626", "627", "628", "629", "630", "631"), /^(github:|tarball\+https?:|https?:|git\+https?:|path:)\S+$/), stryMutAct_9fa48("632") ? "" : (stryCov_9fa48("632"), 'must be a flake URL such as tarball+https://mirror.example/nixpkgs.tar.gz?narHash=sha256-…')).optional(),
    /** Debian mirror for the builder's apt (Debian 13 "trixie", component main); default: the template's own. */
    debianMirror: z.string().regex(stryMutAct_9fa48("637") ? /^https?:\/\/\s+$/ : stryMutAct_9fa48("636") ? /^https?:\/\/\S$/ : stryMutAct_9fa48("635") ? /^https:\/\/\S+$/ : stryMutAct_9fa48("634") ? /^https?:\/\/\S+/ : stryMutAct_9fa48("633") ? /https?:\/\/\S+$/ : (stryCov_9fa48("633", "634", "635", "636", "637"), /^https?:\/\/\S+$/), stryMutAct_9fa48("638") ? "" : (stryCov_9fa48("638"), 'must be an http(s) URL of a Debian mirror such as http://deb.debian.org/debian')).optional(),
    builderDiskGb: stryMutAct_9fa48("640") ? z.number().int().max(20, 'must be at least 20 (GiB): the builder holds the Nix store of both images').max(512).default(40) : stryMutAct_9fa48("639") ? z.number().int().min(20, 'must be at least 20 (GiB): the builder holds the Nix store of both images').min(512).default(40) : (stryCov_9fa48("639", "640"), z.number().int().min(20, stryMutAct_9fa48("641") ? "" : (stryCov_9fa48("641"), 'must be at least 20 (GiB): the builder holds the Nix store of both images')).max(512).default(40))
  })).default(stryMutAct_9fa48("642") ? {} : (stryCov_9fa48("642"), {
    substituter: stryMutAct_9fa48("643") ? "" : (stryCov_9fa48("643"), 'https://cache.nixos.org'),
    trustedPublicKey: stryMutAct_9fa48("644") ? "" : (stryCov_9fa48("644"), 'cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY='),
    builderDiskGb: 40
  })),
  /** Who the customer calls first (the technician or their company); on the handover's first page. */
  contact: contactSchema.optional(),
  /** Who to call when the first contact cannot help; on the handover's first page. */
  escalation: contactSchema.optional()
}));
export const answersSchema = answersObject.superRefine((a, ctx) => {
  if (stryMutAct_9fa48("645")) {
    {}
  } else {
    stryCov_9fa48("645");
    if (stryMutAct_9fa48("648") ? a.mode === 'smarthost' || !a.relay : stryMutAct_9fa48("647") ? false : stryMutAct_9fa48("646") ? true : (stryCov_9fa48("646", "647", "648"), (stryMutAct_9fa48("650") ? a.mode !== 'smarthost' : stryMutAct_9fa48("649") ? true : (stryCov_9fa48("649", "650"), a.mode === (stryMutAct_9fa48("651") ? "" : (stryCov_9fa48("651"), 'smarthost')))) && (stryMutAct_9fa48("652") ? a.relay : (stryCov_9fa48("652"), !a.relay)))) issue(ctx, stryMutAct_9fa48("653") ? {} : (stryCov_9fa48("653"), {
      path: stryMutAct_9fa48("654") ? [] : (stryCov_9fa48("654"), [stryMutAct_9fa48("655") ? "" : (stryCov_9fa48("655"), 'relay')]),
      message: stryMutAct_9fa48("656") ? "" : (stryCov_9fa48("656"), 'is required when mode is smarthost (give preset/host/user/password)')
    }));
    if (stryMutAct_9fa48("659") ? a.mode === 'standalone' || a.relay : stryMutAct_9fa48("658") ? false : stryMutAct_9fa48("657") ? true : (stryCov_9fa48("657", "658", "659"), (stryMutAct_9fa48("661") ? a.mode !== 'standalone' : stryMutAct_9fa48("660") ? true : (stryCov_9fa48("660", "661"), a.mode === (stryMutAct_9fa48("662") ? "" : (stryCov_9fa48("662"), 'standalone')))) && a.relay)) issue(ctx, stryMutAct_9fa48("663") ? {} : (stryCov_9fa48("663"), {
      path: stryMutAct_9fa48("664") ? [] : (stryCov_9fa48("664"), [stryMutAct_9fa48("665") ? "" : (stryCov_9fa48("665"), 'relay')]),
      message: stryMutAct_9fa48("666") ? "" : (stryCov_9fa48("666"), 'must be absent when mode is standalone (remove it, or set mode: smarthost)')
    }));
    const provider = dnsProvider(stryMutAct_9fa48("667") ? a.dnsProvider.provider : (stryCov_9fa48("667"), a.dnsProvider?.provider));
    if (stryMutAct_9fa48("670") ? provider && a.dnsProvider || !a.publicIp : stryMutAct_9fa48("669") ? false : stryMutAct_9fa48("668") ? true : (stryCov_9fa48("668", "669", "670"), (stryMutAct_9fa48("672") ? provider || a.dnsProvider : stryMutAct_9fa48("671") ? true : (stryCov_9fa48("671", "672"), provider && a.dnsProvider)) && (stryMutAct_9fa48("673") ? a.publicIp : (stryCov_9fa48("673"), !a.publicIp)))) {
      if (stryMutAct_9fa48("674")) {
        {}
      } else {
        stryCov_9fa48("674");
        const lego = new Set(requiredCredentialKeys(provider, stryMutAct_9fa48("675") ? {} : (stryCov_9fa48("675"), {
          ddns: stryMutAct_9fa48("676") ? true : (stryCov_9fa48("676"), false)
        })));
        for (const key of requiredCredentialKeys(provider, stryMutAct_9fa48("677") ? {} : (stryCov_9fa48("677"), {
          ddns: stryMutAct_9fa48("678") ? false : (stryCov_9fa48("678"), true)
        }))) {
          if (stryMutAct_9fa48("679")) {
            {}
          } else {
            stryCov_9fa48("679");
            if (stryMutAct_9fa48("682") ? !lego.has(key) || !(key in a.dnsProvider.credentials) : stryMutAct_9fa48("681") ? false : stryMutAct_9fa48("680") ? true : (stryCov_9fa48("680", "681", "682"), (stryMutAct_9fa48("683") ? lego.has(key) : (stryCov_9fa48("683"), !lego.has(key))) && (stryMutAct_9fa48("684") ? key in a.dnsProvider.credentials : (stryCov_9fa48("684"), !(key in a.dnsProvider.credentials))))) {
              if (stryMutAct_9fa48("685")) {
                {}
              } else {
                stryCov_9fa48("685");
                issue(ctx, stryMutAct_9fa48("686") ? {} : (stryCov_9fa48("686"), {
                  path: stryMutAct_9fa48("687") ? [] : (stryCov_9fa48("687"), [stryMutAct_9fa48("688") ? "" : (stryCov_9fa48("688"), 'dnsProvider'), stryMutAct_9fa48("689") ? "" : (stryCov_9fa48("689"), 'credentials'), key]),
                  message: missingCredential(provider, key, stryMutAct_9fa48("690") ? "" : (stryCov_9fa48("690"), ' to keep the A records on a dynamic IP (ddns-updater)'))
                }));
              }
            }
          }
        }
      }
    }
    if (stryMutAct_9fa48("693") ? a.dyndns || a.publicIp : stryMutAct_9fa48("692") ? false : stryMutAct_9fa48("691") ? true : (stryCov_9fa48("691", "692", "693"), a.dyndns && a.publicIp)) issue(ctx, stryMutAct_9fa48("694") ? {} : (stryCov_9fa48("694"), {
      path: stryMutAct_9fa48("695") ? [] : (stryCov_9fa48("695"), [stryMutAct_9fa48("696") ? "" : (stryCov_9fa48("696"), 'dyndns')]),
      message: stryMutAct_9fa48("697") ? "" : (stryCov_9fa48("697"), 'is not needed with a static publicIp; remove one of them')
    }));
    const self = (stryMutAct_9fa48("698") ? a.relay.host : (stryCov_9fa48("698"), a.relay?.host)) ? relayIsSiteProblem(a.relay.host, a) : undefined;
    if (stryMutAct_9fa48("700") ? false : stryMutAct_9fa48("699") ? true : (stryCov_9fa48("699", "700"), self)) issue(ctx, stryMutAct_9fa48("701") ? {} : (stryCov_9fa48("701"), {
      path: stryMutAct_9fa48("702") ? [] : (stryCov_9fa48("702"), [stryMutAct_9fa48("703") ? "" : (stryCov_9fa48("703"), 'relay'), stryMutAct_9fa48("704") ? "" : (stryCov_9fa48("704"), 'host')]),
      message: self
    }));
  }
});

/** Why a relay host is this site itself, or undefined: the names the site publishes (SPEC §2
 * records: the domain, mail., mx., pmg., mta-sts.), its guests' names and its addresses. */
export function relayIsSiteProblem(host: string, a: {
  domain: string;
  hostSerial: string;
  network: Network;
  publicIp?: string | undefined;
}): string | undefined {
  if (stryMutAct_9fa48("705")) {
    {}
  } else {
    stryCov_9fa48("705");
    const h = stryMutAct_9fa48("707") ? host.toLowerCase() : stryMutAct_9fa48("706") ? host.trim().toUpperCase() : (stryCov_9fa48("706", "707"), host.trim().toLowerCase());
    const d = stryMutAct_9fa48("709") ? a.domain.toLowerCase() : stryMutAct_9fa48("708") ? a.domain.trim().toUpperCase() : (stryCov_9fa48("708", "709"), a.domain.trim().toLowerCase());
    const names = stryMutAct_9fa48("710") ? [] : (stryCov_9fa48("710"), [d, ...(stryMutAct_9fa48("711") ? [] : (stryCov_9fa48("711"), [stryMutAct_9fa48("712") ? "" : (stryCov_9fa48("712"), 'mail'), stryMutAct_9fa48("713") ? "" : (stryCov_9fa48("713"), 'mx'), stryMutAct_9fa48("714") ? "" : (stryCov_9fa48("714"), 'pmg'), stryMutAct_9fa48("715") ? "" : (stryCov_9fa48("715"), 'mta-sts')])).map(stryMutAct_9fa48("716") ? () => undefined : (stryCov_9fa48("716"), l => stryMutAct_9fa48("717") ? `` : (stryCov_9fa48("717"), `${l}.${d}`)))]);
    const guests = (stryMutAct_9fa48("718") ? [] : (stryCov_9fa48("718"), [stryMutAct_9fa48("719") ? "" : (stryCov_9fa48("719"), 'pmg'), stryMutAct_9fa48("720") ? "" : (stryCov_9fa48("720"), 'mail'), stryMutAct_9fa48("721") ? "" : (stryCov_9fa48("721"), 'dns')])).map(stryMutAct_9fa48("722") ? () => undefined : (stryCov_9fa48("722"), r => stryMutAct_9fa48("723") ? `` : (stryCov_9fa48("723"), `${r}-${a.hostSerial}`)));
    if (stryMutAct_9fa48("726") ? names.includes(h) && guests.some(g => h === g || h.startsWith(`${g}.`)) : stryMutAct_9fa48("725") ? false : stryMutAct_9fa48("724") ? true : (stryCov_9fa48("724", "725", "726"), names.includes(h) || (stryMutAct_9fa48("727") ? guests.every(g => h === g || h.startsWith(`${g}.`)) : (stryCov_9fa48("727"), guests.some(stryMutAct_9fa48("728") ? () => undefined : (stryCov_9fa48("728"), g => stryMutAct_9fa48("731") ? h === g && h.startsWith(`${g}.`) : stryMutAct_9fa48("730") ? false : stryMutAct_9fa48("729") ? true : (stryCov_9fa48("729", "730", "731"), (stryMutAct_9fa48("733") ? h !== g : stryMutAct_9fa48("732") ? false : (stryCov_9fa48("732", "733"), h === g)) || (stryMutAct_9fa48("734") ? h.endsWith(`${g}.`) : (stryCov_9fa48("734"), h.startsWith(stryMutAct_9fa48("735") ? `` : (stryCov_9fa48("735"), `${g}.`))))))))))) return stryMutAct_9fa48("736") ? `` : (stryCov_9fa48("736"), `${host} is this site itself; a relay must be another host (the mail would loop)`);
    const ips: [string, string | undefined][] = stryMutAct_9fa48("737") ? [] : (stryCov_9fa48("737"), [stryMutAct_9fa48("738") ? [] : (stryCov_9fa48("738"), [stryMutAct_9fa48("739") ? "" : (stryCov_9fa48("739"), 'pmg'), a.network.pmg]), stryMutAct_9fa48("740") ? [] : (stryCov_9fa48("740"), [stryMutAct_9fa48("741") ? "" : (stryCov_9fa48("741"), 'mail'), a.network.mail]), stryMutAct_9fa48("742") ? [] : (stryCov_9fa48("742"), [stryMutAct_9fa48("743") ? "" : (stryCov_9fa48("743"), 'dns'), a.network.dns]), stryMutAct_9fa48("744") ? [] : (stryCov_9fa48("744"), [stryMutAct_9fa48("745") ? "" : (stryCov_9fa48("745"), 'publicIp'), a.publicIp])]);
    const same = ips.find(stryMutAct_9fa48("746") ? () => undefined : (stryCov_9fa48("746"), ([, ip]) => stryMutAct_9fa48("749") ? ip !== undefined || ip.trim() === h : stryMutAct_9fa48("748") ? false : stryMutAct_9fa48("747") ? true : (stryCov_9fa48("747", "748", "749"), (stryMutAct_9fa48("751") ? ip === undefined : stryMutAct_9fa48("750") ? true : (stryCov_9fa48("750", "751"), ip !== undefined)) && (stryMutAct_9fa48("753") ? ip.trim() !== h : stryMutAct_9fa48("752") ? true : (stryCov_9fa48("752", "753"), (stryMutAct_9fa48("754") ? ip : (stryCov_9fa48("754"), ip.trim())) === h)))));
    if (stryMutAct_9fa48("756") ? false : stryMutAct_9fa48("755") ? true : (stryCov_9fa48("755", "756"), same)) return stryMutAct_9fa48("757") ? `` : (stryCov_9fa48("757"), `${host} is this site's own ${same[0]} address; a relay must be another host (the mail would loop)`);
    return undefined;
  }
}
export type Answers = z.infer<typeof answersSchema>;
export type AnswersInput = z.input<typeof answersSchema>;
export type Relay = z.infer<typeof relaySchema>;
export type Network = z.infer<typeof networkSchema>;
export type DnsProviderAnswer = z.infer<typeof dnsProviderSchema>;
export type DyndnsAnswer = z.infer<typeof dyndnsSchema>;
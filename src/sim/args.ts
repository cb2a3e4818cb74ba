// Argument parsing the way PVE's CLIHandler (Getopt::Long over a JSON schema) does it, with
// its error texts: "Unknown option", "400 too many arguments", "400 not enough arguments",
// "400 Parameter verification failed.". All of them exit 255 (Perl die).
import { fail, type Outcome } from './types.js';

export type OptType = 'string' | 'int' | 'bool';

export interface CmdSpec {
  usage: string;
  positionals: string[];
  options: Record<string, OptType>;
  /** Accept `-- args...` after the positionals (extra-args). */
  extraArgs?: boolean;
}

export interface Parsed {
  pos: Record<string, string>;
  opts: Record<string, string>;
  extra: string[];
}

const BOOL = /^(0|1|on|off|yes|no|true|false)$/i;

export function boolVal(v: string | undefined): boolean {
  return v !== undefined && /^(1|on|yes|true)$/i.test(v);
}

export function paramError(spec: CmdSpec, errors: Record<string, string>): Outcome {
  const lines = Object.entries(errors).map(([k, v]) => `${k}: ${v}`);
  return fail(255, `400 Parameter verification failed.\n${lines.join('\n')}\n\n${spec.usage}\n`);
}

export function parseCmd(args: string[], spec: CmdSpec): Parsed | Outcome {
  const opts: Record<string, string> = {};
  const rest: string[] = [];
  let extra: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      if (!spec.extraArgs) return fail(255, `400 too many arguments\n${spec.usage}\n`);
      extra = args.slice(i + 1);
      break;
    }
    const tok = optionToken(a);
    if (tok) {
      const { name } = tok;
      const type = spec.options[name];
      if (!type) return fail(255, `Unknown option: ${name}\n400 unable to parse option\n${spec.usage}\n`);
      let value: string | undefined = tok.value;
      if (value === undefined) {
        const next = args[i + 1];
        if (type === 'bool' && (next === undefined || !BOOL.test(next))) value = '1';
        else if (next === undefined) return fail(255, `Option ${name} requires an argument\n400 unable to parse option\n${spec.usage}\n`);
        else {
          value = next;
          i++;
        }
      }
      if (name in opts) return paramError(spec, { [name]: 'duplicate parameter' });
      if (type === 'bool' && !BOOL.test(value)) return paramError(spec, { [name]: `type check ('boolean') failed - got '${value}'` });
      if (type === 'int' && !/^-?\d+$/.test(value)) return paramError(spec, { [name]: `type check ('integer') failed - got '${value}'` });
      opts[name] = type === 'bool' ? (boolVal(value) ? '1' : '0') : value;
      continue;
    }
    rest.push(a);
  }
  if (rest.length > spec.positionals.length) return fail(255, `400 too many arguments\n${spec.usage}\n`);
  if (rest.length < spec.positionals.length) return fail(255, `400 not enough arguments\n${spec.usage}\n`);
  const pos: Record<string, string> = {};
  spec.positionals.forEach((p, i) => (pos[p] = rest[i] as string));
  if ('vmid' in pos) {
    const v = pos.vmid as string;
    if (!/^\d+$/.test(v)) return paramError(spec, { vmid: 'type check (\'integer\') failed - got \'' + v + '\'' });
    if (Number(v) < 100) return paramError(spec, { vmid: `invalid format - value must be at least 100` });
  }
  return { pos, opts, extra };
}

export function isOutcome(x: Parsed | Outcome): x is Outcome {
  return 'exit' in x;
}

/** "k=v,k2=v2" property strings (net0, ipconfig0, features, agent). A bare first value is `key0`. */
export function propString(s: string, defaultKey?: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of s.split(',')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    // parse_property_string: `=value` has no key
    if (eq === 0) return `invalid format - missing key in '${part}'`;
    if (eq < 0) {
      if (!defaultKey || defaultKey in out) return `invalid format - missing '=' in '${part}'`;
      out[defaultKey] = part;
    } else out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** pve-tag-list: tags separated by ';', ',' or space; each [a-z0-9_][a-z0-9_\-+.]*. */
export function checkTags(s: string): string[] | string {
  const tags = s.split(/[;, ]+/).filter(Boolean);
  for (const t of tags) {
    if (!/^[a-z0-9_][a-z0-9_\-+.]*$/i.test(t)) return `invalid format - invalid characters in tag '${t}'`;
  }
  return tags;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
export function isIPv4(s: string): boolean {
  return IPV4.test(s);
}
/** pve-common's CIDRv4 (pve_verify_cidrv4): an IPv4 address and a prefix length from 8 to 32. */
export function isCidr4(s: string): boolean {
  const m = /^([^/]+)\/(\d+)$/.exec(s);
  return !!m && isIPv4(m[1] as string) && Number(m[2]) >= 8 && Number(m[2]) <= 32;
}
export function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
}
export function sameSubnet(cidr: string, ip: string): boolean {
  const [net, p] = cidr.split('/') as [string, string];
  const bits = Number(p);
  const m = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((ipToInt(net) & m) >>> 0) === ((ipToInt(ip) & m) >>> 0);
}

/** `--name`, `-name` or `--name=value` as Getopt::Long reads them; undefined for a positional. */
export function optionToken(a: string): { name: string; value?: string } | undefined {
  if (!/^--?[a-z]/i.test(a)) return undefined;
  const body = a.replace(/^--?/, '');
  const eq = body.indexOf('=');
  return eq >= 0 ? { name: body.slice(0, eq), value: body.slice(eq + 1) } : { name: body };
}

// @ts-nocheck
// `--host ssh://[USER@]HOST[:PORT]`, parsed without loading any transport (args.ts uses it).
// HOST is a DNS name, an IPv4 address, an IPv6 address in brackets ([::1], needed with a port)
// or a bare IPv6 address without a port (ssh://root@fe80::1, as OpenSSH reads it).
import { isIPv4, isIPv6 } from 'node:net';
import { UsageError } from '../cli/errors.js';

export interface SshTarget {
  user: string;
  host: string;
  port: number;
}

const FORM = 'expected ssh://root@HOST[:PORT], e.g. ssh://root@pve.example.lan, ssh://root@192.168.1.10:2222 or ssh://root@[2001:db8::10]:22';

function bad(target: string, what: string): UsageError {
  return new UsageError(`--host "${target}": ${what}; ${FORM}`, 'netsetup-wizard --help');
}

function hostnameProblem(h: string): string | undefined {
  if (h.length > 253) return 'the host name is longer than 253 characters';
  if (/^[0-9.]+$/.test(h)) return isIPv4(h) ? undefined : `"${h}" is not a valid IPv4 address`;
  for (const label of h.replace(/\.$/, '').split('.')) {
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label)) return `the host name "${h}" is not valid (letters, digits and inner hyphens per label, labels joined by dots)`;
  }
  return undefined;
}

export function parseSshTarget(target: string): SshTarget {
  if (!target.startsWith('ssh://')) throw bad(target, 'it does not start with ssh://');
  let rest = target.slice('ssh://'.length).replace(/\/$/, '');
  if (!rest) throw bad(target, 'the host is missing');
  let user = 'root';
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/.test(user)) throw bad(target, `the user "${user}" is not a valid login name`);
  }
  let host: string;
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) throw bad(target, 'the "[" of the IPv6 address is not closed');
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after && !after.startsWith(':')) throw bad(target, `unexpected "${after}" after the address`);
    portText = after ? after.slice(1) : undefined;
    if (!isIPv6(host)) throw bad(target, `"${host}" in brackets is not an IPv6 address`);
  } else if ((rest.match(/:/g) ?? []).length >= 2) {
    // Bare IPv6: no port possible (put the address in brackets to give one).
    host = rest;
    if (!isIPv6(host)) throw bad(target, `"${host}" is not a valid IPv6 address (write [ADDRESS]:PORT to give a port)`);
  } else {
    const colon = rest.indexOf(':');
    host = colon >= 0 ? rest.slice(0, colon) : rest;
    portText = colon >= 0 ? rest.slice(colon + 1) : undefined;
    if (!host) throw bad(target, 'the host is missing');
    const problem = hostnameProblem(host);
    if (problem) throw bad(target, problem);
  }
  let port = 22;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) throw bad(target, `the port "${portText}" must be a number from 1 to 65535`);
    port = Number(portText);
  }
  return { user, host, port };
}

/** The key of a host in the pin file and in messages: host:port, [v6]:port. */
export function hostPortLabel(t: Pick<SshTarget, 'host' | 'port'>): string {
  return isIPv6(t.host) ? `[${t.host}]:${t.port}` : `${t.host}:${t.port}`;
}

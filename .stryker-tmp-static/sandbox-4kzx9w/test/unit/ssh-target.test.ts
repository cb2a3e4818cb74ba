// @ts-nocheck
// --host ssh://… parsing: IPv6 in brackets (with or without port), bare IPv6 without port,
// names and IPv4; a bad target is a usage error (exit 2) that names --host and what is wrong.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { parseCli } from '../../src/cli/args.js';
import { hostPortLabel, parseSshTarget } from '../../src/host/sshTarget.js';
import { openSshHostName } from '../../src/host/knownHosts.js';

describe('ssh:// targets', () => {
  it.each([
    ['ssh://root@[::1]:22', { user: 'root', host: '::1', port: 22 }, '[::1]:22'],
    ['ssh://root@[::1]', { user: 'root', host: '::1', port: 22 }, '[::1]:22'],
    ['ssh://root@[2001:db8::10]:2222', { user: 'root', host: '2001:db8::10', port: 2222 }, '[2001:db8::10]:2222'],
    ['ssh://root@::1', { user: 'root', host: '::1', port: 22 }, '[::1]:22'],
    ['ssh://root@fe80::1:2', { user: 'root', host: 'fe80::1:2', port: 22 }, '[fe80::1:2]:22'],
    ['ssh://root@192.168.1.10:2222', { user: 'root', host: '192.168.1.10', port: 2222 }, '192.168.1.10:2222'],
    ['ssh://admin@pve.example.lan', { user: 'admin', host: 'pve.example.lan', port: 22 }, 'pve.example.lan:22'],
    ['ssh://pve', { user: 'root', host: 'pve', port: 22 }, 'pve:22'],
  ])('%s parses', (target, want, label) => {
    const t = parseSshTarget(target);
    expect(t).toEqual(want);
    expect(hostPortLabel(t)).toBe(label);
    // And the command line accepts it
    expect(parseCli(['relay', '--host', target]).host).toBe(target);
  });

  it.each([
    ['ssh://root@[::1:22', /the "\[" of the IPv6 address is not closed/],
    ['ssh://root@[example.com]:22', /"example.com" in brackets is not an IPv6 address/],
    ['ssh://root@[::1]22', /unexpected "22" after the address/],
    ['ssh://root@host:0', /the port "0" must be a number from 1 to 65535/],
    ['ssh://root@host:65536', /the port "65536" must be a number from 1 to 65535/],
    ['ssh://root@host:ssh', /the port "ssh" must be a number/],
    ['ssh://root@', /the host is missing/],
    ['ssh://root@:22', /the host is missing/],
    ['ssh://ro ot@host', /the user "ro ot" is not a valid login name/],
    ['ssh://root@999.1.1.1', /"999.1.1.1" is not a valid IPv4 address/],
    ['ssh://root@bad_host.lan', /the host name "bad_host.lan" is not valid/],
    ['ssh://root@12:34::zz', /"12:34::zz" is not a valid IPv6 address/],
  ])('%s is refused with exit 2, naming --host', (target, why) => {
    let err: unknown;
    try {
      parseCli(['relay', '--host', target]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/^--host "/);
    expect((err as Error).message).toMatch(why);
  });

  it('names hosts as OpenSSH known_hosts does: bare on port 22, [host]:port otherwise', () => {
    // sshd(8) SSH_KNOWN_HOSTS FILE FORMAT
    expect(openSshHostName('::1', 22)).toBe('::1');
    expect(openSshHostName('::1', 2222)).toBe('[::1]:2222');
    expect(openSshHostName('PVE.Example.LAN', 22)).toBe('pve.example.lan');
  });
});

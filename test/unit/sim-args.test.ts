// The simulator's argument validation (PVE's CLIHandler over a JSON schema). Error texts are
// the ones pve-common's PVE::JSONSchema::get_options and PVE::RESTHandler raise ("400 too many
// arguments", "400 not enough arguments", "400 Parameter verification failed.", Getopt::Long's
// "Unknown option"), all exit 255 (Perl die).
import { describe, expect, it } from 'vitest';
import { boolVal, checkTags, isCidr4, isIPv4, isOutcome, ipToInt, paramError, parseCmd, propString, sameSubnet, type CmdSpec } from '../../src/sim/args.js';

const SPEC: CmdSpec = { usage: 'USAGE: pct set <vmid> [OPTIONS]', positionals: ['vmid'], options: { memory: 'int', onboot: 'bool', tags: 'string' } };
const EXTRA: CmdSpec = { usage: 'USAGE: pct exec <vmid> [<extra-args>]', positionals: ['vmid'], options: {}, extraArgs: true };

const err = (args: string[], spec = SPEC) => {
  const r = parseCmd(args, spec);
  if (!isOutcome(r)) throw new Error(`expected a refusal, got ${JSON.stringify(r)}`);
  return r;
};

describe('parseCmd', () => {
  it('parses positionals, --opt value, --opt=value, -opt and bare booleans', () => {
    expect(parseCmd(['100', '--memory', '512', '--tags=a;b', '-onboot'], SPEC)).toEqual({ pos: { vmid: '100' }, opts: { memory: '512', tags: 'a;b', onboot: '1' }, extra: [] });
    expect(parseCmd(['--onboot', '0', '101'], SPEC)).toEqual({ pos: { vmid: '101' }, opts: { onboot: '0' }, extra: [] });
    expect(parseCmd(['--onboot', 'yes', '101'], SPEC)).toMatchObject({ opts: { onboot: '1' } });
    expect(parseCmd(['--onboot', 'off', '101'], SPEC)).toMatchObject({ opts: { onboot: '0' } });
    // A bool followed by a non-boolean word takes no value; the word is a positional
    expect(parseCmd(['--onboot', '102'], SPEC)).toEqual({ pos: { vmid: '102' }, opts: { onboot: '1' }, extra: [] });
    expect(parseCmd(['102', '--memory', '-5'], SPEC)).toMatchObject({ opts: { memory: '-5' } });
    // a bare boolean as the last word is true (Getopt's `:s` with nothing after it)
    expect(parseCmd(['102', '--onboot'], SPEC)).toEqual({ pos: { vmid: '102' }, opts: { onboot: '1' }, extra: [] });
    expect(parseCmd(['102', '-onboot', '--memory', '64'], SPEC)).toEqual({ pos: { vmid: '102' }, opts: { onboot: '1', memory: '64' }, extra: [] });
    expect(parseCmd(['100', '--', 'ls', '-l'], EXTRA)).toEqual({ pos: { vmid: '100' }, opts: {}, extra: ['ls', '-l'] });
  });

  it('refuses a duplicated option (stricter than PVE, on purpose: see the note in the test)', () => {
    // PVE's Getopt::Long keeps the last value of a repeated scalar option; the simulator refuses
    // it so that a wizard bug passing one option twice (which value was meant?) shows up.
    const r = err(['100', '--memory', '512', '--memory=1024']);
    expect(r.exit).toBe(255);
    expect(r.stderr).toBe('400 Parameter verification failed.\nmemory: duplicate parameter\n\nUSAGE: pct set <vmid> [OPTIONS]\n');
    expect(err(['100', '--onboot', '--onboot', '1']).stderr).toContain('onboot: duplicate parameter');
  });

  it('refuses unknown options, missing values, bad types and wrong argument counts with PVE texts', () => {
    expect(err(['100', '--nope', '1'])).toMatchObject({ exit: 255, stderr: 'Unknown option: nope\n400 unable to parse option\nUSAGE: pct set <vmid> [OPTIONS]\n' });
    expect(err(['100', '--memory']).stderr).toBe('Option memory requires an argument\n400 unable to parse option\nUSAGE: pct set <vmid> [OPTIONS]\n');
    expect(err(['100', '--memory', 'lots']).stderr).toContain("memory: type check ('integer') failed - got 'lots'");
    expect(err(['100', '--memory=1.5']).stderr).toContain("memory: type check ('integer') failed - got '1.5'");
    expect(err(['100', '--onboot=maybe']).stderr).toContain("onboot: type check ('boolean') failed - got 'maybe'");
    expect(err(['100', '101']).stderr).toBe('400 too many arguments\nUSAGE: pct set <vmid> [OPTIONS]\n');
    expect(err([]).stderr).toBe('400 not enough arguments\nUSAGE: pct set <vmid> [OPTIONS]\n');
    expect(err(['100', '--', 'x']).stderr).toBe('400 too many arguments\nUSAGE: pct set <vmid> [OPTIONS]\n');
    // The VMID: an integer of at least 100 (pve-vmid)
    expect(err(['abc']).stderr).toContain("vmid: type check ('integer') failed - got 'abc'");
    expect(err(['99']).stderr).toContain('vmid: invalid format - value must be at least 100');
    expect(err(['100x']).stderr).toContain("vmid: type check ('integer') failed - got '100x'");
    expect(err(['x100']).stderr).toContain("vmid: type check ('integer') failed - got 'x100'");
    expect(isOutcome(parseCmd(['100'], SPEC))).toBe(false);
    for (const r of [err(['99']), err([]), err(['100', '--nope'])]) {
      expect(r.exit).toBe(255);
      expect(r.stdout).toBe('');
      expect(r.mutated).toBe(false);
    }
  });

  it('paramError lists every field', () => {
    expect(paramError(SPEC, { a: 'x', b: 'y' }).stderr).toBe('400 Parameter verification failed.\na: x\nb: y\n\nUSAGE: pct set <vmid> [OPTIONS]\n');
  });
});

describe('property strings, tags and addresses', () => {
  it('propString splits k=v lists, with a default key for a bare first value', () => {
    expect(propString('name=eth0,bridge=vmbr0,,ip=dhcp')).toEqual({ name: 'eth0', bridge: 'vmbr0', ip: 'dhcp' });
    expect(propString('virtio=AA:BB,bridge=vmbr0', 'model')).toEqual({ virtio: 'AA:BB', bridge: 'vmbr0' });
    expect(propString('1,fstrim_cloned_disks=1', 'enabled')).toEqual({ enabled: '1', fstrim_cloned_disks: '1' });
    expect(propString('a=b=c')).toEqual({ a: 'b=c' });
    expect(propString('bare')).toBe("invalid format - missing '=' in 'bare'");
    // parse_property_string refuses a part with an empty key
    expect(propString('=vmbr0', 'bridge')).toBe("invalid format - missing key in '=vmbr0'");
    expect(propString('one,two', 'enabled')).toBe("invalid format - missing '=' in 'two'");
  });

  it('checkTags accepts ; , and space separators and refuses other characters', () => {
    expect(checkTags('netsetup;pmg')).toEqual(['netsetup', 'pmg']);
    expect(checkTags('a, b  c;;d')).toEqual(['a', 'b', 'c', 'd']);
    expect(checkTags('_x-1+2.3')).toEqual(['_x-1+2.3']);
    expect(checkTags(';netsetup,')).toEqual(['netsetup']);
    expect(checkTags('ok;bad/tag')).toBe("invalid format - invalid characters in tag 'bad/tag'");
    expect(checkTags('-lead')).toBe("invalid format - invalid characters in tag '-lead'");
  });

  it('IPv4, CIDR and subnet helpers', () => {
    for (const ok of ['0.0.0.0', '192.168.1.60', '255.255.255.255', '10.0.0.1']) expect(isIPv4(ok)).toBe(true);
    for (const bad of ['256.1.1.1', '1.2.3', '1.2.3.4.5', 'a.b.c.d', ' 1.2.3.4', '1.2.3.04x']) expect(isIPv4(bad)).toBe(false);
    expect(isCidr4('192.168.1.60/24')).toBe(true);
    expect(isCidr4('192.168.1.60/32')).toBe(true);
    expect(isCidr4('192.168.1.60/33')).toBe(false);
    expect(isCidr4('192.168.1.60')).toBe(false);
    // pve_verify_cidrv4: prefix lengths 8 to 32 only
    expect(isCidr4('10.0.0.0/8')).toBe(true);
    expect(isCidr4('10.0.0.0/7')).toBe(false);
    expect(isCidr4('0.0.0.0/0')).toBe(false);
    expect(isCidr4('x/10.0.0.1/24')).toBe(false);
    expect(isCidr4('10.0.0.1/24x')).toBe(false);
    expect(isCidr4('10.0.0.1/x24')).toBe(false);
    expect(isCidr4('/24')).toBe(false);
    expect(isCidr4('192.168.1.60/x')).toBe(false);
    expect(isCidr4('999.1.1.1/8')).toBe(false);
    expect(ipToInt('1.2.3.4')).toBe(0x01020304);
    expect(ipToInt('255.255.255.255')).toBe(0xffffffff);
    expect(sameSubnet('192.168.1.10/24', '192.168.1.200')).toBe(true);
    expect(sameSubnet('192.168.1.10/24', '192.168.2.1')).toBe(false);
    expect(sameSubnet('192.168.1.10/23', '192.168.0.1')).toBe(true);
    expect(sameSubnet('10.0.0.1/0', '8.8.8.8')).toBe(true);
    expect(sameSubnet('10.0.0.1/32', '10.0.0.2')).toBe(false);
    expect(boolVal('ON')).toBe(true);
    expect(boolVal('0')).toBe(false);
    for (const t of ['1', 'on', 'Yes', 'TRUE']) expect(boolVal(t), t).toBe(true);
    for (const f of ['off', 'no', 'false', 'xon', 'onx', 'yes!', '10']) expect(boolVal(f), f).toBe(false);
    expect(boolVal(undefined)).toBe(false);
  });
});

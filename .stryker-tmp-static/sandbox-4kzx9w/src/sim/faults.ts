// @ts-nocheck
// NETSETUP_SIM_FAIL: "<argv prefix>[, <argv prefix>…]". The first command (as run on the
// innermost target) whose argv starts with a prefix fails once; consumed prefixes are recorded in
// the state so "first" holds across simulator instances and processes.
import type { SimState } from './state.js';
import { fail, type Outcome } from './types.js';

export function faultPrefixes(env: Record<string, string | undefined>): string[][] {
  const raw = env.NETSETUP_SIM_FAIL ?? '';
  return raw.split(',').map((p) => p.trim().split(/\s+/).filter(Boolean)).filter((p) => p.length > 0);
}

/** The injected failure for `argv`, consuming the fault, or undefined. */
export function takeFault(st: SimState, env: Record<string, string | undefined>, argv: string[]): Outcome | undefined {
  for (const prefix of faultPrefixes(env)) {
    const key = prefix.join(' ');
    if (st.faultsConsumed.includes(key)) continue;
    if (prefix.length > argv.length || !prefix.every((w, i) => argv[i] === w)) continue;
    st.faultsConsumed.push(key);
    return fail(1, faultMessage(argv));
  }
  return undefined;
}

function faultMessage(argv: string[]): string {
  const [cmd, sub] = argv;
  const id = argv[2] ?? '';
  const two = `${cmd} ${sub ?? ''}`;
  switch (two) {
    case 'pct create':
      return `unable to create CT ${id} - command 'lxc-usernsexec -m u:0:100000:65536 -m g:0:100000:65536 -- tar xpf - --zstd --totals --one-file-system -p --sparse --numeric-owner --acls --xattrs -C /var/lib/lxc/${id}/rootfs --skip-old-files --anchored --exclude './dev/*'' failed: exit code 2`;
    case 'pct start':
      return `run_buffer: 571 Script exited with status 1\nlxc_init: 845 Failed to run lxc.hook.pre-start for container "${id}"\nstartup for container '${id}' failed`;
    case 'qm start':
      return `start failed: command '/usr/bin/kvm -id ${id} -name vm${id}' failed: got timeout`;
    case 'qm set':
      return `can't lock file '/var/lock/qemu-server/lock-${id}.conf' - got timeout`;
    case 'apt-get install':
      return "E: Failed to fetch http://download.proxmox.com/debian/dists/bookworm/pool/main.deb  Connection timed out [IP: 212.224.123.70 80]\nE: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?";
    case 'apt-get update':
      return "E: Failed to fetch http://download.proxmox.com/debian/dists/bookworm/InRelease  Temporary failure resolving 'download.proxmox.com'\nE: Some index files failed to download. They have been ignored, or old ones used instead.";
    case 'nixos-rebuild switch':
      return "building the system configuration...\nerror: builder for '/nix/store/7ymv5q1b2k3j4h5g6f7d8s9a0p1o2i3u-system-path.drv' failed with exit code 1\nerror: 1 dependencies of derivation '/nix/store/0a9s8d7f6g5h4j3k2l1q2w3e4r5t6y7u-nixos-system-nixos-24.11.drv' failed to build";
    case 'pveam download':
      return `download failed: 500 Can't connect to download.proxmox.com:80 (Temporary failure in name resolution)`;
    case 'pvesm add':
      return "create storage failed: pbs-client: error fetching datastores - 500 Can't connect to 127.0.0.1:8007 (Connection refused)";
    case 'pvesh create':
      return "500 can't lock file '/var/lock/pve-manager/pve-jobs.lck' - got timeout";
    default:
      if (cmd === 'qmrestore') return `command 'set -o pipefail && zstd -q -d -c ${sub ?? ''} | vma extract -v -r /var/tmp/vzdumptmp.fifo - /var/tmp/vzdumptmp' failed: exit code 133`;
      if (cmd === 'pmgsh') return `${sub === 'create' ? 'add' : 'update'} failed: can't lock file '/var/lock/pmgconfig.lck' - got timeout`;
      if (cmd === 'proxmox-backup-manager') return 'Error: EIO: Input/output error';
      if (cmd === 'systemctl') return 'Failed to connect to bus: No such file or directory';
      return `${cmd ?? ''}: Input/output error`;
  }
}

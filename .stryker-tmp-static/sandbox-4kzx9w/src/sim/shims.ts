// @ts-nocheck
// Shell shims so real processes (an sshd session in tests) run the simulator: each shim execs
// `node <sim.js> <name> "$@"` with the state dir from NETSETUP_SIM_DIR.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SHIM_COMMANDS = [
  'pct', 'qm', 'qmrestore', 'pvesh', 'pveam', 'pvesm', 'pveversion', 'df', 'apt-get', 'dpkg-query', 'systemctl',
  'proxmox-backup-manager', 'env', 'rm', 'cat', 'install', 'hostname', 'ss', 'sha256sum', 'chpasswd', 'passwd',
] as const;

function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function writeSimShims(binDir: string, simScript: string, nodePath: string = process.execPath): string[] {
  mkdirSync(binDir, { recursive: true });
  const written: string[] = [];
  for (const name of SHIM_COMMANDS) {
    const p = join(binDir, name);
    writeFileSync(p, `#!/bin/sh\n# netsetup-wizard simulator shim: ${name}\nexec ${q(nodePath)} ${q(simScript)} ${q(name)} "$@"\n`);
    chmodSync(p, 0o755);
    written.push(p);
  }
  return written;
}

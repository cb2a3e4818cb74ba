#!/usr/bin/env node
// Thin launcher: the real entry is the bundled CLI in dist/.
import('../dist/cli.js').catch((err) => {
  process.stderr.write(`netsetup-wizard: cannot start: ${err && err.message ? err.message : String(err)}\n`);
  process.exitCode = 1;
});

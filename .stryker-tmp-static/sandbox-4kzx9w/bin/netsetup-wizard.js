#!/usr/bin/env node
// @ts-nocheck
// Launcher (CommonJS: it starts faster than an ES module). `--version` and plain help are
// answered here without loading the program; everything else runs the bundled CLI in dist/.
'use strict';

const argv = process.argv.slice(2);
const COMMANDS = ['install', 'records', 'checks', 'relay', 'handover'];
const isHelp = (a) => a === '--help' || a === '-h';

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else if ((argv.length === 1 && isHelp(argv[0])) || (argv.length === 2 && COMMANDS.includes(argv[0]) && isHelp(argv[1]))) {
  const { HELP } = require('../dist/help.cjs');
  process.stdout.write(`${HELP[argv.length === 1 ? '' : argv[0]]}\n`);
} else {
  import('../dist/cli.js').catch((err) => {
    process.stderr.write(`netsetup-wizard: cannot start: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}

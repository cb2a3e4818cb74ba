// @ts-nocheck
// Entry point. Keeps start-up cheap: only argument parsing and help texts are loaded eagerly;
// each command (and with it the UI stack) is imported on demand.
import { parseCli, type ParsedArgs } from './args.js';
import { HELP, VERSION } from './help.js';
import { EXIT } from './errors.js';
import { formatError, exitCodeFor } from './report.js';
import { installInterruptOwner } from './interrupt.js';

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
}

async function dispatch(args: ParsedArgs, io: Io): Promise<number> {
  switch (args.command) {
    case 'records':
      return (await import('../commands/records.js')).runRecords(args, io);
    case 'checks':
      return (await import('../commands/checks.js')).runChecks(args, io);
    case 'install':
      return (await import('../commands/install.js')).runInstall(args, io);
    case 'relay':
      return (await import('../commands/relay.js')).runRelay(args, io);
    case 'handover':
      return (await import('../commands/handover.js')).runHandover(args, io);
    case 'menu':
      return (await import('../commands/menu.js')).runMenu(args, io);
  }
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const args = parseCli(argv);
    if (args.version) {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    if (args.help) {
      io.stdout.write(`${HELP[args.command === 'menu' ? '' : args.command]}\n`);
      return EXIT.ok;
    }
    return await dispatch(args, io);
  } catch (e) {
    io.stderr.write(formatError(e, io.env));
    return exitCodeFor(e);
  }
}

// Nothing here uses fetch, but Emscripten glue in Ink's layout engine probes `typeof fetch`,
// and Node's lazy getter then loads its whole HTTP client (~35 ms before the first frame).
Object.defineProperty(globalThis, 'fetch', { value: undefined, writable: true, configurable: true });

// Last line of defence: no stack trace (or minified source) ever reaches the technician.
const fatal = (e: unknown) => {
  process.stderr.write(`netsetup-wizard: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  if (process.env.NETSETUP_DEBUG === '1' && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(EXIT.failure);
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

const io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
// The one Ctrl-C owner, before any command (and listr2, Ink or readline) is loaded.
installInterruptOwner(io.stderr);
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`netsetup-wizard: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = EXIT.failure;
  },
);

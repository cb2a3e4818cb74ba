// @ts-nocheck
// Multi-call entry: `node dist/sim.js <command> [args…]` runs one simulated command against the
// host in $NETSETUP_SIM_DIR, with stdin passed through; exit status and output as the tool's.
import { runSim } from './run.js';

/** Only commands that consume stdin read it, so a session that never closes stdin cannot hang. */
function needsStdin(argv: string[]): boolean {
  return argv.some((a) => a === '/dev/stdin' || a === '--pass-stdin' || a === '-pass-stdin') || (argv[argv.length - 1] === 'cat' && argv.length >= 1) || argv[argv.length - 1] === 'chpasswd';
}

async function readStdin(argv: string[]): Promise<Buffer> {
  if (process.stdin.isTTY || !needsStdin(argv)) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const dir = process.env.NETSETUP_SIM_DIR;
  if (!dir) {
    process.stderr.write('netsetup simulator: NETSETUP_SIM_DIR is not set\n');
    return 2;
  }
  if (argv.length === 0) {
    process.stderr.write('usage: sim.js <command> [args...]\n');
    return 2;
  }
  const ac = new AbortController();
  process.once('SIGINT', () => ac.abort());
  process.once('SIGTERM', () => ac.abort());
  const r = await runSim(argv, { dir, stdin: await readStdin(argv), env: process.env, signal: ac.signal });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  return r.exit;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`netsetup simulator: ${(e as Error).message}\n`);
    process.exitCode = 70;
  },
);

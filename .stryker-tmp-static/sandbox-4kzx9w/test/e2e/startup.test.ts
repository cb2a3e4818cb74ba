// @ts-nocheck
// Start-up cost: which parts of the bundle each command loads. `--version`/`--help` must load
// nothing of the UI stack (React/Ink, listr2), of zod or of ssh2; `records` nothing of the UI.
// A preload with module hooks records every ES module the process loads.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, ROOT } from '../helpers/cli.js';
import { NODE18_BIN, NODE18_VERSION, node18Missing, run } from './packaging.js';
import { seededSim } from '../helpers/sim.js';

const TRACE = fileURLToPath(new URL('./fixtures/trace-imports.mjs', import.meta.url));
const DIST = join(ROOT, 'dist');

/** Strings that survive minification and identify a library inside a chunk. */
const MARKERS = {
  react: 'react.fragment',
  listr2: 'ListrError',
  ssh2: 'ssh2js',
  zod: 'ZodError',
} as const;
type Lib = keyof typeof MARKERS;

function libsIn(file: string): Lib[] {
  const text = readFileSync(file, 'utf8');
  return (Object.keys(MARKERS) as Lib[]).filter((k) => text.includes(MARKERS[k]));
}

async function loaded(node: string, args: string[]): Promise<{ files: string[]; bytes: number; libs: Lib[]; code: number | null }> {
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-trace-'));
  const trace = join(dir, 'trace.txt');
  try {
    const r = await run([node, '--import', TRACE, BIN, ...args], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, NETSETUP_TRACE_IMPORTS: trace, NETSETUP_LOG_DIR: dir, NO_COLOR: '1' }, cwd: dir });
    const files = [...new Set(readFileSync(trace, 'utf8').split('\n').filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u)))].filter((f) => f.startsWith(DIST));
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    return { files, bytes, libs: [...new Set(files.flatMap(libsIn))].sort(), code: r.code };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const node18Skip = node18Missing();
const NODES = [
  { name: `Node ${NODE18_VERSION}`, bin: NODE18_BIN, skip: node18Skip },
  { name: `machine Node ${process.version}`, bin: process.execPath, skip: undefined },
];

describe('the markers find their libraries in the bundle (so the checks below can fail)', () => {
  it('each library is in some chunk', () => {
    // Given every file of the built bundle
    const chunks = readdirSync(join(DIST, 'chunks')).map((f) => join(DIST, 'chunks', f));
    // Then each marker names at least one chunk
    expect([...new Set(chunks.flatMap(libsIn))].sort()).toEqual((Object.keys(MARKERS) as Lib[]).sort());
  });
});

describe.each(NODES)('$name', ({ bin, skip }) => {
  it.skipIf(Boolean(skip))('--version and --help load only the small entry', async () => {
    for (const args of [['--version'], ['--help'], ['install', '--help']]) {
      // When the CLI prints its version or help
      const r = await loaded(bin, args);
      // Then it loads none of the heavy libraries, and a few kilobytes of code in all
      expect(r.code).toBe(0);
      expect({ args, libs: r.libs }).toEqual({ args, libs: [] });
      // (the launcher answers these itself: no ES module of the program is loaded at all)
      expect(r.files.filter((f) => f.startsWith(DIST))).toEqual([]);
      expect(r.bytes, r.files.join('\n')).toBeLessThan(32 * 1024);
    }
  });

  it.skipIf(Boolean(skip))('records loads the schema but no UI and no SSH', async () => {
    // When the records are printed from an answers file
    const r = await loaded(bin, ['records', '--answers', join(ROOT, 'examples', 'standalone.yaml'), '--format', 'json']);
    // Then zod is loaded (validation) but nothing of React/Ink, listr2 or ssh2
    expect(r.code).toBe(0);
    expect(r.libs).toEqual(['zod']);
  });

  it.skipIf(Boolean(skip))('a dry run from an answers file against a simulated host loads no React/Ink and no ssh2', async () => {
    // When the plan is printed from an answers file (no interview)
    const sim = seededSim(tmpdir(), 'netsetup-trace-sim-');
    try {
      const r = await loaded(bin, ['install', '--answers', join(ROOT, 'examples', 'standalone.yaml'), '--dry-run', '--host', `sim:${sim}`]);
      // Then the interview's UI stack and the SSH transport stay unloaded
      expect(r.code).toBe(0);
      expect(r.libs).not.toContain('react');
      expect(r.libs).not.toContain('ssh2');
    } finally {
      rmSync(sim, { recursive: true, force: true });
    }
  });
});

// Bundle the CLI with esbuild. Code splitting keeps `--version`/`--help` on a tiny entry chunk:
// the UI stack (ink, react, listr2) lives in chunks that only load when a command needs them.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli/main.ts', sim: 'src/sim/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node18.19',
  minify: true,
  legalComments: 'none',
  jsx: 'automatic',
  chunkNames: 'chunks/[name]-[hash]',
  define: {
    'process.env.NETSETUP_VERSION': JSON.stringify(pkg.version),
    'process.env.NODE_ENV': '"production"',
  },
  // ssh2's optional native helpers are not needed: it falls back to pure JS.
  external: ['cpu-features', '*.node'],
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __nsCreateRequire } from 'node:module'; const require = __nsCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

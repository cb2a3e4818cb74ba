// @ts-nocheck
// Bundle the CLI with esbuild. Code splitting keeps `--version`/`--help` on a tiny entry chunk:
// the UI stack (ink, react, listr2) lives in chunks that only load when a command needs them.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Build into a fresh folder and swap it in, so a failed or concurrent build never leaves the
// tree without a working dist/.
const out = new URL(`../.dist-${process.pid}`, import.meta.url);
rmSync(out, { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli/main.ts', sim: 'src/sim/cli.ts' },
  outdir: out.pathname,
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
  plugins: [
    {
      // Ink loads its devtools (and with them ws and react-devtools-core) only when DEV=true:
      // ship an empty stand-in instead.
      name: 'no-devtools',
      setup(b) {
        b.onResolve({ filter: /^(react-devtools-core|\.\/devtools\.js)$/ }, (a) =>
          a.path === 'react-devtools-core' || /[\\/]ink[\\/]build[\\/]/.test(a.importer) ? { path: a.path, namespace: 'stub' } : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { connectToDevTools() {} };', loader: 'js' }));
      },
    },
  ],
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: [
      "import { createRequire as __nsCreateRequire } from 'node:module';",
      "import { fileURLToPath as __nsFileURLToPath } from 'node:url';",
      "import { dirname as __nsDirname } from 'node:path';",
      'const require = __nsCreateRequire(import.meta.url);',
      'const __filename = __nsFileURLToPath(import.meta.url);',
      'const __dirname = __nsDirname(__filename);',
    ].join(' '),
  },
  logLevel: 'warning',
});

// The help texts once more as a tiny CommonJS file: the launcher prints help without
// starting the ES module loader.
await build({
  entryPoints: ['src/cli/help.ts'],
  outfile: `${out.pathname}/help.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18.19',
  minify: true,
  define: { 'process.env.NETSETUP_VERSION': JSON.stringify(pkg.version) },
  logLevel: 'warning',
});

const dist = new URL('../dist', import.meta.url);
const old = new URL(`../.dist-old-${process.pid}`, import.meta.url);
try {
  renameSync(dist, old);
} catch {
  /* first build */
}
renameSync(out, dist);
rmSync(old, { recursive: true, force: true });


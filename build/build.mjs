// `npm run build`: the renderer with Vite into dist/renderer, the main-process entries with esbuild into dist/main.
// better-sqlite3 (a native addon) and electron stay external: they are loaded from node_modules at run time.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist');
const started = Date.now();

async function buildRenderer() {
  await viteBuild({
    root: path.join(root, 'renderer'),
    // Relative asset URLs work both from the web host (http://127.0.0.1:N/) and from app://shardscope/.
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir: path.join(out, 'renderer'),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      // The CSP forbids inline scripts and styles: everything must be a file.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      // One local bundle, loaded from disk or loopback: splitting it would buy nothing.
      chunkSizeWarningLimit: 4096,
    },
  });
}

// ESM bundles of CommonJS dependencies (ws) call require(); give them one.
const esmRequireBanner = "import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);";

const mainEntries = [
  { in: 'main/cli/web.ts', out: 'web.js', format: 'esm' },
  { in: 'main/electron/main.ts', out: 'electron.cjs', format: 'cjs' },
  { in: 'main/preload/index.ts', out: 'preload.cjs', format: 'cjs' },
  // The engine's entries: the command line and the worker thread.
  { in: 'main/cli/engine.ts', out: 'engine.js', format: 'esm', optional: true },
  { in: 'main/server/engine/worker/engineWorker.ts', out: 'engine-worker.js', format: 'esm', optional: true },
];

// `node build/build.mjs web preload` builds only those main entries (named by their output file); default: all.
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const quiet = process.argv.includes('--quiet');

async function buildMain() {
  const entries = mainEntries
    .filter((entry) => !entry.optional || existsSync(path.join(root, entry.in)))
    .filter((entry) => only.length === 0 || only.includes(entry.out.replace(/\.c?js$/, '')));
  await Promise.all(
    entries.map((entry) =>
      esbuild({
        entryPoints: [path.join(root, entry.in)],
        outfile: path.join(out, 'main', entry.out),
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: entry.format,
        sourcemap: true,
        external: ['electron', 'better-sqlite3', 'bufferutil', 'utf-8-validate'],
        banner: entry.format === 'esm' ? { js: esmRequireBanner } : undefined,
        logLevel: 'warning',
        // The engine host reads import.meta.url under ESM and falls back to __dirname in the CommonJS (Electron) bundle.
        logOverride: entry.format === 'cjs' ? { 'empty-import-meta': 'silent' } : undefined,
      }),
    ),
  );
  return entries.map((entry) => entry.out);
}

if (only.length === 0) await rm(path.join(out, 'main'), { recursive: true, force: true });
const [, built] = await Promise.all([buildRenderer(), buildMain()]);
if (!quiet) console.log(`Built dist/renderer and dist/main/{${built.join(',')}} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

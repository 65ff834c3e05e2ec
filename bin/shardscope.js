#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary is available (fetched on first start if it can be),
// otherwise one line saying why, then the web console. Options: --data-dir DIR, --engine-port N, and for the
// web console --port N and --no-open; --web skips the desktop app.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadElectronBinary, findElectronBinary } from '../build/electronBinary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const passed = args.filter((arg) => arg !== '--web');

let binary = webOnly ? { missing: 'asked for with --web' } : findElectronBinary(root);
if (!webOnly && 'missing' in binary && binary.missing.includes('not been downloaded')) {
  const download = downloadElectronBinary(root);
  binary = download.ok ? findElectronBinary(root) : { missing: `Electron binary missing and could not be downloaded: ${download.reason}` };
}

if ('path' in binary) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary.path, [root, ...passed], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  if (!webOnly) console.log(`Desktop app unavailable (${binary.missing}); starting the web console instead.`);
  process.argv = [process.argv[0] ?? 'node', path.join(root, 'dist', 'main', 'web.js'), ...passed];
  await import('../dist/main/web.js');
}

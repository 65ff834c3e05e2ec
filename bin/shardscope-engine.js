#!/usr/bin/env node
// `npx shardscope-engine`: runs the built engine CLI (dist/main/engine.js) when present, else the TypeScript
// source through tsx (a development checkout).
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'main', 'engine.js');

if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  // Resolved from this package, so it works whatever the current directory is.
  const tsx = import.meta.resolve('tsx');
  const child = spawn(process.execPath, ['--import', tsx, join(root, 'main', 'cli', 'engine.ts'), ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: process.cwd(),
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

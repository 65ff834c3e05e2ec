#!/usr/bin/env node
// `npx shardscope-engine`: runs the built engine CLI (dist/main/engine.js) when present, else the TypeScript
// source through tsx (a development checkout). Either way in a child node with a larger young generation: a read
// of 10,000 records makes tens of thousands of short-lived objects, and the default semi-space makes V8 collect
// (and copy) them several times per request (docs/engine-internals.md, "Memory").
// The child gets an IPC channel only so that it notices when this wrapper is gone: a SIGKILL here cannot be
// forwarded, but it closes the channel, and the engine stops on its 'disconnect'.
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_FLAGS = ['--max-semi-space-size=32'];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'main', 'engine.js');

// tsx is resolved from this package, so it works whatever the current directory is.
const entry = existsSync(built) ? [built] : ['--import', import.meta.resolve('tsx'), join(root, 'main', 'cli', 'engine.ts')];
const child = spawn(process.execPath, [...NODE_FLAGS, ...entry, ...process.argv.slice(2)], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], cwd: process.cwd() });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

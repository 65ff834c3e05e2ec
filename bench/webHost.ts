// The built web host (`npm run build` first) as the UI benchmarks start it: a fresh data folder, the engine on a
// given port; answers its address, token and a way to stop it. Also the flags they launch Debian's Chromium with.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../test/support/peers';

/** Quiet, headless-friendly Chromium: no GPU, no background traffic that would land in the timings. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function startWebHost(dataDir: string, enginePort: number) {
  const entry = join(repoRoot, 'dist', 'main', 'web.js');
  if (!existsSync(entry)) throw new Error('dist/main/web.js is missing: run `npm run build` first.');
  const child = spawn(process.execPath, [entry, '--port', '0', '--data-dir', dataDir, '--engine-port', String(enginePort), '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const found = /^Shardscope web console: (\S+)$/m.exec(out)?.[1];
      if (found && /Kinesis engine listening/.test(out)) resolve(found);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the web host exited (${code}):\n${out}`)));
  });
  const parsed = new URL(url);
  const token = new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '';
  return { origin: parsed.origin, token, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

// `npm run web -- [--port N] [--data-dir DIR] [--engine-port N] [--no-open]`: the console in a browser.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAppRuntime } from '../app/appRuntime';
import { LaunchOptionsError, parseLaunchOptions } from './launchOptions';
import { openBrowser } from '../server/webHostBrowser';
import { startWebHost } from '../server/webHost';
import { nodeSupportNotice } from './nodeSupport';
import { choosePort, rememberPort } from '../server/webHostPort';

// Both this source file (main/cli/web.ts) and its bundle (dist/main/web.js) sit two folders below the root.
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

function readVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

async function main(): Promise<void> {
  const notice = nodeSupportNotice();
  if (notice) console.log(notice);
  const options = parseLaunchOptions(process.argv.slice(2));
  const rendererDir = path.join(root, 'dist', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    console.warn(`Note: ${rendererDir} has no built renderer yet; run \`npm run build\`.`);
  }
  // No vault in web mode: custom connections' secrets stay in memory for this session (secretMissing after a restart).
  const runtime = await startAppRuntime(
    { version: readVersion(), dataDir: options.dataDir },
    { enginePort: options.enginePort, log: (line) => console.log(line) },
  );
  const portChoice = choosePort(options.port, options.dataDir);
  const host = await startWebHost({ dispatcher: runtime.dispatcher, rendererDir, port: portChoice.port, fallbackToAnyPort: portChoice.fallbackToAny });
  rememberPort(portChoice, options.dataDir, host.port);
  console.log(`Shardscope web console: ${host.url}`);
  console.log(`Data folder: ${options.dataDir}`);
  if (options.open && !openBrowser(host.url)) console.log('No default browser found here; open the address above yourself.');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Stopping (${signal})…`);
    void Promise.all([host.close(), runtime.close()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof LaunchOptionsError) console.error(error.message);
  else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') console.error(`That port is taken: ${error.message}`);
  else console.error(error);
  process.exit(1);
});

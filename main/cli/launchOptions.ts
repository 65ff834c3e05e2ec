// Command-line options shared by `npm start`, `npm run web` and the desktop shell, and the default data folder.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface LaunchOptions {
  dataDir: string;
  /** Web host port; 0 picks a free one; undefined (not given): the last launch's port when free (webHostPort). */
  port: number | undefined;
  open: boolean;
  enginePort: number | undefined;
}

export const launchUsage =
  'Options: --data-dir DIR  --port N (web host; 0 = any free port; default: the last port, when free)  --engine-port N  --no-open (web host: do not open a browser)';

export class LaunchOptionsError extends Error {
  override name = 'LaunchOptionsError';
}

export function parseLaunchOptions(argv: readonly string[], defaults: { dataDir: string; port?: number } = { dataDir: defaultDataDir() }): LaunchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'engine-port': { type: 'string' },
        'no-open': { type: 'boolean' },
        open: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new LaunchOptionsError(`${error instanceof Error ? error.message : String(error)}\n${launchUsage}`);
  }
  return {
    dataDir: path.resolve(values['data-dir'] ?? defaults.dataDir),
    port: values.port === undefined ? defaults.port : toPort(values.port, '--port'),
    enginePort: values['engine-port'] === undefined ? undefined : toPort(values['engine-port'], '--engine-port'),
    open: !values['no-open'],
  };
}

function toPort(text: string, flag: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new LaunchOptionsError(`${flag} must be a port number from 0 to 65535, got "${text}".\n${launchUsage}`);
  return port;
}

/** The OS's usual per-user application data folder. */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (platform === 'win32') return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), 'Shardscope');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'Shardscope');
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), 'Shardscope');
}

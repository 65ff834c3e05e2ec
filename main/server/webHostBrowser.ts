// Opening the console in the user's default browser, only where there is one to open.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export interface Opener {
  command: string;
  args: string[];
}

/** The command that opens a URL in the default browser here, or null when there is none (no opener, no display). */
export function browserOpener(url: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): Opener | null {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  const command = findOnPath('xdg-open', env.PATH ?? '');
  return command ? { command, args: [url] } : null;
}

export function openBrowser(url: string): boolean {
  const opener = browserOpener(url);
  if (!opener) return false;
  try {
    const child = spawn(opener.command, opener.args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string, searchPath: string): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

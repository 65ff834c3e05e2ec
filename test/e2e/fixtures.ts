// One `app` fixture, two shells: the web host in Debian Chromium, or the desktop app through Playwright's _electron.
// The specs do not know which one they run in.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, _electron, type Page } from '@playwright/test';
import { findElectronBinary } from '../../build/electronBinary.mjs';
import { tempDir } from '../support/tempDir';

export interface ShellOptions {
  shell: 'web' | 'electron';
}

export interface AppUnderTest {
  page: Page;
  shell: 'web' | 'electron';
  dataDir: string;
}

export const root = path.resolve(import.meta.dirname, '..', '..');
export const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

export interface WebHostProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
}

/** The web console in a child process: any free port unless `port` says otherwise (null: no --port at all). */
export async function startWebHost(options: { port?: string | null; dataDir?: string } = {}): Promise<WebHostProcess> {
  const entry = path.join(root, 'dist', 'main', 'web.js');
  if (!existsSync(entry)) throw new Error('dist/main/web.js is missing: run `npm run build` before the e2e tests.');
  const dataDir = options.dataDir ?? tempDir('e2e').path;
  const port = options.port === undefined ? '0' : options.port;
  const child = spawn(process.execPath, [entry, ...(port === null ? [] : ['--port', port]), '--data-dir', dataDir, '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^Shardscope web console: (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)$/m.exec(out);
      if (match?.[1]) resolve({ url: match[1], dataDir, child });
    });
    child.once('exit', (code) => reject(new Error(`the web host exited (${code}):\n${out}`)));
  });
}

export const test = base.extend<{ app: AppUnderTest }, ShellOptions & { webHost: WebHostProcess | null }>({
  shell: ['web', { option: true, scope: 'worker' }],

  webHost: [
    async ({ shell }, use) => {
      if (shell !== 'web') return use(null);
      const host = await startWebHost();
      await use(host);
      host.child.kill('SIGTERM');
    },
    { scope: 'worker' },
  ],

  app: async ({ shell, webHost, playwright, launchOptions }, use, testInfo) => {
    if (shell === 'web') {
      if (!webHost) throw new Error('no web host');
      const browser = await playwright.chromium.launch(launchOptions);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(webHost.url);
      await use({ page, shell, dataDir: webHost.dataDir });
      await browser.close();
      return;
    }
    const binary = findElectronBinary(root);
    if ('missing' in binary) {
      testInfo.skip(true, `no Electron binary here: ${binary.missing}. These specs run through the desktop shell where the binary exists.`);
      return;
    }
    const dataDir = tempDir('e2e-electron').path;
    const electronApp = await _electron.launch({ executablePath: binary.path, args: [root, '--data-dir', dataDir], cwd: root });
    const page = await electronApp.firstWindow();
    await page.setViewportSize({ width: 1280, height: 800 });
    await use({ page, shell, dataDir });
    await electronApp.close();
  },
});

export { expect } from '@playwright/test';

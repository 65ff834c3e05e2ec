// The desktop shell: one window on app://shardscope, the dispatcher on one IPC channel, and nothing else.
// Logic worth testing lives in the small modules next to this file; this file only wires them to Electron.
import path from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, nativeTheme, protocol, safeStorage, screen, session } from 'electron';
import { startAppRuntime, type AppRuntime } from '../app/appRuntime';
import { parseLaunchOptions } from '../cli/launchOptions';
import { createAppProtocolHandler } from './appProtocol';
import { denyPermissions, hardenContents } from './guards';
import { APP_HOST, APP_SCHEME, attachIpcBridge } from './ipcBridge';
import { shardscopeArgs } from './launchArgs';
import { menuTemplate } from './menu';
import { safeStorageVault } from './safeStorageVault';
import { loadWindowState, MIN_SIZE, saveWindowState, trackWindowState, windowStateFile } from './windowState';

const options = parseLaunchOptions(shardscopeArgs(process.argv.slice(1)));
// dist/main/electron.cjs → dist/renderer and dist/main/preload.cjs
const rendererDir = path.join(__dirname, '..', 'renderer');
const preload = path.join(__dirname, 'preload.cjs');

app.setName('Shardscope');
app.setPath('userData', options.dataDir);
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let runtime: AppRuntime | null = null;
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.whenReady().then(start, (error: unknown) => fail(error));
}

async function start(): Promise<void> {
  denyPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
  // After 'ready', so safeStorage knows whether a keychain is there; without one, secrets are not persisted.
  const vault = safeStorageVault(safeStorage);
  if (!vault) console.log('No OS keychain available: custom connections\' secrets will be asked for again after a restart.');
  runtime = await startAppRuntime(
    { version: app.getVersion(), dataDir: options.dataDir, electron: process.versions.electron, chrome: process.versions.chrome },
    { enginePort: options.enginePort, log: (line) => console.log(line), ...(vault ? { vault } : {}) },
  );
  attachIpcBridge({
    ipcMain,
    dispatcher: runtime.dispatcher,
    onRejected: (event) => console.warn(`Ignored a message on the RPC channel from ${event.senderFrame?.url ?? 'a destroyed frame'}`),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform)));
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

function openWindow(): void {
  const stateFile = windowStateFile(options.dataDir);
  const initial = loadWindowState(stateFile, screen.getAllDisplays());
  const win = new BrowserWindow({
    width: initial.width,
    height: initial.height,
    ...(initial.x !== undefined && initial.y !== undefined ? { x: initial.x, y: initial.y } : {}),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Shardscope',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0e1115' : '#f5f6f8',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (initial.maximized) win.maximize();
  trackWindowState(win, (state) => {
    try {
      saveWindowState(stateFile, state);
    } catch (error) {
      console.warn(`Could not save the window position: ${String(error)}`);
    }
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
  void win.loadURL(`${APP_SCHEME}://${APP_HOST}/index.html`);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !runtime) return;
  quitting = true;
  event.preventDefault();
  const closing = runtime.close();
  runtime = null;
  void closing.finally(() => app.quit());
});

function fail(error: unknown): void {
  console.error(error);
  app.exit(1);
}

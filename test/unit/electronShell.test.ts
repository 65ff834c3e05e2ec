// The desktop shell's logic, against fakes whose types the compiler ties to Electron's own (see the
// `_electronFits` checks next to each interface in main/electron).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { IpcMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL, PROTOCOL_VERSION } from '../../shared/contract/index';
import { createAppDispatcher } from '../../main/app/appHandlers';
import { createEngineStateStore } from '../../main/app/localEngineSupervisor';
import { APP_CSP, createAppProtocolHandler } from '../../main/electron/appProtocol';
import { denyPermissions, hardenContents, type GuardedContents, type PermissionSession, type PreventableEvent } from '../../main/electron/guards';
import { attachIpcBridge, isTrustedSender, type BridgeContents, type BridgeEvent, type BridgeFrame, type BridgeListener, type IpcMainLike } from '../../main/electron/ipcBridge';
import { shardscopeArgs } from '../../main/electron/launchArgs';
import { menuTemplate } from '../../main/electron/menu';
import { DEFAULT_SIZE, loadWindowState, saveWindowState, trackWindowState, type TrackedWindow } from '../../main/electron/windowState';
import { tempDir } from '../support/tempDir';

// The fake must fit where Electron's ipcMain fits, and Electron's ipcMain where the fake's interface is asked for.
const _tie: (real: Pick<IpcMain, 'on' | 'removeListener'>) => IpcMainLike = (real) => real;

class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, Set<BridgeListener>>();
  on(channel: string, listener: BridgeListener): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)?.add(listener);
    return this;
  }
  removeListener(channel: string, listener: BridgeListener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  emit(event: BridgeEvent, frame: unknown): void {
    for (const listener of this.listeners.get(IPC_CHANNEL) ?? []) listener(event, frame);
  }
}

class FakeContents implements BridgeContents {
  readonly sent: unknown[] = [];
  private readonly handlers = new Map<string, () => void>();
  destroyed = false;
  constructor(
    readonly id: number,
    readonly mainFrame: BridgeFrame,
  ) {}
  send(channel: string, ...args: unknown[]): void {
    if (channel === IPC_CHANNEL) this.sent.push(JSON.parse(String(args[0])));
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  once(event: string, listener: () => void): this {
    this.handlers.set(event, listener);
    return this;
  }
  fire(event: 'destroyed' | 'did-navigate' | 'render-process-gone'): void {
    this.handlers.get(event)?.();
  }
}

const appFrame: BridgeFrame = { url: 'app://shardscope/index.html' };

function bridgeSetup() {
  const ipcMain = new FakeIpcMain();
  const { dispatcher } = createAppDispatcher({ identity: { version: '1.2.3', dataDir: '/data', electron: '45.5.0', chrome: '140.0' }, engine: createEngineStateStore() });
  const rejected: BridgeEvent[] = [];
  const detach = attachIpcBridge({ ipcMain, dispatcher, onRejected: (event) => rejected.push(event) });
  return { ipcMain, dispatcher, rejected, detach };
}

const hello = JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, client: 'test' });
const callInfo = JSON.stringify({ type: 'call', id: 'i', command: 'app.info', params: {} });

describe('IPC sender check', () => {
  it('trusts only the main frame of our own app:// page', () => {
    const contents = new FakeContents(1, appFrame);
    expect(isTrustedSender({ sender: contents, senderFrame: appFrame })).toBe(true);
    expect(isTrustedSender({ sender: contents, senderFrame: { url: 'app://shardscope/index.html' } })).toBe(false);
    expect(isTrustedSender({ sender: contents, senderFrame: null })).toBe(false);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'http://127.0.0.1:1/', 'not a url']) {
      const frame = { url };
      expect(isTrustedSender({ sender: new FakeContents(2, frame), senderFrame: frame }), url).toBe(false);
    }
  });
});

describe('IPC bridge', () => {
  it('serves the dispatcher to a trusted window, with transport electron', async () => {
    const { ipcMain } = bridgeSetup();
    const contents = new FakeContents(1, appFrame);
    ipcMain.emit({ sender: contents, senderFrame: appFrame }, hello);
    ipcMain.emit({ sender: contents, senderFrame: appFrame }, callInfo);
    await vi.waitFor(() => expect(contents.sent).toHaveLength(2));
    expect(contents.sent[0]).toMatchObject({ type: 'welcome', protocol: PROTOCOL_VERSION, server: { version: '1.2.3' } });
    expect(contents.sent[1]).toMatchObject({ type: 'result', id: 'i', result: { transport: 'electron', versions: { electron: '45.5.0' } } });
  });

  it('ignores messages from subframes and foreign pages', () => {
    const { ipcMain, rejected, dispatcher } = bridgeSetup();
    const foreign = { url: 'https://evil.example/' };
    const contents = new FakeContents(1, foreign);
    ipcMain.emit({ sender: contents, senderFrame: foreign }, hello);
    const framed = new FakeContents(2, appFrame);
    ipcMain.emit({ sender: framed, senderFrame: { url: 'app://shardscope/frame.html' } }, hello);
    expect(rejected).toHaveLength(2);
    expect(contents.sent).toEqual([]);
    expect(framed.sent).toEqual([]);
    expect(dispatcher.stats().sessions).toBe(0);
  });

  it('answers non-text frames with an error instead of failing', async () => {
    const { ipcMain } = bridgeSetup();
    const contents = new FakeContents(1, appFrame);
    ipcMain.emit({ sender: contents, senderFrame: appFrame }, { type: 'hello' });
    await vi.waitFor(() => expect(contents.sent).toEqual([{ type: 'error', id: null, error: { code: 'BadFrame', message: 'A frame must be JSON text.' } }]));
  });

  it.each(['destroyed', 'did-navigate', 'render-process-gone'] as const)('ends the session and its subscriptions on %s', async (event) => {
    const { ipcMain, dispatcher } = bridgeSetup();
    const contents = new FakeContents(7, appFrame);
    ipcMain.emit({ sender: contents, senderFrame: appFrame }, hello);
    ipcMain.emit({ sender: contents, senderFrame: appFrame }, JSON.stringify({ type: 'subscribe', id: 's', topic: 'diag.count', params: {} }));
    await vi.waitFor(() => expect(dispatcher.stats().subscriptions).toHaveLength(1));
    contents.fire(event);
    expect(dispatcher.stats()).toEqual({ sessions: 0, subscriptions: [] });
    // A reloaded page starts a new session with a fresh handshake.
    ipcMain.emit({ sender: contents, senderFrame: appFrame }, hello);
    await vi.waitFor(() => expect(contents.sent.filter((frame) => (frame as { type: string }).type === 'welcome')).toHaveLength(2));
  });

  it('detaching removes the channel listener', () => {
    const { ipcMain, detach } = bridgeSetup();
    expect(ipcMain.listeners.get(IPC_CHANNEL)?.size).toBe(1);
    detach();
    expect(ipcMain.listeners.get(IPC_CHANNEL)?.size).toBe(0);
  });
});

describe('guards', () => {
  it('prevents navigation, redirects and webviews, and denies window.open', () => {
    const handlers = new Map<string, (event: PreventableEvent) => void>();
    let openHandler: (() => { action: 'deny' }) | null = null;
    const contents: GuardedContents = {
      on(event: string, listener: (event: PreventableEvent) => void) {
        handlers.set(event, listener);
        return contents;
      },
      setWindowOpenHandler(handler) {
        openHandler = handler;
      },
    };
    hardenContents(contents);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      handlers.get(event)?.({ preventDefault });
      expect(preventDefault, event).toHaveBeenCalledOnce();
    }
    expect(openHandler).not.toBeNull();
    expect(openHandler!()).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] = null;
    let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] = null;
    const session: PermissionSession = {
      setPermissionRequestHandler: (handler) => void (request = handler),
      setPermissionCheckHandler: (handler) => void (check = handler),
    };
    denyPermissions(session);
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation'] as const) {
      request!(null as never, permission, (granted) => answers.push(granted), { requestingUrl: 'app://shardscope/', isMainFrame: true } as never);
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(check!(null, 'media', 'app://shardscope', { isMainFrame: true } as never)).toBe(false);
  });
});

describe('app:// protocol', () => {
  const dir = tempDir('app').path;
  const renderer = path.join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Shardscope</title>');
  writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  const handle = createAppProtocolHandler(renderer);

  it('serves the renderer with the strict CSP', async () => {
    const response = await handle(new Request('app://shardscope/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(APP_CSP).toContain("connect-src 'none'");
    expect(APP_CSP).not.toContain('unsafe');
    expect(await response.text()).toContain('<title>Shardscope</title>');
  });

  it('refuses other hosts, other methods and paths outside the renderer', async () => {
    for (const request of [
      new Request('app://elsewhere/index.html'),
      new Request('app://shardscope/index.html', { method: 'POST', body: 'x' }),
      new Request('app://shardscope/%2e%2e/secret.txt'),
      new Request('app://shardscope/missing.js'),
    ]) {
      const response = await handle(request);
      expect(response.status, `${request.method} ${request.url}`).toBe(404);
      expect(await response.text()).not.toContain('outside');
    }
  });
});

describe('window state', () => {
  const display = { workArea: { x: 0, y: 0, width: 1920, height: 1080 } };

  it('reopens where it was saved, maximized or not', () => {
    const file = path.join(tempDir('win').path, 'nested', 'window-state.json');
    saveWindowState(file, { bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: true });
    expect(loadWindowState(file, [display])).toEqual({ x: 100, y: 80, width: 1400, height: 900, maximized: true });
  });

  it('drops a position that is on no display any more, and falls back on a missing or corrupt file', () => {
    const file = path.join(tempDir('win').path, 'window-state.json');
    saveWindowState(file, { bounds: { x: 3000, y: 200, width: 1000, height: 700 }, maximized: false });
    expect(loadWindowState(file, [display])).toEqual({ width: 1000, height: 700, maximized: false });
    writeFileSync(file, '{"bounds": "nope"');
    expect(loadWindowState(file, [display])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    expect(loadWindowState(path.join(path.dirname(file), 'absent.json'), [display])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('saves after moves settle and when the window closes', () => {
    vi.useFakeTimers();
    try {
      const listeners = new Map<string, () => void>();
      let bounds = { x: 10, y: 20, width: 1000, height: 700 };
      const win: TrackedWindow = {
        getNormalBounds: () => bounds,
        isMaximized: () => false,
        on: (event, listener) => listeners.set(event, listener),
      };
      const saved: unknown[] = [];
      trackWindowState(win, (state) => saved.push(state), 100);
      listeners.get('moved')?.();
      bounds = { ...bounds, x: 50 };
      listeners.get('resized')?.();
      expect(saved).toEqual([]);
      vi.advanceTimersByTime(100);
      expect(saved).toEqual([{ bounds: { x: 50, y: 20, width: 1000, height: 700 }, maximized: false }]);
      bounds = { ...bounds, width: 1200 };
      listeners.get('close')?.();
      expect(saved).toHaveLength(2);
      expect(saved[1]).toMatchObject({ bounds: { width: 1200 } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes JSON a person can read', () => {
    const file = path.join(tempDir('win').path, 'window-state.json');
    saveWindowState(file, { bounds: { x: 1, y: 2, width: 900, height: 600 }, maximized: false });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ bounds: { x: 1, y: 2, width: 900, height: 600 }, maximized: false });
  });
});

describe('menu and arguments', () => {
  it('uses the platform roles', () => {
    expect(menuTemplate('darwin').map((item) => item.role)).toEqual(['appMenu', 'fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    expect(menuTemplate('linux').map((item) => item.role)).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
  });

  it('keeps only Shardscope options out of an Electron command line', () => {
    expect(shardscopeArgs(['--inspect=0', '--remote-debugging-port=0', '/app', '--data-dir', '/tmp/d', '--engine-port=4600', '--no-sandbox', '--no-open'])).toEqual([
      '--data-dir',
      '/tmp/d',
      '--engine-port=4600',
      '--no-open',
    ]);
  });
});

describe('preload', () => {
  it('exposes only send and onFrame, on the one channel', async () => {
    const exposed = new Map<string, unknown>();
    const sent: unknown[][] = [];
    const listeners = new Set<(event: unknown, frame: unknown) => void>();
    // Electron itself cannot run here; stand in for its two preload APIs (a boundary, not our code).
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        send: (...args: unknown[]) => sent.push(args),
        on: (_channel: string, listener: (event: unknown, frame: unknown) => void) => listeners.add(listener),
        removeListener: (_channel: string, listener: (event: unknown, frame: unknown) => void) => listeners.delete(listener),
      },
    }));
    await import('../../main/preload/index');
    vi.doUnmock('electron');
    expect([...exposed.keys()]).toEqual(['shardscopeBridge']);
    const bridge = exposed.get('shardscopeBridge') as { send(frame: unknown): void; onFrame(listener: (frame: string) => void): () => void };
    expect(Object.keys(bridge).sort()).toEqual(['onFrame', 'send']);
    bridge.send('{"type":"hello"}');
    bridge.send({ not: 'text' });
    expect(sent).toEqual([[IPC_CHANNEL, '{"type":"hello"}']]);
    const got: string[] = [];
    const off = bridge.onFrame((frame) => got.push(frame));
    for (const listener of listeners) listener({}, '{"type":"welcome"}');
    for (const listener of listeners) listener({}, 42);
    expect(got).toEqual(['{"type":"welcome"}']);
    off();
    expect(listeners.size).toBe(0);
  });
});

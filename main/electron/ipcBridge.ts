// The IPC transport: one channel, frames as JSON text, and a sender check on every message. Only the main frame
// of a window showing our own app:// page may talk to main; anything else is ignored.
import type { IpcMain, WebContents, WebFrameMain } from 'electron';
import { IPC_CHANNEL, type ContractDef } from '../../shared/contract/index';
import type { Dispatcher, Session } from '../rpc/dispatcher';

export type BridgeFrame = Pick<WebFrameMain, 'url'>;

/** The part of a window's WebContents the bridge uses; Electron's WebContents has all of it. */
export interface BridgeContents {
  readonly id: number;
  readonly mainFrame: BridgeFrame;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
  once(event: 'did-navigate', listener: () => void): unknown;
  once(event: 'render-process-gone', listener: () => void): unknown;
}

/** The part of an IpcMainEvent the bridge reads. */
export interface BridgeEvent {
  readonly senderFrame: BridgeFrame | null;
  readonly sender: BridgeContents;
}

export type BridgeListener = (event: BridgeEvent, frame: unknown) => void;

export interface IpcMainLike {
  on(channel: string, listener: BridgeListener): unknown;
  removeListener(channel: string, listener: BridgeListener): unknown;
}

// Compile-time ties to Electron's own types: if Electron's ipcMain or WebContents stop fitting, tsc fails here,
// and the fakes in the unit tests (typed with these interfaces) stop standing for the real objects.
export const _electronFits = (ipcMain: Pick<IpcMain, 'on' | 'removeListener'>, contents: WebContents): [IpcMainLike, BridgeContents] => [ipcMain, contents];

export const APP_SCHEME = 'app';
export const APP_HOST = 'shardscope';

/** True for app://shardscope/… — the only pages allowed to use the bridge. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

export function isTrustedSender(event: BridgeEvent): boolean {
  const frame = event.senderFrame;
  // A frame that navigated away or was destroyed, or a subframe, never talks to main.
  if (!frame || frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url);
}

export interface IpcBridgeOptions<C extends ContractDef> {
  ipcMain: IpcMainLike;
  dispatcher: Dispatcher<C>;
  /** Told about messages from senders that failed the check. */
  onRejected?: (event: BridgeEvent) => void;
}

/** Serves the dispatcher on the IPC channel: one session per window, ended when the page reloads or the window goes. */
export function attachIpcBridge<C extends ContractDef>(options: IpcBridgeOptions<C>): () => void {
  const sessions = new Map<number, Session>();

  const sessionFor = (contents: BridgeContents): Session => {
    const existing = sessions.get(contents.id);
    if (existing) return existing;
    const session = options.dispatcher.connect({
      transport: 'electron',
      send: (frame) => {
        if (!contents.isDestroyed()) contents.send(IPC_CHANNEL, frame);
      },
      // A window whose handshake failed is left alone: its page shows the error; nothing more is answered.
      close: () => end(),
    });
    const end = () => {
      if (sessions.get(contents.id) !== session) return;
      sessions.delete(contents.id);
      session.disconnect();
    };
    contents.once('destroyed', end);
    contents.once('did-navigate', end);
    contents.once('render-process-gone', end);
    sessions.set(contents.id, session);
    return session;
  };

  const listener: BridgeListener = (event, frame) => {
    if (!isTrustedSender(event)) {
      options.onRejected?.(event);
      return;
    }
    sessionFor(event.sender).receive(frame);
  };

  options.ipcMain.on(IPC_CHANNEL, listener);
  return () => {
    options.ipcMain.removeListener(IPC_CHANNEL, listener);
    for (const session of sessions.values()) session.disconnect();
    sessions.clear();
  };
}

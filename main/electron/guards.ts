// Hardening for every WebContents and the session: no navigation away, no new windows, no webviews, no permissions.
import type { Session, WebContents } from 'electron';

export interface PreventableEvent {
  preventDefault(): void;
}

/** The part of WebContents the guards use; Electron's WebContents has all of it. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
}

export type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

export const _electronFits = (contents: WebContents): GuardedContents => contents;

/** The app is one page: any navigation (a dropped file, a stray link, a redirect) is refused, and so is window.open. */
export function hardenContents(contents: GuardedContents): void {
  const refuse = (event: PreventableEvent) => event.preventDefault();
  contents.on('will-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', refuse);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Shardscope needs no camera, notifications, clipboard-read or any other permission: every request is denied. */
export function denyPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

// Remembers the window's size, position and maximized state in <data dir>/window-state.json.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Display, Rectangle } from 'electron';
import { z } from 'zod';

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 880, height: 560 };
/** How much of the title bar must stay on a display for a saved position to be reused. */
const VISIBLE_MARGIN = 64;

const savedSchema = z.object({
  bounds: z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() }),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof savedSchema>;

/** Where to open: a position only if it is still on one of the displays (monitors get unplugged). */
export interface InitialWindow {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export function windowStateFile(dataDir: string): string {
  return path.join(dataDir, 'window-state.json');
}

export function loadWindowState(file: string, displays: readonly Pick<Display, 'workArea'>[]): InitialWindow {
  let saved: WindowState;
  try {
    saved = savedSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { ...DEFAULT_SIZE, maximized: false };
  }
  const width = Math.max(MIN_SIZE.width, saved.bounds.width);
  const height = Math.max(MIN_SIZE.height, saved.bounds.height);
  const visible = displays.some(({ workArea }) => titleBarVisible(saved.bounds, workArea));
  return visible ? { width, height, x: saved.bounds.x, y: saved.bounds.y, maximized: saved.maximized } : { width, height, maximized: saved.maximized };
}

function titleBarVisible(bounds: Rectangle, area: Rectangle): boolean {
  const left = Math.max(bounds.x, area.x);
  const right = Math.min(bounds.x + bounds.width, area.x + area.width);
  const top = bounds.y;
  return right - left >= VISIBLE_MARGIN && top >= area.y && top <= area.y + area.height - VISIBLE_MARGIN / 2;
}

export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}

/** The part of BrowserWindow the tracker uses; Electron's BrowserWindow has all of it. */
export interface TrackedWindow {
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
  on(event: 'resized' | 'moved' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

export const _electronFits = (win: BrowserWindow): TrackedWindow => win;

/** Saves after the user stops moving or resizing, and once more when the window closes. */
export function trackWindowState(win: TrackedWindow, save: (state: WindowState) => void, debounceMs = 400): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const snapshot = (): WindowState => ({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      save(snapshot());
    }, debounceMs);
  };
  for (const event of ['resized', 'moved', 'maximize', 'unmaximize'] as const) win.on(event, later);
  win.on('close', () => {
    if (timer) clearTimeout(timer);
    timer = null;
    save(snapshot());
  });
}

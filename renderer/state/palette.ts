// What the command palette lists. Features describe their own entries as sources and register them (the app shell
// registers the always-available ones; a mounted screen may add more while it is shown), so a new screen adds
// commands without editing the palette.
import { useEffect } from 'react';
import type { ConnectionHealth } from '../../shared/contract/connections';
import type { AppClient } from '../api/connect';
import { createStore, type Store } from './store';

export interface PaletteEntry {
  id: string;
  label: string;
  group: string;
  hint?: string;
  /** Shown as a health dot (and, when failing, as the hint). */
  health?: ConnectionHealth;
  /** Also listed when the palette opens as the connection picker (Ctrl/Cmd+Shift+K). */
  connectionPicker?: boolean;
  run(): Promise<void> | void;
}

export interface PaletteSource {
  id: string;
  /** The entries as of now; called whenever the open palette renders. */
  entries(client: AppClient | null): PaletteEntry[];
  /** Stores the entries are computed from: the open palette re-renders when one changes. */
  watch?: readonly Pick<Store<never>, 'subscribe'>[];
}

/** Registered sources, in registration order (the palette lists their entries in that order). */
export const paletteSources = createStore<readonly PaletteSource[]>([]);

/** Adds a source (replacing one with the same id in place); returns the function that removes it. */
export function registerPaletteSource(source: PaletteSource): () => void {
  paletteSources.set((list) => (list.some((s) => s.id === source.id) ? list.map((s) => (s.id === source.id ? source : s)) : [...list, source]));
  return () => paletteSources.set((list) => list.filter((s) => s !== source));
}

/** Registers `sources` while the calling component is mounted; pass a stable array. */
export function usePaletteSources(sources: readonly PaletteSource[]): void {
  useEffect(() => {
    const removers = sources.map(registerPaletteSource);
    return () => removers.forEach((remove) => remove());
  }, [sources]);
}

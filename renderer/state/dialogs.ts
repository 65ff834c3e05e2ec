// App-wide dialogs that the command palette, the status bar and screens all open.
import { createStore } from './store';

export interface DialogsState {
  createStream: boolean;
  palette: null | 'all' | 'connections';
  /** Opens the custom-connection form (Settings → Connections) from anywhere. */
  addConnection: boolean;
}

export const dialogs = createStore<DialogsState>({ createStream: false, palette: null, addConnection: false });

export const openDialog = (change: Partial<DialogsState>) => dialogs.set((d) => ({ ...d, ...change }));

/** Bumped after anything that changes the stream list (create, delete), so the list reloads. */
export const streamsChanged = createStore(0);
export const bumpStreams = () => streamsChanged.set((n) => n + 1);

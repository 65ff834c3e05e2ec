// What the Tail screen shows around the rows (selection, detail, follow, open dialog), kept outside React so it
// survives visits to other screens; and requests from elsewhere (the command palette) that the screen carries
// out once it is mounted.
import { navigation } from '../../state/navigation';
import { patchForm } from './tailForm';
import { createStore } from '../../state/store';

export type TailDialog = 'export' | 'import' | 'replay' | 'fanout-confirm' | null;

export interface TailUi {
  /** Absolute buffer position of the selected row. */
  selected: number | null;
  detail: boolean;
  following: boolean;
  setupOpen: boolean;
  dialog: TailDialog;
}

export const tailUi = createStore<TailUi>({ selected: null, detail: false, following: true, setupOpen: true, dialog: null });
export const patchTailUi = (change: Partial<TailUi>) => tailUi.set((ui) => ({ ...ui, ...change }));

export type TailAction = 'toggle' | 'start' | 'pause' | 'filter' | 'export' | 'import' | 'replay' | 'permalink' | 'follow';

/** The latest request; `n` makes a repeated request a new value. */
export const tailRequest = createStore<{ action: TailAction; n: number } | null>(null);

export function requestTail(action: TailAction): void {
  navigation.set('tail');
  tailRequest.set((r) => ({ action, n: (r?.n ?? 0) + 1 }));
}

/** "Tail this stream" (a stream's page, its row in the list, the palette): the Tail screen on that stream, all
 *  shards from now on, started at once (a running tail stops first). */
export function tailStream(stream: string): void {
  patchForm({ stream, shards: null, start: 'LATEST', startSequence: '', end: 'none', order: 'oldest-first' });
  requestTail('start');
}

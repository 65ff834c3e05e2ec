// What the Streams screen remembers while the user goes elsewhere: the selected and opened stream, the filter
// and the sort. A connection switch clears what belonged to the old connection.
import { createStore } from '../../state/store';

export type SortColumn = 'name' | 'status' | 'mode' | 'open' | 'closed' | 'retention' | 'encryption' | 'consumers' | 'throughput' | 'created';

export interface StreamsUi {
  /** The highlighted row. */
  selected: string | null;
  /** The stream whose detail is shown, or null for the list. */
  open: string | null;
  filter: string;
  sort: { column: SortColumn; descending: boolean };
  epoch: number;
}

export const streamsUi = createStore<StreamsUi>({ selected: null, open: null, filter: '', sort: { column: 'name', descending: false }, epoch: 0 });

export const patchStreamsUi = (change: Partial<StreamsUi>) => streamsUi.set((ui) => ({ ...ui, ...change }));

/** Called when the connection changes: the old connection's selection means nothing on the new one. */
export function resetForConnection(epoch: number): void {
  if (streamsUi.get().epoch === epoch) return;
  patchStreamsUi({ selected: null, open: null, epoch });
}

// What the Firehose screen remembers while the user moves around the app: the open delivery stream, the wizard,
// and the last preview per stream (the delivered view compares against it). A connection switch clears it all.
import type { PreviewResult } from '../../../shared/contract/firehose';
import { createStore } from '../../state/store';

export interface FirehoseUi {
  epoch: number;
  open: string | null;
  creating: boolean;
  /** Bumped after create or delete, so the list reloads. */
  listVersion: number;
  previews: Readonly<Record<string, PreviewResult>>;
}

export const firehoseUi = createStore<FirehoseUi>({ epoch: -1, open: null, creating: false, listVersion: 0, previews: {} });

export const patchFirehoseUi = (change: Partial<FirehoseUi>) => firehoseUi.set((ui) => ({ ...ui, ...change }));

export function resetFirehoseForConnection(epoch: number): void {
  if (firehoseUi.get().epoch !== epoch) firehoseUi.set((ui) => ({ epoch, open: null, creating: false, listVersion: ui.listVersion + 1, previews: {} }));
}

export const bumpDeliveryStreams = () => firehoseUi.set((ui) => ({ ...ui, listVersion: ui.listVersion + 1 }));

export function keepPreview(name: string, preview: PreviewResult): void {
  firehoseUi.set((ui) => ({ ...ui, previews: { ...ui.previews, [name]: preview } }));
}

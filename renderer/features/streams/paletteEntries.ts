// The stream browser's command-palette entries, and one entry per stream of the active connection.
import type { AppClient } from '../../api/connect';
import { connectionsStore } from '../../state/connections';
import { bumpStreams, openDialog, streamsChanged } from '../../state/dialogs';
import { goToScreen, navigation } from '../../state/navigation';
import type { PaletteSource } from '../../state/palette';
import { createStore } from '../../state/store';
import { patchStreamsUi } from './streamsUi';

export const streamsPaletteEntries: PaletteSource = {
  id: 'streams',
  entries: () => [
    {
      id: 'create-stream',
      label: 'Create stream…',
      group: 'Streams',
      hint: 'Alt+N',
      run: () => {
        navigation.set('streams');
        openDialog({ createStream: true });
      },
    },
    { id: 'refresh-streams', label: 'Refresh the stream list', group: 'Streams', hint: 'Alt+R', run: () => (goToScreen('streams'), bumpStreams()) },
  ],
};

/** The active connection's stream names, read when the palette first asks for them after a connection switch or
 *  a stream was created or deleted (`key`). */
const names = createStore<{ client: AppClient | null; key: string; names: readonly string[] }>({ client: null, key: '', names: [] });

function namesFor(client: AppClient | null): readonly string[] {
  if (!client) return [];
  const key = `${connectionsStore.get().epoch}:${streamsChanged.get()}`;
  const held = names.get();
  if (held.client === client && held.key === key) return held.names;
  // Asked while the palette renders: set the store afterwards, never during the render.
  queueMicrotask(() => {
    const now = names.get();
    if (now.client === client && now.key === key) return;
    names.set({ client, key, names: [] });
    client
      .call('streams.list', { limit: 1000 })
      .then((r) => names.get().key === key && names.set({ client, key, names: r.streams.map((s) => s.name) }))
      .catch(() => undefined);
  });
  return [];
}

/** Jump to a stream, tail it, reshard it, or open the metrics screen for it: `tail`, `reshard` and `metrics` are lent by other features. */
export function streamNamePaletteEntries(actions: { tail(stream: string): void; reshard(stream: string): void; metrics(stream: string): void }): PaletteSource {
  return {
    id: 'stream-names',
    watch: [names],
    entries: (client) =>
      namesFor(client).flatMap((name) => [
        { id: `open-stream:${name}`, label: `Open stream ${name}`, group: 'Streams on this connection', run: () => (goToScreen('streams'), patchStreamsUi({ selected: name, open: name })) },
        { id: `tail-stream:${name}`, label: `Tail ${name}`, group: 'Streams on this connection', run: () => actions.tail(name) },
        { id: `reshard-stream:${name}`, label: `Reshard ${name}…`, group: 'Streams on this connection', run: () => actions.reshard(name) },
        { id: `metrics-stream:${name}`, label: `Metrics of ${name}`, group: 'Streams on this connection', run: () => actions.metrics(name) },
      ]),
  };
}

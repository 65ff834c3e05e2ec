// The Firehose screen's command-palette entries; creating is offered while the local engine is the connection.
import { activeConnection, connectionsStore } from '../../state/connections';
import { goToScreen } from '../../state/navigation';
import type { PaletteSource } from '../../state/palette';
import { bumpDeliveryStreams, patchFirehoseUi } from './firehoseUi';

export const firehosePaletteEntries: PaletteSource = {
  id: 'firehose',
  watch: [connectionsStore],
  entries: () => [
    ...(activeConnection(connectionsStore.get())?.kind === 'local'
      ? [{ id: 'create-delivery-stream', label: 'Create delivery stream… (local engine)', group: 'Firehose', hint: 'Alt+Shift+N on Firehose', run: () => (goToScreen('firehose'), patchFirehoseUi({ creating: true })) }]
      : []),
    { id: 'refresh-delivery-streams', label: 'Refresh the delivery streams', group: 'Firehose', run: () => (goToScreen('firehose'), patchFirehoseUi({ open: null }), bumpDeliveryStreams()) },
  ],
};

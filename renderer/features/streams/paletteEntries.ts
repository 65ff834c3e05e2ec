// The stream browser's command-palette entries.
import { bumpStreams, openDialog } from '../../state/dialogs';
import { goToScreen, navigation } from '../../state/navigation';
import type { PaletteSource } from '../../state/palette';

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

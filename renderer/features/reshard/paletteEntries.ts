// The wizard's command-palette entry: open it with the focus on its stream picker.
import type { PaletteSource } from '../../state/palette';
import { goToScreen } from '../../state/navigation';

export const reshardPaletteEntries: PaletteSource = {
  id: 'reshard',
  entries: () => [
    {
      id: 'reshard-open',
      label: 'Reshard a stream…',
      group: 'Reshard',
      run: () => {
        goToScreen('reshard');
        requestAnimationFrame(() => document.getElementById('reshard-stream')?.focus());
      },
    },
  ],
};

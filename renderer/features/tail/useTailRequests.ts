// Carries out what the command palette asked of the tailer (tailPaletteEntries), once the screen is mounted.
import { useEffect } from 'react';
import { useStore } from '../../state/store';
import type { TailActions } from './tailActions';
import type { TailController } from './tailController';
import { tailForm } from './tailForm';
import { patchTailUi, tailRequest, type TailAction } from './tailUi';

/** The last request carried out, outside React: a request made just before the screen mounts (the palette
 *  navigates and asks at once) is still new when it mounts; one already carried out is not run again. */
let handled = 0;

export function useTailRequests(controller: TailController, actions: TailActions): void {
  const { begin, toggle, togglePause, copyPermalink, notify } = actions;
  const request = useStore(tailRequest);
  useEffect(() => {
    if (!request || request.n === handled) return;
    handled = request.n;
    const run: Record<TailAction, () => void> = {
      toggle,
      start: () => begin(),
      pause: togglePause,
      // After the palette has closed and given the focus back.
      filter: () => requestAnimationFrame(() => actions.focusFilter()),
      follow: () => patchTailUi({ following: true, selected: null }),
      permalink: copyPermalink,
      export: () => (controller.state.get().started ? patchTailUi({ dialog: 'export' }) : notify('Start a tail first: export takes the rows of a session.')),
      import: () => patchTailUi({ dialog: 'import' }),
      replay: () => (tailForm.get().stream ? patchTailUi({ dialog: 'replay' }) : notify('Choose the source stream first.')),
    };
    run[request.action]();
  }, [request, begin, toggle, togglePause, copyPermalink, notify, actions, controller]);
}

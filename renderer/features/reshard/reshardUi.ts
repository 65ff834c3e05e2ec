// The wizard's chosen stream, kept outside React so it survives visits to other screens, and the way other
// screens (a stream's page, the command palette) open the wizard on a stream.
import { goToScreen } from '../../state/navigation';
import { createStore } from '../../state/store';

export const reshardUi = createStore<{ stream: string }>({ stream: '' });

export function reshardStream(stream: string): void {
  reshardUi.set({ stream });
  goToScreen('reshard');
}

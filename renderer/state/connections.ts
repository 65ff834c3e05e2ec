// The connections as the renderer knows them: the list with health, the active one, and pending MFA prompts.
// Main pushes every change as an event; this store only mirrors it. `epoch` grows on every switch, so screens
// keyed on it reload for the new connection without a restart.
import type { ConnectionEvent, ConnectionsState, ConnectionSummary, MfaPrompt } from '../../shared/contract/connections';
import type { AppClient } from '../api/connect';
import { toUiError, type UiError } from '../api/errors';
import { createStore, type Store } from './store';

export interface ConnectionsView {
  state: ConnectionsState | null;
  loadError: UiError | null;
  prompts: MfaPrompt[];
  /** Grows by one whenever the active connection changes. */
  epoch: number;
  /** Set while a switch is in progress. */
  switchingTo: string | null;
}

export const connectionsStore: Store<ConnectionsView> = createStore<ConnectionsView>({ state: null, loadError: null, prompts: [], epoch: 0, switchingTo: null });

const patch = (change: Partial<ConnectionsView> | ((view: ConnectionsView) => Partial<ConnectionsView>)) =>
  connectionsStore.set((view) => ({ ...view, ...(typeof change === 'function' ? change(view) : change) }));

function applyState(state: ConnectionsState): void {
  patch((view) => ({
    state,
    loadError: null,
    epoch: view.state && view.state.activeId !== state.activeId ? view.epoch + 1 : view.epoch,
  }));
}

function applyEvent(event: ConnectionEvent): void {
  switch (event.type) {
    case 'connections-changed':
      return applyState(event.state);
    case 'active-changed':
      return patch((view) =>
        view.state && view.state.activeId !== event.activeId ? { state: { ...view.state, activeId: event.activeId }, epoch: view.epoch + 1 } : {},
      );
    case 'health-changed':
      return patch((view) =>
        view.state
          ? { state: { ...view.state, connections: view.state.connections.map((c) => (c.id === event.id ? withHealth(c, event.health) : c)) } }
          : {},
      );
    case 'mfa-prompt':
      return patch((view) => ({ prompts: [...view.prompts.filter((p) => p.promptId !== event.prompt.promptId), event.prompt] }));
    case 'mfa-prompt-closed':
      return patch((view) => ({ prompts: view.prompts.filter((p) => p.promptId !== event.promptId) }));
  }
}

function withHealth(connection: ConnectionSummary, health: ConnectionSummary['health']): ConnectionSummary {
  const accountId = health.status === 'ok' && health.accountId ? health.accountId : connection.accountId;
  return { ...connection, health, ...(accountId ? { accountId } : {}) };
}

/** Starts mirroring main's connections; returns the function that stops it. */
export function attachConnections(client: AppClient): () => void {
  const off = client.on('connections.event', applyEvent);
  client.ready
    .then(() => client.call('connections.state'))
    .then(({ mfaPrompts, ...state }) => {
      applyState(state);
      patch({ prompts: mfaPrompts });
      // The status bar's dot should say something from the start: check the active connection once.
      const active = state.connections.find((c) => c.id === state.activeId);
      if (active?.health.status === 'unchecked') client.call('connections.checkHealth', { id: active.id }).catch(() => {});
    })
    .catch((error: unknown) => patch({ loadError: toUiError(error) }));
  return off;
}

export function activeConnection(view: ConnectionsView): ConnectionSummary | null {
  return view.state?.connections.find((c) => c.id === view.state?.activeId) ?? null;
}

/** Switches and waits for main to confirm; the event updates the store. */
export async function switchConnection(client: AppClient, id: string): Promise<void> {
  patch({ switchingTo: id });
  try {
    applyState(await client.call('connections.switch', { id }));
  } finally {
    patch({ switchingTo: null });
  }
}

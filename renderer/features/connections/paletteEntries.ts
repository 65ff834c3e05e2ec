// The connections' command-palette entries: switching (also the connection picker's whole list), managing, adding
// an endpoint, and checking the active connection.
import { connectionsStore, switchConnection } from '../../state/connections';
import { openDialog } from '../../state/dialogs';
import { goToScreen, navigation } from '../../state/navigation';
import type { PaletteEntry, PaletteSource } from '../../state/palette';

const kindWords = { local: 'Local', profile: 'AWS profile', custom: 'Custom endpoint' } as const;

export const connectionSwitchEntries: PaletteSource = {
  id: 'connections',
  watch: [connectionsStore],
  entries: (client) => {
    const view = connectionsStore.get();
    const activeId = view.state?.activeId;
    return [
      ...(view.state?.connections ?? []).map(
        (c): PaletteEntry => ({
          id: `switch:${c.id}`,
          label: c.id === activeId ? `${c.name} (active)` : `Switch to ${c.name}`,
          group: 'Connections',
          hint: `${kindWords[c.kind]} · ${c.region}${c.accountId ? ` · ${c.accountId}` : ''}`,
          health: c.health,
          connectionPicker: true,
          run: async () => {
            if (!client || c.id === activeId) return;
            await switchConnection(client, c.id);
          },
        }),
      ),
      { id: 'manage', label: 'Manage connections…', group: 'Connections', hint: 'Settings → Connections', connectionPicker: true, run: () => goToScreen('settings') },
      {
        id: 'add-connection',
        label: 'Add a custom endpoint…',
        group: 'Connections',
        hint: 'LocalStack, kinesalite, a proxy',
        connectionPicker: true,
        run: () => {
          navigation.set('settings');
          openDialog({ addConnection: true });
        },
      },
    ];
  },
};

export const connectionCheckEntries: PaletteSource = {
  id: 'connections-check',
  entries: (client) => [
    {
      id: 'check-health',
      label: 'Check the active connection',
      group: 'Connections',
      run: async () => {
        const state = connectionsStore.get().state;
        if (client && state) await client.call('connections.checkHealth', { id: state.activeId });
      },
    },
  ],
};

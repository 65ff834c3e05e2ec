// The command palette (Ctrl/Cmd+K): type to filter, arrows to move, Enter to run, Escape to close. Opened from
// the status bar's connection it lists only connections (Ctrl/Cmd+Shift+K).
import { useEffect, useRef, useState } from 'react';
import { useClient } from '../api/ClientContext';
import { toUiError, type UiError } from '../api/errors';
import { connectionsStore, switchConnection } from '../state/connections';
import { bumpStreams, openDialog } from '../state/dialogs';
import { navigation, screenIds, screenLabels, shortcutLabel } from '../state/navigation';
import { useStore } from '../state/store';
import { requestTail, tailPaletteCommands } from '../features/tail/tailUi';
import { ErrorNote } from './ErrorNote';
import { healthWords, HealthDot } from './HealthDot';
import type { ConnectionSummary } from '../../shared/contract/connections';

interface Command {
  id: string;
  label: string;
  group: string;
  hint?: string;
  connection?: ConnectionSummary;
  run(): Promise<void> | void;
}

const kindWords = { local: 'Local', profile: 'AWS profile', custom: 'Custom endpoint' } as const;

function focusTitle() {
  requestAnimationFrame(() => document.getElementById('screen-title')?.focus({ preventScroll: true }));
}

export function CommandPalette({ mode, onClose }: { mode: 'all' | 'connections'; onClose(): void }) {
  const client = useClient();
  const view = useStore(connectionsStore);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const [error, setError] = useState<UiError | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    input.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      previous?.focus({ preventScroll: true });
    };
  }, []);

  const go = (screen: (typeof screenIds)[number]) => {
    navigation.set(screen);
    focusTitle();
  };
  const connections = view.state?.connections ?? [];
  const commands: Command[] = [
    ...connections.map(
      (c): Command => ({
        id: `switch:${c.id}`,
        label: c.id === view.state?.activeId ? `${c.name} (active)` : `Switch to ${c.name}`,
        group: 'Connections',
        hint: `${kindWords[c.kind]} · ${c.region}${c.accountId ? ` · ${c.accountId}` : ''}`,
        connection: c,
        run: async () => {
          if (!client || c.id === view.state?.activeId) return;
          await switchConnection(client, c.id);
        },
      }),
    ),
    { id: 'manage', label: 'Manage connections…', group: 'Connections', hint: 'Settings → Connections', run: () => go('settings') },
    {
      id: 'add-connection',
      label: 'Add a custom endpoint…',
      group: 'Connections',
      hint: 'LocalStack, kinesalite, a proxy',
      run: () => {
        navigation.set('settings');
        openDialog({ addConnection: true });
      },
    },
  ];
  if (mode === 'all') {
    commands.push(
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
      { id: 'refresh-streams', label: 'Refresh the stream list', group: 'Streams', hint: 'Alt+R', run: () => (go('streams'), bumpStreams()) },
      {
        id: 'check-health',
        label: 'Check the active connection',
        group: 'Connections',
        run: async () => {
          if (client && view.state) await client.call('connections.checkHealth', { id: view.state.activeId });
        },
      },
      ...tailPaletteCommands.map((c): Command => ({ id: c.id, label: c.label, group: 'Tail', hint: c.hint, run: () => requestTail(c.action) })),
      ...screenIds.map((id, i): Command => ({ id: `go:${id}`, label: `Go to ${screenLabels[id]}`, group: 'Screens', hint: shortcutLabel(i), run: () => go(id) })),
    );
  }
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = commands.filter((c) => words.every((w) => `${c.label} ${c.hint ?? ''} ${c.group}`.toLowerCase().includes(w)));
  const current = Math.min(index, Math.max(0, shown.length - 1));

  const run = async (command: Command | undefined) => {
    if (!command || running) return;
    setRunning(command.id);
    setError(null);
    try {
      await command.run();
      onClose();
    } catch (e) {
      setError(toUiError(e));
      setRunning(null);
    }
  };

  return (
    <dialog
      ref={ref}
      className="palette"
      aria-label={mode === 'connections' ? 'Switch connection' : 'Command palette'}
      data-testid="command-palette"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      <input
        ref={input}
        className="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={shown[current] ? `palette-${current}` : undefined}
        aria-autocomplete="list"
        placeholder={mode === 'connections' ? 'Switch to a connection…' : 'Type a command, a screen or a connection…'}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const delta = e.key === 'ArrowDown' ? 1 : -1;
            setIndex((current + delta + shown.length) % Math.max(1, shown.length));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            void run(shown[current]);
          }
        }}
      />
      <ul className="palette-list" id="palette-list" role="listbox" aria-label="Commands">
        {shown.length === 0 ? <li className="palette-empty">Nothing matches “{query}”.</li> : null}
        {shown.map((c, i) => (
          <li
            key={c.id}
            id={`palette-${i}`}
            role="option"
            aria-selected={i === current}
            className="palette-item"
            onMouseMove={() => i !== current && setIndex(i)}
            onClick={() => void run(c)}
          >
            <span className="palette-group">{c.group}</span>
            {c.connection ? <HealthDot health={c.connection.health} /> : null}
            <span className="palette-label">{c.label}</span>
            <span className="palette-hint">
              {running === c.id ? 'working…' : c.connection?.health.status === 'error' ? healthWords(c.connection.health) : c.hint}
            </span>
          </li>
        ))}
      </ul>
      {error ? (
        <div className="palette-error">
          <ErrorNote error={error} />
        </div>
      ) : null}
      <p className="palette-foot">
        <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> run · <kbd>Esc</kbd> close
      </p>
    </dialog>
  );
}

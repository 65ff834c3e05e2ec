// The command palette (Ctrl/Cmd+K): type to filter, arrows to move, Enter to run, Escape to close. Opened from
// the status bar's connection it lists only connections (Ctrl/Cmd+Shift+K).
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useClient } from '../api/ClientContext';
import { toUiError, type UiError } from '../api/errors';
import { paletteSources, type PaletteEntry } from '../state/palette';
import { useStore } from '../state/store';
import { ErrorNote } from './ErrorNote';
import { healthWords, HealthDot } from './HealthDot';

export function CommandPalette({ mode, onClose }: { mode: 'all' | 'connections'; onClose(): void }) {
  const client = useClient();
  const sources = useStore(paletteSources);
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

  // Re-render when a store that the entries are computed from changes (a connection's health, say).
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  const watched = useMemo(() => [...new Set(sources.flatMap((s) => s.watch ?? []))], [sources]);
  useEffect(() => {
    const stop = watched.map((store) => store.subscribe(refresh));
    return () => stop.forEach((unsubscribe) => unsubscribe());
  }, [watched]);

  const commands = sources.flatMap((source) => source.entries(client)).filter((c) => mode === 'all' || c.connectionPicker);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = commands.filter((c) => words.every((w) => `${c.label} ${c.hint ?? ''} ${c.group}`.toLowerCase().includes(w)));
  const current = Math.min(index, Math.max(0, shown.length - 1));

  const run = async (command: PaletteEntry | undefined) => {
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
            {c.health ? <HealthDot health={c.health} /> : null}
            <span className="palette-label">{c.label}</span>
            <span className="palette-hint">
              {running === c.id ? 'working…' : c.health?.status === 'error' ? healthWords(c.health) : c.hint}
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

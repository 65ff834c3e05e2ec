// Search in the rows kept: the next (or previous) row shown that contains a text, or matches a JSONata
// expression, from the selection on and round again, without touching the tail. It tests what each row carries
// (key, preview and columns), as the view filter does.
import { useState } from 'react';
import { Segmented } from '../../components/Segmented';
import type { TailController } from './tailController';
import { tailUi } from './tailUi';
import { rowTest } from './viewFilter';

type FindMode = 'text' | 'jsonata';

export function TailFind({ controller, onFound }: { controller: TailController; onFound(position: number): void }) {
  const [mode, setMode] = useState<FindMode>('text');
  const [query, setQuery] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const find = async (direction: 1 | -1) => {
    if (!query.trim() || busy) return;
    let test;
    try {
      test = rowTest(mode === 'text' ? { text: query.trim() } : { jsonata: query });
    } catch (error) {
      setNote(`JSONata: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!test) return;
    const view = controller.view;
    const count = view.length;
    if (count === 0) {
      setNote('No rows are kept yet.');
      return;
    }
    const selected = tailUi.get().selected;
    const at = selected === null ? undefined : view.indexOf(selected);
    const from = at ?? (direction > 0 ? view.first - 1 : view.end);
    setBusy(true);
    try {
      for (let step = 1; step <= count; step++) {
        const first = view.first;
        const n = view.length;
        if (n === 0) break;
        const raw = from + direction * step;
        const index = first + ((((raw - first) % n) + n) % n);
        const row = view.at(index);
        if (!row) continue;
        const verdict = test(row);
        if (!(typeof verdict === 'boolean' ? verdict : await verdict)) continue;
        const position = view.position(index);
        if (position === undefined) continue;
        onFound(position);
        const wrapped = direction > 0 ? raw >= view.end : raw < first;
        setNote(wrapped ? `Wrapped round to the ${direction > 0 ? 'oldest' : 'newest'} row.` : null);
        return;
      }
      setNote(`No row kept ${mode === 'text' ? 'contains that text' : 'matches that expression'}.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="tail-find" role="search" aria-label="Search in the rows kept">
      <Segmented<FindMode> label="Search by" options={[{ id: 'text', label: 'Text' }, { id: 'jsonata', label: 'JSONata' }]} value={mode} onChange={(m) => (setMode(m), setNote(null))} />
      <input
        className={`input${mode === 'jsonata' ? ' mono' : ''}`}
        type="search"
        aria-label={mode === 'text' ? 'Find a row containing' : 'Find a row matching'}
        placeholder={mode === 'text' ? 'Find in rows kept…' : 'amount > 100'}
        value={query}
        onChange={(e) => (setQuery(e.target.value), setNote(null))}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          void find(e.shiftKey ? -1 : 1);
        }}
        spellCheck={false}
        data-testid="tail-find"
      />
      <button type="button" className="button button-small" onClick={() => void find(-1)} disabled={!query.trim() || busy} title="Previous match (Shift+Enter)" aria-label="Previous match">
        ↑
      </button>
      <button type="button" className="button button-small" onClick={() => void find(1)} disabled={!query.trim() || busy} title="Next match (Enter)" aria-label="Next match" data-testid="tail-find-next">
        ↓
      </button>
      {note ? (
        <span className="small muted" role="status" data-testid="tail-find-note">
          {note}
        </span>
      ) : null}
    </div>
  );
}

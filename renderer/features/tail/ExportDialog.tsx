// Export the tail's rows as NDJSON or CSV: a browser download in web mode, a file written by main in the desktop app.
import { useEffect, useRef, useState } from 'react';
import type { Transport } from '../../../shared/contract/app';
import { useClient } from '../../api/ClientContext';
import { errorFromShape, type UiError } from '../../api/errors';
import { Dialog } from '../../components/Dialog';
import { downloadBlob } from '../../components/download';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { Segmented } from '../../components/Segmented';
import { size } from './tailFormat';
import { TailProgress } from './TailProgress';

export function ExportDialog({ sessionId, stream, selectedId, loaded, loadedIds, transport, dataDir, onClose }: { sessionId: string; stream: string; selectedId: string | null; loaded: number; loadedIds(): string[]; transport: Transport | null; dataDir: string | null; onClose(): void }) {
  const client = useClient();
  const [format, setFormat] = useState<'ndjson' | 'csv'>('ndjson');
  const [which, setWhich] = useState<'all' | 'selected'>(selectedId ? 'selected' : 'all');
  const fileMode = transport === 'electron';
  const [path, setPath] = useState(() => `${dataDir ?? '.'}/${stream}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const [progress, setProgress] = useState<{ done: number; total: number; bytes: number } | null>(null);
  const [done, setDone] = useState<{ records: number; bytes: number; path: string | null } | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const handle = useRef<{ unsubscribe(): void } | null>(null);
  useEffect(() => () => handle.current?.unsubscribe(), []);

  // Up to 10,000 rows go by id, so the file holds exactly the rows on screen (not rows still on their way while
  // paused); beyond that main exports every row it kept for the session (the same buffer size as here).
  const selection = () => {
    if (which === 'selected' && selectedId) return { kind: 'ids' as const, ids: [selectedId] };
    const ids = loaded <= 10_000 ? loadedIds() : [];
    return ids.length > 0 ? { kind: 'ids' as const, ids } : { kind: 'all' as const };
  };

  const run = () => {
    if (!client || progress) return;
    setError(null);
    setDone(null);
    setProgress({ done: 0, total: which === 'selected' ? 1 : loaded, bytes: 0 });
    const chunks: string[] = [];
    const file = `${path}.${format}`;
    handle.current = client.subscribe(
      'tail.export',
      { sessionId, format, selection: selection(), destination: fileMode ? { kind: 'file', path: file } : { kind: 'chunks' } },
      {
        onBatch: (items) => {
          for (const item of items) {
            if (item.type === 'progress') setProgress({ done: item.done, total: item.total, bytes: item.bytes });
            else if (item.type === 'chunk') chunks[item.index] = item.text;
            else {
              setDone({ records: item.records, bytes: item.bytes, path: item.path });
              if (!fileMode) download(chunks, `${stream}-${new Date().toISOString().replace(/[:.]/g, '-')}.${format}`, format);
            }
          }
        },
        onEnd: (e) => {
          handle.current = null;
          setProgress(null);
          if (e) setError(errorFromShape(e));
        },
      },
    );
  };

  const busy = progress !== null;
  return (
    <Dialog
      title="Export rows"
      testId="export-dialog"
      onClose={() => {
        handle.current?.unsubscribe();
        onClose();
      }}
      onSubmit={run}
      busy={busy}
      actions={
        <>
          <button type="button" className="button" onClick={() => (busy ? handle.current?.unsubscribe() : onClose())}>
            {busy ? 'Cancel export' : done ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="button button-primary" disabled={busy} data-autofocus>
            {done ? 'Export again' : 'Export'}
          </button>
        </>
      }
    >
      <div className="stack">
        <Segmented<'ndjson' | 'csv'> label="Format" value={format} onChange={setFormat} options={[{ id: 'ndjson', label: 'NDJSON' }, { id: 'csv', label: 'CSV' }]} />
        <Segmented<'all' | 'selected'>
          label="Rows"
          value={which}
          onChange={setWhich}
          options={[
            { id: 'all', label: `All loaded rows (${loaded.toLocaleString()})` },
            ...(selectedId ? [{ id: 'selected' as const, label: 'The selected row' }] : []),
          ]}
        />
        {fileMode ? (
          <Field label="File (written by Shardscope; its folder must exist)" hint={`.${format} is added.`}>
            {(props) => <input {...props} className="input mono" value={path} onChange={(e) => setPath(e.target.value)} />}
          </Field>
        ) : (
          <p className="small muted">The file downloads through the browser once every row is in. Rows whose data main no longer keeps are read from Kinesis again.</p>
        )}
        {progress ? <TailProgress label={`${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} rows, ${size(progress.bytes)}`} value={progress.done} max={progress.total} /> : null}
        {done ? (
          <p className="notice" data-testid="export-done">
            Exported {done.records.toLocaleString()} rows ({size(done.bytes)}){done.path ? ` to ${done.path}` : ' — the download has started'}.
          </p>
        ) : null}
        {error ? <ErrorNote error={error} title="The export failed" /> : null}
      </div>
    </Dialog>
  );
}

function download(chunks: string[], name: string, format: 'ndjson' | 'csv'): void {
  downloadBlob(new Blob(chunks, { type: format === 'csv' ? 'text/csv' : 'application/x-ndjson' }), name);
}

// The live results: the table and the chart (the same rows), the error stream (records that did not parse, with
// the reason) and the late records. Pausing freezes this view only; exporting writes the rows shown.
import { useState } from 'react';
import { Tabs } from '../../components/Tabs';
import { useStore } from '../../state/store';
import { downloadResults } from './exportResults';
import { formatTime } from './resultFormat';
import { ResultChart } from './ResultChart';
import { ResultsTable } from './ResultsTable';
import type { RunController } from './runController';

type ResultTab = 'table' | 'chart' | 'errors' | 'late';

export function ResultsPanel({ controller, baseName }: { controller: RunController; baseName: string }) {
  const run = useStore(controller.state);
  useStore(controller.table.version);
  const [tab, setTab] = useState<ResultTab>('table');
  const table = controller.table;
  const rows = table.shown;
  const tabs = [
    { id: 'table' as const, label: `Table (${rows.length.toLocaleString()})` },
    { id: 'chart' as const, label: 'Chart' },
    { id: 'errors' as const, label: `Error stream (${run.errorsTotal.toLocaleString()})` },
    { id: 'late' as const, label: `Late (${run.lateTotal.toLocaleString()})` },
  ];
  return (
    <div className="results-panel" data-testid="results-panel">
      <div className="results-bar">
        <button type="button" className="button" onClick={() => controller.setPaused(!run.paused)} disabled={run.phase !== 'running'} aria-pressed={run.paused} data-testid="pause-view" title="Freeze what is shown; the query keeps running (Space)">
          {run.paused ? 'Resume view' : 'Pause view'}
        </button>
        <button type="button" className="button" onClick={() => downloadResults(table.columns, rows, 'csv', baseName)} disabled={rows.length === 0} data-testid="export-csv">
          Export CSV
        </button>
        <button type="button" className="button" onClick={() => downloadResults(table.columns, rows, 'jsonl', baseName)} disabled={rows.length === 0} data-testid="export-jsonl">
          Export JSON lines
        </button>
        {table.dropped > 0 ? <span className="small muted">The oldest {table.dropped.toLocaleString()} rows were let go; the newest {rows.length.toLocaleString()} are kept.</span> : null}
        {run.paused ? (
          <span className="small analytics-paused" data-testid="paused-note">
            View paused: the query keeps running ({(table.rows.length - rows.length).toLocaleString()} new rows waiting).
          </span>
        ) : null}
      </div>
      <Tabs<ResultTab> tabs={tabs} current={tab} onChange={setTab} label="Results">
        {tab === 'table' ? (
          rows.length === 0 ? (
            <ResultsEmpty phase={run.phase} />
          ) : (
            <ResultsTable columns={table.columns} rows={rows} />
          )
        ) : tab === 'chart' ? (
          <ResultChart columns={table.columns} shape={table.shape} rows={rows} />
        ) : tab === 'errors' ? (
          run.errors.length === 0 ? (
            <p className="analytics-note">Every record read so far parsed with the schema.</p>
          ) : (
            <ul className="record-list" data-testid="error-stream">
              {[...run.errors].reverse().map((e) => (
                <li key={`${e.shardId}-${e.sequenceNumber}`}>
                  <span className="analytics-bad">{e.reason}</span>
                  <span className="small muted mono">
                    {formatTime(e.arrivalMs)} · {e.shardId} · {e.partitionKey}
                  </span>
                  <code className="mono small">{e.text}</code>
                </li>
              ))}
            </ul>
          )
        ) : run.late.length === 0 ? (
          <p className="analytics-note">No late record: every record arrived before its windows closed.</p>
        ) : (
          <ul className="record-list" data-testid="late-records">
            {[...run.late].reverse().map((l) => (
              <li key={`${l.shardId}-${l.sequenceNumber}`}>
                <span className="mono small">
                  time {formatTime(l.time)} behind the watermark {formatTime(l.watermark)} · {l.shardId} · {l.sequenceNumber}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Tabs>
    </div>
  );
}

function ResultsEmpty({ phase }: { phase: string }) {
  return (
    <div className="empty empty-compact" data-testid="results-empty">
      <p className="empty-title">{phase === 'running' || phase === 'starting' ? 'Waiting for the first window to close' : 'No result yet'}</p>
      <p className="empty-text">{phase === 'running' || phase === 'starting' ? 'A window’s row appears when the window closes; rows without a window appear as records arrive.' : 'Pick a source, write a query and run it (Ctrl+Enter).'}</p>
    </div>
  );
}

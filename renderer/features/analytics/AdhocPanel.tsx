// Ad-hoc exploration with SQLite, not a streaming dialect: the last N minutes of the stream are read into an
// in-memory SQLite table `records` in main, queried with SQLite's own SQL (json_extract, window functions…) and
// re-run on demand. Loading shows its progress; a reload replaces the table.
import { SQLite } from '@codemirror/lang-sql';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AdhocQueryResult, AdhocTableInfo } from '../../../shared/contract/analytics';
import type { AppClient } from '../../api/connect';
import { errorFromShape, type UiError } from '../../api/errors';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { useAction } from '../../components/useAction';
import { schemaOf, type AnalyticsForm } from './analyticsForm';
import { formatTime } from './resultFormat';
import { SqlEditor, type SqlVocabulary } from './SqlEditor';

const sqliteFunctions = ['json_extract', 'json_each', 'count', 'sum', 'avg', 'min', 'max', 'group_concat', 'strftime', 'datetime', 'round', 'lower', 'upper', 'substr', 'length', 'coalesce', 'row_number', 'rank', 'lag', 'lead'];
const firstQuery = "SELECT PARTITION_KEY, COUNT(*) AS records\nFROM records\nGROUP BY PARTITION_KEY\nORDER BY records DESC\nLIMIT 20";

interface Progress {
  records: number;
  share: number;
}

export function AdhocPanel({ client, form }: { client: AppClient; form: AnalyticsForm }) {
  const [minutes, setMinutes] = useState('5');
  const [loading, setLoading] = useState<Progress | null>(null);
  const [loadError, setLoadError] = useState<UiError | null>(null);
  const [table, setTable] = useState<AdhocTableInfo | null>(null);
  const [text, setText] = useState(firstQuery);
  const [result, setResult] = useState<AdhocQueryResult | null>(null);
  const query = useAction();
  const handle = useRef<{ unsubscribe(): void } | null>(null);
  const minutesNumber = Number(minutes);
  const minutesProblem = Number.isInteger(minutesNumber) && minutesNumber >= 1 && minutesNumber <= 1440 ? null : 'Whole minutes, 1 to 1440.';
  const stream = form.sourceKind === 'stream' ? form.stream : '';

  useEffect(() => () => handle.current?.unsubscribe(), []);

  const load = () => {
    if (minutesProblem || !stream) return;
    handle.current?.unsubscribe();
    setLoadError(null);
    setLoading({ records: 0, share: 0 });
    handle.current = client.subscribe(
      'analytics.adhoc.load',
      { streamName: stream, minutes: minutesNumber, ...(form.columns.length > 0 ? { schema: schemaOf(form) } : {}), ...(table ? { tableId: table.tableId } : {}) },
      {
        onBatch: (items) => {
          for (const item of items) {
            if (item.type === 'progress') {
              const span = item.toMs - item.fromMs;
              setLoading({ records: item.records, share: span > 0 && item.newestMs !== null ? Math.min(1, Math.max(0, (item.newestMs - item.fromMs) / span)) : 0 });
            } else {
              setTable(item.table);
              setLoading(null);
            }
          }
        },
        onEnd: (error) => {
          handle.current = null;
          setLoading(null);
          if (error) setLoadError(errorFromShape(error));
        },
      },
    );
  };

  const run = () => {
    if (!table || !text.trim()) return;
    // A refused query must not leave the previous answer under its error.
    setResult(null);
    void query.run(() => client.call('analytics.adhoc.query', { tableId: table.tableId, sql: text, maxRows: 1000 }), setResult);
  };

  const vocabulary: SqlVocabulary = useMemo(() => ({ sources: ['records'], columns: (table?.columns ?? []).map((c) => ({ name: c.name, type: c.sqliteType })), functions: sqliteFunctions }), [table]);

  return (
    <div className="stack adhoc" data-testid="adhoc-panel">
      <p className="adhoc-label">
        <span className="status-pill status-idle">SQLite</span> Not a streaming dialect: SQLite’s own SQL over a snapshot of the last minutes of <strong className="mono">{stream || 'the stream picked on the left'}</strong>, in a table named <code>records</code>. Run it again to see newer records after reloading.
      </p>
      <div className="analytics-inline">
        <Field label="Last minutes" problem={minutesProblem}>
          {(props) => <input {...props} className="input input-tiny" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value.replace(/\D/g, ''))} />}
        </Field>
        <button type="button" className="button button-primary" onClick={load} disabled={!!loading || !!minutesProblem || !stream} data-testid="adhoc-load" title={stream ? undefined : 'Pick a Kinesis stream first'}>
          {table ? 'Reload' : 'Load into SQLite'}
        </button>
        {loading ? (
          <span className="adhoc-progress">
            <Spinner label={`Reading… ${loading.records.toLocaleString()} records`} />
            <span className="memory-bar" role="progressbar" aria-label="Share of the time range read" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(loading.share * 100)}>
              <span className="memory-fill" style={{ width: `${loading.share * 100}%` }} />
            </span>
          </span>
        ) : null}
        {table ? (
          <span className="small muted" data-testid="adhoc-table">
            {table.records.toLocaleString()} records from {formatTime(table.fromMs)} to {formatTime(table.toMs)}
            {table.truncated ? ' (cut at the record limit)' : ''}
            {table.unmapped > 0 ? `, ${table.unmapped.toLocaleString()} did not fit the schema` : ''}
          </span>
        ) : null}
      </div>
      {loadError ? <ErrorNote error={loadError} title="Loading failed" /> : null}
      {!stream ? <p className="analytics-note">Pick a Kinesis stream as the source to explore its recent records here.</p> : null}
      {table ? (
        <>
          <SqlEditor value={text} onChange={setText} dialect={SQLite} vocabulary={vocabulary} onRun={run} label="SQLite query" testId="adhoc-sql" recheckKey="" />
          <div className="analytics-inline">
            <button type="button" className="button button-primary" onClick={run} disabled={query.busy || !text.trim()} data-testid="adhoc-run">
              Run SQLite query
            </button>
            {query.busy ? <Spinner label="Running…" /> : null}
            {result ? (
              <span className="small muted">
                {result.rows.length.toLocaleString()} rows{result.truncated ? ' (the first 1,000)' : ''} in {result.elapsedMs.toFixed(0)} ms
              </span>
            ) : null}
          </div>
          {query.error ? <ErrorNote error={query.error} title="SQLite refused the query" /> : null}
          {result ? (
            <div className="table-scroll adhoc-result">
              <table className="table table-compact" data-testid="adhoc-result">
                <thead>
                  <tr>
                    {result.columns.map((c, i) => (
                      <th key={i} scope="col" className="mono">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((row, i) => (
                    <tr key={i}>
                      {row.map((v, j) => (
                        <td key={j} className="mono small">
                          {v === null ? 'NULL' : String(v)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

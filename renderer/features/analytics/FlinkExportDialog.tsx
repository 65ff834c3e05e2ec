// The query as a Flink SQL script for Managed Service for Apache Flink (or any Flink cluster with the Kinesis
// connector): the script with a copy button and main's notes, or what could not be translated, by name.
import { useEffect, useState } from 'react';
import type { ExportFlinkResult } from '../../../shared/contract/analytics';
import type { AppClient } from '../../api/connect';
import { toUiError, type UiError } from '../../api/errors';
import { CopyButton } from '../../components/CopyButton';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { Spinner } from '../../components/Spinner';
import { schemaOf, type AnalyticsForm } from './analyticsForm';

export function FlinkExportDialog({ client, form, text, onClose }: { client: AppClient; form: AnalyticsForm; text: string; onClose(): void }) {
  const [result, setResult] = useState<ExportFlinkResult | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [sink, setSink] = useState(form.output.kind === 'stream' ? form.output.name : '');
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      setResult(null);
      client
        .call('analytics.exportFlink', {
          sql: text,
          dialect: form.dialect,
          schema: schemaOf(form),
          streamName: form.stream,
          startPosition: form.start,
          ...(form.start === 'AT_TIMESTAMP' ? { startTimestamp: new Date(form.startTime).getTime() } : {}),
          ...(sink ? { sinkStreamName: sink } : {}),
        })
        .then((r) => live && (setResult(r), setError(null)))
        .catch((e: unknown) => live && setError(toUiError(e)));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, form, text, sink]);
  return (
    <Dialog
      title="Export as a Flink SQL script"
      testId="flink-export"
      wide
      onClose={onClose}
      actions={
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      }
    >
      <div className="stack">
        <p className="small muted">
          For Managed Service for Apache Flink or any Flink cluster with the Kinesis SQL connector: the source table with the schema and the watermark, the sink, and the query{form.dialect === 'kda' ? ', translated from the KDA dialect' : ''}.
        </p>
        <label className="analytics-inline-label">
          Sink stream (optional)
          <input className="input mono" value={sink} placeholder="print to the task manager log" onChange={(e) => setSink(e.target.value.trim())} />
        </label>
        {error ? <ErrorNote error={error} title="The export failed" /> : null}
        {!result && !error ? <Spinner label="Translating…" /> : null}
        {result?.ok ? (
          <>
            <div className="flink-script">
              <div className="flink-script-bar">
                <span className="small muted">flink.sql</span>
                <CopyButton value={result.script} label="Copy the script" />
              </div>
              <pre className="mono small" data-testid="flink-script">
                {result.script}
              </pre>
            </div>
            {result.notes.length > 0 ? (
              <ul className="small" data-testid="flink-notes">
                {result.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : result ? (
          <div className="stack" data-testid="flink-untranslatable">
            {result.error ? <p className="analytics-bad">The query does not compile: {result.error.message}</p> : null}
            {result.untranslatable.length > 0 ? (
              <>
                <p>This query has no Flink SQL form yet, because of:</p>
                <ul>
                  {result.untranslatable.map((u) => (
                    <li key={u}>{u}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}

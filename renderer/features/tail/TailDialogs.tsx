// The tailer's dialogs: export rows (NDJSON or CSV, a browser download in web mode, a file written by main in
// the desktop app), import an NDJSON file into a stream, replay a range into another stream (any connection),
// and the confirmation before registering a fan-out consumer on AWS. Writing to an AWS profile connection
// needs its account id typed.
import { useEffect, useRef, useState } from 'react';
import type { Transport } from '../../../shared/contract/app';
import type { ConnectionSummary } from '../../../shared/contract/connections';
import type { WriteItem, WriteReport } from '../../../shared/contract/tail';
import { useClient } from '../../api/ClientContext';
import { errorFromShape, toUiError, type UiError } from '../../api/errors';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { Segmented } from '../../components/Segmented';
import { Spinner } from '../../components/Spinner';
import { activeConnection, connectionsStore } from '../../state/connections';
import { useStore } from '../../state/store';
import { fromInputTime, isSequence, toInputTime, type Zone } from './tailForm';
import { size } from './tailFormat';

type Counts = Pick<WriteReport, 'read' | 'sent' | 'acknowledged' | 'failed'>;

function Progress({ label, value, max }: { label: string; value: number; max: number | null }) {
  return (
    <div className="tail-progress" data-testid="tail-progress">
      {max === null ? <progress aria-label={label} /> : <progress aria-label={label} max={Math.max(1, max)} value={value} />}
      <span className="small">{label}</span>
    </div>
  );
}

/** The exact final report of an import or replay: the counts, and every failure main listed. */
export function WriteReportView({ report, what }: { report: Counts & { failures: WriteReport['failures']; failedListTruncated: boolean; state?: WriteReport['state']; error?: WriteReport['error']; elapsedMs?: number }; what: string }) {
  const words = report.state === 'cancelled' ? 'Cancelled' : report.state === 'failed' ? 'Stopped by an error' : 'Done';
  return (
    <div className="stack" data-testid="write-report">
      <p className={report.failed > 0 || report.state === 'failed' ? 'td-problem' : 'notice'}>
        {words}: {report.read.toLocaleString()} {what} read, {report.sent.toLocaleString()} sent, {report.acknowledged.toLocaleString()} written,{' '}
        {report.failed.toLocaleString()} failed{report.elapsedMs !== undefined ? ` in ${(report.elapsedMs / 1000).toFixed(1)} s` : ''}.
      </p>
      {report.error ? <ErrorNote error={errorFromShape(report.error)} title="The job stopped" /> : null}
      {report.failures.length > 0 ? (
        <div className="tail-failures">
          <table className="table">
            <thead>
              <tr>
                <th>{report.failures[0]?.line !== null ? 'Line' : 'Source record'}</th>
                <th>Partition key</th>
                <th>Code</th>
                <th>Message</th>
              </tr>
            </thead>
            <tbody>
              {report.failures.map((f, i) => (
                <tr key={i}>
                  <td className="mono">{f.line ?? `${f.shardId ?? ''} ${f.sequenceNumber ?? ''}`}</td>
                  <td className="mono">{f.partitionKey ?? '—'}</td>
                  <td className="mono">{f.code}</td>
                  <td>{f.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.failedListTruncated ? <p className="small muted">Only the first {report.failures.length.toLocaleString()} failures are listed.</p> : null}
        </div>
      ) : null}
    </div>
  );
}

/** A connection and stream to write to; on an AWS profile the account id must be typed. */
function useTarget() {
  const view = useStore(connectionsStore);
  const [connectionId, setConnectionId] = useState(view.state?.activeId ?? '');
  const [stream, setStream] = useState('');
  const [account, setAccount] = useState('');
  const connection: ConnectionSummary | null = view.state?.connections.find((c) => c.id === connectionId) ?? null;
  const aws = connection?.kind === 'profile';
  const problem = !stream ? 'Name the target stream.' : !/^[a-zA-Z0-9_.-]{1,128}$/.test(stream) ? 'A stream name is letters, digits, _ . and -.' : aws && account.trim() !== (connection.accountId ?? '') ? (connection.accountId ? `Type the account id ${connection.accountId} to confirm.` : 'Type the 12-digit account id to confirm.') : null;
  const fields = (
    <>
      <div className="field-row tail-target">
        <Field label="Target connection">
          {(props) => (
            <select {...props} className="input" value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
              {view.state?.connections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.id === view.state?.activeId ? ' (active)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Target stream">{(props) => <input {...props} className="input mono" value={stream} onChange={(e) => setStream(e.target.value.trim())} placeholder="stream name" data-testid="target-stream" />}</Field>
      </div>
      {aws ? (
        <Field label={`This writes to AWS account ${connection.accountId ?? '(not checked yet)'}. Type the account id to confirm`} hint="Records written to AWS cost money and may reach production consumers.">
          {(props) => <input {...props} className="input mono input-narrow" inputMode="numeric" value={account} onChange={(e) => setAccount(e.target.value.replace(/\D/g, '').slice(0, 12))} />}
        </Field>
      ) : null}
    </>
  );
  const target = { ...(connectionId ? { connectionId } : {}), stream, ...(aws ? { confirmAccountId: account.trim() } : {}) };
  return { fields, target, problem };
}

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
        {progress ? <Progress label={`${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} rows, ${size(progress.bytes)}`} value={progress.done} max={progress.total} /> : null}
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
  const blob = new Blob(chunks, { type: format === 'csv' ? 'text/csv' : 'application/x-ndjson' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Slices of a File that end on line breaks and stay under the command's 700,000 characters. */
async function* fileSlices(file: File): AsyncGenerator<{ text: string; firstLine: number; bytes: number }> {
  const SLICE = 256 * 1024;
  let carry = '';
  let line = 1;
  const decoder = new TextDecoder();
  for (let offset = 0; offset < file.size; offset += SLICE) {
    const part = decoder.decode(await file.slice(offset, offset + SLICE).arrayBuffer(), { stream: offset + SLICE < file.size });
    const text = carry + part;
    const cut = offset + SLICE >= file.size ? text.length : text.lastIndexOf('\n') + 1;
    carry = text.slice(cut);
    const body = text.slice(0, cut);
    if (body) {
      yield { text: body, firstLine: line, bytes: Math.min(file.size, offset + SLICE) };
      line += body.split('\n').length - (body.endsWith('\n') ? 1 : 0);
    }
  }
  if (carry) yield { text: carry, firstLine: line, bytes: file.size };
}

export function ImportDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const { fields, target, problem } = useTarget();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ bytes: number; counts: Counts } | null>(null);
  const [report, setReport] = useState<(Counts & { failures: WriteReport['failures']; failedListTruncated: boolean; state: WriteReport['state']; error: WriteReport['error']; elapsedMs: number }) | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const cancelled = useRef(false);
  useEffect(() => () => void (cancelled.current = true), []);

  const run = async () => {
    if (!client || !file || problem || progress) return;
    cancelled.current = false;
    setError(null);
    setReport(null);
    const started = Date.now();
    const total = { read: 0, sent: 0, acknowledged: 0, failed: 0, failures: [] as WriteReport['failures'], truncated: false };
    setProgress({ bytes: 0, counts: total });
    let state: WriteReport['state'] = 'completed';
    let failure: WriteReport['error'] = null;
    try {
      for await (const slice of fileSlices(file)) {
        if (cancelled.current) {
          state = 'cancelled';
          break;
        }
        const r = await client.call('tail.importChunk', { target, ndjson: slice.text, firstLine: slice.firstLine });
        total.read += r.read;
        total.sent += r.sent;
        total.acknowledged += r.acknowledged;
        total.failed += r.failed;
        total.failures.push(...r.failures.slice(0, Math.max(0, 1000 - total.failures.length)));
        total.truncated ||= r.failedListTruncated || total.failures.length < total.failed;
        setProgress({ bytes: slice.bytes, counts: { ...total } });
      }
    } catch (e) {
      const ui = toUiError(e);
      if (total.read === 0) setError(ui);
      state = 'failed';
      failure = { code: ui.code, message: ui.message };
    }
    setProgress(null);
    setReport({ ...total, failedListTruncated: total.truncated, state, error: failure, elapsedMs: Date.now() - started });
  };

  const busy = progress !== null;
  return (
    <Dialog
      title="Import NDJSON into a stream"
      testId="import-dialog"
      wide
      busy={busy}
      onClose={onClose}
      onSubmit={() => void run()}
      actions={
        <>
          <button type="button" className="button" onClick={() => (busy ? (cancelled.current = true) : onClose())}>
            {busy ? 'Cancel import' : report ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="button button-primary" disabled={busy || !file || problem !== null}>
            Import
          </button>
        </>
      }
    >
      <div className="stack">
        <p className="small muted">
          One JSON object per line with <code>partitionKey</code> and <code>data</code> (base64), <code>text</code> or <code>json</code>; an export from here imports as it is.
        </p>
        <Field label="NDJSON file" hint={file ? `${file.name}, ${size(file.size)}` : undefined}>
          {(props) => <input {...props} type="file" accept=".ndjson,.jsonl,.json,.txt,application/x-ndjson" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-autofocus data-testid="import-file" />}
        </Field>
        {fields}
        {problem && file ? <p className="field-problem">{problem}</p> : null}
        {progress && file ? (
          <Progress label={`${size(progress.bytes)} of ${size(file.size)} read · ${progress.counts.acknowledged.toLocaleString()} written · ${progress.counts.failed.toLocaleString()} failed`} value={progress.bytes} max={file.size} />
        ) : null}
        {report ? <WriteReportView report={report} what="lines" /> : null}
        {error ? <ErrorNote error={error} title="The import could not start" /> : null}
      </div>
    </Dialog>
  );
}

export function ReplayDialog({ stream, onClose }: { stream: string; onClose(): void }) {
  const client = useClient();
  const source = activeConnection(useStore(connectionsStore));
  const { fields, target, problem } = useTarget();
  const [zone, setZone] = useState<Zone>('local');
  const [from, setFrom] = useState<'TRIM_HORIZON' | 'AT_TIMESTAMP' | 'AT_SEQUENCE_NUMBER'>('AT_TIMESTAMP');
  const [startTime, setStartTime] = useState(() => toInputTime(Date.now() - 15 * 60_000, 'local'));
  const [endTime, setEndTime] = useState('');
  const [shard, setShard] = useState('');
  const [sequence, setSequence] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<Counts & { bytes: number } | null>(null);
  const [report, setReport] = useState<WriteReport | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const handle = useRef<{ unsubscribe(): void } | null>(null);
  useEffect(() => () => handle.current?.unsubscribe(), []);

  const start = fromInputTime(startTime, zone);
  const end = endTime ? fromInputTime(endTime, zone) : null;
  const rangeProblem =
    from === 'AT_TIMESTAMP' && start === null ? 'Enter the start time.' : from === 'AT_SEQUENCE_NUMBER' && (!isSequence(sequence) || !shard) ? 'A sequence start needs its shard id and the digits of the sequence number.' : endTime && end === null ? 'The end time is not a full date and time.' : null;

  const run = () => {
    if (!client || problem || rangeProblem || handle.current) return;
    setError(null);
    setReport(null);
    setProgress({ read: 0, sent: 0, acknowledged: 0, failed: 0, bytes: 0 });
    handle.current = client.subscribe(
      'tail.replay',
      {
        source: {
          ...(source ? { connectionId: source.id } : {}),
          stream,
          ...(from === 'AT_SEQUENCE_NUMBER' ? { shards: [shard] } : {}),
          start: from === 'TRIM_HORIZON' ? { type: 'TRIM_HORIZON' } : from === 'AT_TIMESTAMP' ? { type: 'AT_TIMESTAMP', timestamp: start ?? 0 } : { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: sequence },
          ...(end !== null ? { end: { type: 'AT_TIMESTAMP', timestamp: end } } : {}),
        },
        target,
      },
      {
        onBatch: (items: WriteItem[]) => {
          for (const item of items) {
            setJobId(item.jobId);
            if (item.type === 'progress') setProgress(item);
            else setReport(item);
          }
        },
        onEnd: (e) => {
          handle.current = null;
          setProgress(null);
          setJobId(null);
          if (e) setError(errorFromShape(e));
        },
      },
    );
  };

  const busy = progress !== null;
  return (
    <Dialog
      title="Replay a range into another stream"
      testId="replay-dialog"
      wide
      busy={busy}
      onClose={onClose}
      onSubmit={run}
      actions={
        <>
          {busy ? (
            <button type="button" className="button button-danger-outline" disabled={!jobId} onClick={() => jobId && client?.call('tail.cancel', { jobId }).catch((e: unknown) => setError(toUiError(e)))}>
              Cancel replay
            </button>
          ) : (
            <button type="button" className="button" onClick={onClose}>
              {report ? 'Close' : 'Cancel'}
            </button>
          )}
          <button type="submit" className="button button-primary" disabled={busy || problem !== null || rangeProblem !== null} data-autofocus>
            Replay
          </button>
        </>
      }
    >
      <div className="stack">
        <p className="small">
          From <strong className="mono">{stream}</strong> on {source?.name ?? 'the active connection'}. Partition keys are kept; writes stay within each target shard’s limits (1 MiB/s, 1,000 records/s).
        </p>
        <Segmented<typeof from> label="Start" value={from} onChange={setFrom} options={[{ id: 'TRIM_HORIZON', label: 'Oldest record' }, { id: 'AT_TIMESTAMP', label: 'At a time' }, { id: 'AT_SEQUENCE_NUMBER', label: 'At a sequence number' }]} />
        <div className="field-row">
          {from === 'AT_TIMESTAMP' ? <Field label={`Start (${zone === 'utc' ? 'UTC' : 'local time'})`}>{(props) => <input {...props} type="datetime-local" step="1" className="input" value={startTime} onChange={(e) => setStartTime(e.target.value)} />}</Field> : null}
          {from === 'AT_SEQUENCE_NUMBER' ? (
            <>
              <Field label="Shard">{(props) => <input {...props} className="input mono" value={shard} onChange={(e) => setShard(e.target.value.trim())} placeholder="shardId-000000000000" />}</Field>
              <Field label="Sequence number">{(props) => <input {...props} className="input mono" value={sequence} onChange={(e) => setSequence(e.target.value.trim())} inputMode="numeric" />}</Field>
            </>
          ) : null}
          <Field label={`End (${zone === 'utc' ? 'UTC' : 'local time'}, optional)`} hint="Empty: up to the moment the replay starts.">
            {(props) => <input {...props} type="datetime-local" step="1" className="input" value={endTime} onChange={(e) => setEndTime(e.target.value)} />}
          </Field>
          <Segmented<Zone> label="Time zone" value={zone} onChange={setZone} options={[{ id: 'local', label: 'Local' }, { id: 'utc', label: 'UTC' }]} />
        </div>
        {fields}
        {rangeProblem ? <p className="field-problem">{rangeProblem}</p> : problem ? <p className="field-problem">{problem}</p> : null}
        {progress ? <Progress label={`${progress.read.toLocaleString()} read · ${progress.acknowledged.toLocaleString()} written · ${progress.failed.toLocaleString()} failed · ${size(progress.bytes)}`} value={0} max={null} /> : null}
        {busy && !progress?.read ? <Spinner label="Reading the source range…" /> : null}
        {report ? <WriteReportView report={report} what="records" /> : null}
        {error ? <ErrorNote error={error} title="The replay failed" /> : null}
      </div>
    </Dialog>
  );
}

/** Before registering an enhanced fan-out consumer on an AWS profile: it costs money, so the account is named. */
export function FanoutConfirmDialog({ connection, stream, onConfirm, onClose }: { connection: ConnectionSummary; stream: string; onConfirm(accountId: string): void; onClose(): void }) {
  const [account, setAccount] = useState('');
  const expected = connection.accountId ?? null;
  const ok = /^\d{12}$/.test(account) && (expected === null || account === expected);
  return (
    <Dialog
      title="Register a fan-out consumer?"
      testId="fanout-confirm"
      onClose={onClose}
      onSubmit={() => ok && onConfirm(account)}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!ok}>
            Register and tail
          </button>
        </>
      }
    >
      <div className="stack">
        <p>
          Enhanced fan-out registers a consumer on <strong className="mono">{stream}</strong> in AWS account <strong className="mono">{expected ?? '(not checked yet)'}</strong> ({connection.name}, {connection.region}). AWS bills
          consumer-shard hours and data retrieved. The consumer is deregistered when the tail stops.
        </p>
        <Field label="Type the account id to confirm">{(props) => <input {...props} className="input mono input-narrow" inputMode="numeric" value={account} onChange={(e) => setAccount(e.target.value.replace(/\D/g, '').slice(0, 12))} data-autofocus />}</Field>
      </div>
    </Dialog>
  );
}

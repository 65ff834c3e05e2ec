// Replay a range of the tailed stream into another stream (any connection).
import { useEffect, useRef, useState } from 'react';
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
import { TailProgress } from './TailProgress';
import { WriteReportView, type Counts } from './WriteReportView';
import { useWriteTarget } from './useWriteTarget';

export function ReplayDialog({ stream, onClose }: { stream: string; onClose(): void }) {
  const client = useClient();
  const source = activeConnection(useStore(connectionsStore));
  const { fields, target, problem, shownProblem } = useWriteTarget();
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
        {rangeProblem ? <p className="field-problem">{rangeProblem}</p> : shownProblem ? <p className="field-problem">{shownProblem}</p> : null}
        {progress ? <TailProgress label={`${progress.read.toLocaleString()} read · ${progress.acknowledged.toLocaleString()} written · ${progress.failed.toLocaleString()} failed · ${size(progress.bytes)}`} value={0} max={null} /> : null}
        {busy && !progress?.read ? <Spinner label="Reading the source range…" /> : null}
        {report ? <WriteReportView report={report} what="records" /> : null}
        {error ? <ErrorNote error={error} title="The replay failed" /> : null}
      </div>
    </Dialog>
  );
}

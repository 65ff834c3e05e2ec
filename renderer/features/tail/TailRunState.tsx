// How the tail run stands: the pill in the header, and what the timeline shows before any row arrives.
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { useStore } from '../../state/store';
import type { TailController } from './tailController';

const endWords = {
  'end-position': 'Reached the end position',
  'shards-closed': 'Every shard is closed and read to its end',
  'range-done': 'Read the whole range',
  stopped: 'Stopped',
} as const;

export function RunState({ controller }: { controller: TailController }) {
  const run = useStore(controller.state);
  if (run.phase === 'idle') return null;
  if (run.phase === 'starting') return <Spinner label={run.params?.mode?.type === 'fanout' ? 'Registering a consumer and subscribing…' : 'Opening shard iterators…'} />;
  if (run.phase === 'running') {
    return run.pausedAt !== null ? (
      <span className="status-pill status-idle" data-testid="tail-state">
        Paused
      </span>
    ) : (
      <span className="status-pill status-ok" data-testid="tail-state">
        <span className="pulse" aria-hidden="true" />
        Live
      </span>
    );
  }
  return (
    <span className={`status-pill ${run.error ? 'status-bad' : 'status-idle'}`} data-testid="tail-state">
      {run.error ? 'Failed' : run.end ? endWords[run.end.reason] : 'Stopped'}
    </span>
  );
}

export function TailEmpty({ phase, filtered, scanned, fanout, ended, hasError }: { phase: string; filtered: boolean; scanned: number; fanout: boolean; ended: { reason: keyof typeof endWords } | null; hasError: boolean }) {
  if (phase === 'idle') {
    return (
      <div className="empty empty-compact tail-empty" data-testid="tail-empty">
        <div className="empty-icon">
          <Icon name="tail" size={28} />
        </div>
        <h2 className="empty-title">Choose a stream and start</h2>
        <p className="empty-text">
          Rows from every chosen shard merge here in arrival order, decoded in main (KPL aggregates, gzip, CloudWatch Logs, JSON, text). <kbd>Ctrl</kbd>+<kbd>Enter</kbd> starts and stops, <kbd>Space</kbd> pauses, <kbd>/</kbd> filters,{' '}
          <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>Enter</kbd> opens a row.
        </p>
      </div>
    );
  }
  if (phase === 'starting') {
    return (
      <div className="loading-block">
        <Spinner label={fanout ? 'Registering the fan-out consumer (it takes a few seconds to become ACTIVE)…' : 'Opening shard iterators…'} />
      </div>
    );
  }
  if (phase === 'running') {
    return (
      <div className="loading-block" data-testid="tail-waiting">
        <Spinner label={filtered ? `No record matched yet (${scanned.toLocaleString()} scanned)…` : 'Waiting for records…'} />
      </div>
    );
  }
  if (hasError) return null;
  return (
    <div className="empty empty-compact tail-empty">
      <h2 className="empty-title">{filtered ? 'No record matched' : 'No records were read'}</h2>
      <p className="empty-text">
        {ended ? `${endWords[ended.reason]}. ` : 'The tail was stopped. '}
        {filtered ? `${scanned.toLocaleString()} records were scanned.` : 'Try an earlier start position (TRIM_HORIZON or a time).'}
      </p>
    </div>
  );
}

// Rehearsing the checked plan on the local engine: a temporary copy of the stream's layout runs the calls, its
// open shards are compared with the plan's prediction, and the copy is deleted. Progress, cancel and the result.
import { useEffect, useRef, useState } from 'react';
import type { PlannedShard, RehearseItem, ReshardOperation } from '../../../shared/contract/reshard';
import type { SubscriptionHandle } from '../../api/client';
import type { AppClient } from '../../api/connect';
import { errorFromShape, type UiError } from '../../api/errors';
import { ErrorNote } from '../../components/ErrorNote';
import { PlannedKeySpace } from './PlannedKeySpace';

type Progress = Extract<RehearseItem, { type: 'progress' }>;
type Result = Extract<RehearseItem, { type: 'done' }>;

export function Rehearsal({ client, stream, operations, after }: { client: AppClient; stream: string; operations: ReshardOperation[] | null; after: readonly PlannedShard[] }) {
  const [state, setState] = useState<{ running: boolean; progress: Progress | null; result: Result | null; error: UiError | null; key: string } | null>(null);
  const handle = useRef<SubscriptionHandle | null>(null);
  const key = JSON.stringify(operations);
  useEffect(() => () => handle.current?.unsubscribe(), []);
  const shown = state && state.key === key ? state : null;

  const start = () => {
    if (!operations || handle.current) return;
    let progress: Progress | null = null;
    let result: Result | null = null;
    setState({ running: true, progress: null, result: null, error: null, key });
    handle.current = client.subscribe(
      'reshard.rehearse',
      { stream, operations },
      {
        onBatch: (items) => {
          for (const item of items) {
            if (item.type === 'progress') progress = item;
            else result = item;
          }
          setState({ running: result === null, progress, result, error: null, key });
        },
        onEnd: (error) => {
          handle.current = null;
          setState({ running: false, progress, result, error: error ? errorFromShape(error) : result ? null : { code: 'RehearsalCancelled', message: 'The rehearsal was cancelled; its copy is deleted.', advice: null }, key });
        },
      },
    );
  };

  const utilisation = new Map(after.map((s) => [`${s.startingHashKey}-${s.endingHashKey}`, s.utilisationPercent]));
  const result = shown?.result ?? null;
  return (
    <div className="stack reshard-subpanel" data-testid="rehearsal">
      <div className="panel-head">
        <div>
          <h3 className="panel-subtitle">Rehearse on a copy</h3>
          <p className="small muted">Runs the calls on a temporary stream named shardscope-rehearsal-… with the same open shard layout (no records), compares the result with the plan, then deletes it.</p>
        </div>
        {shown?.running ? (
          <button type="button" className="button" onClick={() => handle.current?.unsubscribe()} data-testid="rehearse-cancel">
            Cancel
          </button>
        ) : (
          <button type="button" className="button" onClick={start} disabled={operations === null} data-testid="rehearse-start">
            Rehearse
          </button>
        )}
      </div>
      {shown?.running && shown.progress ? (
        <div className="reshard-progress" data-testid="rehearse-progress">
          <progress max={Math.max(1, shown.progress.total)} value={shown.progress.done} aria-label="Rehearsal progress" />
          <span className="small">{shown.progress.message}</span>
        </div>
      ) : null}
      {shown?.error ? <ErrorNote error={shown.error} title="The rehearsal stopped" /> : null}
      {result ? (
        <div className="stack" data-testid="rehearse-result">
          <p className={result.matchesPlan ? 'check-ok' : 'check-bad'}>
            <span className="check-mark" aria-hidden="true">
              {result.matchesPlan ? '✓ ' : '✗ '}
            </span>
            {result.matchesPlan ? `Every call succeeded and the copy ended with the ${result.open.length} open shards the plan predicted.` : 'The copy did not end as the plan predicted:'}
          </p>
          {result.differences.length > 0 ? (
            <ul className="reshard-impact">
              {result.differences.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : null}
          <PlannedKeySpace shards={result.open.map((s) => ({ ...s, utilisationPercent: utilisation.get(`${s.startingHashKey}-${s.endingHashKey}`) ?? 0 }))} label="The copy's open shards after the rehearsal" testId="rehearse-keyspace" />
          <p className="small muted">
            {result.copyName} {result.deleted ? 'was deleted' : 'could not be deleted yet: the next rehearsal deletes it'} ({(result.elapsedMs / 1000).toFixed(1)} s in all).
          </p>
        </div>
      ) : null}
    </div>
  );
}

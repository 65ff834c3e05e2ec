// The stream's open shards and their recent load, as reshard.observe reports them: the AWS sample's progress (with
// a cancel), the key space coloured by load, and a table with each shard's heaviest partition key.
import type { ObservedShard } from '../../../shared/contract/reshard';
import { ErrorNote } from '../../components/ErrorNote';
import { shortShardId } from '../../components/KeySpaceBar';
import { Spinner } from '../../components/Spinner';
import { HeatLegend, PlannedKeySpace } from './PlannedKeySpace';
import { LoadCells, LoadHeaders } from './LoadCells';
import { percent } from './reshardFormat';
import type { Observation } from './useObservation';

function windowWords(seconds: number): string {
  return seconds >= 3570 ? 'the last hour' : seconds >= 90 ? `the last ${Math.round(seconds / 60)} min` : `the last ${Math.round(seconds)} s`;
}

export function ObservedShards({ observation, selected, onCancel, onAgain, onSplit }: { observation: Observation; selected: string | null; onCancel(): void; onAgain(): void; onSplit(shardId: string): void }) {
  const { phase, shards, progress, done, error } = observation;
  return (
    <div className="stack" data-testid="observed-shards">
      {phase === 'observing' ? (
        progress ? (
          <div className="reshard-progress" data-testid="observe-progress">
            <progress max={1} value={progress.fraction} aria-label="Sampling the shards' recent records" />
            <span className="small">
              Sampling recent records: {progress.shardsDone} of {progress.shardsTotal} shards, {progress.recordsRead.toLocaleString()} records read
            </span>
            <button type="button" className="button" onClick={onCancel} data-testid="observe-cancel">
              Cancel
            </button>
          </div>
        ) : (
          <Spinner label="Reading the shards' load…" />
        )
      ) : null}
      {phase === 'cancelled' ? (
        <p className="notice" role="status">
          The sample was cancelled: without it the plan has no observed load.{' '}
          <button type="button" className="link-button" onClick={onAgain}>
            Sample again
          </button>
        </p>
      ) : null}
      {error ? <ErrorNote error={error} title="Could not observe the stream's traffic" /> : null}
      {done ? (
        <p className="small muted" data-testid="observe-source">
          {done.source === 'engine-stats' ? `From the local engine's own stats over ${windowWords(done.windowSeconds)}.` : `From a sample of each shard's records over ${windowWords(done.windowSeconds)}.`}{' '}
          {done.notes.filter((n) => !/^Load over the last/.test(n)).join(' ')}
        </p>
      ) : null}
      {shards.length > 0 ? (
        <>
          <PlannedKeySpace shards={shards} label="Open shards by load" selected={selected} testId="keyspace-observed" />
          <HeatLegend />
          <div className="table-scroll">
            <table className="table table-compact" data-testid="observed-table">
              <thead>
                <tr>
                  <th scope="col">Shard</th>
                  <LoadHeaders />
                  <th scope="col">Heaviest key</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shards.map((s: ObservedShard) => {
                  const top = s.topKeys[0];
                  return (
                    <tr key={s.shardId} className={s.shardId === selected ? 'row-selected' : undefined} data-shard={s.shardId}>
                      <th scope="row" className="mono" title={s.shardId}>
                        {shortShardId(s.shardId)}
                      </th>
                      <LoadCells shard={s} />
                      <td className="reshard-topkey">{top ? <><code title={top.partitionKey}>{top.partitionKey}</code> <span className="muted small">{percent(top.sharePercent)}</span></> : <span className="muted">—</span>}</td>
                      <td>
                        <button type="button" className="link-button" onClick={() => onSplit(s.shardId)} aria-label={`Split ${s.shardId}`}>
                          Split…
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : phase === 'done' ? (
        <p className="muted">The stream has no open shard.</p>
      ) : null}
    </div>
  );
}

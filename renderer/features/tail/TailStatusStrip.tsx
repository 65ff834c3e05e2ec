// The session's health at a glance: scanned vs matched, rows kept and dropped, and per shard its state, the
// tailer's own share of the read budget (calls/s of 5, bytes/s of 2 MiB), iterator age and throttles.
import type { ShardStatus, TailStatus } from '../../../shared/contract/tail';
import { age, shortShard, size } from './tailFormat';

const stateWords: Record<ShardStatus['state'], string> = {
  'waiting-for-parents': 'waiting for parents',
  reading: 'reading',
  'backing-off': 'backing off',
  drained: 'drained',
  stopped: 'stopped',
  failed: 'failed',
};

function Meter({ used, budget, label }: { used: number; budget: number; label: string }) {
  const share = budget > 0 ? Math.min(1, used / budget) : 0;
  return (
    <span className="meter" title={label} aria-label={label}>
      <span className={`meter-fill${share > 0.8 ? ' meter-high' : ''}`} style={{ width: `${Math.round(share * 100)}%` }} />
    </span>
  );
}

/** Once the tail has stopped or failed, its last status must not say a shard is still read at full budget. */
function settled(s: ShardStatus, ended: boolean): ShardStatus {
  if (!ended || s.state === 'drained' || s.state === 'failed' || s.state === 'stopped') return s;
  return { ...s, state: 'stopped', callsPerSecond: s.callsPerSecond === null ? null : 0, bytesPerSecond: 0 };
}

function Shard({ s }: { s: ShardStatus }) {
  const calls = s.callsPerSecond;
  return (
    <li className={`tss-shard tss-${s.state}`} data-testid="shard-status" title={s.lastError ? `${s.lastError.code}: ${s.lastError.message}` : s.shardId}>
      <span className="tss-name">{shortShard(s.shardId)}</span>
      <span className="tss-state">{stateWords[s.state]}</span>
      {calls === null ? (
        <span className="tss-fig">fan-out · {size(Math.round(s.bytesPerSecond))}/s</span>
      ) : (
        <span className="tss-fig">
          <Meter used={calls} budget={s.callBudget} label={`${calls.toFixed(1)} of ${s.callBudget} GetRecords calls/s`} />
          {calls.toFixed(1)}/{s.callBudget} calls/s · {size(Math.round(s.bytesPerSecond))}/s of {size(s.byteBudget)}
        </span>
      )}
      <span className="tss-fig" title="Iterator age (MillisBehindLatest)">
        behind {age(s.millisBehindLatest)}
      </span>
      {s.throttles > 0 ? <span className="tss-fig tss-warn">{s.throttles.toLocaleString()} throttled</span> : null}
      {s.lastError ? <span className="tss-fig tss-warn">{s.lastError.code}</span> : null}
    </li>
  );
}

/** `received` rows all matched (main sends only matches), so it is the exact matched count; status items come
 *  once a second, so scanned is at least that. */
export function TailStatusStrip({ status, kept, capacity, dropped, received, paused, ended, shown }: { status: TailStatus | null; kept: number; capacity: number; dropped: number; received: number; paused: boolean; ended: boolean; shown: number | null }) {
  return (
    <div className="tail-status" data-testid="tail-status">
      <div className="tss-counters" aria-live="off">
        <span data-testid="counter-scanned">
          <strong>{Math.max(status?.scanned ?? 0, received).toLocaleString()}</strong> scanned
        </span>
        <span data-testid="counter-matched">
          <strong>{received.toLocaleString()}</strong> matched
        </span>
        {status && status.held > 0 ? (
          <span title="Read but waiting in the merge for slower shards">
            <strong>{status.held.toLocaleString()}</strong> waiting to merge
          </span>
        ) : null}
        <span data-testid="counter-kept">
          <strong>{kept.toLocaleString()}</strong> of {capacity.toLocaleString()} rows kept
        </span>
        {shown !== null ? (
          <span data-testid="counter-shown" title="Rows kept that pass the filter in the filter bar">
            <strong>{shown.toLocaleString()}</strong> shown
          </span>
        ) : null}
        <span className={dropped > 0 ? 'tss-dropped' : 'muted'} data-testid="counter-dropped" title="The oldest rows fall off the front once the buffer is full">
          <strong>{dropped.toLocaleString()}</strong> dropped
        </span>
      </div>
      {status && status.shards.length > 0 ? (
        <ul className={`tss-shards${paused ? ' tss-stale' : ''}`} aria-label={paused ? 'Shards, as of the pause' : 'Shards'} title={paused ? 'As of the pause: reading resumes with Resume' : undefined}>
          {status.shards.map((s) => (
            <Shard key={s.shardId} s={settled(s, ended)} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

// The plan service's dry run, step by step: what it read from the stream (status, mode, shards, limits), each call
// checked on paper against it, and every problem found. Nothing that changes the stream was called.
import type { PlanResult } from '../../../shared/contract/reshard';
import type { UiError } from '../../api/errors';
import { ErrorNote } from '../../components/ErrorNote';
import { Spinner } from '../../components/Spinner';

function Check({ ok, children }: { ok: boolean | null; children: React.ReactNode }) {
  return (
    <li className={ok === null ? 'check-info' : ok ? 'check-ok' : 'check-bad'}>
      <span className="check-mark" aria-hidden="true">
        {ok === null ? 'i' : ok ? '✓' : '✗'}
      </span>
      <span>{children}</span>
    </li>
  );
}

export function DryRun({ result, checking, stale, error, onAgain }: { result: PlanResult | null; checking: boolean; stale: boolean; error: UiError | null; onAgain(): void }) {
  const s = result?.stream;
  const problems = result?.plan.problems ?? [];
  return (
    <div className="stack" data-testid="dry-run">
      <div className="panel-head">
        <p className="muted small">Checked against the stream as it is now with DescribeStreamSummary, ListShards and DescribeLimits only: nothing is changed.</p>
        <button type="button" className="button" onClick={onAgain} disabled={checking}>
          Check again
        </button>
      </div>
      {checking ? <Spinner label="Checking the plan against the stream…" /> : null}
      {error ? <ErrorNote error={error} title="The dry run could not read the stream" /> : null}
      {result && s ? (
        <ul className={`checks${stale ? ' checks-stale' : ''}`} data-testid="dry-run-checks" aria-busy={checking}>
          <Check ok={s.status === 'ACTIVE'}>Stream status: {s.status}</Check>
          <Check ok={s.capacityMode !== 'ON_DEMAND'}>Capacity mode: {s.capacityMode === 'ON_DEMAND' ? 'on-demand (cannot be resharded)' : 'provisioned'}</Check>
          <Check ok={null}>
            {s.openShards} open shards; the account has {s.accountOpenShards.toLocaleString()} of its {s.accountShardLimit.toLocaleString()} shards open in this region
          </Check>
          <Check ok={null}>{s.shardCountUpdatesLast24h === null ? 'UpdateShardCount calls in the last 24 hours: not reported by AWS (assumed none)' : `UpdateShardCount calls in the last 24 hours: ${s.shardCountUpdatesLast24h} of 10`}</Check>
          {result.plan.calls.map((call, i) => (
            <Check key={i} ok>
              Call {i + 1}: {call.api} {Object.entries(call.request).filter(([k]) => k !== 'StreamName').map(([k, v]) => `${k}=${String(v)}`).join(' ')}: the shards it names are open, its keys and adjacency hold; {call.openShardsAfter} open shards after
            </Check>
          ))}
          {problems.map((p) => (
            <Check key={p} ok={false}>
              {p}
            </Check>
          ))}
          {problems.length === 0 ? <Check ok>No problem found: the plan can run.</Check> : null}
          {result.notes.map((n) => (
            <Check key={n} ok={null}>
              {n}
            </Check>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

// What a plan will do, before anything changes: the key space before and after with each shard's load, the
// projected load per shard, the open shard count, the API calls in order, the time it takes, the cost per hour
// (and where the price comes from) and what consumers will notice.
import type { ReshardPlan } from '../../../shared/contract/reshard';
import { shortShardId } from '../../components/KeySpaceBar';
import { HeatLegend, PlannedKeySpace } from './PlannedKeySpace';
import { LoadCells, LoadHeaders } from './LoadCells';
import { dollars, seconds } from './reshardFormat';

export function PlanPreview({ plan, local }: { plan: ReshardPlan; local: boolean }) {
  const barShards = (shards: ReshardPlan['after']) => shards.map((s) => ({ ...s, isNew: s.change === 'new' }));
  return (
    <div className="stack-lg" data-testid="plan-preview">
      <div className="stack">
        <h3 className="panel-subtitle">Key space before</h3>
        <PlannedKeySpace shards={barShards(plan.before)} label="Key space before" testId="keyspace-before" />
        <h3 className="panel-subtitle">Key space after</h3>
        <PlannedKeySpace shards={barShards(plan.after)} label="Key space after" testId="keyspace-after" />
        <HeatLegend />
      </div>
      <dl className="facts reshard-facts">
        <div className="fact">
          <dt>Open shards</dt>
          <dd data-testid="open-shards">
            {plan.openShardsBefore} → <strong>{plan.openShardsAfter}</strong>
          </dd>
        </div>
        <div className="fact">
          <dt>API calls</dt>
          <dd>{plan.calls.length}</dd>
        </div>
        <div className="fact">
          <dt>Estimated duration</dt>
          <dd>{plan.calls.length === 0 ? '—' : `${seconds(plan.estimatedSeconds)} (each call waits for ACTIVE)`}</dd>
        </div>
        <div className="fact">
          <dt>Cost per hour{local ? ' on AWS' : ''}</dt>
          <dd data-testid="plan-cost">{plan.cost ? `${dollars(plan.cost.beforePerHour)} → ${dollars(plan.cost.afterPerHour)} (${dollars(plan.cost.pricePerShardHour)} per shard-hour)` : 'unknown'}</dd>
        </div>
      </dl>
      {plan.cost ? (
        <p className="small muted" data-testid="price-source">
          Price: {plan.cost.source} It may be out of date; PUT payload units and data retrieval are billed on top.
        </p>
      ) : null}

      <section className="stack" aria-labelledby="calls-title">
        <h3 id="calls-title" className="panel-subtitle">
          API calls in order
        </h3>
        {plan.calls.length === 0 ? (
          <p className="muted">No call: the goal changes nothing as it stands.</p>
        ) : (
          <ol className="reshard-calls" data-testid="plan-calls">
            {plan.calls.map((call, i) => (
              <li key={i}>
                <code className="mono">
                  {call.api}
                  {'('}
                  {Object.entries(call.request)
                    .filter(([k]) => k !== 'StreamName')
                    .map(([k, v]) => `${k}: ${String(v)}`)
                    .join(', ')}
                  {')'}
                </code>
                <span className="muted small"> → {call.openShardsAfter} open</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="stack" aria-labelledby="after-title">
        <h3 id="after-title" className="panel-subtitle">
          Projected load after
        </h3>
        <div className="table-scroll">
          <table className="table table-compact" data-testid="projected-load">
            <thead>
              <tr>
                <th scope="col">Shard</th>
                <LoadHeaders />
              </tr>
            </thead>
            <tbody>
              {plan.after.map((s, i) => (
                <tr key={`${s.shardId ?? 'new'}:${i}`}>
                  <th scope="row" className="mono">
                    {s.shardId ? shortShardId(s.shardId) : <span title="AWS picks the ids of the shards UpdateShardCount makes">—</span>} {s.change === 'new' ? <span className="reshard-new-tag">new</span> : null}
                  </th>
                  <LoadCells shard={s} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="stack" aria-labelledby="impact-title">
        <h3 id="impact-title" className="panel-subtitle">
          What consumers will notice
        </h3>
        {plan.consumerImpact.length === 0 ? (
          <p className="muted">Nothing: no shard closes.</p>
        ) : (
          <ul className="reshard-impact" data-testid="consumer-impact">
            {plan.consumerImpact.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

// The whole key space as a bar of shards coloured by their load (observed or projected): the preview's before
// and after pictures, and the observed load of the stream's open shards.
import { keySpaceShare } from '../../../shared/domain/reshard/observedTraffic';
import { KeySpaceScale, shortShardId } from '../../components/KeySpaceBar';
import { heatClass, percent } from './reshardFormat';

export interface BarShard {
  shardId: string | null;
  startingHashKey: string;
  endingHashKey: string;
  utilisationPercent: number;
  isNew?: boolean;
}

export function PlannedKeySpace({ shards, label, testId, selected }: { shards: readonly BarShard[]; label: string; testId?: string; selected?: string | null }) {
  return (
    <div className="keyspace" data-testid={testId}>
      <div className="keyspace-bar reshard-bar" role="img" aria-label={`${label}: ${shards.length} open shard${shards.length === 1 ? '' : 's'}`}>
        {shards.map((shard, i) => {
          const left = keySpaceShare(BigInt(shard.startingHashKey));
          const right = keySpaceShare(BigInt(shard.endingHashKey) + 1n);
          const width = Math.max(right - left, 0.15);
          const name = shard.shardId ? shortShardId(shard.shardId) : 'new';
          return (
            <div
              key={`${shard.shardId ?? 'new'}:${i}`}
              className={`reshard-seg ${heatClass(shard.utilisationPercent)}${shard.isNew ? ' reshard-seg-new' : ''}${shard.shardId !== null && shard.shardId === selected ? ' reshard-seg-selected' : ''}`}
              style={{ left: `${left}%`, width: `${width}%` }}
              title={`${shard.shardId ?? 'a new shard (AWS picks its id)'}\n${shard.startingHashKey} – ${shard.endingHashKey}\n${percent(shard.utilisationPercent)} of one shard's write capacity`}
            >
              {width >= 6 ? (
                <span className="reshard-seg-label">
                  {name}
                  <small>{percent(shard.utilisationPercent)}</small>
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
      <KeySpaceScale />
    </div>
  );
}

export function HeatLegend() {
  return (
    <p className="heat-legend small" aria-label="Colours: share of one shard's write capacity (1,000 records/s or 1 MiB/s)">
      <span className="heat-swatch heat-cold" /> under 5 % <span className="heat-swatch heat-mild" /> 5–50 % <span className="heat-swatch heat-warm" /> 50–80 % <span className="heat-swatch heat-hot" /> 80 % and more of one shard's write capacity
    </p>
  );
}

// The 128-bit hash key space as a bar: each open shard's range as a segment, and an optional marker where a
// key lands. Shards are labelled when their segment is wide enough; every segment has its range as a title.
import type { ShardRow } from '../../shared/contract/streams';

/** shardId-000000000007 → #7; other ids stay as they are. */
export function shortShardId(id: string): string {
  const match = /^shardId-(\d+)$/.exec(id);
  return match?.[1] ? `#${Number(match[1])}` : id;
}

export function KeySpaceBar({ shards, marker, target }: { shards: readonly ShardRow[]; marker: number | null; target: string | null }) {
  const open = shards.filter((s) => s.open);
  return (
    <div className="keyspace" data-testid="keyspace-bar">
      <div className="keyspace-bar" role="img" aria-label={`Hash key space split over ${open.length} open shard${open.length === 1 ? '' : 's'}`}>
        {open.map((shard, i) => (
          <div
            key={shard.shardId}
            className={`keyspace-seg${shard.shardId === target ? ' keyspace-seg-target' : ''}${i % 2 ? ' keyspace-seg-alt' : ''}`}
            style={{ left: `${shard.offsetPercent}%`, width: `${Math.max(shard.sharePercent, 0.15)}%` }}
            title={`${shard.shardId}\n${shard.startingHashKey} – ${shard.endingHashKey}\n${shard.sharePercent}% of the key space`}
          >
            {shard.sharePercent >= 7 ? <span className="keyspace-label">{shortShardId(shard.shardId)}</span> : null}
          </div>
        ))}
        {marker !== null ? <div className="keyspace-marker" style={{ left: `${marker}%` }} data-testid="keyspace-marker" aria-hidden="true" /> : null}
      </div>
      <KeySpaceScale />
    </div>
  );
}

/** The labels under any key-space bar: its two ends and its middle. */
export function KeySpaceScale() {
  return (
    <div className="keyspace-scale" aria-hidden="true">
      <span>0</span>
      <span>2¹²⁷</span>
      <span>2¹²⁸ − 1</span>
    </div>
  );
}

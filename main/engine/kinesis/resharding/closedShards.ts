// Closed shards stay listed and readable until every record they hold is past the stream's retention period,
// as on AWS; then a periodic job drops them with their records. Children keep naming them as parents.
import type { Kinesis } from '../kinesis';

/** Drops every closed shard whose closing is older than its stream's retention period; returns how many went. */
export function dropExpiredShards(kinesis: Kinesis): number {
  const now = kinesis.clock();
  let dropped = 0;
  for (const row of kinesis.store.allStreams()) {
    const stream = kinesis.findStreamById(row.id);
    if (!stream) continue;
    const horizon = now - stream.retentionHours * 3_600_000;
    kinesis.store.transaction(() => {
      for (const shard of stream.shards) {
        if (shard.closedMs !== null && shard.closedMs < horizon) {
          kinesis.store.deleteShard(shard.id);
          dropped++;
        }
      }
    });
  }
  if (dropped > 0) kinesis.removed();
  return dropped;
}

export function scheduleShardExpiry(kinesis: Kinesis): void {
  kinesis.every(kinesis.config.retentionSweepMs, () => dropExpiredShards(kinesis));
}

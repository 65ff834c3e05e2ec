// Retention: a periodic job drops records older than each stream's retention period. Reads already hide
// them (GetRecords starts at the retention horizon), so the job only reclaims space.
import type { Kinesis } from '../kinesis';
import { SEQ_PER_MS } from '../records/sequence';

/** Trims every shard of every stream; returns how many records went. */
export function trimExpiredRecords(kinesis: Kinesis): number {
  const now = kinesis.clock();
  let trimmed = 0;
  for (const row of kinesis.store.allStreams()) {
    const stream = kinesis.findStreamById(row.id);
    if (!stream) continue;
    const horizon = (now - stream.retentionHours * 3_600_000) * SEQ_PER_MS;
    for (const shard of stream.shards) trimmed += kinesis.store.trimRecords(shard.id, horizon);
  }
  return trimmed;
}

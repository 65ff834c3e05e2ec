// recordOutgoing: the one call that reports records served to a reader, for the live stats. GetRecords calls it
// through its read hook; enhanced fan-out calls it for every SubscribeToShardEvent it sends.
import type { Kinesis } from '../kinesis';
import { M } from './streamStats';

export type OutgoingKind = 'getRecords' | 'fanOut';

/**
 * Counts records (and bytes: data plus partition keys) served from a shard, and the MillisBehindLatest they
 * were served with (the stats keep the maximum per second as the iterator age). `now` defaults to the engine
 * clock.
 */
export function recordOutgoing(
  kinesis: Kinesis,
  stream: { id: number },
  shard: { id: number; shardIndex: number },
  kind: OutgoingKind,
  records: number,
  bytes: number,
  millisBehindLatest: number,
  now = kinesis.clock(),
): void {
  const stats = kinesis.controls.stats.shard(shard.id, stream.id, shard.shardIndex);
  const second = Math.floor(now / 1000);
  if (kind === 'getRecords') {
    stats.add(second, M.getRecordsRecords, records);
    stats.add(second, M.getRecordsBytes, bytes);
  } else {
    stats.add(second, M.fanOutRecords, records);
    stats.add(second, M.fanOutBytes, bytes);
  }
  stats.max(second, M.iteratorAge, millisBehindLatest);
}

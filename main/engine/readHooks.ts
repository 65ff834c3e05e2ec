// Extension point of GetRecords (Engine II): `before` may refuse the call (read throughput limits) by throwing a
// KinesisError; `after` sees what was served (stats, read-byte accounting). Both are per call, not per record.
import type { ActionContext } from './core/action';
import type { ShardState, StreamState } from './kinesis/streams/streamModel';

export interface ReadHook {
  before(ctx: ActionContext, stream: StreamState, shard: ShardState): void;
  /** bytes counts data plus partition keys; millisBehindLatest is the value the response carries. */
  after(ctx: ActionContext, stream: StreamState, shard: ShardState, records: number, bytes: number, millisBehindLatest: number): void;
}

export const readHooks: ReadHook[] = [];

// Newest-first over a time range: Kinesis only reads forwards, so the range is cut into windows taken from
// the end backwards; each window is read forwards on every shard, then its matching rows are sent newest
// first. The window adapts (halved above 5,000 records, doubled below 500) so memory stays bounded on busy
// streams and quiet ones do not cost a call per second of history.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { ErrorCode, RpcError } from '../../../shared/contract/errors';
import type { ShardStatus, TailItem, TailRecordsParams, TailStatus } from '../../../shared/contract/tail';
import { readShards, readSummary } from '../streams/streamReaders';
import { compareRecords } from './mergeHeap';
import { readTimeRange } from './rangeRead';
import { AWS_READ_BYTES_PER_SECOND, AWS_READ_CALLS_PER_SECOND, ReadBudget } from './readBudget';
import type { ShardRecord } from './shardRecords';

const FIRST_WINDOW_MS = 60_000;
const MIN_WINDOW_MS = 1000;
const MAX_WINDOW_MS = 3_600_000;

/** What the scan needs from its tail session: what to read, and the clients to read it with. */
export interface NewestFirstSource {
  readonly params: TailRecordsParams;
  readonly connection: { kinesis(): KinesisClient };
}

export async function scanNewestFirst(
  session: NewestFirstSource,
  emit: (record: ShardRecord) => Promise<void>,
  status: (shards: TailStatus['shards'], held: number) => TailStatus,
  send: (item: TailItem) => Promise<void>,
  signal: AbortSignal,
): Promise<'range-done'> {
  const p = session.params;
  if (p.start.type !== 'AT_TIMESTAMP') throw new RpcError(ErrorCode.ValidationException, 'newest-first reads a time range: give start AT_TIMESTAMP (and optionally an end time).');
  if (p.end && p.end.type !== 'AT_TIMESTAMP') throw new RpcError(ErrorCode.ValidationException, 'newest-first takes an end time, not a sequence number.');
  const kinesis = () => session.connection.kinesis();
  // Nothing is older than the stream or its retention: start the backwards scan no earlier than that.
  const summary = await readSummary(kinesis(), p.stream);
  const to = p.end?.timestamp ?? Date.now();
  const from = Math.max(p.start.timestamp, summary.createdAt - 1000, Date.now() - summary.retentionHours * 3_600_000);
  const all = (await readShards(kinesis(), p.stream)).map((s) => s.ShardId ?? '');
  const shards = p.shards ?? all;
  const calls = p.mode.type === 'polling' ? p.mode.maxCallsPerSecond : AWS_READ_CALLS_PER_SECOND - 1;
  const budgets = new Map(shards.map((id) => [id, new ReadBudget(calls)]));
  let windowMs = FIRST_WINDOW_MS;
  for (let end = to; end >= from && !signal.aborted; ) {
    const start = Math.max(from, end - windowMs + 1);
    const found: ShardRecord[] = [];
    for (const id of shards) found.push(...(await readTimeRange(kinesis, p.stream, id, start, end, budgets.get(id) ?? new ReadBudget(calls), signal)));
    found.sort((a, b) => compareRecords(b, a));
    for (const record of found) await emit(record);
    await send(status(shardStatuses(budgets), 0));
    if (found.length > 5000) windowMs = Math.max(MIN_WINDOW_MS, windowMs / 2);
    else if (found.length < 500) windowMs = Math.min(MAX_WINDOW_MS, windowMs * 2);
    end = start - 1;
  }
  return 'range-done';
}

function shardStatuses(budgets: Map<string, ReadBudget>): ShardStatus[] {
  return [...budgets].map(([shardId, b]) => ({
    shardId,
    state: 'reading',
    ...b.usage(),
    callBudget: AWS_READ_CALLS_PER_SECOND,
    byteBudget: AWS_READ_BYTES_PER_SECOND,
    millisBehindLatest: null,
    throttles: b.throttles,
    lastError: null,
  }));
}

// Reads one shard's records between two arrival times (inclusive), within the tailer's read budget: for the
// newest-first scan, which reads a time window at a time.
import { GetRecordsCommand, GetShardIteratorCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { abortableSleep } from '../streams/abortableSleep';
import { ReadBudget } from './readBudget';
import { attemptsOf, isThrottle, toShardRecord, type ShardRecord } from './shardRecords';

export async function readTimeRange(kinesis: () => KinesisClient, stream: string, shardId: string, from: number, to: number, budget: ReadBudget, signal: AbortSignal): Promise<ShardRecord[]> {
  const out: ShardRecord[] = [];
  let iterator: string | undefined = await call(budget, signal, async () =>
    (await kinesis().send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shardId, ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date(from) }), { abortSignal: signal })).ShardIterator,
  );
  while (iterator && !signal.aborted) {
    await abortableSleep(budget.delayMs(), signal);
    budget.called();
    const current: string = iterator;
    const res = await call(budget, signal, () => kinesis().send(new GetRecordsCommand({ ShardIterator: current, Limit: 10_000 }), { abortSignal: signal }));
    const records = (res.Records ?? []).map((r) => toShardRecord(shardId, r));
    budget.succeeded(records.reduce((s, r) => s + r.bytes, 0));
    for (const r of records) {
      if (r.arrivalMs > to) return out;
      if (r.arrivalMs >= from) out.push(r);
    }
    if (records.length === 0 && (res.MillisBehindLatest ?? 0) === 0) return out;
    iterator = res.NextShardIterator;
  }
  return out;
}

async function call<T>(budget: ReadBudget, signal: AbortSignal, send: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      const value = await send();
      for (let i = 1; i < attemptsOf(value); i++) budget.throttles++;
      return value;
    } catch (error) {
      if (!isThrottle(error) || signal.aborted) throw error;
      await abortableSleep(budget.throttled(), signal);
    }
  }
}

// Helpers shared by the engine's limits, faults and admin tests: reading a whole shard while honouring read
// throttles, the admin client, and exact binomial bounds for fault-rate checks.
import { GetRecordsCommand, GetShardIteratorCommand, type GetRecordsCommandOutput, type KinesisClient, type _Record } from '@aws-sdk/client-kinesis';
import { EngineAdmin } from '../../main/services/engineAdmin';
import { sleep } from './sleep';

export const ACCOUNT = '000000000000';

export function admin(engine: { endpoint: string }): EngineAdmin {
  return new EngineAdmin({ endpoint: engine.endpoint });
}

function throttled(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return name === 'ProvisionedThroughputExceededException' || name === 'LimitExceededException';
}

/** Retries a call that realistic limits may throttle, backing off a little each time. */
export async function patiently<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!throttled(error) || attempt > 200) throw error;
      await sleep(100 + attempt * 20);
    }
  }
}

/** Every record of a shard from TRIM_HORIZON, with the responses' MillisBehindLatest values. */
export async function readShard(kinesis: KinesisClient, stream: string, shardId: string, limit?: number): Promise<{ records: _Record[]; millisBehind: number[] }> {
  const start = await patiently(() => kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' })));
  let iterator = start.ShardIterator;
  const records: _Record[] = [];
  const millisBehind: number[] = [];
  while (iterator) {
    const it: string = iterator;
    const page: GetRecordsCommandOutput = await patiently(() => kinesis.send(new GetRecordsCommand({ ShardIterator: it, ...(limit ? { Limit: limit } : {}) })));
    records.push(...(page.Records ?? []));
    millisBehind.push(page.MillisBehindLatest ?? 0);
    if ((page.Records ?? []).length === 0) break;
    iterator = page.NextShardIterator;
  }
  return { records, millisBehind };
}

function logChoose(n: number, k: number): number {
  let sum = 0;
  for (let i = 1; i <= k; i++) sum += Math.log(n - k + i) - Math.log(i);
  return sum;
}

/**
 * The acceptance interval [low, high] for the number of successes of Binomial(n, p): each tail outside it has
 * probability at most alpha / 2, computed exactly from the probability mass function.
 */
export function binomialBounds(n: number, p: number, alpha = 1e-6): { low: number; high: number } {
  const pmf = (k: number) => Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log(1 - p));
  let low = 0;
  let tail = 0;
  while (low < n && tail + pmf(low) <= alpha / 2) tail += pmf(low++);
  let high = n;
  tail = 0;
  while (high > 0 && tail + pmf(high) <= alpha / 2) tail += pmf(high--);
  return { low, high };
}

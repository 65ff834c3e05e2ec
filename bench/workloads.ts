// The benchmark workloads. Each takes an SDK client (the same for every peer) and returns plain figures.
import { randomBytes } from 'node:crypto';
import {
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  type KinesisClient,
  type PutRecordsRequestEntry,
} from '@aws-sdk/client-kinesis';
import { drainShard, waitForStatus } from '../test/support/kinesis';

export async function createStream(client: KinesisClient, name: string, shards: number): Promise<void> {
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  await waitForStatus(client, name, 'ACTIVE', 60_000);
}

/** One batch of `size` records of `bytes` bytes each, with distinct partition keys (so they spread over shards). */
export function makeBatch(size: number, bytes: number): PutRecordsRequestEntry[] {
  const data = randomBytes(bytes);
  return Array.from({ length: size }, (_, i) => ({ PartitionKey: `pk-${i}-${randomBytes(4).toString('hex')}`, Data: data }));
}

export interface IngestFigures {
  seconds: number;
  requests: number;
  acknowledged: number;
  failed: number;
  errors: number;
  recordsPerSecond: number;
}

export interface IngestOptions {
  /** Stop after this long (ms)… */
  durationMs?: number;
  /** …or after this many acknowledged records. */
  records?: number;
  inFlight: number;
  batchSize: number;
  recordBytes: number;
  /** Called after every acknowledged batch, with the batch's last sequence number. */
  onBatch?: (acknowledged: number, lastSequenceNumber: string | undefined) => void;
}

/** PutRecords with `inFlight` requests outstanding, counting records acknowledged without an ErrorCode. */
export async function ingest(client: KinesisClient, stream: string, options: IngestOptions): Promise<IngestFigures> {
  const started = performance.now();
  const deadline = options.durationMs === undefined ? Infinity : started + options.durationMs;
  const target = options.records ?? Infinity;
  let acknowledged = 0;
  let failed = 0;
  let requests = 0;
  let errors = 0;
  let claimed = 0;
  await Promise.all(
    Array.from({ length: options.inFlight }, async () => {
      const batch = makeBatch(options.batchSize, options.recordBytes);
      while (performance.now() < deadline && claimed < target) {
        claimed += batch.length;
        requests++;
        try {
          const out = await client.send(new PutRecordsCommand({ StreamName: stream, Records: batch }));
          const bad = out.FailedRecordCount ?? 0;
          failed += bad;
          acknowledged += batch.length - bad;
          claimed -= bad;
          options.onBatch?.(acknowledged, out.Records?.at(-1)?.SequenceNumber);
        } catch {
          errors++;
          claimed -= batch.length;
          if (errors > 100) throw new Error('more than 100 PutRecords calls failed');
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { seconds, requests, acknowledged, failed, errors, recordsPerSecond: acknowledged / seconds };
}

export interface ReadBackFigures {
  seconds: number;
  records: number;
  recordsPerSecond: number;
}

/** Reads every shard from TRIM_HORIZON to the end with GetRecords Limit 10,000, shards in parallel. */
export async function readBack(client: KinesisClient, stream: string): Promise<ReadBackFigures> {
  const shards = (await client.send(new ListShardsCommand({ StreamName: stream }))).Shards ?? [];
  const started = performance.now();
  const counts = await Promise.all(shards.map((shard) => drainShard(client, stream, shard.ShardId ?? '', () => undefined)));
  const seconds = (performance.now() - started) / 1000;
  const records = counts.reduce((a, b) => a + b, 0);
  return { seconds, records, recordsPerSecond: records / seconds };
}

export interface LatencyFigures {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** PutRecord, then GetRecords on a LATEST-started iterator until the record shows up: the time from send to seen. */
export async function putToGetLatency(client: KinesisClient, stream: string, samples: number): Promise<LatencyFigures> {
  let iterator = (await client.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: 'shardId-000000000000', ShardIteratorType: 'LATEST' }))).ShardIterator;
  const times: number[] = [];
  const data = randomBytes(100);
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const put = await client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: `latency-${i}`, Data: data }));
    let seen = false;
    for (let polls = 0; !seen; polls++) {
      if (polls > 10_000) throw new Error('record never became visible');
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
      iterator = page.NextShardIterator;
      seen = (page.Records ?? []).some((record) => record.SequenceNumber === put.SequenceNumber);
    }
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { samples, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), maxMs: times.at(-1) ?? NaN };
}

export interface SeekFigures {
  getShardIteratorMs: number;
  firstGetRecordsMs: number;
  firstGetRecordsRecords: number;
}

export type SeekPosition = { ShardIteratorType: 'AT_TIMESTAMP'; Timestamp: Date } | { ShardIteratorType: 'AT_SEQUENCE_NUMBER'; StartingSequenceNumber: string };

/** GetShardIterator at a position, then the first GetRecords from it (Limit as given; none means AWS's 10,000), timed. */
export async function seek(client: KinesisClient, stream: string, position: SeekPosition, limit?: number): Promise<SeekFigures> {
  const t0 = performance.now();
  const { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: 'shardId-000000000000', ...position }));
  const t1 = performance.now();
  const page = await client.send(new GetRecordsCommand({ ShardIterator, Limit: limit }));
  const t2 = performance.now();
  return { getShardIteratorMs: t1 - t0, firstGetRecordsMs: t2 - t1, firstGetRecordsRecords: page.Records?.length ?? 0 };
}

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
import { prepareBody, type WireClient } from './wireClient';

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

/** One PutRecords call of a prepared batch: how many records of it failed, and its last sequence number. */
export type PutBatch = () => Promise<{ failed: number; lastSequenceNumber: string | undefined }>;

/** The SDK's PutRecords of one batch, built once per in-flight slot and sent again each time. */
export function sdkPutter(client: KinesisClient, stream: string, options: IngestOptions): () => PutBatch {
  return () => {
    const batch = makeBatch(options.batchSize, options.recordBytes);
    return async () => {
      const out = await client.send(new PutRecordsCommand({ StreamName: stream, Records: batch }));
      return { failed: out.FailedRecordCount ?? 0, lastSequenceNumber: out.Records?.at(-1)?.SequenceNumber };
    };
  };
}

/** The lean client's PutRecords: each in-flight slot cycles through a few prepared bodies of distinct records. */
export function wirePutter(wire: WireClient, stream: string, options: IngestOptions): () => PutBatch {
  return () => {
    const bodies = Array.from({ length: 4 }, () =>
      prepareBody({
        StreamName: stream,
        Records: Array.from({ length: options.batchSize }, (_, i) => ({ PartitionKey: `pk-${i}-${randomBytes(4).toString('hex')}`, Data: randomBytes(options.recordBytes).toString('base64') })),
      }),
    );
    let next = 0;
    return async () => {
      const body = bodies[next++ % bodies.length]!;
      const out = await wire.call<{ FailedRecordCount?: number; Records?: { SequenceNumber?: string }[] }>('PutRecords', body);
      if (out.Records?.length !== options.batchSize) throw new Error(`PutRecords answered ${out.Records?.length} entries for ${options.batchSize}`);
      return { failed: out.FailedRecordCount ?? 0, lastSequenceNumber: out.Records.at(-1)?.SequenceNumber };
    };
  };
}

/** PutRecords with `inFlight` requests outstanding, counting records acknowledged without an ErrorCode. */
export async function ingest(putter: () => PutBatch, options: IngestOptions): Promise<IngestFigures> {
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
      const put = putter();
      while (performance.now() < deadline && claimed < target) {
        claimed += options.batchSize;
        requests++;
        try {
          const out = await put();
          failed += out.failed;
          acknowledged += options.batchSize - out.failed;
          claimed -= out.failed;
          options.onBatch?.(acknowledged, out.lastSequenceNumber);
        } catch {
          errors++;
          claimed -= options.batchSize;
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

/** Reads one shard from TRIM_HORIZON to the end and returns how many records it held. */
export type DrainShard = (shardId: string) => Promise<number>;

export const sdkDrainer = (client: KinesisClient, stream: string): DrainShard => (shardId) => drainShard(client, stream, shardId, () => undefined);

/** The lean client's drain: GetRecords Limit 10,000 until a page is empty at the tip, every page parsed in full. */
export function wireDrainer(wire: WireClient, stream: string): DrainShard {
  return async (shardId) => {
    let iterator = (await wire.call<{ ShardIterator?: string }>('GetShardIterator', { StreamName: stream, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' })).ShardIterator;
    let total = 0;
    while (iterator) {
      const page = await wire.call<{ Records?: { Data?: string }[]; NextShardIterator?: string; MillisBehindLatest?: number }>('GetRecords', { ShardIterator: iterator, Limit: 10_000 });
      const records = page.Records ?? [];
      total += records.length;
      iterator = page.NextShardIterator;
      if (records.length === 0 && page.MillisBehindLatest === 0) break;
    }
    return total;
  };
}

/** Reads every shard from TRIM_HORIZON to the end with GetRecords Limit 10,000, shards in parallel. */
export async function readBack(shardIds: string[], drain: DrainShard): Promise<ReadBackFigures> {
  const started = performance.now();
  const counts = await Promise.all(shardIds.map(drain));
  const seconds = (performance.now() - started) / 1000;
  const records = counts.reduce((a, b) => a + b, 0);
  return { seconds, records, recordsPerSecond: records / seconds };
}

export async function listShardIds(client: KinesisClient, stream: string): Promise<string[]> {
  return ((await client.send(new ListShardsCommand({ StreamName: stream }))).Shards ?? []).map((shard) => shard.ShardId ?? '');
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

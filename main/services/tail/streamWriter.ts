// Writes records to a stream with PutRecords (batches of up to 500 records / 5 MiB), paced per target shard
// by a WriteLimiter when there is one. Records failing with a retryable code (throttling, internal failures)
// are retried up to 3 times with back-off; the rest are reported one by one. When done,
// acknowledged + failed = read: every record is accounted for exactly once.
import { PutRecordsCommand, type KinesisClient, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { toRpcError } from '../../../shared/contract/errors';
import type { RecordFailure, WriteReport } from '../../../shared/contract/tail';
import { abortableSleep } from '../streams/abortableSleep';
import type { ShardRouter } from './shardRouter';
import { isRetryable } from './shardRecords';
import type { WriteLimiter } from './writeLimiter';

export interface OutRecord {
  /** Where it came from, for the failure report: an NDJSON line, or a source shard and sequence number. */
  line: number | null;
  shardId: string | null;
  sequenceNumber: string | null;
  partitionKey: string;
  explicitHashKey: string | null;
  data: Uint8Array;
}

const MAX_BATCH_RECORDS = 500;
const MAX_BATCH_BYTES = 5 * 1024 * 1024 - 64 * 1024;
const MAX_TRIES = 4;
const MAX_LISTED_FAILURES = 1000;
const RETRY_CODES = new Set(['ProvisionedThroughputExceededException', 'InternalFailure', 'ServiceUnavailable']);
const encoder = new TextEncoder();

export class StreamWriter {
  read = 0;
  sent = 0;
  acknowledged = 0;
  failed = 0;
  bytes = 0;
  readonly failures: RecordFailure[] = [];
  private batch: OutRecord[] = [];
  private batchBytes = 0;

  constructor(
    private readonly kinesis: () => KinesisClient,
    private readonly stream: string,
    private readonly pacing: { router: ShardRouter; limiter: WriteLimiter } | null,
    private readonly signal: AbortSignal,
  ) {}

  /** A source record that could not even be sent (e.g. an unreadable NDJSON line). */
  reject(record: Pick<OutRecord, 'line' | 'shardId' | 'sequenceNumber'> & { partitionKey: string | null }, code: string, message: string): void {
    this.read++;
    this.fail({ ...record }, code, message);
  }

  async add(record: OutRecord): Promise<void> {
    this.read++;
    const size = record.data.length + encoder.encode(record.partitionKey).length;
    if (this.pacing) {
      const shard = this.pacing.router.route(record.partitionKey, record.explicitHashKey) ?? '?';
      for (let wait = this.pacing.limiter.take(shard, size); wait > 0; wait = this.pacing.limiter.take(shard, size)) {
        await this.flush();
        await abortableSleep(wait, this.signal);
        if (this.signal.aborted) return this.fail(record, 'Cancelled', 'The replay was cancelled before this record was sent.');
      }
    }
    if (this.batch.length >= MAX_BATCH_RECORDS || this.batchBytes + size > MAX_BATCH_BYTES) await this.flush();
    this.batch.push(record);
    this.batchBytes += size;
  }

  async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    if (batch.length === 0) return;
    this.sent += batch.length;
    let pending = batch;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const last = attempt >= MAX_TRIES || this.signal.aborted;
      pending = await this.put(pending, last);
      if (pending.length > 0) await abortableSleep(200 * 2 ** (attempt - 1), this.signal);
    }
  }

  /** Sends once; returns the records to try again. */
  private async put(records: OutRecord[], last: boolean): Promise<OutRecord[]> {
    const entries: PutRecordsRequestEntry[] = records.map((r) => ({ Data: r.data, PartitionKey: r.partitionKey, ...(r.explicitHashKey ? { ExplicitHashKey: r.explicitHashKey } : {}) }));
    let results;
    try {
      results = (await this.kinesis().send(new PutRecordsCommand({ StreamName: this.stream, Records: entries }))).Records ?? [];
    } catch (error) {
      if (!last && isRetryable(error)) return records;
      const { code, message } = toRpcError(error);
      for (const r of records) this.fail(r, code, message);
      return [];
    }
    const retry: OutRecord[] = [];
    records.forEach((record, i) => {
      const result = results[i];
      if (result && !result.ErrorCode) {
        this.acknowledged++;
        this.bytes += record.data.length;
      } else if (!last && result?.ErrorCode && RETRY_CODES.has(result.ErrorCode)) {
        retry.push(record);
      } else {
        this.fail(record, result?.ErrorCode ?? 'InternalFailure', result?.ErrorMessage ?? 'No result for this record.');
      }
    });
    return retry;
  }

  private fail(record: Pick<OutRecord, 'line' | 'shardId' | 'sequenceNumber'> & { partitionKey: string | null }, code: string, message: string): void {
    this.failed++;
    if (this.failures.length < MAX_LISTED_FAILURES) {
      this.failures.push({ line: record.line, shardId: record.shardId, sequenceNumber: record.sequenceNumber, partitionKey: record.partitionKey, code, message });
    }
  }

  progress(jobId: string): { type: 'progress'; jobId: string; read: number; sent: number; acknowledged: number; failed: number; bytes: number } {
    return { type: 'progress', jobId, read: this.read, sent: this.sent, acknowledged: this.acknowledged, failed: this.failed, bytes: this.bytes };
  }

  report(jobId: string, state: WriteReport['state'], error: unknown, startedAt: number): WriteReport {
    return {
      type: 'report',
      jobId,
      state,
      read: this.read,
      sent: this.sent,
      acknowledged: this.acknowledged,
      failed: this.failed,
      failures: this.failures,
      failedListTruncated: this.failed > this.failures.length,
      error: error === null ? null : toRpcError(error),
      elapsedMs: Date.now() - startedAt,
    };
  }
}

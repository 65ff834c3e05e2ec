// A query's output, as KDA's: each result row written as one JSON record (result column names as keys, TIMESTAMP
// columns as "YYYY-MM-DD HH:MM:SS.mmm") into a Kinesis stream (PutRecords) or a delivery stream (PutRecordBatch)
// of the active connection. On an AWS profile the user must name the account first. Writing runs beside the
// query, never blocking it: rows wait in a bounded queue, and rows that overflow it are counted as failed.
import { randomUUID } from 'node:crypto';
import { DescribeDeliveryStreamCommand, FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AnalyticsOutput, OutputStatus, PlanColumn, ResultRow } from '../../../shared/contract/analytics';
import { toRpcError } from '../../../shared/contract/errors';
import { formatTimestamp } from '../../analytics/sqlTypes';
import { confirmAccount } from '../tail/accountGuard';
import type { StreamWriter } from '../tail/streamWriter';
import { openTargetWriter } from '../tail/targetWriter';
import type { SessionConnection } from '../tail/tailSession';

/** Rows waiting to be written; past it the output has fallen behind and further rows are counted as failed. */
const MAX_QUEUED = 20_000;
const FIREHOSE_BATCH = 500;
const FIREHOSE_BATCH_BYTES = 4 * 1024 * 1024 - 64 * 1024;
const encoder = new TextEncoder();

export interface ResultOutput {
  write(rows: readonly ResultRow[]): void;
  status(): OutputStatus;
  /** Set when writing cannot go on (the target is gone, access denied): the run stops with it. */
  readonly fatal: string | null;
  /** Writes what is queued, then stops. */
  close(): Promise<void>;
}

/** One JSON object per row, keyed by the result's column names. */
export function rowJson(columns: readonly PlanColumn[], row: ResultRow): string {
  const out: Record<string, unknown> = {};
  columns.forEach((c, i) => {
    const v = row.values[i] ?? null;
    out[c.name] = c.type.base === 'TIMESTAMP' && typeof v === 'number' ? formatTimestamp(v) : v;
  });
  return JSON.stringify(out);
}

/** A Firehose client with the Kinesis client's region, credentials and endpoint (the console builds no other). */
function firehoseFor(kinesis: KinesisClient): FirehoseClient {
  const c = kinesis.config;
  return new FirehoseClient({
    region: c.region,
    credentials: c.credentials,
    ...(c.endpoint ? { endpoint: c.endpoint } : {}),
    ...(c.requestHandler instanceof NodeHttpHandler ? { requestHandler: new NodeHttpHandler() } : {}),
  });
}

const FATAL_CODES = new Set(['ResourceNotFoundException', 'AccessDeniedException', 'InvalidArgumentException', 'ValidationException', 'UnrecognizedClientException', 'ConnectionChanged']);

abstract class QueuedOutput implements ResultOutput {
  private queue: Uint8Array[] = [];
  private wake: (() => void) | null = null;
  private closing = false;
  private readonly loop: Promise<void>;
  protected written = 0;
  protected failed = 0;
  protected lastError: string | null = null;
  fatal: string | null = null;

  constructor(readonly target: string, private readonly columns: readonly PlanColumn[]) {
    this.loop = this.drain();
  }

  write(rows: readonly ResultRow[]): void {
    if (this.fatal) return;
    for (const row of rows) {
      if (this.queue.length >= MAX_QUEUED) {
        this.failed++;
        this.lastError = `The output fell behind: more than ${MAX_QUEUED} rows waited, so newer rows were not written.`;
        continue;
      }
      this.queue.push(encoder.encode(rowJson(this.columns, row)));
    }
    this.wake?.();
  }

  status(): OutputStatus {
    return { target: this.target, written: this.written, failed: this.failed, lastError: this.lastError };
  }

  async close(): Promise<void> {
    this.closing = true;
    this.wake?.();
    await this.loop;
  }

  protected abstract send(records: Uint8Array[]): Promise<void>;

  protected failWith(error: unknown, count: number): void {
    const { code, message } = toRpcError(error);
    this.failed += count;
    this.lastError = `${code}: ${message}`;
    if (FATAL_CODES.has(code)) this.fatal = `Writing results to ${this.target} failed: ${message}`;
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.queue.length === 0) {
        if (this.closing || this.fatal) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      const batch = this.queue.splice(0, FIREHOSE_BATCH);
      await this.send(batch);
      if (this.fatal) {
        this.failed += this.queue.length;
        this.queue = [];
      }
    }
  }
}

class StreamOutput extends QueuedOutput {
  constructor(target: string, columns: readonly PlanColumn[], private readonly writer: StreamWriter) {
    super(target, columns);
  }

  protected async send(records: Uint8Array[]): Promise<void> {
    const failedBefore = this.writer.failed;
    try {
      for (const data of records) await this.writer.add({ line: null, shardId: null, sequenceNumber: null, partitionKey: randomUUID(), explicitHashKey: null, data });
      await this.writer.flush();
    } catch (error) {
      this.failWith(error, records.length);
      return;
    }
    this.written = this.writer.acknowledged;
    const newFailures = this.writer.failed - failedBefore;
    if (newFailures === 0) return;
    this.failed += newFailures;
    const last = this.writer.failures[this.writer.failures.length - 1];
    if (!last) return;
    this.lastError = `${last.code}: ${last.message}`;
    if (FATAL_CODES.has(last.code)) this.fatal = `Writing results to ${this.target} failed: ${last.message}`;
  }
}

class DeliveryOutput extends QueuedOutput {
  constructor(target: string, columns: readonly PlanColumn[], private readonly firehose: FirehoseClient, private readonly name: string) {
    super(target, columns);
  }

  protected async send(records: Uint8Array[]): Promise<void> {
    let start = 0;
    while (start < records.length) {
      let bytes = 0;
      let end = start;
      while (end < records.length && bytes + (records[end] as Uint8Array).length <= FIREHOSE_BATCH_BYTES) bytes += (records[end++] as Uint8Array).length;
      if (end === start) end++;
      const chunk = records.slice(start, end);
      start = end;
      try {
        const out = await this.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: this.name, Records: chunk.map((Data) => ({ Data })) }));
        const failed = out.FailedPutCount ?? 0;
        this.written += chunk.length - failed;
        if (failed > 0) {
          this.failed += failed;
          const first = out.RequestResponses?.find((r) => r.ErrorCode);
          this.lastError = `${first?.ErrorCode ?? 'InternalFailure'}: ${first?.ErrorMessage ?? 'PutRecordBatch failed for some records.'}`;
        }
      } catch (error) {
        this.failWith(error, chunk.length);
        if (this.fatal) return;
      }
    }
  }

  override async close(): Promise<void> {
    await super.close();
    this.firehose.destroy();
  }
}

export async function openOutput(spec: AnalyticsOutput, columns: readonly PlanColumn[], connection: SessionConnection, signal: AbortSignal): Promise<ResultOutput> {
  if (spec.kind === 'stream') {
    const writer = await openTargetWriter(connection, spec.streamName, spec.confirmAccountId, `write query results to stream ${spec.streamName}`, signal);
    return new StreamOutput(`stream ${spec.streamName}`, columns, writer);
  }
  await confirmAccount(connection, connection.sts(), spec.confirmAccountId, `write query results to delivery stream ${spec.name}`);
  const firehose = firehoseFor(connection.kinesis());
  try {
    // A missing target refuses the run before it starts, as for a stream.
    await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: spec.name, Limit: 1 }));
  } catch (error) {
    firehose.destroy();
    throw error;
  }
  return new DeliveryOutput(`delivery stream ${spec.name}`, columns, firehose, spec.name);
}

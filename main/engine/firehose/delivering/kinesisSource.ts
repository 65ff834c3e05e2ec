// A KinesisStreamAsSource delivery stream's reader: it reads the source stream through the Kinesis API of the same
// engine (ListShards, GetShardIterator, GetRecords, as any consumer would, so limits and faults apply), from the
// delivery stream's start time (AWS reads from where the stream is when delivery starts), and follows reshards: a
// child shard is read once its parents are read to their end. Records and the shard's new checkpoint are stored in
// one transaction, so after a restart reading resumes after the last stored record and unsettled records are
// delivered again (at-least-once).
import { randomUUID } from 'node:crypto';
import type { PendingRecordRow, SourceCheckpoint } from '../../../storage/firehoseStore';
import { KinesisError } from '../../core/errors';
import type { RequestContext } from '../../core/request';
import { jsonWire, RenderedJson } from '../../core/wire';
import type { KinesisRecordMetadata } from '../delivery';
import type { Firehose } from '../firehose';
import type { StoredSource } from '../streams/deliveryStream';

/** The Kinesis API's target prefix; the reader calls it by name, like a client, and imports nothing of it. */
const KINESIS_TARGET = 'Kinesis_20131202';
const POLL_MS = 200;
/** GetRecords calls per shard per poll, so one busy shard does not starve the others. */
const CALLS_PER_POLL = 5;

interface ShardInfo {
  ShardId: string;
  ParentShardId?: string;
  AdjacentParentShardId?: string;
}

interface KinesisRecord {
  SequenceNumber: string;
  ApproximateArrivalTimestamp: number;
  Data: string;
  PartitionKey: string;
}

function json<T>(result: unknown): T {
  if (result instanceof RenderedJson) return JSON.parse(result.bytes.toString('latin1')) as T;
  return result as T;
}

export class KinesisSourceReader {
  private stopped = false;

  constructor(
    private readonly firehose: Firehose,
    private readonly streamId: number,
    private readonly source: StoredSource,
    private readonly accepted: (records: readonly PendingRecordRow[]) => void,
  ) {}

  start(): void {
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.firehose.engine.after(delayMs, () => {
      void this.readOnce()
        .catch((error: unknown) => {
          // A missing or not-yet-active source is retried quietly (AWS keeps trying too); anything else is logged.
          if (!(error instanceof KinesisError)) console.error('firehose: reading the source stream failed', error);
        })
        .finally(() => this.schedule(POLL_MS));
    });
  }

  private call<T>(action: string, body: Record<string, unknown>): Promise<T> {
    const api = this.firehose.engine.service(KINESIS_TARGET);
    if (!api) throw new Error('the engine serves no Kinesis API');
    const region = this.source.KinesisStreamARN.split(':')[3] ?? this.firehose.config.defaultRegion;
    const request: RequestContext = { region, requestId: randomUUID(), wire: jsonWire };
    return api.dispatch(action, body, request).then((result) => json<T>(result));
  }

  private inFlight: Promise<number> | undefined;

  /** One pass over the source's shards; returns how many records it took. Passes never overlap. */
  readOnce(): Promise<number> {
    this.inFlight ??= this.pass().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async pass(): Promise<number> {
    if (this.stopped || this.firehose.engine.isClosed || !this.firehose.store.streamById(this.streamId)) return 0;
    const shards: ShardInfo[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.call<{ Shards: ShardInfo[]; NextToken?: string }>('ListShards', nextToken ? { NextToken: nextToken } : { StreamARN: this.source.KinesisStreamARN });
      shards.push(...page.Shards);
      nextToken = page.NextToken;
    } while (nextToken);
    const listed = new Set(shards.map((shard) => shard.ShardId));
    let taken = 0;
    for (const shard of shards) {
      if (this.stopped || this.firehose.engine.isClosed) break;
      const checkpoints = new Map(this.firehose.store.checkpoints(this.streamId).map((c) => [c.shardId, c]));
      if (checkpoints.get(shard.ShardId)?.done) continue;
      // A child waits until its parents (those still within retention) are read to their end: order per key holds.
      const parents = [shard.ParentShardId, shard.AdjacentParentShardId].filter((id): id is string => id !== undefined && listed.has(id));
      if (parents.some((id) => !checkpoints.get(id)?.done)) continue;
      taken += await this.readShard(shard.ShardId, checkpoints.get(shard.ShardId));
    }
    return taken;
  }

  private async readShard(shardId: string, checkpoint: SourceCheckpoint | undefined): Promise<number> {
    const position = checkpoint?.sequenceNumber
      ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: checkpoint.sequenceNumber }
      : { ShardIteratorType: 'AT_TIMESTAMP', Timestamp: this.source.startMs / 1000 };
    let { ShardIterator: iterator } = await this.call<{ ShardIterator?: string }>('GetShardIterator', { StreamARN: this.source.KinesisStreamARN, ShardId: shardId, ...position });
    let last = checkpoint?.sequenceNumber ?? null;
    let taken = 0;
    for (let i = 0; i < CALLS_PER_POLL && iterator; i++) {
      const page = await this.call<{ Records: KinesisRecord[]; NextShardIterator?: string }>('GetRecords', { ShardIterator: iterator, Limit: 10000 });
      if (this.stopped || this.firehose.engine.isClosed || !this.firehose.store.streamById(this.streamId)) return taken;
      const records = page.Records.map((record) => {
        const arrivalMs = Math.round(record.ApproximateArrivalTimestamp * 1000);
        const kinesis: KinesisRecordMetadata = { shardId, partitionKey: record.PartitionKey, approximateArrivalTimestamp: arrivalMs, sequenceNumber: record.SequenceNumber };
        return { recordId: this.firehose.nextRecordId(arrivalMs), arrivalMs, data: record.Data, kinesis: JSON.stringify(kinesis) };
      });
      const lastRecord = page.Records.at(-1);
      if (lastRecord) last = lastRecord.SequenceNumber;
      iterator = page.NextShardIterator;
      this.firehose.store.addSourceRecords(this.streamId, records, { shardId, sequenceNumber: last, done: !iterator });
      if (records.length) this.accepted(records);
      taken += records.length;
      if (!records.length) break;
    }
    return taken;
  }
}

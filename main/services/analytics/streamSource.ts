// A Kinesis stream as a query's source: the tailer's MergedReader over every shard (following reshards), polling
// or enhanced fan-out, handing records over in batches, with the time every shard has been read through (the
// query's clock) and the shards a reshard ends and starts.
import type { AnalyticsSource } from '../../../shared/contract/analytics';
import type { SourceRecord } from '../../analytics/streamingQuery';
import { readSummary } from '../streams/streamReaders';
import { confirmAccount } from '../tail/accountGuard';
import { registerConsumer } from '../tail/fanoutConsumer';
import { MergedReader } from '../tail/mergedReader';
import { visibilityMarginFor } from '../tail/shardReader';
import { deregisterOn, type SessionConnection } from '../tail/tailSession';

/** What a source hands a run (or a discovery): batches of records in arrival order, and clock ticks. */
export interface SourceHandler {
  records(batch: SourceRecord[]): Promise<void>;
  /** About every 100 ms: every record that arrived at or before `readThroughMs` has been handed over. */
  tick(readThroughMs: number): Promise<void>;
  shardsStarted?(shardIds: string[]): void;
  /** A shard closed by a reshard has handed over its last record. */
  shardEnded?(shardId: string): void;
  /** A delivery stream's ring dropped this many records before they were read. */
  missed?(count: number): void;
}

export type SourceEnd = 'ended' | 'stopped';

export interface RecordSource {
  /** Lists what to read (and registers a fan-out consumer); the shards read first. */
  open(): Promise<string[]>;
  run(handler: SourceHandler): Promise<SourceEnd>;
  /** Ends run() soon (it resolves with 'stopped'). */
  stop(): void;
  /** Frees what open() took (a fan-out consumer), whatever happened. */
  close(): Promise<void>;
  /** How far behind the tip the slowest shard reads (null when unknown). */
  millisBehind(): number | null;
}

type StreamSourceSpec = Extract<AnalyticsSource, { kind: 'stream' }>;

/** Records handed over at once; a batch also leaves on every tick. */
const BATCH_RECORDS = 1000;
/**
 * A caught-up fan-out shard is silent until records come: the local engine pushes them on write, AWS typically
 * within 70 ms. It counts as read through this long ago on the wall clock; on the local engine also through 100 ms
 * before the newest record received from any shard (MergedReaderOptions.quietFanout), which is what closes a busy
 * stream's windows. A record pushed later than that is a late record (counted and shown, not aggregated).
 */
const QUIET_FANOUT_LOCAL = { clockMarginMs: 500, newestRecordMarginMs: 100 };
const QUIET_FANOUT_REMOTE = { clockMarginMs: 2000, newestRecordMarginMs: null };

/**
 * Polling a caught-up shard: every 200 ms on the local engine (its whole budget of 5 calls/s, so a window's row is
 * quick), and on AWS or another endpoint the tailer's share (4 calls/s), leaving room for the stream's consumers.
 */
const pollingFor = (kind: SessionConnection['kind']) =>
  kind === 'local' ? { maxCallsPerSecond: 5, pollIntervalMs: 200, limit: 10_000 } : { maxCallsPerSecond: 4, pollIntervalMs: 250, limit: 10_000 };

export class StreamSource implements RecordSource {
  private consumerArn: string | null = null;
  private merged: MergedReader | null = null;
  private readonly abort = new AbortController();
  /** Parents a reshard closed whose end is not yet passed on, and children started since the last tick. */
  private readonly drained: string[] = [];
  private readonly started: string[] = [];

  constructor(
    private readonly spec: StreamSourceSpec,
    private readonly connection: SessionConnection,
    private readonly signal: AbortSignal,
    private readonly purpose: string,
  ) {
    signal.addEventListener('abort', () => this.abort.abort(), { once: true });
  }

  async open(): Promise<string[]> {
    const spec = this.spec;
    if (spec.mode === 'fanout') {
      await confirmAccount(this.connection, this.connection.sts(), spec.confirmAccountId, 'register an enhanced fan-out consumer');
      const summary = await readSummary(this.connection.kinesis(), spec.streamName);
      this.consumerArn = await registerConsumer(this.connection.kinesis(), summary.arn, `shardscope-${this.purpose}-${Math.random().toString(36).slice(2, 10)}`, this.signal);
    }
    const mode =
      spec.mode === 'polling'
        ? { type: 'polling' as const, options: pollingFor(this.connection.kind) }
        : { type: 'fanout' as const, consumerArn: this.consumerArn ?? '' };
    this.merged = new MergedReader(
      {
        stream: spec.streamName,
        start: spec.start,
        mode,
        mergeWindowMs: 1000,
        visibilityMarginMs: visibilityMarginFor(this.connection.kind),
        quietFanout: spec.mode === 'fanout' ? (this.connection.kind === 'local' ? QUIET_FANOUT_LOCAL : QUIET_FANOUT_REMOTE) : undefined,
        kinesis: () => this.connection.kinesis(),
        onDrained: (shardId, children) => {
          this.drained.push(shardId);
          if (children.length > 0) this.started.push(...children);
        },
      },
      this.abort.signal,
    );
    await this.merged.prepare();
    return this.merged.initialShards;
  }

  async run(handler: SourceHandler): Promise<SourceEnd> {
    const merged = this.merged;
    if (!merged) throw new Error('open() the source first');
    let batch: SourceRecord[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const out = batch;
      batch = [];
      await handler.records(out);
    };
    const end = await merged.run(
      async (r) => {
        batch.push({ data: r.data, partitionKey: r.partitionKey, sequenceNumber: r.sequenceNumber, shardId: r.shardId, arrivalMs: r.arrivalMs });
        if (batch.length >= BATCH_RECORDS) await flush();
      },
      async () => {
        await flush();
        if (this.started.length > 0) handler.shardsStarted?.(this.started.splice(0));
        // A closed parent stops holding the query's watermark once its last record has been handed over.
        for (let i = this.drained.length - 1; i >= 0; i--) {
          const id = this.drained[i] as string;
          if (merged.heldFor(id) > 0) continue;
          this.drained.splice(i, 1);
          handler.shardEnded?.(id);
        }
        await handler.tick(merged.readThrough());
      },
    );
    await flush();
    return end === 'stopped' ? 'stopped' : 'ended';
  }

  millisBehind(): number | null {
    const lags = (this.merged?.statuses() ?? []).map((s) => s.millisBehindLatest).filter((m): m is number => m !== null);
    return lags.length > 0 ? Math.max(...lags) : null;
  }

  stop(): void {
    this.abort.abort();
  }

  /** A consumer costs money while it exists: deregister it even when the run ended by a connection switch. */
  async close(): Promise<void> {
    const arn = this.consumerArn;
    this.consumerArn = null;
    if (arn) await deregisterOn(this.connection, arn);
  }
}

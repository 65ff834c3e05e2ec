// Polling mode: GetShardIterator, then GetRecords in a loop, inside the tailer's share of the shard's read
// budget (ReadBudget). Behind the tip it reads as fast as that share allows; caught up (an empty answer with
// MillisBehindLatest 0) it waits pollIntervalMs. An expired iterator is renewed after the last record read;
// throttling and transient failures back off; a closed shard ends with its ChildShards.
import { GetRecordsCommand, GetShardIteratorCommand, type GetRecordsCommandInput, type GetRecordsCommandOutput, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { FinalizeHandler, FinalizeHandlerArguments } from '@smithy/types';
import { toRpcError } from '../../../shared/contract/errors';
import { abortableSleep } from '../streams/abortableSleep';
import { ReadBudget } from './readBudget';
import { ReaderBase, VISIBILITY_SKEW_MS, type ReaderEvents, type ShardReader } from './shardReader';
import { attemptsOf, childInfo, isRetryable, isThrottle, iteratorParams, toShardRecord, type IteratorPosition } from './shardRecords';

export interface PollingOptions {
  maxCallsPerSecond: number;
  pollIntervalMs: number;
  /** GetRecords Limit. */
  limit: number;
}

/** Transient failures in a row (throttles not counted) before the reader gives up. */
const MAX_FAILURES = 8;

export class PollingShardReader extends ReaderBase implements ShardReader {
  private readonly budget: ReadBudget;
  private lastSequence: string | null = null;

  constructor(
    private readonly kinesis: () => KinesisClient,
    private readonly stream: string,
    readonly shardId: string,
    private readonly position: IteratorPosition,
    private readonly options: PollingOptions,
    private readonly events: ReaderEvents,
    parentSignal: AbortSignal,
    /** How long after its arrival timestamp a record may still become readable (visibilityMarginFor). */
    private readonly visibilityMarginMs = VISIBILITY_SKEW_MS,
  ) {
    super(parentSignal);
    this.budget = new ReadBudget(options.maxCallsPerSecond);
  }

  get throttles(): number {
    return this.budget.throttles;
  }

  usage(): { callsPerSecond: number; bytesPerSecond: number } {
    return this.budget.usage();
  }

  async run(): Promise<void> {
    try {
      let iterator = await this.iterator();
      let failures = 0;
      while (this.live && iterator) {
        let out;
        try {
          out = await this.kinesis().send(this.withinBudget(new GetRecordsCommand({ ShardIterator: iterator, Limit: this.options.limit })), { abortSignal: this.abort.signal });
        } catch (error) {
          if (!this.live) return;
          if ((error as { name?: string }).name === 'ExpiredIteratorException') {
            iterator = await this.iterator();
            continue;
          }
          this.countRetries(error);
          if (!isRetryable(error) || (!isThrottle(error) && ++failures >= MAX_FAILURES)) throw error;
          this.lastError = toRpcError(error);
          this.state = 'backing-off';
          await abortableSleep(this.budget.throttled(), this.abort.signal);
          if (this.state === 'backing-off') this.state = 'reading';
          continue;
        }
        failures = 0;
        this.lastProgressAt = Date.now();
        this.countRetries(out);
        const records = (out.Records ?? []).map((r) => toShardRecord(this.shardId, r));
        this.budget.succeeded(records.reduce((sum, r) => sum + r.bytes, 0));
        this.millisBehindLatest = out.MillisBehindLatest ?? null;
        const last = records.at(-1);
        if (last) this.lastSequence = last.sequenceNumber;
        // Everything that arrived before (call time − how far behind we are − the visibility margin) has now been
        // read; − 1 ms: a record stamped in the very millisecond the call left may have been stored after the answer.
        const reached = this.attemptStartedAt - (out.MillisBehindLatest ?? 0) - this.visibilityMarginMs - 1;
        const next = out.NextShardIterator;
        if (records.length > 0) {
          this.watermark = Math.max(this.watermark, last?.arrivalMs ?? this.watermark, next ? reached : -Infinity);
          if (!(await this.events.records(this, records))) return this.stop();
        } else if (next && reached > this.watermark) {
          this.watermark = reached;
          this.events.progressed(this);
        }
        if (!next) {
          this.state = 'drained';
          this.watermark = Infinity;
          this.events.drained(this, childInfo(out.ChildShards));
          return;
        }
        iterator = next;
        // Caught up (nothing left behind this answer): wait for the next tick of the poll grid, records or not.
        // Behind the tip (or a full page): read again as soon as the budget allows.
        const caughtUp = (out.MillisBehindLatest ?? 0) === 0 && records.length < this.options.limit;
        if (caughtUp) await abortableSleep(this.budget.untilNextTick(this.options.pollIntervalMs), this.abort.signal);
      }
    } catch (error) {
      if (!this.live) return;
      this.state = 'failed';
      this.lastError = toRpcError(error);
      this.events.failed(this, error);
    }
  }

  /** When the latest GetRecords attempt left (the one whose answer is being handled). */
  private attemptStartedAt = 0;

  /**
   * Every attempt of the call, the SDK's own retries included, waits for the budget and counts against it: the
   * hook sits after the SDK's retry middleware, so a throttled call that the SDK retries can never make the tailer
   * pass its calls per second.
   */
  private withinBudget(command: GetRecordsCommand): GetRecordsCommand {
    command.middlewareStack.addRelativeTo(
      (next: FinalizeHandler<GetRecordsCommandInput, GetRecordsCommandOutput>) => async (args: FinalizeHandlerArguments<GetRecordsCommandInput>) => {
        // A timer may fire a millisecond early: ask again until the budget really has room.
        for (let wait = this.budget.delayMs(); wait > 0; wait = this.budget.delayMs()) await abortableSleep(wait, this.abort.signal);
        this.attemptStartedAt = Date.now();
        this.budget.called();
        return next(args);
      },
      { relation: 'after', toMiddleware: 'retryMiddleware', name: 'tailReadBudget', override: true },
    );
    return command;
  }

  /** Throttled attempts the SDK retried on its own count as throttles (the budget counted them as calls). */
  private countRetries(value: unknown): void {
    this.budget.throttles += Math.max(0, attemptsOf(value) - 1);
  }

  private async iterator(): Promise<string | undefined> {
    const position: IteratorPosition = this.lastSequence ? { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: this.lastSequence } : this.position;
    for (let failures = 0; ; ) {
      try {
        const out = await this.kinesis().send(new GetShardIteratorCommand({ StreamName: this.stream, ShardId: this.shardId, ...iteratorParams(position) }), { abortSignal: this.abort.signal });
        return out.ShardIterator;
      } catch (error) {
        if (!this.live || !isRetryable(error) || (!isThrottle(error) && ++failures >= MAX_FAILURES)) throw error;
        this.lastError = toRpcError(error);
        await abortableSleep(this.budget.throttled(), this.abort.signal);
      }
    }
  }
}

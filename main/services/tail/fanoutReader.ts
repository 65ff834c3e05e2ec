// Enhanced fan-out mode for one shard: SubscribeToShard through the SDK's SubscribeToShardCommand, records
// pushed as SubscribeToShardEvents. A subscription lasts at most 5 minutes, so the reader resubscribes from
// the last ContinuationSequenceNumber (AFTER_SEQUENCE_NUMBER) a little before that, or as soon as the stream
// ends earlier; the continuation marks where it stopped, so nothing is lost or repeated. The shard is drained
// when an event carries ChildShards and no continuation.
import { SubscribeToShardCommand, type KinesisClient, type SubscribeToShardEventStream } from '@aws-sdk/client-kinesis';
import { toRpcError } from '../../../shared/contract/errors';
import { abortableSleep } from '../streams/abortableSleep';
import { ReaderBase, VISIBILITY_SKEW_MS, type ReaderEvents, type ShardReader } from './shardReader';
import { keepSocketsReadThroughFresh, socketsReadThrough } from './socketsReadThrough';
import { childInfo, isRetryable, startingPosition, toShardRecord, type IteratorPosition } from './shardRecords';

/** Resubscribe this long before AWS's 5-minute end. */
export const SUBSCRIPTION_MS = 5 * 60_000 - 15_000;
const RETRY_MS = 1000;
const MAX_FAILURES = 8;

export class FanoutShardReader extends ReaderBase implements ShardReader {
  throttles = 0;
  /** Subscriptions made so far (1 + resubscriptions). */
  subscriptions = 0;
  private continuation: string | null = null;
  private settled = false;
  /** When the last event with records was received. */
  lastRecordsAt = -Infinity;
  private readonly reads: { at: number; bytes: number }[] = [];

  constructor(
    private readonly kinesis: () => KinesisClient,
    private readonly consumerArn: string,
    readonly shardId: string,
    private readonly position: IteratorPosition,
    private readonly events: ReaderEvents,
    parentSignal: AbortSignal,
    private readonly subscriptionMs = SUBSCRIPTION_MS,
  ) {
    super(parentSignal);
  }

  /**
   * The current subscription is live and, as of its last event, had nothing more to send: a record written to the
   * shard from now on is pushed at once. False between subscriptions, while a resubscription has not had its first
   * event (a backlog may come in it), and while the records of an event are being handed over (the reader may wait
   * for room, and the engine's sends to it with it).
   */
  get caughtUpAndLive(): boolean {
    return this.settled && this.state === 'reading';
  }

  usage(): { callsPerSecond: null; bytesPerSecond: number } {
    const now = Date.now();
    while (this.reads.length > 0 && (this.reads[0]?.at ?? now) <= now - 1000) this.reads.shift();
    return { callsPerSecond: null, bytesPerSecond: this.reads.reduce((s, r) => s + r.bytes, 0) };
  }

  async run(): Promise<void> {
    const release = keepSocketsReadThroughFresh();
    try {
      await this.runSubscriptions();
    } finally {
      release();
    }
  }

  private async runSubscriptions(): Promise<void> {
    let failures = 0;
    while (this.live) {
      try {
        const outcome = await this.subscribeOnce();
        failures = 0;
        if (outcome !== 'resubscribe') return;
      } catch (error) {
        if (!this.live) return;
        this.lastError = toRpcError(error);
        const name = (error as { name?: string }).name ?? '';
        // ResourceInUse: the previous subscription is still held (AWS refuses a new one within 5 s); LimitExceeded: once per second.
        const waitable = name === 'ResourceInUseException' || isRetryable(error);
        if (!waitable || ++failures >= MAX_FAILURES) {
          this.state = 'failed';
          this.events.failed(this, error);
          return;
        }
        if (name === 'LimitExceededException') this.throttles++;
        this.state = 'backing-off';
        await abortableSleep(RETRY_MS * failures, this.abort.signal);
        if (this.state === 'backing-off') this.state = 'reading';
      }
    }
  }

  /** One subscription, until it ends, the shard drains, or it is time to renew it. */
  private async subscribeOnce(): Promise<'resubscribe' | 'done'> {
    const own = new AbortController();
    const onStop = () => own.abort();
    this.abort.signal.addEventListener('abort', onStop, { once: true });
    const renew = setTimeout(() => own.abort(), this.subscriptionMs);
    const position: IteratorPosition = this.continuation ? { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: this.continuation } : this.position;
    try {
      this.subscriptions++;
      const out = await this.kinesis().send(
        new SubscribeToShardCommand({ ConsumerARN: this.consumerArn, ShardId: this.shardId, StartingPosition: startingPosition(position) }),
        { abortSignal: own.signal },
      );
      if (!out.EventStream) throw new Error('SubscribeToShard returned no event stream');
      // At LATEST the engine delivers every record written after the subscription started, so it is caught up now.
      this.settled = position.type === 'LATEST';
      for await (const event of out.EventStream) {
        const outcome = await this.handle(event);
        if (outcome === 'done' || !this.live) return 'done';
      }
      return 'resubscribe';
    } catch (error) {
      // Our own renewal aborts the request: resubscribe from the continuation.
      if (own.signal.aborted && this.live) return 'resubscribe';
      throw error;
    } finally {
      this.settled = false;
      clearTimeout(renew);
      this.abort.signal.removeEventListener('abort', onStop);
    }
  }

  private async handle(event: SubscribeToShardEventStream): Promise<'more' | 'done'> {
    const e = event.SubscribeToShardEvent;
    if (!e) {
      const [name, value] = Object.entries(event).find(([, v]) => v !== undefined) ?? ['UnknownEvent', undefined];
      throw Object.assign(new Error((value as { message?: string } | undefined)?.message ?? name), { name });
    }
    const receivedAt = Date.now();
    this.lastProgressAt = receivedAt;
    const records = (e.Records ?? []).map((r) => toShardRecord(this.shardId, r));
    this.reads.push({ at: receivedAt, bytes: records.reduce((s, r) => s + r.bytes, 0) });
    this.millisBehindLatest = e.MillisBehindLatest ?? null;
    // The engine sent this event before it was received, and after this process last read its sockets through (had
    // it come earlier it would have been read then): date what it knows by the earlier of the two, not by the
    // receipt alone, which after a stall here is much later than the send.
    const reached = Math.min(receivedAt, socketsReadThrough()) - (e.MillisBehindLatest ?? 0) - VISIBILITY_SKEW_MS;
    const last = records.at(-1);
    this.watermark = Math.max(this.watermark, last?.arrivalMs ?? -Infinity, reached);
    if (records.length > 0) {
      this.settled = false;
      this.lastRecordsAt = receivedAt;
      if (!(await this.events.records(this, records))) {
        this.stop();
        return 'done';
      }
    } else this.events.progressed(this);
    this.settled = e.MillisBehindLatest === 0;
    if (e.ContinuationSequenceNumber) this.continuation = e.ContinuationSequenceNumber;
    if (!e.ContinuationSequenceNumber && e.ChildShards && e.ChildShards.length > 0) {
      this.state = 'drained';
      this.watermark = Infinity;
      this.events.drained(this, childInfo(e.ChildShards));
      return 'done';
    }
    return 'more';
  }
}

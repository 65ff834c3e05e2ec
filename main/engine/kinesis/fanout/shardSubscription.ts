// One SubscribeToShard subscription: reads its shard from SQLite from the next sequence integer on and pushes
// SubscribeToShardEvent messages. It reads only when woken (a committed write to the shard, a drained transport,
// a tick) and never while the transport is full, so a slow client holds back reading, not memory. It ends at
// its lifetime, with ChildShards once a closed shard is drained, or with an exception event.
import type { ConsumerRow } from '../../../storage/consumerStore';
import { childShards } from '../resharding/childShards';
import { base64Length } from '../../core/base64Blob';
import type { Kinesis } from '../kinesis';
import { subscriptionKey, type LiveSubscription } from './subscriptionHub';
import { SEQ_PER_MS, seqToMs, shardIdOf } from '../records/sequence';
import type { EventSink, StreamMessage } from '../../core/streamedResponse';
import type { ShardState, StreamState } from '../streams/streamModel';
import type { WireEncoder } from '../../core/wire';

/** Records read from SQLite per event at most. */
const BATCH_RECORDS = 1000;
/** An event stops taking records past this many bytes of data and partition keys (one record always fits). */
const MAX_EVENT_BYTES = 1024 * 1024;

export interface SubscriptionTarget {
  stream: StreamState;
  shard: ShardState;
  consumer: ConsumerRow;
  /** The first sequence integer to deliver. */
  startSeq: number;
}

export class ShardSubscription implements LiveSubscription {
  readonly key: string;
  readonly consumerRowId: number;
  readonly shardRowId: number;
  readonly startedMs: number;
  private readonly streamRowId: number;
  private readonly streamName: string;
  private readonly identity: string;
  private readonly shardIndex: number;
  private next: number;
  private sink: EventSink | undefined;
  private lastEventMs: number;
  private scheduled = false;
  private blocked = false;
  private done = false;

  constructor(
    private readonly kinesis: Kinesis,
    private readonly wire: WireEncoder,
    target: SubscriptionTarget,
    now: number,
  ) {
    this.consumerRowId = target.consumer.id;
    this.shardRowId = target.shard.id;
    this.shardIndex = target.shard.shardIndex;
    this.key = subscriptionKey(target.consumer.id, target.shard.shardIndex);
    this.streamRowId = target.stream.id;
    this.streamName = target.stream.name;
    this.identity = target.stream.identity;
    this.next = target.startSeq;
    this.startedMs = now;
    this.lastEventMs = now;
  }

  start(sink: EventSink): void {
    this.sink = sink;
    if (sink.closed) {
      this.finish();
      return;
    }
    sink.onClose(() => this.finish());
    sink.onDrain(() => {
      this.blocked = false;
      this.wake();
    });
    this.wake();
  }

  /** Schedules a read soon (coalesced): new records, a drained transport, or a stream change. */
  wake(): void {
    if (this.scheduled || this.done || !this.sink) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump(false);
    });
  }

  tick(now: number, streamsChanged: boolean): void {
    if (this.done || !this.sink) return;
    if (now - this.startedMs >= this.kinesis.config.subscriptionLifetimeMs) {
      this.end();
      return;
    }
    if (streamsChanged) this.wake();
    if (now - this.lastEventMs >= this.kinesis.config.subscriptionHeartbeatMs) this.pump(true);
  }

  /** Ends the stream with an exception event. */
  fail(type: Extract<StreamMessage, { kind: 'exception' }>['type'], message: string): void {
    if (this.done) return;
    this.sink?.send({ kind: 'exception', type, message });
    this.end();
  }

  private end(): void {
    this.sink?.end();
    this.finish();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.kinesis.subscriptions.remove(this);
  }

  private pump(heartbeat: boolean): void {
    if (this.done || this.blocked || !this.sink) return;
    // The engine closed under a subscription whose socket has not closed yet: end quietly.
    if (!this.kinesis.store.db.open) {
      this.end();
      return;
    }
    try {
      this.deliver(heartbeat);
    } catch (error) {
      console.error('engine: SubscribeToShard delivery failed', error);
      this.fail('InternalFailureException', 'Internal service failure.');
    }
  }

  private deliver(heartbeat: boolean): void {
    const kinesis = this.kinesis;
    const account = kinesis.config.accountId;
    const stream = kinesis.findStreamById(this.streamRowId);
    if (!stream || stream.identity !== this.identity) {
      this.fail('ResourceNotFoundException', kinesis.notFoundMessage(this.streamName));
      return;
    }
    const shard = stream.shardByIndex.get(this.shardIndex);
    if (!shard) {
      this.fail('ResourceNotFoundException', `Shard ${shardIdOf(this.shardIndex)} in stream ${stream.name} under account ${account} does not exist`);
      return;
    }
    const now = kinesis.clock();
    // Records past retention are gone for readers even before the trimming job removes them.
    const from = Math.max(this.next, (now - stream.retentionHours * 3_600_000) * SEQ_PER_MS);
    const rows = kinesis.store.readRecords(shard.id, from, BATCH_RECORDS);
    if (rows.length === 0) {
      this.next = Math.max(this.next, Math.min(from, shard.lastSeq + 1));
      if (shard.endingSeq !== null && this.next > shard.endingSeq) {
        // A closed shard, drained: its children instead of a continuation, and the subscription is over.
        this.send({ Records: [], MillisBehindLatest: 0, ChildShards: childShards(stream, shard) }, now);
        this.end();
      } else if (heartbeat) {
        this.send({ Records: [], ContinuationSequenceNumber: this.continuation(shard), MillisBehindLatest: 0 }, now);
      }
      return;
    }
    const wire = this.wire;
    const sequences = shard.sequences;
    const encryption = stream.encryptionType;
    const records = [];
    let bytes = 0;
    for (const [seq, partitionKey, data] of rows) {
      const size = base64Length(data) + partitionKey.length;
      if (bytes + size > MAX_EVENT_BYTES && records.length > 0) break;
      bytes += size;
      records.push({
        SequenceNumber: sequences.encode(seq),
        ApproximateArrivalTimestamp: wire.time(seqToMs(seq)),
        Data: wire.blob(data),
        PartitionKey: partitionKey,
        EncryptionType: encryption,
      });
      this.next = seq + 1;
    }
    const behind = this.next > shard.lastSeq ? 0 : Math.max(0, now - seqToMs(this.next - 1));
    for (const observe of kinesis.hooks.fanoutObservers) observe(kinesis, stream, shard, records.length, bytes, behind);
    const accepted = this.send({ Records: records, ContinuationSequenceNumber: this.continuation(shard), MillisBehindLatest: behind }, now);
    if (!accepted) {
      this.blocked = true;
      return;
    }
    // More to read, or a closed shard whose ChildShards event is due next.
    if (this.next <= shard.lastSeq || shard.endingSeq !== null) this.wake();
  }

  /** The sequence number to resume after: the last one delivered or passed over. */
  private continuation(shard: ShardState): string {
    return shard.sequences.encode(Math.max(0, this.next - 1));
  }

  private send(event: Record<string, unknown>, now: number): boolean {
    this.lastEventMs = now;
    return this.sink?.send({ kind: 'event', type: 'SubscribeToShardEvent', body: event }) ?? false;
  }
}

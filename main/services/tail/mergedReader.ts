// Reads a stream's shards (polling or fan-out) and hands their records over as one timeline, ordered by
// arrival time, then shard, then sequence number. The merge: a record leaves once every shard being read has
// a watermark at or past its arrival time (nothing earlier can still come from that shard), or, in live mode,
// once it has waited `mergeWindowMs` and the shards holding it back are stalled (throttled, or fan-out shards
// that only speak every few seconds when idle). Children of a shard start when their parents are drained.
// Used by tail sessions (which decode and filter) and by replay (which writes records as they are).
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { ErrorCode, RpcError } from '../../../shared/contract/errors';
import type { ShardStatus, TailEndPosition, TailStartPosition } from '../../../shared/contract/tail';
import { readShards } from '../streams/streamReaders';
import { FanoutShardReader } from './fanoutReader';
import { Lineage, shardNodes } from './lineage';
import { MergeHeap } from './mergeHeap';
import { socketsReadThrough } from './socketsReadThrough';
import { PollingShardReader, type PollingOptions } from './pollingReader';
import { AWS_READ_BYTES_PER_SECOND, AWS_READ_CALLS_PER_SECOND } from './readBudget';
import type { ReaderEvents, ShardReader } from './shardReader';
import { compareSequence, type ChildShardInfo, type IteratorPosition, type ShardRecord } from './shardRecords';

/** A shard's reader pauses while this many of its records wait in the merge. */
const HELD_PER_SHARD = 2000;
const TICK_MS = 100;

export interface MergedReaderOptions {
  stream: string;
  shards?: readonly string[] | undefined;
  start: TailStartPosition;
  end?: TailEndPosition | undefined;
  mode: { type: 'polling'; options: PollingOptions } | { type: 'fanout'; consumerArn: string; subscriptionMs?: number };
  mergeWindowMs: number;
  /** Polling: how long after its arrival a record may still become readable (visibilityMarginFor); default 100 ms. */
  visibilityMarginMs?: number;
  kinesis: () => KinesisClient;
  /**
   * Fan-out: how far a caught-up shard that has gone quiet (no records for clockMarginMs) counts as read (it speaks
   * again only when records come, or at a heartbeat seconds later). Without it such a shard holds the merge up to
   * mergeWindowMs, as the tailer wants.
   *   - `clockMarginMs`: up to this long before the time this process has read its sockets through;
   *   - `newestRecordMarginMs` (the local engine only, null elsewhere): up to this long before the newest record
   *     received from any shard. The local engine pushes a write's records to its subscriptions in write order in
   *     the same turn of its event loop, so once a record stamped T has come from one shard, a quiet shard whose
   *     subscription is live and caught up has nothing stamped well before T left to send; the margin covers
   *     the interleaving of the subscriptions' events on their way in.
   */
  quietFanout?: { clockMarginMs: number; newestRecordMarginMs: number | null };
  /** A shard was read to its end (closed by a reshard); its children, if any, start now. */
  onDrained?: (shardId: string, children: string[]) => void;
}

export type MergeEnd = 'end-position' | 'shards-closed' | 'stopped';

export class MergedReader implements ReaderEvents {
  private readonly readers = new Map<string, ShardReader>();
  private readonly running = new Set<Promise<void>>();
  private readonly heap = new MergeHeap();
  private readonly heldPerShard = new Map<string, number>();
  private lineage = new Lineage([]);
  private readonly abort = new AbortController();
  private failure: unknown = null;
  private wakeUp: (() => void) | null = null;
  private roomWaiters: (() => void)[] = [];
  private endReached = false;
  /** The newest arrival time of any record received (the quiet fan-out rule). */
  private newestArrivalMs = -Infinity;
  initialShards: string[] = [];

  constructor(private readonly options: MergedReaderOptions, signal: AbortSignal) {
    if (signal.aborted) this.abort.abort();
    signal.addEventListener('abort', () => this.stopAll(), { once: true });
    checkPositions(options);
  }

  get held(): number {
    return this.heap.size;
  }

  /** Lists the shards and plans which to read first; call before run(). */
  async prepare(): Promise<void> {
    const o = this.options;
    const shards = shardNodes(await readShards(o.kinesis(), o.stream));
    const known = new Set(shards.map((s) => s.shardId));
    for (const id of o.shards ?? []) {
      if (!known.has(id)) throw new RpcError('ResourceNotFoundException', `Shard ${id} is not in stream ${o.stream}.`);
    }
    this.lineage = new Lineage(shards);
    const plan = this.lineage.plan(o.shards ?? [...known], o.start.type === 'LATEST');
    this.initialShards = plan.start;
  }

  /**
   * Reads until every shard is done (closed with no children left, or past the end position), handing each
   * record to `emit` in merged order; `tick` runs about every 100 ms (status items). Resolves with why it ended.
   */
  async run(emit: (record: ShardRecord) => Promise<void>, tick: () => Promise<void>): Promise<MergeEnd> {
    for (const id of this.initialShards) this.startReader(id, this.options.start);
    try {
      for (;;) {
        if (this.failure) throw this.failure;
        if (this.abort.signal.aborted) return 'stopped';
        let released = false;
        for (let next = this.releasable(Date.now()); next; next = this.releasable(Date.now())) {
          released = true;
          this.heldPerShard.set(next.shardId, (this.heldPerShard.get(next.shardId) ?? 1) - 1);
          await emit(next);
          if (this.abort.signal.aborted) return 'stopped';
        }
        if (released) this.wakeReaders();
        await tick();
        if (!this.lineage.active && this.heap.size === 0) return this.endReached ? 'end-position' : 'shards-closed';
        await this.sleep();
      }
    } finally {
      this.stopAll();
      await Promise.allSettled([...this.running]);
    }
  }

  /**
   * Every record that arrived at or before this time has been handed to `emit`: the lowest read position of the
   * shards being read (positionOf), and just before the oldest record still held. Infinity once nothing is read or
   * held.
   */
  readThrough(): number {
    let through = Infinity;
    for (const r of this.readers.values()) {
      if (r.state !== 'reading' && r.state !== 'backing-off') continue;
      through = Math.min(through, this.positionOf(r));
    }
    const top = this.heap.peek();
    return top ? Math.min(through, top.record.arrivalMs - 1) : through;
  }

  /**
   * How far a shard has been read: its reader's watermark, or, for a fan-out shard under `quietFanout` that is
   * caught up on a live subscription (not paused, not between subscriptions) and has had no records for
   * clockMarginMs, the later of that and what its silence tells (see MergedReaderOptions.quietFanout).
   */
  private positionOf(r: ShardReader): number {
    const quiet = this.options.quietFanout;
    if (!quiet || !(r instanceof FanoutShardReader) || !r.caughtUpAndLive) return r.watermark;
    // Only a shard that has had no records for a while: a busy one may have events waiting at the engine behind a
    // full transport (the engine sends to it again once this side has read what it had), newer records of the
    // other shards arriving first.
    if (Date.now() - r.lastRecordsAt < quiet.clockMarginMs) return r.watermark;
    // Not the clock itself: after a stall, records may still wait unread in a socket.
    const byClock = socketsReadThrough() - quiet.clockMarginMs;
    const byNewest = quiet.newestRecordMarginMs === null ? -Infinity : this.newestArrivalMs - quiet.newestRecordMarginMs;
    return Math.max(r.watermark, byClock, byNewest);
  }

  /** Records of this shard read but not yet handed to `emit`. */
  heldFor(shardId: string): number {
    return this.heldPerShard.get(shardId) ?? 0;
  }

  statuses(): ShardStatus[] {
    const out: ShardStatus[] = [];
    const budget = this.options.mode.type === 'polling' ? AWS_READ_CALLS_PER_SECOND : 0;
    for (const r of this.readers.values()) {
      const usage = r.usage();
      out.push({
        shardId: r.shardId,
        state: r.state,
        callsPerSecond: usage.callsPerSecond,
        bytesPerSecond: usage.bytesPerSecond,
        callBudget: budget,
        byteBudget: AWS_READ_BYTES_PER_SECOND,
        millisBehindLatest: r.millisBehindLatest,
        throttles: r.throttles,
        lastError: r.lastError,
      });
    }
    for (const id of this.lineage.waitingShards()) {
      if (!this.readers.has(id)) {
        out.push({ shardId: id, state: 'waiting-for-parents', callsPerSecond: null, bytesPerSecond: 0, callBudget: budget, byteBudget: AWS_READ_BYTES_PER_SECOND, millisBehindLatest: null, throttles: 0, lastError: null });
      }
    }
    return out;
  }

  // ---- ReaderEvents ----

  async records(reader: ShardReader, records: ShardRecord[]): Promise<boolean> {
    const end = this.options.end;
    let kept = records;
    let past = false;
    if (end) {
      kept = records.filter((r) => !beyond(end, r));
      past = kept.length < records.length;
    }
    const readAt = Date.now();
    for (const record of kept) {
      this.heap.push({ record, readAt });
      if (record.arrivalMs > this.newestArrivalMs) this.newestArrivalMs = record.arrivalMs;
    }
    this.heldPerShard.set(reader.shardId, (this.heldPerShard.get(reader.shardId) ?? 0) + kept.length);
    if (past || (end?.type === 'AT_TIMESTAMP' && reader.watermark > end.timestamp)) {
      this.finishAtEnd(reader);
      return false;
    }
    this.wake();
    while ((this.heldPerShard.get(reader.shardId) ?? 0) > HELD_PER_SHARD && !this.abort.signal.aborted) {
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    }
    return !this.abort.signal.aborted;
  }

  progressed(reader: ShardReader): void {
    const end = this.options.end;
    if (end?.type === 'AT_TIMESTAMP' && reader.watermark > end.timestamp) {
      reader.stop();
      this.finishAtEnd(reader);
    }
    this.wake();
  }

  drained(reader: ShardReader, children: ChildShardInfo[]): void {
    const position = this.options.start.type === 'AT_TIMESTAMP' ? this.options.start : ({ type: 'TRIM_HORIZON' } as const);
    const started = this.lineage.drained(reader.shardId, children);
    this.options.onDrained?.(reader.shardId, started);
    for (const child of started) this.startReader(child, position);
    this.wake();
  }

  failed(_reader: ShardReader, error: unknown): void {
    this.failure ??= error;
    this.wake();
  }

  // ---- internals ----

  private finishAtEnd(reader: ShardReader): void {
    this.endReached = true;
    this.lineage.finished(reader.shardId);
    this.wake();
  }

  private startReader(shardId: string, start: TailStartPosition): void {
    const o = this.options;
    const position = toIteratorPosition(start);
    const reader =
      o.mode.type === 'polling'
        ? new PollingShardReader(o.kinesis, o.stream, shardId, position, o.mode.options, this, this.abort.signal, o.visibilityMarginMs)
        : new FanoutShardReader(o.kinesis, o.mode.consumerArn, shardId, position, this, this.abort.signal, o.mode.subscriptionMs);
    this.readers.set(shardId, reader);
    const run = reader.run().finally(() => {
      this.running.delete(run);
      if (reader.state === 'stopped') this.lineage.finished(shardId);
      this.wake();
    });
    this.running.add(run);
  }

  private releasable(now: number): ShardRecord | undefined {
    const top = this.heap.peek();
    if (!top) return undefined;
    const arrival = top.record.arrivalMs;
    let blocked = false;
    let stalledOnly = true;
    for (const r of this.readers.values()) {
      if (r.state !== 'reading' && r.state !== 'backing-off') continue;
      if (this.positionOf(r) >= arrival) continue;
      blocked = true;
      if (now - r.lastProgressAt < this.options.mergeWindowMs) stalledOnly = false;
    }
    if (blocked && !(stalledOnly && now - top.readAt >= this.options.mergeWindowMs)) return undefined;
    return this.heap.pop()?.record;
  }

  private wake(): void {
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  private wakeReaders(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const w of waiters) w();
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, TICK_MS);
      this.wakeUp = done;
    });
  }

  private stopAll(): void {
    this.abort.abort();
    for (const r of this.readers.values()) r.stop();
    this.wakeReaders();
    this.wake();
  }
}

function toIteratorPosition(start: TailStartPosition): IteratorPosition {
  return start;
}

function beyond(end: TailEndPosition, record: ShardRecord): boolean {
  return end.type === 'AT_TIMESTAMP' ? record.arrivalMs > end.timestamp : compareSequence(record.sequenceNumber, end.sequenceNumber) > 0;
}

function checkPositions(o: MergedReaderOptions): void {
  const single = o.shards?.length === 1;
  if ((o.start.type === 'AT_SEQUENCE_NUMBER' || o.start.type === 'AFTER_SEQUENCE_NUMBER') && !single) {
    throw new RpcError(ErrorCode.ValidationException, `${o.start.type} names a record of one shard: choose exactly that shard (shards: [id]).`);
  }
  if (o.end?.type === 'AT_SEQUENCE_NUMBER' && !single) {
    throw new RpcError(ErrorCode.ValidationException, 'An end sequence number belongs to one shard: choose exactly that shard (shards: [id]).');
  }
  if (o.end?.type === 'AT_TIMESTAMP' && o.start.type === 'AT_TIMESTAMP' && o.end.timestamp < o.start.timestamp) {
    throw new RpcError(ErrorCode.ValidationException, 'The end time is before the start time.');
  }
}

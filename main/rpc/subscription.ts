// One running subscription: a bounded queue between the source and the client, batching and flow control.
//
// Flow: items go into the queue; a batch leaves when the queue holds a full batch or `flushIntervalMs` after the
// first queued item, but only while fewer than `maxUnackedBatches` batches wait for the client's ack.
// A client that stops acking therefore stops the flow; the queue then fills up to `maxQueuedItems`, at which
// point waiting sources stop pulling (`ready()` stays pending) and pushing sources lose their oldest items,
// reported in the next batch's `dropped`. Memory per subscription is bounded by
// maxQueuedItems + maxUnackedBatches × maxBatchItems items, however slow the client is.
import { toRpcError, type RpcErrorShape } from '../../shared/contract/index';
import { BoundedQueue } from './boundedQueue';
import type { Sink } from './handlers';
import type { DispatcherLimits } from './limits';

export interface SubscriptionOutput {
  batch(seq: number, items: unknown[], dropped: number): void;
  end(error?: RpcErrorShape): void;
  /** Called once the subscription is finished and its frames are sent. */
  finished(): void;
}

export interface SubscriptionStats {
  queued: number;
  unacked: number;
  /** Items the source has pushed so far. */
  pushed: number;
  /** Items discarded because the client was behind a source that does not wait. */
  dropped: number;
  /** True while the source is waiting in ready() for room. */
  sourceWaiting: boolean;
}

export class Subscription<Item> implements Sink<Item> {
  private readonly queue: BoundedQueue<unknown>;
  private readonly abort = new AbortController();
  private nextSeq = 0;
  private acked = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private waiters: ((room: number) => void)[] = [];
  private ending: RpcErrorShape | 'ok' | null = null;
  private done = false;
  private pushed = 0;

  constructor(
    private readonly limits: DispatcherLimits,
    private readonly encodeItem: (item: Item) => unknown,
    private readonly output: SubscriptionOutput,
    /** How a failure is told to the client (the app scrubs and maps service errors). */
    private readonly toError: (error: unknown) => RpcErrorShape = toRpcError,
  ) {
    this.queue = new BoundedQueue(limits.maxQueuedItems);
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  push(item: Item): void {
    if (this.ending || this.done) return;
    let encoded: unknown;
    try {
      encoded = this.encodeItem(item);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.pushed++;
    this.queue.push(encoded);
    if (this.queue.length >= this.limits.maxBatchItems) this.flush();
    else this.schedule();
  }

  ready(): Promise<number> {
    if (this.ending || this.done) return Promise.resolve(0);
    return new Promise((resolve) => {
      if (this.queue.full) return void this.waiters.push(resolve);
      // Resolving through a macrotask lets I/O run between a fast source's chunks.
      setImmediate(() => (this.queue.full && !this.ending && !this.done ? this.waiters.push(resolve) : resolve(this.room())));
    });
  }

  private room(): number {
    return this.ending || this.done ? 0 : this.queue.capacity - this.queue.length;
  }

  end(): void {
    if (this.ending || this.done) return;
    this.ending = 'ok';
    this.wake();
    this.flush();
  }

  fail(error: unknown): void {
    if (this.ending || this.done) return;
    this.ending = this.toError(error);
    this.abort.abort();
    this.wake();
    this.flush();
  }

  /** The client processed every batch up to `seq`. */
  ack(seq: number): void {
    if (seq < this.acked || seq >= this.nextSeq) return;
    this.acked = seq + 1;
    this.flush();
  }

  /** Stops now, without sending anything more: the client went away or unsubscribed. */
  cancel(): void {
    if (this.done) return;
    this.done = true;
    this.abort.abort();
    this.clearTimer();
    this.queue.clear();
    this.wake();
  }

  stats(): SubscriptionStats {
    return {
      queued: this.queue.length,
      unacked: this.nextSeq - this.acked,
      pushed: this.pushed,
      dropped: this.queue.droppedTotal,
      sourceWaiting: this.waiters.length > 0,
    };
  }

  private schedule(): void {
    if (this.timer || this.done) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.limits.flushIntervalMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private flush(): void {
    if (this.done) return;
    this.clearTimer();
    while (this.nextSeq - this.acked < this.limits.maxUnackedBatches && this.queue.length > 0) {
      const dropped = this.queue.takeDropped();
      const items = this.queue.take(this.limits.maxBatchItems);
      this.output.batch(this.nextSeq++, items, dropped);
    }
    if (!this.queue.full) this.wake();
    if (this.queue.length > 0 && this.nextSeq - this.acked < this.limits.maxUnackedBatches) this.schedule();
    if (this.ending && this.queue.length === 0) {
      this.done = true;
      this.abort.abort();
      this.output.end(this.ending === 'ok' ? undefined : this.ending);
      this.output.finished();
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    const room = this.room();
    for (const resolve of waiters) resolve(room);
  }
}

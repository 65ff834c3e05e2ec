// The buffers of one delivery lane, one per partition key: a pure state machine on an injected Timeline. A buffer
// opens with its first record and flushes when its bytes reach the size hint or when the interval has passed since it
// opened, whichever comes first; with a zero interval it flushes at the end of each batch. Every flush says why, and
// views() says when each open buffer is next due (what the preview and the live state show).
import type { ResolvedHints } from './hints';
import type { Timeline } from '../timeline';

export type FlushReason = 'size' | 'interval' | 'zero-buffering' | 'manual' | 'close';

export interface Buffered {
  arrivalMs: number;
  /** When the item was taken in; a buffer it opens counts its interval from here (the clock's now when absent). */
  receivedMs?: number;
}

export interface Flush<T extends Buffered> {
  key: string;
  items: T[];
  bytes: number;
  reason: FlushReason;
  openedAtMs: number;
  /** The object's timestamp: the oldest record's arrival. */
  oldestArrivalMs: number;
  flushedAtMs: number;
  /** When the interval would have flushed it. */
  dueAtMs: number;
}

export interface BufferView {
  key: string;
  records: number;
  bytes: number;
  openedAtMs: number;
  oldestArrivalMs: number;
  dueAtMs: number;
  sizeLimitBytes: number;
  intervalMs: number;
}

interface OpenBuffer<T extends Buffered> {
  key: string;
  items: T[];
  bytes: number;
  openedAtMs: number;
  oldestArrivalMs: number;
  cancel: () => void;
}

export class BufferSet<T extends Buffered> {
  private readonly open = new Map<string, OpenBuffer<T>>();

  constructor(
    readonly hints: ResolvedHints,
    private readonly timeline: Timeline,
    private readonly onFlush: (flush: Flush<T>) => void,
    /** The bytes an item counts for, before compression. */
    private readonly sizeOf: (item: T) => number,
  ) {}

  get zeroBuffering(): boolean {
    return this.hints.intervalMs === 0;
  }

  /** How many buffers are open. */
  get openCount(): number {
    return this.open.size;
  }

  isOpen(key: string): boolean {
    return this.open.has(key);
  }

  add(key: string, item: T): void {
    let buffer = this.open.get(key);
    if (!buffer) {
      const openedAtMs = Math.min(item.receivedMs ?? this.timeline.now(), this.timeline.now());
      const created: OpenBuffer<T> = { key, items: [], bytes: 0, openedAtMs, oldestArrivalMs: item.arrivalMs, cancel: () => undefined };
      if (!this.zeroBuffering) created.cancel = this.timeline.at(openedAtMs + this.hints.intervalMs, () => this.flushKey(key, 'interval'));
      this.open.set(key, created);
      buffer = created;
    }
    buffer.items.push(item);
    buffer.bytes += this.sizeOf(item);
    if (item.arrivalMs < buffer.oldestArrivalMs) buffer.oldestArrivalMs = item.arrivalMs;
    if (buffer.bytes >= this.hints.sizeBytes) this.flushKey(key, 'size');
  }

  /** The end of one put: with zero buffering, everything goes now. */
  endBatch(): void {
    if (this.zeroBuffering) this.flushAll('zero-buffering');
  }

  flushAll(reason: FlushReason): void {
    for (const key of [...this.open.keys()]) this.flushKey(key, reason);
  }

  views(): BufferView[] {
    return [...this.open.values()].map((b) => ({
      key: b.key,
      records: b.items.length,
      bytes: b.bytes,
      openedAtMs: b.openedAtMs,
      oldestArrivalMs: b.oldestArrivalMs,
      dueAtMs: b.openedAtMs + this.hints.intervalMs,
      sizeLimitBytes: this.hints.sizeBytes,
      intervalMs: this.hints.intervalMs,
    }));
  }

  /** Drops the buffers' timers without flushing (for a pipeline being thrown away). */
  dispose(): void {
    for (const b of this.open.values()) b.cancel();
    this.open.clear();
  }

  private flushKey(key: string, reason: FlushReason): void {
    const buffer = this.open.get(key);
    if (!buffer) return;
    buffer.cancel();
    this.open.delete(key);
    this.onFlush({
      key,
      items: buffer.items,
      bytes: buffer.bytes,
      reason,
      openedAtMs: buffer.openedAtMs,
      oldestArrivalMs: buffer.oldestArrivalMs,
      flushedAtMs: this.timeline.now(),
      dueAtMs: buffer.openedAtMs + this.hints.intervalMs,
    });
  }
}

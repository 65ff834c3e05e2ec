// Time, injected. Delivery never reads Date.now or calls setTimeout itself: buffers, retries and backoff go through
// a Timeline, so the preview and the tests run the very same code on a virtual clock that they move by hand.
export interface Timeline {
  now(): number;
  /** Runs `fn` at `atMs` (or at once if that is past); the returned function cancels it. */
  at(atMs: number, fn: () => void): () => void;
  /** Resolves after `ms` of this timeline's time. */
  sleep(ms: number): Promise<void>;
}

export const systemTimeline: Timeline = {
  now: () => Date.now(),
  at(atMs, fn) {
    const timer = setTimeout(fn, Math.max(0, atMs - Date.now()));
    return () => clearTimeout(timer);
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

interface Pending {
  atMs: number;
  order: number;
  fn: () => void;
}

/**
 * A clock that only moves when told to. `advanceTo` fires due timers in time order. `sleep` does not wait: it moves
 * the clock forward by the slept time and resolves, so retries with backoff run instantly with the right timestamps
 * (what the preview shows as "retried at +1 s, +2 s, …").
 */
export class VirtualTimeline implements Timeline {
  private current: number;
  private pending: Pending[] = [];
  private order = 0;

  constructor(startMs: number) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  at(atMs: number, fn: () => void): () => void {
    const entry: Pending = { atMs, order: this.order++, fn };
    this.pending.push(entry);
    return () => {
      this.pending = this.pending.filter((p) => p !== entry);
    };
  }

  sleep(ms: number): Promise<void> {
    this.current += Math.max(0, ms);
    return Promise.resolve();
  }

  /** The time of the next timer, if any. */
  nextDue(): number | undefined {
    let next: number | undefined;
    for (const p of this.pending) if (next === undefined || p.atMs < next) next = p.atMs;
    return next;
  }

  /** Moves to `ms`, running each timer due on the way at its own time. */
  advanceTo(ms: number): void {
    for (;;) {
      const due = this.pending.filter((p) => p.atMs <= ms).sort((a, b) => a.atMs - b.atMs || a.order - b.order)[0];
      if (!due) break;
      this.pending = this.pending.filter((p) => p !== due);
      this.current = Math.max(this.current, due.atMs);
      due.fn();
    }
    this.current = Math.max(this.current, ms);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }
}

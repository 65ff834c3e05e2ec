// Accumulators for the aggregates of grouped windows (add only) and sliding windows (add and remove).
// Each reports how many state entries it holds so a query's memory can be measured and capped.
import type { AggregateCall } from './queryPlan';
import type { SqlValue } from './sqlTypes';
import { HyperLogLog } from './hyperLogLog';

/** The number of distinct values an approximate distinct count keeps exactly before it switches to HyperLogLog. */
export const EXACT_DISTINCT_LIMIT = 10_000;

export interface Accumulator {
  add(v: SqlValue): void;
  result(): SqlValue;
}

/** Shared counters of the state all accumulators of one query hold. */
export interface StateCounter {
  distinctEntries: number;
  sketches: number;
}

class CountAll implements Accumulator {
  n = 0;
  add(): void { this.n++; }
  result(): SqlValue { return this.n; }
}
class CountValues implements Accumulator {
  n = 0;
  add(v: SqlValue): void { if (v !== null) this.n++; }
  result(): SqlValue { return this.n; }
}
class Sum implements Accumulator {
  sum = 0;
  n = 0;
  add(v: SqlValue): void { if (v !== null) { this.sum += v as number; this.n++; } }
  result(): SqlValue { return this.n === 0 ? null : this.sum; }
}
class Avg implements Accumulator {
  sum = 0;
  n = 0;
  add(v: SqlValue): void { if (v !== null) { this.sum += v as number; this.n++; } }
  result(): SqlValue { return this.n === 0 ? null : this.sum / this.n; }
}
class Min implements Accumulator {
  v: SqlValue = null;
  add(v: SqlValue): void { if (v !== null && (this.v === null || v < this.v)) this.v = v; }
  result(): SqlValue { return this.v; }
}
class Max implements Accumulator {
  v: SqlValue = null;
  add(v: SqlValue): void { if (v !== null && (this.v === null || v > this.v)) this.v = v; }
  result(): SqlValue { return this.v; }
}
class CountDistinct implements Accumulator {
  private readonly seen = new Set<SqlValue>();
  constructor(private readonly counter: StateCounter) {}
  add(v: SqlValue): void {
    if (v === null || this.seen.has(v)) return;
    this.seen.add(v);
    this.counter.distinctEntries++;
  }
  result(): SqlValue { return this.seen.size; }
  release(): void { this.counter.distinctEntries -= this.seen.size; }
}
class ApproxCountDistinct implements Accumulator {
  private seen: Set<SqlValue> | null = new Set<SqlValue>();
  private sketch: HyperLogLog | null = null;
  constructor(private readonly counter: StateCounter) {}
  add(v: SqlValue): void {
    if (v === null) return;
    if (this.seen) {
      if (this.seen.has(v)) return;
      this.seen.add(v);
      this.counter.distinctEntries++;
      if (this.seen.size <= EXACT_DISTINCT_LIMIT) return;
      this.sketch = new HyperLogLog();
      for (const x of this.seen) this.sketch.add(String(x));
      this.counter.distinctEntries -= this.seen.size;
      this.counter.sketches++;
      this.seen = null;
      return;
    }
    (this.sketch as HyperLogLog).add(String(v));
  }
  result(): SqlValue { return this.seen ? this.seen.size : (this.sketch as HyperLogLog).estimate(); }
  release(): void {
    if (this.seen) this.counter.distinctEntries -= this.seen.size;
    else this.counter.sketches--;
  }
}

export function newAccumulator(call: AggregateCall, counter: StateCounter): Accumulator {
  switch (call.fn) {
    case 'COUNT': return call.arg ? new CountValues() : new CountAll();
    case 'SUM': return new Sum();
    case 'AVG': return new Avg();
    case 'MIN': return new Min();
    case 'MAX': return new Max();
    case 'COUNT_DISTINCT': return new CountDistinct(counter);
    case 'APPROX_COUNT_DISTINCT': return new ApproxCountDistinct(counter);
  }
}

/** Gives back the state a group's accumulators counted, when its window closes. */
export function releaseAccumulator(acc: Accumulator): void {
  if (acc instanceof CountDistinct || acc instanceof ApproxCountDistinct) acc.release();
}

/**
 * A sliding aggregate over the values currently in one partition's window. Values arrive at the back and leave at
 * the front in the same order, so MIN/MAX keep a monotonic deque and distinct counts keep a multiset.
 */
export interface SlidingAccumulator {
  add(v: SqlValue): void;
  remove(v: SqlValue): void;
  result(): SqlValue;
}

class SlidingSum implements SlidingAccumulator {
  sum = 0;
  n = 0;
  constructor(private readonly average: boolean) {}
  add(v: SqlValue): void { if (v !== null) { this.sum += v as number; this.n++; } }
  remove(v: SqlValue): void { if (v !== null) { this.sum -= v as number; this.n--; } }
  result(): SqlValue { return this.n === 0 ? null : this.average ? this.sum / this.n : this.sum; }
}
class SlidingCount implements SlidingAccumulator {
  n = 0;
  constructor(private readonly all: boolean) {}
  add(v: SqlValue): void { if (this.all || v !== null) this.n++; }
  remove(v: SqlValue): void { if (this.all || v !== null) this.n--; }
  result(): SqlValue { return this.n; }
}
/** Monotonic deque: the front is the current extreme; a value leaves when it is the front and expires. */
class SlidingExtreme implements SlidingAccumulator {
  private readonly deque: SqlValue[] = [];
  private head = 0;
  constructor(private readonly max: boolean) {}
  add(v: SqlValue): void {
    if (v === null) return;
    const d = this.deque;
    while (d.length > this.head && (this.max ? (d[d.length - 1] as SqlValue)! < v : (d[d.length - 1] as SqlValue)! > v)) d.pop();
    d.push(v);
  }
  remove(v: SqlValue): void {
    if (v === null) return;
    if (this.deque.length > this.head && this.deque[this.head] === v) this.head++;
    if (this.head > 64 && this.head * 2 > this.deque.length) {
      this.deque.splice(0, this.head);
      this.head = 0;
    }
  }
  result(): SqlValue { return this.deque.length > this.head ? (this.deque[this.head] as SqlValue) : null; }
}
class SlidingDistinct implements SlidingAccumulator {
  private readonly counts = new Map<SqlValue, number>();
  constructor(private readonly counter: StateCounter) {}
  add(v: SqlValue): void {
    if (v === null) return;
    const n = this.counts.get(v) ?? 0;
    if (n === 0) this.counter.distinctEntries++;
    this.counts.set(v, n + 1);
  }
  remove(v: SqlValue): void {
    if (v === null) return;
    const n = (this.counts.get(v) ?? 1) - 1;
    if (n === 0) {
      this.counts.delete(v);
      this.counter.distinctEntries--;
    } else this.counts.set(v, n);
  }
  result(): SqlValue { return this.counts.size; }
}

/** Sliding windows count distinct values exactly (APPROXIMATE_DISTINCT too): the window's rows are kept anyway. */
export function newSlidingAccumulator(call: AggregateCall, counter: StateCounter): SlidingAccumulator {
  switch (call.fn) {
    case 'COUNT': return new SlidingCount(!call.arg);
    case 'SUM': return new SlidingSum(false);
    case 'AVG': return new SlidingSum(true);
    case 'MIN': return new SlidingExtreme(false);
    case 'MAX': return new SlidingExtreme(true);
    case 'COUNT_DISTINCT':
    case 'APPROX_COUNT_DISTINCT':
      return new SlidingDistinct(counter);
  }
}

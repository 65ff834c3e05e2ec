// What a running query holds in memory, counted as it changes, with a byte estimate and the cap that stops a
// runaway query with a clear message instead of letting it grow without bound.
import { HLL_BYTES } from './hyperLogLog';
import type { StateCounter } from './aggregates';

import type { StateSnapshot } from '../../shared/contract/analytics';

export type { StateSnapshot } from '../../shared/contract/analytics';

/** Rough per-entry costs in V8 (object headers, map slots, small arrays); good to a factor of two. */
const GROUP_BYTES = 160;
const ACCUMULATOR_BYTES = 40;
const DISTINCT_BYTES = 48;
const SLIDING_ROW_BYTES = 56;
const WINDOW_BYTES = 200;

export class QueryStateError extends Error {}

export class QueryState implements StateCounter {
  openWindows = 0;
  openGroups = 0;
  distinctEntries = 0;
  sketches = 0;
  slidingRows = 0;

  constructor(private readonly aggregatesPerGroup: number, readonly maxBytes: number) {}

  estimatedBytes(): number {
    return (
      this.openWindows * WINDOW_BYTES +
      this.openGroups * (GROUP_BYTES + this.aggregatesPerGroup * ACCUMULATOR_BYTES) +
      this.distinctEntries * DISTINCT_BYTES +
      this.sketches * HLL_BYTES +
      this.slidingRows * (SLIDING_ROW_BYTES + this.aggregatesPerGroup * 8)
    );
  }

  snapshot(): StateSnapshot {
    return {
      openWindows: this.openWindows,
      openGroups: this.openGroups,
      distinctEntries: this.distinctEntries,
      sketches: this.sketches,
      slidingRows: this.slidingRows,
      estimatedBytes: this.estimatedBytes(),
    };
  }

  /** Throws QueryStateError when the estimate passes the cap. Called once per batch, not per row. */
  check(): void {
    const bytes = this.estimatedBytes();
    if (bytes <= this.maxBytes) return;
    const mib = (n: number): string => `${(n / 1_048_576).toFixed(1)} MiB`;
    throw new QueryStateError(
      `query stopped: its state reached about ${mib(bytes)}, over the limit of ${mib(this.maxBytes)} ` +
        `(${this.openGroups} groups in ${this.openWindows} open window${this.openWindows === 1 ? '' : 's'}, ${this.distinctEntries} distinct values, ${this.slidingRows} rows in sliding windows). ` +
        'Group by fewer distinct keys, shorten the window, or raise the limit.',
    );
  }
}

// The longer history behind the per-second rings: once per minute (a periodic job, never the write path) every
// complete minute not yet written is summed from the rings (IteratorAgeMs: its maximum) into one row per shard
// that saw traffic, and rows older than 24 hours are deleted. The rings keep an hour, so an engine that was
// busy (or stopped) for longer loses the minutes it could not write, not the ones after.
import type { HistoryStore, MinuteRow } from '../../../storage/historyStore';
import { RING_SECONDS } from '../stats/seriesRing';
import { M, METRICS, type StatsRegistry } from '../stats/streamStats';

export const MINUTE_MS = 60_000;
export const HISTORY_MS = 24 * 60 * MINUTE_MS;
/** Engine events kept at most (besides the 24-hour age bound). */
export const MAX_EVENTS = 10_000;

const SECONDS = MINUTE_MS / 1000;
/** The oldest complete minute the rings still hold whole. */
const RING_MINUTES = Math.floor(RING_SECONDS / SECONDS) - 1;

export class MinuteHistory {
  private written: number | undefined;
  /** Set by the controls when the engine writes the history (its periodic job runs). */
  enabled = false;

  constructor(
    private readonly store: HistoryStore,
    private readonly stats: StatsRegistry,
    private readonly streamExists: (streamRowId: number) => boolean,
  ) {
    this.written = store.latestMinute();
  }

  /** The stored rows of a stream with fromMs <= minute < toMs. */
  rowsOf(streamRowId: number, fromMs: number, toMs: number): MinuteRow[] {
    return this.store.minutesOf(streamRowId, fromMs, toMs);
  }

  /** Writes the complete minutes not yet written; cheap (one comparison) while the minute has not rolled. */
  flush(nowMs: number): void {
    const current = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
    const last = current - MINUTE_MS;
    if (this.written !== undefined && this.written >= last) return;
    // A fresh engine (nothing written yet) takes whatever complete minutes its rings hold.
    const oldest = current - RING_MINUTES * MINUTE_MS;
    const from = this.written === undefined ? oldest : Math.max(this.written + MINUTE_MS, oldest);
    const rows: MinuteRow[] = [];
    for (const shard of this.stats.all()) {
      if (!this.streamExists(shard.streamRowId)) continue;
      for (let minute = from; minute <= last; minute += MINUTE_MS) {
        const values = METRICS.map((_, m) => {
          const seconds = shard.series.read(m, minute / 1000, SECONDS);
          return m === M.iteratorAge ? Math.max(0, ...seconds) : seconds.reduce((a, b) => a + b, 0);
        });
        if (values.some((v) => v !== 0)) rows.push({ streamRowId: shard.streamRowId, minute, shardIndex: shard.shardIndex, values });
      }
    }
    this.store.putMinutes(rows);
    this.written = last;
    this.store.deleteBefore(nowMs - HISTORY_MS, MAX_EVENTS);
  }
}

// Statements for the engine's longer history: per-minute metric rows per shard, and timestamped engine events
// (reshards, capacity-mode switches, on-demand scaling, fault-rule changes). Both are bounded by age: the engine
// calls deleteBefore as minutes roll.
import type { SqliteDatabase } from './database';

/** The metric columns, in the order of the engine's live-stats metrics (kinesis/stats/streamStats.ts METRICS). */
export const MINUTE_COLUMNS = [
  'incoming_records',
  'incoming_bytes',
  'get_records_records',
  'get_records_bytes',
  'fan_out_records',
  'fan_out_bytes',
  'write_throttles',
  'read_throttles',
  'iterator_age_ms',
] as const;

export interface MinuteRow {
  streamRowId: number;
  /** Epoch ms of the minute's start. */
  minute: number;
  shardIndex: number;
  /** One value per MINUTE_COLUMNS entry. */
  values: number[];
}

export interface EventRow {
  id: number;
  atMs: number;
  region: string | null;
  streamName: string | null;
  kind: string;
  /** JSON object. */
  detail: Record<string, unknown>;
}

export type NewEvent = Omit<EventRow, 'id'>;

interface EventDbRow {
  id: number;
  at_ms: number;
  region: string | null;
  stream_name: string | null;
  kind: string;
  detail: string;
}

function prepare(db: SqliteDatabase) {
  const columns = MINUTE_COLUMNS.join(', ');
  return {
    putMinute: db.prepare(
      `INSERT INTO metric_minutes (stream_id, minute, shard_index, ${columns}) VALUES (?, ?, ?, ${MINUTE_COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT (stream_id, minute, shard_index) DO UPDATE SET ${MINUTE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}`,
    ),
    minutesOf: db.prepare(`SELECT minute, shard_index, ${columns} FROM metric_minutes WHERE stream_id = ? AND minute >= ? AND minute < ? ORDER BY minute, shard_index`).raw(),
    latestMinute: db.prepare('SELECT max(minute) FROM metric_minutes').pluck(),
    minuteCount: db.prepare('SELECT count(*) FROM metric_minutes').pluck(),
    deleteMinutes: db.prepare('DELETE FROM metric_minutes WHERE minute < ?'),
    putEvent: db.prepare('INSERT INTO engine_events (at_ms, region, stream_name, kind, detail) VALUES (?, ?, ?, ?, ?)'),
    eventsOf: db.prepare(
      `SELECT * FROM engine_events WHERE at_ms >= ? AND at_ms < ? AND (stream_name IS NULL OR (region = ? AND stream_name = ?)) ORDER BY at_ms, id`,
    ),
    deleteEvents: db.prepare('DELETE FROM engine_events WHERE at_ms < ?'),
    eventCount: db.prepare('SELECT count(*) FROM engine_events').pluck(),
    trimEvents: db.prepare('DELETE FROM engine_events WHERE id <= (SELECT max(id) FROM engine_events) - ?'),
  };
}

export class HistoryStore {
  private readonly s: ReturnType<typeof prepare>;

  constructor(private readonly db: SqliteDatabase) {
    this.s = prepare(db);
  }

  /** Writes (or rewrites) minute rows, all in one transaction. */
  putMinutes(rows: readonly MinuteRow[]): void {
    if (rows.length === 0) return;
    this.db.transaction(() => {
      for (const row of rows) this.s.putMinute.run(row.streamRowId, row.minute, row.shardIndex, ...row.values);
    })();
  }

  /** The stream's rows with fromMinute <= minute < toMinute, oldest first. */
  minutesOf(streamRowId: number, fromMinute: number, toMinute: number): MinuteRow[] {
    return (this.s.minutesOf.all(streamRowId, fromMinute, toMinute) as number[][]).map(([minute, shardIndex, ...values]) => ({ streamRowId, minute: minute as number, shardIndex: shardIndex as number, values }));
  }

  /** The newest minute stored, if any (where the writer resumes after a restart). */
  latestMinute(): number | undefined {
    const value = this.s.latestMinute.get() as number | null;
    return value ?? undefined;
  }

  minuteCount(): number {
    return Number(this.s.minuteCount.get());
  }

  addEvent(event: NewEvent): void {
    this.s.putEvent.run(event.atMs, event.region, event.streamName, event.kind, JSON.stringify(event.detail));
  }

  /** Events of a stream (and engine-wide ones) with fromMs <= atMs < toMs, oldest first. */
  eventsOf(region: string, streamName: string, fromMs: number, toMs: number): EventRow[] {
    return (this.s.eventsOf.all(fromMs, toMs, region, streamName) as EventDbRow[]).map((row) => ({
      id: row.id,
      atMs: row.at_ms,
      region: row.region,
      streamName: row.stream_name,
      kind: row.kind,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
    }));
  }

  eventCount(): number {
    return Number(this.s.eventCount.get());
  }

  /** Drops minutes and events older than cutoffMs, and all but the newest maxEvents events. */
  deleteBefore(cutoffMs: number, maxEvents: number): { minutes: number; events: number } {
    return this.db.transaction(() => {
      const minutes = this.s.deleteMinutes.run(cutoffMs).changes;
      const events = this.s.deleteEvents.run(cutoffMs).changes + this.s.trimEvents.run(maxEvents).changes;
      return { minutes, events };
    })();
  }
}

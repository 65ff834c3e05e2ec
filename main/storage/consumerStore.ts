// Statements for enhanced fan-out consumers. A consumer row belongs to a stream row (ON DELETE CASCADE), so a
// deleted stream takes its consumers along. Status transitions are stored as a due time and applied on access.
import type { SqliteDatabase } from './database';

export type ConsumerStatus = 'CREATING' | 'ACTIVE' | 'DELETING';

export interface ConsumerRow {
  id: number;
  streamRowId: number;
  name: string;
  arn: string;
  status: ConsumerStatus;
  /** When CREATING becomes ACTIVE or DELETING removes the row, epoch ms; null when settled. */
  statusDueMs: number | null;
  createdMs: number;
}

interface ConsumerDbRow {
  id: number;
  stream_id: number;
  name: string;
  arn: string;
  status: ConsumerStatus;
  status_due_ms: number | null;
  created_ms: number;
}

function toRow(row: ConsumerDbRow): ConsumerRow {
  return {
    id: row.id,
    streamRowId: row.stream_id,
    name: row.name,
    arn: row.arn,
    status: row.status,
    statusDueMs: row.status_due_ms,
    createdMs: row.created_ms,
  };
}

function prepare(db: SqliteDatabase) {
  return {
    insert: db.prepare(`INSERT INTO stream_consumers (stream_id, name, arn, status, status_due_ms, created_ms)
      VALUES (@streamRowId, @name, @arn, @status, @statusDueMs, @createdMs)`),
    byName: db.prepare('SELECT * FROM stream_consumers WHERE stream_id = ? AND name = ?'),
    byArn: db.prepare('SELECT * FROM stream_consumers WHERE arn = ?'),
    byId: db.prepare('SELECT * FROM stream_consumers WHERE id = ?'),
    ofStream: db.prepare('SELECT * FROM stream_consumers WHERE stream_id = ? ORDER BY created_ms, id'),
    countOfStream: db.prepare('SELECT count(*) FROM stream_consumers WHERE stream_id = ?').pluck(),
    activate: db.prepare(`UPDATE stream_consumers SET status = 'ACTIVE', status_due_ms = NULL
      WHERE status = 'CREATING' AND status_due_ms <= ?`),
    dropDeleted: db.prepare(`DELETE FROM stream_consumers WHERE status = 'DELETING' AND status_due_ms <= ?`),
    anyDue: db.prepare('SELECT 1 FROM stream_consumers WHERE status_due_ms IS NOT NULL AND status_due_ms <= ? LIMIT 1').pluck(),
    creatingIn: db.prepare(`SELECT count(*) FROM stream_consumers JOIN streams ON streams.id = stream_consumers.stream_id
      WHERE stream_consumers.status = 'CREATING' AND streams.region = ?`).pluck(),
    setStatus: db.prepare('UPDATE stream_consumers SET status = ?, status_due_ms = ? WHERE id = ?'),
  };
}

export class ConsumerStore {
  private readonly s: ReturnType<typeof prepare>;

  constructor(db: SqliteDatabase) {
    this.s = prepare(db);
  }

  insert(consumer: Omit<ConsumerRow, 'id'>): number {
    return Number(this.s.insert.run(consumer).lastInsertRowid);
  }

  byName(streamRowId: number, name: string): ConsumerRow | undefined {
    const row = this.s.byName.get(streamRowId, name) as ConsumerDbRow | undefined;
    return row && toRow(row);
  }

  byArn(arn: string): ConsumerRow | undefined {
    const row = this.s.byArn.get(arn) as ConsumerDbRow | undefined;
    return row && toRow(row);
  }

  byId(id: number): ConsumerRow | undefined {
    const row = this.s.byId.get(id) as ConsumerDbRow | undefined;
    return row && toRow(row);
  }

  /** The stream's consumers, oldest first. */
  ofStream(streamRowId: number): ConsumerRow[] {
    return (this.s.ofStream.all(streamRowId) as ConsumerDbRow[]).map(toRow);
  }

  countOfStream(streamRowId: number): number {
    return Number(this.s.countOfStream.get(streamRowId));
  }

  /** Consumers in CREATING across every stream of the region (AWS allows 5 at once). */
  creatingIn(region: string): number {
    return Number(this.s.creatingIn.get(region));
  }

  /** Applies every transition due by nowMs: CREATING → ACTIVE, DELETING → gone. */
  settle(nowMs: number): void {
    if (this.s.anyDue.get(nowMs) === undefined) return;
    this.s.activate.run(nowMs);
    this.s.dropDeleted.run(nowMs);
  }

  setStatus(id: number, status: ConsumerStatus, statusDueMs: number | null): void {
    this.s.setStatus.run(status, statusDueMs, id);
  }
}

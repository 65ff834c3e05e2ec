// Statements for the engine's Firehose delivery streams: the stream rows (configuration kept as the API's JSON),
// their tags, and the records Put accepted that delivery has not settled yet. Tags and records cascade with
// their stream.
import type { SqliteDatabase, SqliteStatement } from './database';

export interface DeliveryStreamRow {
  id: number;
  region: string;
  name: string;
  arn: string;
  /** DirectPut or KinesisStreamAsSource. */
  type: string;
  status: string;
  /** When the pending transition (CREATING/DELETING) completes, epoch ms; null when settled. */
  statusDueMs: number | null;
  createdMs: number;
  /** The last configuration change, epoch ms; null until the first one. */
  updatedMs: number | null;
  /** VersionId, counting up from 1 on every configuration change. */
  version: number;
  config: Record<string, unknown>;
}

export type NewDeliveryStream = Omit<DeliveryStreamRow, 'id'>;

/** A record Put accepted (or the source stream gave) and delivery has not settled yet; data is base64. */
export interface PendingRecordRow {
  recordId: string;
  arrivalMs: number;
  data: string;
  /** A source stream's record: its Kinesis metadata (shard, partition key, sequence number), as JSON text. */
  kinesis?: string;
}

/** A KinesisStreamAsSource stream's position in one shard of its source. */
export interface SourceCheckpoint {
  shardId: string;
  /** The last sequence number read; null until a record was. */
  sequenceNumber: string | null;
  /** The shard is closed and read to its end. */
  done: boolean;
}

interface DeliveryStreamDbRow {
  id: number;
  region: string;
  name: string;
  arn: string;
  type: string;
  status: string;
  status_due_ms: number | null;
  created_ms: number;
  updated_ms: number | null;
  version: number;
  config: string;
}

function toRow(row: DeliveryStreamDbRow): DeliveryStreamRow {
  return {
    id: row.id,
    region: row.region,
    name: row.name,
    arn: row.arn,
    type: row.type,
    status: row.status,
    statusDueMs: row.status_due_ms,
    createdMs: row.created_ms,
    updatedMs: row.updated_ms,
    version: row.version,
    config: JSON.parse(row.config) as Record<string, unknown>,
  };
}

function prepare(db: SqliteDatabase) {
  return {
    insert: db.prepare(`INSERT INTO delivery_streams (region, name, arn, type, status, status_due_ms, created_ms, updated_ms, version, config)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    byName: db.prepare('SELECT * FROM delivery_streams WHERE region = ? AND name = ?'),
    byId: db.prepare('SELECT * FROM delivery_streams WHERE id = ?'),
    inRegion: db.prepare('SELECT * FROM delivery_streams WHERE region = ? ORDER BY name'),
    all: db.prepare('SELECT * FROM delivery_streams ORDER BY id'),
    pending: db.prepare('SELECT * FROM delivery_streams WHERE status_due_ms IS NOT NULL'),
    setStatus: db.prepare('UPDATE delivery_streams SET status = ?, status_due_ms = ? WHERE id = ?'),
    setConfig: db.prepare('UPDATE delivery_streams SET config = ?, version = ?, updated_ms = ? WHERE id = ?'),
    remove: db.prepare('DELETE FROM delivery_streams WHERE id = ?'),
    tags: db.prepare('SELECT key, value FROM delivery_stream_tags WHERE stream_id = ? ORDER BY key'),
    setTag: db.prepare(`INSERT INTO delivery_stream_tags (stream_id, key, value) VALUES (?, ?, ?)
      ON CONFLICT (stream_id, key) DO UPDATE SET value = excluded.value`),
    removeTag: db.prepare('DELETE FROM delivery_stream_tags WHERE stream_id = ? AND key = ?'),
    checkpoints: db.prepare('SELECT shard_id AS shardId, sequence_number AS sequenceNumber, done FROM delivery_checkpoints WHERE stream_id = ?'),
    setCheckpoint: db.prepare(`INSERT INTO delivery_checkpoints (stream_id, shard_id, sequence_number, done) VALUES (?, ?, ?, ?)
      ON CONFLICT (stream_id, shard_id) DO UPDATE SET sequence_number = excluded.sequence_number, done = excluded.done`),
    pendingRecords: db.prepare('SELECT record_id AS recordId, arrival_ms AS arrivalMs, data, kinesis FROM delivery_records WHERE stream_id = ? ORDER BY arrival_ms, record_id'),
  };
}

/** Rows per multi-row INSERT or DELETE: one statement per 100 records costs a fraction of 100 statements. */
const CHUNK = 100;

export class FirehoseStore {
  private readonly s: ReturnType<typeof prepare>;
  /** Multi-row statements by row count, prepared on first use. */
  private readonly inserts = new Map<number, SqliteStatement>();
  private readonly deletes = new Map<number, SqliteStatement>();

  constructor(private readonly db: SqliteDatabase) {
    this.s = prepare(db);
  }

  private insertRecords(id: number, records: readonly PendingRecordRow[]): void {
    for (let start = 0; start < records.length; start += CHUNK) {
      const chunk = records.slice(start, start + CHUNK);
      let statement = this.inserts.get(chunk.length);
      if (!statement) {
        statement = this.db.prepare(`INSERT INTO delivery_records (stream_id, record_id, arrival_ms, data, kinesis) VALUES ${Array(chunk.length).fill('(?, ?, ?, ?, ?)').join(', ')}`);
        this.inserts.set(chunk.length, statement);
      }
      statement.run(chunk.flatMap((record) => [id, record.recordId, record.arrivalMs, record.data, record.kinesis ?? null]));
    }
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  insertStream(row: NewDeliveryStream): number {
    const info = this.s.insert.run(row.region, row.name, row.arn, row.type, row.status, row.statusDueMs, row.createdMs, row.updatedMs, row.version, JSON.stringify(row.config));
    return Number(info.lastInsertRowid);
  }

  streamByName(region: string, name: string): DeliveryStreamRow | undefined {
    const row = this.s.byName.get(region, name) as DeliveryStreamDbRow | undefined;
    return row && toRow(row);
  }

  streamById(id: number): DeliveryStreamRow | undefined {
    const row = this.s.byId.get(id) as DeliveryStreamDbRow | undefined;
    return row && toRow(row);
  }

  streamsIn(region: string): DeliveryStreamRow[] {
    return (this.s.inRegion.all(region) as DeliveryStreamDbRow[]).map(toRow);
  }

  allStreams(): DeliveryStreamRow[] {
    return (this.s.all.all() as DeliveryStreamDbRow[]).map(toRow);
  }

  pendingStreams(): DeliveryStreamRow[] {
    return (this.s.pending.all() as DeliveryStreamDbRow[]).map(toRow);
  }

  setStatus(id: number, status: string, dueMs: number | null): void {
    this.s.setStatus.run(status, dueMs, id);
  }

  setConfig(id: number, config: Record<string, unknown>, version: number, updatedMs: number): void {
    this.s.setConfig.run(JSON.stringify(config), version, updatedMs, id);
  }

  deleteStream(id: number): void {
    this.s.remove.run(id);
  }

  tagsOf(id: number): { Key: string; Value: string }[] {
    return (this.s.tags.all(id) as { key: string; value: string }[]).map((row) => ({ Key: row.key, Value: row.value }));
  }

  setTags(id: number, tags: readonly { Key: string; Value?: string }[]): void {
    this.transaction(() => {
      for (const tag of tags) this.s.setTag.run(id, tag.Key, tag.Value ?? '');
    });
  }

  removeTags(id: number, keys: readonly string[]): void {
    this.transaction(() => {
      for (const key of keys) this.s.removeTag.run(id, key);
    });
  }

  /** Keeps the records Put accepted until delivery settles them, in one transaction. */
  addRecords(id: number, records: readonly PendingRecordRow[]): void {
    this.transaction(() => this.insertRecords(id, records));
  }

  settleRecords(id: number, recordIds: readonly string[]): void {
    this.transaction(() => {
      for (let start = 0; start < recordIds.length; start += CHUNK) {
        const chunk = recordIds.slice(start, start + CHUNK);
        let statement = this.deletes.get(chunk.length);
        if (!statement) {
          statement = this.db.prepare(`DELETE FROM delivery_records WHERE stream_id = ? AND record_id IN (${Array(chunk.length).fill('?').join(', ')})`);
          this.deletes.set(chunk.length, statement);
        }
        statement.run(id, ...chunk);
      }
    });
  }

  /** How far each source shard has been read: the last sequence number taken, and whether the shard is finished. */
  checkpoints(id: number): SourceCheckpoint[] {
    return (this.s.checkpoints.all(id) as { shardId: string; sequenceNumber: string | null; done: number }[]).map((row) => ({ ...row, done: row.done === 1 }));
  }

  /** Keeps records read from a source shard and moves the shard's checkpoint past them, in one transaction. */
  addSourceRecords(id: number, records: readonly PendingRecordRow[], checkpoint: SourceCheckpoint): void {
    this.transaction(() => {
      this.insertRecords(id, records);
      this.s.setCheckpoint.run(id, checkpoint.shardId, checkpoint.sequenceNumber, checkpoint.done ? 1 : 0);
    });
  }

  pendingRecords(id: number): PendingRecordRow[] {
    return (this.s.pendingRecords.all(id) as (PendingRecordRow & { kinesis: string | null })[]).map(({ kinesis, ...row }) => (kinesis === null ? row : { ...row, kinesis }));
  }
}

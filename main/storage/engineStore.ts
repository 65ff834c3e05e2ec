// Every SQL statement the engine runs, prepared once. The engine never sees SQL or better-sqlite3; action
// modules call these methods. Writes to streams/shards bump `generation` so the engine's in-memory view of
// streams knows to reload; records never touch it (they are the hot path).
import { openDatabase, type OpenDatabaseOptions, type SqliteDatabase, type SqliteStatement } from './database';
import { createRecordsTableSql, recordsTable } from './recordTables';

export interface StreamRow {
  id: number;
  region: string;
  name: string;
  streamId: string;
  arn: string;
  status: string;
  /** When the pending status transition (CREATING/UPDATING/DELETING) completes, epoch ms; null when settled. */
  statusDueMs: number | null;
  mode: string;
  createdMs: number;
  retentionHours: number;
  encryptionType: string;
  keyId: string | null;
  shardLevelMetrics: string[];
  maxRecordSizeKiB: number;
  /** Free-form JSON for settings that have no column (warm throughput, policies, ...). */
  settings: Record<string, unknown>;
  nextShardIndex: number;
  /** 28 decimal digits mixed into every sequence number of the stream. */
  identity: string;
}

export type NewStream = Omit<StreamRow, 'id'>;
export type StreamUpdate = Partial<Omit<StreamRow, 'id' | 'region' | 'name' | 'streamId' | 'arn' | 'identity'>>;

export interface ShardRow {
  id: number;
  streamRowId: number;
  shardIndex: number;
  parentIndex: number | null;
  adjacentParentIndex: number | null;
  startHash: string;
  endHash: string;
  startingSeq: number;
  endingSeq: number | null;
  lastSeq: number;
  createdMs: number;
  closedMs: number | null;
}

export type NewShard = Omit<ShardRow, 'id'>;

/**
 * A stored record as [seq, partitionKey, data as base64 text]: arrays, not objects, since reads return up to 10,000
 * of them (engine/base64Blob.ts says why the text).
 */
export type RecordTuple = [number, string, string];

interface StreamDbRow {
  id: number;
  region: string;
  name: string;
  stream_id: string;
  arn: string;
  status: string;
  status_due_ms: number | null;
  mode: string;
  created_ms: number;
  retention_hours: number;
  encryption_type: string;
  key_id: string | null;
  shard_level_metrics: string;
  max_record_size_kib: number;
  settings: string;
  next_shard_index: number;
  identity: string;
}

interface ShardDbRow {
  id: number;
  stream_id: number;
  shard_index: number;
  parent_index: number | null;
  adjacent_parent_index: number | null;
  start_hash: string;
  end_hash: string;
  starting_seq: number;
  ending_seq: number | null;
  last_seq: number;
  created_ms: number;
  closed_ms: number | null;
}

const STREAM_COLUMNS: Record<keyof StreamUpdate, string> = {
  status: 'status',
  statusDueMs: 'status_due_ms',
  mode: 'mode',
  createdMs: 'created_ms',
  retentionHours: 'retention_hours',
  encryptionType: 'encryption_type',
  keyId: 'key_id',
  shardLevelMetrics: 'shard_level_metrics',
  maxRecordSizeKiB: 'max_record_size_kib',
  settings: 'settings',
  nextShardIndex: 'next_shard_index',
};

function toStreamRow(row: StreamDbRow): StreamRow {
  return {
    id: row.id,
    region: row.region,
    name: row.name,
    streamId: row.stream_id,
    arn: row.arn,
    status: row.status,
    statusDueMs: row.status_due_ms,
    mode: row.mode,
    createdMs: row.created_ms,
    retentionHours: row.retention_hours,
    encryptionType: row.encryption_type,
    keyId: row.key_id,
    shardLevelMetrics: JSON.parse(row.shard_level_metrics) as string[],
    maxRecordSizeKiB: row.max_record_size_kib,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    nextShardIndex: row.next_shard_index,
    identity: row.identity,
  };
}

function toShardRow(row: ShardDbRow): ShardRow {
  return {
    id: row.id,
    streamRowId: row.stream_id,
    shardIndex: row.shard_index,
    parentIndex: row.parent_index,
    adjacentParentIndex: row.adjacent_parent_index,
    startHash: row.start_hash,
    endHash: row.end_hash,
    startingSeq: row.starting_seq,
    endingSeq: row.ending_seq,
    lastSeq: row.last_seq,
    createdMs: row.created_ms,
    closedMs: row.closed_ms,
  };
}

function columnValue(key: keyof StreamUpdate, value: unknown): unknown {
  if (key === 'shardLevelMetrics' || key === 'settings') return JSON.stringify(value);
  return value;
}

function prepareStatements(db: SqliteDatabase) {
  return {
    getMeta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    insertStream: db.prepare(`INSERT INTO streams (region, name, stream_id, arn, status, status_due_ms, mode, created_ms,
      retention_hours, encryption_type, key_id, shard_level_metrics, max_record_size_kib, settings, next_shard_index, identity)
      VALUES (@region, @name, @streamId, @arn, @status, @statusDueMs, @mode, @createdMs, @retentionHours, @encryptionType,
      @keyId, @shardLevelMetrics, @maxRecordSizeKiB, @settings, @nextShardIndex, @identity)`),
    streamByName: db.prepare('SELECT * FROM streams WHERE region = ? AND name = ?'),
    streamById: db.prepare('SELECT * FROM streams WHERE id = ?'),
    allStreams: db.prepare('SELECT * FROM streams ORDER BY region, name'),
    streamsPending: db.prepare('SELECT * FROM streams WHERE status_due_ms IS NOT NULL ORDER BY status_due_ms'),
    deleteStream: db.prepare('DELETE FROM streams WHERE id = ?'),
    insertShard: db.prepare(`INSERT INTO shards (stream_id, shard_index, parent_index, adjacent_parent_index, start_hash,
      end_hash, starting_seq, ending_seq, last_seq, created_ms, closed_ms) VALUES (@streamRowId, @shardIndex, @parentIndex,
      @adjacentParentIndex, @startHash, @endHash, @startingSeq, @endingSeq, @lastSeq, @createdMs, @closedMs)`),
    shardsOfStream: db.prepare('SELECT * FROM shards WHERE stream_id = ? ORDER BY shard_index'),
    shardIdsOfStream: db.prepare('SELECT id FROM shards WHERE stream_id = ?').pluck(),
    closeShard: db.prepare('UPDATE shards SET ending_seq = ?, closed_ms = ? WHERE id = ?'),
    setLastSeq: db.prepare('UPDATE shards SET last_seq = ? WHERE id = ?'),
    deleteShard: db.prepare('DELETE FROM shards WHERE id = ?'),
    openShardCount: db.prepare(`SELECT count(*) FROM shards JOIN streams ON streams.id = shards.stream_id
      WHERE streams.region = ? AND shards.ending_seq IS NULL`).pluck(),
    tagsOf: db.prepare('SELECT key, value FROM stream_tags WHERE stream_id = ? ORDER BY key').raw(),
    setTag: db.prepare('INSERT INTO stream_tags (stream_id, key, value) VALUES (?, ?, ?) ON CONFLICT (stream_id, key) DO UPDATE SET value = excluded.value'),
    removeTag: db.prepare('DELETE FROM stream_tags WHERE stream_id = ? AND key = ?'),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/** One value of a record row as insertRecords takes it. */
export type RecordParam = number | string | null;
/** Values per record row: seq, partition key, data, explicit hash key. */
export const RECORD_PARAMS = 4;
/** Records per multi-row INSERT: 500 parameters, well under SQLite's limit of 32,766. */
const INSERT_CHUNK = 125;

/** The prepared statements of one shard's records table (recordTables.ts), made on first use. */
interface ShardStatements {
  read: SqliteStatement;
  firstSeqFrom: SqliteStatement;
  trim: SqliteStatement;
  /** Multi-row INSERTs by row count: INSERT_CHUNK and the powers of two below it, so a few per shard. */
  inserts: Map<number, SqliteStatement>;
}

export class EngineStore {
  readonly db: SqliteDatabase;
  /** Bumped by every write to streams, shards or tags. */
  generation = 0;
  private readonly updateStatements = new Map<string, SqliteStatement>();
  private readonly s: Statements;

  constructor(options: OpenDatabaseOptions) {
    this.db = openDatabase(options);
    this.s = prepareStatements(this.db);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs fn in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  getMeta(key: string): Buffer | undefined {
    return this.s.getMeta.get(key) as Buffer | undefined;
  }

  setMeta(key: string, value: Buffer): void {
    this.s.setMeta.run(key, value);
  }

  insertStream(stream: NewStream): number {
    this.generation++;
    const info = this.s.insertStream.run({
      ...stream,
      shardLevelMetrics: JSON.stringify(stream.shardLevelMetrics),
      settings: JSON.stringify(stream.settings),
    });
    return Number(info.lastInsertRowid);
  }

  streamByName(region: string, name: string): StreamRow | undefined {
    const row = this.s.streamByName.get(region, name) as StreamDbRow | undefined;
    return row && toStreamRow(row);
  }

  streamById(id: number): StreamRow | undefined {
    const row = this.s.streamById.get(id) as StreamDbRow | undefined;
    return row && toStreamRow(row);
  }

  allStreams(): StreamRow[] {
    return (this.s.allStreams.all() as StreamDbRow[]).map(toStreamRow);
  }

  /** Streams with a status transition still to complete, soonest first. */
  pendingStreams(): StreamRow[] {
    return (this.s.streamsPending.all() as StreamDbRow[]).map(toStreamRow);
  }

  updateStream(id: number, update: StreamUpdate): void {
    const keys = (Object.keys(update) as (keyof StreamUpdate)[]).filter((k) => update[k] !== undefined).sort();
    if (keys.length === 0) return;
    const signature = keys.join(',');
    let statement = this.updateStatements.get(signature);
    if (!statement) {
      statement = this.db.prepare(`UPDATE streams SET ${keys.map((k) => `${STREAM_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`);
      this.updateStatements.set(signature, statement);
    }
    this.generation++;
    statement.run(...keys.map((k) => columnValue(k, update[k])), id);
  }

  /** Deletes the stream with its shards, tags and records. */
  deleteStream(id: number): void {
    this.generation++;
    this.transaction(() => {
      for (const shardRowId of this.s.shardIdsOfStream.all(id) as number[]) this.dropRecordsTable(shardRowId);
      this.s.deleteStream.run(id);
    });
  }

  insertShard(shard: NewShard): number {
    this.generation++;
    const id = Number(this.s.insertShard.run(shard).lastInsertRowid);
    this.db.exec(createRecordsTableSql(id));
    return id;
  }

  shardsOfStream(streamRowId: number): ShardRow[] {
    return (this.s.shardsOfStream.all(streamRowId) as ShardDbRow[]).map(toShardRow);
  }

  closeShard(shardRowId: number, endingSeq: number, closedMs: number): void {
    this.generation++;
    this.s.closeShard.run(endingSeq, closedMs, shardRowId);
  }

  /** Drops a shard and its records (used when a stream is reset or a reshard is rolled back). */
  deleteShard(shardRowId: number): void {
    this.generation++;
    this.dropRecordsTable(shardRowId);
    this.s.deleteShard.run(shardRowId);
  }

  /** Open shards across every stream of the region: what the account shard limit counts. */
  openShardCount(region: string): number {
    return Number(this.s.openShardCount.get(region));
  }

  tagsOf(streamRowId: number): [string, string][] {
    return this.s.tagsOf.all(streamRowId) as [string, string][];
  }

  setTags(streamRowId: number, tags: Record<string, string>): void {
    this.generation++;
    for (const [key, value] of Object.entries(tags)) this.s.setTag.run(streamRowId, key, value);
  }

  removeTags(streamRowId: number, keys: readonly string[]): void {
    this.generation++;
    for (const key of keys) this.s.removeTag.run(streamRowId, key);
  }

  /**
   * Hot path: inserts one shard's records given as flat parameter runs (seq, partition key, data, explicit hash
   * key per record) with multi-row INSERTs, a native call per INSERT_CHUNK records rather than per record. No
   * generation bump. Call inside transaction() for a batch.
   */
  insertRecords(shardRowId: number, params: readonly RecordParam[]): void {
    const statements = this.shardStatements(shardRowId);
    const total = params.length / RECORD_PARAMS;
    let at = 0;
    while (at < total) {
      // A full chunk, else the largest power of two that fits: a handful of statement shapes per shard.
      const left = total - at;
      const rows = left >= INSERT_CHUNK ? INSERT_CHUNK : 2 ** Math.floor(Math.log2(left));
      let statement = statements.inserts.get(rows);
      if (!statement) {
        const values = Array.from({ length: rows }, () => '(?, ?, ?, ?)').join(', ');
        statement = this.db.prepare(`INSERT INTO ${recordsTable(shardRowId)} (seq, partition_key, data, explicit_hash) VALUES ${values}`);
        statements.inserts.set(rows, statement);
      }
      statement.run(params.slice(at * RECORD_PARAMS, (at + rows) * RECORD_PARAMS));
      at += rows;
    }
  }

  private readonly byShard = new Map<number, ShardStatements>();

  private shardStatements(shardRowId: number): ShardStatements {
    let statements = this.byShard.get(shardRowId);
    if (!statements) {
      const table = recordsTable(shardRowId);
      this.db.exec(createRecordsTableSql(shardRowId));
      statements = {
        read: this.db.prepare(`SELECT seq, partition_key, data FROM ${table} WHERE seq >= ? ORDER BY seq LIMIT ?`).raw(),
        firstSeqFrom: this.db.prepare(`SELECT seq FROM ${table} WHERE seq >= ? ORDER BY seq LIMIT 1`).pluck(),
        trim: this.db.prepare(`DELETE FROM ${table} WHERE seq < ?`),
        inserts: new Map(),
      };
      this.byShard.set(shardRowId, statements);
    }
    return statements;
  }

  private dropRecordsTable(shardRowId: number): void {
    this.byShard.delete(shardRowId);
    this.db.exec(`DROP TABLE IF EXISTS ${recordsTable(shardRowId)}`);
  }

  /** Persists the shard's last assigned sequence integer; no generation bump (the engine updates its own view). */
  setShardLastSeq(shardRowId: number, lastSeq: number): void {
    this.s.setLastSeq.run(lastSeq, shardRowId);
  }

  /** Up to limit records of the shard with seq >= fromSeq, in order: one index seek then a scan. */
  readRecords(shardRowId: number, fromSeq: number, limit: number): RecordTuple[] {
    return this.shardStatements(shardRowId).read.all(fromSeq, limit) as RecordTuple[];
  }

  /** The first stored seq >= fromSeq, if any. */
  firstSeqFrom(shardRowId: number, fromSeq: number): number | undefined {
    return this.shardStatements(shardRowId).firstSeqFrom.get(fromSeq) as number | undefined;
  }

  /** Retention: drops the shard's records with seq < beforeSeq; returns how many went. */
  trimRecords(shardRowId: number, beforeSeq: number): number {
    return this.shardStatements(shardRowId).trim.run(beforeSeq).changes;
  }
}

// Versioned schema steps. Each step runs once, in order, inside a transaction; the version is kept in
// PRAGMA user_version. Append new steps at the end with the next number; never edit a step that has shipped.
import type Database from 'better-sqlite3';

// Typed from better-sqlite3 directly: database.ts runs migrate, so importing its alias would make a cycle.
type SqliteDatabase = Database.Database;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: SqliteDatabase) => void;
}

export const migrations: Migration[] = [
  {
    version: 1,
    // Records are not here: each shard's records get a table of their own when the shard is created
    // (recordTables.ts), with data kept as the base64 text JSON clients send and read.
    name: 'streams, shards, tags, policies, channels, account settings, consumers, meta',
    up: (db) =>
      db.exec(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE streams (
          id INTEGER PRIMARY KEY,
          region TEXT NOT NULL,
          name TEXT NOT NULL,
          stream_id TEXT NOT NULL,
          arn TEXT NOT NULL,
          status TEXT NOT NULL,
          status_due_ms INTEGER,
          mode TEXT NOT NULL,
          created_ms INTEGER NOT NULL,
          retention_hours INTEGER NOT NULL DEFAULT 24,
          encryption_type TEXT NOT NULL DEFAULT 'NONE',
          key_id TEXT,
          shard_level_metrics TEXT NOT NULL DEFAULT '[]',
          max_record_size_kib INTEGER NOT NULL DEFAULT 1024,
          settings TEXT NOT NULL DEFAULT '{}',
          next_shard_index INTEGER NOT NULL DEFAULT 0,
          identity TEXT NOT NULL,
          UNIQUE (region, name)
        );
        CREATE UNIQUE INDEX streams_by_stream_id ON streams (stream_id);
        CREATE TABLE shards (
          id INTEGER PRIMARY KEY,
          stream_id INTEGER NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
          shard_index INTEGER NOT NULL,
          parent_index INTEGER,
          adjacent_parent_index INTEGER,
          start_hash TEXT NOT NULL,
          end_hash TEXT NOT NULL,
          starting_seq INTEGER NOT NULL,
          ending_seq INTEGER,
          last_seq INTEGER NOT NULL,
          created_ms INTEGER NOT NULL,
          closed_ms INTEGER,
          UNIQUE (stream_id, shard_index)
        );
        CREATE TABLE stream_tags (
          stream_id INTEGER NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
          key TEXT NOT NULL,
          value TEXT NOT NULL,
          PRIMARY KEY (stream_id, key)
        ) WITHOUT ROWID;
        CREATE TABLE resource_tags (
          arn TEXT NOT NULL,
          stream_id INTEGER NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
          key TEXT NOT NULL,
          value TEXT NOT NULL,
          PRIMARY KEY (arn, key)
        ) WITHOUT ROWID;
        CREATE INDEX resource_tags_by_stream ON resource_tags (stream_id);
        CREATE TABLE resource_policies (
          arn TEXT PRIMARY KEY,
          stream_id INTEGER NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
          policy TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX resource_policies_by_stream ON resource_policies (stream_id);
        CREATE TABLE channels (
          id INTEGER PRIMARY KEY,
          region TEXT NOT NULL,
          name TEXT NOT NULL,
          channel_id TEXT NOT NULL UNIQUE,
          arn TEXT NOT NULL UNIQUE,
          status TEXT NOT NULL,
          status_due_ms INTEGER,
          created_ms INTEGER NOT NULL,
          stream_arn TEXT NOT NULL,
          config TEXT NOT NULL,
          UNIQUE (region, name)
        );
        CREATE TABLE account_settings (region TEXT PRIMARY KEY, settings TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE stream_consumers (
          id INTEGER PRIMARY KEY,
          stream_id INTEGER NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
          name TEXT NOT NULL,
          arn TEXT NOT NULL,
          status TEXT NOT NULL,
          status_due_ms INTEGER,
          created_ms INTEGER NOT NULL,
          UNIQUE (stream_id, name)
        );
        CREATE INDEX stream_consumers_by_arn ON stream_consumers (arn);
      `),
  },
  {
    version: 2,
    // One row per shard and complete minute that saw traffic (quiet minutes are absent and read as zero), the
    // nine live-stats metrics as columns; the engine deletes rows older than 24 hours as minutes roll. Events
    // name their stream by region and name (not row id) so an engine-wide event (fault rules) fits too.
    name: 'per-minute metric history, engine events',
    up: (db) =>
      db.exec(`
        CREATE TABLE metric_minutes (
          stream_id INTEGER NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
          minute INTEGER NOT NULL,
          shard_index INTEGER NOT NULL,
          incoming_records REAL NOT NULL,
          incoming_bytes REAL NOT NULL,
          get_records_records REAL NOT NULL,
          get_records_bytes REAL NOT NULL,
          fan_out_records REAL NOT NULL,
          fan_out_bytes REAL NOT NULL,
          write_throttles REAL NOT NULL,
          read_throttles REAL NOT NULL,
          iterator_age_ms REAL NOT NULL,
          PRIMARY KEY (stream_id, minute, shard_index)
        ) WITHOUT ROWID;
        CREATE INDEX metric_minutes_by_minute ON metric_minutes (minute);
        CREATE TABLE engine_events (
          id INTEGER PRIMARY KEY,
          at_ms INTEGER NOT NULL,
          region TEXT,
          stream_name TEXT,
          kind TEXT NOT NULL,
          detail TEXT NOT NULL
        );
        CREATE INDEX engine_events_by_time ON engine_events (at_ms);
      `),
  },
  {
    version: 3,
    // Firehose delivery streams: the configuration as the API took it (JSON), their tags, the records Put (or the
    // source stream) gave that delivery has not settled yet (replayed after a restart: at-least-once), and how far
    // each source shard has been read.
    name: 'firehose delivery streams, their tags, unsettled records and source checkpoints',
    up: (db) =>
      db.exec(`
        CREATE TABLE delivery_streams (
          id INTEGER PRIMARY KEY,
          region TEXT NOT NULL,
          name TEXT NOT NULL,
          arn TEXT NOT NULL UNIQUE,
          type TEXT NOT NULL,
          status TEXT NOT NULL,
          status_due_ms INTEGER,
          created_ms INTEGER NOT NULL,
          updated_ms INTEGER,
          version INTEGER NOT NULL,
          config TEXT NOT NULL,
          UNIQUE (region, name)
        );
        CREATE TABLE delivery_stream_tags (
          stream_id INTEGER NOT NULL REFERENCES delivery_streams (id) ON DELETE CASCADE,
          key TEXT NOT NULL,
          value TEXT NOT NULL,
          PRIMARY KEY (stream_id, key)
        ) WITHOUT ROWID;
        CREATE TABLE delivery_records (
          stream_id INTEGER NOT NULL REFERENCES delivery_streams (id) ON DELETE CASCADE,
          record_id TEXT NOT NULL,
          arrival_ms INTEGER NOT NULL,
          data TEXT NOT NULL,
          kinesis TEXT,
          PRIMARY KEY (stream_id, record_id)
        ) WITHOUT ROWID;
        CREATE TABLE delivery_checkpoints (
          stream_id INTEGER NOT NULL REFERENCES delivery_streams (id) ON DELETE CASCADE,
          shard_id TEXT NOT NULL,
          sequence_number TEXT,
          done INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (stream_id, shard_id)
        ) WITHOUT ROWID;
      `),
  },
  {
    version: 4,
    // Local Lambda functions for Firehose record processors: a function ARN stands for a JavaScript module on
    // this machine (LocalSetLambdaModule); ARNs not listed go to the Lambda endpoint the engine was given.
    name: 'firehose local lambda modules',
    up: (db) =>
      db.exec(`
        CREATE TABLE lambda_modules (
          function_arn TEXT PRIMARY KEY,
          module_path TEXT NOT NULL
        ) WITHOUT ROWID;
      `),
  },
];

/** Applies every step newer than the database's user_version, each in its own transaction. */
export function migrate(db: SqliteDatabase, steps: readonly Migration[] = migrations): number {
  const current = Number(db.pragma('user_version', { simple: true }));
  let version = current;
  for (const step of [...steps].sort((a, b) => a.version - b.version)) {
    if (step.version <= version) continue;
    if (step.version !== version + 1) throw new Error(`migration ${step.version} (${step.name}) skips a version after ${version}`);
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    })();
    version = step.version;
  }
  return version;
}

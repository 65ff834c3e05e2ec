// Schema steps on real SQLite: a fresh database gets the whole schema (version 1, then version 2's metric history
// and engine events, version 3's Firehose tables, version 4's local Lambda modules), and later steps (the shipped ones, then a test-only one
// passed in) apply to a version-1 database with its data intact, or not at all.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, type Migration } from '../../main/storage/migrations';
import { createRecordsTableSql } from '../../main/storage/recordTables';

/** A version-1 database holding one stream with two shards, records in the first. */
function versionOneWithRecords(): Database.Database {
  const db = new Database(':memory:');
  expect(migrate(db, migrations.filter((step) => step.version === 1))).toBe(1);
  db.prepare(`INSERT INTO streams (id, region, name, stream_id, arn, status, mode, created_ms, identity)
    VALUES (1, 'us-east-1', 's', 'sid', 'arn', 'ACTIVE', 'PROVISIONED', 0, 'id')`).run();
  const shard = db.prepare(`INSERT INTO shards (id, stream_id, shard_index, start_hash, end_hash, starting_seq, last_seq, created_ms) VALUES (?, 1, ?, '0', '1', 0, 0, 0)`);
  shard.run(7, 0);
  shard.run(8, 1);
  db.exec(createRecordsTableSql(7));
  db.exec(createRecordsTableSql(8));
  const insert = db.prepare('INSERT INTO records_7 (seq, partition_key, data, explicit_hash) VALUES (?, ?, ?, ?)');
  insert.run(20, 'b', 'Ag==', null);
  insert.run(10, 'a', 'AQ==', '42');
  return db;
}

/** The newest shipped step; test-only steps come after it. */
const LATEST = 4;

const noteColumn: Migration = {
  version: LATEST + 1,
  name: 'test-only: a note on each stream',
  up: (db) => db.exec("ALTER TABLE streams ADD COLUMN note TEXT NOT NULL DEFAULT ''"),
};

describe('engine database migrations', () => {
  it('gives a fresh database the whole schema up to version 4, with records in tables per shard only', () => {
    const db = new Database(':memory:');
    try {
      expect(migrations.map((step) => step.version)).toEqual([1, 2, 3, 4]);
      expect(migrate(db)).toBe(LATEST);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(['account_settings', 'channels', 'delivery_checkpoints', 'delivery_records', 'delivery_stream_tags', 'delivery_streams', 'engine_events', 'lambda_modules', 'meta', 'metric_minutes', 'resource_policies', 'resource_tags', 'shards', 'stream_consumers', 'stream_tags', 'streams']);
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'records'").pluck().get()).toBe(0);
      // A second run finds nothing newer to do.
      expect(migrate(db)).toBe(LATEST);
    } finally {
      db.close();
    }
  });

  it('applies the history step to a version-1 database, keeping its streams, and a cascade clears a deleted stream\'s minutes', () => {
    const db = versionOneWithRecords();
    try {
      db.pragma('foreign_keys = ON');
      expect(migrate(db)).toBe(LATEST);
      expect(db.prepare('SELECT name FROM streams').pluck().all()).toEqual(['s']);
      db.prepare('INSERT INTO metric_minutes VALUES (1, 60000, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9)').run();
      db.prepare('DELETE FROM streams WHERE id = 1').run();
      expect(db.prepare('SELECT count(*) FROM metric_minutes').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('applies a later step to a version-1 database, keeping its records in order', () => {
    const db = versionOneWithRecords();
    try {
      expect(migrate(db, [...migrations, noteColumn])).toBe(LATEST + 1);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST + 1);
      expect(db.prepare('SELECT count(*) FROM delivery_streams').pluck().get()).toBe(0);
      expect(db.prepare('SELECT name, note FROM streams').all()).toEqual([{ name: 's', note: '' }]);
      expect(db.prepare('SELECT seq, partition_key, data, explicit_hash FROM records_7 ORDER BY seq').all()).toEqual([
        { seq: 10, partition_key: 'a', data: 'AQ==', explicit_hash: '42' },
        { seq: 20, partition_key: 'b', data: 'Ag==', explicit_hash: null },
      ]);
      expect(db.prepare('SELECT count(*) FROM records_8').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('rolls a failing step back whole and keeps the version', () => {
    const db = versionOneWithRecords();
    try {
      const failing: Migration = {
        version: LATEST + 1,
        name: 'test-only: fails half-way',
        up: (tx) => {
          noteColumn.up(tx);
          throw new Error('half-way');
        },
      };
      expect(() => migrate(db, [...migrations, failing])).toThrow('half-way');
      // The shipped steps before it committed on their own; the failing one left nothing.
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
      expect(db.prepare("SELECT count(*) FROM pragma_table_info('streams') WHERE name = 'note'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('refuses a step that skips a version', () => {
    const db = versionOneWithRecords();
    try {
      expect(() => migrate(db, [...migrations, { ...noteColumn, version: LATEST + 2 }])).toThrow(`migration ${LATEST + 2} (test-only: a note on each stream) skips a version after ${LATEST}`);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    } finally {
      db.close();
    }
  });
});

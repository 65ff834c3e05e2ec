// Schema steps on real SQLite: a database from before a step opens under the current code with its data intact.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../main/storage/migrations';

describe('engine database migrations', () => {
  it('turns record data stored as bytes (schema 3) into base64 text, leaving newer rows alone', () => {
    const db = new Database(':memory:');
    try {
      expect(migrate(db, migrations.filter((step) => step.version <= 3))).toBe(3);
      const insert = db.prepare('INSERT INTO records (shard_id, seq, partition_key, data, explicit_hash) VALUES (?, ?, ?, ?, NULL)');
      const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);
      insert.run(1, 1, 'old', bytes);
      insert.run(1, 2, 'empty', Buffer.alloc(0));
      expect(migrate(db, migrations.filter((step) => step.version <= 4))).toBe(4);
      const rows = db.prepare('SELECT partition_key, data, typeof(data) AS type FROM records ORDER BY seq').all();
      expect(rows).toEqual([
        { partition_key: 'old', data: bytes.toString('base64'), type: 'text' },
        { partition_key: 'empty', data: '', type: 'text' },
      ]);
    } finally {
      db.close();
    }
  });

  it('moves records into a table per shard (schema 5), in order, empty shards included', () => {
    const db = new Database(':memory:');
    try {
      migrate(db, migrations.filter((step) => step.version <= 4));
      db.prepare(`INSERT INTO streams (id, region, name, stream_id, arn, status, mode, created_ms, identity)
        VALUES (1, 'us-east-1', 's', 'sid', 'arn', 'ACTIVE', 'PROVISIONED', 0, 'id')`).run();
      const shard = db.prepare(`INSERT INTO shards (id, stream_id, shard_index, start_hash, end_hash, starting_seq, last_seq, created_ms) VALUES (?, 1, ?, '0', '1', 0, 0, 0)`);
      shard.run(7, 0);
      shard.run(8, 1);
      const insert = db.prepare('INSERT INTO records (shard_id, seq, partition_key, data, explicit_hash) VALUES (?, ?, ?, ?, ?)');
      insert.run(7, 20, 'b', 'Ag==', null);
      insert.run(7, 10, 'a', 'AQ==', '42');
      expect(migrate(db)).toBe(migrations.at(-1)?.version);
      expect(db.prepare('SELECT seq, partition_key, data, explicit_hash FROM records_7 ORDER BY seq').all()).toEqual([
        { seq: 10, partition_key: 'a', data: 'AQ==', explicit_hash: '42' },
        { seq: 20, partition_key: 'b', data: 'Ag==', explicit_hash: null },
      ]);
      expect(db.prepare('SELECT count(*) FROM records_8').pluck().get()).toBe(0);
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'records'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});

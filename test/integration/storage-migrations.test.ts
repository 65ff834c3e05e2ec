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
      expect(migrate(db)).toBe(migrations.at(-1)?.version);
      const rows = db.prepare('SELECT partition_key, data, typeof(data) AS type FROM records ORDER BY seq').all();
      expect(rows).toEqual([
        { partition_key: 'old', data: bytes.toString('base64'), type: 'text' },
        { partition_key: 'empty', data: '', type: 'text' },
      ]);
    } finally {
      db.close();
    }
  });
});

// Opens the engine's SQLite database: WAL, NORMAL sync (a kill -9 keeps every committed transaction since
// the OS holds the written pages; only a power loss could drop the last ones), foreign keys, migrations.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from './migrations';

export type SqliteDatabase = Database.Database;
export type SqliteStatement = Database.Statement;

export interface OpenDatabaseOptions {
  /** Folder holding engine.db; ignored when inMemory. */
  dataDir?: string;
  inMemory?: boolean;
}

export function openDatabase(options: OpenDatabaseOptions): SqliteDatabase {
  let db: SqliteDatabase;
  if (options.inMemory || !options.dataDir) {
    db = new Database(':memory:');
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    db = new Database(join(options.dataDir, 'engine.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -32000');
  db.pragma('temp_store = MEMORY');
  migrate(db);
  return db;
}

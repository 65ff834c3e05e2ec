// The app's own settings (not the engine's data): a key/value table and the user's custom connections.
// A separate file from engine.db so the engine can be wiped or run headless without touching settings.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface StoredConnectionRow {
  id: string;
  /** JSON of the connection's non-secret settings; the connections layer owns its shape. */
  config: string;
  /** Secret material encrypted by the OS vault, or null when none was kept. */
  secret: Buffer | null;
  createdMs: number;
  updatedMs: number;
}

export interface SettingsStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
  listConnections(): StoredConnectionRow[];
  putConnection(row: StoredConnectionRow): void;
  deleteConnection(id: string): boolean;
  close(): void;
}

const migrations: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        config TEXT NOT NULL,
        secret BLOB,
        created_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL
      ) WITHOUT ROWID;`,
  },
];

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS settings_migrations (version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS v FROM settings_migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  const record = db.prepare('INSERT INTO settings_migrations (version, applied_ms) VALUES (?, ?)');
  for (const step of migrations) {
    if (step.version <= current) continue;
    db.transaction(() => {
      db.exec(step.sql);
      record.run(step.version, Date.now());
    })();
  }
}

interface ConnectionDbRow {
  id: string;
  config: string;
  secret: Buffer | null;
  created_ms: number;
  updated_ms: number;
}

/** Opens (creating if needed) the settings database at `file`, e.g. <dataDir>/settings.db. */
export function openSettingsStore(file: string): SettingsStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  migrate(db);

  const getSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const setSetting = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const deleteSetting = db.prepare('DELETE FROM settings WHERE key = ?');
  const listRows = db.prepare<[], ConnectionDbRow>('SELECT * FROM connections ORDER BY created_ms, id');
  const putRow = db.prepare(
    `INSERT INTO connections (id, config, secret, created_ms, updated_ms) VALUES (@id, @config, @secret, @createdMs, @updatedMs)
     ON CONFLICT (id) DO UPDATE SET config = excluded.config, secret = excluded.secret, updated_ms = excluded.updated_ms`,
  );
  const deleteRow = db.prepare('DELETE FROM connections WHERE id = ?');

  return {
    get: (key) => getSetting.get(key)?.value,
    set: (key, value) => void setSetting.run(key, value),
    delete: (key) => void deleteSetting.run(key),
    listConnections: () =>
      listRows.all().map((r) => ({
        id: r.id,
        config: r.config,
        secret: r.secret,
        createdMs: r.created_ms,
        updatedMs: r.updated_ms,
      })),
    putConnection: (row) => void putRow.run(row),
    deleteConnection: (id) => deleteRow.run(id).changes > 0,
    close: () => db.close(),
  };
}

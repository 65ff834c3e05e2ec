// An in-memory SQLite database in a worker thread for ad-hoc SQL over recent records. The worker keeps main free
// while a query runs, and is how a query is held to its time limit: better-sqlite3 cannot interrupt a statement,
// so a query past its limit ends with the worker (and the table: it must be loaded again). Queries are read-only:
// one SELECT, WITH or VALUES statement that SQLite itself reports as read-only, on a connection set query_only.
import { createRequire } from 'node:module';
import { isAbsolute } from 'node:path';
import { Worker } from 'node:worker_threads';

export type AdhocCell = string | number | null;

export interface AdhocColumn {
  name: string;
  /** TEXT, INTEGER or REAL. */
  sqliteType: 'TEXT' | 'INTEGER' | 'REAL';
}

export interface AdhocAnswer {
  columns: string[];
  rows: AdhocCell[][];
  truncated: boolean;
}

export class AdhocQueryError extends Error {
  constructor(readonly code: 'AdhocSqlError' | 'AdhocTimeout' | 'AdhocTableGone', message: string) {
    super(message);
    this.name = code;
  }
}

// Plain JavaScript, run with eval: no build entry of its own. Blobs come back as base64 text, BigInts as numbers.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlitePath);
const db = new Database(':memory:');
let insert = null;
const cell = (v) => (v === null || typeof v === 'number' || typeof v === 'string') ? v : typeof v === 'bigint' ? Number(v) : Buffer.isBuffer(v) ? v.toString('base64') : String(v);
parentPort.on('message', (m) => {
  try {
    if (m.op === 'create') {
      db.exec('CREATE TABLE records (' + m.columns.map((c) => '"' + c.name.replace(/"/g, '""') + '" ' + c.sqliteType).join(', ') + ')');
      insert = db.prepare('INSERT INTO records VALUES (' + m.columns.map(() => '?').join(', ') + ')');
      parentPort.postMessage({ id: m.id, ok: true });
    } else if (m.op === 'insert') {
      db.transaction((rows) => { for (const r of rows) insert.run(r); })(m.rows);
      parentPort.postMessage({ id: m.id, ok: true });
    } else if (m.op === 'seal') {
      db.pragma('query_only = ON');
      parentPort.postMessage({ id: m.id, ok: true });
    } else if (m.op === 'query') {
      const stmt = db.prepare(m.sql);
      if (!stmt.reader || !stmt.readonly || !/^\\s*(select|with|values)\\b/i.test(m.sql.replace(/^(\\s|--[^\\n]*\\n|\\/\\*[\\s\\S]*?\\*\\/)*/, ''))) {
        throw new Error('Only a read-only query (SELECT, WITH … SELECT, VALUES) can run here.');
      }
      const columns = stmt.columns().map((c) => c.name);
      const rows = [];
      let truncated = false;
      for (const row of stmt.raw(true).iterate()) {
        if (rows.length === m.maxRows) { truncated = true; break; }
        rows.push(row.map(cell));
      }
      parentPort.postMessage({ id: m.id, ok: true, answer: { columns, rows, truncated } });
    }
  } catch (e) {
    parentPort.postMessage({ id: m.id, ok: false, message: String(e && e.message || e) });
  }
});
`;

// __filename is absent under ESM (tsx, the web build) and '[worker eval]' inside an eval worker.
const requireBase = (): string => (typeof __filename === 'string' && isAbsolute(__filename) ? __filename : import.meta.url);

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

export class AdhocDatabase {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private gone: string | null = null;

  private constructor() {
    const sqlitePath = createRequire(requireBase()).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sqlitePath } });
    this.worker.on('message', (m: { id: number; ok: boolean; message?: string; answer?: AdhocAnswer }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.answer);
      else p.reject(new AdhocQueryError('AdhocSqlError', m.message ?? 'SQLite failed'));
    });
    this.worker.on('error', (error) => this.end(`The SQLite worker failed: ${error.message}`));
    this.worker.on('exit', () => this.end(this.gone ?? 'The ad-hoc table is gone.'));
  }

  static async create(columns: readonly AdhocColumn[]): Promise<AdhocDatabase> {
    const db = new AdhocDatabase();
    await db.call({ op: 'create', columns });
    return db;
  }

  insert(rows: AdhocCell[][]): Promise<unknown> {
    return this.call({ op: 'insert', rows });
  }

  /** No more rows: from now on the database only answers read-only queries. */
  seal(): Promise<unknown> {
    return this.call({ op: 'seal' });
  }

  async query(sql: string, maxRows: number, timeoutMs: number): Promise<AdhocAnswer> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const message = `The SQLite query ran past its limit of ${timeoutMs / 1000} s and was stopped; the table was dropped with it. Load it again, and narrow the query.`;
        this.close(message);
        reject(new AdhocQueryError('AdhocTimeout', message));
      }, timeoutMs);
    });
    try {
      return (await Promise.race([this.call({ op: 'query', sql, maxRows }), timeout])) as AdhocAnswer;
    } finally {
      clearTimeout(timer);
    }
  }

  close(reason = 'The ad-hoc table was dropped.'): void {
    this.gone ??= reason;
    void this.worker.terminate();
  }

  private call(message: object): Promise<unknown> {
    if (this.gone) return Promise.reject(new AdhocQueryError('AdhocTableGone', this.gone));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  private end(reason: string): void {
    this.gone ??= reason;
    for (const p of this.pending.values()) p.reject(new AdhocQueryError('AdhocTableGone', this.gone));
    this.pending.clear();
  }
}

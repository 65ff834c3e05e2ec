// Ad-hoc SQLite ("SQL over the last N minutes"): reads a stream's recent records (every shard, oldest first,
// bounded by count and bytes, with progress) into an in-memory SQLite table `records`, then answers read-only
// SQLite queries over it on demand without reading again. Tables live in main until dropped; loading more than
// MAX_TABLES drops the oldest.
import { randomUUID } from 'node:crypto';
import type { AdhocLoadItem, AdhocLoadParams, AdhocQueryParams, AdhocQueryResult, AdhocTableInfo } from '../../../shared/contract/analytics';
import { ErrorCode, RpcError } from '../../../shared/contract/errors';
import { compileRecordMapper, payloadText, RecordRejected, type InputSchema } from '../../analytics/inputSchema';
import type { SqlType, SqlValue } from '../../analytics/sqlTypes';
import { AdhocDatabase, AdhocQueryError, type AdhocCell, type AdhocColumn } from '../../storage/adhocSqlite';
import { MergedReader } from '../tail/mergedReader';
import { visibilityMarginFor } from '../tail/shardReader';
import type { ShardRecord } from '../tail/shardRecords';
import type { SessionConnection } from '../tail/tailSession';

const MAX_TABLES = 4;
/** Payload bytes a table may hold; past it reading stops and the table says truncated. */
const MAX_BYTES = 256 * 1024 * 1024;
const INSERT_CHUNK = 2000;
const PROGRESS_MS = 500;

const systemColumns: AdhocColumn[] = [
  { name: 'ROWTIME', sqliteType: 'INTEGER' },
  { name: 'PARTITION_KEY', sqliteType: 'TEXT' },
  { name: 'SEQUENCE_NUMBER', sqliteType: 'TEXT' },
  { name: 'SHARD_ID', sqliteType: 'TEXT' },
  { name: 'DATA', sqliteType: 'TEXT' },
];

function sqliteType(type: SqlType): AdhocColumn['sqliteType'] {
  if (type.base === 'VARCHAR') return 'TEXT';
  return type.base === 'DOUBLE' ? 'REAL' : 'INTEGER';
}

const cell = (v: SqlValue): AdhocCell => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

/** The schema's columns after the record's own, renamed with a suffix where a name is taken. */
function tableColumns(schema: InputSchema | undefined): AdhocColumn[] {
  const taken = new Set(systemColumns.map((c) => c.name.toUpperCase()));
  const out = [...systemColumns];
  for (const c of schema?.columns ?? []) {
    let name = c.name;
    for (let n = 2; taken.has(name.toUpperCase()); n++) name = `${c.name}_${n}`;
    taken.add(name.toUpperCase());
    out.push({ name, sqliteType: sqliteType(c.type) });
  }
  return out;
}

interface Table {
  info: AdhocTableInfo;
  db: AdhocDatabase;
}

export interface LoadOutput {
  send(item: AdhocLoadItem): Promise<void>;
  readonly signal: AbortSignal;
}

export class AdhocTables {
  private readonly tables = new Map<string, Table>();

  async load(params: AdhocLoadParams, connection: SessionConnection, out: LoadOutput): Promise<void> {
    const tableId = params.tableId ?? randomUUID();
    this.drop(tableId);
    const toMs = Date.now();
    const fromMs = toMs - params.minutes * 60_000;
    const columns = tableColumns(params.schema);
    const width = params.schema?.columns.length ?? 0;
    const mapper = params.schema ? compileRecordMapper(params.schema) : null;
    const db = await AdhocDatabase.create(columns);
    const counts = { records: 0, unmapped: 0, bytes: 0, newestMs: null as number | null, truncated: false };
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    out.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const reader = new MergedReader(
        {
          stream: params.streamName,
          start: { type: 'AT_TIMESTAMP', timestamp: fromMs },
          end: { type: 'AT_TIMESTAMP', timestamp: toMs },
          mode: { type: 'polling', options: { maxCallsPerSecond: 5, pollIntervalMs: 200, limit: 10_000 } },
          mergeWindowMs: 0,
          visibilityMarginMs: visibilityMarginFor(connection.kind),
          kinesis: () => connection.kinesis(),
        },
        stop.signal,
      );
      await reader.prepare();
      let chunk: AdhocCell[][] = [];
      let nextProgress = Date.now() + PROGRESS_MS;
      const progress = (): Promise<void> => out.send({ type: 'progress', records: counts.records, bytes: counts.bytes, newestMs: counts.newestMs, fromMs, toMs });
      const add = async (r: ShardRecord): Promise<void> => {
        if (counts.records >= params.maxRecords || counts.bytes + r.data.length > MAX_BYTES) {
          counts.truncated = true;
          stop.abort();
          return;
        }
        const values: SqlValue[] = new Array<SqlValue>(width).fill(null);
        if (mapper) {
          try {
            mapper(r.data, values, 0);
          } catch (e) {
            if (!(e instanceof RecordRejected)) throw e;
            values.fill(null);
            counts.unmapped++;
          }
        }
        chunk.push([r.arrivalMs, r.partitionKey, r.sequenceNumber, r.shardId, payloadText(r.data), ...values.map(cell)]);
        counts.records++;
        counts.bytes += r.data.length;
        counts.newestMs = r.arrivalMs;
        if (chunk.length >= INSERT_CHUNK) {
          const rows = chunk;
          chunk = [];
          await db.insert(rows);
        }
      };
      await reader.run(add, async () => {
        if (Date.now() < nextProgress) return;
        nextProgress = Date.now() + PROGRESS_MS;
        await progress();
      });
      if (out.signal.aborted) {
        db.close();
        return;
      }
      if (chunk.length > 0) await db.insert(chunk);
      await db.seal();
      await progress();
      const info: AdhocTableInfo = { tableId, table: 'records', streamName: params.streamName, columns: columns.map((c) => ({ name: c.name, sqliteType: c.sqliteType })), records: counts.records, unmapped: counts.unmapped, truncated: counts.truncated, fromMs, toMs, bytes: counts.bytes };
      this.tables.set(tableId, { info, db });
      while (this.tables.size > MAX_TABLES) this.drop(this.tables.keys().next().value as string);
      await out.send({ type: 'loaded', table: info });
    } catch (error) {
      db.close();
      throw error;
    } finally {
      out.signal.removeEventListener('abort', onAbort);
    }
  }

  async query(params: AdhocQueryParams): Promise<AdhocQueryResult> {
    const table = this.tables.get(params.tableId);
    if (!table) throw new RpcError('ResourceNotFoundException', 'No ad-hoc table with this id: load it (analytics.adhoc.load) first.');
    const started = performance.now();
    try {
      const answer = await table.db.query(params.sql, params.maxRows, params.timeoutMs);
      return { ...answer, elapsedMs: Math.round(performance.now() - started) };
    } catch (error) {
      if (!(error instanceof AdhocQueryError)) throw error;
      if (error.code !== 'AdhocSqlError') this.tables.delete(params.tableId);
      throw new RpcError(error.code === 'AdhocSqlError' ? ErrorCode.ValidationException : error.code, error.code === 'AdhocSqlError' ? `SQLite: ${error.message}` : error.message);
    }
  }

  drop(tableId: string): boolean {
    const table = this.tables.get(tableId);
    if (!table) return false;
    this.tables.delete(tableId);
    table.db.close();
    return true;
  }

  close(): void {
    for (const id of [...this.tables.keys()]) this.drop(id);
  }
}

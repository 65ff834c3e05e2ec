// Each shard's records live in a table of their own, `records_<shard row id>`, keyed by the sequence integer (a
// rowid table). PutRecords then appends at the right edge of each B-tree, which SQLite does cheaply; with one table
// keyed by (shard, seq), every shard but the last was inserted mid-tree, about half as much again per record. A
// shard's records go with one DROP TABLE.

/** The table holding the shard's records. */
export function recordsTable(shardRowId: number): string {
  if (!Number.isSafeInteger(shardRowId) || shardRowId < 0) throw new Error(`not a shard row id: ${shardRowId}`);
  return `records_${shardRowId}`;
}

export function createRecordsTableSql(shardRowId: number): string {
  return `CREATE TABLE IF NOT EXISTS ${recordsTable(shardRowId)} (
    seq INTEGER PRIMARY KEY,
    partition_key TEXT NOT NULL,
    data TEXT NOT NULL,
    explicit_hash TEXT
  )`;
}

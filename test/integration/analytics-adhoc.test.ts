// Ad-hoc SQLite over the last minutes of a stream, through the contract: load (with progress) into an in-memory
// table, SQLite's own SQL over it (json_extract, window functions), re-run without reading again, the row cap,
// read-only refusal and the time limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdhocLoadItem, AdhocTableInfo, InputSchema } from '../../shared/contract/analytics';
import { startAnalyticsKit, type AnalyticsKit } from '../support/analytics-kit';
import { collect } from '../support/services-kit';
import { createStream, put } from '../support/tail-kit';

let kit: AnalyticsKit;
beforeAll(async () => {
  kit = await startAnalyticsKit();
  await createStream(kit.kinesis, 'sales', 2);
  await put(kit.kinesis, 'sales', Array.from({ length: 300 }, (_, i) => ({ partitionKey: `k${i}`, text: JSON.stringify({ region: ['eu', 'us', 'ap'][i % 3], amount: i, meta: { vip: i % 10 === 0 } }) })));
});
afterAll(async () => {
  await kit.close();
});

const schema: InputSchema = {
  format: { kind: 'json' },
  columns: [
    { name: 'region', path: '$.region', type: { base: 'VARCHAR', length: 8 } },
    { name: 'amount', path: '$.amount', type: { base: 'INTEGER' } },
    { name: 'meta_vip', path: '$.meta.vip', type: { base: 'BOOLEAN' } },
  ],
};

async function load(params: Parameters<AnalyticsKit['client']['subscribe']>[1] & object): Promise<{ items: AdhocLoadItem[]; table: AdhocTableInfo }> {
  const items = await collect<AdhocLoadItem>((handlers) => kit.client.subscribe('analytics.adhoc.load', params as never, handlers as never));
  const loaded = items.find((i) => i.type === 'loaded');
  if (loaded?.type !== 'loaded') throw new Error('no loaded item');
  return { items, table: loaded.table };
}

describe('ad-hoc SQLite over the last minutes of a stream', () => {
  it('loads the records with their own columns and the schema columns, and answers SQLite SQL', async () => {
    const { items, table } = await load({ streamName: 'sales', minutes: 5, schema });
    expect(items.some((i) => i.type === 'progress')).toBe(true);
    expect(table).toMatchObject({ table: 'records', records: 300, unmapped: 0, truncated: false });
    expect(table.columns.map((c) => `${c.name} ${c.sqliteType}`)).toEqual(['ROWTIME INTEGER', 'PARTITION_KEY TEXT', 'SEQUENCE_NUMBER TEXT', 'SHARD_ID TEXT', 'DATA TEXT', 'region TEXT', 'amount INTEGER', 'meta_vip INTEGER']);
    const byRegion = await kit.client.call('analytics.adhoc.query', {
      tableId: table.tableId,
      sql: "SELECT region, COUNT(*) AS n, SUM(json_extract(DATA, '$.amount')) AS total, SUM(meta_vip) AS vips FROM records GROUP BY region ORDER BY region",
    });
    const expected = ['ap', 'eu', 'us'].map((r) => {
      const amounts = Array.from({ length: 300 }, (_, i) => i).filter((i) => ['eu', 'us', 'ap'][i % 3] === r);
      return [r, amounts.length, amounts.reduce((a, b) => a + b, 0), amounts.filter((i) => i % 10 === 0).length];
    });
    expect(byRegion).toMatchObject({ columns: ['region', 'n', 'total', 'vips'], rows: expected, truncated: false });
    const running = await kit.client.call('analytics.adhoc.query', {
      tableId: table.tableId,
      sql: 'SELECT amount, SUM(amount) OVER (PARTITION BY region ORDER BY amount ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS pair FROM records WHERE region = \'eu\' ORDER BY amount LIMIT 3',
    });
    expect(running.rows).toEqual([[0, 0], [3, 3], [6, 9]]);
    // Re-run on demand: records put since are not read again.
    await put(kit.kinesis, 'sales', [{ partitionKey: 'late', text: '{"region":"eu","amount":1000}' }]);
    const count = await kit.client.call('analytics.adhoc.query', { tableId: table.tableId, sql: 'SELECT COUNT(*) FROM records' });
    expect(count.rows).toEqual([[300]]);
    const capped = await kit.client.call('analytics.adhoc.query', { tableId: table.tableId, sql: 'SELECT amount FROM records', maxRows: 10 });
    expect([capped.rows.length, capped.truncated]).toEqual([10, true]);
    expect(await kit.client.call('analytics.adhoc.drop', { tableId: table.tableId })).toEqual({ dropped: true });
  });

  it('stops reading at maxRecords and says the table is truncated', async () => {
    const { table } = await load({ streamName: 'sales', minutes: 5, maxRecords: 50 });
    expect([table.records, table.truncated]).toEqual([50, true]);
    const count = await kit.client.call('analytics.adhoc.query', { tableId: table.tableId, sql: 'SELECT COUNT(*) FROM records' });
    expect(count.rows).toEqual([[50]]);
  });

  it('refuses statements that write, and stops a query at its time limit', async () => {
    const { table } = await load({ streamName: 'sales', minutes: 5 });
    for (const sql of ['DELETE FROM records', "ATTACH DATABASE 'x.db' AS x", 'PRAGMA query_only = OFF', 'CREATE TABLE t (a)']) {
      await expect(kit.client.call('analytics.adhoc.query', { tableId: table.tableId, sql })).rejects.toMatchObject({ code: 'ValidationException' });
    }
    await expect(kit.client.call('analytics.adhoc.query', { tableId: table.tableId, sql: 'SELECT nope FROM records' })).rejects.toMatchObject({ code: 'ValidationException', message: 'SQLite: no such column: nope' });
    const started = Date.now();
    await expect(
      kit.client.call('analytics.adhoc.query', { tableId: table.tableId, sql: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c', timeoutMs: 300 }),
    ).rejects.toMatchObject({ code: 'AdhocTimeout' });
    expect(Date.now() - started).toBeLessThan(3000);
    await expect(kit.client.call('analytics.adhoc.query', { tableId: table.tableId, sql: 'SELECT 1' })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });
});

// The rest of the analytics contract against a local engine: pasted-sample discovery, the editor's vocabulary, a
// run joined with a reference table given as CSV, the Flink export with the stream's real ARN, and saved queries
// per connection in the settings store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputSchema } from '../../shared/contract/analytics';
import { runQuery, startAnalyticsKit, type AnalyticsKit } from '../support/analytics-kit';
import { createStream, put } from '../support/tail-kit';

let kit: AnalyticsKit;
beforeAll(async () => {
  kit = await startAnalyticsKit();
});
afterAll(async () => {
  await kit.close();
});

const schema: InputSchema = {
  format: { kind: 'json' },
  columns: [
    { name: 'region', path: '$.region', type: { base: 'VARCHAR', length: 8 } },
    { name: 'amount', path: '$.amount', type: { base: 'INTEGER' } },
  ],
};
const regions = { name: 'regions', format: 'csv' as const, text: 'code,label\neu,Europe\nus,Americas\n' };

describe('the analytics contract', () => {
  it('discovers a schema from pasted samples, with the reason for each one that does not parse', async () => {
    const found = await kit.client.call('analytics.discover', { source: { kind: 'samples', records: ['{"order":{"id":7,"total":2.5},"at":"2026-01-01 10:00:00"}', 'oops'] } });
    expect(found.schema.columns.map((c) => [c.name, c.path, c.type.base])).toEqual([
      ['order_id', '$.order.id', 'INTEGER'],
      ['order_total', '$.order.total', 'DOUBLE'],
      ['at', '$.at', 'TIMESTAMP'],
    ]);
    expect(found.unparseable).toBe(1);
    expect(found.samples[1]).toMatchObject({ text: 'oops', partitionKey: null, parsed: { ok: false } });
    const csv = await kit.client.call('analytics.discover', { source: { kind: 'samples', records: ['a;b', '1;x'] }, format: { kind: 'csv', delimiter: ';' }, csvHeader: true });
    expect(csv.schema.columns.map((c) => [c.name, c.path])).toEqual([['a', '$[0]'], ['b', '$[1]']]);
  });

  it('answers the names the editor completes, the reference table included', async () => {
    const checked = await kit.client.call('analytics.check', { sql: 'SELECT STREAM "region" FROM "SOURCE_SQL_STREAM_001"', dialect: 'kda', schema, sourceName: 'orders', referenceTable: regions });
    expect(checked.ok).toBe(true);
    expect(checked.vocabulary.sources).toEqual(['SOURCE_SQL_STREAM_001', 'regions']);
    expect(checked.vocabulary.columns.filter((c) => c.origin !== 'system').map((c) => `${c.name}:${c.type}:${c.origin}`)).toEqual(['region:VARCHAR(8):schema', 'amount:INTEGER:schema', 'code:VARCHAR(4):reference', 'label:VARCHAR(8):reference']);
    expect(checked.vocabulary.functions).toContain('STEP');
    expect(checked.vocabulary.keywords).toContain('SELECT STREAM');
  });

  it('joins the stream with a reference table given as CSV', async () => {
    await createStream(kit.kinesis, 'joined', 1);
    const sql = 'SELECT o.amount, r.label FROM joined AS o LEFT JOIN regions AS r ON o.region = r.code';
    const run = runQuery(kit.client, { sql, dialect: 'flink', schema, referenceTable: regions, source: { kind: 'stream', streamName: 'joined', start: { type: 'TRIM_HORIZON' } } });
    await put(kit.kinesis, 'joined', [
      { partitionKey: 'a', text: '{"region":"eu","amount":1}' },
      { partitionKey: 'b', text: '{"region":"ap","amount":2}' },
      { partitionKey: 'c', text: '{"region":"us","amount":3}' },
    ]);
    await run.until(() => run.of('rows').flatMap((r) => r.rows).length >= 3);
    run.handle.unsubscribe();
    expect(run.of('rows').flatMap((r) => r.rows).map((r) => r.values)).toEqual([[1, 'Europe'], [2, null], [3, 'Americas']]);
  });

  it('exports a Flink SQL script with the stream ARN and region of the connection', async () => {
    await createStream(kit.kinesis, 'exported', 1);
    const sql = `SELECT window_start, region, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE exported, DESCRIPTOR(ROWTIME), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, region`;
    const out = await kit.client.call('analytics.exportFlink', { sql, dialect: 'flink', schema, streamName: 'exported', startPosition: 'TRIM_HORIZON' });
    expect(out.ok).toBe(true);
    if (out.ok) {
      expect(out.script).toContain("'stream.arn' = 'arn:aws:kinesis:us-east-1:000000000000:stream/exported'");
      expect(out.script).toContain("'aws.region' = 'us-east-1'");
      expect(out.script).toContain("'source.init.position' = 'TRIM_HORIZON'");
    }
    const bad = await kit.client.call('analytics.exportFlink', { sql: 'SELECT nope FROM exported', dialect: 'flink', schema, streamName: 'exported' });
    expect(bad).toMatchObject({ ok: false, untranslatable: [], error: { kind: 'semantic' } });
    const stagger = await kit.client.call('analytics.exportFlink', {
      sql: `SELECT STREAM "region", COUNT(*) FROM "SOURCE_SQL_STREAM_001" WINDOWED BY STAGGER (PARTITION BY "region" RANGE INTERVAL '1' MINUTE)`,
      dialect: 'kda', schema, streamName: 'exported',
    });
    expect(stagger.ok).toBe(false);
    expect(!stagger.ok && stagger.untranslatable.join(' ')).toMatch(/STAGGER/);
  });

  it('saves queries per connection in the settings store', async () => {
    expect(await kit.client.call('analytics.saved.list', {})).toEqual({ queries: [] });
    await kit.client.call('analytics.saved.save', { name: 'per region', sql: 'SELECT region FROM orders', dialect: 'flink', schema });
    const { queries } = await kit.client.call('analytics.saved.save', { name: 'all', sql: 'SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"', dialect: 'kda', source: { kind: 'stream', streamName: 'orders' } });
    expect(queries.map((q) => q.name)).toEqual(['all', 'per region']);
    expect(queries[0]?.source).toEqual({ kind: 'stream', streamName: 'orders', start: { type: 'LATEST' }, mode: 'polling' });
    expect(kit.settings.get(`analytics.queries:${kit.manager.activeId()}`)).toContain('per region');
    expect((await kit.client.call('analytics.saved.delete', { name: 'all' })).queries.map((q) => q.name)).toEqual(['per region']);
  });
});

// The Flink export: scripts from both dialects read back through our Flink parser, name the current Kinesis
// connector's options, and keep the window; what has no Flink form is named.
import { describe, expect, it } from 'vitest';
import { compileQuery } from '../../main/analytics/compileQuery';
import { exportFlinkSql } from '../../main/analytics/flinkExport';
import { parseFlinkSql } from '../../main/analytics/flinkParser';
import type { InputSchema } from '../../main/analytics/inputSchema';
import { DOUBLE, INTEGER, TIMESTAMP, VARCHAR } from '../../main/analytics/sqlTypes';

const orders: InputSchema = {
  format: { kind: 'json' },
  columns: [
    { name: 'region', path: '$.region', type: VARCHAR(16) },
    { name: 'amount', path: '$.amount', type: DOUBLE },
    { name: 'ts', path: '$.ts', type: TIMESTAMP },
  ],
};
const arn = 'arn:aws:kinesis:eu-west-1:123456789012:stream/orders';
const options = { streamArn: arn, region: 'eu-west-1' };

function exported(sql: string, dialect: 'kda' | 'flink', schema = orders, extra: Partial<Parameters<typeof exportFlinkSql>[2]> = {}) {
  const plan = compileQuery(sql, dialect, { schema, sourceStream: 'orders', watermarkDelayMs: 5000 });
  const result = exportFlinkSql(plan, schema, { ...options, ...extra });
  return { plan, result };
}

describe('Flink export', () => {
  it('translates a KDA tumbling pump into TUMBLE over a processing-time attribute with the current connector options', () => {
    const { plan, result } = exported(`
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("region" VARCHAR(16), "total" DOUBLE, "orders" BIGINT);
      CREATE OR REPLACE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM "region", SUM("amount"), COUNT(*) FROM "SOURCE_SQL_STREAM_001"
        WHERE "amount" > 0
        GROUP BY "region", STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '10' SECOND) HAVING COUNT(*) > 1;`, 'kda');
    if (!result.ok) throw new Error(result.untranslatable.join('; '));
    const parsed = parseFlinkSql(result.script);
    expect(parsed.tables.map((t) => t.name)).toEqual(['SOURCE_SQL_STREAM_001', 'DESTINATION_SQL_STREAM']);
    expect(parsed.tables[0]?.options).toEqual({ connector: 'kinesis', 'stream.arn': arn, 'aws.region': 'eu-west-1', 'source.init.position': 'LATEST', format: 'json' });
    expect(parsed.tables[0]?.options).not.toHaveProperty('stream');
    expect(parsed.tables[0]?.options).not.toHaveProperty('scan.stream.initpos');
    expect(parsed.tables[0]?.columns.map((c) => c.name)).toEqual(['region', 'amount', 'ts', 'ROWTIME']);
    expect(parsed.tables[1]?.options).toEqual({ connector: 'print' });
    expect(parsed.insertInto?.stream).toBe('DESTINATION_SQL_STREAM');
    expect(parsed.select.tvf).toMatchObject({ kind: 'TUMBLE', sizeMs: 10_000 });
    expect(result.notes.join(' ')).toContain('PROCTIME()');
    const back = compileQuery(result.script, 'flink', { schema: orders, sourceStream: 'SOURCE_SQL_STREAM_001' });
    expect(back.window).toEqual(plan.window);
    expect(back.output.map((o) => o.name)).toEqual(['region', 'total', 'orders']);
    expect(back.aggregates.map((a) => a.fn)).toEqual(plan.aggregates.map((a) => a.fn));
  });

  it('keeps a Flink event-time HOP with its watermark delay and writes to a Kinesis sink from a start time', () => {
    const { plan, result } = exported(`SELECT window_start, window_end, region, AVG(amount) AS avg_amount
      FROM TABLE(HOP(TABLE orders, DESCRIPTOR(ts), INTERVAL '30' SECOND, INTERVAL '2' MINUTE)) GROUP BY window_start, window_end, region`, 'flink', orders,
      { sinkStreamArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/totals', startPosition: 'AT_TIMESTAMP', startTimestamp: '2026-01-01T00:00:00.000Z' });
    if (!result.ok) throw new Error(result.untranslatable.join('; '));
    const parsed = parseFlinkSql(result.script);
    expect(parsed.tables[0]?.watermark).toEqual({ column: 'ts', delayMs: 5000 });
    expect(parsed.tables[0]?.options).toMatchObject({ 'source.init.position': 'AT_TIMESTAMP', 'source.init.timestamp': '2026-01-01T00:00:00.000Z' });
    expect(parsed.tables[1]?.options).toEqual({ connector: 'kinesis', 'stream.arn': 'arn:aws:kinesis:eu-west-1:123456789012:stream/totals', 'aws.region': 'eu-west-1', format: 'json' });
    const back = compileQuery(result.script, 'flink', { schema: orders, sourceStream: 'orders' });
    expect(back.window).toEqual(plan.window);
    expect(back.time).toEqual(plan.time);
  });

  it('translates a KDA sliding window into one OVER window ordered by the time attribute', () => {
    const { result } = exported(`SELECT STREAM "region", AVG("amount") OVER W AS a, MAX("amount") OVER W AS m
      FROM "SOURCE_SQL_STREAM_001" WINDOW W AS (PARTITION BY "region" RANGE INTERVAL '1' MINUTE PRECEDING)`, 'kda');
    if (!result.ok) throw new Error(result.untranslatable.join('; '));
    expect(result.script).toContain("OVER (PARTITION BY `region` ORDER BY `ROWTIME` RANGE BETWEEN INTERVAL '1' MINUTE PRECEDING AND CURRENT ROW)");
    const back = compileQuery(result.script, 'flink', { schema: orders, sourceStream: 'SOURCE_SQL_STREAM_001' });
    expect(back.window).toEqual({ kind: 'sliding', windows: [{ partitionBy: [expect.objectContaining({ kind: 'slot' })], rangeMs: 60_000 }] });
  });

  it('declares nested JSON fields as ROW types and CSV sources with their delimiter', () => {
    const nested: InputSchema = { format: { kind: 'json' }, columns: [{ name: 'order_region', path: '$.order.region', type: VARCHAR(8) }, { name: 'order_qty', path: '$.order.qty', type: INTEGER }] };
    const { result } = exported(`SELECT STREAM "order_region", "order_qty" FROM "SOURCE_SQL_STREAM_001"`, 'kda', nested);
    if (!result.ok) throw new Error(result.untranslatable.join('; '));
    expect(result.script).toContain('`order` ROW<`region` STRING, `qty` INT>');
    expect(result.script).toContain('`order`.`region` AS `order_region`');
    expect(() => parseFlinkSql(result.script)).not.toThrow();

    const csv: InputSchema = { format: { kind: 'csv', delimiter: ';' }, columns: [{ name: 'region', path: '$[0]', type: VARCHAR(8) }, { name: 'amount', path: '$[2]', type: DOUBLE }] };
    const r = exported(`SELECT STREAM "region" FROM "SOURCE_SQL_STREAM_001" WHERE "amount" > 10`, 'kda', csv).result;
    if (!r.ok) throw new Error(r.untranslatable.join('; '));
    expect(parseFlinkSql(r.script).tables[0]?.options).toMatchObject({ format: 'csv', 'csv.field-delimiter': ';' });
    expect(parseFlinkSql(r.script).tables[0]?.columns.map((c) => c.name)).toEqual(['region', '_unused_1', 'amount', 'ROWTIME']);
  });

  it('names what cannot be translated', () => {
    const stagger = exported(`SELECT STREAM "region", COUNT(*) FROM "SOURCE_SQL_STREAM_001" WINDOWED BY STAGGER (PARTITION BY "region" RANGE INTERVAL '1' MINUTE)`, 'kda').result;
    expect(stagger).toEqual({ ok: false, untranslatable: [expect.stringContaining('WINDOWED BY STAGGER')] });
    const metadata = exported(`SELECT STREAM PARTITION_KEY, SHARD_ID FROM "SOURCE_SQL_STREAM_001"`, 'kda').result;
    expect(metadata).toEqual({ ok: false, untranslatable: [expect.stringContaining('PARTITION_KEY'), expect.stringContaining('SHARD_ID')] });
  });
});

// The incremental operators under fixed clocks: window boundaries and emission times, late records, out-of-order
// input across shards, reshards, empty windows, sliding and stagger windows as the KDA guide describes them, and
// Flink's TUMBLE/HOP/CUMULATE on our own data with hand-computed results.
import { describe, expect, it } from 'vitest';
import { VARCHAR } from '../../main/analytics/sqlTypes';
import { at, bids, record, runSql, table, tickers } from './analytics-harness';

const tumblingMinMax = `
  CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (TICKER_SYMBOL VARCHAR(4), MIN_PRICE REAL, MAX_PRICE REAL);
  CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM ROWTIME, Ticker_Symbol, MIN(Price) AS Min_Price, MAX(Price) AS Max_Price
    FROM "SOURCE_SQL_STREAM_001"
    GROUP BY Ticker_Symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);`;

describe('tumbling windows (KDA STEP of ROWTIME)', () => {
  it('emits each window once it closes, with the window end as ROWTIME, one row per key', () => {
    const q = runSql(tumblingMinMax, 'kda', tickers);
    q.run.pushBatch([
      record({ ticker: 'AAPL', price: 10 }, '10:00:05'),
      record({ ticker: 'AAPL', price: 12 }, '10:00:30'),
      record({ ticker: 'MSFT', price: 5 }, '10:00:59.999'),
    ]);
    expect(q.rows).toEqual([]);
    q.run.push(record({ ticker: 'AAPL', price: 11 }, '10:01:10'));
    expect(table(q)).toEqual([
      ['10:01:00', 'AAPL', 10, 12],
      ['10:01:00', 'MSFT', 5, 5],
    ]);
    q.run.advanceTo(at('10:02:00'));
    expect(table(q).slice(2)).toEqual([['10:02:00', 'AAPL', 11, 11]]);
  });

  it('a record exactly at a window end belongs to the next window; the clock closes a quiet window', () => {
    const q = runSql(`SELECT STREAM TICKER_SYMBOL, COUNT(*) AS n FROM "SOURCE_SQL_STREAM_001"
      GROUP BY TICKER_SYMBOL, STEP(ROWTIME BY INTERVAL '10' SECOND)`, 'kda', tickers);
    q.run.pushBatch([record({ ticker: 'A' }, '10:00:09.999'), record({ ticker: 'A' }, '10:00:10')]);
    expect(table(q)).toEqual([['10:00:10', 'A', 1]]);
    q.run.advanceTo(at('10:00:19.999'));
    expect(q.rows).toHaveLength(1);
    q.run.advanceTo(at('10:00:20'));
    expect(table(q)).toEqual([['10:00:10', 'A', 1], ['10:00:20', 'A', 1]]);
  });

  it('empty windows emit nothing', () => {
    const q = runSql(`SELECT STREAM COUNT(*) AS n FROM "SOURCE_SQL_STREAM_001" GROUP BY STEP(ROWTIME BY INTERVAL '10' SECOND)`, 'kda', tickers);
    q.run.push(record({ ticker: 'A' }, '10:00:01'));
    q.run.advanceTo(at('10:00:45'));
    q.run.push(record({ ticker: 'A' }, '10:00:52'));
    q.run.advanceTo(at('10:01:30'));
    expect(table(q)).toEqual([['10:00:10', 1], ['10:01:00', 1]]);
  });

  it('late records are counted and reported, not aggregated; allowed lateness takes them in', () => {
    const sql = `SELECT STREAM COUNT(*) AS n FROM "SOURCE_SQL_STREAM_001" GROUP BY STEP(ROWTIME BY INTERVAL '10' SECOND)`;
    const strict = runSql(sql, 'kda', tickers);
    strict.run.push(record({ ticker: 'A' }, '10:00:01'));
    strict.run.advanceTo(at('10:00:12'));
    strict.run.push(record({ ticker: 'B' }, '10:00:08', 'shardId-000000000001'));
    expect(table(strict)).toEqual([['10:00:10', 1]]);
    expect(strict.late).toEqual([expect.objectContaining({ shardId: 'shardId-000000000001', time: at('10:00:08'), watermark: at('10:00:12') })]);
    expect(strict.run.stats().lateRecords).toBe(1);

    const lenient = runSql(sql, 'kda', tickers, { allowedLatenessMs: 5000 });
    lenient.run.push(record({ ticker: 'A' }, '10:00:01'));
    lenient.run.advanceTo(at('10:00:12'));
    lenient.run.push(record({ ticker: 'B' }, '10:00:08', 'shardId-000000000001'));
    expect(lenient.rows).toEqual([]);
    lenient.run.advanceTo(at('10:00:15'));
    expect(table(lenient)).toEqual([['10:00:10', 2]]);
    expect(lenient.late).toEqual([]);
  });

  it('out-of-order input across shards: the watermark is the minimum over the shards', () => {
    const q = runSql(`SELECT STREAM COUNT(*) AS n FROM "SOURCE_SQL_STREAM_001" GROUP BY STEP(ROWTIME BY INTERVAL '10' SECOND)`, 'kda', tickers);
    q.run.push(record({ ticker: 'A' }, '10:00:03', 'shard-a'));
    q.run.push(record({ ticker: 'B' }, '10:00:04', 'shard-b'));
    q.run.push(record({ ticker: 'A' }, '10:00:15', 'shard-a'));
    expect(q.rows).toEqual([]);
    q.run.push(record({ ticker: 'B' }, '10:00:09', 'shard-b'));
    expect(q.rows).toEqual([]);
    q.run.push(record({ ticker: 'B' }, '10:00:11', 'shard-b'));
    expect(table(q)).toEqual([['10:00:10', 3]]);
    expect(q.run.stats()).toMatchObject({ lateRecords: 0, watermark: at('10:00:11') });
  });

  it('an expected shard that has delivered nothing holds the watermark until the clock passes', () => {
    const q = runSql(`SELECT STREAM COUNT(*) AS n FROM "SOURCE_SQL_STREAM_001" GROUP BY STEP(ROWTIME BY INTERVAL '10' SECOND)`, 'kda', tickers);
    q.run.expectShards(['shard-a', 'shard-b']);
    q.run.push(record({ ticker: 'A' }, '10:00:03', 'shard-a'));
    q.run.push(record({ ticker: 'A' }, '10:00:12', 'shard-a'));
    expect(q.rows).toEqual([]);
    q.run.push(record({ ticker: 'B' }, '10:00:07', 'shard-b'));
    q.run.advanceTo(at('10:00:10'));
    expect(table(q)).toEqual([['10:00:10', 2]]);
    expect(q.run.stats().lateRecords).toBe(0);
  });

  it('a reshard mid-window: the closed parent stops holding the watermark, children carry on', () => {
    const q = runSql(`SELECT STREAM TICKER_SYMBOL, COUNT(*) AS n FROM "SOURCE_SQL_STREAM_001" GROUP BY TICKER_SYMBOL, STEP(ROWTIME BY INTERVAL '10' SECOND)`, 'kda', tickers);
    q.run.push(record({ ticker: 'A' }, '10:00:02', 'shardId-000000000000'));
    q.run.push(record({ ticker: 'A' }, '10:00:04', 'shardId-000000000000'));
    q.run.push(record({ ticker: 'A' }, '10:00:06', 'shardId-000000000001'));
    q.run.push(record({ ticker: 'A' }, '10:00:07', 'shardId-000000000002'));
    q.run.push(record({ ticker: 'A' }, '10:00:12', 'shardId-000000000001'));
    q.run.push(record({ ticker: 'A' }, '10:00:13', 'shardId-000000000002'));
    expect(q.rows).toEqual([]);
    q.run.endShard('shardId-000000000000');
    expect(table(q)).toEqual([['10:00:10', 'A', 4]]);
  });
});

describe('the KDA guide: stagger vs tumbling on the same rows', () => {
  const rows = () => [
    record({ ticker: 'AMZN', event_time: '2026-01-01 11:00:10' }, '11:00:20'),
    record({ ticker: 'AMZN', event_time: '2026-01-01 11:00:25' }, '11:00:30'),
    record({ ticker: 'AMZN', event_time: '2026-01-01 11:00:59' }, '11:01:05'),
    record({ ticker: 'AMZN', event_time: '2026-01-01 11:01:02' }, '11:01:15'),
  ];

  it('a stagger window opens with its key’s first row and closes a range later', () => {
    const q = runSql(`SELECT STREAM TICKER_SYMBOL, FLOOR(EVENT_TIME TO MINUTE), COUNT(TICKER_SYMBOL) AS ticker_count
      FROM "SOURCE_SQL_STREAM_001"
      WINDOWED BY STAGGER (PARTITION BY FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL RANGE INTERVAL '1' MINUTE)`, 'kda', tickers);
    q.run.pushBatch(rows());
    q.run.advanceTo(at('11:03:00'));
    expect(table(q)).toEqual([
      ['11:01:20', 'AMZN', '11:00:00', 3],
      ['11:02:15', 'AMZN', '11:01:00', 1],
    ]);
  });

  it('a tumbling window splits the same rows at the minute', () => {
    const q = runSql(`SELECT STREAM TICKER_SYMBOL, FLOOR(EVENT_TIME TO MINUTE), COUNT(TICKER_SYMBOL) AS ticker_count
      FROM "SOURCE_SQL_STREAM_001"
      GROUP BY STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND), TICKER_SYMBOL, FLOOR(EVENT_TIME TO MINUTE)`, 'kda', tickers);
    q.run.pushBatch(rows());
    q.run.advanceTo(at('11:03:00'));
    expect(table(q)).toEqual([
      ['11:01:00', 'AMZN', '11:00:00', 2],
      ['11:02:00', 'AMZN', '11:00:00', 1],
      ['11:02:00', 'AMZN', '11:01:00', 1],
    ]);
  });
});

describe('sliding windows emit one row per input row', () => {
  it('RANGE 5 s: arrivals at t1, t2, t6, t7 and three at t8 give 1, 2, 2, 2, 3, 4, 5', () => {
    const q = runSql(`SELECT STREAM TICKER_SYMBOL, COUNT(*) OVER W1 AS n, MIN(PRICE) OVER W1 AS lo, MAX(PRICE) OVER W1 AS hi, AVG(PRICE) OVER W1 AS mean
      FROM "SOURCE_SQL_STREAM_001" WINDOW W1 AS (PARTITION BY TICKER_SYMBOL RANGE INTERVAL '5' SECOND PRECEDING)`, 'kda', tickers);
    const prices = [[1, 4], [2, 8], [6, 2], [7, 6], [8, 1], [8, 9], [8, 5]] as const;
    for (const [s, price] of prices) q.run.push(record({ ticker: 'T', price }, `10:00:0${s}`));
    q.run.push(record({ ticker: 'U', price: 100 }, '10:00:09'));
    expect(table(q)).toEqual([
      ['10:00:01', 'T', 1, 4, 4, 4],
      ['10:00:02', 'T', 2, 4, 8, 6],
      ['10:00:06', 'T', 2, 2, 8, 5],
      ['10:00:07', 'T', 2, 2, 6, 4],
      ['10:00:08', 'T', 3, 1, 6, 3],
      ['10:00:08', 'T', 4, 1, 9, 4.5],
      ['10:00:08', 'T', 5, 1, 9, 4.6],
      ['10:00:09', 'U', 1, 100, 100, 100],
    ]);
  });

  it('ROWS n PRECEDING keeps the row and the n before it', () => {
    const q = runSql(`SELECT STREAM PRICE, AVG(PRICE) OVER (PARTITION BY TICKER_SYMBOL ROWS 2 PRECEDING) AS ma3 FROM "SOURCE_SQL_STREAM_001"`, 'kda', tickers);
    [3, 6, 9, 12].forEach((price, i) => q.run.push(record({ ticker: 'T', price }, `10:00:0${i}`)));
    expect(table(q).map((r) => r[2])).toEqual([3, 4.5, 6, 9]);
  });
});

// Our own bids, shaped like the Flink documentation's table: (minute, price, supplier).
const bidRows = () =>
  ([['08:05', 3, 's1'], ['08:07', 1, 's1'], ['08:09', 4, 's2'], ['08:11', 2, 's2'], ['08:13', 7, 's1'], ['08:17', 5, 's2']] as const).map(([m, price, supplier], i) =>
    record({ bidtime: `2026-01-01 ${m}:00`, price, item: `i${i}`, supplier }, '09:00:00', i % 2 ? 'shard-b' : 'shard-a'));

describe('Flink window table functions in event time', () => {
  const flink = (sql: string) => runSql(sql, 'flink', bids, { sourceStream: 'Bid' });

  it('TUMBLE 10 minutes', () => {
    const q = flink(`SELECT window_start, window_end, SUM(price) AS total FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end`);
    q.run.pushBatch(bidRows());
    q.run.finish();
    expect(table(q)).toEqual([['08:10:00', '08:00:00', '08:10:00', 8], ['08:20:00', '08:10:00', '08:20:00', 14]]);
  });

  it('TUMBLE closes on the watermark (max event time minus the delay), not at the end of input', () => {
    const q = runSql(`SELECT window_start, window_end, supplier_id, SUM(price) AS total FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end, supplier_id`, 'flink', bids, { sourceStream: 'Bid', watermarkDelayMs: 60_000 });
    const all = bidRows();
    // Shard a has reached 08:09 and shard b 08:11: the watermark is 08:09 − 1 min = 08:08, so [08:00, 08:10) stays open.
    q.run.pushBatch(all.slice(0, 4));
    expect(q.rows).toEqual([]);
    // Shard a reaches 08:13 and shard b 08:17: the watermark is 08:12 and the first window closes.
    q.run.pushBatch(all.slice(4));
    expect(table(q)).toEqual([['08:10:00', '08:00:00', '08:10:00', 's1', 4], ['08:10:00', '08:00:00', '08:10:00', 's2', 4]]);
  });

  it('HOP 5-minute slide, 10-minute size', () => {
    const q = flink(`SELECT window_start, window_end, SUM(price) AS total FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES)) GROUP BY window_start, window_end`);
    q.run.pushBatch(bidRows());
    q.run.finish();
    expect(table(q).map((r) => [r[1], r[2], r[3]])).toEqual([
      ['08:00:00', '08:10:00', 8],
      ['08:05:00', '08:15:00', 17],
      ['08:10:00', '08:20:00', 14],
      ['08:15:00', '08:25:00', 5],
    ]);
  });

  it('CUMULATE 2-minute step, 10-minute maximum: windows without rows emit nothing', () => {
    const q = flink(`SELECT window_start, window_end, SUM(price) AS total FROM TABLE(CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES)) GROUP BY window_start, window_end`);
    q.run.pushBatch(bidRows());
    q.run.finish();
    expect(table(q).map((r) => [r[1], r[2], r[3]])).toEqual([
      ['08:00:00', '08:06:00', 3],
      ['08:00:00', '08:08:00', 4],
      ['08:00:00', '08:10:00', 8],
      ['08:10:00', '08:12:00', 2],
      ['08:10:00', '08:14:00', 9],
      ['08:10:00', '08:16:00', 9],
      ['08:10:00', '08:18:00', 14],
      ['08:10:00', '08:20:00', 14],
    ]);
  });
});

describe('aggregates, joins, errors and the memory cap', () => {
  it('TOP_K_ITEMS_TUMBLING keeps the k most frequent values per window', () => {
    const q = runSql(`SELECT STREAM * FROM TABLE(TOP_K_ITEMS_TUMBLING(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 'TICKER_SYMBOL', 2, 60))`, 'kda', tickers);
    for (const [t, s] of [['A', 1], ['B', 2], ['A', 3], ['C', 4], ['B', 5], ['A', 6]] as const) q.run.push(record({ ticker: t }, `10:00:0${s}`));
    q.run.advanceTo(at('10:01:00'));
    expect(table(q)).toEqual([['10:01:00', 'A', 3], ['10:01:00', 'B', 2]]);
  });

  it('COUNT(DISTINCT) is exact; APPROXIMATE_DISTINCT is exact to 10,000 values, then HyperLogLog within 2 %', () => {
    const q = runSql(`SELECT STREAM COUNT(DISTINCT PRICE) AS exact, APPROXIMATE_DISTINCT(PRICE) AS approx
      FROM "SOURCE_SQL_STREAM_001" GROUP BY FLOOR(ROWTIME TO MINUTE)`, 'kda', tickers);
    const batch = [];
    for (let i = 0; i < 10_000; i++) batch.push(record({ price: i % 4000 }, '10:00:01'));
    for (let i = 0; i < 50_000; i++) batch.push(record({ price: i + 0.5 }, '10:01:01'));
    q.run.pushBatch(batch);
    q.run.advanceTo(at('10:02:00'));
    expect(table(q)[0]).toEqual(['10:01:00', 4000, 4000]);
    const [, exact, approx] = table(q)[1] as [string, number, number];
    expect(exact).toBe(50_000);
    expect(Math.abs(approx - 50_000) / 50_000).toBeLessThan(0.02);
  });

  it('joins a reference table; LEFT JOIN keeps unmatched rows with NULLs', () => {
    const reference = [{ name: 'companies', columns: [{ name: 'TICKER', type: VARCHAR() }, { name: 'COMPANY', type: VARCHAR() }], rows: [['AMZN', 'Amazon'], ['MSFT', 'Microsoft']] }];
    const inner = runSql(`SELECT STREAM s.TICKER_SYMBOL, c.COMPANY FROM "SOURCE_SQL_STREAM_001" AS s JOIN "companies" AS c ON s.TICKER_SYMBOL = c.TICKER`, 'kda', tickers, { referenceTables: reference });
    const left = runSql(`SELECT STREAM s.TICKER_SYMBOL, c.COMPANY FROM "SOURCE_SQL_STREAM_001" AS s LEFT JOIN "companies" AS c ON s.TICKER_SYMBOL = c.TICKER`, 'kda', tickers, { referenceTables: reference });
    for (const q of [inner, left]) q.run.pushBatch([record({ ticker: 'AMZN' }, '10:00:01'), record({ ticker: 'XYZ' }, '10:00:02'), record({ ticker: 'MSFT' }, '10:00:03')]);
    expect(table(inner)).toEqual([['10:00:01', 'AMZN', 'Amazon'], ['10:00:03', 'MSFT', 'Microsoft']]);
    expect(table(left)).toEqual([['10:00:01', 'AMZN', 'Amazon'], ['10:00:02', 'XYZ', null], ['10:00:03', 'MSFT', 'Microsoft']]);
  });

  it('records that do not parse or map go to the error stream with their reason', () => {
    const q = runSql(`SELECT STREAM TICKER_SYMBOL, PRICE FROM "SOURCE_SQL_STREAM_001" WHERE PRICE > 1`, 'kda', tickers);
    q.run.pushBatch([
      { data: 'not json', partitionKey: 'p', sequenceNumber: '1', shardId: 's', arrivalMs: at('10:00:00') },
      record({ ticker: 'A', price: 'cheap' }, '10:00:01'),
      record({ ticker: 'A', price: '2.5' }, '10:00:02'),
      record({ ticker: 'B', price: 0.5 }, '10:00:03'),
    ]);
    expect(table(q)).toEqual([['10:00:02', 'A', 2.5]]);
    expect(q.errors.map((e) => e.reason)).toEqual([expect.stringContaining('not JSON'), "column PRICE: 'cheap' is not a number"]);
    expect(q.run.stats()).toMatchObject({ recordsIn: 4, rowsOut: 1, parseErrors: 2, filteredOut: 1 });
  });

  it('a query whose state passes the cap stops with a clear message', () => {
    const q = runSql(`SELECT STREAM TICKER_SYMBOL, COUNT(*) FROM "SOURCE_SQL_STREAM_001" GROUP BY TICKER_SYMBOL, STEP(ROWTIME BY INTERVAL '1' HOUR)`, 'kda', tickers, {}, { maxStateBytes: 100_000 });
    const batch = Array.from({ length: 2000 }, (_, i) => record({ ticker: String(i) }, '10:00:01'));
    q.run.pushBatch(batch);
    expect(q.stopped).toHaveLength(1);
    expect(q.stopped[0]).toMatch(/query stopped: its state reached about .* MiB, over the limit of 0\.1 MiB \(2000 groups in 1 open window, 0 distinct values/);
    expect(q.run.stats().stopped).toBe(q.stopped[0]);
    q.run.push(record({ ticker: 'X' }, '10:00:02'));
    expect(q.run.stats().recordsIn).toBe(2000);
  });

  it('reports its state as it changes', () => {
    const q = runSql(`SELECT STREAM TICKER_SYMBOL, COUNT(DISTINCT PRICE) FROM "SOURCE_SQL_STREAM_001" GROUP BY TICKER_SYMBOL, STEP(ROWTIME BY INTERVAL '10' SECOND)`, 'kda', tickers);
    q.run.pushBatch([record({ ticker: 'A', price: 1 }, '10:00:01'), record({ ticker: 'A', price: 2 }, '10:00:02'), record({ ticker: 'B', price: 1 }, '10:00:03')]);
    expect(q.run.stats().state).toMatchObject({ openWindows: 1, openGroups: 2, distinctEntries: 3 });
    q.run.advanceTo(at('10:00:10'));
    expect(q.run.stats().state).toMatchObject({ openWindows: 0, openGroups: 0, distinctEntries: 0, estimatedBytes: 0 });
  });
});

describe('scalar functions on one row', () => {
  it('evaluates string, math, time and conditional expressions (STEP vectors from the KDA reference)', () => {
    const q = runSql(`SELECT STREAM UPPER(TICKER_SYMBOL) || '/' || LOWER(SECTOR), SUBSTRING(SECTOR FROM 2 FOR 3), SUBSTRING(SECTOR, 4),
        TRIM(LEADING 'x' FROM 'xxab'), CHAR_LENGTH(SECTOR), ABS(CHANGE), ROUND(PRICE, 1), FLOOR(PRICE), CEIL(PRICE), MOD(7, 3), 7 % 4, 7 / 2, 7.0 / 2,
        CASE WHEN PRICE > 10 THEN 'big' WHEN PRICE > 1 THEN 'mid' ELSE 'small' END, CASE TICKER_SYMBOL WHEN 'abc' THEN 1 ELSE 0 END,
        CAST(PRICE AS INTEGER), CAST('42' AS BIGINT), CAST(ROWTIME AS VARCHAR(32)), SECTOR LIKE 'Te_h%', SECTOR NOT LIKE '%x%',
        COALESCE(EVENT_TIME, ROWTIME) = ROWTIME, CURRENT_TIMESTAMP, STEP(23 BY 5),
        STEP(TIMESTAMP '2004-09-30 13:48:23' BY INTERVAL '10' SECOND), FLOOR(ROWTIME TO HOUR), ROWTIME + INTERVAL '1' MINUTE,
        TICKER_SYMBOL IN ('x', 'abc'), PRICE BETWEEN 1 AND 5, EVENT_TIME IS NULL, NULL + 1 IS NULL
      FROM "SOURCE_SQL_STREAM_001"`, 'kda', tickers);
    q.run.push(record({ ticker: 'abc', sector: 'Tech', change: -1.5, price: 4.26 }, '10:20:30'));
    const values = q.rows[0]?.values;
    expect(values).toEqual([
      'ABC/tech', 'ech', 'h', 'ab', 4, 1.5, 4.3, 4, 5, 1, 3, 3, 3.5,
      'mid', 1,
      4, 42, '2026-01-01 10:20:30.000', true, true,
      true, at('12:00:00'), 20,
      Date.parse('2004-09-30T13:48:20Z'), at('10:00:00'), at('10:21:30'),
      true, true, true, true,
    ]);
  });
});

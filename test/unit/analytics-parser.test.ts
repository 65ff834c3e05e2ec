// Both dialects' parsers on the documented query shapes: the KDA developer guide's tumbling, sliding and stagger
// window examples and Flink's window table functions, plus refusals and error positions.
import { describe, expect, it } from 'vitest';
import { compileQuery, checkQuery, parseSql } from '../../main/analytics/compileQuery';
import { SqlError } from '../../main/analytics/sqlError';
import type { InputSchema } from '../../main/analytics/inputSchema';
import { DOUBLE, VARCHAR } from '../../main/analytics/sqlTypes';
import { bids, tickers } from './analytics-harness';

const kda = (sql: string) => compileQuery(sql, 'kda', { schema: tickers, sourceStream: 'ticker-stream' });
const flink = (sql: string) => compileQuery(sql, 'flink', { schema: bids, sourceStream: 'Bid' });

function errorOf(f: () => unknown): SqlError {
  try {
    f();
  } catch (e) {
    if (e instanceof SqlError) return e;
    throw e;
  }
  throw new Error('expected a SqlError');
}

describe('KDA dialect: the developer guide examples', () => {
  it('tumbling window: GROUP BY a key and STEP(ROWTIME BY INTERVAL) in a pump', () => {
    const plan = kda(`
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (TICKER_SYMBOL VARCHAR(4), MIN_PRICE REAL, MAX_PRICE REAL);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM ROWTIME, Ticker_Symbol, MIN(Price) AS Min_Price, MAX(Price) AS Max_Price
        FROM "SOURCE_SQL_STREAM_001"
        GROUP BY Ticker_Symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);`);
    expect(plan.window).toEqual({ kind: 'tumble', sizeMs: 60_000 });
    expect(plan.sink).toEqual({ name: 'DESTINATION_SQL_STREAM' });
    expect(plan.output.map((o) => o.name)).toEqual(['TICKER_SYMBOL', 'MIN_PRICE', 'MAX_PRICE']);
    expect(plan.aggregates.map((a) => a.fn)).toEqual(['MIN', 'MAX']);
    expect(plan.groupKeys).toHaveLength(1);
    expect(plan.time).toMatchObject({ column: 'ROWTIME', eventTime: false });
  });

  it('tumbling window with FLOOR(ROWTIME TO MINUTE)', () => {
    const plan = kda(`SELECT STREAM FLOOR("SOURCE_SQL_STREAM_001".ROWTIME TO MINUTE) AS minute_start, COUNT(*) AS n
      FROM "SOURCE_SQL_STREAM_001" GROUP BY FLOOR("SOURCE_SQL_STREAM_001".ROWTIME TO MINUTE)`);
    expect(plan.window).toEqual({ kind: 'tumble', sizeMs: 60_000 });
    expect(plan.output[0]?.expr).toMatchObject({ kind: 'windowBound', which: 'start' });
  });

  it('the two-window strategy: STEP of ROWTIME closes, STEP of APPROXIMATE_ARRIVAL_TIME groups', () => {
    const plan = kda(`SELECT STREAM STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND) AS "ingest_time",
        STEP("SOURCE_SQL_STREAM_001".APPROXIMATE_ARRIVAL_TIME BY INTERVAL '60' SECOND) AS "APPROXIMATE_ARRIVAL_TIME",
        "TICKER_SYMBOL", COUNT(*) AS "symbol_count"
      FROM "SOURCE_SQL_STREAM_001"
      GROUP BY "TICKER_SYMBOL", STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND),
        STEP("SOURCE_SQL_STREAM_001".APPROXIMATE_ARRIVAL_TIME BY INTERVAL '60' SECOND)`);
    expect(plan.window).toEqual({ kind: 'tumble', sizeMs: 60_000 });
    expect(plan.groupKeys).toHaveLength(2);
    expect(plan.output.map((o) => o.expr.kind)).toEqual(['windowBound', 'keyRef', 'keyRef', 'aggRef']);
  });

  it('sliding window: a named WINDOW with PARTITION BY and RANGE INTERVAL PRECEDING', () => {
    const plan = kda(`SELECT STREAM ticker_symbol,
        MIN(Price) OVER W1 AS Min_Price, MAX(Price) OVER W1 AS Max_Price, AVG(Price) OVER W1 AS Avg_Price
      FROM "SOURCE_SQL_STREAM_001"
      WINDOW W1 AS (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING)`);
    expect(plan.window.kind).toBe('sliding');
    expect(plan.window.kind === 'sliding' && plan.window.windows).toEqual([{ partitionBy: [expect.objectContaining({ kind: 'slot' })], rangeMs: 60_000 }]);
    expect(plan.aggregates.map((a) => [a.fn, a.window])).toEqual([['MIN', 0], ['MAX', 0], ['AVG', 0]]);
  });

  it('sliding windows inline with OVER (…) and by rows (the moving-average crossover)', () => {
    const plan = kda(`SELECT STREAM ticker_symbol, price,
        AVG(price) OVER (PARTITION BY ticker_symbol ROWS 2 PRECEDING) AS ma_short,
        AVG(price) OVER (PARTITION BY ticker_symbol ROWS 10 PRECEDING) AS ma_long
      FROM "SOURCE_SQL_STREAM_001"`);
    expect(plan.window.kind === 'sliding' && plan.window.windows.map((w) => w.rows)).toEqual([2, 10]);
  });

  it('stagger window: WINDOWED BY STAGGER (PARTITION BY … RANGE INTERVAL …)', () => {
    const plan = kda(`SELECT STREAM TICKER_SYMBOL, FLOOR(EVENT_TIME TO MINUTE), COUNT(TICKER_SYMBOL) AS ticker_count
      FROM "SOURCE_SQL_STREAM_001"
      WINDOWED BY STAGGER (PARTITION BY FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL RANGE INTERVAL '1' MINUTE)`);
    expect(plan.window).toEqual({ kind: 'stagger', rangeMs: 60_000 });
    expect(plan.output.map((o) => o.expr.kind)).toEqual(['keyRef', 'keyRef', 'aggRef']);
  });

  it('TOP_K_ITEMS_TUMBLING over a CURSOR', () => {
    const plan = kda(`CREATE OR REPLACE STREAM DESTINATION_SQL_STREAM ("TICKER_SYMBOL" VARCHAR(4), "MOST_FREQUENT_VALUES" BIGINT);
      CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
      SELECT STREAM * FROM TABLE (TOP_K_ITEMS_TUMBLING(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 'TICKER_SYMBOL', 3, 60));`);
    expect(plan.window).toEqual({ kind: 'tumble', sizeMs: 60_000 });
    expect(plan.topK).toEqual({ k: 3, aggregate: 0 });
    expect(plan.output.map((o) => o.name)).toEqual(['TICKER_SYMBOL', 'MOST_FREQUENT_VALUES']);
  });

  it('WHERE, CASE, string and math functions, CAST, LIKE, COUNT(DISTINCT) and HAVING', () => {
    const plan = kda(`SELECT STREAM UPPER(SECTOR) || '-' || TRIM(BOTH ' ' FROM TICKER_SYMBOL) AS label,
        CASE WHEN AVG(PRICE) > 100 THEN 'high' ELSE 'low' END AS band,
        ROUND(SUM(PRICE * 2) / COUNT(*), 2) AS x, COUNT(DISTINCT TICKER_SYMBOL) AS tickers, APPROXIMATE_DISTINCT(PRICE) AS prices
      FROM "SOURCE_SQL_STREAM_001"
      WHERE TICKER_SYMBOL LIKE 'A%' AND CAST(CHANGE AS INTEGER) <> 0 AND CHAR_LENGTH(SECTOR) BETWEEN 1 AND 16
      GROUP BY UPPER(SECTOR) || '-' || TRIM(BOTH ' ' FROM TICKER_SYMBOL), STEP(ROWTIME BY INTERVAL '10' SECOND)
      HAVING COUNT(*) >= 2`);
    expect(plan.aggregates.map((a) => a.fn)).toEqual(['AVG', 'SUM', 'COUNT', 'COUNT_DISTINCT', 'APPROX_COUNT_DISTINCT']);
    expect(plan.output[0]?.expr.kind).toBe('keyRef');
    expect(plan.having?.kind).toBe('binary');
  });
});

describe('Flink dialect: window table functions', () => {
  it('TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL) with GROUP BY window_start, window_end', () => {
    const plan = flink(`SELECT window_start, window_end, SUM(price) AS total_price
      FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
      GROUP BY window_start, window_end`);
    expect(plan.window).toEqual({ kind: 'tumble', sizeMs: 600_000 });
    expect(plan.time).toMatchObject({ column: 'bidtime', eventTime: true });
    expect(plan.output.map((o) => o.name)).toEqual(['window_start', 'window_end', 'total_price']);
  });

  it('HOP(…, slide, size) and CUMULATE(…, step, max size), named arguments too', () => {
    expect(flink(`SELECT window_start, window_end, SUM(price) FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES)) GROUP BY window_start, window_end`).window)
      .toEqual({ kind: 'hop', slideMs: 300_000, sizeMs: 600_000 });
    expect(flink(`SELECT window_start, window_end, SUM(price) FROM TABLE(CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES)) GROUP BY window_start, window_end`).window)
      .toEqual({ kind: 'cumulate', stepMs: 120_000, maxSizeMs: 600_000 });
    expect(flink(`SELECT window_start, window_end, SUM(price) FROM TABLE(TUMBLE(DATA => TABLE Bid, TIMECOL => DESCRIPTOR(bidtime), SIZE => INTERVAL '10' MINUTES)) GROUP BY window_start, window_end`).window)
      .toEqual({ kind: 'tumble', sizeMs: 600_000 });
  });

  it('a grouping key beside the window, ROWTIME as the time column, backtick names', () => {
    const plan = flink("SELECT window_start, window_end, `supplier_id`, SUM(price) AS price FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(ROWTIME), INTERVAL '10' SECOND)) GROUP BY window_start, window_end, supplier_id");
    expect(plan.time).toMatchObject({ column: 'ROWTIME', eventTime: false });
    expect(plan.groupKeys).toHaveLength(1);
  });

  it('CREATE TABLE with a WATERMARK gives the event-time delay; INSERT INTO names the sink', () => {
    const plan = flink(`CREATE TABLE Bid (bidtime TIMESTAMP(3), price DOUBLE, item STRING, supplier_id STRING,
        WATERMARK FOR bidtime AS bidtime - INTERVAL '5' SECOND) WITH ('connector' = 'kinesis', 'format' = 'json');
      INSERT INTO totals SELECT window_start, window_end, SUM(price) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end;`);
    expect(plan.time.watermarkDelayMs).toBe(5000);
    expect(plan.sink).toEqual({ name: 'totals' });
  });

  it('an OVER window ordered by the time column', () => {
    const plan = flink(`SELECT item, price, AVG(price) OVER (PARTITION BY item ORDER BY bidtime RANGE BETWEEN INTERVAL '1' MINUTE PRECEDING AND CURRENT ROW) AS avg_price FROM Bid`);
    expect(plan.window.kind).toBe('sliding');
    expect(plan.time.column).toBe('bidtime');
  });

  it('a stream–table join against a reference table', () => {
    const plan = compileQuery(`SELECT window_start, window_end, s.name, SUM(b.price) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '1' MINUTE)) AS b
      JOIN suppliers AS s ON b.supplier_id = s.id GROUP BY window_start, window_end, s.name`, 'flink', {
      schema: bids, sourceStream: 'Bid',
      referenceTables: [{ name: 'suppliers', columns: [{ name: 'id', type: VARCHAR() }, { name: 'name', type: VARCHAR() }], rows: [] }],
    });
    expect(plan.join?.table.name).toBe('suppliers');
  });
});

describe('refusals name the construct and its position', () => {
  it.each([
    ['kda', 'SELECT STREAM * FROM "SOURCE_SQL_STREAM_001" ORDER BY PRICE', 'ORDER BY on a stream is not supported', 'ORDER'],
    ['kda', 'SELECT STREAM LAG(PRICE) FROM "SOURCE_SQL_STREAM_001"', 'function LAG is not supported', 'LAG'],
    ['kda', 'SELECT STREAM * FROM (SELECT STREAM * FROM "SOURCE_SQL_STREAM_001")', 'a subquery in FROM is not supported', '(SELECT'],
    ['flink', 'SELECT * FROM TABLE(SESSION(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL \'1\' MINUTE))', 'the SESSION window function is not supported', 'SESSION'],
    ['flink', 'SELECT supplier_id, COUNT(*) FROM Bid GROUP BY supplier_id', 'GROUP BY without a window table function', 'supplier_id\n'],
    ['flink', 'SELECT * FROM Bid UNION SELECT * FROM Bid', 'UNION is not supported', 'UNION'],
    ['kda', "SELECT STREAM STEP(ROWTIME BY INTERVAL '1' MONTH) FROM \"SOURCE_SQL_STREAM_001\"", 'a unit of variable length', 'MONTH'],
  ] as const)('%s: %s', (dialect, sql, message, token) => {
    const e = errorOf(() => compileQuery(sql, dialect, { schema: dialect === 'kda' ? tickers : bids, sourceStream: 'Bid' }));
    expect(e.message).toContain(message);
    expect(e.span.offset).toBe(`${sql}\n`.indexOf(token));
  });

  it('window bounds are not known in WHERE', () => {
    const e = errorOf(() => flink(`SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '1' MINUTE)) WHERE window_start > TIMESTAMP '2026-01-01 00:00:00' GROUP BY window_start, window_end`));
    expect(e.message).toContain('known only after grouping');
  });

  it('KDA requires a monotonic GROUP BY expression', () => {
    const e = errorOf(() => kda('SELECT STREAM TICKER_SYMBOL, COUNT(*) FROM "SOURCE_SQL_STREAM_001" GROUP BY TICKER_SYMBOL'));
    expect(e.kind).toBe('semantic');
    expect(e.message).toContain('needs a monotonic expression');
  });

  it('unknown columns suggest the case-exact name', () => {
    const schema: InputSchema = { format: { kind: 'json' }, columns: [{ name: 'amount', path: '$.amount', type: DOUBLE }] };
    const e = errorOf(() => compileQuery('SELECT STREAM "Amount" FROM "SOURCE_SQL_STREAM_001"', 'kda', { schema, sourceStream: 's' }));
    expect(e.message).toContain('did you mean "amount"');
    expect(e.span).toMatchObject({ offset: 14, line: 1, column: 15 });
  });
});

describe('syntax errors carry line, column and offset', () => {
  it('points at the unexpected token on a later line', () => {
    const sql = 'SELECT STREAM TICKER_SYMBOL,\n  COUNT(*) AS n\nFROM "SOURCE_SQL_STREAM_001"\nGROUP BY TICKER_SYMBOL STEP(ROWTIME BY INTERVAL \'1\' MINUTE)';
    const e = errorOf(() => parseSql(sql, 'kda'));
    expect(e.kind).toBe('syntax');
    expect(e.span).toEqual({ offset: sql.indexOf('STEP'), length: 4, line: 4, column: 24 });
  });

  it('an unterminated string is reported where it starts', () => {
    const e = errorOf(() => parseSql("SELECT * FROM Bid WHERE item = 'abc", 'flink'));
    expect(e.message).toContain('unterminated string literal');
    expect(e.span).toMatchObject({ offset: 31, line: 1, column: 32 });
  });

  it('a missing closing parenthesis is reported at the end', () => {
    const sql = 'SELECT STREAM COUNT(* FROM "SOURCE_SQL_STREAM_001"';
    const e = errorOf(() => parseSql(sql, 'kda'));
    expect(e.message).toContain("expected ')'");
    expect(e.span.offset).toBe(sql.indexOf('FROM'));
  });

  it('checkQuery returns the error as data for the editor', () => {
    const r = checkQuery('SELECT STREAM FROM "SOURCE_SQL_STREAM_001"', 'kda', { schema: tickers, sourceStream: 's' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.span).toMatchObject({ offset: 14, line: 1, column: 15 });
  });
});

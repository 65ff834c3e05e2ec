// analytics.run end to end: records put into a local stream with the real SDK, a query run through the contract
// (memory port, every frame schema-checked), and the result rows compared with counts computed here from the
// records as the engine stored them (their arrival times read back with GetRecords).
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputSchema, ResultRow } from '../../shared/contract/analytics';
import { runQuery, startAnalyticsKit, type AnalyticsKit } from '../support/analytics-kit';
import { sleep } from '../support/sleep';
import { createStream, put } from '../support/tail-kit';

let kit: AnalyticsKit;
beforeAll(async () => {
  kit = await startAnalyticsKit();
});
afterAll(async () => {
  await kit.close();
});

interface Stored {
  region: string;
  amount: number;
  arrivalMs: number;
}

/** Every record of the stream as the engine stored it, with its arrival time. */
async function readBack(kinesis: KinesisClient, stream: string): Promise<Stored[]> {
  const shards = (await kinesis.send(new ListShardsCommand({ StreamName: stream }))).Shards ?? [];
  const out: Stored[] = [];
  for (const shard of shards) {
    let iterator = (await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    while (iterator) {
      const res = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }));
      for (const r of res.Records ?? []) {
        const doc = JSON.parse(Buffer.from(r.Data ?? new Uint8Array()).toString()) as { region: string; amount: number };
        out.push({ ...doc, arrivalMs: r.ApproximateArrivalTimestamp?.getTime() ?? 0 });
      }
      if ((res.Records ?? []).length === 0) break;
      iterator = res.NextShardIterator;
    }
  }
  return out;
}

/** COUNT(*) and SUM(amount) per 1-second tumbling window of arrival time and region: "windowStart|region" → [n, total]. */
function expectedCounts(records: Stored[]): Map<string, [number, number]> {
  const m = new Map<string, [number, number]>();
  for (const r of records) {
    const k = `${Math.floor(r.arrivalMs / 1000) * 1000}|${r.region}`;
    const v = m.get(k) ?? [0, 0];
    m.set(k, [v[0] + 1, v[1] + r.amount]);
  }
  return m;
}

const regions = ['eu', 'us', 'ap'];

/** Six batches 350 ms apart, so the records span several 1-second windows. */
async function putOrders(stream: string): Promise<Stored[]> {
  await createStream(kit.kinesis, stream, 2);
  let n = 0;
  for (let b = 0; b < 6; b++) {
    const batch = Array.from({ length: 40 }, () => {
      n++;
      return { partitionKey: `k${n}`, text: JSON.stringify({ region: regions[n % 3], amount: n % 7 }) };
    });
    await put(kit.kinesis, stream, batch);
    await sleep(350);
  }
  return readBack(kit.kinesis, stream);
}

async function discoveredSchema(stream: string): Promise<InputSchema> {
  const found = await kit.client.call('analytics.discover', { source: { kind: 'stream', streamName: stream, start: { type: 'TRIM_HORIZON' } }, sampleSize: 20, waitMs: 3000 });
  expect(found.samples).toHaveLength(20);
  expect(found.unparseable).toBe(0);
  expect(found.schema.columns.map((c) => [c.name, c.path, c.type.base])).toEqual([
    ['region', '$.region', 'VARCHAR'],
    ['amount', '$.amount', 'INTEGER'],
  ]);
  return found.schema;
}

function asMap(rows: ResultRow[], key: (r: ResultRow) => string, value: (r: ResultRow) => [number, number]): Map<string, [number, number]> {
  const m = new Map<string, [number, number]>();
  for (const r of rows) {
    const k = key(r);
    expect(m.has(k), `one row per window and region (${k})`).toBe(false);
    m.set(k, value(r));
  }
  return m;
}

describe('analytics.run over a local stream', () => {
  it('a Flink tumbling count per region equals the counts computed from the records put', async () => {
    const stored = await putOrders('orders');
    const expected = expectedCounts(stored);
    const schema = await discoveredSchema('orders');
    const sql = `SELECT window_start, window_end, region, COUNT(*) AS n, SUM(amount) AS total
      FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ROWTIME), INTERVAL '1' SECOND))
      GROUP BY window_start, window_end, region`;
    const checked = await kit.client.call('analytics.check', { sql, dialect: 'flink', schema, sourceName: 'orders' });
    expect(checked.ok && checked.columns.map((c) => c.name)).toEqual(['window_start', 'window_end', 'region', 'n', 'total']);
    const run = runQuery(kit.client, { sql, dialect: 'flink', schema, source: { kind: 'stream', streamName: 'orders', start: { type: 'TRIM_HORIZON' } } });
    const rowsOf = () => run.of('rows').flatMap((i) => i.rows);
    await run.until(() => rowsOf().length >= expected.size);
    // Nothing more may come for these windows: wait for one more stats item and compare exactly.
    const statsSeen = run.of('stats').length;
    await run.until(() => run.of('stats').length > statsSeen);
    run.handle.unsubscribe();
    const started = run.of('started')[0];
    expect(started?.shards).toHaveLength(2);
    expect(started?.window).toBe('tumbling window of 1 s on ROWTIME');
    const got = asMap(rowsOf(), (r) => `${String(r.values[0])}|${String(r.values[2])}`, (r) => [r.values[3] as number, r.values[4] as number]);
    expect(got).toEqual(expected);
    for (const r of rowsOf()) expect(r.rowtime).toBe((r.values[0] as number) + 1000);
    const stats = run.of('stats').at(-1)?.stats;
    expect(stats?.recordsIn).toBe(stored.length);
    expect(stats?.parseErrors).toBe(0);
  });

  it('a KDA pump with STEP(ROWTIME BY INTERVAL) gives the same counts, each row at its window end', async () => {
    const stored = await putOrders('orders_kda');
    const expected = expectedCounts(stored);
    const schema = await discoveredSchema('orders_kda');
    const sql = `CREATE OR REPLACE STREAM "DEST" (region VARCHAR(8), n INTEGER, total INTEGER);
      CREATE OR REPLACE PUMP "P" AS INSERT INTO "DEST"
        SELECT STREAM "region", COUNT(*), SUM("amount")
        FROM "SOURCE_SQL_STREAM_001"
        GROUP BY "region", STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' SECOND);`;
    const run = runQuery(kit.client, { sql, dialect: 'kda', schema, source: { kind: 'stream', streamName: 'orders_kda', start: { type: 'TRIM_HORIZON' } } });
    const rowsOf = () => run.of('rows').flatMap((i) => i.rows);
    await run.until(() => rowsOf().length >= expected.size);
    const statsSeen = run.of('stats').length;
    await run.until(() => run.of('stats').length > statsSeen);
    run.handle.unsubscribe();
    expect(run.of('started')[0]?.columns.map((c) => c.name)).toEqual(['region', 'n', 'total']);
    const got = asMap(rowsOf(), (r) => `${r.rowtime - 1000}|${String(r.values[0])}`, (r) => [r.values[1] as number, r.values[2] as number]);
    expect(got).toEqual(expected);
  });

  it('with enhanced fan-out, a quiet shard does not hold a window until its next heartbeat', async () => {
    await createStream(kit.kinesis, 'fanned', 2);
    const schema: InputSchema = { format: { kind: 'json' }, columns: [{ name: 'amount', path: '$.amount', type: { base: 'INTEGER' } }] };
    const sql = `SELECT window_end, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE fanned, DESCRIPTOR(ROWTIME), INTERVAL '1' SECOND)) GROUP BY window_start, window_end`;
    const run = runQuery(kit.client, { sql, dialect: 'flink', schema, source: { kind: 'stream', streamName: 'fanned', mode: 'fanout' } });
    await run.until((items) => items.some((i) => i.type === 'started'));
    await sleep(300);
    // One partition key: one shard gets every record, the other stays silent (the engine's heartbeat is 5 s).
    await put(kit.kinesis, 'fanned', Array.from({ length: 20 }, (_, i) => ({ partitionKey: 'same', text: `{"amount": ${i}}` })));
    await run.until(() => run.of('rows').length > 0, 10_000);
    const index = run.items.findIndex((i) => i.type === 'rows');
    const rows = run.of('rows').flatMap((i) => i.rows);
    run.handle.unsubscribe();
    expect(rows.map((r) => r.values[1])).toEqual([20]);
    expect((run.arrivedAt[index] as number) - (rows[0]?.values[0] as number)).toBeLessThan(2500);
  });

  it('with enhanced fan-out, windows close soon after their end while one shard is quiet, and no record that came in time is late', async () => {
    // Two shards: "busy" hashes to one, "quiet" to the other. A write every 50 ms to the busy shard; for the first
    // 1.5 s the quiet shard gets a record before every seventh of them (in a call of its own), then nothing.
    await createStream(kit.kinesis, 'fanned_busy', 2);
    const schema: InputSchema = { format: { kind: 'json' }, columns: [{ name: 'region', path: '$.region', type: { base: 'VARCHAR', length: 8 } }, { name: 'amount', path: '$.amount', type: { base: 'INTEGER' } }] };
    const sql = `SELECT window_start, window_end, region, COUNT(*) AS n, SUM(amount) AS total
      FROM TABLE(TUMBLE(TABLE fanned_busy, DESCRIPTOR(ROWTIME), INTERVAL '1' SECOND)) GROUP BY window_start, window_end, region`;
    const run = runQuery(kit.client, { sql, dialect: 'flink', schema, source: { kind: 'stream', streamName: 'fanned_busy', mode: 'fanout' } });
    await run.until((items) => items.some((i) => i.type === 'started'));
    await sleep(300);
    const startedAt = Date.now();
    let lastWriteAt = startedAt;
    for (let tick = 0; Date.now() - startedAt < 4000; tick++) {
      if (tick % 7 === 0 && Date.now() - startedAt < 1500) await put(kit.kinesis, 'fanned_busy', [{ partitionKey: 'quiet', text: JSON.stringify({ region: 'quiet', amount: tick }) }]);
      await put(kit.kinesis, 'fanned_busy', [{ partitionKey: 'busy', text: JSON.stringify({ region: 'busy', amount: tick }) }]);
      lastWriteAt = Date.now();
      await sleep(50);
    }
    const stored = await readBack(kit.kinesis, 'fanned_busy');
    const expected = expectedCounts(stored);
    const rowsOf = () => run.of('rows').flatMap((i) => i.rows);
    await run.until(() => rowsOf().length >= expected.size, 10_000);
    const statsSeen = run.of('stats').length;
    await run.until(() => run.of('stats').length > statsSeen);
    run.handle.unsubscribe();
    const got = asMap(rowsOf(), (r) => `${String(r.values[0])}|${String(r.values[2])}`, (r) => [r.values[3] as number, r.values[4] as number]);
    expect(got).toEqual(expected);
    const stats = run.of('stats').at(-1)?.stats;
    expect(stats?.lateRecords).toBe(0);
    expect(stats?.recordsIn).toBe(stored.length);
    // Windows that ended while the busy shard was still written to, after the quiet shard fell silent: the silent
    // shard no longer holds them for the merge's 1-s stall limit (nor the 500-ms clock margin).
    const latencies: number[] = [];
    run.items.forEach((item, index) => {
      if (item.type !== 'rows') return;
      for (const end of new Set(item.rows.map((r) => r.values[1] as number))) {
        if (end >= startedAt + 1600 && end <= lastWriteAt - 200) latencies.push((run.arrivedAt[index] as number) - end);
      }
    });
    expect(latencies.length).toBeGreaterThanOrEqual(1);
    latencies.sort((a, b) => a - b);
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(450);
  });

  it('puts unparseable records on the error stream with their reason and text', async () => {
    await createStream(kit.kinesis, 'mixed', 1);
    const schema: InputSchema = { format: { kind: 'json' }, columns: [{ name: 'amount', path: '$.amount', type: { base: 'INTEGER' } }] };
    const run = runQuery(kit.client, { sql: 'SELECT amount FROM mixed', dialect: 'flink', schema, source: { kind: 'stream', streamName: 'mixed', start: { type: 'TRIM_HORIZON' } } });
    await run.until((items) => items.some((i) => i.type === 'started'));
    await put(kit.kinesis, 'mixed', [
      { partitionKey: 'a', text: '{"amount": 1}' },
      { partitionKey: 'b', text: 'not json' },
      { partitionKey: 'c', text: '{"amount": "cheap"}' },
      { partitionKey: 'd', text: '{"amount": 4}' },
    ]);
    await run.until(() => run.of('errors').flatMap((e) => e.errors).length >= 2 && run.of('rows').flatMap((r) => r.rows).length >= 2);
    run.handle.unsubscribe();
    expect(run.of('rows').flatMap((r) => r.rows).map((r) => r.values)).toEqual([[1], [4]]);
    const errors = run.of('errors').flatMap((e) => e.errors);
    expect(errors.map((e) => [e.partitionKey, e.text])).toEqual([['b', 'not json'], ['c', '{"amount": "cheap"}']]);
    expect(errors[0]?.reason).toMatch(/^not JSON/);
    expect(errors[1]?.reason).toBe("column amount: 'cheap' is not a number");
  });

  it('stops a runaway query at its memory bound with a clear message', async () => {
    await createStream(kit.kinesis, 'runaway', 1);
    await put(kit.kinesis, 'runaway', Array.from({ length: 2000 }, (_, i) => ({ partitionKey: `p${i}`, text: `{"amount": ${i}}` })));
    const schema: InputSchema = { format: { kind: 'json' }, columns: [{ name: 'amount', path: '$.amount', type: { base: 'INTEGER' } }] };
    const sql = `SELECT window_start, SEQUENCE_NUMBER, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE runaway, DESCRIPTOR(ROWTIME), INTERVAL '1' HOUR)) GROUP BY window_start, window_end, SEQUENCE_NUMBER`;
    const run = runQuery(kit.client, { sql, dialect: 'flink', schema, maxStateBytes: 64 * 1024, source: { kind: 'stream', streamName: 'runaway', start: { type: 'TRIM_HORIZON' } } });
    await run.ended;
    const stopped = run.of('stopped');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]?.reason).toBe('memory-bound');
    expect(stopped[0]?.message).toMatch(/^query stopped: its state reached about [\d.]+ MiB, over the limit of 0\.1 MiB .*Group by fewer distinct keys/);
    const stats = run.of('stats').at(-1)?.stats;
    expect(stats?.maxStateBytes).toBe(64 * 1024);
    expect(stats?.state.estimatedBytes).toBeGreaterThan(64 * 1024);
    expect(stats?.stopped).toBe(stopped[0]?.message);
  });

  it('refuses a query that does not compile, naming the position', async () => {
    const schema: InputSchema = { format: { kind: 'json' }, columns: [] };
    const checked = await kit.client.call('analytics.check', { sql: 'SELECT COUNT(*) FROM orders GROUP BY PARTITION_KEY', dialect: 'flink', schema, sourceName: 'orders' });
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.error.kind).toBe('unsupported');
      expect(checked.error.span.line).toBe(1);
      expect(checked.vocabulary.sources).toEqual(['orders']);
    }
    const run = runQuery(kit.client, { sql: 'SELECT FROM orders', dialect: 'flink', schema, source: { kind: 'stream', streamName: 'orders' } });
    await expect(run.ended).rejects.toMatchObject({ code: 'ValidationException' });
  });
});

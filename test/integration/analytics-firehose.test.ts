// A local delivery stream as a query source: the engine's LocalReadDeliveryRecords on the wire (signed JSON 1.1,
// cursors, the bounded ring and what it dropped), a query run over what Direct PUT accepts, and query results
// written as JSON records into a stream and a delivery stream.
import { PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputSchema } from '../../shared/contract/analytics';
import { RECENT_RECORDS } from '../../main/engine/firehose/recentRecords';
import { readDeliveryRecords, type LocalFirehoseTarget } from '../../main/services/analytics/localFirehose';
import { createDeliveryStream, runQuery, startAnalyticsKit, type AnalyticsKit } from '../support/analytics-kit';
import { dummyCredentials, region } from '../support/kinesis';
import { createStream, put } from '../support/tail-kit';

let kit: AnalyticsKit;
let wire: LocalFirehoseTarget;
beforeAll(async () => {
  kit = await startAnalyticsKit({ config: '[profile prod]\nregion = eu-west-1\n', credentials: '[prod]\naws_access_key_id = AKIAPRODFIXTURE00001\naws_secret_access_key = prod-fixture-secret\n' });
  wire = { endpoint: kit.engine.endpoint, region, credentials: async () => dummyCredentials };
});
afterAll(async () => {
  await kit.close();
});

async function putBatch(name: string, texts: string[]): Promise<void> {
  for (let i = 0; i < texts.length; i += 500) {
    const out = await kit.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: texts.slice(i, i + 500).map((t) => ({ Data: Buffer.from(t) })) }));
    expect(out.FailedPutCount).toBe(0);
  }
}

const text = (page: Awaited<ReturnType<typeof readDeliveryRecords>>): string[] => page.records.map((r) => Buffer.from(r.data).toString());

describe('LocalReadDeliveryRecords', () => {
  it('reads what Put accepted after a cursor; Limit 0 gives the newest cursor', async () => {
    await createDeliveryStream(kit.firehose, 'clicks');
    const empty = await readDeliveryRecords(wire, 'clicks', null, 0);
    expect(empty).toEqual({ records: [], nextCursor: '0', missed: 0 });
    const before = Date.now();
    await putBatch('clicks', ['a', 'b', 'c']);
    const all = await readDeliveryRecords(wire, 'clicks', null, 100);
    expect(text(all)).toEqual(['a', 'b', 'c']);
    expect(all.nextCursor).toBe('3');
    expect(all.records[0]?.arrivalMs).toBeGreaterThanOrEqual(before - 1);
    expect(all.records[0]?.recordId).toMatch(/^[0-9a-f]{18}/);
    const two = await readDeliveryRecords(wire, 'clicks', '1', 1);
    expect([text(two), two.nextCursor]).toEqual([['b'], '2']);
    const tip = await readDeliveryRecords(wire, 'clicks', null, 0);
    expect(tip.nextCursor).toBe('3');
    await putBatch('clicks', ['d']);
    expect(text(await readDeliveryRecords(wire, 'clicks', tip.nextCursor, 100))).toEqual(['d']);
  });

  it('keeps a bounded ring and says how many records a slow reader missed', async () => {
    await createDeliveryStream(kit.firehose, 'flood');
    await putBatch('flood', Array.from({ length: RECENT_RECORDS + 500 }, (_, i) => String(i)));
    const page = await readDeliveryRecords(wire, 'flood', '0', 2);
    expect(page.missed).toBe(500);
    expect(text(page)).toEqual(['500', '501']);
    expect(page.nextCursor).toBe('502');
  });

  it('answers AWS errors for a missing stream and a bad cursor', async () => {
    await expect(readDeliveryRecords(wire, 'ghost', null, 1)).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
    await expect(readDeliveryRecords(wire, 'clicks', 'x1', 1)).rejects.toMatchObject({ code: 'ValidationException' });
  });
});

const orderSchema: InputSchema = {
  format: { kind: 'json' },
  columns: [
    { name: 'region', path: '$.region', type: { base: 'VARCHAR', length: 8 } },
    { name: 'amount', path: '$.amount', type: { base: 'INTEGER' } },
  ],
};

describe('a delivery stream as a query source', () => {
  it('runs a query over the records arriving at a delivery stream', async () => {
    await createDeliveryStream(kit.firehose, 'orders_fh');
    await putBatch('orders_fh', ['{"region":"old","amount":0}']);
    const found = await kit.client.call('analytics.discover', { source: { kind: 'deliveryStream', name: 'orders_fh', start: 'KEPT' }, waitMs: 500 });
    expect(found.schema.columns.map((c) => c.name)).toEqual(['region', 'amount']);
    const run = runQuery(kit.client, { sql: 'SELECT region, amount * 2 AS doubled, SEQUENCE_NUMBER FROM orders_fh WHERE amount > 1', dialect: 'flink', schema: orderSchema, source: { kind: 'deliveryStream', name: 'orders_fh' } });
    await run.until((items) => items.some((i) => i.type === 'started'));
    const sent = Array.from({ length: 300 }, (_, i) => ({ region: ['eu', 'us'][i % 2] as string, amount: i % 5 }));
    await putBatch('orders_fh', sent.map((d) => JSON.stringify(d)));
    const expected = sent.filter((d) => d.amount > 1).map((d) => [d.region, d.amount * 2]);
    const rowsOf = () => run.of('rows').flatMap((i) => i.rows);
    await run.until(() => rowsOf().length >= expected.length);
    run.handle.unsubscribe();
    expect(rowsOf().map((r) => r.values.slice(0, 2))).toEqual(expected);
    expect(rowsOf()[0]?.values[2]).toMatch(/^[0-9a-f]{18}/);
  });

  it('refuses a delivery stream that does not exist', async () => {
    const run = runQuery(kit.client, { sql: 'SELECT amount FROM ghost', dialect: 'flink', schema: orderSchema, source: { kind: 'deliveryStream', name: 'ghost' } });
    await expect(run.ended).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });
});

describe('query outputs', () => {
  it('writes each result row as a JSON record into a local stream', async () => {
    await createStream(kit.kinesis, 'out_src', 1);
    await createStream(kit.kinesis, 'out_dest', 2);
    const run = runQuery(kit.client, { sql: 'SELECT region, amount, ROWTIME AS at FROM out_src', dialect: 'flink', schema: orderSchema, source: { kind: 'stream', streamName: 'out_src', start: { type: 'TRIM_HORIZON' } }, output: { kind: 'stream', streamName: 'out_dest' } });
    await put(kit.kinesis, 'out_src', Array.from({ length: 50 }, (_, i) => ({ partitionKey: `k${i}`, text: JSON.stringify({ region: 'eu', amount: i }) })));
    await run.until(() => (run.of('stats').at(-1)?.output?.written ?? 0) >= 50);
    run.handle.unsubscribe();
    const got: { region: string; amount: number; at: string }[] = [];
    for (const shard of (await kit.kinesis.send(new ListShardsCommand({ StreamName: 'out_dest' }))).Shards ?? []) {
      const it = await kit.kinesis.send(new GetShardIteratorCommand({ StreamName: 'out_dest', ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      const res = await kit.kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
      for (const r of res.Records ?? []) got.push(JSON.parse(Buffer.from(r.Data ?? new Uint8Array()).toString()) as (typeof got)[number]);
    }
    const rows = run.of('rows').flatMap((i) => i.rows);
    expect(got.map((g) => g.amount).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const first = got.find((g) => g.amount === 0);
    expect(first?.at).toBe(new Date(rows[0]?.values[2] as number).toISOString().replace('T', ' ').replace('Z', ''));
    expect(run.of('stats').at(-1)?.output).toMatchObject({ target: 'stream out_dest', written: 50, failed: 0, lastError: null });
  });

  it('writes result rows into a delivery stream with PutRecordBatch', async () => {
    await createStream(kit.kinesis, 'fh_src', 1);
    await createDeliveryStream(kit.firehose, 'fh_sink');
    const run = runQuery(kit.client, { sql: 'SELECT region, amount FROM fh_src', dialect: 'flink', schema: orderSchema, source: { kind: 'stream', streamName: 'fh_src', start: { type: 'TRIM_HORIZON' } }, output: { kind: 'deliveryStream', name: 'fh_sink' } });
    await put(kit.kinesis, 'fh_src', [{ partitionKey: 'a', text: '{"region":"ap","amount":7}' }, { partitionKey: 'b', text: '{"region":"us","amount":8}' }]);
    await run.until(() => (run.of('stats').at(-1)?.output?.written ?? 0) >= 2);
    run.handle.unsubscribe();
    expect(text(await readDeliveryRecords(wire, 'fh_sink', null, 10))).toEqual(['{"region":"ap","amount":7}', '{"region":"us","amount":8}']);
  });

  it('refuses to start when the output stream or delivery stream does not exist', async () => {
    await createStream(kit.kinesis, 'lost_src', 1);
    const run = runQuery(kit.client, { sql: 'SELECT amount FROM lost_src', dialect: 'flink', schema: orderSchema, source: { kind: 'stream', streamName: 'lost_src' }, output: { kind: 'stream', streamName: 'nowhere' } });
    await expect(run.ended).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
    const toDelivery = runQuery(kit.client, { sql: 'SELECT amount FROM lost_src', dialect: 'flink', schema: orderSchema, source: { kind: 'stream', streamName: 'lost_src' }, output: { kind: 'deliveryStream', name: 'nowhere' } });
    await expect(toDelivery.ended).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
    expect(toDelivery.items).toEqual([]);
  });

  it('on an AWS profile, writes nowhere until the account is named, and reads no delivery stream', async () => {
    await kit.manager.switchTo('profile:prod');
    try {
      const output = runQuery(kit.client, { sql: 'SELECT amount FROM s', dialect: 'flink', schema: orderSchema, source: { kind: 'stream', streamName: 's' }, output: { kind: 'deliveryStream', name: 'sink' } });
      await expect(output.ended).rejects.toMatchObject({ code: 'ConfirmationRequired', message: expect.stringContaining('confirmAccountId') });
      const source = runQuery(kit.client, { sql: 'SELECT amount FROM d', dialect: 'flink', schema: orderSchema, source: { kind: 'deliveryStream', name: 'd' } });
      await expect(source.ended).rejects.toMatchObject({ code: 'LocalOnly' });
    } finally {
      await kit.manager.switchTo('local');
    }
  });
});

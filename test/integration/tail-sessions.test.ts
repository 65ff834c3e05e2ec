// Tail sessions against the local engine through the real dispatcher and SDK: the merge order across shards,
// every start position and end bound, following a split and a merge mid-tail without losing or repeating a
// record, the read budget and iterator age in status items, tail.record, and the session's errors.
import { DescribeStreamSummaryCommand, MergeShardsCommand, SplitShardCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TailRow } from '../../shared/contract/tail';
import { compareRecords } from '../../main/services/tail/mergeHeap';
import { createStream, put, startTailKit, tail, type Put, type TailKit } from '../support/tail-kit';
import { sleep } from '../support/sleep';

let kit: TailKit;
beforeAll(async () => {
  kit = await startTailKit();
});
afterAll(async () => kit?.close());

const key = (r: { shardId: string; sequenceNumber: string }) => `${r.shardId}/${r.sequenceNumber}`;
const records = (prefix: string, n: number, keys = 7) => Array.from({ length: n }, (_, i) => ({ partitionKey: `${prefix}-key-${i % keys}`, text: JSON.stringify({ prefix, i }) }));
const texts = (rows: TailRow[]) => rows.map((r) => r.preview);
const asRecord = (r: TailRow) => ({ ...r, partitionKey: '', bytes: 0, data: new Uint8Array() });
const inMergeOrder = (rows: TailRow[]) => [...rows].sort((a, b) => compareRecords(asRecord(a), asRecord(b)));

async function waitActive(kinesis: KinesisClient, stream: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const d = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: stream }));
    if (d.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return;
    await sleep(25);
  }
  throw new Error('not ACTIVE');
}

describe('merge order', () => {
  it('merges every shard by arrival time, then shard, then sequence number, with nothing lost or repeated', async () => {
    await createStream(kit.kinesis, 'merge-order', 4);
    const puts: Put[] = [];
    for (let round = 0; round < 5; round++) {
      puts.push(...(await put(kit.kinesis, 'merge-order', records(`r${round}`, 40, 13))));
      await sleep(15);
    }
    const t = tail(kit.client, { stream: 'merge-order', start: { type: 'TRIM_HORIZON' }, end: { type: 'AT_TIMESTAMP', timestamp: Date.now() + 50 } });
    await t.ended;
    const rows = t.rows();
    expect(rows.map(key).sort()).toEqual(puts.map(key).sort());
    expect(rows.map(key)).toEqual(inMergeOrder(rows).map(key));
    expect(new Set(rows.map((r) => r.shardId)).size).toBe(4);
    const end = t.items.at(-1);
    expect(end).toEqual({ type: 'end', reason: 'end-position', scanned: 200, matched: 200 });
    expect(t.items[0]).toMatchObject({ type: 'started', stream: 'merge-order', connectionId: 'local', mode: 'polling' });
  });
});

describe('live polling on the poll grid', () => {
  it('records written while every shard is caught up (some quiet) come out once each, in merged order, within 5 calls/s per shard', async () => {
    await createStream(kit.kinesis, 'live-grid', 4);
    const t = tail(kit.client, { stream: 'live-grid', start: { type: 'LATEST' }, mode: { type: 'polling', maxCallsPerSecond: 5, pollIntervalMs: 200 }, statusIntervalMs: 250 });
    // Every shard has answered a GetRecords at the tip: the LATEST iterators exist, so every later put is read.
    await t.until((items) => items.some((i) => i.type === 'status' && i.shards.length === 4 && i.shards.every((s) => s.millisBehindLatest === 0)));
    const puts: Put[] = [];
    // Rounds spread over several poll ticks, so answers that carry records and caught-up waits interleave; every
    // other round goes to one key (one shard) while the other shards stay quiet, so their watermarks come from
    // the time their reads left (no visibility margin on the local engine), not from records.
    for (let round = 0; round < 24; round++) {
      puts.push(...(await put(kit.kinesis, 'live-grid', round % 2 === 0 ? records(`g${round}`, 30, 11) : records(`q${round}`, 10, 1))));
      await sleep(round % 3 === 0 ? 5 : 45);
    }
    await t.until(() => t.rows().length >= puts.length);
    await sleep(500); // a repeated record would arrive after the last one
    t.handle.unsubscribe();
    const rows = t.rows();
    expect(rows.map(key).sort()).toEqual(puts.map(key).sort());
    expect(rows.map(key)).toEqual(inMergeOrder(rows).map(key));
    expect(new Set(rows.map((r) => r.shardId)).size).toBe(4);
    const shards = t.statuses().flatMap((s) => s.shards);
    expect(shards.some((s) => (s.callsPerSecond ?? 0) > 0)).toBe(true);
    for (const s of shards) expect(s.callsPerSecond).toBeLessThanOrEqual(5);
  });
});

describe('start positions and end bounds', () => {
  let puts: Put[];
  let between: number;
  let afterAll_: number;
  const shard = 'shardId-000000000000';

  beforeAll(async () => {
    await createStream(kit.kinesis, 'positions', 1);
    puts = await put(kit.kinesis, 'positions', records('a', 10));
    await sleep(30);
    between = Date.now();
    await sleep(30);
    puts.push(...(await put(kit.kinesis, 'positions', records('b', 10))));
    await sleep(30);
    afterAll_ = Date.now();
  });

  const run = async (params: Record<string, unknown>) => {
    const t = tail(kit.client, { stream: 'positions', ...params } as never);
    await t.ended;
    return t.rows().map((r) => r.sequenceNumber);
  };
  const seqs = (from: number, to: number) => puts.slice(from, to + 1).map((p) => p.sequenceNumber);

  it('TRIM_HORIZON to an end sequence number (inclusive)', async () => {
    expect(await run({ shards: [shard], start: { type: 'TRIM_HORIZON' }, end: { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: puts[4]?.sequenceNumber } })).toEqual(seqs(0, 4));
  });

  it('AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER', async () => {
    const end = { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: puts[6]?.sequenceNumber };
    expect(await run({ shards: [shard], start: { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: puts[3]?.sequenceNumber }, end })).toEqual(seqs(3, 6));
    expect(await run({ shards: [shard], start: { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: puts[3]?.sequenceNumber }, end })).toEqual(seqs(4, 6));
  });

  it('AT_TIMESTAMP to an end time', async () => {
    expect(await run({ start: { type: 'AT_TIMESTAMP', timestamp: between }, end: { type: 'AT_TIMESTAMP', timestamp: afterAll_ } })).toEqual(seqs(10, 19));
    expect(await run({ start: { type: 'TRIM_HORIZON' }, end: { type: 'AT_TIMESTAMP', timestamp: between } })).toEqual(seqs(0, 9));
  });

  it('LATEST sees only what is written after it started, and stops at its end time', async () => {
    const t = tail(kit.client, { stream: 'positions', start: { type: 'LATEST' }, end: { type: 'AT_TIMESTAMP', timestamp: Date.now() + 3000 }, statusIntervalMs: 250 });
    await t.until((items) => items.some((i) => i.type === 'status'));
    const fresh = await put(kit.kinesis, 'positions', records('c', 5));
    await t.ended;
    expect(t.rows().map((r) => r.sequenceNumber)).toEqual(fresh.map((p) => p.sequenceNumber));
    expect(t.items.at(-1)).toMatchObject({ type: 'end', reason: 'end-position' });
  });

  it('newest-first over a time range', async () => {
    const t = tail(kit.client, { stream: 'positions', order: 'newest-first', start: { type: 'AT_TIMESTAMP', timestamp: 0 }, end: { type: 'AT_TIMESTAMP', timestamp: afterAll_ } });
    await t.ended;
    expect(t.rows().map((r) => r.sequenceNumber)).toEqual(seqs(0, 19).reverse());
    expect(t.items.at(-1)).toMatchObject({ type: 'end', reason: 'range-done', scanned: 20, matched: 20 });
  });

  it('filters historical ranges, with scanned and matched counters', async () => {
    const t = tail(kit.client, { stream: 'positions', start: { type: 'TRIM_HORIZON' }, end: { type: 'AT_TIMESTAMP', timestamp: afterAll_ }, filter: { jsonata: 'prefix = "b" and i >= 5' }, columns: ['i', 'prefix'] });
    await t.ended;
    expect(t.rows().map((r) => r.columns)).toEqual([5, 6, 7, 8, 9].map((i) => [String(i), 'b']));
    expect(t.items.at(-1)).toMatchObject({ scanned: 20, matched: 5 });
  });

  it('refuses a sequence position over several shards, an unknown shard, and a broken filter', async () => {
    await expect(run({ start: { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: '1' } })).rejects.toThrow(/ValidationException: AT_SEQUENCE_NUMBER names a record of one shard/);
    await expect(run({ shards: ['shardId-000000000009'], start: { type: 'TRIM_HORIZON' } })).rejects.toThrow(/ResourceNotFoundException: Shard shardId-000000000009 is not in stream positions/);
    await expect(run({ start: { type: 'TRIM_HORIZON' }, filter: { jsonata: 'a = (' } })).rejects.toThrow(/ValidationException: Invalid filter: jsonata: .*at character/);
    await expect(run({ stream: 'nope', start: { type: 'TRIM_HORIZON' } })).rejects.toThrow(/ResourceNotFoundException/);
  });

  it('tail.record: a kept row, and a permalink read again from the stream', async () => {
    const t = tail(kit.client, { stream: 'positions', start: { type: 'TRIM_HORIZON' }, end: { type: 'AT_TIMESTAMP', timestamp: afterAll_ } });
    await t.ended;
    const row = t.rows()[2];
    if (!row) throw new Error('no row');
    const kept = await kit.client.call('tail.record', { sessionId: t.sessionId(), shardId: row.shardId, sequenceNumber: row.sequenceNumber });
    expect(kept).toMatchObject({ partitionKey: puts[2]?.partitionKey, chain: ['JSON'], viewKind: 'json', truncated: false, hiddenNote: null, nextOffset: null });
    expect(JSON.parse(kept.view)).toEqual(JSON.parse(puts[2]?.text ?? ''));
    expect(Buffer.from(kept.dataBase64, 'base64').toString()).toBe(puts[2]?.text);
    const permalink = await kit.client.call('tail.record', { stream: 'positions', shardId: row.shardId, sequenceNumber: row.sequenceNumber });
    expect({ ...permalink }).toEqual({ ...kept });
    expect(await kit.client.call('tail.close', { sessionId: t.sessionId() })).toEqual({ closed: true });
    await expect(kit.client.call('tail.record', { sessionId: t.sessionId(), shardId: row.shardId, sequenceNumber: row.sequenceNumber })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });
});

describe('large payloads', () => {
  it('shows the first 64 KiB of a 1 MiB record with plain wording, and all of it in slices that fit a frame', async () => {
    await createStream(kit.kinesis, 'large', 1);
    const doc = { rows: Array.from({ length: 9000 }, (_, i) => ({ i, name: `ünïcödé row ${i}`, text: 'x'.repeat(60) })) };
    const [written] = await put(kit.kinesis, 'large', [{ partitionKey: 'big', text: JSON.stringify(doc) }]);
    const t = tail(kit.client, { stream: 'large', start: { type: 'TRIM_HORIZON' }, end: { type: 'AT_TIMESTAMP', timestamp: Date.now() } });
    await t.ended;
    const row = t.rows()[0];
    expect(row?.size).toBeGreaterThan(900_000);
    expect(row?.preview.length).toBeLessThanOrEqual(200);
    const ref = { sessionId: t.sessionId(), shardId: written?.shardId ?? '', sequenceNumber: written?.sequenceNumber ?? '' };
    const first = await kit.client.call('tail.record', ref);
    expect(first.view.length).toBe(65_536);
    expect(first.truncated).toBe(true);
    expect(first.hiddenNote).toMatch(/^Showing the first 65,536 of [\d,]+ characters \(the data is [\d.]+ (KiB|MiB)\)\. The other [\d,]+ characters are hidden; show all to see them\.$/);
    expect(first.dataTruncated).toBe(true);
    let all = '';
    let calls = 0;
    for (let offset: number | null = 0; offset !== null; calls++) {
      const part: { view: string; nextOffset: number | null } = await kit.client.call('tail.record', { ...ref, all: true, offset });
      all += part.view;
      offset = part.nextOffset;
    }
    expect(JSON.parse(all)).toEqual(doc);
    expect(calls).toBeGreaterThan(1);
  });
});

describe('resharding mid-tail', () => {
  it('follows a split and then a merge, in per-key order, without losing or repeating a record', async () => {
    const stream = 'reshard';
    await createStream(kit.kinesis, stream, 1);
    const t = tail(kit.client, { stream, start: { type: 'TRIM_HORIZON' }, statusIntervalMs: 250 });
    const keys = 11;
    const batch = (name: string) => Array.from({ length: 60 }, (_, i) => ({ partitionKey: `k${i % keys}`, text: JSON.stringify({ k: `k${i % keys}`, n: `${name}-${String(i).padStart(3, '0')}` }) }));
    const all: Put[] = [];
    all.push(...(await put(kit.kinesis, stream, batch('a'))));
    await t.until(() => t.rows().length >= 60);
    await kit.kinesis.send(new SplitShardCommand({ StreamName: stream, ShardToSplit: 'shardId-000000000000', NewStartingHashKey: (2n ** 127n).toString() }));
    await waitActive(kit.kinesis, stream);
    all.push(...(await put(kit.kinesis, stream, batch('b'))));
    await t.until(() => t.rows().length >= 120);
    await kit.kinesis.send(new MergeShardsCommand({ StreamName: stream, ShardToMerge: 'shardId-000000000001', AdjacentShardToMerge: 'shardId-000000000002' }));
    await waitActive(kit.kinesis, stream);
    all.push(...(await put(kit.kinesis, stream, batch('c'))));
    await t.until(() => t.rows().length >= 180);
    await sleep(1000); // anything repeated would show up now
    t.handle.unsubscribe();
    const rows = t.rows();
    expect(rows.map(key).sort()).toEqual(all.map(key).sort());
    expect(new Set(rows.map((r) => r.shardId))).toEqual(new Set(['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002', 'shardId-000000000003']));
    // Per key, the rows come out in the order they were written.
    for (let k = 0; k < keys; k++) {
      const written = all.filter((p) => p.partitionKey === `k${k}`).map(key);
      const seen = rows.filter((r) => r.partitionKey === `k${k}`).map(key);
      expect(seen).toEqual(written);
    }
    expect(texts(rows).length).toBe(180);
  });
});

describe('read budget and iterator age', () => {
  it('reports the tailer’s own calls and bytes per shard against 5 calls/s and 2 MiB/s, and MillisBehindLatest', async () => {
    await createStream(kit.kinesis, 'budget', 2);
    await put(kit.kinesis, 'budget', records('x', 300, 50));
    const t = tail(kit.client, { stream: 'budget', start: { type: 'TRIM_HORIZON' }, end: { type: 'AT_TIMESTAMP', timestamp: Date.now() + 1500 }, mode: { type: 'polling', maxCallsPerSecond: 3, limit: 10 }, statusIntervalMs: 250 });
    await t.ended;
    expect(t.rows()).toHaveLength(300);
    const shards = t.statuses().flatMap((s) => s.shards);
    expect(shards.length).toBeGreaterThan(0);
    for (const s of shards) {
      expect(s.callBudget).toBe(5);
      expect(s.byteBudget).toBe(2 * 1024 * 1024);
      expect(s.callsPerSecond).toBeLessThanOrEqual(3);
    }
    expect(shards.some((s) => (s.callsPerSecond ?? 0) > 0 && s.bytesPerSecond > 0)).toBe(true);
    expect(shards.some((s) => (s.millisBehindLatest ?? 0) > 0)).toBe(true);
    expect(t.statuses().at(-1)?.shards.every((s) => s.millisBehindLatest === 0 || s.state === 'stopped')).toBe(true);
  });
});

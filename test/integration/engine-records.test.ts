// Writing and reading records end to end: PutRecord(s), GetShardIterator, GetRecords, ListShards, over both
// HTTP handlers, with AWS's error paths, iterator expiry and forgery, restarts, retention and drained shards.
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  type GetRecordsCommandOutput,
  type KinesisClient,
  type _Record,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitionKeyHash, rangeContains } from '../../shared/domain/hashKey';
import { trimExpiredRecords } from '../../main/engine/kinesis/streams/retention';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { client, failure, HANDLERS, start } from '../support/engine-kit';
import { tempDir } from '../support/tempDir';

const ACCOUNT = '000000000000';
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined) => new TextDecoder().decode(data);

async function iterator(kinesis: KinesisClient, stream: string, shard: string, type: 'TRIM_HORIZON' | 'LATEST' = 'TRIM_HORIZON'): Promise<string> {
  const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard, ShardIteratorType: type }));
  if (!ShardIterator) throw new Error('no iterator');
  return ShardIterator;
}

async function readAll(kinesis: KinesisClient, stream: string, shard: string): Promise<_Record[]> {
  let it: string | undefined = await iterator(kinesis, stream, shard);
  const out: _Record[] = [];
  for (let i = 0; i < 100 && it; i++) {
    const page: GetRecordsCommandOutput = await kinesis.send(new GetRecordsCommand({ ShardIterator: it }));
    out.push(...(page.Records ?? []));
    if ((page.Records ?? []).length === 0) break;
    it = page.NextShardIterator;
  }
  return out;
}

describe.each(HANDLERS)('records over $name', (handler) => {
  let engine: RunningEngine;
  let kinesis: KinesisClient;
  let now = Date.now();

  beforeAll(async () => {
    engine = await start({ clock: () => now });
    kinesis = client(engine, handler);
    await kinesis.send(new CreateStreamCommand({ StreamName: 'events', ShardCount: 4 }));
    await kinesis.send(new CreateStreamCommand({ StreamName: 'other', ShardCount: 2 }));
  });
  afterAll(async () => {
    kinesis.destroy();
    await engine.close();
  });

  it('puts a record and reads it back', async () => {
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'events', PartitionKey: 'alpha', Data: bytes('hello') }));
    expect(put.SequenceNumber).toMatch(/^\d{56}$/);
    expect(put.EncryptionType).toBe('NONE');
    const owner = (await kinesis.send(new ListShardsCommand({ StreamName: 'events' }))).Shards?.find((s) =>
      rangeContains({ StartingHashKey: s.HashKeyRange?.StartingHashKey ?? '', EndingHashKey: s.HashKeyRange?.EndingHashKey ?? '' }, partitionKeyHash('alpha')),
    );
    expect(put.ShardId).toBe(owner?.ShardId);
    const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: await iterator(kinesis, 'events', put.ShardId ?? '') }));
    expect(page.Records).toHaveLength(1);
    const [record] = page.Records ?? [];
    expect(text(record?.Data)).toBe('hello');
    expect(record?.PartitionKey).toBe('alpha');
    expect(record?.SequenceNumber).toBe(put.SequenceNumber);
    expect(record?.ApproximateArrivalTimestamp?.getTime()).toBe(now);
    expect(page.MillisBehindLatest).toBe(0);
    expect(page.NextShardIterator).toBeTypeOf('string');
    expect(page.ChildShards).toBeUndefined();
  });

  it('puts 500 records routed by MD5, in order per shard', async () => {
    const records = Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `key-${i}`, Data: bytes(`record-${i}`) }));
    const result = await kinesis.send(new PutRecordsCommand({ StreamName: 'other', Records: records }));
    expect(result.FailedRecordCount).toBe(0);
    expect(result.Records).toHaveLength(500);
    const shards = (await kinesis.send(new ListShardsCommand({ StreamName: 'other' }))).Shards ?? [];
    result.Records?.forEach((r, i) => {
      const shard = shards.find((s) => s.ShardId === r.ShardId);
      expect(rangeContains({ StartingHashKey: shard?.HashKeyRange?.StartingHashKey ?? '', EndingHashKey: shard?.HashKeyRange?.EndingHashKey ?? '' }, partitionKeyHash(`key-${i}`))).toBe(true);
    });
    let total = 0;
    for (const shard of shards) {
      const read = await readAll(kinesis, 'other', shard.ShardId ?? '');
      total += read.length;
      const seqs = read.map((r) => BigInt(r.SequenceNumber ?? '0'));
      expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : 1)));
      expect(new Set(seqs).size).toBe(seqs.length);
      const expected = result.Records?.filter((r) => r.ShardId === shard.ShardId).map((r) => r.SequenceNumber);
      expect(read.map((r) => r.SequenceNumber)).toEqual(expected);
    }
    expect(total).toBe(500);
  });

  it('routes and reads back partition keys of any text and data of any bytes', async () => {
    const keys = ['plain', 'quote " and \\ backslash', 'tab\tnew\nline\u0001', 'ünïcödé 値 ключ', '😀 emoji 🚀', 'é'.repeat(256), 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), '\u007f\u0080\u07ff\u0800\uffff'];
    const data = keys.map((_, i) => Uint8Array.from({ length: 50 + i * 7 }, (__, j) => (j * 31 + i * 17) % 256));
    await kinesis.send(new CreateStreamCommand({ StreamName: 'texts', ShardCount: 8 }));
    const result = await kinesis.send(new PutRecordsCommand({ StreamName: 'texts', Records: keys.map((key, i) => ({ PartitionKey: key, Data: data[i] })) }));
    expect(result.FailedRecordCount).toBe(0);
    const shards = (await kinesis.send(new ListShardsCommand({ StreamName: 'texts' }))).Shards ?? [];
    const read = new Map<string, _Record>();
    for (const shard of shards) for (const record of await readAll(kinesis, 'texts', shard.ShardId ?? '')) read.set(record.SequenceNumber ?? '', record);
    keys.forEach((key, i) => {
      const put = result.Records?.[i];
      const shard = shards.find((s) => s.ShardId === put?.ShardId);
      expect(rangeContains({ StartingHashKey: shard?.HashKeyRange?.StartingHashKey ?? '', EndingHashKey: shard?.HashKeyRange?.EndingHashKey ?? '' }, partitionKeyHash(key))).toBe(true);
      const record = read.get(put?.SequenceNumber ?? '');
      expect(record?.PartitionKey).toBe(key);
      expect(Array.from(record?.Data ?? [])).toEqual(Array.from(data[i] ?? []));
    });
  });

  it('routes by ExplicitHashKey and rejects one out of range', async () => {
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'events', PartitionKey: 'x', ExplicitHashKey: '340282366920938463463374607431768211455', Data: bytes('last') }));
    expect(put.ShardId).toBe('shardId-000000000003');
    const batch = await kinesis.send(new PutRecordsCommand({ StreamName: 'events', Records: [{ PartitionKey: 'x', ExplicitHashKey: '0', Data: bytes('first') }] }));
    expect(batch.Records?.[0]?.ShardId).toBe('shardId-000000000000');
    // Each shard's first hash key routes to it, and the key just below to the shard before.
    const shards = (await kinesis.send(new ListShardsCommand({ StreamName: 'events' }))).Shards ?? [];
    for (let i = 1; i < shards.length; i++) {
      const start = BigInt(shards[i]?.HashKeyRange?.StartingHashKey ?? '0');
      const edges = await kinesis.send(
        new PutRecordsCommand({ StreamName: 'events', Records: [start, start - 1n].map((key) => ({ PartitionKey: 'x', ExplicitHashKey: String(key), Data: bytes('edge') })) }),
      );
      expect(edges.Records?.map((r) => r.ShardId)).toEqual([shards[i]?.ShardId, shards[i - 1]?.ShardId]);
    }
    const error = await failure(kinesis.send(new PutRecordCommand({ StreamName: 'events', PartitionKey: 'x', ExplicitHashKey: '340282366920938463463374607431768211456', Data: bytes('x') })));
    expect(error).toEqual({
      name: 'InvalidArgumentException',
      message: 'Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was 340282366920938463463374607431768211456',
      status: 400,
    });
  });

  it('validates writes in AWS format', async () => {
    const tooMany = Array.from({ length: 501 }, () => ({ PartitionKey: 'k', Data: bytes('x') }));
    const many = await failure(kinesis.send(new PutRecordsCommand({ StreamName: 'events', Records: tooMany })));
    expect(many.name).toBe('ValidationException');
    expect(many.message).toMatch(/^1 validation error detected: Value '\[com\.amazonaws\.kinesis\.v20131202\.PutRecordsRequestEntry@c965e310, .*\]' at 'records' failed to satisfy constraint: Member must have length less than or equal to 500$/);
    const emptyKey = await failure(kinesis.send(new PutRecordsCommand({ StreamName: 'events', Records: [{ PartitionKey: '', Data: bytes('x') }] })));
    expect(emptyKey.message).toBe("1 validation error detected: Value '' at 'records.1.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1");
    const big = await failure(kinesis.send(new PutRecordCommand({ StreamName: 'events', PartitionKey: 'k', Data: new Uint8Array(1024 * 1024 + 1) })));
    expect(big).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576",
      status: 400,
    });
    const tooLarge = Array.from({ length: 6 }, () => ({ PartitionKey: 'k', Data: new Uint8Array(1024 * 1024 - 10) }));
    expect(await failure(kinesis.send(new PutRecordsCommand({ StreamName: 'events', Records: tooLarge })))).toEqual({ name: 'InvalidArgumentException', message: 'Records size exceeds 5 MB limit', status: 400 });
    const missing = await failure(kinesis.send(new PutRecordCommand({ StreamName: 'nope', PartitionKey: 'k', Data: bytes('x') })));
    expect(missing).toEqual({ name: 'ResourceNotFoundException', message: `Stream nope under account ${ACCOUNT} not found.`, status: 400 });
  });

  it('positions iterators of every type', async () => {
    const shard = 'shardId-000000000001';
    const key = 'routes-to-1';
    const first = await kinesis.send(new PutRecordCommand({ StreamName: 'events', PartitionKey: key, ExplicitHashKey: '100000000000000000000000000000000000000', Data: bytes('a') }));
    expect(first.ShardId).toBe(shard);
    const latest = await iterator(kinesis, 'events', shard, 'LATEST');
    now += 10;
    const second = await kinesis.send(new PutRecordCommand({ StreamName: 'events', PartitionKey: key, ExplicitHashKey: '100000000000000000000000000000000000000', Data: bytes('b') }));
    const fromLatest = await kinesis.send(new GetRecordsCommand({ ShardIterator: latest }));
    expect(fromLatest.Records?.map((r) => text(r.Data))).toEqual(['b']);

    const at = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'events', ShardId: shard, ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: first.SequenceNumber }));
    expect((await kinesis.send(new GetRecordsCommand({ ShardIterator: at.ShardIterator }))).Records?.map((r) => text(r.Data))).toEqual(['a', 'b']);
    const after = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'events', ShardId: shard, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: first.SequenceNumber }));
    expect((await kinesis.send(new GetRecordsCommand({ ShardIterator: after.ShardIterator }))).Records?.map((r) => text(r.Data))).toEqual(['b']);
    const atTime = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'events', ShardId: shard, ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date(now) }));
    const timed = await kinesis.send(new GetRecordsCommand({ ShardIterator: atTime.ShardIterator }));
    expect(timed.Records?.map((r) => r.SequenceNumber)).toEqual([second.SequenceNumber]);
    const limited = await kinesis.send(new GetRecordsCommand({ ShardIterator: at.ShardIterator, Limit: 1 }));
    expect(limited.Records?.map((r) => text(r.Data))).toEqual(['a']);
    expect(limited.MillisBehindLatest).toBe(10);
    const rest = await kinesis.send(new GetRecordsCommand({ ShardIterator: limited.NextShardIterator }));
    expect(rest.Records?.map((r) => text(r.Data))).toEqual(['b']);
  });

  it('refuses bad iterator requests with AWS messages', async () => {
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'events', PartitionKey: 'k', ExplicitHashKey: '0', Data: bytes('x') }));
    const wrongShard = await failure(kinesis.send(new GetShardIteratorCommand({ StreamName: 'events', ShardId: 'shardId-000000000002', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: put.SequenceNumber })));
    expect(wrongShard).toEqual({ name: 'InvalidArgumentException', message: 'Invalid StartingSequenceNumber. It encodes shardId-000000000000, while it was used in a call to a shard with shardId-000000000002', status: 400 });
    const otherStream = await failure(kinesis.send(new GetShardIteratorCommand({ StreamName: 'other', ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: put.SequenceNumber })));
    expect(otherStream.message).toBe(`StartingSequenceNumber ${put.SequenceNumber} used in GetShardIterator on shard shardId-000000000000 in stream other under account ${ACCOUNT} is invalid because it did not come from this stream.`);
    const none = await failure(kinesis.send(new GetShardIteratorCommand({ StreamName: 'events', ShardId: 'shardId-000000000000', ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' })));
    expect(none.message).toBe('Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified AFTER_SEQUENCE_NUMBER and no StartingSequenceNumber.');
    const noShard = await failure(kinesis.send(new GetShardIteratorCommand({ StreamName: 'events', ShardId: 'shardId-000000000009', ShardIteratorType: 'LATEST' })));
    expect(noShard).toEqual({ name: 'ResourceNotFoundException', message: `Shard shardId-000000000009 in stream events under account ${ACCOUNT} does not exist`, status: 400 });
    const noTime = await failure(kinesis.send(new GetShardIteratorCommand({ StreamName: 'events', ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_TIMESTAMP' })));
    expect(noTime.message).toBe('Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.');
    const badType = await failure(kinesis.send(new GetShardIteratorCommand({ StreamName: 'events', ShardId: 'shardId-000000000000', ShardIteratorType: 'SIDEWAYS' as 'LATEST' })));
    expect(badType.message).toBe("1 validation error detected: Value 'SIDEWAYS' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]");
  });

  it('rejects forged and expired iterators', async () => {
    const good = await iterator(kinesis, 'events', 'shardId-000000000000');
    const chars = good.split('');
    const at = 20;
    chars[at] = chars[at] === 'A' ? 'B' : 'A';
    expect(await failure(kinesis.send(new GetRecordsCommand({ ShardIterator: chars.join('') })))).toEqual({ name: 'InvalidArgumentException', message: 'Invalid ShardIterator.', status: 400 });
    expect((await failure(kinesis.send(new GetRecordsCommand({ ShardIterator: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })))).message).toBe('Invalid ShardIterator.');
    now += 300_001;
    const expired = await failure(kinesis.send(new GetRecordsCommand({ ShardIterator: good })));
    expect(expired.name).toBe('ExpiredIteratorException');
    expect(expired.message).toMatch(/^Iterator expired\. The iterator was created at time \w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4} while right now it is .* which is further in the future than the tolerated delay of 300000 milliseconds\.$/);
  });

  it('does not serve an iterator of a deleted stream to its successor', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'reborn', ShardCount: 1 }));
    const old = await iterator(kinesis, 'reborn', 'shardId-000000000000');
    await kinesis.send(new DeleteStreamCommand({ StreamName: 'reborn' }));
    await kinesis.send(new CreateStreamCommand({ StreamName: 'reborn', ShardCount: 1 }));
    expect((await failure(kinesis.send(new GetRecordsCommand({ ShardIterator: old })))).name).toBe('ResourceNotFoundException');
  });

  it('lists shards with paging and filters', async () => {
    const all = await kinesis.send(new ListShardsCommand({ StreamName: 'events' }));
    expect(all.Shards?.map((s) => s.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002', 'shardId-000000000003']);
    expect(all.NextToken).toBeUndefined();
    const first = await kinesis.send(new ListShardsCommand({ StreamName: 'events', MaxResults: 3 }));
    expect(first.Shards).toHaveLength(3);
    const second = await kinesis.send(new ListShardsCommand({ NextToken: first.NextToken, MaxResults: 3 }));
    expect(second.Shards?.map((s) => s.ShardId)).toEqual(['shardId-000000000003']);
    expect(second.NextToken).toBeUndefined();
    const afterId = await kinesis.send(new ListShardsCommand({ StreamName: 'events', ExclusiveStartShardId: 'shardId-000000000001' }));
    expect(afterId.Shards?.map((s) => s.ShardId)).toEqual(['shardId-000000000002', 'shardId-000000000003']);
    const filtered = await kinesis.send(new ListShardsCommand({ StreamName: 'events', ShardFilter: { Type: 'AFTER_SHARD_ID', ShardId: 'shardId-000000000002' } }));
    expect(filtered.Shards?.map((s) => s.ShardId)).toEqual(['shardId-000000000003']);
    for (const type of ['AT_LATEST', 'AT_TRIM_HORIZON', 'FROM_TRIM_HORIZON'] as const) {
      expect((await kinesis.send(new ListShardsCommand({ StreamName: 'events', ShardFilter: { Type: type } }))).Shards).toHaveLength(4);
    }
    for (const type of ['AT_TIMESTAMP', 'FROM_TIMESTAMP'] as const) {
      expect((await kinesis.send(new ListShardsCommand({ StreamName: 'events', ShardFilter: { Type: type, Timestamp: new Date(now) } }))).Shards).toHaveLength(4);
    }
    const byArn = await kinesis.send(new ListShardsCommand({ StreamARN: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/events`, MaxResults: 1 }));
    expect(byArn.Shards?.map((s) => s.ShardId)).toEqual(['shardId-000000000000']);
  });

  it('refuses invalid ListShards combinations', async () => {
    const { NextToken } = await kinesis.send(new ListShardsCommand({ StreamName: 'events', MaxResults: 1 }));
    expect(await failure(kinesis.send(new ListShardsCommand({ StreamName: 'events', NextToken })))).toEqual({ name: 'InvalidArgumentException', message: 'NextToken and StreamName cannot be provided together.', status: 400 });
    expect((await failure(kinesis.send(new ListShardsCommand({})))).message).toBe('Either NextToken or StreamName should be provided.');
    expect((await failure(kinesis.send(new ListShardsCommand({ StreamName: 'events', ShardFilter: { Type: 'AFTER_SHARD_ID' } })))).name).toBe('InvalidArgumentException');
    expect((await failure(kinesis.send(new ListShardsCommand({ StreamName: 'events', ShardFilter: { Type: 'AT_TIMESTAMP' } })))).name).toBe('InvalidArgumentException');
    expect((await failure(kinesis.send(new ListShardsCommand({ StreamName: 'events', ShardFilter: { Type: 'AT_LATEST' }, ExclusiveStartShardId: 'shardId-000000000000' })))).name).toBe('InvalidArgumentException');
    expect((await failure(kinesis.send(new ListShardsCommand({ NextToken: 'bm9wZQ==' })))).message).toBe('Invalid NextToken.');
    expect((await failure(kinesis.send(new ListShardsCommand({ StreamName: 'events', MaxResults: 10001 })))).message).toBe(
      "1 validation error detected: Value '10001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10000",
    );
  });
});

describe('records across restarts, retention and closed shards', () => {
  it('keeps records, sequence order and iterators across a restart', async () => {
    const dir = tempDir('engine');
    try {
      const first = await start({ dataDir: dir.path });
      const k1 = client(first, HANDLERS[0]);
      await k1.send(new CreateStreamCommand({ StreamName: 'durable', ShardCount: 1 }));
      const before = await k1.send(new PutRecordsCommand({ StreamName: 'durable', Records: [1, 2, 3].map((i) => ({ PartitionKey: `p${i}`, Data: bytes(`v${i}`) })) }));
      const it = await iterator(k1, 'durable', 'shardId-000000000000');
      k1.destroy();
      await first.close();

      const second = await start({ dataDir: dir.path });
      const k2 = client(second, HANDLERS[1]);
      const after = await k2.send(new PutRecordCommand({ StreamName: 'durable', PartitionKey: 'p4', Data: bytes('v4') }));
      expect(BigInt(after.SequenceNumber ?? '0')).toBeGreaterThan(BigInt(before.Records?.[2]?.SequenceNumber ?? '0'));
      const page = await k2.send(new GetRecordsCommand({ ShardIterator: it }));
      expect(page.Records?.map((r) => text(r.Data))).toEqual(['v1', 'v2', 'v3', 'v4']);
      k2.destroy();
      await second.close();
    } finally {
      dir.remove();
    }
  });

  it('trims records past retention', async () => {
    let now = Date.now();
    const engine = await start({ clock: () => now });
    const kinesis = client(engine, HANDLERS[1]);
    try {
      await kinesis.send(new CreateStreamCommand({ StreamName: 'short', ShardCount: 1 }));
      await kinesis.send(new PutRecordCommand({ StreamName: 'short', PartitionKey: 'k', Data: bytes('old') }));
      now += 23 * 3_600_000;
      await kinesis.send(new PutRecordCommand({ StreamName: 'short', PartitionKey: 'k', Data: bytes('new') }));
      now += 2 * 3_600_000;
      expect((await readAll(kinesis, 'short', 'shardId-000000000000')).map((r) => text(r.Data))).toEqual(['new']);
      expect(trimExpiredRecords(engine.kinesis)).toBe(1);
      expect(trimExpiredRecords(engine.kinesis)).toBe(0);
      expect((await readAll(kinesis, 'short', 'shardId-000000000000')).map((r) => text(r.Data))).toEqual(['new']);
    } finally {
      kinesis.destroy();
      await engine.close();
    }
  });

  it('ends a drained closed shard with ChildShards and no NextShardIterator', async () => {
    const engine = await start();
    const kinesis = client(engine, HANDLERS[0]);
    try {
      await kinesis.send(new CreateStreamCommand({ StreamName: 'split', ShardCount: 1 }));
      await kinesis.send(new PutRecordCommand({ StreamName: 'split', PartitionKey: 'k', Data: bytes('before') }));
      const it = await iterator(kinesis, 'split', 'shardId-000000000000');
      // Close the shard and open two children the way resharding does, through the store.
      const { store } = engine.engine;
      const stream = engine.kinesis.findStream('us-east-1', 'split');
      const parent = stream?.shards[0];
      if (!stream || !parent) throw new Error('no stream');
      const now = Date.now();
      store.transaction(() => {
        store.closeShard(parent.id, parent.lastSeq, now);
        const half = '170141183460469231731687303715884105728';
        const common = { streamRowId: stream.id, parentIndex: 0, adjacentParentIndex: null, startingSeq: now * 1024, endingSeq: null, lastSeq: now * 1024 - 1, createdMs: now, closedMs: null };
        store.insertShard({ ...common, shardIndex: 1, startHash: '0', endHash: '170141183460469231731687303715884105727' });
        store.insertShard({ ...common, shardIndex: 2, startHash: half, endHash: '340282366920938463463374607431768211455' });
        store.updateStream(stream.id, { nextShardIndex: 3 });
      });
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: it }));
      expect(page.Records?.map((r) => text(r.Data))).toEqual(['before']);
      expect(page.NextShardIterator).toBeUndefined();
      expect(page.ChildShards?.map((c) => [c.ShardId, c.ParentShards])).toEqual([
        ['shardId-000000000001', ['shardId-000000000000']],
        ['shardId-000000000002', ['shardId-000000000000']],
      ]);
      const shards = await kinesis.send(new ListShardsCommand({ StreamName: 'split' }));
      expect(shards.Shards?.[0]?.SequenceNumberRange?.EndingSequenceNumber).toMatch(/^\d{56}$/);
      expect(shards.Shards?.[1]?.ParentShardId).toBe('shardId-000000000000');
      expect((await kinesis.send(new ListShardsCommand({ StreamName: 'split', ShardFilter: { Type: 'AT_LATEST' } }))).Shards?.map((s) => s.ShardId)).toEqual(['shardId-000000000001', 'shardId-000000000002']);
      const put = await kinesis.send(new PutRecordCommand({ StreamName: 'split', PartitionKey: 'k', Data: bytes('after') }));
      expect(['shardId-000000000001', 'shardId-000000000002']).toContain(put.ShardId);
    } finally {
      kinesis.destroy();
      await engine.close();
    }
  });
});

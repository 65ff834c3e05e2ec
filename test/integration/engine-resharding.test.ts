// Resharding end to end: SplitShard, MergeShards and UpdateShardCount over both HTTP handlers with the real SDK,
// their AWS error paths, the UPDATING window, lineage, and reading every key in order across the shard tree.
import {
  CreateStreamCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  MergeShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  SplitShardCommand,
  UpdateShardCountCommand,
  type KinesisClient,
  type Shard,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evenHashRanges, MAX_HASH_KEY, partitionKeyHash } from '../../shared/domain/hashKey';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { client, failure, HANDLERS, start } from '../support/engine-kit';
import { tempDir } from '../support/tempDir';

const ACCOUNT = '000000000000';
const HALF = (1n << 127n).toString();
const MAX = MAX_HASH_KEY.toString();
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined) => new TextDecoder().decode(data);
const shardId = (index: number) => `shardId-${String(index).padStart(12, '0')}`;
const KEYS = Array.from({ length: 24 }, (_, i) => `key-${i}`);

async function shardsOf(kinesis: KinesisClient, stream: string): Promise<Shard[]> {
  return (await kinesis.send(new ListShardsCommand({ StreamName: stream }))).Shards ?? [];
}

async function openRanges(kinesis: KinesisClient, stream: string) {
  const open = (await kinesis.send(new ListShardsCommand({ StreamName: stream, ShardFilter: { Type: 'AT_LATEST' } }))).Shards ?? [];
  return open.map((s) => s.HashKeyRange).sort((a, b) => (BigInt(a?.StartingHashKey ?? 0) < BigInt(b?.StartingHashKey ?? 0) ? -1 : 1));
}

async function putRound(kinesis: KinesisClient, stream: string, round: string): Promise<void> {
  await kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: KEYS.map((key) => ({ PartitionKey: key, Data: bytes(`${key}:${round}`) })) }));
}

interface ShardRead {
  records: { key: string; data: string }[];
  children?: { ShardId?: string; ParentShards?: string[] }[];
}

/** Reads a shard from TRIM_HORIZON until it ends (closed: no NextShardIterator) or an empty page (open). */
async function readShard(kinesis: KinesisClient, stream: string, shard: string): Promise<ShardRead> {
  const start = await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard, ShardIteratorType: 'TRIM_HORIZON' }));
  let iterator = start.ShardIterator;
  const records: ShardRead['records'] = [];
  for (let page = 0; page < 50 && iterator; page++) {
    const out = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 7 }));
    records.push(...(out.Records ?? []).map((r) => ({ key: r.PartitionKey ?? '', data: text(r.Data) })));
    if (!out.NextShardIterator) return { records, children: out.ChildShards };
    if ((out.Records ?? []).length === 0) break;
    iterator = out.NextShardIterator;
  }
  return { records };
}

/**
 * Every record per partition key, reading the tree the way a KCL consumer does: start at the shards with no
 * parent, read each to its end, then its ChildShards once all of a child's parents are done.
 */
async function readTree(kinesis: KinesisClient, stream: string): Promise<Map<string, string[]>> {
  const shards = await shardsOf(kinesis, stream);
  const done = new Set<string>();
  const perKey = new Map<string, string[]>();
  const queue = shards.filter((s) => !s.ParentShardId).map((s) => s.ShardId ?? '');
  const parentsOf = new Map(shards.map((s) => [s.ShardId ?? '', [s.ParentShardId, s.AdjacentParentShardId].filter((p): p is string => p !== undefined)]));
  while (queue.length > 0) {
    const id = queue.shift() ?? '';
    if (done.has(id)) continue;
    if (!(parentsOf.get(id) ?? []).every((p) => done.has(p))) {
      queue.push(id);
      continue;
    }
    const read = await readShard(kinesis, stream, id);
    done.add(id);
    for (const { key, data } of read.records) perKey.set(key, [...(perKey.get(key) ?? []), data]);
    for (const child of read.children ?? []) queue.push(child.ShardId ?? '');
  }
  expect([...done].sort()).toEqual(shards.map((s) => s.ShardId).sort());
  return perKey;
}

describe.each(HANDLERS)('resharding over $name', (handler) => {
  let engine: RunningEngine;
  let kinesis: KinesisClient;
  let now = Date.now();

  beforeAll(async () => {
    engine = await start({ clock: () => now, shardLimit: 100 });
    kinesis = client(engine, handler);
  });
  afterAll(async () => {
    kinesis.destroy();
    await engine.close();
  });

  it('splits a shard: the parent closes, children cover its halves, and every key reads in order across them', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'split', ShardCount: 1 }));
    await putRound(kinesis, 'split', 'before');
    expect(await kinesis.send(new SplitShardCommand({ StreamName: 'split', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: HALF }))).toMatchObject({});
    now += 1000;
    await putRound(kinesis, 'split', 'after');

    const [parent, low, high] = await shardsOf(kinesis, 'split');
    expect(parent?.SequenceNumberRange?.EndingSequenceNumber).toMatch(/^\d{56}$/);
    expect(low).toMatchObject({ ShardId: shardId(1), ParentShardId: shardId(0), HashKeyRange: { StartingHashKey: '0', EndingHashKey: (BigInt(HALF) - 1n).toString() } });
    expect(high).toMatchObject({ ShardId: shardId(2), ParentShardId: shardId(0), HashKeyRange: { StartingHashKey: HALF, EndingHashKey: MAX } });
    expect(low?.AdjacentParentShardId).toBeUndefined();
    expect(low?.SequenceNumberRange?.EndingSequenceNumber).toBeUndefined();
    // Children's sequence numbers start after the parent's last one.
    expect(BigInt(low?.SequenceNumberRange?.StartingSequenceNumber ?? 0)).toBeGreaterThan(BigInt(parent?.SequenceNumberRange?.EndingSequenceNumber ?? 0));

    const drained = await readShard(kinesis, 'split', shardId(0));
    expect(drained.records.map((r) => r.data)).toEqual(KEYS.map((k) => `${k}:before`));
    expect(drained.children?.map((c) => [c.ShardId, c.ParentShards])).toEqual([
      [shardId(1), [shardId(0)]],
      [shardId(2), [shardId(0)]],
    ]);
    for (const child of [low, high]) {
      const { records } = await readShard(kinesis, 'split', child?.ShardId ?? '');
      for (const { key } of records) {
        const hash = partitionKeyHash(key);
        expect(hash >= BigInt(child?.HashKeyRange?.StartingHashKey ?? 0) && hash <= BigInt(child?.HashKeyRange?.EndingHashKey ?? 0)).toBe(true);
      }
    }
    const perKey = await readTree(kinesis, 'split');
    for (const key of KEYS) expect(perKey.get(key)).toEqual([`${key}:before`, `${key}:after`]);
  });

  it('merges two adjacent shards into one child naming both parents', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'merge', ShardCount: 3 }));
    await putRound(kinesis, 'merge', 'before');
    await kinesis.send(new MergeShardsCommand({ StreamName: 'merge', ShardToMerge: 'shardId-000000000001', AdjacentShardToMerge: 'shardId-000000000002' }));
    await putRound(kinesis, 'merge', 'after');
    const shards = await shardsOf(kinesis, 'merge');
    expect(shards.map((s) => s.ShardId)).toEqual([0, 1, 2, 3].map(shardId));
    const [first, , , child] = shards;
    expect(shards[1]?.SequenceNumberRange?.EndingSequenceNumber).toMatch(/^\d{56}$/);
    expect(shards[2]?.SequenceNumberRange?.EndingSequenceNumber).toMatch(/^\d{56}$/);
    expect(first?.SequenceNumberRange?.EndingSequenceNumber).toBeUndefined();
    expect(child).toMatchObject({
      ParentShardId: shardId(1),
      AdjacentParentShardId: shardId(2),
      HashKeyRange: { StartingHashKey: shards[1]?.HashKeyRange?.StartingHashKey, EndingHashKey: MAX },
    });
    const drained = await readShard(kinesis, 'merge', shardId(2));
    expect(drained.children).toEqual([
      { ShardId: shardId(3), ParentShards: [shardId(1), shardId(2)], HashKeyRange: child?.HashKeyRange },
    ]);
    const perKey = await readTree(kinesis, 'merge');
    for (const key of KEYS) expect(perKey.get(key)).toEqual([`${key}:before`, `${key}:after`]);
    const { StreamDescriptionSummary: summary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'merge' }));
    expect(summary?.OpenShardCount).toBe(2);
  });

  it('scales up and down with UNIFORM_SCALING to even ranges, keeping every key readable in order', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'scale', ShardCount: 2 }));
    await putRound(kinesis, 'scale', 'r0');
    const steps: [number, number][] = [[2, 4], [4, 3], [3, 5], [5, 3], [3, 2]];
    for (const [current, target] of steps) {
      const out = await kinesis.send(new UpdateShardCountCommand({ StreamName: 'scale', TargetShardCount: target, ScalingType: 'UNIFORM_SCALING' }));
      expect(out).toMatchObject({ StreamName: 'scale', CurrentShardCount: current, TargetShardCount: target, StreamARN: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/scale` });
      await putRound(kinesis, 'scale', `${current}->${target}`);
      expect(await openRanges(kinesis, 'scale')).toEqual(evenHashRanges(target));
    }
    const shards = await shardsOf(kinesis, 'scale');
    const byId = new Map(shards.map((s) => [s.ShardId, s]));
    for (const shard of shards.slice(2)) {
      // Every new shard came from a split (one parent holding its range) or a merge (two parents making it up).
      const parent = byId.get(shard.ParentShardId);
      const adjacent = shard.AdjacentParentShardId === undefined ? undefined : byId.get(shard.AdjacentParentShardId);
      expect(parent?.SequenceNumberRange?.EndingSequenceNumber).toMatch(/^\d{56}$/);
      const start = BigInt(shard.HashKeyRange?.StartingHashKey ?? -1);
      const end = BigInt(shard.HashKeyRange?.EndingHashKey ?? -1);
      if (adjacent) {
        expect(BigInt(parent?.HashKeyRange?.StartingHashKey ?? -1)).toBe(start);
        expect(BigInt(parent?.HashKeyRange?.EndingHashKey ?? -1) + 1n).toBe(BigInt(adjacent.HashKeyRange?.StartingHashKey ?? -1));
        expect(BigInt(adjacent.HashKeyRange?.EndingHashKey ?? -1)).toBe(end);
      } else {
        expect(BigInt(parent?.HashKeyRange?.StartingHashKey ?? -1) <= start && end <= BigInt(parent?.HashKeyRange?.EndingHashKey ?? -1)).toBe(true);
      }
    }
    const rounds = ['r0', ...steps.map(([c, t]) => `${c}->${t}`)];
    const perKey = await readTree(kinesis, 'scale');
    for (const key of KEYS) expect(perKey.get(key)).toEqual(rounds.map((round) => `${key}:${round}`));
    // Doubling splits each shard once and halving merges pairs: no short-lived shards in between.
    await kinesis.send(new CreateStreamCommand({ StreamName: 'double', ShardCount: 2 }));
    await kinesis.send(new UpdateShardCountCommand({ StreamName: 'double', TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' }));
    expect((await shardsOf(kinesis, 'double')).map((s) => [s.ShardId, s.ParentShardId])).toEqual([
      [shardId(0), undefined],
      [shardId(1), undefined],
      [shardId(2), shardId(0)],
      [shardId(3), shardId(0)],
      [shardId(4), shardId(1)],
      [shardId(5), shardId(1)],
    ]);
    await kinesis.send(new UpdateShardCountCommand({ StreamName: 'double', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' }));
    expect((await shardsOf(kinesis, 'double')).slice(6).map((s) => [s.ShardId, s.ParentShardId, s.AdjacentParentShardId])).toEqual([
      [shardId(6), shardId(2), shardId(3)],
      [shardId(7), shardId(4), shardId(5)],
    ]);
  });

  it('refuses bad SplitShard requests with AWS errors', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'split-errors', ShardCount: 3 }));
    const split = (shard: string, key: string, stream = 'split-errors') => failure(kinesis.send(new SplitShardCommand({ StreamName: stream, ShardToSplit: shard, NewStartingHashKey: key })));
    expect(await split('shardId-000000000000', '2', 'nope')).toEqual({ name: 'ResourceNotFoundException', message: `Stream nope under account ${ACCOUNT} not found.`, status: 400 });
    expect(await split('ABKLFD8', '2', 'nope')).toEqual({ name: 'ResourceNotFoundException', message: `Could not find shard ABKLFD8 in stream nope under account ${ACCOUNT}.`, status: 400 });
    expect(await split('shardId-2147483648', '2')).toMatchObject({ name: 'ResourceNotFoundException', message: `Could not find shard shardId-2147483648 in stream split-errors under account ${ACCOUNT}.` });
    expect(await split('shardId-5', '2')).toMatchObject({ name: 'ResourceNotFoundException', message: `Could not find shard shardId-000000000005 in stream split-errors under account ${ACCOUNT}.` });
    const [first] = evenHashRanges(3);
    const hashError = (key: string) =>
      `NewStartingHashKey ${key} used in SplitShard() on shard shardId-000000000000 in stream split-errors under account ${ACCOUNT} ` +
      `is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey ${first?.EndingHashKey}.`;
    expect(await split('shard-0', '1')).toEqual({ name: 'InvalidArgumentException', message: hashError('1'), status: 400 });
    expect(await split('shard-0', first?.EndingHashKey ?? '')).toMatchObject({ name: 'InvalidArgumentException', message: hashError(first?.EndingHashKey ?? '') });
    expect(await split('shardId-000000000000', '1'.padEnd(40, '0'))).toMatchObject({ name: 'ValidationException' });
    expect(await failure(kinesis.send(new SplitShardCommand({ StreamName: 'split-errors', ShardToSplit: 'shardId-000000000000' } as never)))).toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value null at 'newStartingHashKey' failed to satisfy constraint: Member must not be null",
    });
    expect(await split('shardId-000000000000', 'x1')).toMatchObject({
      message: "1 validation error detected: Value 'x1' at 'newStartingHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})",
    });
    // The minimum split ("2" on a shard starting at 0) works, and the closed parent cannot be split again.
    await kinesis.send(new SplitShardCommand({ StreamName: 'split-errors', ShardToSplit: 'anything-0', NewStartingHashKey: '2' }));
    const shards = await shardsOf(kinesis, 'split-errors');
    expect(shards[3]?.HashKeyRange).toEqual({ StartingHashKey: '0', EndingHashKey: '1' });
    expect(await split('shardId-000000000000', '5')).toEqual({
      name: 'InvalidArgumentException',
      message: `Shard shardId-000000000000 in stream split-errors under account ${ACCOUNT} has already been merged or split, and thus is not eligible for merging or splitting.`,
      status: 400,
    });
    await kinesis.send(new CreateStreamCommand({ StreamName: 'split-ondemand', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    expect(await split('shardId-000000000000', HALF, 'split-ondemand')).toEqual({
      name: 'ValidationException',
      message: `Request is invalid. Stream split-ondemand under account ${ACCOUNT} is in On-Demand mode.`,
      status: 400,
    });
  });

  it('refuses bad MergeShards requests with AWS errors', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'merge-errors', ShardCount: 3 }));
    const merge = (a: string, b: string, stream = 'merge-errors') => failure(kinesis.send(new MergeShardsCommand({ StreamName: stream, ShardToMerge: a, AdjacentShardToMerge: b })));
    const notAdjacent = (a: number, b: number) => `Shards ${shardId(a)} and ${shardId(b)} in stream merge-errors under account ${ACCOUNT} are not an adjacent pair of shards eligible for merging`;
    expect(await merge('shardId-0', 'shardId-1', 'nope')).toMatchObject({ name: 'ResourceNotFoundException', message: `Stream nope under account ${ACCOUNT} not found.` });
    expect(await merge('shardId-0', '2.14E4')).toMatchObject({ name: 'ResourceNotFoundException', message: `Could not find shard 2.14E4 in stream merge-errors under account ${ACCOUNT}.` });
    expect(await merge('shardId-0', 'shardId-7')).toMatchObject({ name: 'ResourceNotFoundException', message: `Could not find shard shardId-000000000007 in stream merge-errors under account ${ACCOUNT}.` });
    expect(await merge('shardId-0', 'shardId-2')).toEqual({ name: 'InvalidArgumentException', message: notAdjacent(0, 2), status: 400 });
    expect(await merge('shardId-1', 'shardId-0')).toEqual({ name: 'InvalidArgumentException', message: notAdjacent(1, 0), status: 400 });
    expect(await merge('shardId-1', 'shardId-1')).toMatchObject({ message: notAdjacent(1, 1) });
    expect(await failure(kinesis.send(new MergeShardsCommand({ StreamName: 'merge-errors', ShardToMerge: '', AdjacentShardToMerge: 'shardId-1' })))).toMatchObject({
      name: 'ValidationException',
      message:
        "2 validation errors detected: Value '' at 'shardToMerge' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value '' at 'shardToMerge' failed to satisfy constraint: Member must have length greater than or equal to 1",
    });
    await kinesis.send(new MergeShardsCommand({ StreamName: 'merge-errors', ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000001' }));
    expect(await merge('shardId-1', 'shardId-2')).toMatchObject({
      name: 'InvalidArgumentException',
      message: `Shard shardId-000000000001 in stream merge-errors under account ${ACCOUNT} has already been merged or split, and thus is not eligible for merging or splitting.`,
    });
  });

  it('refuses UpdateShardCount outside AWS limits', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'count-errors', ShardCount: 6 }));
    const update = (target: number, stream = 'count-errors') => failure(kinesis.send(new UpdateShardCountCommand({ StreamName: stream, TargetShardCount: target, ScalingType: 'UNIFORM_SCALING' })));
    expect(await update(13)).toEqual({
      name: 'LimitExceededException',
      message: 'UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: 6 Target shard count: 13',
      status: 400,
    });
    expect(await update(2)).toEqual({
      name: 'LimitExceededException',
      message: 'UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: 6 Target shard count: 2',
      status: 400,
    });
    expect(await update(6)).toEqual({
      name: 'InvalidArgumentException',
      message: 'UpdateShardCount target shard count must differ from the current open shard count. Current open shard count: 6 Target shard count: 6',
      status: 400,
    });
    expect(await update(3, 'nope')).toMatchObject({ name: 'ResourceNotFoundException', message: `Stream nope under account ${ACCOUNT} not found.` });
    await kinesis.send(new CreateStreamCommand({ StreamName: 'count-ondemand', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    expect(await update(5, 'count-ondemand')).toMatchObject({ name: 'ValidationException', message: `Request is invalid. Stream count-ondemand under account ${ACCOUNT} is in On-Demand mode.` });
    // The account limit (100 here) counts open shards in the region; the other tests' streams use some.
    const used = (await Promise.all(
      ['split', 'merge', 'scale', 'double', 'split-errors', 'split-ondemand', 'merge-errors', 'count-errors', 'count-ondemand'].map(async (name) => {
        const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
        return summary.StreamDescriptionSummary?.OpenShardCount ?? 0;
      }),
    )).reduce((a, b) => a + b, 0);
    await kinesis.send(new CreateStreamCommand({ StreamName: 'count-big', ShardCount: 100 - used - 2 }));
    expect(await update(12)).toEqual({
      name: 'LimitExceededException',
      message:
        `This request would exceed the shard limit for the account ${ACCOUNT} in us-east-1. Current shard count for the account: 98. Limit: 100. ` +
        'Number of additional shards that would have resulted from this request: 6. Refer to the AWS Service Limits page ' +
        '(https://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.',
      status: 400,
    });
    expect(await failure(kinesis.send(new UpdateShardCountCommand({ StreamName: 'count-errors', TargetShardCount: 0, ScalingType: 'EVEN' as never })))).toEqual({
      name: 'ValidationException',
      message:
        "2 validation errors detected: Value 'EVEN' at 'scalingType' failed to satisfy constraint: Member must satisfy enum value set: [UNIFORM_SCALING]; " +
        "Value '0' at 'targetShardCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
      status: 400,
    });
  });

  it('allows 10 UpdateShardCount calls per stream in a rolling 24 hours', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'rate', ShardCount: 1 }));
    const update = (target: number) => kinesis.send(new UpdateShardCountCommand({ StreamName: 'rate', TargetShardCount: target, ScalingType: 'UNIFORM_SCALING' }));
    const first = now;
    for (let i = 0; i < 10; i++) {
      await update(i % 2 === 0 ? 2 : 1);
      now += 60_000;
    }
    expect(await failure(update(2))).toEqual({
      name: 'LimitExceededException',
      message: `UpdateShardCount cannot be performed more than 10 times per rolling 24-hour period on stream rate under account ${ACCOUNT}.`,
      status: 400,
    });
    now = first + 24 * 3_600_000 + 1;
    expect((await update(2)).TargetShardCount).toBe(2);
    expect(await failure(update(1))).toMatchObject({ name: 'LimitExceededException' });
  });
});

describe('the UPDATING window', () => {
  let now = Date.now();
  let engine: RunningEngine;
  let kinesis: KinesisClient;

  beforeAll(async () => {
    // Every status change takes an hour of the test's clock.
    engine = await start({ clock: () => now, statusDelayMs: 3_600_000 });
    kinesis = client(engine, HANDLERS[1]);
  });
  afterAll(async () => {
    kinesis.destroy();
    await engine.close();
  });

  it('keeps the parent open and writable while UPDATING, refuses other reshards, then closes it after the delay', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'slow', ShardCount: 2 }));
    now += 3_600_000;
    await kinesis.send(new SplitShardCommand({ StreamName: 'slow', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1000' }));
    const during = (await kinesis.send(new DescribeStreamCommand({ StreamName: 'slow' }))).StreamDescription;
    expect(during?.StreamStatus).toBe('UPDATING');
    expect(during?.Shards?.map((s) => [s.ShardId, s.SequenceNumberRange?.EndingSequenceNumber])).toEqual([
      [shardId(0), undefined],
      [shardId(1), undefined],
    ]);
    const inUse = `Stream slow under account ${ACCOUNT} not ACTIVE, instead in state UPDATING`;
    expect(await failure(kinesis.send(new SplitShardCommand({ StreamName: 'slow', ShardToSplit: 'shardId-000000000001', NewStartingHashKey: (BigInt(HALF) + 1000n).toString() })))).toEqual({ name: 'ResourceInUseException', message: inUse, status: 400 });
    expect(await failure(kinesis.send(new MergeShardsCommand({ StreamName: 'slow', ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000001' })))).toEqual({ name: 'ResourceInUseException', message: inUse, status: 400 });
    expect(await failure(kinesis.send(new UpdateShardCountCommand({ StreamName: 'slow', TargetShardCount: 3, ScalingType: 'UNIFORM_SCALING' })))).toEqual({ name: 'ResourceInUseException', message: inUse, status: 400 });
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'slow', PartitionKey: 'k', ExplicitHashKey: '5000', Data: bytes('during') }));
    expect(put.ShardId).toBe(shardId(0));

    now += 3_600_000;
    const after = (await kinesis.send(new DescribeStreamCommand({ StreamName: 'slow' }))).StreamDescription;
    expect(after?.StreamStatus).toBe('ACTIVE');
    const parent = after?.Shards?.[0];
    expect(BigInt(parent?.SequenceNumberRange?.EndingSequenceNumber ?? 0)).toBeGreaterThanOrEqual(BigInt(put.SequenceNumber ?? 0));
    expect(after?.Shards?.slice(2).map((s) => [s.ShardId, s.ParentShardId, s.HashKeyRange?.StartingHashKey])).toEqual([
      [shardId(2), shardId(0), '0'],
      [shardId(3), shardId(0), '1000'],
    ]);
    const moved = await kinesis.send(new PutRecordCommand({ StreamName: 'slow', PartitionKey: 'k', ExplicitHashKey: '5000', Data: bytes('after') }));
    expect(moved.ShardId).toBe(shardId(3));
    expect((await readShard(kinesis, 'slow', shardId(0))).records.map((r) => r.data)).toEqual(['during']);
  });
});

describe('resharding across a restart', () => {
  it('completes a reshard left pending when the engine stopped', async () => {
    const dir = tempDir('engine');
    try {
      let now = Date.now();
      const first = await start({ dataDir: dir.path, clock: () => now, statusDelayMs: 3_600_000 });
      const k1 = client(first, HANDLERS[0]);
      await k1.send(new CreateStreamCommand({ StreamName: 'durable', ShardCount: 3 }));
      now += 3_600_000;
      await k1.send(new UpdateShardCountCommand({ StreamName: 'durable', TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' }));
      expect((await k1.send(new DescribeStreamSummaryCommand({ StreamName: 'durable' }))).StreamDescriptionSummary?.StreamStatus).toBe('UPDATING');
      k1.destroy();
      await first.close();

      const second = await start({ dataDir: dir.path });
      const k2 = client(second, HANDLERS[1]);
      const summary = (await k2.send(new DescribeStreamSummaryCommand({ StreamName: 'durable' }))).StreamDescriptionSummary;
      expect(summary).toMatchObject({ StreamStatus: 'ACTIVE', OpenShardCount: 4 });
      expect(await openRanges(k2, 'durable')).toEqual(evenHashRanges(4));
      k2.destroy();
      await second.close();
    } finally {
      dir.remove();
    }
  });
});

describe('the per-stream shard maximum', () => {
  it('refuses to scale a stream over 10000 shards', async () => {
    const engine = await start({ shardLimit: 20_000 });
    const kinesis = client(engine, HANDLERS[0]);
    try {
      await kinesis.send(new CreateStreamCommand({ StreamName: 'huge', ShardCount: 5001 }));
      expect(await failure(kinesis.send(new UpdateShardCountCommand({ StreamName: 'huge', TargetShardCount: 10_001, ScalingType: 'UNIFORM_SCALING' })))).toEqual({
        name: 'LimitExceededException',
        message: 'UpdateShardCount cannot scale up over 10000 shards in a stream. Current open shard count: 5001 Target shard count: 10001',
        status: 400,
      });
    } finally {
      kinesis.destroy();
      await engine.close();
    }
  });
});

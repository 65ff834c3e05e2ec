// Sequence numbers in AWS's version-2 layout: 56 decimal digits whose 186-bit form carries the version, the shard's
// creation second, the shard index (where KCL's SequenceNumberValidator reads it), a counter and the arrival
// second; crafted numbers refused with AWS's errors (the cases kinesalite's suite recorded against AWS).
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { client, failure, HANDLERS, start } from '../support/engine-kit';

const ACCOUNT = '000000000000';
const bytes = (text: string) => new TextEncoder().encode(text);
const SECONDS = (1n << 36n) - 1n;

/** The fields as the layout places them, counting bit 0 as the least significant. */
function layout(sequenceNumber: string) {
  const n = BigInt(sequenceNumber);
  return {
    digits: sequenceNumber.length,
    bitLength: n.toString(2).length,
    version: Number((n >> 184n) & 0xfn),
    versionLow: Number(n & 0xfn),
    shardCreatedSecs: Number((n >> 148n) & SECONDS),
    shardLowNibble: Number((n >> 144n) & 0xfn),
    counter: (n >> 80n) & ((1n << 64n) - 1n),
    arrivalSecs: Number((n >> 36n) & SECONDS),
    // KCL 2.x: SHARD_ID_OFFSET = 4, SHARD_ID_MASK = 2^32 - 1.
    shardIndex: Number((n >> 4n) & 0xffffffffn),
  };
}

/** A number's field replaced: bits [offset, offset + width) set to value. */
function withField(sequenceNumber: string, offset: bigint, width: bigint, value: bigint): string {
  const mask = ((1n << width) - 1n) << offset;
  return ((BigInt(sequenceNumber) & ~mask) | (value << offset)).toString();
}

const fromHex = (hex: string) => BigInt(`0x${hex}`).toString();

describe.each(HANDLERS)('sequence numbers over $name', (handler) => {
  let engine: RunningEngine;
  let kinesis: KinesisClient;
  const createdMs = Date.UTC(2026, 11, 2, 12, 0, 0, 250);
  let now = createdMs;

  beforeAll(async () => {
    engine = await start({ clock: () => now });
    kinesis = client(engine, handler);
    await kinesis.send(new CreateStreamCommand({ StreamName: 'layout', ShardCount: 18 }));
    await kinesis.send(new CreateStreamCommand({ StreamName: 'twin', ShardCount: 18 }));
  });
  afterAll(async () => {
    kinesis.destroy();
    await engine.close();
  });

  const shardStart = async (stream: string, index: number): Promise<string> => {
    const { Shards } = await kinesis.send(new ListShardsCommand({ StreamName: stream }));
    const shard = Shards?.find((s) => s.ShardId === `shardId-${String(index).padStart(12, '0')}`);
    return shard?.HashKeyRange?.StartingHashKey ?? '';
  };

  it('encodes version, shard creation, shard index, counter and arrival where AWS puts them', async () => {
    const hashKey = await shardStart('layout', 17);
    const written: { sequenceNumber: string; ms: number }[] = [];
    for (let i = 0; i < 3; i++) {
      now += 1500;
      const put = await kinesis.send(new PutRecordCommand({ StreamName: 'layout', PartitionKey: 'k', ExplicitHashKey: hashKey, Data: bytes(`r${i}`) }));
      expect(put.ShardId).toBe('shardId-000000000017');
      written.push({ sequenceNumber: put.SequenceNumber ?? '', ms: now });
      const batch = await kinesis.send(
        new PutRecordsCommand({ StreamName: 'layout', Records: [1, 2].map((j) => ({ PartitionKey: 'k', ExplicitHashKey: hashKey, Data: bytes(`r${i}.${j}`) })) }),
      );
      for (const record of batch.Records ?? []) written.push({ sequenceNumber: record.SequenceNumber ?? '', ms: now });
    }
    let previous = 0n;
    for (const { sequenceNumber, ms } of written) {
      const fields = layout(sequenceNumber);
      expect(fields).toMatchObject({
        digits: 56,
        bitLength: 186,
        version: 2,
        versionLow: 2,
        shardCreatedSecs: Math.floor(createdMs / 1000),
        shardLowNibble: 17 & 0xf,
        arrivalSecs: Math.floor(ms / 1000),
        shardIndex: 17,
      });
      expect(BigInt(sequenceNumber)).toBeGreaterThan(previous);
      previous = BigInt(sequenceNumber);
    }
    const counters = written.map(({ sequenceNumber }) => layout(sequenceNumber).counter);
    expect(counters).toEqual([...counters].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const iterator = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'layout', ShardId: 'shardId-000000000017', ShardIteratorType: 'TRIM_HORIZON' }));
    const read = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }));
    expect(read.Records?.map((r) => r.SequenceNumber)).toEqual(written.map((w) => w.sequenceNumber));
    for (const record of read.Records ?? []) {
      expect(layout(record.SequenceNumber ?? '').arrivalSecs).toBe(Math.floor((record.ApproximateArrivalTimestamp?.getTime() ?? 0) / 1000));
    }

    // Each shard's StartingSequenceNumber carries its own index; the shard's records follow it.
    const described = await kinesis.send(new DescribeStreamCommand({ StreamName: 'layout' }));
    for (const shard of described.StreamDescription?.Shards ?? []) {
      const start = shard.SequenceNumberRange?.StartingSequenceNumber ?? '';
      expect(layout(start)).toMatchObject({ digits: 56, bitLength: 186, version: 2, versionLow: 2, shardIndex: Number(shard.ShardId?.slice(8)) });
    }
    const start17 = described.StreamDescription?.Shards?.[17]?.SequenceNumberRange?.StartingSequenceNumber ?? '';
    expect(BigInt(start17)).toBeLessThan(BigInt(written[0]?.sequenceNumber ?? ''));

    // AFTER_SEQUENCE_NUMBER compares in the same order.
    const after = await kinesis.send(
      new GetShardIteratorCommand({ StreamName: 'layout', ShardId: 'shardId-000000000017', ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: written[3]?.sequenceNumber }),
    );
    const rest = await kinesis.send(new GetRecordsCommand({ ShardIterator: after.ShardIterator }));
    expect(rest.Records?.map((r) => r.SequenceNumber)).toEqual(written.slice(4).map((w) => w.sequenceNumber));
  });

  it('refuses crafted numbers with AWS errors', async () => {
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'layout', PartitionKey: 'k', ExplicitHashKey: '0', Data: bytes('x') }));
    const good = put.SequenceNumber ?? '';
    const at = (stream: string, shardId: string, sequenceNumber: string) =>
      failure(kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: sequenceNumber })));
    const invalid = (sequenceNumber: string, stream = 'layout') =>
      `StartingSequenceNumber ${sequenceNumber} used in GetShardIterator on shard shardId-000000000000 in stream ${stream} under account ${ACCOUNT} is invalid`;

    // Another shard's index, where KCL reads it: AWS names both shards.
    const otherShard = withField(withField(good, 4n, 32n, 1n), 144n, 4n, 1n);
    expect(await at('layout', 'shardId-000000000000', otherShard)).toEqual({
      name: 'InvalidArgumentException',
      message: 'Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call to a shard with shardId-000000000000',
      status: 400,
    });
    // Another version in the top nibble: not a number AWS reads.
    const topVersion = withField(good, 184n, 4n, 3n);
    expect(await at('layout', 'shardId-000000000000', topVersion)).toEqual({ name: 'InvalidArgumentException', message: `${invalid(topVersion)}.`, status: 400 });
    // Version 1 in the low nibble, same shard: not from this stream.
    const version1 = withField(good, 0n, 4n, 1n);
    expect(await at('layout', 'shardId-000000000000', version1)).toEqual({
      name: 'InvalidArgumentException',
      message: `${invalid(version1)} because it did not come from this stream.`,
      status: 400,
    });
    // Another shard creation second, and another stream's number for the same shard index.
    const otherCreation = withField(good, 148n, 36n, BigInt(Math.floor(createdMs / 1000) - 1));
    expect((await at('layout', 'shardId-000000000000', otherCreation)).message).toBe(`${invalid(otherCreation)} because it did not come from this stream.`);
    expect((await at('twin', 'shardId-000000000000', good)).message).toBe(`${invalid(good, 'twin')} because it did not come from this stream.`);

    // Recorded by kinesalite's suite against AWS: counter top bit, negative shard index, large date, old short numbers.
    const highCounter = fromHex('20000000000800000000000000000000000000000000002');
    expect(await at('layout', 'shardId-000000000000', highCounter)).toEqual({ name: 'InvalidArgumentException', message: `${invalid(highCounter)}.`, status: 400 });
    const negativeShard = fromHex('20000000000000000000000000000000000000800000002');
    expect((await at('layout', 'shardId-000000000000', negativeShard)).message).toBe(
      'Invalid StartingSequenceNumber. It encodes shardId--02147483648, while it was used in a call to a shard with shardId-000000000000',
    );
    const largeDate = fromHex('13bb2cc3d80000000000000000000000');
    expect(largeDate).toBe('26227199374822427428162556223570313216');
    expect((await at('layout', 'shardId-000000000000', largeDate)).message).toBe(`${invalid(largeDate)}.`);
    expect((await at('layout', 'shardId-000000000000', '5')).message).toBe(
      'Invalid StartingSequenceNumber. It encodes shardId-000000000005, while it was used in a call to a shard with shardId-000000000000',
    );
    expect((await at('layout', 'shardId-000000000000', '0')).name).toBe('InternalFailure');
  });

  it('refuses a number of an earlier copy of the stream', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'again', ShardCount: 1 }));
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'again', PartitionKey: 'k', Data: bytes('x') }));
    await kinesis.send(new DeleteStreamCommand({ StreamName: 'again' }));
    await kinesis.send(new CreateStreamCommand({ StreamName: 'again', ShardCount: 1 }));
    const refused = await failure(
      kinesis.send(new GetShardIteratorCommand({ StreamName: 'again', ShardId: 'shardId-000000000000', ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: put.SequenceNumber })),
    );
    expect(refused.message).toBe(
      `StartingSequenceNumber ${put.SequenceNumber} used in GetShardIterator on shard shardId-000000000000 in stream again under account ${ACCOUNT} is invalid because it did not come from this stream.`,
    );
  });
});

// Retention end to end: Increase/DecreaseStreamRetentionPeriod over both HTTP handlers with their AWS errors,
// and what the period does to reading: expired records vanish (and stay gone when the period grows), the
// trimming job removes them, and closed shards leave the listings once all their data has expired.
import {
  CreateStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  IncreaseStreamRetentionPeriodCommand,
  ListShardsCommand,
  PutRecordCommand,
  SplitShardCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropExpiredShards } from '../../main/engine/kinesis/resharding/closedShards';
import { trimExpiredRecords } from '../../main/engine/kinesis/streams/retention';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { client, failure, HANDLERS, start } from '../support/engine-kit';

const ACCOUNT = '000000000000';
const HOUR = 3_600_000;
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined) => new TextDecoder().decode(data);

async function readAll(kinesis: KinesisClient, stream: string, shard = 'shardId-000000000000'): Promise<string[]> {
  const start = await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard, ShardIteratorType: 'TRIM_HORIZON' }));
  const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: start.ShardIterator }));
  return (page.Records ?? []).map((r) => text(r.Data));
}

describe.each(HANDLERS)('retention over $name', (handler) => {
  let engine: RunningEngine;
  let kinesis: KinesisClient;
  let now = Date.now();

  beforeAll(async () => {
    engine = await start({ clock: () => now });
    kinesis = client(engine, handler);
  });
  afterAll(async () => {
    kinesis.destroy();
    await engine.close();
  });

  const retention = async (stream: string) => (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: stream }))).StreamDescriptionSummary?.RetentionPeriodHours;

  it('increases and decreases the retention period', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'periods', ShardCount: 1 }));
    expect(await kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'periods', RetentionPeriodHours: 168 }))).toMatchObject({});
    expect(await retention('periods')).toBe(168);
    await kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'periods', RetentionPeriodHours: 8760 }));
    expect((await kinesis.send(new DescribeStreamCommand({ StreamName: 'periods' }))).StreamDescription?.RetentionPeriodHours).toBe(8760);
    await kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: 'periods', RetentionPeriodHours: 48 }));
    expect(await retention('periods')).toBe(48);
    // The same period again is accepted either way.
    await kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'periods', RetentionPeriodHours: 48 }));
    await kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: 'periods', RetentionPeriodHours: 48 }));
    const arn = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/periods`;
    await kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamARN: arn, RetentionPeriodHours: 24 }));
    expect(await retention('periods')).toBe(24);
  });

  it('refuses periods outside 24..8760 hours and the wrong direction, with AWS messages', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'bounds', ShardCount: 1 }));
    await kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'bounds', RetentionPeriodHours: 72 }));
    const increase = (hours: number, stream = 'bounds') => failure(kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: stream, RetentionPeriodHours: hours })));
    const decrease = (hours: number, stream = 'bounds') => failure(kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: stream, RetentionPeriodHours: hours })));
    const tooShort = (hours: number) => ({ name: 'InvalidArgumentException', message: `Minimum allowed retention period is 24 hours. Requested retention period (${hours} hours) is too short.`, status: 400 });
    const tooLong = (hours: number) => ({ name: 'InvalidArgumentException', message: `Maximum allowed retention period is 8760 hours. Requested retention period (${hours} hours) is too long.`, status: 400 });
    expect(await decrease(23)).toEqual(tooShort(23));
    expect(await increase(12)).toEqual(tooShort(12));
    expect(await decrease(-1)).toEqual(tooShort(-1));
    expect(await increase(8761)).toEqual(tooLong(8761));
    expect(await decrease(100000)).toEqual(tooLong(100000));
    expect(await increase(48)).toEqual({
      name: 'InvalidArgumentException',
      message: 'Requested retention period (48 hours) for stream bounds can not be shorter than existing retention period (72 hours). Use DecreaseRetentionPeriod API.',
      status: 400,
    });
    expect(await decrease(96)).toEqual({
      name: 'InvalidArgumentException',
      message: 'Requested retention period (96 hours) for stream bounds can not be longer than existing retention period (72 hours). Use IncreaseRetentionPeriod API.',
      status: 400,
    });
    expect(await increase(48, 'nope')).toEqual({ name: 'ResourceNotFoundException', message: `Stream nope under account ${ACCOUNT} not found.`, status: 400 });
    expect(await failure(kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'bounds' } as never)))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value null at 'retentionPeriodHours' failed to satisfy constraint: Member must not be null",
      status: 400,
    });
    expect(await failure(kinesis.send(new IncreaseStreamRetentionPeriodCommand({ RetentionPeriodHours: 48 })))).toEqual({
      name: 'InvalidArgumentException',
      message: 'Either StreamName or StreamARN must be provided.',
      status: 400,
    });
    expect(await retention('bounds')).toBe(72);
  });

  it('hides records past the period, trims them, and does not bring them back when the period grows', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'expiry', ShardCount: 1 }));
    await kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'expiry', RetentionPeriodHours: 48 }));
    await kinesis.send(new PutRecordCommand({ StreamName: 'expiry', PartitionKey: 'k', Data: bytes('day-0') }));
    now += 30 * HOUR;
    await kinesis.send(new PutRecordCommand({ StreamName: 'expiry', PartitionKey: 'k', Data: bytes('day-1') }));
    expect(await readAll(kinesis, 'expiry')).toEqual(['day-0', 'day-1']);
    // Down to 24 hours: the 30-hour-old record is gone at once.
    await kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: 'expiry', RetentionPeriodHours: 24 }));
    expect(await readAll(kinesis, 'expiry')).toEqual(['day-1']);
    // Back up to 48 hours: expired data stays expired, as AWS documents.
    await kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'expiry', RetentionPeriodHours: 48 }));
    expect(await readAll(kinesis, 'expiry')).toEqual(['day-1']);
    now += 47 * HOUR;
    expect(await readAll(kinesis, 'expiry')).toEqual(['day-1']);
    now += 2 * HOUR;
    expect(await readAll(kinesis, 'expiry')).toEqual([]);
    expect(trimExpiredRecords(engine.kinesis)).toBeGreaterThanOrEqual(1);
    expect(await readAll(kinesis, 'expiry')).toEqual([]);
  });

  it('lists and reads a closed shard until its data expires, then drops it', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'closing', ShardCount: 1 }));
    await kinesis.send(new PutRecordCommand({ StreamName: 'closing', PartitionKey: 'k', Data: bytes('in parent') }));
    await kinesis.send(new SplitShardCommand({ StreamName: 'closing', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: (1n << 127n).toString() }));
    const ids = async () => ((await kinesis.send(new ListShardsCommand({ StreamName: 'closing' }))).Shards ?? []).map((s) => s.ShardId);
    now += 23 * HOUR;
    dropExpiredShards(engine.kinesis);
    expect(await ids()).toEqual(['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002']);
    expect(await readAll(kinesis, 'closing')).toEqual(['in parent']);
    now += 2 * HOUR;
    expect(dropExpiredShards(engine.kinesis)).toBeGreaterThanOrEqual(1);
    expect(await ids()).toEqual(['shardId-000000000001', 'shardId-000000000002']);
    const described = (await kinesis.send(new DescribeStreamCommand({ StreamName: 'closing' }))).StreamDescription?.Shards ?? [];
    expect(described.map((s) => [s.ShardId, s.ParentShardId])).toEqual([
      ['shardId-000000000001', 'shardId-000000000000'],
      ['shardId-000000000002', 'shardId-000000000000'],
    ]);
    expect(await failure(kinesis.send(new GetShardIteratorCommand({ StreamName: 'closing', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' })))).toEqual({
      name: 'ResourceNotFoundException',
      message: `Shard shardId-000000000000 in stream closing under account ${ACCOUNT} does not exist`,
      status: 400,
    });
  });
});

describe('retention while UPDATING', () => {
  it('shows UPDATING for the configured delay and refuses a second change meanwhile', async () => {
    let now = Date.now();
    const engine = await start({ clock: () => now, statusDelayMs: 60_000 });
    const kinesis = client(engine, HANDLERS[0]);
    try {
      await kinesis.send(new CreateStreamCommand({ StreamName: 'busy', ShardCount: 1 }));
      now += 60_000;
      await kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'busy', RetentionPeriodHours: 48 }));
      const during = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'busy' }))).StreamDescriptionSummary;
      expect(during).toMatchObject({ StreamStatus: 'UPDATING', RetentionPeriodHours: 48 });
      expect(await failure(kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: 'busy', RetentionPeriodHours: 24 })))).toEqual({
        name: 'ResourceInUseException',
        message: `Stream busy under account ${ACCOUNT} not ACTIVE, instead in state UPDATING`,
        status: 400,
      });
      now += 60_000;
      expect((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'busy' }))).StreamDescriptionSummary?.StreamStatus).toBe('ACTIVE');
      await kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: 'busy', RetentionPeriodHours: 24 }));
    } finally {
      kinesis.destroy();
      await engine.close();
    }
  });
});

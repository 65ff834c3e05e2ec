// Realistic limits: per-shard write and read throughput with AWS's messages, PutRecords partial batches, the
// SDK's retries recovering, control-plane rate limits, and on-demand scaling as a visible event.
import {
  CreateStreamCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  RegisterStreamConsumerCommand,
  SubscribeToShardCommand,
  type PutRecordsResultEntry,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { jsonWire } from '../../main/engine/core/wire';
import { ACCOUNT, admin, readShard } from '../support/engine-controls-kit';
import { sleep } from '../support/sleep';
import { client, failure, HANDLERS, start } from '../support/engine-kit';
import { sdkClient } from '../support/kinesis';

const SHARD0 = 'shardId-000000000000';
const rateMessage = (stream: string, shard = SHARD0) => `Rate exceeded for shard ${shard} in stream ${stream} under account ${ACCOUNT}.`;

describe('realistic limits', () => {
  let engine: RunningEngine;
  let kinesis: KinesisClient;

  beforeAll(async () => {
    engine = await start({ limits: 'realistic', createStreams: ['hot:1', 'retry:1', 'cp:2', 'free:1'] });
    kinesis = client(engine, HANDLERS[0]);
    await admin(engine).setStreamLimits({ StreamName: 'free' }, 'off');
  });
  afterAll(() => engine.close());

  it('3,000 records/s to one shard for 5 s: throttles, each record acknowledged or failed, the acknowledged all readable', async () => {
    const responses: Promise<{ sent: number; out: { FailedRecordCount?: number; Records?: PutRecordsResultEntry[] } }>[] = [];
    const started = Date.now();
    for (let tick = 0; tick < 50; tick++) {
      // 300 records every 100 ms (3,000/s), 60 bytes each, partition keys included.
      const batch = Array.from({ length: 300 }, (_, i) => ({ Data: new TextEncoder().encode(`record-${tick}-${i}`.padEnd(50, '.')), PartitionKey: `key-${i % 10}` }));
      responses.push(kinesis.send(new PutRecordsCommand({ StreamName: 'hot', Records: batch })).then((out) => ({ sent: batch.length, out })));
      await sleep(Math.max(0, started + (tick + 1) * 100 - Date.now()));
    }
    const results = await Promise.all(responses);
    const acknowledged = new Set<string>();
    let failed = 0;
    for (const { sent, out } of results) {
      const entries = out.Records ?? [];
      expect(entries).toHaveLength(sent);
      let failedHere = 0;
      for (const entry of entries) {
        const ok = entry.SequenceNumber !== undefined;
        expect(ok).toBe(entry.ErrorCode === undefined); // acknowledged or failed, never both, never neither
        if (ok) {
          expect(entry.ShardId).toBe(SHARD0);
          acknowledged.add(entry.SequenceNumber as string);
        } else {
          failedHere++;
          expect(entry.ErrorCode).toBe('ProvisionedThroughputExceededException');
          expect(entry.ErrorMessage).toBe(rateMessage('hot'));
          expect(entry.ShardId).toBeUndefined();
        }
      }
      expect(out.FailedRecordCount).toBe(failedHere);
      failed += failedHere;
    }
    expect(failed).toBeGreaterThan(0);
    expect(acknowledged.size + failed).toBe(15_000);

    const { records } = await readShard(kinesis, 'hot', SHARD0);
    expect(records).toHaveLength(acknowledged.size);
    expect(new Set(records.map((r) => r.SequenceNumber))).toEqual(acknowledged);

    const stats = await admin(engine).getStreamStats({ StreamName: 'hot' });
    expect(stats.Stream.Totals.IncomingRecords).toBe(acknowledged.size);
    expect(stats.Stream.Totals.WriteThrottles).toBe(failed);
  });

  it('PutRecord and GetRecords throw ProvisionedThroughputExceededException with AWS messages', async () => {
    const big = new Uint8Array(600 * 1024);
    await kinesis.send(new PutRecordCommand({ StreamName: 'retry', PartitionKey: 'a', Data: big }));
    const refused = await failure(kinesis.send(new PutRecordCommand({ StreamName: 'retry', PartitionKey: 'a', Data: big })));
    expect(refused).toMatchObject({ name: 'ProvisionedThroughputExceededException', message: rateMessage('retry'), status: 400 });

    const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'free', ShardId: SHARD0, ShardIteratorType: 'LATEST' }));
    await admin(engine).setStreamLimits({ StreamName: 'free' }, 'realistic');
    const { GetRecordsCommand } = await import('@aws-sdk/client-kinesis');
    const calls = await Promise.allSettled(Array.from({ length: 12 }, () => kinesis.send(new GetRecordsCommand({ ShardIterator }))));
    const throttled = calls.filter((c) => c.status === 'rejected').map((c) => (c as PromiseRejectedResult).reason as Error);
    expect(throttled.length).toBeGreaterThan(0);
    for (const error of throttled) expect({ name: error.name, message: error.message }).toEqual({ name: 'ProvisionedThroughputExceededException', message: rateMessage('free') });
    await admin(engine).setStreamLimits({ StreamName: 'free' }, 'off');
  });

  it("the SDK's retry strategy gets every record in", async () => {
    await sleep(1100); // let the shard's buckets refill after the previous test
    const patient = sdkClient(engine.endpoint, { maxAttempts: 12 });
    const before = (await admin(engine).getStreamStats({ StreamName: 'retry' })).Stream.Totals;
    // 24 records of 128 KiB at once: 3 MiB against a 1 MiB/s shard.
    const data = (i: number) => new Uint8Array(128 * 1024).fill(i);
    const outs = await Promise.all(Array.from({ length: 24 }, (_, i) => patient.send(new PutRecordCommand({ StreamName: 'retry', PartitionKey: `p${i}`, Data: data(i) }))));
    const after = (await admin(engine).getStreamStats({ StreamName: 'retry' })).Stream.Totals;
    expect(after.WriteThrottles - before.WriteThrottles).toBeGreaterThan(0); // the SDK did have to retry
    expect(after.IncomingRecords - before.IncomingRecords).toBe(24);
    const { records } = await readShard(kinesis, 'retry', SHARD0);
    const bySeq = new Map(records.map((r) => [r.SequenceNumber, r]));
    outs.forEach((out, i) => expect(bySeq.get(out.SequenceNumber)?.Data?.[0]).toBe(i));
    patient.destroy();
  });

  it('control-plane limits: DescribeStream 10/s per account, GetShardIterator 5/s per shard, ListShards 1,000/s per stream', async () => {
    const describe = await Promise.allSettled(Array.from({ length: 25 }, () => kinesis.send(new DescribeStreamCommand({ StreamName: 'cp' }))));
    const describeErrors = describe.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as Error);
    expect(describeErrors.length).toBeGreaterThan(0);
    for (const e of describeErrors) expect({ name: e.name, message: e.message }).toEqual({ name: 'LimitExceededException', message: `Rate exceeded for stream cp under account ${ACCOUNT}.` });

    const shard1 = 'shardId-000000000001';
    const iterators = await Promise.allSettled(Array.from({ length: 15 }, () => kinesis.send(new GetShardIteratorCommand({ StreamName: 'cp', ShardId: shard1, ShardIteratorType: 'LATEST' }))));
    const iteratorErrors = iterators.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as Error);
    expect(iteratorErrors.length).toBeGreaterThan(0);
    for (const e of iteratorErrors) expect({ name: e.name, message: e.message }).toEqual({ name: 'LimitExceededException', message: rateMessage('cp', shard1) });
    // Another shard has its own budget.
    await kinesis.send(new GetShardIteratorCommand({ StreamName: 'cp', ShardId: SHARD0, ShardIteratorType: 'LATEST' }));

    // 1,000/s cannot be outrun over HTTP on this machine: the engine itself takes 1,500 calls in one go.
    const request = { region: 'us-east-1', requestId: 'test', wire: jsonWire };
    const settled = await Promise.allSettled(Array.from({ length: 1500 }, () => engine.kinesis.dispatch('ListShards', { StreamName: 'cp' }, request)));
    const listErrors = settled.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as { type: string; message: string });
    expect(listErrors.length).toBeGreaterThan(0);
    expect(listErrors[0]).toMatchObject({ type: 'LimitExceededException', message: `Rate exceeded for stream cp under account ${ACCOUNT}.` });

    // A stream whose limits are off is never throttled, even with the engine's on.
    const free = await Promise.allSettled(Array.from({ length: 25 }, () => kinesis.send(new ListShardsCommand({ StreamName: 'free' }))));
    expect(free.every((r) => r.status === 'fulfilled')).toBe(true);
  });
});

describe('SubscribeToShard limit', () => {
  it('allows one SubscribeToShard per second per consumer and shard', async () => {
    const engine = await start({ limits: 'realistic', createStreams: ['efo:2'] });
    try {
      const kinesis = client(engine, HANDLERS[0]);
      const streamArn = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/efo`;
      const { Consumer } = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: 'app' }));
      const consumerArn = Consumer?.ConsumerARN as string;
      const subscribe = (shardId: string) => kinesis.send(new SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: shardId, StartingPosition: { Type: 'LATEST' } }));
      const first = await subscribe(SHARD0); // statusDelayMs 0: the consumer is ACTIVE at once
      const again = await failure(subscribe(SHARD0));
      expect(again).toMatchObject({ name: 'LimitExceededException', message: `Rate exceeded for consumer ${consumerArn} and shard ${SHARD0} under account ${ACCOUNT}.` });
      // Another shard of the same consumer has its own allowance.
      const other = await subscribe('shardId-000000000001');
      for (const out of [first, other]) {
        const stream = out.EventStream as unknown as AsyncIterable<unknown> & { return?: () => unknown };
        await stream[Symbol.asyncIterator]().return?.();
      }
    } finally {
      await engine.close();
    }
  });
});

describe('on-demand scaling', () => {
  it('sustained throttling splits the hottest shard: the stream goes UPDATING and new shards appear', async () => {
    const engine = await start({ limits: 'realistic', statusDelayMs: 400 });
    try {
      const kinesis = client(engine, HANDLERS[1]);
      const control = admin(engine);
      await control.setEngineLimits({ OnDemandScaleAfterSeconds: 2 });
      await kinesis.send(new CreateStreamCommand({ StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
      const status = async () => (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'od' }))).StreamDescriptionSummary?.StreamStatus;
      while ((await status()) !== 'ACTIVE') await sleep(50);
      const openShards = async () => (await kinesis.send(new ListShardsCommand({ StreamName: 'od' }))).Shards?.filter((s) => s.SequenceNumberRange?.EndingSequenceNumber === undefined) ?? [];
      expect(await openShards()).toHaveLength(4);
      const limits = await control.getLimits({ StreamName: 'od' });
      expect(limits.Stream?.OnDemandWriteCapacity).toEqual({ BytesPerSecond: 4 * 1024 * 1024, RecordsPerSecond: 4000 });

      // One hot partition key: 2,000 records/s against a shard that takes 1,000/s, until the stream scales.
      const seen = new Set<string>();
      let throttled = 0;
      for (let tick = 0; tick < 200 && (await openShards()).length === 4; tick++) {
        const out = await kinesis.send(new PutRecordsCommand({ StreamName: 'od', Records: Array.from({ length: 200 }, () => ({ PartitionKey: 'hot', Data: new Uint8Array(20) })) }));
        throttled += out.FailedRecordCount ?? 0;
        seen.add((await status()) ?? '');
        await sleep(100);
      }
      while ((await status()) === 'UPDATING') {
        seen.add('UPDATING');
        await sleep(50);
      }
      expect(throttled).toBeGreaterThan(0);
      expect(seen.has('UPDATING')).toBe(true);
      const open = await openShards();
      expect(open).toHaveLength(5);
      const events = (await control.getLimits({ StreamName: 'od' })).Stream?.ScalingEvents ?? [];
      expect(events.length).toBeGreaterThanOrEqual(1);
      expect(events[0]).toMatchObject({ OpenShardsBefore: 4, OpenShardsAfter: 5 });
      // The split shard's children share its range; its key now routes to one of them.
      const children = open.filter((s) => s.ParentShardId === events[0]?.SplitShardId);
      expect(children).toHaveLength(2);
      expect((await control.getLimits({ StreamName: 'od' })).Stream?.OnDemandWriteCapacity).toEqual({ BytesPerSecond: 5 * 1024 * 1024, RecordsPerSecond: 5000 });
    } finally {
      await engine.close();
    }
  });
});

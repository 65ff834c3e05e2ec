// Two engines in one process do not see each other. Both are in memory with a stream of the same name, so their
// stream and shard row ids are the same numbers: anything kept per process, or keyed by row id alone, would leak
// from one to the other. One engine has realistic limits and injected faults, the other neither.
import {
  AddTagsToStreamCommand,
  DescribeStreamCommand,
  ListStreamConsumersCommand,
  ListTagsForStreamCommand,
  PutRecordCommand,
  PutRecordsCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { M } from '../../main/engine/kinesis/stats/streamStats';
import { client, failure, HANDLERS, registerConsumer, start } from '../support/engine-kit';

const STREAM = 'shared';

function incomingRecords(running: RunningEngine): number {
  const stream = running.kinesis.findStream('us-east-1', STREAM);
  const shard = stream?.shards[0];
  if (!shard) throw new Error('the stream has no shard');
  return running.kinesis.controls.stats.existing(shard.id)?.totals[M.incomingRecords] ?? 0;
}

describe('two engines in one process', () => {
  let limited: RunningEngine;
  let plain: RunningEngine;
  let limitedClient: KinesisClient;
  let plainClient: KinesisClient;

  beforeAll(async () => {
    limited = await start({
      limits: 'realistic',
      faults: { Seed: 7, Rules: [{ StreamName: STREAM, Action: 'PutRecord', ErrorRate: 1, ErrorType: 'InternalFailure' }] },
      createStreams: [`${STREAM}:1`],
    });
    plain = await start({ createStreams: [`${STREAM}:1`] });
    limitedClient = client(limited, HANDLERS[1]);
    plainClient = client(plain, HANDLERS[1]);
  });
  afterAll(async () => {
    limitedClient.destroy();
    plainClient.destroy();
    await limited.close();
    await plain.close();
  });

  it('share the stream and shard row ids, and own separate hooks, controls, stores and subscription hubs', () => {
    const a = limited.kinesis;
    const b = plain.kinesis;
    expect(a.findStream('us-east-1', STREAM)?.shards[0]?.id).toBe(b.findStream('us-east-1', STREAM)?.shards[0]?.id);
    expect(a.hooks).not.toBe(b.hooks);
    expect(a.hooks.writeGates).not.toBe(b.hooks.writeGates);
    expect(a.hooks.writeGates).toHaveLength(1);
    expect(b.hooks.writeGates).toHaveLength(1);
    expect(a.hooks.interceptors).toHaveLength(2);
    expect(b.hooks.interceptors).toHaveLength(2);
    expect(a.controls).not.toBe(b.controls);
    expect(a.consumers).not.toBe(b.consumers);
    expect(a.resources).not.toBe(b.resources);
    expect(a.subscriptions).not.toBe(b.subscriptions);
    expect(a.controls.faults.rules).toHaveLength(1);
    expect(b.controls.faults.rules).toHaveLength(0);
  });

  it('faults injected on one engine fail its calls only', async () => {
    const refused = await failure(limitedClient.send(new PutRecordCommand({ StreamName: STREAM, PartitionKey: 'k', Data: new Uint8Array([1]) })));
    expect(refused.name).toBe('InternalFailure');
    const written = await plainClient.send(new PutRecordCommand({ StreamName: STREAM, PartitionKey: 'k', Data: new Uint8Array([1]) }));
    expect(written.ShardId).toBe('shardId-000000000000');
  });

  it('limits on one engine throttle its control plane only', async () => {
    const describe = (kinesis: KinesisClient) => Promise.allSettled(Array.from({ length: 30 }, () => kinesis.send(new DescribeStreamCommand({ StreamName: STREAM }))));
    const onLimited = await describe(limitedClient);
    const onPlain = await describe(plainClient);
    const throttled = onLimited.filter((r) => r.status === 'rejected' && (r.reason as Error).name === 'LimitExceededException').length;
    expect(throttled).toBeGreaterThan(0);
    expect(onPlain.every((r) => r.status === 'fulfilled')).toBe(true);
  });

  it('live stats count each engine its own records', async () => {
    const before = { limited: incomingRecords(limited), plain: incomingRecords(plain) };
    const records = (n: number) => Array.from({ length: n }, (_, i) => ({ PartitionKey: `k${i}`, Data: new Uint8Array([i]) }));
    const a = await limitedClient.send(new PutRecordsCommand({ StreamName: STREAM, Records: records(3) }));
    const b = await plainClient.send(new PutRecordsCommand({ StreamName: STREAM, Records: records(5) }));
    expect(a.FailedRecordCount).toBe(0);
    expect(b.FailedRecordCount).toBe(0);
    expect(incomingRecords(limited) - before.limited).toBe(3);
    expect(incomingRecords(plain) - before.plain).toBe(5);
  });

  it('consumers and tags stay on the engine that has them', async () => {
    const arn = limited.kinesis.findStream('us-east-1', STREAM)?.arn ?? '';
    await registerConsumer(limitedClient, arn, 'only-here');
    await limitedClient.send(new AddTagsToStreamCommand({ StreamName: STREAM, Tags: { owner: 'limited' } }));
    const here = await limitedClient.send(new ListStreamConsumersCommand({ StreamARN: arn }));
    const there = await plainClient.send(new ListStreamConsumersCommand({ StreamARN: plain.kinesis.findStream('us-east-1', STREAM)?.arn ?? '' }));
    expect(here.Consumers?.map((c) => c.ConsumerName)).toEqual(['only-here']);
    expect(there.Consumers).toEqual([]);
    const tagsHere = await limitedClient.send(new ListTagsForStreamCommand({ StreamName: STREAM }));
    const tagsThere = await plainClient.send(new ListTagsForStreamCommand({ StreamName: STREAM }));
    expect(tagsHere.Tags).toEqual([{ Key: 'owner', Value: 'limited' }]);
    expect(tagsThere.Tags).toEqual([]);
  });
});

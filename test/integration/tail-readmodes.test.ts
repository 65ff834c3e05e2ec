// The two read modes under the conditions that matter: polling against realistic limits while another consumer
// uses up the shard's read budget (the tailer backs off, counts the throttles, and still loses and repeats
// nothing), and enhanced fan-out with subscriptions that end early (compressed lifetime), so the tailer must
// resubscribe from ContinuationSequenceNumber; the consumer is deregistered when the session stops.
import { GetRecordsCommand, GetShardIteratorCommand, ListStreamConsumersCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStream, put, startTailKit, tail, type TailKit } from '../support/tail-kit';
import { sleep } from '../support/sleep';

const key = (r: { shardId: string; sequenceNumber: string }) => `${r.shardId}/${r.sequenceNumber}`;

describe('polling under realistic limits', () => {
  let kit: TailKit;
  beforeAll(async () => {
    kit = await startTailKit({ limits: 'realistic' });
  });
  afterAll(async () => kit?.close());

  it('backs off when another consumer takes the read budget, and still delivers every record once', async () => {
    await createStream(kit.kinesis, 'busy', 1);
    const puts = await put(kit.kinesis, 'busy', Array.from({ length: 120 }, (_, i) => ({ partitionKey: `k${i % 9}`, text: `record ${i}` })));
    // A production consumer polling the same shard as fast as it can.
    let hogging = true;
    const hog = (async () => {
      const it = await kit.kinesis.send(new GetShardIteratorCommand({ StreamName: 'busy', ShardId: 'shardId-000000000000', ShardIteratorType: 'LATEST' }));
      let iterator = it.ShardIterator;
      while (hogging && iterator) {
        try {
          iterator = (await kit.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }))).NextShardIterator;
        } catch {
          await sleep(20);
        }
      }
    })();
    const t = tail(kit.client, { stream: 'busy', start: { type: 'TRIM_HORIZON' }, mode: { type: 'polling', limit: 10 }, statusIntervalMs: 250 });
    try {
      await t.until(() => t.rows().length >= 120, 60_000);
      await sleep(500);
    } finally {
      hogging = false;
      t.handle.unsubscribe();
      await hog;
    }
    expect(t.rows().map(key)).toEqual(puts.map(key));
    const last = t.statuses().at(-1)?.shards[0];
    expect(last?.throttles, 'the tailer saw no ProvisionedThroughputExceededException while another consumer polled flat out').toBeGreaterThan(0);
    // Every attempt counts, the SDK's own retries of throttled calls included, and none passes the 5 calls/s.
    const calls = t.statuses().flatMap((x) => x.shards.map((s) => s.callsPerSecond ?? 0));
    expect(Math.max(...calls)).toBeGreaterThan(0);
    for (const s of t.statuses().flatMap((x) => x.shards)) expect(s.callsPerSecond).toBeLessThanOrEqual(5);
  });
});

describe('enhanced fan-out', () => {
  let kit: TailKit;
  beforeAll(async () => {
    kit = await startTailKit({ subscriptionLifetimeMs: 1200, subscriptionHeartbeatMs: 200, subscriptionTakeoverMs: 100 });
  });
  afterAll(async () => kit?.close());

  it('reads every shard through SubscribeToShard, resubscribes from the continuation, and deregisters on stop', async () => {
    await createStream(kit.kinesis, 'fan', 2);
    const t = tail(kit.client, { stream: 'fan', start: { type: 'TRIM_HORIZON' }, mode: { type: 'fanout', consumerName: 'tail-test' }, statusIntervalMs: 250 });
    await t.until((items) => items.some((i) => i.type === 'started'));
    const started = t.items[0];
    expect(started).toMatchObject({ type: 'started', mode: 'fanout', consumerArn: expect.stringContaining(':stream/fan/consumer/tail-test:') });
    const puts = [];
    const firstAt = Date.now();
    // Writes spread over more than three subscription lifetimes.
    for (let round = 0; round < 9; round++) {
      puts.push(...(await put(kit.kinesis, 'fan', Array.from({ length: 20 }, (_, i) => ({ partitionKey: `r${round}-k${i}`, text: `${round}/${i}` })))));
      await sleep(450);
    }
    expect(Date.now() - firstAt).toBeGreaterThan(3 * 1200);
    await t.until(() => t.rows().length >= puts.length, 20_000);
    await sleep(1500);
    const arn = (started?.type === 'started' && started.consumerArn) || '';
    const streamArn = arn.split('/consumer/')[0] ?? '';
    expect((await kit.kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArn }))).Consumers?.map((c) => c.ConsumerName)).toEqual(['tail-test']);
    t.handle.unsubscribe();
    const rows = t.rows();
    expect(rows.map(key).sort()).toEqual(puts.map(key).sort());
    for (const shard of ['shardId-000000000000', 'shardId-000000000001']) {
      expect(rows.filter((r) => r.shardId === shard).map(key)).toEqual(puts.filter((p) => p.shardId === shard).map(key));
    }
    const shards = t.statuses().at(-1)?.shards ?? [];
    expect(shards.map((s) => [s.shardId, s.callsPerSecond, s.callBudget])).toEqual([
      ['shardId-000000000000', null, 0],
      ['shardId-000000000001', null, 0],
    ]);
    // Deregistered when the session stopped.
    let left: string[] | undefined = ['tail-test'];
    for (let i = 0; i < 100 && left?.length; i++) {
      await sleep(50);
      const consumers = (await kit.kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArn }))).Consumers ?? [];
      left = consumers.filter((c) => c.ConsumerStatus !== 'DELETING').map((c) => c.ConsumerName ?? '');
    }
    expect(left).toEqual([]);
  });

  it('a connection switch ends the session with ConnectionChanged, and the consumer is still deregistered', async () => {
    await createStream(kit.kinesis, 'fan-switch', 1);
    const t = tail(kit.client, { stream: 'fan-switch', start: { type: 'LATEST' }, mode: { type: 'fanout', consumerName: 'switch-test' } });
    await t.until((items) => items.some((i) => i.type === 'started'));
    const started = t.items[0];
    const streamArn = ((started?.type === 'started' && started.consumerArn) || '').split('/consumer/')[0] ?? '';
    const custom = kit.manager.addCustom({ name: 'same engine', endpoint: kit.engine.endpoint, region: 'us-east-1', credentials: { type: 'none' } });
    await kit.manager.switchTo(custom.id);
    try {
      await put(kit.kinesis, 'fan-switch', [{ partitionKey: 'k', text: 'after the switch' }]);
      await expect(t.ended).rejects.toMatchObject({ code: 'ConnectionChanged' });
      let left: (string | undefined)[] = ['switch-test'];
      for (let i = 0; i < 100 && left.length; i++) {
        await sleep(50);
        left = ((await kit.kinesis.send(new ListStreamConsumersCommand({ StreamARN: streamArn }))).Consumers ?? []).filter((c) => c.ConsumerStatus !== 'DELETING').map((c) => c.ConsumerName);
      }
      expect(left).toEqual([]);
    } finally {
      await kit.manager.switchTo('local');
    }
  });
});

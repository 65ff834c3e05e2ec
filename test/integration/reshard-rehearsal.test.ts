// Rehearsing a plan on the local engine: a temporary copy of the stream's (uneven) open shard layout runs the
// plan's calls with the shard ids translated, ends with the shards the plan predicted, and is deleted; a copy a
// stopped app left behind is swept; the real stream is never touched; AWS-style connections are refused.
import { CreateStreamCommand, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RehearseItem, ReshardOperation } from '../../shared/contract/reshard';
import { evenHashRanges } from '../../shared/domain/hashKey';
import { REHEARSAL_PREFIX } from '../../main/services/reshard/rehearsal';
import { collect } from '../support/services-kit';
import { createStream } from '../support/tail-kit';
import { openRanges, runItems, startReshardKit, type ReshardClient, type ReshardKit } from '../support/reshard-kit';

let kit: ReshardKit;

beforeAll(async () => {
  kit = await startReshardKit();
});

afterAll(async () => {
  await kit?.close();
});

const rehearse = (client: ReshardClient, stream: string, operations: ReshardOperation[]) =>
  collect<RehearseItem>((handlers) => client.subscribe('reshard.rehearse', { stream, operations }, handlers as never));

const middle = (start: string, end: string) => ((BigInt(start) + BigInt(end) + 1n) / 2n).toString();

async function streamNames(): Promise<string[]> {
  return (await kit.kinesis.send(new ListStreamsCommand({}))).StreamNames ?? [];
}

describe('reshard.rehearse', () => {
  it('runs the plan on a copy of an uneven layout, matches the prediction with the real ids, and deletes the copy', async () => {
    const stream = 'rehearsed';
    await createStream(kit.kinesis, stream, 3);
    const [r0, r1] = evenHashRanges(3);
    if (!r0 || !r1) throw new Error('no ranges');
    // The real stream is resharded once first: open shards 3, 4, 1, 2 with uneven ranges, next index 5.
    const first = await runItems(kit.client, 'reshard.execute', { stream, operations: [{ kind: 'split', shardId: 'shardId-000000000000', newStartingHashKey: middle(r0.StartingHashKey, r0.EndingHashKey) }] });
    expect(first.run.state).toBe('completed');
    const before = await openRanges(kit.kinesis, stream);
    // A copy left behind by an app stopped mid-rehearsal.
    const leftover = `${REHEARSAL_PREFIX}old-1`;
    await kit.kinesis.send(new CreateStreamCommand({ StreamName: leftover, ShardCount: 1 }));

    const operations: ReshardOperation[] = [
      { kind: 'split', shardId: 'shardId-000000000001', newStartingHashKey: middle(r1.StartingHashKey, r1.EndingHashKey) },
      { kind: 'merge', shardId: 'shardId-000000000004', adjacentShardId: 'shardId-000000000005' },
    ];
    const items = await rehearse(kit.client, stream, operations);
    const phases = items.filter((i) => i.type === 'progress').map((i) => i.phase);
    expect(phases).toContain('copying');
    expect(phases).toContain('running');
    expect(phases.at(-1)).toBe('cleaning');
    const done = items.at(-1);
    if (done?.type !== 'done') throw new Error('no result');
    expect(done.differences).toEqual([]);
    expect(done.matchesPlan).toBe(true);
    expect(done.deleted).toBe(true);
    expect(done.copyName.startsWith(`${REHEARSAL_PREFIX}${stream}-`)).toBe(true);
    expect(done.open.map((s) => s.shardId)).toEqual(['shardId-000000000003', 'shardId-000000000007', 'shardId-000000000006', 'shardId-000000000002']);

    // The copy and the leftover are gone; the real stream is as it was.
    expect((await streamNames()).filter((n) => n.startsWith(REHEARSAL_PREFIX))).toEqual([]);
    expect(await openRanges(kit.kinesis, stream)).toEqual(before);
  });

  it('refuses a plan with problems before making a copy', async () => {
    const stream = 'rehearsed-bad';
    await createStream(kit.kinesis, stream, 2);
    await expect(rehearse(kit.client, stream, [{ kind: 'merge', shardId: 'shardId-000000000001', adjacentShardId: 'shardId-000000000000' }])).rejects.toThrow(/not adjacent/);
    expect((await streamNames()).filter((n) => n.startsWith(REHEARSAL_PREFIX))).toEqual([]);
  });
});

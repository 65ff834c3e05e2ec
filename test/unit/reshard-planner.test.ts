// The reshard planner on paper: uniform scaling in AWS's double/half steps, split points from skewed traffic,
// cold pairs to merge, custom sequences with their dry-run problems. Expected values are computed here, from the
// same keys routed independently with partitionKeyHash.
import { describe, expect, it } from 'vitest';
import { evenHashRanges, MAX_HASH_KEY, partitionKeyHash } from '../../shared/domain/hashKey';
import { planReshard, type PlanningInput } from '../../shared/domain/reshard/reshardPlanner';
import { observeTraffic, type ShardInput } from '../../shared/domain/reshard/observedTraffic';
import { scalingSteps } from '../../shared/domain/reshard/uniformScaling';

function evenShards(count: number, recordsEach = 0): ShardInput[] {
  return evenHashRanges(count).map((r, i) => ({
    shardId: `shardId-${String(i).padStart(12, '0')}`,
    startingHashKey: r.StartingHashKey,
    endingHashKey: r.EndingHashKey,
    records: recordsEach,
    bytes: recordsEach * 100,
  }));
}

function input(openShards: ShardInput[], overrides: Partial<PlanningInput> = {}): PlanningInput {
  return {
    stream: { name: 'orders', status: 'ACTIVE', capacityMode: 'PROVISIONED' },
    traffic: observeTraffic(openShards),
    nextShardIndex: openShards.length,
    windowSeconds: 60,
    limits: { accountShardLimit: 500, accountOpenShards: openShards.length, scalingsInLast24h: 0 },
    secondsPerCall: 30,
    price: { price: 0.015, source: 'test price' },
    fanOutConsumers: 0,
    ...overrides,
  };
}

describe('uniform scaling', () => {
  it('takes AWS-sized steps: at most double or half per call', () => {
    expect(scalingSteps(3, 10)).toEqual([6, 10]);
    expect(scalingSteps(10, 3)).toEqual([5, 3]);
    expect(scalingSteps(4, 5)).toEqual([5]);
    expect(scalingSteps(1, 9)).toEqual([2, 4, 8, 9]);
  });

  it('plans 3 → 10 as two UpdateShardCount calls ending in even ranges', () => {
    const plan = planReshard(input(evenShards(3)), { kind: 'uniform', targetShardCount: 10 });
    expect(plan.problems).toEqual([]);
    expect(plan.calls.map((c) => [c.api, c.request.TargetShardCount, c.openShardsAfter])).toEqual([
      ['UpdateShardCount', 6, 6],
      ['UpdateShardCount', 10, 10],
    ]);
    expect(plan.after.map((s) => [s.startingHashKey, s.endingHashKey])).toEqual(evenHashRanges(10).map((r) => [r.StartingHashKey, r.EndingHashKey]));
    expect(plan.after.every((s) => s.shardId === null && s.change === 'new')).toBe(true);
    expect(plan.estimatedSeconds).toBe(60);
    expect(plan.cost).toMatchObject({ beforePerHour: 3 * 0.015, afterPerHour: 10 * 0.015 });
  });

  it('plans 10 → 3 as two calls, and refuses when the 24-hour call budget is spent', () => {
    expect(planReshard(input(evenShards(10)), { kind: 'uniform', targetShardCount: 3 }).calls.map((c) => c.request.TargetShardCount)).toEqual([5, 3]);
    const spent = planReshard(input(evenShards(10), { limits: { accountShardLimit: 500, accountOpenShards: 10, scalingsInLast24h: 9 } }), { kind: 'uniform', targetShardCount: 3 });
    expect(spent.problems).toEqual(['This needs 2 UpdateShardCount calls, but only 1 of the 10 allowed per rolling 24 hours are left for this stream.']);
  });

  it('refuses to pass the account shard limit', () => {
    const plan = planReshard(input(evenShards(4), { limits: { accountShardLimit: 6, accountOpenShards: 4, scalingsInLast24h: 0 } }), { kind: 'uniform', targetShardCount: 8 });
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]).toContain('shard limit in this region is 6');
  });
});

describe('splitting a hot shard', () => {
  it('lands where each side gets 50 % ± 5 % of the observed records, with a hot key on one side', () => {
    // One shard over the whole key space; a hot key with 35 % of the records in the lowest quarter of the key
    // space, and 300 others sharing the rest. The midpoint would give the lower side about 35 + 65/2 = 67 %.
    let hot = 0;
    while (partitionKeyHash(`hot-${hot}`) >= MAX_HASH_KEY / 4n) hot++;
    const keys = [{ partitionKey: `hot-${hot}`, records: 3500, bytes: 350_000 }];
    for (let i = 0; i < 300; i++) keys.push({ partitionKey: `customer-${i}`, records: 20 + (i % 5), bytes: 2000 });
    const records = keys.reduce((sum, k) => sum + k.records, 0);
    const shard: ShardInput = { shardId: 'shardId-000000000000', startingHashKey: '0', endingHashKey: MAX_HASH_KEY.toString(), records, bytes: records * 100, keys };
    const plan = planReshard(input([shard]), { kind: 'split-hot', shardId: 'shardId-000000000000' });
    expect(plan.problems).toEqual([]);
    const split = BigInt(String(plan.calls[0]?.request.NewStartingHashKey));
    // Well below the midpoint of the range:
    expect(split < (1n << 127n) - (1n << 123n)).toBe(true);
    const lower = keys.filter((k) => partitionKeyHash(k.partitionKey) < split).reduce((sum, k) => sum + k.records, 0);
    expect(lower / records).toBeGreaterThanOrEqual(0.45);
    expect(lower / records).toBeLessThanOrEqual(0.55);
    // The projection agrees with the keys routed here, and the children get the next shard ids.
    expect(plan.after.map((s) => s.shardId)).toEqual(['shardId-000000000001', 'shardId-000000000002']);
    expect(plan.after[0]?.load.recordsPerSecond).toBeCloseTo(lower / 60, 6);
    expect(plan.consumerImpact[0]).toContain('1 shard close (shardId-000000000000)');
  });

  it('splits at the midpoint when no keys are known and the traffic is even', () => {
    const plan = planReshard(input(evenShards(1, 600)), { kind: 'split-hot', shardId: 'shardId-000000000000' });
    const split = BigInt(String(plan.calls[0]?.request.NewStartingHashKey));
    const mid = 1n << 127n;
    expect(split > mid - (1n << 100n) && split < mid + (1n << 100n)).toBe(true);
  });
});

describe('merging cold shards', () => {
  it('suggests adjacent pairs under the threshold, each shard once', () => {
    const shards = evenShards(4).map((s, i) => ({ ...s, records: [600, 600, 54_000, 600][i] ?? 0, bytes: 0 }));
    const plan = planReshard(input(shards), { kind: 'merge-cold', thresholdPercent: 50 });
    // 60 s window: 10 + 10 records/s merge (2 %); 900 + 10 records/s stays apart (91 %).
    expect(plan.calls.map((c) => c.request)).toEqual([{ StreamName: 'orders', ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000001' }]);
    expect(plan.openShardsAfter).toBe(3);
    expect(plan.after.map((s) => s.shardId)).toEqual(['shardId-000000000004', 'shardId-000000000002', 'shardId-000000000003']);
  });
});

describe('custom plans and the dry run', () => {
  it('names each step that AWS would refuse', () => {
    const plan = planReshard(input(evenShards(4)), {
      kind: 'custom',
      operations: [
        { kind: 'merge', shardId: 'shardId-000000000000', adjacentShardId: 'shardId-000000000002' },
        { kind: 'split', shardId: 'shardId-000000000001', newStartingHashKey: '5' },
        { kind: 'merge', shardId: 'shardId-000000000002', adjacentShardId: 'shardId-000000000003' },
        { kind: 'split', shardId: 'shardId-000000000003', newStartingHashKey: '1' },
      ],
    });
    expect(plan.problems).toEqual([
      'Step 1: shardId-000000000000 and shardId-000000000002 are not adjacent (the first must sit directly below the second on the key space).',
      expect.stringMatching(/^Step 2: the split key of shardId-000000000001 must lie inside its hash range/),
      'Step 4: shard shardId-000000000003 is not open (it does not exist, or an earlier step closed it).',
    ]);
    expect(plan.calls).toHaveLength(1);
  });

  it('refuses on-demand and busy streams', () => {
    const plan = planReshard(input(evenShards(2), { stream: { name: 'orders', status: 'UPDATING', capacityMode: 'ON_DEMAND' } }), { kind: 'uniform', targetShardCount: 4 });
    expect(plan.problems.slice(0, 2)).toEqual([
      'An on-demand stream cannot be resharded: switch it to provisioned capacity first.',
      'The stream is UPDATING: wait until it is ACTIVE.',
    ]);
  });
});

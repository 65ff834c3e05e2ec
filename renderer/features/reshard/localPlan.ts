// Re-planning in the window: the shared planner run on the observed traffic and the stream facts the last
// reshard.plan answered, so dragging a split point or typing a key updates the preview at once. The plan service
// stays the authority: its dry run (against the stream as it is then) is what allows Execute.
import type { ObservedShard, PlanResult, ReshardGoal, ReshardPlan } from '../../../shared/contract/reshard';
import { isValidHashKey } from '../../../shared/domain/hashKey';
import { observeTraffic, rangeLoad, type ShardTraffic } from '../../../shared/domain/reshard/observedTraffic';
import { planReshard } from '../../../shared/domain/reshard/reshardPlanner';

/** The observed shards as the planner reads them (partition keys hashed once, here, not per re-plan). */
export function trafficOf(shards: readonly ObservedShard[]): ShardTraffic[] {
  return observeTraffic(
    shards.map((s) => ({
      shardId: s.shardId,
      startingHashKey: s.startingHashKey,
      endingHashKey: s.endingHashKey,
      records: s.records,
      bytes: s.bytes,
      keys: s.topKeys.map((k) => ({ partitionKey: k.partitionKey, records: k.records, bytes: k.bytes })),
    })),
  );
}

export function planLocally(facts: PlanResult, traffic: readonly ShardTraffic[], goal: ReshardGoal): ReshardPlan {
  const { stream, planning } = facts;
  return planReshard(
    {
      stream: { name: stream.name, status: stream.status, capacityMode: stream.capacityMode === 'ON_DEMAND' ? 'ON_DEMAND' : 'PROVISIONED' },
      traffic,
      nextShardIndex: stream.nextShardIndex,
      windowSeconds: planning.windowSeconds,
      limits: { accountShardLimit: stream.accountShardLimit, accountOpenShards: stream.accountOpenShards, scalingsInLast24h: stream.shardCountUpdatesLast24h ?? 0 },
      secondsPerCall: planning.secondsPerCall,
      price: planning.price,
      fanOutConsumers: planning.fanOutConsumers,
    },
    goal,
  );
}

/** Why a typed NewStartingHashKey cannot split [start, end], in words; null when it can. */
export function splitKeyProblem(text: string, start: bigint, end: bigint): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Type a hash key: a whole number in decimal.';
  if (!/^\d+$/.test(trimmed)) return 'A hash key is a whole number written in decimal digits (0 to 2¹²⁸ − 1), without spaces, signs or hex.';
  if (!isValidHashKey(trimmed)) return 'That is not a hash key: they run from 0 to 340282366920938463463374607431768211455 (2¹²⁸ − 1), without leading zeros.';
  const key = BigInt(trimmed);
  if (key <= start + 1n || key >= end) return `The key must lie inside the shard: above ${start + 1n} and below ${end} (the upper child starts at this key).`;
  return null;
}

/** A hash key's position inside [start, end], 0..1 (for the slider). */
export function fractionOf(key: bigint, start: bigint, end: bigint): number {
  const width = end - start;
  if (width <= 0n) return 0;
  return Number(((key - start) * 1_000_000n) / width) / 1_000_000;
}

export function keyAt(fraction: number, start: bigint, end: bigint): bigint {
  return start + ((end - start) * BigInt(Math.round(fraction * 1_000_000))) / 1_000_000n;
}

/** Any range's traffic as a shard of its own (a shard an earlier step of a custom plan makes): the known keys in
 *  it and its estimated load, so the split point's two sides can be weighed. */
export function rangeTraffic(traffic: readonly ShardTraffic[], shardId: string, start: bigint, end: bigint): ShardTraffic {
  const load = rangeLoad(traffic, start, end);
  const keys = traffic.flatMap((s) => s.keys.filter((k) => k.hashKey >= start && k.hashKey <= end)).sort((a, b) => (a.hashKey < b.hashKey ? -1 : a.hashKey > b.hashKey ? 1 : 0));
  return { shardId, start, end, records: load.records, bytes: load.bytes, keys };
}

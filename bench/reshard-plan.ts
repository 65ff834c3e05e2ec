// `npx tsx bench/reshard-plan.ts`: how long the reshard planner takes on a 500-shard stream with 20 known keys per
// shard, for each goal (target: < 100 ms), and the one-off cost of hashing the observed keys. Prints JSON; no peer
// emulator has a planner, so there is nothing to run side by side.
import { performance } from 'node:perf_hooks';
import { evenHashRanges, partitionKeyHash } from '../shared/domain/hashKey';
import type { ReshardGoal } from '../shared/contract/reshard';
import { observeTraffic, type ShardInput } from '../shared/domain/reshard/observedTraffic';
import { planReshard, type PlanningInput } from '../shared/domain/reshard/reshardPlanner';

const SHARDS = 500;
const KEYS_PER_SHARD = 20;
const ROUNDS = 20;

// Each shard lists the top keys that route to it, as the engine's per-shard stats give them.
const ranges = evenHashRanges(SHARDS);
const width = (1n << 128n) / BigInt(SHARDS);
const keysOf: { partitionKey: string; records: number; bytes: number }[][] = ranges.map(() => []);
for (let i = 0, placed = 0; placed < SHARDS * KEYS_PER_SHARD; i++) {
  const shard = Math.min(SHARDS - 1, Number(partitionKeyHash(`key-${i}`) / width));
  const list = keysOf[shard] as { partitionKey: string; records: number; bytes: number }[];
  if (list.length >= KEYS_PER_SHARD) continue;
  list.push({ partitionKey: `key-${i}`, records: 10 + (i % 97), bytes: 1000 + i });
  placed++;
}
const openShards: ShardInput[] = ranges.map((r, i) => ({
  shardId: `shardId-${String(i).padStart(12, '0')}`,
  startingHashKey: r.StartingHashKey,
  endingHashKey: r.EndingHashKey,
  records: 30_000 + (i % 13) * 1000,
  bytes: 3_000_000,
  keys: keysOf[i],
}));
const observedAt = performance.now();
const traffic = observeTraffic(openShards);
const observeMs = performance.now() - observedAt;
const input: PlanningInput = {
  stream: { name: 'bench', status: 'ACTIVE', capacityMode: 'PROVISIONED' },
  traffic,
  nextShardIndex: SHARDS,
  windowSeconds: 3600,
  limits: { accountShardLimit: 2000, accountOpenShards: SHARDS, scalingsInLast24h: 0 },
  secondsPerCall: 30,
  price: null,
  fanOutConsumers: 0,
};
const goals: Record<string, ReshardGoal> = {
  'uniform 500 → 1000': { kind: 'uniform', targetShardCount: 1000 },
  'uniform 500 → 250': { kind: 'uniform', targetShardCount: 250 },
  'split the hottest shard': { kind: 'split-hot', shardId: 'shardId-000000000012' },
  'merge cold pairs (< 80 %)': { kind: 'merge-cold', thresholdPercent: 80 },
};

const figures: Record<string, { medianMs: number; maxMs: number; calls: number; openAfter: number }> = {};
for (const [name, goal] of Object.entries(goals)) {
  const times: number[] = [];
  let plan = planReshard(input, goal);
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    plan = planReshard(input, goal);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  figures[name] = { medianMs: Number((times[ROUNDS >> 1] ?? 0).toFixed(2)), maxMs: Number((times[ROUNDS - 1] ?? 0).toFixed(2)), calls: plan.calls.length, openAfter: plan.openShardsAfter };
}
console.log(JSON.stringify({ bench: 'reshard-plan', shards: SHARDS, keysPerShard: KEYS_PER_SHARD, rounds: ROUNDS, targetMs: 100, observeTrafficMs: Number(observeMs.toFixed(2)), figures }, null, 2));

// From a goal to a plan a user can read before anything changes: the API calls in order, the key space before and
// after with the projected load on each shard (from the same observed traffic), time, cost and consumer impact,
// and every problem the dry run finds. Pure and synchronous: the wizard re-plans as the user drags a split point.
import type { PlannedCall, PlannedShard, ReshardCost, ReshardGoal, ReshardOperation, ReshardPlan } from '../../contract/reshard';
import { ReshardGoal as ReshardGoalSchema } from '../../contract/reshard';
import { coldPairs } from './mergeSuggestions';
import { rangeLoad, type ShardTraffic } from './observedTraffic';
import { simulate, type PaperShard } from './planSimulation';
import { perSecond, utilisationPercent } from './shardCapacity';
import { balancedSplit, splittable } from './splitPoint';
import { scalingProblems, type ScalingLimits } from './uniformScaling';

export interface ShardHourPrice {
  price: number;
  source: string;
}

export interface PlanningInput {
  stream: { name: string; status: string; capacityMode: 'PROVISIONED' | 'ON_DEMAND' };
  /** The open shards with their observed traffic (observeTraffic). */
  traffic: readonly ShardTraffic[];
  /** One more than the highest shard index the stream has used, closed shards included. */
  nextShardIndex: number;
  /** How many seconds of traffic the shards' records and bytes cover. */
  windowSeconds: number;
  limits: ScalingLimits;
  /** How long one call keeps the stream UPDATING (local engine: its status delay; AWS: an estimate). */
  secondsPerCall: number;
  price: ShardHourPrice | null;
  fanOutConsumers: number;
}

/** The goal as operations: where the planner chooses (split point, pairs to merge), it chooses here. */
export function goalOperations(goal: ReshardGoal, shards: readonly ShardTraffic[], windowSeconds: number): { operations: ReshardOperation[]; problems: string[] } {
  const parsed = ReshardGoalSchema.parse(goal);
  switch (parsed.kind) {
    case 'uniform':
      return { operations: [{ kind: 'scale', targetShardCount: parsed.targetShardCount }], problems: [] };
    case 'split-hot': {
      const shard = shards.find((s) => s.shardId === parsed.shardId);
      if (!shard) return { operations: [], problems: [`Shard ${parsed.shardId} is not an open shard of this stream.`] };
      if (!splittable(shard)) return { operations: [], problems: [`Shard ${parsed.shardId} covers too few hash keys to split.`] };
      const key = parsed.newStartingHashKey ?? balancedSplit(shard, parsed.measure).newStartingHashKey.toString();
      return { operations: [{ kind: 'split', shardId: shard.shardId, newStartingHashKey: key }], problems: [] };
    }
    case 'merge-cold': {
      const pairs = coldPairs(shards, windowSeconds, parsed.thresholdPercent);
      const operations = pairs.map((p): ReshardOperation => ({ kind: 'merge', shardId: p.lower.shardId, adjacentShardId: p.upper.shardId }));
      return { operations, problems: pairs.length === 0 ? [`No adjacent pair stays under ${parsed.thresholdPercent} % of one shard's capacity together.`] : [] };
    }
    case 'custom':
      return { operations: parsed.operations, problems: parsed.operations.length === 0 ? ['The plan has no steps yet.'] : [] };
  }
}

function request(stream: string, operation: ReshardOperation): Pick<PlannedCall, 'api' | 'request'> {
  switch (operation.kind) {
    case 'split':
      return { api: 'SplitShard', request: { StreamName: stream, ShardToSplit: operation.shardId, NewStartingHashKey: operation.newStartingHashKey } };
    case 'merge':
      return { api: 'MergeShards', request: { StreamName: stream, ShardToMerge: operation.shardId, AdjacentShardToMerge: operation.adjacentShardId } };
    case 'scale':
      return { api: 'UpdateShardCount', request: { StreamName: stream, TargetShardCount: operation.targetShardCount, ScalingType: 'UNIFORM_SCALING' } };
  }
}

function projected(shards: readonly PaperShard[], traffic: readonly ShardTraffic[], windowSeconds: number): PlannedShard[] {
  return shards.map((shard) => {
    const load = rangeLoad(traffic, shard.start, shard.end);
    return {
      shardId: shard.shardId,
      startingHashKey: shard.start.toString(),
      endingHashKey: shard.end.toString(),
      load: perSecond(load, windowSeconds),
      utilisationPercent: utilisationPercent(load, windowSeconds),
      change: shard.isNew ? 'new' : 'kept',
    };
  });
}

function impact(before: readonly PaperShard[], after: readonly PaperShard[], fanOutConsumers: number): string[] {
  const kept = new Set(after.filter((s) => !s.isNew).map((s) => s.shardId));
  const closed = before.filter((s) => !kept.has(s.shardId)).map((s) => s.shardId ?? '');
  const made = after.filter((s) => s.isNew);
  if (closed.length === 0) return [];
  const ids = made.every((s) => s.shardId !== null) ? `: ${made.map((s) => s.shardId).join(', ')}` : ' (AWS picks their ids)';
  const lines = [
    `${closed.length} shard${closed.length === 1 ? '' : 's'} close (${closed.join(', ')}); their records stay readable until the retention period ends.`,
    `${made.length} new open shard${made.length === 1 ? '' : 's'}${ids}. Writes go to them once each call completes.`,
    'Consumers must finish each parent shard before reading its children to keep per-key order: the KCL does this by itself; other readers follow ChildShards from GetRecords or ListShards.',
  ];
  if (fanOutConsumers > 0) {
    lines.push(`${fanOutConsumers} enhanced fan-out consumer${fanOutConsumers === 1 ? '' : 's'}: subscriptions to closed shards end, and the consumers must subscribe to the children.`);
  }
  return lines;
}

function cost(price: ShardHourPrice | null, before: number, after: number): ReshardCost | null {
  if (!price) return null;
  return { pricePerShardHour: price.price, currency: 'USD', source: price.source, beforePerHour: before * price.price, afterPerHour: after * price.price };
}

export function planReshard(input: PlanningInput, goal: ReshardGoal): ReshardPlan {
  const { traffic } = input;
  const before: PaperShard[] = traffic.map((s) => ({ shardId: s.shardId, start: s.start, end: s.end, isNew: false }));
  const chosen = goalOperations(goal, traffic, input.windowSeconds);
  const simulation = simulate(before, chosen.operations, input.nextShardIndex);
  const problems = [...chosen.problems, ...simulation.problems];
  if (input.stream.status !== 'ACTIVE') problems.unshift(`The stream is ${input.stream.status}: wait until it is ACTIVE.`);
  if (input.stream.capacityMode !== 'PROVISIONED') problems.unshift('An on-demand stream cannot be resharded: switch it to provisioned capacity first.');
  const scalings = simulation.calls.filter((c) => c.operation.kind === 'scale');
  if (scalings.length > 0) {
    const steps = scalings.map((c) => c.openAfter.length);
    const target = steps[steps.length - 1] ?? before.length;
    problems.push(...scalingProblems(before.length, target, steps, { ...input.limits }).filter((p) => !p.startsWith('The stream already')));
  } else {
    const peak = Math.max(before.length, ...simulation.calls.map((c) => c.openAfter.length));
    if (input.limits.accountOpenShards + (peak - before.length) > input.limits.accountShardLimit) {
      problems.push(`The account's shard limit in this region is ${input.limits.accountShardLimit}: this plan needs ${peak - before.length} more open shards than there are room for.`);
    }
  }
  const calls: PlannedCall[] = simulation.calls.map((c) => ({ operation: c.operation, ...request(input.stream.name, c.operation), openShardsAfter: c.openAfter.length }));
  return {
    calls,
    before: projected(before, traffic, input.windowSeconds),
    after: projected(simulation.open, traffic, input.windowSeconds),
    openShardsBefore: before.length,
    openShardsAfter: simulation.open.length,
    estimatedSeconds: calls.length * input.secondsPerCall,
    cost: cost(input.price, before.length, simulation.open.length),
    consumerImpact: impact(before, simulation.open, input.fanOutConsumers),
    problems,
  };
}

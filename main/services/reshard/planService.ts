// reshard.plan: the stream as it is now (DescribeStreamSummary, ListShards, DescribeLimits through the SDK), the
// observed traffic, and the planner on paper, whose problems are the dry run: every step is checked against the
// current shards, status, mode, adjacency, hash keys and limits, and nothing that changes the stream is called.
import type { PlanParamsIn, PlanResult, ReshardGoal, ReshardPlan } from '../../../shared/contract/reshard';
import { PlanParams } from '../../../shared/contract/reshard';
import { RpcError } from '../../../shared/contract/errors';
import { observeTraffic, type ShardInput } from '../../../shared/domain/reshard/observedTraffic';
import { planReshard } from '../../../shared/domain/reshard/reshardPlanner';
import type { EngineAdmin } from '../engineAdmin';
import { adminCall } from '../localEngineControls';
import type { SessionConnection } from '../tail/tailSession';
import { observeFromEngine, type Observation, type Observations } from './observeTraffic';
import { shardHourPrice } from './shardPrice';
import { readAccountLimits, readStreamShape, type StreamShape } from './streamShape';

/** Rough time a call keeps a stream UPDATING: the engine's is its status delay (short); AWS's, seconds to minutes. */
const LOCAL_SECONDS_PER_CALL = 2;
const AWS_SECONDS_PER_CALL = 30;

export interface PlanDeps {
  connection: SessionConnection;
  admin: EngineAdmin | null;
  observations: Observations;
}

export interface StreamFacts {
  shape: StreamShape;
  accountShardLimit: number;
  accountOpenShards: number;
  /** null where it cannot be read (AWS). */
  shardCountUpdatesLast24h: number | null;
}

export async function readStreamFacts(deps: Pick<PlanDeps, 'connection' | 'admin'>, stream: string): Promise<StreamFacts> {
  const kinesis = deps.connection.kinesis();
  const [shape, limits] = await Promise.all([readStreamShape(kinesis, stream), readAccountLimits(kinesis)]);
  const admin = deps.admin;
  const updates = admin ? ((await adminCall(() => admin.getLimits({ StreamName: stream }))).Stream?.ShardCountUpdatesLast24h ?? 0) : null;
  return { shape, accountShardLimit: limits.shardLimit, accountOpenShards: limits.openShards, shardCountUpdatesLast24h: updates };
}

export const UNKNOWN_UPDATES_NOTE =
  'AWS does not report how many UpdateShardCount calls this stream made in the rolling 24 hours (ten are allowed): the plan assumes none. A call over the limit fails with LimitExceededException; the run then stops there and can be resumed later.';

/** The open shards with the observation's load; shards it did not see (the stream changed since) carry none. */
function trafficInputs(shape: StreamShape, observation: Observation | null, notes: string[]): ShardInput[] {
  const seen = new Map((observation?.shards ?? []).map((s) => [s.shardId, s]));
  const unseen: string[] = [];
  const inputs = shape.open.map((s) => {
    const known = seen.get(s.shardId);
    if (known && known.startingHashKey === s.startingHashKey && known.endingHashKey === s.endingHashKey) return known;
    if (observation) unseen.push(s.shardId);
    return { ...s, records: 0, bytes: 0, keys: [] };
  });
  if (unseen.length > 0) notes.push(`The stream changed since its traffic was observed: ${unseen.join(', ')} ha${unseen.length === 1 ? 's' : 've'} no observed load. Observe again for a better picture.`);
  return inputs;
}

export function planningFacts(facts: StreamFacts, windowSeconds: number, options: { local: boolean; region: string }): PlanResult['planning'] {
  return {
    windowSeconds,
    secondsPerCall: options.local ? LOCAL_SECONDS_PER_CALL : AWS_SECONDS_PER_CALL,
    price: shardHourPrice(options.region, options.local),
    fanOutConsumers: facts.shape.summary.consumerCount ?? 0,
  };
}

export function planOn(facts: StreamFacts, goal: ReshardGoal, inputs: readonly ShardInput[], windowSeconds: number, options: { local: boolean; region: string }): ReshardPlan {
  const { summary } = facts.shape;
  return planReshard(
    {
      stream: { name: summary.name, status: summary.status, capacityMode: summary.mode === 'ON_DEMAND' ? 'ON_DEMAND' : 'PROVISIONED' },
      traffic: observeTraffic(inputs),
      nextShardIndex: facts.shape.nextShardIndex,
      limits: { accountShardLimit: facts.accountShardLimit, accountOpenShards: facts.accountOpenShards, scalingsInLast24h: facts.shardCountUpdatesLast24h ?? 0 },
      ...planningFacts(facts, windowSeconds, options),
    },
    goal,
  );
}

export async function planReshardFor(deps: PlanDeps, input: PlanParamsIn): Promise<PlanResult> {
  const params = PlanParams.parse(input);
  const facts = await readStreamFacts(deps, params.stream);
  const notes: string[] = [];
  let observation: Observation | null = null;
  if (params.observationId !== undefined) {
    observation = deps.observations.get(params.observationId, deps.connection.id, params.stream) ?? null;
    if (!observation) throw new RpcError('ObservationNotFound', `The observed traffic ${params.observationId} is gone (observations are kept in memory for a while): observe the stream again.`);
  } else if (deps.admin) {
    observation = await observeFromEngine(deps.connection, deps.admin, params.stream);
  } else {
    notes.push('No traffic was observed: the projected loads are zero and a hot shard splits at the middle of its range. Observe the stream first for real figures.');
  }
  if (observation) notes.push(...observation.notes);
  if (facts.shardCountUpdatesLast24h === null) notes.push(UNKNOWN_UPDATES_NOTE);
  const region = await deps.connection.kinesis().config.region();
  const inputs = trafficInputs(facts.shape, observation, notes);
  const windowSeconds = observation?.windowSeconds ?? 1;
  const options = { local: deps.admin !== null, region };
  const plan = planOn(facts, params.goal, inputs, windowSeconds, options);
  const { summary } = facts.shape;
  return {
    plan,
    notes,
    stream: {
      name: summary.name,
      status: summary.status,
      capacityMode: summary.mode,
      openShards: facts.shape.open.length,
      nextShardIndex: facts.shape.nextShardIndex,
      accountShardLimit: facts.accountShardLimit,
      accountOpenShards: facts.accountOpenShards,
      shardCountUpdatesLast24h: facts.shardCountUpdatesLast24h,
    },
    planning: planningFacts(facts, windowSeconds, options),
  };
}

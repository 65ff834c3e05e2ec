// The live SubscribeToShard subscriptions of an engine: who listens on which shard (so a committed write wakes
// them within the same turn of the event loop), one subscription per consumer and shard (AWS's refusal and
// takeover rules), and one ticker per engine for heartbeats, lifetimes and stream changes (resharding, deletion).
// Nothing here runs on the write path while nobody subscribes: the write observer returns at its first check.
import type { ConsumerRow } from '../../../storage/consumerStore';
import type { Engine } from '../../core/engine';
import { inUse } from '../../core/errors';
import type { ShardSubscription } from './shardSubscription';
import type { ShardState } from '../streams/streamModel';
import { writeObservers } from '../records/writeRecords';

/** How often subscriptions look at the clock and at stream metadata changes, ms. */
const TICK_MS = 50;

interface Hub {
  /** By shard row id: who a write to that shard wakes. */
  readonly byShard: Map<number, Set<ShardSubscription>>;
  /** By consumer row id and shard index: at most one live subscription each. */
  readonly byKey: Map<string, ShardSubscription>;
  generation: number;
}

const hubs = new WeakMap<Engine, Hub>();

function hubOf(engine: Engine): Hub {
  let hub = hubs.get(engine);
  if (!hub) {
    const created: Hub = { byShard: new Map(), byKey: new Map(), generation: engine.store.generation };
    hubs.set(engine, created);
    engine.every(TICK_MS, () => tick(engine, created));
    hub = created;
  }
  return hub;
}

function tick(engine: Engine, hub: Hub): void {
  if (hub.byKey.size === 0) return;
  const generation = engine.store.generation;
  const changed = generation !== hub.generation;
  hub.generation = generation;
  const now = engine.clock();
  for (const subscription of hub.byKey.values()) subscription.tick(now, changed);
}

writeObservers.push((ctx, _stream, shards) => {
  const hub = hubs.get(ctx.engine);
  if (!hub || hub.byShard.size === 0) return;
  let previous: ShardState | undefined;
  for (const shard of shards) {
    if (shard === previous) continue;
    previous = shard;
    const listeners = hub.byShard.get(shard.id);
    if (listeners) for (const subscription of listeners) subscription.wake();
  }
});

export function subscriptionKey(consumerRowId: number, shardIndex: number): string {
  return `${consumerRowId}:${shardIndex}`;
}

/**
 * Makes the subscription the live one for its consumer and shard. Within takeoverMs of the live one's start a
 * second call is refused with ResourceInUseException; later, the new one takes over and the old one ends with
 * ResourceInUseException (AWS's documented behaviour).
 */
export function addSubscription(engine: Engine, subscription: ShardSubscription, refusal: string): void {
  const hub = hubOf(engine);
  const live = hub.byKey.get(subscription.key);
  if (live) {
    if (subscription.startedMs - live.startedMs < engine.config.subscriptionTakeoverMs) throw inUse(refusal);
    live.fail('ResourceInUseException', refusal);
  }
  hub.byKey.set(subscription.key, subscription);
  let listeners = hub.byShard.get(subscription.shardRowId);
  if (!listeners) {
    listeners = new Set();
    hub.byShard.set(subscription.shardRowId, listeners);
  }
  listeners.add(subscription);
}

export function removeSubscription(engine: Engine, subscription: ShardSubscription): void {
  const hub = hubs.get(engine);
  if (!hub) return;
  if (hub.byKey.get(subscription.key) === subscription) hub.byKey.delete(subscription.key);
  const listeners = hub.byShard.get(subscription.shardRowId);
  if (listeners?.delete(subscription) && listeners.size === 0) hub.byShard.delete(subscription.shardRowId);
}

/** Ends every live subscription of a consumer being deregistered. */
export function endConsumerSubscriptions(engine: Engine, consumer: ConsumerRow): void {
  const hub = hubs.get(engine);
  if (!hub) return;
  for (const subscription of hub.byKey.values()) {
    if (subscription.consumerRowId === consumer.id) {
      subscription.fail('ResourceNotFoundException', `Consumer ${consumer.arn} is being deregistered.`);
    }
  }
}

/** How many subscriptions are live (for tests and the console). */
export function liveSubscriptionCount(engine: Engine): number {
  return hubs.get(engine)?.byKey.size ?? 0;
}

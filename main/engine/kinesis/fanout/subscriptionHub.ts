// The live SubscribeToShard subscriptions of one engine: who listens on which shard (so a committed write wakes
// them within the same turn of the event loop), one subscription per consumer and shard (AWS's refusal and
// takeover rules), and a tick for heartbeats, lifetimes and stream changes (resharding, deletion). Nothing here
// runs on the write path while nobody subscribes: wakeWritten returns at its first check.
import { inUse } from '../../core/errors';

/** How often subscriptions look at the clock and at stream metadata changes, ms. */
export const SUBSCRIPTION_TICK_MS = 50;

/** What the hub needs of a subscription (fanout/shardSubscription.ts). */
export interface LiveSubscription {
  readonly key: string;
  readonly consumerRowId: number;
  readonly shardRowId: number;
  readonly startedMs: number;
  wake(): void;
  tick(now: number, streamsChanged: boolean): void;
  fail(type: 'ResourceInUseException' | 'ResourceNotFoundException', message: string): void;
}

export function subscriptionKey(consumerRowId: number, shardIndex: number): string {
  return `${consumerRowId}:${shardIndex}`;
}

export class SubscriptionHub {
  /** By shard row id: who a write to that shard wakes. */
  private readonly byShard = new Map<number, Set<LiveSubscription>>();
  /** By consumer row id and shard index: at most one live subscription each. */
  private readonly byKey = new Map<string, LiveSubscription>();

  constructor(
    private generation: number,
    private readonly takeoverMs: number,
  ) {}

  /** How many subscriptions are live (for tests and the console). */
  get size(): number {
    return this.byKey.size;
  }

  /** Runs every SUBSCRIPTION_TICK_MS; generation is the store's, which changes with stream metadata. */
  tick(now: number, generation: number): void {
    if (this.byKey.size === 0) return;
    const changed = generation !== this.generation;
    this.generation = generation;
    for (const subscription of this.byKey.values()) subscription.tick(now, changed);
  }

  /** Wakes the subscriptions of the shards a committed write touched (shards in write order, repeats adjacent). */
  wakeWritten(shards: readonly { id: number }[]): void {
    if (this.byShard.size === 0) return;
    let previous: { id: number } | undefined;
    for (const shard of shards) {
      if (shard === previous) continue;
      previous = shard;
      const listeners = this.byShard.get(shard.id);
      if (listeners) for (const subscription of listeners) subscription.wake();
    }
  }

  /**
   * Makes the subscription the live one for its consumer and shard. Within takeoverMs of the live one's start a
   * second call is refused with ResourceInUseException; later, the new one takes over and the old one ends with
   * ResourceInUseException (AWS's documented behaviour).
   */
  add(subscription: LiveSubscription, refusal: string): void {
    const live = this.byKey.get(subscription.key);
    if (live) {
      if (subscription.startedMs - live.startedMs < this.takeoverMs) throw inUse(refusal);
      live.fail('ResourceInUseException', refusal);
    }
    this.byKey.set(subscription.key, subscription);
    let listeners = this.byShard.get(subscription.shardRowId);
    if (!listeners) {
      listeners = new Set();
      this.byShard.set(subscription.shardRowId, listeners);
    }
    listeners.add(subscription);
  }

  remove(subscription: LiveSubscription): void {
    if (this.byKey.get(subscription.key) === subscription) this.byKey.delete(subscription.key);
    const listeners = this.byShard.get(subscription.shardRowId);
    if (listeners?.delete(subscription) && listeners.size === 0) this.byShard.delete(subscription.shardRowId);
  }

  /** Ends every live subscription of a consumer being deregistered. */
  endConsumer(consumer: { id: number; arn: string }): void {
    for (const subscription of this.byKey.values()) {
      if (subscription.consumerRowId === consumer.id) {
        subscription.fail('ResourceNotFoundException', `Consumer ${consumer.arn} is being deregistered.`);
      }
    }
  }
}

/** How many subscriptions are live on an engine's Kinesis (for tests and the console). */
export function liveSubscriptionCount(kinesis: { subscriptions: SubscriptionHub }): number {
  return kinesis.subscriptions.size;
}

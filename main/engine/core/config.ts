// Engine settings with their defaults. Every option of startEngine() that shapes behaviour lands here.

export interface EngineConfig {
  /** Account id in ARNs and messages. */
  accountId: string;
  /** Region used when a request carries no SigV4 scope. */
  defaultRegion: string;
  /** How long CREATING lasts before ACTIVE, ms. */
  createDelayMs: number;
  /** How long UPDATING lasts before ACTIVE, ms. */
  updateDelayMs: number;
  /** How long DELETING lasts before the stream is gone, ms. */
  deleteDelayMs: number;
  /** Open shards allowed per account and region (AWS's default is 500 in most regions). */
  shardLimit: number;
  /** Shards an ON_DEMAND stream starts with (AWS gives 4). */
  onDemandShardCount: number;
  /** Lifetime of a shard iterator, ms (AWS: 5 minutes). */
  iteratorTtlMs: number;
  /** Lifetime of a NextToken, ms (AWS: 300 seconds). */
  nextTokenTtlMs: number;
  /** How often expired records are trimmed, ms. */
  retentionSweepMs: number;
  /** How long a SubscribeToShard subscription lives before the service ends it, ms (AWS: 5 minutes). */
  subscriptionLifetimeMs: number;
  /** An event with no records is sent after this much quiet, so consumers see their position advance, ms. */
  subscriptionHeartbeatMs: number;
  /** A second SubscribeToShard for the same consumer and shard within this time of the first is refused;
   * later, it takes the subscription over (AWS: 5 seconds). */
  subscriptionTakeoverMs: number;
}

export const DEFAULT_ACCOUNT_ID = '000000000000';
export const DEFAULT_STATUS_DELAY_MS = 500;

export function engineConfig(options: Partial<EngineConfig> & { statusDelayMs?: number } = {}): EngineConfig {
  const delay = options.statusDelayMs ?? DEFAULT_STATUS_DELAY_MS;
  return {
    accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
    defaultRegion: options.defaultRegion ?? 'us-east-1',
    createDelayMs: options.createDelayMs ?? delay,
    updateDelayMs: options.updateDelayMs ?? delay,
    deleteDelayMs: options.deleteDelayMs ?? delay,
    shardLimit: options.shardLimit ?? 500,
    onDemandShardCount: options.onDemandShardCount ?? 4,
    iteratorTtlMs: options.iteratorTtlMs ?? 300_000,
    nextTokenTtlMs: options.nextTokenTtlMs ?? 300_000,
    retentionSweepMs: options.retentionSweepMs ?? 60_000,
    subscriptionLifetimeMs: options.subscriptionLifetimeMs ?? 300_000,
    subscriptionHeartbeatMs: options.subscriptionHeartbeatMs ?? 5_000,
    subscriptionTakeoverMs: options.subscriptionTakeoverMs ?? 5_000,
  };
}

// Helpers shared by the stream-settings actions: applying a change behind an UPDATING transition, the
// account's minimum-throughput billing commitment (gates warm throughput), and the shard-level metric names.
import type { StreamUpdate } from '../../../storage/engineStore';
import type { KinesisContext } from '../kinesis';
import { channelCountOf } from '../resources/channels';
import type { StreamState } from './streamModel';


/** AWS's default limit of ON_DEMAND streams per account and region. */
export const ON_DEMAND_STREAM_LIMIT = 50;

/** Writes the change and puts the stream in UPDATING for the configured delay, as AWS's asynchronous updates do. */
export function updateWithTransition(ctx: KinesisContext, stream: StreamState, update: StreamUpdate): void {
  ctx.store.transaction(() => {
    ctx.store.updateStream(stream.id, update);
    ctx.kinesis.beginTransition(stream.id, 'UPDATING', ctx.config.updateDelayMs);
  });
}

/** A stream's settings JSON with some keys set and others removed. */
export function withSettings(stream: StreamState, set: Record<string, unknown>, remove: readonly string[] = []): Record<string, unknown> {
  const settings: Record<string, unknown> = { ...stream.settings, ...set };
  for (const key of remove) delete settings[key];
  return settings;
}

export interface Commitment {
  Status: 'ENABLED' | 'DISABLED' | 'ENABLED_UNTIL_EARLIEST_ALLOWED_END';
  StartedAt?: number;
  EndedAt?: number;
  EarliestAllowedEndAt?: number;
}

/** The minimum commitment window once enabled (AWS does not document it in the API; 24 hours here). */
export const COMMITMENT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The region's MinimumThroughputBillingCommitment as of now: a scheduled end that has passed reads DISABLED. */
export function commitmentOf(ctx: KinesisContext): Commitment {
  const stored = ctx.kinesis.resources.accountSettings(ctx.region).minimumThroughputBillingCommitment as Commitment | undefined;
  if (!stored) return { Status: 'DISABLED' };
  if (stored.Status === 'ENABLED_UNTIL_EARLIEST_ALLOWED_END' && stored.EarliestAllowedEndAt !== undefined && ctx.now >= stored.EarliestAllowedEndAt) {
    return { Status: 'DISABLED', StartedAt: stored.StartedAt, EndedAt: stored.EarliestAllowedEndAt };
  }
  return stored;
}

export function commitmentEnabled(ctx: KinesisContext): boolean {
  return commitmentOf(ctx).Status !== 'DISABLED';
}

/** The commitment as the API returns it (timestamps through the wire encoder). */
export function commitmentOut(ctx: KinesisContext, c: Commitment): Record<string, unknown> {
  const out: Record<string, unknown> = { Status: c.Status };
  if (c.StartedAt !== undefined) out.StartedAt = ctx.wire.time(c.StartedAt);
  if (c.EndedAt !== undefined) out.EndedAt = ctx.wire.time(c.EndedAt);
  if (c.EarliestAllowedEndAt !== undefined) out.EarliestAllowedEndAt = ctx.wire.time(c.EarliestAllowedEndAt);
  return out;
}

/** DescribeStreamSummary's newer members: ChannelCount, and RecordDistributionStrategy for ON_DEMAND streams only. */
export function summaryExtras(ctx: KinesisContext, stream: StreamState): { ChannelCount: number; RecordDistributionStrategy?: string } {
  const channels = channelCountOf(ctx, stream.arn, stream.region);
  if (stream.mode !== 'ON_DEMAND') return { ChannelCount: channels };
  const strategy = stream.settings.recordDistributionStrategy;
  return { ChannelCount: channels, RecordDistributionStrategy: typeof strategy === 'string' ? strategy : 'USER_PARTITION_KEY' };
}

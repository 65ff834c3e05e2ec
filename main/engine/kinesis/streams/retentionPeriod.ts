// Increase/DecreaseStreamRetentionPeriod share their checks, in AWS's order and words: the stream, the
// 24..8760-hour range, the direction, then the status. The new period applies at once (reads and trimming use
// it immediately) while the stream shows UPDATING for the configured delay, as AWS does.
import type { KinesisContext } from '../kinesis';
import type { StreamRef } from './commonRules';
import { invalidArgument } from '../../core/errors';
import { t } from '../../core/rules';
import { SEQ_PER_MS } from '../records/sequence';

export const MIN_RETENTION_HOURS = 24;
export const MAX_RETENTION_HOURS = 8760;

export const retentionRules = { RetentionPeriodHours: t.integer({ required: true }) };

export function changeRetention(ctx: KinesisContext, input: StreamRef & { RetentionPeriodHours: number }, direction: 'increase' | 'decrease'): void {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  const hours = input.RetentionPeriodHours;
  if (hours < MIN_RETENTION_HOURS) {
    throw invalidArgument(`Minimum allowed retention period is ${MIN_RETENTION_HOURS} hours. Requested retention period (${hours} hours) is too short.`);
  }
  if (hours > MAX_RETENTION_HOURS) {
    throw invalidArgument(`Maximum allowed retention period is ${MAX_RETENTION_HOURS} hours. Requested retention period (${hours} hours) is too long.`);
  }
  const existing = `existing retention period (${stream.retentionHours} hours)`;
  if (direction === 'increase' && hours < stream.retentionHours) {
    throw invalidArgument(`Requested retention period (${hours} hours) for stream ${stream.name} can not be shorter than ${existing}. Use DecreaseRetentionPeriod API.`);
  }
  if (direction === 'decrease' && hours > stream.retentionHours) {
    throw invalidArgument(`Requested retention period (${hours} hours) for stream ${stream.name} can not be longer than ${existing}. Use IncreaseRetentionPeriod API.`);
  }
  ctx.kinesis.requireActive(stream);
  // Increasing to the current period changes nothing on AWS: the call succeeds and the stream stays ACTIVE.
  if (direction === 'increase' && hours === stream.retentionHours) return;
  ctx.store.transaction(() => {
    // Reads hide records past the horizon before the sweep removes them; remove them now so that a longer
    // period does not bring expired records back (AWS: increasing "does not make previous, expired data accessible").
    const horizon = (ctx.now - stream.retentionHours * 3_600_000) * SEQ_PER_MS;
    for (const shard of stream.shards) ctx.store.trimRecords(shard.id, horizon);
    ctx.store.updateStream(stream.id, { retentionHours: hours });
    ctx.kinesis.beginTransition(stream.id, 'UPDATING', ctx.config.updateDelayMs);
  });
}

import { defineAction } from '../kinesis';
import { streamRef } from '../streams/commonRules';
import { invalidArgument, limitExceeded } from '../../core/errors';
import { t } from '../../core/rules';
import { commitmentEnabled, updateWithTransition, withSettings } from '../streams/streamSettings';

export const rules = t.struct({ ...streamRef, WarmThroughputMiBps: t.integer({ min: 0, required: true }) });

/** AWS: "you cannot scale to more than 10 GiBps for an on-demand stream" by default. */
const MAX_WARM_MIBPS = 10 * 1024;

export const UpdateStreamWarmThroughput = defineAction('UpdateStreamWarmThroughput', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  ctx.kinesis.requireActive(stream);
  if (stream.mode !== 'ON_DEMAND') {
    throw invalidArgument(`Warm throughput is only supported for streams in ON_DEMAND mode; stream ${stream.name} under account ${ctx.accountId} is in ${stream.mode} mode.`);
  }
  if (!commitmentEnabled(ctx)) throw invalidArgument('Warm throughput requires MinimumThroughputBillingCommitment to be enabled for the account.');
  if (input.WarmThroughputMiBps > MAX_WARM_MIBPS) {
    throw limitExceeded(`Warm throughput of ${input.WarmThroughputMiBps} MiBps exceeds the limit of ${MAX_WARM_MIBPS} MiBps for an on-demand stream.`);
  }
  const previous = typeof stream.settings.warmThroughputMiBps === 'number' ? stream.settings.warmThroughputMiBps : 0;
  updateWithTransition(ctx, stream, { settings: withSettings(stream, { warmThroughputMiBps: input.WarmThroughputMiBps }) });
  return {
    StreamARN: stream.arn,
    StreamName: stream.name,
    WarmThroughput: { TargetMiBps: input.WarmThroughputMiBps, CurrentMiBps: previous },
  };
});

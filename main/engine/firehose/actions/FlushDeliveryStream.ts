// Local only: AWS has no such action. Flushes every buffer of the delivery stream now and answers once the
// deliveries are done, for users who do not want to wait for the buffering interval.
import { t } from '../../core/rules';
import { defineAction } from '../firehose';
import { deliveryStreamName } from '../streams/commonRules';

export const rules = t.struct({ DeliveryStreamName: deliveryStreamName });

export const LOCAL_FLUSH_ACTION = 'LocalFlushDeliveryStream';

export const FlushDeliveryStream = defineAction(LOCAL_FLUSH_ACTION, rules, async (ctx, input) => {
  const row = ctx.firehose.require(ctx.region, input.DeliveryStreamName);
  ctx.firehose.requireActive(row);
  await ctx.firehose.flushNow?.(row.id);
  return {};
});

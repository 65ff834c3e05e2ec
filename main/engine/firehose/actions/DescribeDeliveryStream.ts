import { t } from '../../core/rules';
import { defineAction } from '../firehose';
import { deliveryStreamName } from '../streams/commonRules';
import { describeDeliveryStream } from '../streams/deliveryStream';

export const rules = t.struct({
  DeliveryStreamName: deliveryStreamName,
  Limit: t.integer({ min: 1, max: 10000 }),
  ExclusiveStartDestinationId: t.string({ min: 1, max: 100, pattern: '[a-zA-Z0-9-]+' }),
});

export const DescribeDeliveryStream = defineAction('DescribeDeliveryStream', rules, (ctx, input) => {
  const row = ctx.firehose.require(ctx.region, input.DeliveryStreamName);
  const description = describeDeliveryStream(row, ctx.wire);
  // One destination per stream: starting after it leaves none.
  if (input.ExclusiveStartDestinationId !== undefined) description.Destinations = [];
  return { DeliveryStreamDescription: description };
});

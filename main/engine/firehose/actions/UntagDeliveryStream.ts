import { t } from '../../core/rules';
import { defineAction } from '../firehose';
import { deliveryStreamName } from '../streams/commonRules';

export const rules = t.struct({
  DeliveryStreamName: deliveryStreamName,
  TagKeys: t.list(t.string({ min: 1, max: 128 }), { min: 1, max: 50, required: true }),
});

export const UntagDeliveryStream = defineAction('UntagDeliveryStream', rules, (ctx, input) => {
  const row = ctx.firehose.require(ctx.region, input.DeliveryStreamName);
  ctx.firehose.store.removeTags(row.id, input.TagKeys);
  return {};
});

import { t } from '../../core/rules';
import { defineAction } from '../firehose';
import { deliveryStreamName } from '../streams/commonRules';

export const rules = t.struct({
  DeliveryStreamName: deliveryStreamName,
  ExclusiveStartTagKey: t.string({ min: 1, max: 128 }),
  Limit: t.integer({ min: 1, max: 50 }),
});

export const ListTagsForDeliveryStream = defineAction('ListTagsForDeliveryStream', rules, (ctx, input) => {
  const row = ctx.firehose.require(ctx.region, input.DeliveryStreamName);
  const limit = input.Limit ?? 50;
  const start = input.ExclusiveStartTagKey;
  const tags = ctx.firehose.store.tagsOf(row.id).filter((tag) => start === undefined || tag.Key > start);
  return { Tags: tags.slice(0, limit), HasMoreTags: tags.length > limit };
});

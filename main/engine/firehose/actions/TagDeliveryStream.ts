import { invalidArgument, limitExceeded } from '../../core/errors';
import { t } from '../../core/rules';
import { defineAction } from '../firehose';
import { deliveryStreamName, MAX_TAGS, tagList } from '../streams/commonRules';

export const rules = t.struct({
  DeliveryStreamName: deliveryStreamName,
  Tags: { ...tagList, required: true as const },
});

export const TagDeliveryStream = defineAction('TagDeliveryStream', rules, (ctx, input) => {
  const { firehose } = ctx;
  const row = firehose.require(ctx.region, input.DeliveryStreamName);
  for (const tag of input.Tags) if (tag.Key.startsWith('aws:')) throw invalidArgument(`Tag key ${tag.Key} must not start with aws:.`);
  const keys = new Set(firehose.store.tagsOf(row.id).map((tag) => tag.Key));
  for (const tag of input.Tags) keys.add(tag.Key);
  if (keys.size > MAX_TAGS) throw limitExceeded(`A delivery stream can have at most ${MAX_TAGS} tags.`);
  firehose.store.setTags(row.id, input.Tags);
  return {};
});

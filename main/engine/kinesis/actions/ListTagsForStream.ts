import { defineAction } from '../kinesis';
import { streamRef, tagKey } from '../streams/commonRules';
import { t } from '../../core/rules';
import { MAX_TAGS_PER_RESOURCE, tagList } from '../resources/tagging';

export const rules = t.struct({ ...streamRef, ExclusiveStartTagKey: tagKey, Limit: t.integer({ min: 1, max: 50 }) });

export const ListTagsForStream = defineAction('ListTagsForStream', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  const after = input.ExclusiveStartTagKey;
  // Keys sort by code point, as the store returns them; the start key need not be one of the stream's keys.
  const tags = ctx.store.tagsOf(stream.id).filter(([key]) => after === undefined || key > after);
  const page = tags.slice(0, input.Limit ?? MAX_TAGS_PER_RESOURCE);
  return { Tags: tagList(page), HasMoreTags: tags.length > page.length };
});

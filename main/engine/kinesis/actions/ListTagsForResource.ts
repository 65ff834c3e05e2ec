import { defineAction } from '../kinesis';
import { resourceArn, streamIdRule } from '../streams/commonRules';
import { resolveResource } from '../resources/resources';
import { t } from '../../core/rules';
import { tagList, tagsOf } from '../resources/tagging';

export const rules = t.struct({ ResourceARN: { ...resourceArn, required: true as const }, StreamId: streamIdRule });

export const ListTagsForResource = defineAction('ListTagsForResource', rules, (ctx, input) => {
  return { Tags: tagList(tagsOf(ctx, resolveResource(ctx, input.ResourceARN))) };
});

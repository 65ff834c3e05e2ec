import { defineAction } from '../action';
import { resourceArn, streamIdRule } from '../commonRules';
import { resolveResource } from '../resources';
import { t } from '../rules';
import { tagList, tagsOf } from '../tagging';

export const rules = t.struct({ ResourceARN: { ...resourceArn, required: true as const }, StreamId: streamIdRule });

export const ListTagsForResource = defineAction('ListTagsForResource', rules, (ctx, input) => {
  return { Tags: tagList(tagsOf(ctx, resolveResource(ctx, input.ResourceARN))) };
});

import { defineAction } from '../action';
import { resourceArn, streamIdRule, tagKey } from '../commonRules';
import { resolveResource } from '../resources';
import { t } from '../rules';
import { removeTags } from '../tagging';
import { NO_OUTPUT } from '../wire';

export const rules = t.struct({
  ResourceARN: { ...resourceArn, required: true as const },
  StreamId: streamIdRule,
  TagKeys: t.list(tagKey, { min: 1, max: 50, required: true }),
});

export const UntagResource = defineAction('UntagResource', rules, (ctx, input) => {
  removeTags(ctx, resolveResource(ctx, input.ResourceARN), input.TagKeys);
  return NO_OUTPUT;
});

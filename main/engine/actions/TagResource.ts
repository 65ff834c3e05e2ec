import { defineAction } from '../action';
import { resourceArn, streamIdRule, tagKey, tagValue } from '../commonRules';
import { resolveResource } from '../resources';
import { t } from '../rules';
import { addTags } from '../tagging';
import { NO_OUTPUT } from '../wire';

export const rules = t.struct({
  ResourceARN: { ...resourceArn, required: true as const },
  StreamId: streamIdRule,
  Tags: t.map(tagKey, tagValue, { min: 1, max: 200, required: true }),
});

export const TagResource = defineAction('TagResource', rules, (ctx, input) => {
  addTags(ctx, resolveResource(ctx, input.ResourceARN), input.Tags);
  return NO_OUTPUT;
});

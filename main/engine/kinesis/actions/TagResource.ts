import { defineAction } from '../kinesis';
import { resourceArn, streamIdRule, tagKey, tagValue } from '../streams/commonRules';
import { resolveResource } from '../resources/resources';
import { t } from '../../core/rules';
import { addTags } from '../resources/tagging';
import { NO_OUTPUT } from '../../core/wire';

export const rules = t.struct({
  ResourceARN: { ...resourceArn, required: true as const },
  StreamId: streamIdRule,
  Tags: t.map(tagKey, tagValue, { min: 1, max: 200, required: true }),
});

export const TagResource = defineAction('TagResource', rules, (ctx, input) => {
  addTags(ctx, resolveResource(ctx, input.ResourceARN), input.Tags);
  return NO_OUTPUT;
});

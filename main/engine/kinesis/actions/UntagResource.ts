import { defineAction } from '../kinesis';
import { resourceArn, streamIdRule, tagKey } from '../streams/commonRules';
import { resolveResource } from '../resources/resources';
import { t } from '../../core/rules';
import { removeTags } from '../resources/tagging';
import { NO_OUTPUT } from '../../core/wire';

export const rules = t.struct({
  ResourceARN: { ...resourceArn, required: true as const },
  StreamId: streamIdRule,
  TagKeys: t.list(tagKey, { min: 1, max: 50, required: true }),
});

export const UntagResource = defineAction('UntagResource', rules, (ctx, input) => {
  removeTags(ctx, resolveResource(ctx, input.ResourceARN), input.TagKeys);
  return NO_OUTPUT;
});

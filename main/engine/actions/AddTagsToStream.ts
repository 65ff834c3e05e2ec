import { defineAction } from '../action';
import { streamRef, tagKey, tagValue } from '../commonRules';
import { t } from '../rules';
import { addTags } from '../tagging';
import { NO_OUTPUT } from '../wire';

export const rules = t.struct({ ...streamRef, Tags: t.map(tagKey, tagValue, { min: 1, max: 200, required: true }) });

export const AddTagsToStream = defineAction('AddTagsToStream', rules, (ctx, input) => {
  const stream = ctx.engine.resolveStream(ctx, input);
  addTags(ctx, { kind: 'stream', arn: stream.arn, stream }, input.Tags);
  return NO_OUTPUT;
});

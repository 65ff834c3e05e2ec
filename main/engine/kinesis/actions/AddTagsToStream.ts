import { defineAction } from '../kinesis';
import { streamRef, tagKey, tagValue } from '../streams/commonRules';
import { t } from '../../core/rules';
import { addTags } from '../resources/tagging';
import { NO_OUTPUT } from '../../core/wire';

export const rules = t.struct({ ...streamRef, Tags: t.map(tagKey, tagValue, { min: 1, max: 200, required: true }) });

export const AddTagsToStream = defineAction('AddTagsToStream', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  addTags(ctx, { kind: 'stream', arn: stream.arn, stream }, input.Tags);
  return NO_OUTPUT;
});

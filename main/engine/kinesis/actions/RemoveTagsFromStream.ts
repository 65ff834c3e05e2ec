import { defineAction } from '../kinesis';
import { streamRef, tagKey } from '../streams/commonRules';
import { t } from '../../core/rules';
import { removeTags } from '../resources/tagging';
import { NO_OUTPUT } from '../../core/wire';

export const rules = t.struct({ ...streamRef, TagKeys: t.list(tagKey, { min: 1, max: 50, required: true }) });

export const RemoveTagsFromStream = defineAction('RemoveTagsFromStream', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  removeTags(ctx, { kind: 'stream', arn: stream.arn, stream }, input.TagKeys);
  return NO_OUTPUT;
});

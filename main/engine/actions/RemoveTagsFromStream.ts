import { defineAction } from '../action';
import { streamRef, tagKey } from '../commonRules';
import { t } from '../rules';
import { removeTags } from '../tagging';
import { NO_OUTPUT } from '../wire';

export const rules = t.struct({ ...streamRef, TagKeys: t.list(tagKey, { min: 1, max: 50, required: true }) });

export const RemoveTagsFromStream = defineAction('RemoveTagsFromStream', rules, (ctx, input) => {
  const stream = ctx.engine.resolveStream(ctx, input);
  removeTags(ctx, { kind: 'stream', arn: stream.arn, stream }, input.TagKeys);
  return NO_OUTPUT;
});

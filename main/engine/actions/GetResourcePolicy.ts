import { defineAction } from '../action';
import { resourceArn, streamIdRule } from '../commonRules';
import { resolveResource, resourcesOf } from '../resources';
import { t } from '../rules';

export const rules = t.struct({ ResourceARN: { ...resourceArn, required: true as const }, StreamId: streamIdRule });

/** A resource without a policy answers an empty policy document. */
export const GetResourcePolicy = defineAction('GetResourcePolicy', rules, (ctx, input) => {
  const resource = resolveResource(ctx, input.ResourceARN);
  return { Policy: resourcesOf(ctx.engine).policyOf(resource.arn) ?? '{}' };
});

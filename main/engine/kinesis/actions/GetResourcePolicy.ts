import { defineAction } from '../kinesis';
import { resourceArn, streamIdRule } from '../streams/commonRules';
import { resolveResource } from '../resources/resources';
import { t } from '../../core/rules';

export const rules = t.struct({ ResourceARN: { ...resourceArn, required: true as const }, StreamId: streamIdRule });

/** A resource without a policy answers an empty policy document. */
export const GetResourcePolicy = defineAction('GetResourcePolicy', rules, (ctx, input) => {
  const resource = resolveResource(ctx, input.ResourceARN);
  return { Policy: ctx.kinesis.resources.policyOf(resource.arn) ?? '{}' };
});

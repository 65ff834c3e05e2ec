import { defineAction } from '../action';
import { resourceArn, streamIdRule } from '../commonRules';
import { resolveResource, resourcesOf } from '../resources';
import { t } from '../rules';
import { NO_OUTPUT } from '../wire';

export const rules = t.struct({ ResourceARN: { ...resourceArn, required: true as const }, StreamId: streamIdRule });

/** Deleting a policy the resource does not have succeeds (idempotent). */
export const DeleteResourcePolicy = defineAction('DeleteResourcePolicy', rules, (ctx, input) => {
  resourcesOf(ctx.engine).deletePolicy(resolveResource(ctx, input.ResourceARN).arn);
  return NO_OUTPUT;
});

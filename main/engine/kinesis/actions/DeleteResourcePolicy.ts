import { defineAction } from '../kinesis';
import { resourceArn, streamIdRule } from '../streams/commonRules';
import { resolveResource } from '../resources/resources';
import { t } from '../../core/rules';
import { NO_OUTPUT } from '../../core/wire';

export const rules = t.struct({ ResourceARN: { ...resourceArn, required: true as const }, StreamId: streamIdRule });

/** Deleting a policy the resource does not have succeeds (idempotent). */
export const DeleteResourcePolicy = defineAction('DeleteResourcePolicy', rules, (ctx, input) => {
  ctx.kinesis.resources.deletePolicy(resolveResource(ctx, input.ResourceARN).arn);
  return NO_OUTPUT;
});

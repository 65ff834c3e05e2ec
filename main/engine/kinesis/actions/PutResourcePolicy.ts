import { defineAction } from '../kinesis';
import { resourceArn, streamIdRule } from '../streams/commonRules';
import { invalidArgument } from '../../core/errors';
import { resolveResource } from '../resources/resources';
import { t } from '../../core/rules';
import { NO_OUTPUT } from '../../core/wire';

export const rules = t.struct({ ResourceARN: { ...resourceArn, required: true as const }, StreamId: streamIdRule, Policy: t.string({ required: true }) });

/** The policy must be a JSON object; it is stored as given and returned verbatim, never enforced. */
function checkPolicy(policy: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    throw invalidArgument('Policy is not a valid JSON policy document.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidArgument('Policy is not a valid JSON policy document.');
}

export const PutResourcePolicy = defineAction('PutResourcePolicy', rules, (ctx, input) => {
  const resource = resolveResource(ctx, input.ResourceARN);
  checkPolicy(input.Policy);
  ctx.kinesis.resources.setPolicy(resource.arn, resource.stream.id, input.Policy);
  return NO_OUTPUT;
});

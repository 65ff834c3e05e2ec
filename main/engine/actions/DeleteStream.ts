import { defineAction } from '../action';
import { streamRef } from '../commonRules';
import { consumerCount } from '../consumers';
import { inUse } from '../errors';
import { t } from '../rules';

export const rules = t.struct({ ...streamRef, EnforceConsumerDeletion: t.boolean() });

export const DeleteStream = defineAction('DeleteStream', rules, (ctx, input) => {
  const stream = ctx.engine.resolveStream(ctx, input);
  if (stream.status === 'DELETING') return {};
  if (consumerCount(stream.id) > 0 && !input.EnforceConsumerDeletion) {
    throw inUse(`Stream ${stream.name} under account ${ctx.accountId} has registered consumers; set EnforceConsumerDeletion to delete them with the stream.`);
  }
  ctx.engine.beginTransition(stream.id, 'DELETING', ctx.config.deleteDelayMs);
  return {};
});

import { defineAction } from '../kinesis';
import { streamRef } from '../streams/commonRules';
import { consumersOf } from '../fanout/consumers';
import { inUse } from '../../core/errors';
import { t } from '../../core/rules';
import { NO_OUTPUT } from '../../core/wire';

export const rules = t.struct({ ...streamRef, EnforceConsumerDeletion: t.boolean() });

export const DeleteStream = defineAction('DeleteStream', rules, (ctx, input) => {
  const stream = ctx.kinesis.resolveStream(ctx, input);
  if (stream.status === 'DELETING') return NO_OUTPUT;
  if (consumersOf(ctx.kinesis).countOfStream(stream.id) > 0 && !input.EnforceConsumerDeletion) {
    // AWS's wording, curly apostrophe included (as observed in real error reports).
    throw inUse(
      `DeleteStream can’t delete ${ctx.accountId}:${stream.name} because there are consumers associated with this data stream. ` +
        `To delete ${stream.name} anyway, set the EnforceConsumerDeletion parameter to true to force the deletion of all the consumers that are associated with it.`,
    );
  }
  ctx.kinesis.beginTransition(stream.id, 'DELETING', ctx.config.deleteDelayMs);
  return NO_OUTPUT;
});

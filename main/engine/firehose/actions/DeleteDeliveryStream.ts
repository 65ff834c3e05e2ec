import { inUse } from '../../core/errors';
import { t } from '../../core/rules';
import { defineAction } from '../firehose';
import { deliveryStreamName } from '../streams/commonRules';

export const rules = t.struct({
  DeliveryStreamName: deliveryStreamName,
  AllowForceDelete: t.boolean(),
});

export const DeleteDeliveryStream = defineAction('DeleteDeliveryStream', rules, (ctx, input) => {
  const row = ctx.firehose.require(ctx.region, input.DeliveryStreamName);
  if (row.status === 'CREATING') throw inUse(`Firehose ${row.name} under account ${ctx.accountId} is still being created.`);
  if (row.status !== 'DELETING') ctx.firehose.beginTransition(row.id, 'DELETING', ctx.config.deleteDelayMs);
  return {};
});

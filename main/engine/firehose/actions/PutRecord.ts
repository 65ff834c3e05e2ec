import { t } from '../../core/rules';
import { defineAction } from '../firehose';
import { deliveryStreamName, recordRule } from '../streams/commonRules';
import { storedConfig } from '../streams/deliveryStream';

export const rules = t.struct({
  DeliveryStreamName: deliveryStreamName,
  Record: { ...recordRule, required: true as const },
});

export const PutRecord = defineAction('PutRecord', rules, (ctx, input) => {
  const row = ctx.firehose.requireWritable(ctx.region, input.DeliveryStreamName);
  const recordId = ctx.firehose.nextRecordId(ctx.now);
  ctx.firehose.accept(row, [{ recordId, arrivalMs: ctx.now, data: input.Record.Data.base64 }]);
  return { RecordId: recordId, Encrypted: storedConfig(row).encryption !== undefined };
});

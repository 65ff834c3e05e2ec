import { invalidArgument } from '../../core/errors';
import { t } from '../../core/rules';
import { defineAction } from '../firehose';
import { deliveryStreamName, recordRule } from '../streams/commonRules';
import { storedConfig } from '../streams/deliveryStream';

export const rules = t.struct({
  DeliveryStreamName: deliveryStreamName,
  Records: t.list(recordRule, { min: 1, max: 500, required: true, memberText: 'com.amazonaws.firehose.model.Record' }),
});

/** The whole call's data, before base64 (AWS's 4 MiB per PutRecordBatch). */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export const PutRecordBatch = defineAction('PutRecordBatch', rules, (ctx, input) => {
  const row = ctx.firehose.requireWritable(ctx.region, input.DeliveryStreamName);
  let bytes = 0;
  for (const record of input.Records) bytes += record.Data.length;
  // AWS's wording as clients log it (unverified against the service itself).
  if (bytes > MAX_BATCH_BYTES) throw invalidArgument('Records size exceeds 4 MB limit');
  const records = input.Records.map((record) => ({ recordId: ctx.firehose.nextRecordId(ctx.now), arrivalMs: ctx.now, data: record.Data.base64 }));
  ctx.firehose.accept(row, records);
  return {
    FailedPutCount: 0,
    Encrypted: storedConfig(row).encryption !== undefined,
    RequestResponses: records.map((record) => ({ RecordId: record.recordId })),
  };
});

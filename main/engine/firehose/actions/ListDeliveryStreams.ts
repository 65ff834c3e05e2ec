import { t } from '../../core/rules';
import { defineAction } from '../firehose';
import { DELIVERY_STREAM_NAME } from '../streams/commonRules';

export const rules = t.struct({
  Limit: t.integer({ min: 1, max: 10000 }),
  DeliveryStreamType: t.enum(['DirectPut', 'KinesisStreamAsSource', 'MSKAsSource', 'DatabaseAsSource']),
  ExclusiveStartDeliveryStreamName: t.string(DELIVERY_STREAM_NAME),
});

export const ListDeliveryStreams = defineAction('ListDeliveryStreams', rules, (ctx, input) => {
  const limit = input.Limit ?? 10;
  const start = input.ExclusiveStartDeliveryStreamName;
  const names = ctx.firehose.store
    .streamsIn(ctx.region)
    .filter((row) => input.DeliveryStreamType === undefined || row.type === input.DeliveryStreamType)
    .map((row) => row.name)
    .filter((name) => start === undefined || name > start);
  return { DeliveryStreamNames: names.slice(0, limit), HasMoreDeliveryStreams: names.length > limit };
});

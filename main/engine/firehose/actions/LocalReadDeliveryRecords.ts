// Local only: AWS has no such action. Reads the records a delivery stream accepted recently (a bounded ring per
// stream, Direct PUT records) after a cursor, so the console can run live queries over what arrives at a delivery
// stream. Limit 0 answers no records and the current cursor (to start at the newest record).
import { t } from '../../core/rules';
import { defineAction } from '../firehose';
import { deliveryStreamName } from '../streams/commonRules';

export const rules = t.struct({
  DeliveryStreamName: deliveryStreamName,
  AfterCursor: t.string({ min: 1, max: 20, pattern: '[0-9]+' }),
  Limit: t.integer({ min: 0, max: 10_000 }),
});

export const LOCAL_READ_RECORDS_ACTION = 'LocalReadDeliveryRecords';

export const LocalReadDeliveryRecords = defineAction(LOCAL_READ_RECORDS_ACTION, rules, (ctx, input) => {
  const row = ctx.firehose.require(ctx.region, input.DeliveryStreamName);
  const read = ctx.firehose.recent.read(row.id, input.AfterCursor === undefined ? undefined : Number(input.AfterCursor), input.Limit ?? 1000);
  return {
    Records: read.records.map((r) => ({ Data: r.data, ApproximateArrivalTimestamp: r.arrivalMs / 1000, RecordId: r.recordId })),
    NextCursor: String(read.nextCursor),
    MissedRecords: read.missed,
  };
});

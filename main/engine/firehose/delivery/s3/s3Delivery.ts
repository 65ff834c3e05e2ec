// The S3 and Extended S3 destinations: one object per flushed buffer, the records' bytes concatenated with no
// delimiter, named by the Prefix evaluated with the buffer's partition keys and its oldest record's arrival.
import type { DeliveryContext } from '../context';
import type { DestinationBatch, DestinationDelivery } from '../destination';
import type { S3Writer } from './s3Writer';

export function s3Delivery(writer: S3Writer, ctx: DeliveryContext): DestinationDelivery {
  return {
    async deliver(batch: DestinationBatch) {
      const first = batch.records[0];
      const key = await writer.writeRecords('destination', batch.records.map((r) => r.data), batch.oldestArrivalMs, { queryKeys: first?.queryKeys, lambdaKeys: first?.lambdaKeys });
      if (key) ctx.emit({ type: 'delivered', destination: 'S3', records: batch.records.length, attempts: 1, atMs: ctx.timeline.now() });
    },
  };
}

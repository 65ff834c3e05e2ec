// Redshift, locally: the intermediate S3 object is delivered as for S3, then a manifest listing it, and the COPY
// Firehose would run is reported (a reconstruction; no Redshift is reached).
import type { RedshiftDestinationConfiguration } from '../config/schemas';
import type { DeliveryContext } from '../context';
import type { DestinationBatch, DestinationDelivery } from '../destination';
import type { S3Writer } from '../s3/s3Writer';
import { copyStatement, manifestBody, manifestKey } from './copyCommand';

export function redshiftDelivery(config: RedshiftDestinationConfiguration, ctx: DeliveryContext, intermediate: S3Writer): DestinationDelivery {
  return {
    async deliver(batch: DestinationBatch) {
      const key = await intermediate.writeRecords('intermediate', batch.records.map((r) => r.data), batch.oldestArrivalMs);
      if (!key) return;
      const mKey = manifestKey(config.S3Configuration.Prefix ?? '', ctx.identity.DeliveryStreamName, ctx.identity.version, batch.oldestArrivalMs, ctx.random.uuid());
      const body = new TextEncoder().encode(manifestBody([`s3://${intermediate.bucket}/${key}`]));
      if (!(await intermediate.put('manifest', mKey, body, batch.records.length, { raw: true }))) return;
      ctx.emit({ type: 'copy', manifestKey: mKey, copy: copyStatement(config, `s3://${intermediate.bucket}/${mKey}`), atMs: ctx.timeline.now() });
      ctx.emit({ type: 'delivered', destination: 'Redshift', records: batch.records.length, attempts: 1, atMs: ctx.timeline.now() });
    },
  };
}

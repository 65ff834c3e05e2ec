// Local only: AWS has no such action (CloudWatch's AWS/Firehose namespace plays its part there). A delivery
// stream's history over a range in periods of PeriodSeconds: records and bytes in, records and bytes delivered per
// destination, records failed (sums per period), and data freshness (the period's maximum, in ms). The engine keeps
// the last hour, per second, in memory; OldestTime says where the kept history starts.
import { t } from '../../core/rules';
import { defineAction } from '../firehose';
import { KEPT_SECONDS } from '../metrics/deliveryHistory';
import { deliveryStreamName } from '../streams/commonRules';

export const rules = t.struct({
  DeliveryStreamName: deliveryStreamName,
  StartTime: t.timestamp({ required: true }),
  EndTime: t.timestamp({ required: true }),
  PeriodSeconds: t.integer({ required: true, min: 1, max: KEPT_SECONDS }),
});

export const LOCAL_GET_METRICS_ACTION = 'LocalGetDeliveryMetrics';

/** At most this many periods per answer. */
const MAX_PERIODS = 3600;

export const LocalGetDeliveryMetrics = defineAction(LOCAL_GET_METRICS_ACTION, rules, (ctx, input) => {
  const row = ctx.firehose.require(ctx.region, input.DeliveryStreamName);
  const period = input.PeriodSeconds;
  const step = period * 1000;
  const start = Math.floor(input.StartTime / step) * step;
  const count = Math.max(0, Math.min(MAX_PERIODS, Math.ceil((input.EndTime - start) / step)));
  const zeros = () => new Array<number>(count).fill(0);
  const incomingRecords = zeros();
  const incomingBytes = zeros();
  const failedRecords = zeros();
  const freshnessMs = zeros();
  const delivered = new Map<string, { records: number[]; bytes: number[] }>();
  const seconds = ctx.firehose.history?.seconds(row.id) ?? new Map();
  let oldest: number | undefined;
  for (const [second, b] of seconds) {
    oldest = Math.min(oldest ?? second, second);
    const i = Math.floor((second * 1000 - start) / step);
    if (i < 0 || i >= count) continue;
    incomingRecords[i] = (incomingRecords[i] ?? 0) + b.incomingRecords;
    incomingBytes[i] = (incomingBytes[i] ?? 0) + b.incomingBytes;
    failedRecords[i] = (failedRecords[i] ?? 0) + b.failedRecords;
    freshnessMs[i] = Math.max(freshnessMs[i] ?? 0, b.freshnessMs);
    for (const [destination, d] of b.delivered) {
      let out = delivered.get(destination);
      if (!out) delivered.set(destination, (out = { records: zeros(), bytes: zeros() }));
      out.records[i] = (out.records[i] ?? 0) + d.records;
      out.bytes[i] = (out.bytes[i] ?? 0) + d.bytes;
    }
  }
  return {
    DeliveryStreamName: row.name,
    StartTime: start / 1000,
    PeriodSeconds: period,
    Periods: count,
    KeptSeconds: KEPT_SECONDS,
    ...(oldest !== undefined ? { OldestTime: oldest } : {}),
    IncomingRecords: incomingRecords,
    IncomingBytes: incomingBytes,
    FailedRecords: failedRecords,
    DataFreshnessMs: freshnessMs,
    Delivered: [...delivered].map(([destination, d]) => ({ Destination: destination, Records: d.records, Bytes: d.bytes })),
  };
});

// Local only: AWS has no such action. What a delivery stream's pipeline holds right now (each buffer's fill, age and
// due time), its counters, and its recent deliveries and failures with their reasons: the console's live state.
// Binary payloads (request bodies) are reported by size only, so the answer stays small and JSON-safe.
import { t } from '../../core/rules';
import { StreamDelivery } from '../delivering/streamDelivery';
import type { DeliveryEvent } from '../delivery/events';
import { defineAction } from '../firehose';
import { deliveryStreamName } from '../streams/commonRules';

export const rules = t.struct({ DeliveryStreamName: deliveryStreamName });

export const LOCAL_DESCRIBE_STATE_ACTION = 'LocalDescribeDeliveryState';

/** A recent event without its bytes; 'settled' is bookkeeping and left out. */
function eventSummary(event: DeliveryEvent): Record<string, unknown> | undefined {
  switch (event.type) {
    case 'settled':
      return undefined;
    case 'request': {
      const { request, response, ...rest } = event;
      return { ...rest, url: request.url, bodyBytes: request.body.byteLength, ...(response ? { status: response.status } : {}) };
    }
    case 'lambda': {
      const { event: invocation, response: _response, ...rest } = event;
      return { ...rest, records: invocation.records.length };
    }
    case 'copy':
      return { type: 'copy', manifestKey: event.manifestKey, statement: event.copy.statement, atMs: event.atMs };
    default:
      return { ...event };
  }
}

export const DescribeDeliveryState = defineAction(LOCAL_DESCRIBE_STATE_ACTION, rules, (ctx, input) => {
  const row = ctx.firehose.require(ctx.region, input.DeliveryStreamName);
  const delivery = ctx.firehose.listeners.find((l): l is StreamDelivery => l instanceof StreamDelivery);
  const state = delivery?.pipeline(row.id)?.state();
  return {
    DeliveryStreamName: row.name,
    VersionId: String(row.version),
    Status: row.status,
    Running: state !== undefined,
    Buffers: state?.buffers ?? [],
    ...(state?.nextFlushAtMs !== undefined ? { NextFlushAtMs: state.nextFlushAtMs } : {}),
    Counters: state?.counters ?? { incomingRecords: 0, incomingBytes: 0, deliveredRecords: 0, failedRecords: 0, droppedRecords: 0 },
    UnsettledRecords: state?.unsettledRecords ?? 0,
    Busy: state?.busy ?? false,
    Recent: (state?.recent ?? []).map(eventSummary).filter((e) => e !== undefined),
  };
});

// Delivers a batch to an HTTP endpoint: requests of at most 10,000 records, each retried with backoff (same request
// id) until the retry duration runs out; what still fails goes to the S3 configuration as http-endpoint-failed.
import type { HttpEndpointDestinationConfiguration } from '../config/schemas';
import type { DeliveryContext } from '../context';
import type { DestinationBatch, DestinationDelivery } from '../destination';
import { dataId, type PipelineRecord } from '../records';
import { retryWithin, type AttemptResult } from '../retry';
import type { S3Writer } from '../s3/s3Writer';
import { TransportError } from '../sink';
import { DEFAULT_RETRY_SECONDS, httpEndpointRequest, judgeHttpEndpointResponse, MAX_RECORDS_PER_REQUEST } from './httpEndpoint';

export function httpEndpointDelivery(config: HttpEndpointDestinationConfiguration, ctx: DeliveryContext, errors: S3Writer): DestinationDelivery {
  const retryMs = (config.RetryOptions?.DurationInSeconds ?? DEFAULT_RETRY_SECONDS) * 1000;

  async function send(records: PipelineRecord[]): Promise<void> {
    const requestId = ctx.random.uuid();
    const outcome = await retryWithin(retryMs, ctx, async (attempt): Promise<AttemptResult<undefined>> => {
      const request = httpEndpointRequest({ config, deliveryStreamArn: ctx.identity.DeliveryStreamARN, requestId, timestampMs: ctx.timeline.now(), records });
      const atMs = ctx.timeline.now();
      try {
        const response = await ctx.sink.send(request);
        ctx.emit({ type: 'request', destination: 'HttpEndpoint', purpose: 'deliver', attempt, request, response, atMs });
        return judgeHttpEndpointResponse(response, requestId);
      } catch (error) {
        const code = error instanceof TransportError ? error.code : 'ConnectionFailed';
        ctx.emit({ type: 'request', destination: 'HttpEndpoint', purpose: 'deliver', attempt, request, error: (error as Error).message, atMs });
        return { ok: false, errorCode: `HttpEndpoint.${code}`, errorMessage: (error as Error).message };
      }
    });
    const atMs = ctx.timeline.now();
    if (outcome.result.ok) {
      ctx.emit({ type: 'delivered', destination: 'HttpEndpoint', records: records.length, attempts: outcome.attempts, atMs });
      return;
    }
    const { errorCode, errorMessage, permanent } = outcome.result;
    if (permanent) {
      // A 413 is final and, per the specification, not written to the error bucket.
      ctx.emit({ type: 'failed', destination: 'HttpEndpoint', records: records.length, errorCode, errorMessage, atMs });
      return;
    }
    await errors.writeFailures(
      records.map((record) => ({ record, errorCode, errorMessage, attemptsMade: outcome.attempts, attemptEndingMs: atMs, extra: { subsequenceNumber: record.subsequence, dataId: dataId(record) } })),
      'http-endpoint-failed',
    );
  }

  return {
    async deliver(batch: DestinationBatch) {
      for (let at = 0; at < batch.records.length; at += MAX_RECORDS_PER_REQUEST) await send(batch.records.slice(at, at + MAX_RECORDS_PER_REQUEST));
    },
  };
}

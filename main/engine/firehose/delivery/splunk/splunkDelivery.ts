// Delivers a batch to Splunk HEC and waits for the indexer acknowledgement: poll at once, then every second, until
// the ack timeout (which restarts with every attempt); an attempt that is not acknowledged is retried until the retry
// duration runs out, then the events go to S3 as splunk-failed.
import type { SplunkDestinationConfiguration } from '../config/schemas';
import type { DeliveryContext } from '../context';
import type { DestinationBatch, DestinationDelivery } from '../destination';
import { dataId } from '../records';
import { retryWithin, type AttemptResult } from '../retry';
import type { S3Writer } from '../s3/s3Writer';
import type { OutgoingRequest } from '../sink';
import { ACK_POLL_MS, DEFAULT_ACK_TIMEOUT_SECONDS, DEFAULT_RETRY_SECONDS, hecAckRequest, hecRequest, readAckAnswer, readHecAnswer } from './hec';

export function splunkDelivery(config: SplunkDestinationConfiguration, ctx: DeliveryContext, errors: S3Writer): DestinationDelivery {
  const retryMs = (config.RetryOptions?.DurationInSeconds ?? DEFAULT_RETRY_SECONDS) * 1000;
  const ackTimeoutMs = (config.HECAcknowledgmentTimeoutInSeconds ?? DEFAULT_ACK_TIMEOUT_SECONDS) * 1000;

  async function exchange(request: OutgoingRequest, purpose: 'deliver' | 'ack', attempt: number) {
    const atMs = ctx.timeline.now();
    try {
      const response = await ctx.sink.send(request);
      ctx.emit({ type: 'request', destination: 'Splunk', purpose, attempt, request, response, atMs });
      return response;
    } catch (error) {
      ctx.emit({ type: 'request', destination: 'Splunk', purpose, attempt, request, error: (error as Error).message, atMs });
      return undefined;
    }
  }

  return {
    async deliver(batch: DestinationBatch) {
      const outcome = await retryWithin(retryMs, ctx, async (attempt): Promise<AttemptResult<undefined>> => {
        const channel = ctx.random.uuid();
        const response = await exchange(hecRequest(config, channel, batch.records), 'deliver', attempt);
        if (!response) return { ok: false, errorCode: 'Splunk.ConnectionClosed', errorMessage: 'The connection to the HEC endpoint failed.' };
        const answer = readHecAnswer(response);
        if (!('ackId' in answer)) return { ok: false, errorCode: answer.errorCode, errorMessage: answer.errorMessage };
        const deadline = ctx.timeline.now() + ackTimeoutMs;
        for (;;) {
          const ack = await exchange(hecAckRequest(config, channel, answer.ackId), 'ack', attempt);
          if (ack && readAckAnswer(ack, answer.ackId)) return { ok: true, value: undefined };
          if (ctx.timeline.now() + ACK_POLL_MS > deadline) break;
          await ctx.timeline.sleep(ACK_POLL_MS);
        }
        return { ok: false, errorCode: 'Splunk.AckTimeout', errorMessage: `Did not receive an acknowledgement from HEC before the HEC acknowledgement timeout expired (${ackTimeoutMs / 1000} s).` };
      });
      const atMs = ctx.timeline.now();
      if (outcome.result.ok) {
        ctx.emit({ type: 'delivered', destination: 'Splunk', records: batch.records.length, attempts: outcome.attempts, atMs });
        return;
      }
      const { errorCode, errorMessage } = outcome.result;
      await errors.writeFailures(
        batch.records.map((record) => ({ record, errorCode, errorMessage, attemptsMade: outcome.attempts, attemptEndingMs: atMs, extra: { EventId: dataId(record) } })),
        'splunk-failed',
      );
    },
  };
}

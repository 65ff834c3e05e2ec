// Delivers a batch to an OpenSearch or Elasticsearch cluster with `_bulk`: documents the cluster rejects are sent
// again (same ids) until the retry duration runs out, then written to S3 with their index, type and id.
import type { OpenSearchDestinationConfiguration } from '../config/schemas';
import type { DeliveryContext } from '../context';
import type { DestinationBatch, DestinationDelivery } from '../destination';
import { retryWithin } from '../retry';
import type { S3Writer } from '../s3/s3Writer';
import type { FailedRecord } from '../records';
import { bulkDocuments, bulkFailures, bulkRequest, DEFAULT_RETRY_SECONDS, type BulkDocument } from './bulk';
import type { WeekRule } from './indexRotation';

export interface OpenSearchTarget {
  kind: 'Amazonopensearchservice' | 'Elasticsearch';
  /** ClusterEndpoint, or the endpoint a DomainARN resolves to (given by the caller: a local run has no AWS to ask). */
  endpoint: string;
  weekRule: WeekRule;
}

export function openSearchDelivery(config: OpenSearchDestinationConfiguration, target: OpenSearchTarget, ctx: DeliveryContext, errors: S3Writer): DestinationDelivery {
  const retryMs = (config.RetryOptions?.DurationInSeconds ?? DEFAULT_RETRY_SECONDS) * 1000;
  const errorType = target.kind === 'Elasticsearch' ? 'elasticsearch-failed' : 'AmazonOpenSearchService-failed';

  return {
    async deliver(batch: DestinationBatch) {
      let pending: BulkDocument[] = bulkDocuments(config, batch.records, target.weekRule);
      const lastError = new Map<BulkDocument, { code: string; message: string }>();
      const outcome = await retryWithin(retryMs, ctx, async (attempt) => {
        const request = bulkRequest(target.endpoint, config, pending);
        const atMs = ctx.timeline.now();
        let failedNow: BulkDocument[];
        try {
          const response = await ctx.sink.send(request);
          ctx.emit({ type: 'request', destination: 'OpenSearch', purpose: 'deliver', attempt, request, response, atMs });
          if (response.status !== 200) {
            const message = new TextDecoder().decode(response.body);
            for (const doc of pending) lastError.set(doc, { code: String(response.status), message });
            return { ok: false, errorCode: String(response.status), errorMessage: message };
          }
          const failures = bulkFailures(response, pending.length);
          failedNow = failures.map((f) => pending[f.position]).filter((d): d is BulkDocument => d !== undefined);
          failures.forEach((f) => {
            const doc = pending[f.position];
            if (doc) lastError.set(doc, { code: String(f.status), message: f.error });
          });
        } catch (error) {
          ctx.emit({ type: 'request', destination: 'OpenSearch', purpose: 'deliver', attempt, request, error: (error as Error).message, atMs });
          for (const doc of pending) lastError.set(doc, { code: 'OS.ConnectionFailed', message: (error as Error).message });
          return { ok: false, errorCode: 'OS.ConnectionFailed', errorMessage: (error as Error).message };
        }
        const delivered = pending.length - failedNow.length;
        if (delivered) ctx.emit({ type: 'delivered', destination: target.kind, records: delivered, attempts: attempt, atMs: ctx.timeline.now() });
        pending = failedNow;
        return pending.length ? { ok: false, errorCode: 'OS.DocumentFailures', errorMessage: `${pending.length} documents were rejected` } : { ok: true, value: undefined };
      });
      if (outcome.result.ok || !pending.length) return;
      const atMs = ctx.timeline.now();
      const failures: FailedRecord[] = pending.map((doc) => {
        const error = lastError.get(doc) ?? { code: outcome.result.ok ? '' : outcome.result.errorCode, message: '' };
        return {
          record: doc.record,
          errorCode: error.code,
          errorMessage: error.message,
          attemptsMade: outcome.attempts,
          attemptEndingMs: atMs,
          // The guide's failure record names these es* for both services (OpenSearch Serverless uses os*).
          beforeRaw: { esDocumentId: doc.id ?? '', esIndexName: doc.index, esTypeName: config.TypeName ?? '' },
        };
      });
      await errors.writeFailures(failures, errorType);
    },
  };
}

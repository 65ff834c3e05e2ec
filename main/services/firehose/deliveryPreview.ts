// The destination preview: the delivery stream's real configuration (from Describe, local or AWS) run by the
// delivery core's previewDelivery on a virtual clock with a recording sink. Nothing is sent. The answer is capped
// for the wire: each object and body shows its first bytes and its full size.
import type { DeliveryStreamDescription } from '@aws-sdk/client-firehose';
import type { PreviewResult } from '../../../shared/contract/firehose';
import { previewDelivery, type PreviewRecord } from '../../engine/firehose/delivery';
import { decompressedView, gunzipView, ViewBudget } from './byteViews';
import { pipelineConfig, toRow } from './deliveryStreams';
import { eventView } from './eventText';

/** Exchanges and objects shown at most (a preview of 500 records with zero buffering makes 500 requests). */
const MAX_SHOWN = 50;

export interface PreviewInput {
  description: DeliveryStreamDescription;
  region: string;
  records: PreviewRecord[];
  startMs: number;
  notes: string[];
}

export async function runPreview(input: PreviewInput): Promise<PreviewResult> {
  const config = pipelineConfig(input.description, input.region);
  const notes = [...input.notes];
  const destination = config.destination;
  let openSearchEndpoint: string | undefined;
  if ((destination.kind === 'Amazonopensearchservice' || destination.kind === 'Elasticsearch') && !destination.config.ClusterEndpoint) {
    const domain = destination.config.DomainARN?.split(':domain/')[1] ?? 'domain';
    openSearchEndpoint = `https://search-${domain}.${input.region}.es.amazonaws.com`;
    notes.push(`The domain ARN is shown as ${openSearchEndpoint}: the preview does not look the domain up.`);
  }
  if (destination.kind === 'HttpEndpoint') notes.push('Describe never returns the access key, so the preview shows no X-Amz-Firehose-Access-Key header; delivery sends it when one is set.');
  const hasLambda = JSON.stringify(destination.config).includes('"Lambda"');
  if (hasLambda) notes.push('The Lambda is not called in a preview: every record comes back Ok and unchanged, so the invocation event is shown as it would be sent.');
  const result = await previewDelivery(config, input.records, { startMs: input.startMs, ...(openSearchEndpoint ? { openSearchEndpoint } : {}) });
  const objectEvents = new Map<string, { role: string; records: number }>();
  const lambda: PreviewResult['lambda'] = [];
  const copies: PreviewResult['copies'] = [];
  const requests: PreviewResult['requests'] = [];
  // Decompressed views first: they are what people read; the raw bytes of a compressed object come after.
  const budget = new ViewBudget();
  const show = (bytes: Uint8Array) => budget.take(bytes);
  const objects = result.objects.slice(0, MAX_SHOWN).map((o) => ({ object: o, decompressed: decompressedView(o.key, o.body, show) }));
  for (const event of result.events) {
    if (event.type === 'object') objectEvents.set(`${event.bucket}/${event.key}`, { role: event.role, records: event.records });
    if (event.type === 'lambda' && lambda.length < MAX_SHOWN)
      lambda.push({ invocationId: event.invocationId, event: JSON.stringify(event.event, null, 2), response: event.response ?? null, error: event.errorCode ? `${event.errorCode}: ${event.errorMessage ?? ''}` : null });
    if (event.type === 'copy') copies.push({ manifestKey: event.manifestKey, statement: event.copy.statement, warnings: event.copy.warnings });
    if (event.type === 'request' && requests.length < MAX_SHOWN) {
      const { request, response } = event;
      requests.push({
        destination: event.destination,
        purpose: event.purpose,
        attempt: event.attempt,
        method: request.method,
        url: request.url,
        headers: request.headers,
        decodedBody: gunzipView(request.headers, request.body, show),
        body: show(request.body),
        response: response ? { status: response.status, headers: response.headers, body: show(response.body) } : null,
        error: event.error ?? null,
      });
    }
  }
  if (result.objects.length > MAX_SHOWN || requests.length >= MAX_SHOWN) notes.push(`Only the first ${MAX_SHOWN} objects and requests are shown.`);
  return {
    name: config.stream.DeliveryStreamName,
    version: String(config.stream.version),
    destination: toRow(input.description).destination,
    startMs: input.startMs,
    sampleCount: input.records.length,
    objects: objects.map(({ object: o, decompressed }) => ({
      role: objectEvents.get(`${o.bucket}/${o.key}`)?.role ?? 'destination',
      bucket: o.bucket,
      key: o.key,
      contentEncoding: o.contentEncoding ?? null,
      raw: show(o.body),
      decompressed,
      records: objectEvents.get(`${o.bucket}/${o.key}`)?.records ?? 0,
    })),
    requests,
    lambda,
    copies,
    timeline: result.events.map(eventView).filter((e) => e !== undefined).slice(0, 500),
    // After the objects above took their share of the budget.
    notes: budget.exhausted ? [...notes, 'Only the first 512 KiB of bytes are shown in all; each view gives its full size.'] : notes,
  };
}

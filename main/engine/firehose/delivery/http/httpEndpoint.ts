// The HTTP endpoint destination's request and response contract (developer guide, "HTTP endpoint delivery
// request and response specifications"): POST, JSON body {requestId, timestamp (ms), records[{data: base64}]},
// the X-Amz-Firehose-* headers, optional gzip; only a 200 whose JSON echoes the requestId counts as delivered,
// a 413 is not retried, anything else is retried with backoff until the retry duration runs out.
import { gzipSync } from 'node:zlib';
import type { HttpEndpointDestinationConfiguration } from '../config/schemas';
import { toBase64 } from '../bytes';
import type { PipelineRecord } from '../records';
import type { IncomingResponse, OutgoingRequest } from '../sink';
import type { AttemptResult } from '../retry';

export const PROTOCOL_VERSION = '1.0';
export const REQUEST_TIMEOUT_MS = 3 * 60 * 1000;
export const MAX_RECORDS_PER_REQUEST = 10_000;
export const DEFAULT_RETRY_SECONDS = 300;

export interface HttpEndpointRequestInput {
  config: HttpEndpointDestinationConfiguration;
  deliveryStreamArn: string;
  requestId: string;
  timestampMs: number;
  records: readonly PipelineRecord[];
}

export function httpEndpointRequest(input: HttpEndpointRequestInput): OutgoingRequest {
  const { config } = input;
  const body = new TextEncoder().encode(JSON.stringify({
    requestId: input.requestId,
    timestamp: input.timestampMs,
    records: input.records.map((r) => ({ data: toBase64(r.data) })),
  }));
  const headers: Record<string, string> = {
    'X-Amz-Firehose-Protocol-Version': PROTOCOL_VERSION,
    'X-Amz-Firehose-Request-Id': input.requestId,
    'X-Amz-Firehose-Source-Arn': input.deliveryStreamArn,
    'Content-Type': 'application/json',
  };
  const accessKey = config.EndpointConfiguration.AccessKey;
  if (accessKey) headers['X-Amz-Firehose-Access-Key'] = accessKey;
  const attributes = config.RequestConfiguration?.CommonAttributes;
  if (attributes?.length) {
    headers['X-Amz-Firehose-Common-Attributes'] = JSON.stringify({ commonAttributes: Object.fromEntries(attributes.map((a) => [a.AttributeName, a.AttributeValue])) });
  }
  const gzip = config.RequestConfiguration?.ContentEncoding === 'GZIP';
  if (gzip) headers['Content-Encoding'] = 'gzip';
  return { url: config.EndpointConfiguration.Url, method: 'POST', headers, body: gzip ? new Uint8Array(gzipSync(body)) : body, timeoutMs: REQUEST_TIMEOUT_MS };
}

/** The answer the endpoint is expected to give (what the preview shows and the recording sink answers). */
export function expectedHttpEndpointResponse(requestId: string, timestampMs: number): IncomingResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode(JSON.stringify({ requestId, timestamp: timestampMs })) };
}

function header(response: IncomingResponse, name: string): string | undefined {
  return response.headers[name.toLowerCase()] ?? response.headers[name];
}

/** Judges a response by the contract. */
export function judgeHttpEndpointResponse(response: IncomingResponse, requestId: string): AttemptResult<undefined> {
  const text = new TextDecoder().decode(response.body);
  const destinationError = (errorMessage: string, permanent = false): AttemptResult<undefined> => ({ ok: false, permanent, errorCode: 'HttpEndpoint.DestinationException', errorMessage });
  if (response.status === 413) return destinationError(`Received the following response from the endpoint destination. 413: ${text}`, true);
  if (response.status !== 200) return destinationError(`Received the following response from the endpoint destination. ${response.status}: ${text}`);
  const invalid = (why: string): AttemptResult<undefined> => ({ ok: false, errorCode: 'HttpEndpoint.InvalidResponseFromDestination', errorMessage: `The response received from the endpoint is invalid: ${why}` });
  if (!(header(response, 'content-type') ?? '').toLowerCase().startsWith('application/json')) return invalid(`Content-Type is '${header(response, 'content-type') ?? ''}', not application/json`);
  if (header(response, 'content-encoding')) return invalid('the response must not have a Content-Encoding');
  let body: { requestId?: unknown };
  try {
    body = JSON.parse(text) as { requestId?: unknown };
  } catch {
    return invalid('the body is not JSON');
  }
  if (body.requestId !== requestId) return invalid(`requestId ${JSON.stringify(body.requestId)} does not match the request's ${requestId}`);
  return { ok: true, value: undefined };
}

// The Splunk destination: an HTTP Event Collector request (raw or event endpoint) with indexer acknowledgement,
// which Firehose requires. The request carries `Authorization: Splunk <token>` and a channel GUID; the answer gives
// an ackId; then `POST /services/collector/ack?channel=…` with {"acks":[id]} until it says true or the ack timeout
// passes. AWS does not publish its exact paths and headers: these are HEC's documented ones.
import type { SplunkDestinationConfiguration } from '../config/schemas';
import { concatBytes } from '../bytes';
import type { PipelineRecord } from '../records';
import type { IncomingResponse, OutgoingRequest } from '../sink';

export const DEFAULT_ACK_TIMEOUT_SECONDS = 180;
export const DEFAULT_RETRY_SECONDS = 3600;
export const ACK_POLL_MS = 1000;
export const HEC_TIMEOUT_MS = 60_000;

function base(config: SplunkDestinationConfiguration): string {
  return config.HECEndpoint.replace(/\/+$/, '');
}

function headers(config: SplunkDestinationConfiguration, channel: string): Record<string, string> {
  return { Authorization: `Splunk ${config.HECToken ?? ''}`, 'X-Splunk-Request-Channel': channel, 'Content-Type': 'application/json' };
}

/** Raw: the records' bytes concatenated, as the guide says (no delimiter added). Event: HEC event JSON objects, as given. */
export function hecRequest(config: SplunkDestinationConfiguration, channel: string, records: readonly PipelineRecord[]): OutgoingRequest {
  const path = config.HECEndpointType === 'Raw' ? '/services/collector/raw' : '/services/collector/event';
  return { url: `${base(config)}${path}?channel=${channel}`, method: 'POST', headers: headers(config, channel), body: concatBytes(records.map((r) => r.data)), timeoutMs: HEC_TIMEOUT_MS };
}

export function hecAckRequest(config: SplunkDestinationConfiguration, channel: string, ackId: number): OutgoingRequest {
  return { url: `${base(config)}/services/collector/ack?channel=${channel}`, method: 'POST', headers: headers(config, channel), body: new TextEncoder().encode(JSON.stringify({ acks: [ackId] })), timeoutMs: HEC_TIMEOUT_MS };
}

export type HecAnswer = { ackId: number } | { errorCode: string; errorMessage: string; permanent?: boolean };

export function readHecAnswer(response: IncomingResponse): HecAnswer {
  const text = new TextDecoder().decode(response.body);
  if (response.status === 401 || response.status === 403) return { errorCode: 'Splunk.InvalidToken', errorMessage: `The HEC token was refused (${response.status}): ${text}` };
  if (response.status !== 200) return { errorCode: 'Splunk.ServerError', errorMessage: `The HEC endpoint answered ${response.status}: ${text}` };
  let body: { ackId?: unknown };
  try {
    body = JSON.parse(text) as { ackId?: unknown };
  } catch {
    return { errorCode: 'Splunk.InvalidResponse', errorMessage: `The HEC answer is not JSON: ${text}` };
  }
  if (typeof body.ackId !== 'number') return { errorCode: 'Splunk.DisabledAck', errorMessage: 'The HEC answer has no ackId: indexer acknowledgement must be enabled for the token.' };
  return { ackId: body.ackId };
}

/** Whether the ack answer confirms `ackId`; undefined if the answer is not an ack answer. */
export function readAckAnswer(response: IncomingResponse, ackId: number): boolean | undefined {
  if (response.status !== 200) return undefined;
  try {
    const body = JSON.parse(new TextDecoder().decode(response.body)) as { acks?: Record<string, unknown> };
    return body.acks?.[String(ackId)] === true;
  } catch {
    return undefined;
  }
}

/** A healthy HEC's answers (for the recording sink). */
export function expectedHecResponse(request: OutgoingRequest, nextAckId: () => number): IncomingResponse {
  const json = (value: unknown): IncomingResponse => ({ status: 200, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode(JSON.stringify(value)) });
  if (new URL(request.url).pathname.endsWith('/ack')) {
    const asked = (JSON.parse(new TextDecoder().decode(request.body)) as { acks: number[] }).acks;
    return json({ acks: Object.fromEntries(asked.map((id) => [String(id), true])) });
  }
  return json({ text: 'Success', code: 0, ackId: nextAckId() });
}

// Shared set-up for the engine integration tests: a real engine on a random port, SDK clients with both
// HTTP handlers, and a raw signed-looking POST for wire-level checks.
import { RegisterStreamConsumerCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startEngine, type RunningEngine, type StartEngineOptions } from '../../main/server/engine/startEngine';
import { sdkClient } from './kinesis';

export const HANDLERS = [
  { name: 'http2 (SDK default)', make: () => undefined },
  { name: 'http1 (NodeHttpHandler)', make: () => new NodeHttpHandler() },
] as const;

export type HandlerCase = (typeof HANDLERS)[number];

export function client(engine: { endpoint: string }, handler: HandlerCase, region = 'us-east-1'): KinesisClient {
  return sdkClient(engine.endpoint, { region, requestHandler: handler.make() });
}

export async function start(options: StartEngineOptions = {}): Promise<RunningEngine> {
  return startEngine({ port: 0, inMemory: options.dataDir === undefined, statusDelayMs: 0, ...options });
}

/** Registers a real consumer (enhanced fan-out) on the stream and returns its ARN. */
export async function registerConsumer(kinesis: KinesisClient, streamArn: string, name: string): Promise<string> {
  const { Consumer } = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: name }));
  if (!Consumer?.ConsumerARN) throw new Error('RegisterStreamConsumer returned no ARN');
  return Consumer.ConsumerARN;
}

/** The error an SDK call rejects with, as { name, message }; fails when the call succeeds. */
export async function failure(call: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await call;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: () => Record<string, unknown>;
}

/** A POST with SigV4-shaped headers (the engine accepts any credentials). */
export async function raw(
  engine: Pick<RunningEngine, 'endpoint'>,
  target: string | undefined,
  body: string | Uint8Array,
  options: { contentType?: string | null; authorization?: string | null; region?: string; method?: string } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { 'x-amz-date': '20261128T000000Z' };
  if (target !== undefined) headers['x-amz-target'] = target;
  const contentType = options.contentType === undefined ? 'application/x-amz-json-1.1' : options.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  const region = options.region ?? 'us-east-1';
  const authorization =
    options.authorization === undefined
      ? `AWS4-HMAC-SHA256 Credential=AKID/20261128/${region}/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcd`
      : options.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(engine.endpoint, { method: options.method ?? 'POST', headers, body: options.method === 'GET' ? undefined : typeof body === 'string' ? body : new Blob([new Uint8Array(body)]) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

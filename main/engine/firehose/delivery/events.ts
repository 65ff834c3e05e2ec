// What a delivery pipeline reports as it works: every flush with its reason, every object written, every request
// sent (with the answer), every Lambda invocation, every failure. The live state keeps the recent ones; the preview
// shows them all.
import type { FlushReason } from './buffering/bufferSet';
import type { LambdaEvent } from './processors/lambdaContract';
import type { RenderedCopy } from './redshift/copyCommand';
import type { IncomingResponse, OutgoingRequest } from './sink';

export type LaneName = 'processing' | 'destination' | 'backup';
export type ObjectRole = 'destination' | 'backup' | 'error' | 'intermediate' | 'manifest';
export type RequestDestination = 'HttpEndpoint' | 'OpenSearch' | 'Splunk';

export type DeliveryEvent =
  | { type: 'flush'; lane: LaneName; key: string; reason: FlushReason; records: number; bytes: number; openedAtMs: number; dueAtMs: number; oldestArrivalMs: number; atMs: number }
  | { type: 'object'; role: ObjectRole; bucket: string; key: string; records: number; bytes: number; storedBytes: number; contentEncoding?: string; errorOutputType?: string; atMs: number }
  | { type: 'request'; destination: RequestDestination; purpose: 'deliver' | 'ack'; attempt: number; request: OutgoingRequest; response?: IncomingResponse; error?: string; atMs: number }
  | { type: 'lambda'; invocationId: string; attempt: number; event: LambdaEvent; response?: string; errorCode?: string; errorMessage?: string; atMs: number }
  | { type: 'copy'; manifestKey: string; copy: RenderedCopy; atMs: number }
  | { type: 'delivered'; destination: string; records: number; attempts: number; atMs: number }
  | { type: 'failed'; destination: string; records: number; errorCode: string; errorMessage: string; errorOutputType?: string; atMs: number }
  | { type: 'dropped'; records: number; atMs: number }
  /** Put records (by the id put() answered) that are now delivered, written to the error output, dropped or given up. */
  | { type: 'settled'; recordIds: string[]; atMs: number }
  | { type: 'error'; message: string; atMs: number };

// The Lambda data-transformation contract: the invocation event Firehose sends and the checks on the response
// (developer guide, "Data transformation"; aws-lambda-go's KinesisFirehoseEvent; Powertools' schema). Pure: the
// preview renders the same event and runs the same checks.
import { toBase64 } from '../bytes';
import type { FailedRecord, KinesisRecordMetadata, PipelineRecord } from '../records';

/** Lambda's synchronous payload limit, each way. */
export const LAMBDA_PAYLOAD_LIMIT = 6 * 1024 * 1024;

export interface LambdaEventRecord {
  recordId: string;
  approximateArrivalTimestamp: number;
  data: string;
  kinesisRecordMetadata?: KinesisRecordMetadata;
}

export interface LambdaEvent {
  invocationId: string;
  deliveryStreamArn: string;
  sourceKinesisStreamArn?: string;
  region: string;
  records: LambdaEventRecord[];
}

export type LambdaResult = 'Ok' | 'Dropped' | 'ProcessingFailed';

export interface LambdaResponseRecord {
  recordId: string;
  result: LambdaResult;
  data?: string;
  metadata?: { partitionKeys?: Record<string, string> };
}

export function lambdaEvent(input: { invocationId: string; deliveryStreamArn: string; sourceKinesisStreamArn?: string | undefined; region: string }, records: readonly PipelineRecord[]): LambdaEvent {
  const list = records.map((r): LambdaEventRecord => {
    const entry: LambdaEventRecord = { recordId: r.recordId, approximateArrivalTimestamp: r.arrivalMs, data: toBase64(r.data) };
    if (r.kinesis) entry.kinesisRecordMetadata = r.kinesis;
    return entry;
  });
  const { invocationId, deliveryStreamArn, sourceKinesisStreamArn, region } = input;
  // Key order as AWS sends it; the source stream only for a Kinesis source.
  return sourceKinesisStreamArn
    ? { invocationId, deliveryStreamArn, sourceKinesisStreamArn, region, records: list }
    : { invocationId, deliveryStreamArn, region, records: list };
}

/** Splits records into invocations whose event stays under the payload limit. */
export function invocationBatches(records: readonly PipelineRecord[], limit = LAMBDA_PAYLOAD_LIMIT): PipelineRecord[][] {
  const batches: PipelineRecord[][] = [];
  let current: PipelineRecord[] = [];
  let size = 512; // the event's envelope, generously
  for (const r of records) {
    const cost = Math.ceil(r.data.length / 3) * 4 + 300;
    if (current.length && size + cost > limit) {
      batches.push(current);
      current = [];
      size = 512;
    }
    current.push(r);
    size += cost;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** A response problem, with the CloudWatch error code Firehose logs for it; the whole invocation counts as failed. */
export class LambdaResponseError extends Error {
  constructor(readonly errorCode: string, message: string) {
    super(message);
    this.name = 'LambdaResponseError';
  }
}

const RESULTS: readonly string[] = ['Ok', 'Dropped', 'ProcessingFailed'];

/** Parses and checks a response against the invocation's records; throws LambdaResponseError. */
export function checkLambdaResponse(payload: Uint8Array, sent: readonly PipelineRecord[]): Map<string, LambdaResponseRecord> {
  if (payload.length > LAMBDA_PAYLOAD_LIMIT) {
    throw new LambdaResponseError('Lambda.FunctionError', `Response payload size exceeded maximum allowed payload size (${LAMBDA_PAYLOAD_LIMIT} bytes).`);
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(payload));
  } catch (error) {
    throw new LambdaResponseError('Lambda.JsonProcessingException', `The Lambda response is not valid JSON: ${(error as Error).message}`);
  }
  const list = (body as { records?: unknown } | null)?.records;
  if (!Array.isArray(list)) throw new LambdaResponseError('Lambda.JsonProcessingException', 'The Lambda response has no "records" array.');
  const expected = new Set(sent.map((r) => r.recordId));
  const seen = new Map<string, LambdaResponseRecord>();
  for (const [i, item] of list.entries()) {
    const r = item as Partial<Record<keyof LambdaResponseRecord, unknown>>;
    if (typeof r.recordId !== 'string') throw new LambdaResponseError('Lambda.JsonProcessingException', `records[${i}] has no recordId.`);
    if (!expected.has(r.recordId)) throw new LambdaResponseError('Lambda.MissingRecordId', `records[${i}] has recordId ${r.recordId}, which was not sent in this invocation.`);
    if (seen.has(r.recordId)) throw new LambdaResponseError('Lambda.DuplicatedRecordId', `recordId ${r.recordId} is returned more than once.`);
    if (typeof r.result !== 'string' || !RESULTS.includes(r.result)) {
      throw new LambdaResponseError('Lambda.JsonProcessingException', `records[${i}] has result ${JSON.stringify(r.result)}; it must be Ok, Dropped or ProcessingFailed.`);
    }
    if (r.result === 'Ok' && typeof r.data !== 'string') throw new LambdaResponseError('Lambda.JsonProcessingException', `records[${i}] is Ok but has no base64 data.`);
    const keys = (r.metadata as { partitionKeys?: unknown } | undefined)?.partitionKeys;
    if (keys !== undefined && (typeof keys !== 'object' || keys === null || Object.values(keys).some((v) => typeof v !== 'string'))) {
      throw new LambdaResponseError('Lambda.JsonProcessingException', `records[${i}].metadata.partitionKeys must map names to strings.`);
    }
    seen.set(r.recordId, r as LambdaResponseRecord);
  }
  for (const id of expected) if (!seen.has(id)) throw new LambdaResponseError('Lambda.MissingRecordId', `recordId ${id} was sent but is not in the response.`);
  return seen;
}

export interface LambdaOutcome {
  records: PipelineRecord[];
  failed: FailedRecord[];
  dropped: number;
}

/** Applies a checked response: Ok records carry the new data (and Lambda partition keys), Dropped ones vanish. */
export function applyLambdaResponse(sent: readonly PipelineRecord[], response: Map<string, LambdaResponseRecord>, lambdaArn: string, attemptsMade: number, now: number): LambdaOutcome {
  const out: LambdaOutcome = { records: [], failed: [], dropped: 0 };
  for (const record of sent) {
    const r = response.get(record.recordId);
    if (!r || r.result === 'Dropped') {
      out.dropped++;
    } else if (r.result === 'ProcessingFailed') {
      out.failed.push({ record, errorCode: 'Lambda.ProcessingFailed', errorMessage: 'The Lambda function returned ProcessingFailed for this record.', attemptsMade, attemptEndingMs: now, extra: { lambdaArn } });
    } else {
      const next: PipelineRecord = { ...record, data: new Uint8Array(Buffer.from(r.data ?? '', 'base64')) };
      if (r.metadata?.partitionKeys) next.lambdaKeys = r.metadata.partitionKeys;
      out.records.push(next);
    }
  }
  return out;
}

// The records that move through a delivery pipeline, and the failure records Firehose writes to S3.
import { toBase64 } from './bytes';
export interface KinesisRecordMetadata {
  shardId: string;
  partitionKey: string;
  approximateArrivalTimestamp: number;
  sequenceNumber: string;
  subsequenceNumber?: number;
}

/** A record as a producer or a source stream hands it in. */
export interface IncomingRecord {
  data: Uint8Array;
  /** Approximate arrival time; the pipeline's clock when absent. */
  arrivalMs?: number;
  /** The id PutRecord answered with; minted when absent. */
  recordId?: string;
  /** KinesisStreamAsSource only. */
  kinesis?: KinesisRecordMetadata;
}

export interface PipelineRecord {
  /** Unique among the records in flight: a de-aggregated sub-record gets `<sourceId>.<n>` (the Lambda event's recordId). */
  recordId: string;
  /** The id of the record as it was put. */
  sourceId: string;
  data: Uint8Array;
  arrivalMs: number;
  /** The pipeline's clock when put() took the record: buffers it opens count their interval from here. */
  receivedMs: number;
  kinesis?: KinesisRecordMetadata;
  /** The record as it came in, before processors (what error records carry as rawData). */
  raw: Uint8Array;
  /** Index of the sub-record when de-aggregation split one record into several. */
  subsequence: number;
  queryKeys?: Record<string, string>;
  lambdaKeys?: Record<string, string>;
  /** Shared by everything made of one put record: how many parts are still on their way (see the 'settled' event). */
  ticket?: SettlementTicket;
}

export interface SettlementTicket {
  readonly id: string;
  left: number;
}

/** A record that could not be processed or delivered, and why: it becomes one JSON line in an error object. */
export interface FailedRecord {
  record: PipelineRecord;
  errorCode: string;
  errorMessage: string;
  attemptsMade: number;
  attemptEndingMs: number;
  /** Destination members AWS puts before rawData (esDocumentId, esIndexName, esTypeName). */
  beforeRaw?: Record<string, string | number>;
  /** Destination members AWS puts after rawData (lambdaArn, subsequenceNumber, dataId, EventId). */
  extra?: Record<string, string | number>;
}

/** The id AWS shows as dataId/EventId: a sequence-number-like decimal string with a `.N` sub-record suffix. */
export function dataId(record: PipelineRecord): string {
  return `${record.kinesis?.sequenceNumber ?? record.sourceId}.${record.subsequence}`;
}

/**
 * One failure as the JSON line AWS writes (developer guide, "Data delivery failure handling"): attemptsMade,
 * arrivalTimestamp, errorCode, errorMessage, attemptEndingTimestamp, rawData, with the destination's own members
 * where AWS's examples put them.
 */
export function failureLine(failure: FailedRecord): string {
  return JSON.stringify({
    attemptsMade: failure.attemptsMade,
    arrivalTimestamp: failure.record.arrivalMs,
    errorCode: failure.errorCode,
    errorMessage: failure.errorMessage,
    attemptEndingTimestamp: failure.attemptEndingMs,
    ...failure.beforeRaw,
    rawData: toBase64(failure.record.raw),
    ...failure.extra,
  });
}

// The shapes the write path takes and returns, shared by the write gates (limits, injected partial failures).
import type { Base64Blob } from '../../core/base64Blob';

export interface RecordToWrite {
  Data: Base64Blob;
  PartitionKey: string;
  ExplicitHashKey?: string;
}

/** A record refused by a write gate (throughput limits, injected partial failures). */
export interface RecordFailure {
  ErrorCode: 'ProvisionedThroughputExceededException' | 'InternalFailure' | 'KMSThrottlingException' | string;
  ErrorMessage: string;
}

export type WriteResult = { SequenceNumber: string; ShardId: string } | RecordFailure;

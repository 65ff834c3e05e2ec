// What the shard readers hand the session: records as Kinesis gave them, and the shape of the calls both read
// modes share (start positions, record conversion, error names worth retrying).
import type { ChildShard, _Record, ShardIteratorType, StartingPosition } from '@aws-sdk/client-kinesis';

export interface ShardRecord {
  shardId: string;
  sequenceNumber: string;
  arrivalMs: number;
  partitionKey: string;
  /** The Kinesis record's size: data plus partition key, as the read budget counts it. */
  bytes: number;
  data: Uint8Array;
}

export interface ChildShardInfo {
  shardId: string;
  parentShards: string[];
}

export type IteratorPosition =
  | { type: 'LATEST' | 'TRIM_HORIZON' }
  | { type: 'AT_TIMESTAMP'; timestamp: number }
  | { type: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER'; sequenceNumber: string };

export function iteratorParams(position: IteratorPosition): { ShardIteratorType: ShardIteratorType; Timestamp?: Date; StartingSequenceNumber?: string } {
  switch (position.type) {
    case 'AT_TIMESTAMP':
      return { ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date(position.timestamp) };
    case 'AT_SEQUENCE_NUMBER':
    case 'AFTER_SEQUENCE_NUMBER':
      return { ShardIteratorType: position.type, StartingSequenceNumber: position.sequenceNumber };
    default:
      return { ShardIteratorType: position.type };
  }
}

export function startingPosition(position: IteratorPosition): StartingPosition {
  const p = iteratorParams(position);
  return { Type: p.ShardIteratorType, ...(p.Timestamp ? { Timestamp: p.Timestamp } : {}), ...(p.StartingSequenceNumber ? { SequenceNumber: p.StartingSequenceNumber } : {}) };
}

const encoder = new TextEncoder();

export function toShardRecord(shardId: string, r: _Record): ShardRecord {
  const data = r.Data ?? new Uint8Array();
  const partitionKey = r.PartitionKey ?? '';
  return {
    shardId,
    sequenceNumber: r.SequenceNumber ?? '0',
    arrivalMs: r.ApproximateArrivalTimestamp?.getTime() ?? 0,
    partitionKey,
    bytes: data.length + encoder.encode(partitionKey).length,
    data,
  };
}

export function childInfo(children: ChildShard[] | undefined): ChildShardInfo[] {
  return (children ?? []).map((c) => ({ shardId: c.ShardId ?? '', parentShards: c.ParentShards ?? [] })).filter((c) => c.shardId !== '');
}

/** Errors a reader waits out and retries: throttling and the service's transient failures. */
export function isRetryable(error: unknown): boolean {
  const name = (error as { name?: string }).name ?? '';
  return [
    'ProvisionedThroughputExceededException',
    'LimitExceededException',
    'ThrottlingException',
    'InternalFailure',
    'InternalFailureException',
    'ServiceUnavailable',
    'ServiceUnavailableException',
    'KMSThrottlingException',
    'TimeoutError',
    'ECONNRESET',
    'ECONNREFUSED',
  ].includes(name);
}

export function isThrottle(error: unknown): boolean {
  const name = (error as { name?: string }).name ?? '';
  return name === 'ProvisionedThroughputExceededException' || name === 'LimitExceededException' || name === 'ThrottlingException';
}

/** Sequence numbers are decimal strings of up to 128 bits: compare by length, then text. */
export function compareSequence(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/** The SDK retries throttled calls itself; `$metadata.attempts` tells how many calls really went out. */
export function attemptsOf(value: unknown): number {
  const attempts = (value as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts;
  return typeof attempts === 'number' && attempts > 0 ? attempts : 1;
}

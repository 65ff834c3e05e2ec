// Where a read starts in a shard, for GetShardIterator's ShardIteratorType and SubscribeToShard's
// StartingPosition (the same five types, the same checks): the first sequence integer to read.
import type { KinesisContext } from '../kinesis';
import { internalFailure, invalidArgument } from '../../core/errors';
import { decodeSequence, SEQ_PER_MS, shardIdOf } from './sequence';
import type { ShardState, StreamState } from '../streams/streamModel';

export const POSITION_TYPES = ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER', 'TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'] as const;
export type PositionType = (typeof POSITION_TYPES)[number];
/** The order AWS prints the enum in its validation messages. */
export const POSITION_TYPES_SHOWN: readonly PositionType[] = ['AFTER_SEQUENCE_NUMBER', 'LATEST', 'AT_TIMESTAMP', 'AT_SEQUENCE_NUMBER', 'TRIM_HORIZON'];

const EITHER =
  'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber.';

export interface StartingPosition {
  type: PositionType;
  sequenceNumber?: string;
  /** Epoch ms. */
  timestamp?: number;
}

/** The first seq to read (records with seq >= it); operation names the calling action in AWS's messages. */
export function startingSeq(ctx: KinesisContext, stream: StreamState, shard: ShardState, position: StartingPosition, operation: string): number {
  const { type, sequenceNumber: start } = position;
  const account = ctx.accountId;
  if (type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER') {
    if (start === undefined) throw invalidArgument(`${EITHER} Request specified ${type} and no StartingSequenceNumber.`);
    const invalid = `StartingSequenceNumber ${start} used in ${operation} on shard ${shard.shardId} in stream ${stream.name} under account ${account} is invalid`;
    const decoded = decodeSequence(start);
    if (!decoded) throw invalidArgument(`${invalid}.`);
    if (decoded.shardIndex !== shard.shardIndex) {
      throw invalidArgument(`Invalid StartingSequenceNumber. It encodes ${shardIdOf(decoded.shardIndex)}, while it was used in a call to a shard with ${shard.shardId}`);
    }
    // AWS's older layout on the right shard is a server error there (kinesalite's suite records it so).
    if (decoded.version === 0) throw internalFailure();
    if (!shard.sequences.owns(decoded)) throw invalidArgument(`${invalid} because it did not come from this stream.`);
    return type === 'AT_SEQUENCE_NUMBER' ? decoded.seq : decoded.seq + 1;
  }
  if (start !== undefined) throw invalidArgument(`${EITHER} Request specified ${type} and also a StartingSequenceNumber.`);
  if (type === 'TRIM_HORIZON') return 0;
  if (type === 'LATEST') return shard.lastSeq + 1;
  if (position.timestamp === undefined) {
    throw invalidArgument('Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.');
  }
  if (position.timestamp > ctx.now) {
    throw invalidArgument(
      `The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${position.timestamp}, currentTimestampInMillis: ${ctx.now}`,
    );
  }
  return Math.max(0, position.timestamp * SEQ_PER_MS);
}

// Reads one record again from Kinesis by shard and sequence number (GetShardIterator AT_SEQUENCE_NUMBER, then
// GetRecords with Limit 1): for permalinks, and for kept rows whose data was evicted.
import { GetRecordsCommand, GetShardIteratorCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { RpcError } from '../../../shared/contract/errors';
import { toShardRecord, type ShardRecord } from './shardRecords';

export async function fetchRecord(kinesis: KinesisClient, stream: string, shardId: string, sequenceNumber: string): Promise<ShardRecord> {
  const it = await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: sequenceNumber }));
  let iterator = it.ShardIterator;
  // A read can come back empty before reaching the record (gaps in a sparse shard): follow a few iterators.
  for (let i = 0; iterator && i < 20; i++) {
    const out = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1 }));
    const first = out.Records?.[0];
    if (first) {
      if (first.SequenceNumber !== sequenceNumber) break;
      return toShardRecord(shardId, first);
    }
    iterator = out.NextShardIterator;
  }
  throw new RpcError('ResourceNotFoundException', `Record ${sequenceNumber} is no longer in ${shardId} of ${stream} (past retention, or never written).`);
}

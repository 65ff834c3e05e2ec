// Stream shapes the API returns, built from the engine's stream state.
import type { KinesisContext } from '../kinesis';
import { shardOut, type ShardOut, type StreamState } from './streamModel';

export function modeDetails(stream: StreamState): { StreamMode: string } {
  return { StreamMode: stream.mode };
}

export function enhancedMonitoring(stream: StreamState): { ShardLevelMetrics: string[] }[] {
  return [{ ShardLevelMetrics: stream.shardLevelMetrics }];
}

/** The shards a stream shows: none while CREATING, as on AWS. */
export function visibleShards(stream: StreamState): StreamState['shards'] {
  return stream.status === 'CREATING' ? [] : stream.shards;
}

export function shardsOut(stream: StreamState, shards: StreamState['shards']): ShardOut[] {
  return shards.map((shard) => shardOut(stream, shard));
}

export function encryptionFields(stream: StreamState): { EncryptionType: string; KeyId?: string } {
  return stream.keyId ? { EncryptionType: stream.encryptionType, KeyId: stream.keyId } : { EncryptionType: stream.encryptionType };
}

export function streamSummaryOut(ctx: KinesisContext, stream: StreamState) {
  return {
    StreamName: stream.name,
    StreamARN: stream.arn,
    StreamStatus: stream.status,
    StreamModeDetails: modeDetails(stream),
    StreamCreationTimestamp: ctx.wire.time(stream.createdMs),
  };
}

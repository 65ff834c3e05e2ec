// One stream's detail screen: the summary, the shards table and lineage, tags, consumers and account limits,
// and key routing against its open shards. Consumers and limits are optional on some backends: their
// failure is reported in `problems`, not thrown.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { KeyInput, KeyRoute, StreamDetail, StreamProblem } from '../../../shared/contract/streams';
import { routeKey } from '../../../shared/domain/keyRouting';
import { lineageGraph, shardTable } from '../../../shared/domain/shardLineage';
import { readConsumers, readLimits, readShards, readSummary, readTags, tolerate } from './streamReaders';

export async function describeStream(kinesis: KinesisClient, name: string): Promise<StreamDetail> {
  const problems: StreamProblem[] = [];
  const summary = await readSummary(kinesis, name);
  const [shards, tags, consumers, limits] = await Promise.all([
    readShards(kinesis, name),
    tolerate('tags', problems, () => readTags(kinesis, name)),
    tolerate('consumers', problems, () => readConsumers(kinesis, summary.arn)),
    tolerate('limits', problems, () => readLimits(kinesis)),
  ]);
  const rows = shardTable(shards);
  return { summary, shards: rows, lineage: lineageGraph(rows), tags, consumers, limits, problems };
}

export async function routeStreamKey(kinesis: KinesisClient, name: string, key: KeyInput): Promise<KeyRoute> {
  return routeKey(shardTable(await readShards(kinesis, name)), key);
}

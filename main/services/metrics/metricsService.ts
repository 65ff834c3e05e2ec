// What the Metrics screen asks for, from either source: the series (localMetrics or cloudWatchMetrics), the
// capacity lines from the stream's mode and open shards, the local engine's top partition keys per shard with
// their share, the events that explain a change, and enhanced monitoring on or off.
import { DescribeStreamSummaryCommand, DisableEnhancedMonitoringCommand, EnableEnhancedMonitoringCommand, type MetricsName } from '@aws-sdk/client-kinesis';
import type { AnnotationsResult, MetricsCapacity, MetricsQuery, MetricsResult, MetricsView, ShardTopKeys, ThroughputCapacity } from '../../../shared/contract/metrics';
import type { EngineAdmin } from '../engineAdmin';
import { readShards } from '../streams/streamReaders';
import { cloudWatchMetrics } from './cloudWatchMetrics';
import { localMetrics } from './localMetrics';
import { cloudWatchMissingNote, noCloudWatchData, type MetricsSource } from './metricsSource';

const MIB = 1024 * 1024;
/** AWS's per-shard quotas (Kinesis Data Streams quotas and limits). */
export const SHARD_CAPACITY: ThroughputCapacity = { incomingBytesPerSecond: MIB, incomingRecordsPerSecond: 1000, outgoingBytesPerSecond: 2 * MIB };
const QUOTAS = "AWS's per-shard quotas: 1 MiB/s and 1,000 records/s in, 2 MiB/s out (shared by GetRecords readers; each fan-out consumer gets its own 2 MiB/s)";
const TOP_KEYS = 10;

const times = (c: ThroughputCapacity, n: number): ThroughputCapacity => ({
  incomingBytesPerSecond: c.incomingBytesPerSecond * n,
  incomingRecordsPerSecond: c.incomingRecordsPerSecond * n,
  outgoingBytesPerSecond: c.outgoingBytesPerSecond * n,
});

interface StreamShape {
  mode: 'PROVISIONED' | 'ON_DEMAND';
  openShards: number;
  shardLevelMetrics: string[];
}

async function streamShape(source: MetricsSource, stream: string): Promise<StreamShape> {
  const { StreamDescriptionSummary: s } = await source.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: stream }));
  return {
    mode: s?.StreamModeDetails?.StreamMode === 'ON_DEMAND' ? 'ON_DEMAND' : 'PROVISIONED',
    openShards: s?.OpenShardCount ?? 0,
    shardLevelMetrics: (s?.EnhancedMonitoring ?? []).flatMap((m) => m.ShardLevelMetrics ?? []),
  };
}

async function capacityOf(source: MetricsSource, stream: string, shape: StreamShape): Promise<MetricsCapacity> {
  const base = { mode: shape.mode, openShards: shape.openShards, perShard: SHARD_CAPACITY };
  if (shape.mode === 'PROVISIONED') return { ...base, stream: times(SHARD_CAPACITY, shape.openShards), source: `${QUOTAS}, times ${shape.openShards} open shards.` };
  if (source.kind === 'engine') {
    const write = (await source.admin.getLimits({ StreamName: stream })).Stream?.OnDemandWriteCapacity;
    if (write) {
      return {
        ...base,
        stream: { incomingBytesPerSecond: write.BytesPerSecond, incomingRecordsPerSecond: write.RecordsPerSecond, outgoingBytesPerSecond: 2 * write.BytesPerSecond },
        source: `The engine's current on-demand write capacity (reads: twice the write capacity, as on AWS); per shard, ${QUOTAS}.`,
      };
    }
  }
  return { ...base, stream: null, source: `On-demand capacity follows the traffic (up to double the previous 30 days' peak) and is not published; per shard, ${QUOTAS}.` };
}

async function topKeysOf(admin: EngineAdmin, stream: string): Promise<ShardTopKeys[]> {
  const view = await admin.getStreamStats({ StreamName: stream }, { seconds: 60, topKeys: TOP_KEYS });
  return view.Shards.filter((s) => s.TopPartitionKeys.length > 0).map((s) => {
    const records = Math.max(s.Window.IncomingRecords, ...s.TopPartitionKeys.map((k) => k.Records));
    return {
      shardId: s.ShardId,
      windowSeconds: view.TopKeysWindowSeconds,
      records,
      keys: s.TopPartitionKeys.map((k) => ({ partitionKey: k.PartitionKey, records: k.Records, bytes: k.Bytes, share: records === 0 ? 0 : Math.min(1, k.Records / records) })),
    };
  });
}

/** CloudWatch's series; a custom endpoint that does not serve CloudWatch gets empty series and a note. */
async function cloudWatchSeries(source: Extract<MetricsSource, { kind: 'cloudwatch' }>, query: MetricsQuery, shape: StreamShape, nowMs: number): Promise<MetricsResult> {
  const wanted = query.shardIds ? new Set(query.shardIds) : null;
  const shardIds = query.shards
    ? (await readShards(source.kinesis, query.stream)).filter((s) => !s.SequenceNumberRange?.EndingSequenceNumber).map((s) => s.ShardId ?? '').filter((id) => wanted === null || wanted.has(id))
    : [];
  try {
    return await cloudWatchMetrics(source.cloudWatch, query, { shardIds, shardLevelMetrics: shape.shardLevelMetrics }, nowMs);
  } catch (error) {
    const note = cloudWatchMissingNote(error, source.customEndpoint, 'metrics');
    return { ...noCloudWatchData(query, note, nowMs), shardLevelMetrics: shape.shardLevelMetrics };
  }
}

export async function queryMetrics(source: MetricsSource, query: MetricsQuery, nowMs: number): Promise<MetricsView> {
  const shape = await streamShape(source, query.stream);
  const capacity = await capacityOf(source, query.stream, shape);
  if (source.kind === 'engine') {
    const [result, topKeys] = await Promise.all([localMetrics(source.admin, query, nowMs), topKeysOf(source.admin, query.stream)]);
    return { ...result, capacity, topKeys };
  }
  const result = await cloudWatchSeries(source, query, shape, nowMs);
  return { ...result, notes: [...result.notes, 'Top partition keys come from the local engine; CloudWatch does not record keys.'], capacity, topKeys: [] };
}

export async function annotations(source: MetricsSource, query: { stream: string; fromMs: number; toMs: number }): Promise<AnnotationsResult> {
  if (source.kind === 'cloudwatch') {
    return { annotations: [], notes: ['CloudWatch keeps no record of reshards or mode switches (CloudTrail does); the local engine records them.'] };
  }
  const view = await source.admin.getStreamEvents({ StreamName: query.stream }, { startMs: query.fromMs, endMs: Math.max(query.toMs, query.fromMs + 1) });
  return { annotations: view.Events.map((e) => ({ atMs: e.AtMs, kind: e.Kind, label: e.Label, shardIds: e.ShardIds })), notes: [] };
}

/** EnableEnhancedMonitoring / DisableEnhancedMonitoring; answers the metrics now on. */
export async function setShardLevel(source: MetricsSource, params: { stream: string; metrics: MetricsName[]; enabled: boolean }): Promise<{ shardLevelMetrics: string[] }> {
  const input = { StreamName: params.stream, ShardLevelMetrics: params.metrics };
  const out = params.enabled ? await source.kinesis.send(new EnableEnhancedMonitoringCommand(input)) : await source.kinesis.send(new DisableEnhancedMonitoringCommand(input));
  return { shardLevelMetrics: out.DesiredShardLevelMetrics ?? [] };
}

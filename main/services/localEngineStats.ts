// The engine.stats subscription's source: EngineAdmin.watchStreamStats on the local engine, one item per complete
// second, after an optional backfill of the seconds before the start. The backfill is read once the watcher has
// delivered its first second, and covers exactly the seconds before that one, so nothing is missed or sent twice
// however long the first poll takes.
import type { EngineStatsItem, EngineStatsParams, StreamMetrics } from '../../shared/contract/engine';
import { RpcError } from '../../shared/contract/errors';
import { LOCAL_ID } from '../connections/connectionModel';
import { adminCall, localAdmin, type LocalEngineSource } from './localEngineControls';
import type { EngineAdmin, KeyTraffic, Metrics, StatsSample, StreamStatsView } from './engineAdmin';

export const NOT_LOCAL_MESSAGE = 'Live shard stats come from the local engine; on AWS, use the Metrics screen (CloudWatch).';

function metrics(m: Metrics): StreamMetrics {
  return {
    incomingRecords: m.IncomingRecords,
    incomingBytes: m.IncomingBytes,
    getRecordsRecords: m.GetRecordsRecords,
    getRecordsBytes: m.GetRecordsBytes,
    fanOutRecords: m.FanOutRecords,
    fanOutBytes: m.FanOutBytes,
    writeThrottles: m.WriteThrottles,
    readThrottles: m.ReadThrottles,
    iteratorAgeMs: m.IteratorAgeMs,
  };
}

const keys = (top: KeyTraffic[]) => top.map((k) => ({ partitionKey: k.PartitionKey, records: k.Records, bytes: k.Bytes }));

function item(sample: StatsSample, shardId: string | undefined): EngineStatsItem {
  return {
    second: sample.Second,
    stream: metrics(sample.Stream),
    shards: sample.Shards.filter((s) => shardId === undefined || s.ShardId === shardId).map((s) => ({ shardId: s.ShardId, open: s.Open, metrics: metrics(s.Metrics), topKeys: keys(s.TopPartitionKeys) })),
  };
}

/** The view's second at `index` as a sample (top keys left to the live seconds). */
function sampleAt(view: StreamStatsView, index: number): StatsSample {
  const at = (series: Record<string, number[]>) => Object.fromEntries(Object.entries(series).map(([name, values]) => [name, values[index] ?? 0])) as Metrics;
  return {
    StreamName: view.StreamName,
    Second: view.StartTime + index * 1000,
    Stream: at(view.Stream.Series),
    Shards: view.Shards.map((s) => ({ ShardId: s.ShardId, Open: s.Open, Metrics: at(s.Series), TopPartitionKeys: [] })),
  };
}

/** The `windowSeconds` complete seconds before `firstSecond`, oldest first. */
async function backfill(admin: EngineAdmin, stream: string, firstSecond: number, windowSeconds: number): Promise<StatsSample[]> {
  const seconds = Math.min(3600, windowSeconds + Math.ceil((Date.now() - firstSecond) / 1000) + 1);
  const view = await adminCall(() => admin.getStreamStats({ StreamName: stream }, { seconds, topKeys: 0 }));
  const samples: StatsSample[] = [];
  for (let second = firstSecond - windowSeconds * 1000; second < firstSecond; second += 1000) {
    const index = (second - view.StartTime) / 1000;
    if (index >= 0 && index < view.Seconds) samples.push(sampleAt(view, index));
  }
  return samples;
}

/**
 * Pushes one item per complete second until `signal` aborts (resolves) or something fails (rejects): the active
 * connection leaving the local engine (ConnectionChanged), the stream going away, the engine stopping.
 */
export async function runEngineStats(source: LocalEngineSource, params: EngineStatsParams, push: (item: EngineStatsItem) => void, signal: AbortSignal, fetchImpl?: typeof fetch): Promise<void> {
  if (source.activeId() !== LOCAL_ID) throw new RpcError('NotLocalEngine', NOT_LOCAL_MESSAGE);
  const admin = localAdmin(source, fetchImpl);
  const ref = { StreamName: params.stream };
  // Unknown streams and shards are refused here, before anything is sent.
  await adminCall(() => admin.getStreamStats(ref, { seconds: 1, topKeys: 0, ...(params.shardId !== undefined ? { shardId: params.shardId } : {}) }));
  if (signal.aborted) return;
  await new Promise<void>((resolve, reject) => {
    let done = false;
    let backfilled = params.windowSeconds === 0;
    const held: StatsSample[] = [];
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      watcher.stop();
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(error instanceof RpcError ? error : new RpcError('EngineUnreachable', `Live stats stopped: ${error instanceof Error ? error.message : String(error)}`));
    };
    const onAbort = () => finish();
    const emit = (sample: StatsSample) => push(item(sample, params.shardId));
    const watcher = admin.watchStreamStats(
      ref,
      (sample) => {
        if (done) return;
        if (source.activeId() !== LOCAL_ID) return finish(new RpcError('ConnectionChanged', 'The active connection is no longer the local engine; live stats stopped.'));
        if (backfilled) return emit(sample);
        held.push(sample);
        if (held.length > 1) return;
        backfill(admin, params.stream, sample.Second, params.windowSeconds).then((earlier) => {
          if (done) return;
          backfilled = true;
          for (const s of [...earlier, ...held.splice(0)]) emit(s);
        }, finish);
      },
      { topKeys: params.topKeys, onError: (error) => void adminCall(() => Promise.reject(error)).catch(finish) },
    );
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

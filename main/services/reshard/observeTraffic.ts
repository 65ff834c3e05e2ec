// Observed traffic of a stream's open shards: records, bytes and partition keys over a recent window. The local
// engine keeps per-shard series for an hour and top keys over its last minute (admin GetStreamStats); the keys'
// counts are scaled from their minute to the whole window by the shard's own traffic in that minute. Anywhere
// else the shards are sampled (trafficSample.ts). The result is kept here by id so that reshard.plan can use it
// without sending it back: the renderer gets the shards with their 100 heaviest keys, the planner every key kept.
import { randomUUID } from 'node:crypto';
import type { ObserveItem, ObserveParamsIn, ObservedShard } from '../../../shared/contract/reshard';
import { ObserveParams } from '../../../shared/contract/reshard';
import type { ShardInput } from '../../../shared/domain/reshard/observedTraffic';
import { perSecond, utilisationPercent } from '../../../shared/domain/reshard/shardCapacity';
import type { EngineAdmin, ShardStatsView, StreamStatsView } from '../engineAdmin';
import { adminCall } from '../localEngineControls';
import { mapLimit } from '../streams/mapLimit';
import type { SessionConnection } from '../tail/tailSession';
import { readStreamShape, type OpenShard } from './streamShape';
import { sampleShard } from './trafficSample';

export interface Observation {
  id: string;
  connectionId: string;
  stream: string;
  source: 'engine-stats' | 'sample';
  fromMs: number;
  toMs: number;
  windowSeconds: number;
  shards: ShardInput[];
  sampledRecords: Map<string, number>;
  notes: string[];
}

const HOUR_SECONDS = 3600;
/** Keys sent per shard: the wizard re-plans in the window from them, so it gets as many as the engine keeps. */
const KEYS_SHOWN = 100;
/** Keys kept per shard from the engine's stats (the admin API's maximum). */
const ENGINE_TOP_KEYS = 100;
/** Shards sampled at once. */
const SAMPLE_CONCURRENCY = 4;

/** The observations of this process, newest last; a few suffice (one per open wizard). */
export class Observations {
  private readonly kept = new Map<string, Observation>();
  constructor(private readonly max = 16) {}

  add(observation: Observation): void {
    this.kept.set(observation.id, observation);
    for (const id of this.kept.keys()) {
      if (this.kept.size <= this.max) break;
      this.kept.delete(id);
    }
  }

  get(id: string, connectionId: string, stream: string): Observation | undefined {
    const o = this.kept.get(id);
    return o && o.connectionId === connectionId && o.stream === stream ? o : undefined;
  }
}

function sumLast(values: readonly number[], n: number): number {
  let sum = 0;
  for (let i = Math.max(0, values.length - n); i < values.length; i++) sum += values[i] ?? 0;
  return sum;
}

/** One shard from the engine's view: window totals, and the top keys scaled from the top-keys window to it. */
function fromEngineShard(shard: OpenShard, view: ShardStatsView | undefined, seconds: number, keyWindowSeconds: number): ShardInput {
  if (!view) return { ...shard, records: 0, bytes: 0, keys: [] };
  const records = view.Window.IncomingRecords;
  const bytes = view.Window.IncomingBytes;
  const lastSeconds = Math.min(seconds, keyWindowSeconds);
  const recentRecords = sumLast(view.Series.IncomingRecords, lastSeconds);
  const recentBytes = sumLast(view.Series.IncomingBytes, lastSeconds);
  const recordScale = recentRecords > 0 ? records / recentRecords : 0;
  const byteScale = recentBytes > 0 ? bytes / recentBytes : 0;
  const keys = view.TopPartitionKeys.map((k) => ({ partitionKey: k.PartitionKey, records: Math.min(records, k.Records * recordScale), bytes: Math.min(bytes, k.Bytes * byteScale) }));
  return { ...shard, records, bytes, keys: recordScale > 0 ? keys : [] };
}

export async function observeFromEngine(connection: SessionConnection, admin: EngineAdmin, stream: string): Promise<Observation> {
  const shape = await readStreamShape(connection.kinesis(), stream);
  const now = Date.now();
  // The last hour, or the stream's life when shorter (so a young stream's rates are not diluted), counted in the
  // engine's whole seconds from the one the stream was created in up to the current one.
  const seconds = Math.max(1, Math.min(HOUR_SECONDS, Math.floor(now / 1000) - Math.floor(shape.summary.createdAt / 1000) + 1));
  const view: StreamStatsView = await adminCall(() => admin.getStreamStats({ StreamName: stream }, { seconds, topKeys: ENGINE_TOP_KEYS }));
  const byId = new Map(view.Shards.map((s) => [s.ShardId, s]));
  return {
    id: randomUUID(),
    connectionId: connection.id,
    stream,
    source: 'engine-stats',
    fromMs: view.StartTime,
    toMs: view.EndTime + 999,
    windowSeconds: view.Seconds,
    shards: shape.open.map((s) => fromEngineShard(s, byId.get(s.shardId), view.Seconds, view.TopKeysWindowSeconds)),
    sampledRecords: new Map(),
    notes: [
      `Load over the last ${view.Seconds} s from the engine's stats (kept in memory: an engine restart starts them afresh); top partition keys over its last ${view.TopKeysWindowSeconds} s, scaled to the window.`,
    ],
  };
}

export async function observeBySampling(
  connection: SessionConnection,
  params: { stream: string; sampleMinutes: number; maxRecordsPerShard: number },
  signal: AbortSignal,
  onProgress: (item: Extract<ObserveItem, { type: 'progress' }>) => void,
): Promise<Observation> {
  const shape = await readStreamShape(connection.kinesis(), params.stream);
  const toMs = Date.now();
  const fromMs = toMs - params.sampleMinutes * 60_000;
  const fractions = new Array<number>(shape.open.length).fill(0);
  const counts = new Array<number>(shape.open.length).fill(0);
  let done = 0;
  let lastReport = 0;
  const report = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastReport < 250) return;
    lastReport = now;
    const total = shape.open.length;
    onProgress({
      type: 'progress',
      shardsDone: done,
      shardsTotal: total,
      recordsRead: counts.reduce((a, b) => a + b, 0),
      fraction: total === 0 ? 1 : fractions.reduce((a, b) => a + b, 0) / total,
    });
  };
  report(true);
  const samples = await mapLimit(shape.open, SAMPLE_CONCURRENCY, async (shard, i) => {
    const sample = await sampleShard(connection.kinesis, connection.kind, params.stream, shard, { fromMs, toMs, maxRecords: params.maxRecordsPerShard }, signal, (fraction, records) => {
      fractions[i] = fraction;
      counts[i] = records;
      report(false);
    });
    fractions[i] = 1;
    done++;
    report(true);
    return sample;
  });
  const capped = samples.filter((s) => s.sampledRecords >= params.maxRecordsPerShard).length;
  const notes = [
    `Load from a sample of each shard's records over the last ${params.sampleMinutes} min (at most ${params.maxRecordsPerShard} records per shard), partition keys hashed here.`,
  ];
  if (capped > 0) notes.push(`${capped} shard${capped === 1 ? '' : 's'} reached the record cap before the sample's end: their counts are scaled up from the part read.`);
  return {
    id: randomUUID(),
    connectionId: connection.id,
    stream: params.stream,
    source: 'sample',
    fromMs,
    toMs,
    windowSeconds: params.sampleMinutes * 60,
    shards: samples.map(({ sampledRecords: _sampled, ...input }) => input),
    sampledRecords: new Map(samples.map((s) => [s.shardId, s.sampledRecords])),
    notes,
  };
}

/** The shard as the renderer sees it: totals, rates, utilisation and the heaviest keys. */
export function observedShard(shard: ShardInput, windowSeconds: number, sampledRecords: number | null): ObservedShard {
  const load = { records: shard.records, bytes: shard.bytes };
  const top = [...(shard.keys ?? [])].sort((a, b) => b.records - a.records).slice(0, KEYS_SHOWN);
  return {
    shardId: shard.shardId,
    startingHashKey: shard.startingHashKey,
    endingHashKey: shard.endingHashKey,
    records: shard.records,
    bytes: shard.bytes,
    load: perSecond(load, windowSeconds),
    utilisationPercent: utilisationPercent(load, windowSeconds),
    topKeys: top.map((k) => ({ partitionKey: k.partitionKey, records: k.records, bytes: k.bytes, sharePercent: shard.records > 0 ? (k.records / shard.records) * 100 : 0 })),
    sampledRecords,
  };
}

export interface ObserveDeps {
  connection: SessionConnection;
  /** The local engine's admin client when the connection is the local engine, else null. */
  admin: EngineAdmin | null;
  observations: Observations;
}

/** reshard.observe: progress (sampling only), one item per open shard, then `done` with the observation's id. */
export async function runObserve(
  deps: ObserveDeps,
  input: ObserveParamsIn,
  out: { send(item: ObserveItem): Promise<void>; progress(item: ObserveItem): void },
  signal: AbortSignal,
): Promise<Observation> {
  const params = ObserveParams.parse(input);
  const send = out.send;
  const observation = deps.admin
    ? await observeFromEngine(deps.connection, deps.admin, params.stream)
    : await observeBySampling(deps.connection, params, signal, out.progress);
  deps.observations.add(observation);
  for (const shard of observation.shards) {
    await send({ type: 'shard', shard: observedShard(shard, observation.windowSeconds, observation.sampledRecords.get(shard.shardId) ?? null) });
  }
  await send({ type: 'done', observationId: observation.id, source: observation.source, fromMs: observation.fromMs, toMs: observation.toMs, windowSeconds: observation.windowSeconds, notes: observation.notes });
  return observation;
}

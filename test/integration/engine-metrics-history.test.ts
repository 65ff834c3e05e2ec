// The engine's longer history and its events, through the admin API on a real engine with SQLite on disk and the
// real SDK: each minute equals the sum of its seconds (IteratorAgeMs: their maximum), the minutes outlive a
// restart, rows older than 24 hours go as minutes roll, and reshards and fault changes leave timestamped events.
// A virtual clock moves time; writes and reads go through the HTTP front as any client's would.
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  MergeShardsCommand,
  PutRecordsCommand,
  SplitShardCommand,
  UpdateShardCountCommand,
  UpdateStreamModeCommand,
  DescribeStreamSummaryCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { afterEach, describe, expect, it } from 'vitest';
import { METRICS } from '../../main/engine/kinesis/stats/streamStats';
import { startEngine, type RunningEngine } from '../../main/server/engine/startEngine';
import { HistoryStore } from '../../main/storage/historyStore';
import { admin } from '../support/engine-controls-kit';
import { sdkClient } from '../support/kinesis';
import { tempDir, type TempDir } from '../support/tempDir';

const T0 = Date.UTC(2026, 11, 2, 10, 0, 0);
const STREAM = 'history';
const MINUTE = 60_000;

let scratch: TempDir | undefined;
let running: RunningEngine | undefined;
let kinesis: KinesisClient | undefined;

afterEach(async () => {
  kinesis?.destroy();
  await running?.close();
  scratch?.remove();
  kinesis = undefined;
  running = undefined;
  scratch = undefined;
});

function virtualClock(at: number) {
  let now = at;
  return { now: () => now, set: (ms: number) => (now = ms) };
}

async function boot(dataDir: string, clock: () => number, createStreams: string[] = []): Promise<{ engine: RunningEngine; client: KinesisClient }> {
  running = await startEngine({ port: 0, dataDir, statusDelayMs: 0, clock, createStreams });
  kinesis = sdkClient(running.endpoint);
  return { engine: running, client: kinesis };
}

async function put(client: KinesisClient, count: number, prefix: string): Promise<void> {
  const out = await client.send(
    new PutRecordsCommand({ StreamName: STREAM, Records: Array.from({ length: count }, (_, i) => ({ PartitionKey: `${prefix}-${i}`, Data: new Uint8Array(10 + i) })) }),
  );
  expect(out.FailedRecordCount).toBe(0);
}

async function readAll(client: KinesisClient, shardId: string): Promise<void> {
  const { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamName: STREAM, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
  await client.send(new GetRecordsCommand({ ShardIterator }));
}

describe('per-minute metric history', () => {
  it('sums each minute from its seconds, keeps the minutes across a restart, and drops rows older than 24 hours', async () => {
    scratch = tempDir('metrics-history');
    const clock = virtualClock(T0 + 5_000);
    let { engine, client } = await boot(scratch.path, clock.now, [`${STREAM}:2`]);
    await put(client, 40, 'a');
    clock.set(T0 + 30_000);
    await put(client, 25, 'b');
    await readAll(client, 'shardId-000000000000');
    clock.set(T0 + 61_000);
    await put(client, 7, 'c');
    await readAll(client, 'shardId-000000000001');
    clock.set(T0 + 125_000);

    const seconds = await admin(engine).getStreamStats({ StreamName: STREAM }, { seconds: 125, topKeys: 0 });
    expect(seconds.StartTime).toBe(T0 + 1_000);
    const minutes = await admin(engine).getStreamMetrics({ StreamName: STREAM }, { startMs: T0, endMs: T0 + 2 * MINUTE });
    expect(minutes).toMatchObject({ ResolutionSeconds: 60, StartTime: T0, EndTime: T0 + 2 * MINUTE, Minutes: 2, HistoryEnabled: true });
    expect(minutes.Shards.map((s) => s.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001']);
    // The seconds series starts at T0 + 1 s; T0 itself saw nothing.
    const secondsOf = (values: number[], minute: number) => (minute === 0 ? values.slice(0, 59) : values.slice(59, 119));
    for (const shard of seconds.Shards) {
      const history = minutes.Shards.find((s) => s.ShardId === shard.ShardId);
      for (const name of METRICS) {
        const expected = [0, 1].map((minute) => {
          const values = secondsOf(shard.Series[name], minute);
          return name === 'IteratorAgeMs' ? Math.max(0, ...values) : values.reduce((a, b) => a + b, 0);
        });
        expect([name, history?.Series[name]]).toEqual([name, expected]);
      }
    }
    const incoming = minutes.Stream.Series.IncomingRecords;
    expect(incoming).toEqual([65, 7]);
    expect(minutes.Stream.Series.GetRecordsRecords.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

    // A restart: the rings start empty, the minutes are read back from SQLite.
    kinesis?.destroy();
    await engine.close();
    clock.set(T0 + 130_000);
    ({ engine, client } = await boot(scratch.path, clock.now));
    const after = await admin(engine).getStreamMetrics({ StreamName: STREAM }, { startMs: T0, endMs: T0 + 2 * MINUTE });
    expect(after.Stream.Series).toEqual(minutes.Stream.Series);
    expect(after.Shards).toEqual(minutes.Shards);
    const store = new HistoryStore(engine.kinesis.store.db);
    expect(store.minuteCount()).toBe(4);

    // A day later: the new minute is written and everything older than 24 hours is gone.
    clock.set(T0 + 25 * 60 * MINUTE + 1_000);
    await put(client, 3, 'd');
    clock.set(T0 + 25 * 60 * MINUTE + MINUTE + 1_000);
    const later = await admin(engine).getStreamMetrics({ StreamName: STREAM }, { startMs: T0 + 25 * 60 * MINUTE, endMs: T0 + 25 * 60 * MINUTE + MINUTE });
    expect(later.Stream.Series.IncomingRecords).toEqual([3]);
    expect(store.minuteCount()).toBe(new Set(later.Shards.filter((s) => s.Series.IncomingRecords[0] !== 0).map((s) => s.ShardId)).size);
    const old = await admin(engine).getStreamMetrics({ StreamName: STREAM }, { startMs: T0 + 2 * 60 * MINUTE, endMs: T0 + 25 * 60 * MINUTE });
    expect(old.Stream.Series.IncomingRecords.every((v) => v === 0)).toBe(true);
    await expect(admin(engine).getStreamMetrics({ StreamName: STREAM }, { startMs: T0, endMs: T0 + 25 * 60 * MINUTE })).rejects.toMatchObject({ code: 'InvalidArgumentException' });
  });

  it('writes nothing when the engine runs without the history', async () => {
    running = await startEngine({ port: 0, inMemory: true, statusDelayMs: 0, metricsHistory: false, createStreams: [`${STREAM}:1`] });
    kinesis = sdkClient(running.endpoint);
    await put(kinesis, 5, 'x');
    const view = await admin(running).getStreamMetrics({ StreamName: STREAM }, { endMs: Date.now() + 2 * MINUTE });
    expect(view.HistoryEnabled).toBe(false);
    expect(new HistoryStore(running.kinesis.store.db).minuteCount()).toBe(0);
  });
});

describe('engine events', () => {
  it('records splits, merges, UpdateShardCount, fault changes and capacity-mode switches when they take effect, and keeps them across a restart', async () => {
    scratch = tempDir('metrics-events');
    const clock = virtualClock(T0);
    let { engine, client } = await boot(scratch.path, clock.now, [`${STREAM}:2`]);
    const settle = () => client.send(new DescribeStreamSummaryCommand({ StreamName: STREAM }));
    clock.set(T0 + 1_000);
    await client.send(new SplitShardCommand({ StreamName: STREAM, ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1000' }));
    await settle();
    clock.set(T0 + 2_000);
    await admin(engine).setFaults([{ Action: 'PutRecords', ErrorRate: 0.5 }], { streamName: STREAM });
    clock.set(T0 + 3_000);
    await client.send(new MergeShardsCommand({ StreamName: STREAM, ShardToMerge: 'shardId-000000000002', AdjacentShardToMerge: 'shardId-000000000003' }));
    await settle();
    clock.set(T0 + 4_000);
    await client.send(new UpdateShardCountCommand({ StreamName: STREAM, TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' }));
    await settle();
    clock.set(T0 + 5_000);
    await admin(engine).setFaults([]);
    clock.set(T0 + 6_000);
    const arn = (await settle()).StreamDescriptionSummary?.StreamARN;
    await client.send(new UpdateStreamModeCommand({ StreamARN: arn, StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));

    const events = (await admin(engine).getStreamEvents({ StreamName: STREAM }, { startMs: T0 })).Events;
    expect(events.map((e) => [e.AtMs, e.Kind])).toEqual([
      [T0 + 1_000, 'split'],
      [T0 + 2_000, 'faults'],
      [T0 + 3_000, 'merge'],
      [T0 + 4_000, 'scale'],
      [T0 + 5_000, 'faults'],
      [T0 + 6_000, 'capacity-mode'],
    ]);
    expect(events[0]).toEqual({
      AtMs: T0 + 1_000,
      Kind: 'split',
      StreamName: STREAM,
      Label: 'SplitShard shardId-000000000000 → shardId-000000000002, shardId-000000000003; 2 → 3 open shards',
      ShardIds: ['shardId-000000000000', 'shardId-000000000002', 'shardId-000000000003'],
    });
    expect(events[1]).toMatchObject({ StreamName: STREAM, Label: 'Injected faults set: 1 rule' });
    expect(events[2]).toMatchObject({ Label: 'MergeShards shardId-000000000002 + shardId-000000000003 → shardId-000000000004; 3 → 2 open shards' });
    expect(events[3]?.Label).toBe('UpdateShardCount to 4; 2 → 4 open shards');
    // Engine-wide: no stream named, shown on every stream.
    expect(events[4]).toEqual({ AtMs: T0 + 5_000, Kind: 'faults', Label: 'Injected faults cleared', ShardIds: [] });
    expect(events[5]).toMatchObject({ StreamName: STREAM, Label: 'Capacity mode PROVISIONED → ON_DEMAND' });

    kinesis?.destroy();
    await engine.close();
    ({ engine, client } = await boot(scratch.path, clock.now));
    expect((await admin(engine).getStreamEvents({ StreamName: STREAM }, { startMs: T0 })).Events).toEqual(events);
  });
});

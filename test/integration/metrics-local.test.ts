// The Metrics screen's backend as the app serves it: the app dispatcher over the memory transport, a
// ConnectionManager on a real engine, load written with the real SDK. Proves: metrics.query on the local engine
// returns per-shard series that count exactly what was written, the capacity lines and the hot key's share;
// ranges past the hour come per minute; metrics.annotations shows a split; metrics.setShardLevel switches enhanced
// monitoring; and on a custom endpoint that serves no CloudWatch (kinesalite) the answer says so in its notes
// instead of failing.
import { CreateStreamCommand, PutRecordsCommand, SplitShardCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsView } from '../../shared/contract/metrics';
import { LOCAL_ID } from '../../main/connections/connectionModel';
import { startPeer, type RunningPeer } from '../support/peers';
import { startAppKit, type AppKit } from '../support/app-kit';
import { kinesisClient, waitForStatus } from '../support/kinesis';
import { sleep } from '../support/sleep';

let kit: AppKit;
let manager: AppKit['manager'];
let client: AppKit['client'];
let kinesis: AppKit['kinesis'];

beforeAll(async () => {
  kit = await startAppKit('metrics-local');
  ({ manager, client, kinesis } = kit);
});

afterAll(() => kit?.close());

const MIB = 1024 * 1024;
const total = (view: MetricsView, metric: string, shardId?: string) =>
  view.series
    .filter((s) => s.metric === metric && (shardId === undefined ? s.scope.kind === 'stream' : s.scope.kind === 'shard' && s.scope.shardId === shardId))
    .flatMap((s) => s.values)
    .reduce((a, b) => a + b, 0);

describe('metrics on the local engine', () => {
  it('metrics.query returns per-shard series of a stream under load, the capacity lines and the hot key with its share', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'load', ShardCount: 2 }));
    await waitForStatus(kinesis, 'load');
    const from = Date.now() - 1000;
    let written = 0;
    for (let round = 0; round < 5; round++) {
      const records = Array.from({ length: 50 }, (_, i) => ({ PartitionKey: i < 40 ? 'hot' : `cold-${round}-${i}`, Data: new Uint8Array(100) }));
      const out = await kinesis.send(new PutRecordsCommand({ StreamName: 'load', Records: records }));
      written += records.length - (out.FailedRecordCount ?? 0);
      await sleep(200);
    }
    await sleep(1100); // the last second is complete
    const view = await client.call('metrics.query', { stream: 'load', fromMs: from, toMs: Date.now(), metrics: ['incomingRecords', 'incomingBytes', 'putRecordsLatencyMs'], shards: true });
    expect(view.source).toBe('engine');
    expect(view.periodSeconds).toBe(1);
    const shardIds = ['shardId-000000000000', 'shardId-000000000001'];
    expect(view.series.filter((s) => s.metric === 'incomingRecords').map((s) => (s.scope.kind === 'shard' ? s.scope.shardId : 'stream'))).toEqual(['stream', ...shardIds]);
    expect(total(view, 'incomingRecords')).toBe(written);
    expect(total(view, 'incomingRecords', shardIds[0]) + total(view, 'incomingRecords', shardIds[1])).toBe(written);
    expect(view.series.find((s) => s.metric === 'incomingBytes')?.unit).toBe('bytes/s');
    expect(view.notes.some((n) => n.includes('does not measure putRecordsLatencyMs'))).toBe(true);
    expect(view.capacity).toMatchObject({
      mode: 'PROVISIONED',
      openShards: 2,
      perShard: { incomingBytesPerSecond: MIB, incomingRecordsPerSecond: 1000, outgoingBytesPerSecond: 2 * MIB },
      stream: { incomingBytesPerSecond: 2 * MIB, incomingRecordsPerSecond: 2000, outgoingBytesPerSecond: 4 * MIB },
    });
    const hot = view.topKeys.find((s) => s.keys[0]?.partitionKey === 'hot');
    expect(hot?.keys[0]?.records).toBe(200);
    expect(hot?.keys[0]?.share).toBeCloseTo(200 / (hot?.records ?? 1), 6);
    expect(hot?.keys[0]?.share).toBeGreaterThan(0.5);

    // Only the shards asked for.
    const one = await client.call('metrics.query', { stream: 'load', fromMs: from, toMs: Date.now(), metrics: ['incomingRecords'], shards: true, shardIds: [shardIds[1] as string] });
    expect(one.series.map((s) => (s.scope.kind === 'shard' ? s.scope.shardId : s.scope.kind))).toEqual(['stream', shardIds[1]]);
    expect(total(one, 'incomingRecords', shardIds[1])).toBe(total(view, 'incomingRecords', shardIds[1]));

    // A recent range asked no finer than a minute comes per minute too (a live view appending minutes).
    const minutes = await client.call('metrics.query', { stream: 'load', fromMs: Date.now() - 5 * 60_000, toMs: Date.now(), metrics: ['incomingRecords'], minPeriodSeconds: 60 });
    expect(minutes.periodSeconds).toBe(60);

    // Past the hour the same query comes per minute from the history (the minute in progress left out).
    const older = await client.call('metrics.query', { stream: 'load', fromMs: Date.now() - 2 * 3_600_000, toMs: Date.now(), metrics: ['incomingRecords'] });
    expect(older.periodSeconds).toBe(60);
    expect(older.series[0]?.timestamps.length).toBeGreaterThanOrEqual(119);
    expect(older.series[0]?.timestamps.every((t) => t % 60_000 === 0)).toBe(true);
  });

  it('metrics.annotations shows a split when it took effect, and metrics.setShardLevel switches enhanced monitoring', async () => {
    const before = Date.now();
    await kinesis.send(new SplitShardCommand({ StreamName: 'load', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1000' }));
    await waitForStatus(kinesis, 'load');
    const { annotations, notes } = await client.call('metrics.annotations', { stream: 'load', fromMs: before - 1000, toMs: Date.now() + 1000 });
    expect(notes).toEqual([]);
    expect(annotations.map((a) => [a.kind, a.shardIds])).toEqual([['split', ['shardId-000000000000', 'shardId-000000000002', 'shardId-000000000003']]]);
    expect(annotations[0]?.atMs).toBeGreaterThanOrEqual(before);

    expect(await client.call('metrics.setShardLevel', { stream: 'load', metrics: ['IncomingBytes', 'IteratorAgeMilliseconds'], enabled: true })).toEqual({ shardLevelMetrics: ['IncomingBytes', 'IteratorAgeMilliseconds'] });
    expect(await client.call('metrics.setShardLevel', { stream: 'load', metrics: ['IncomingBytes'], enabled: false })).toEqual({ shardLevelMetrics: ['IteratorAgeMilliseconds'] });
  });

  it("an on-demand stream's capacity line is the engine's current on-demand capacity", async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'elastic', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    await waitForStatus(kinesis, 'elastic');
    const view = await client.call('metrics.query', { stream: 'elastic', fromMs: Date.now() - 60_000, toMs: Date.now(), metrics: ['incomingBytes'] });
    expect(view.capacity).toMatchObject({
      mode: 'ON_DEMAND',
      openShards: 4,
      perShard: { incomingBytesPerSecond: MIB, incomingRecordsPerSecond: 1000, outgoingBytesPerSecond: 2 * MIB },
      stream: { incomingBytesPerSecond: 4 * MIB, incomingRecordsPerSecond: 4000, outgoingBytesPerSecond: 8 * MIB },
    });
    expect(view.capacity.source).toMatch(/^The engine's current on-demand write capacity/);
    expect(view.notes).toContain('Nothing was written to or read from this stream in this range.');
  });

  it('refuses an unknown stream with the engine error code', async () => {
    await expect(client.call('metrics.query', { stream: 'nope', fromMs: Date.now() - 60_000, toMs: Date.now(), metrics: ['incomingRecords'] })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });
});

describe('metrics on a custom endpoint without CloudWatch', () => {
  let kinesalite: RunningPeer;

  beforeAll(async () => {
    kinesalite = await startPeer('kinesalite');
  }, 60_000);
  afterAll(async () => {
    await manager.switchTo(LOCAL_ID);
    await kinesalite?.stop();
  });

  it('chooses CloudWatch for the connection and says in the notes that the endpoint does not serve it', async () => {
    const peer = kinesisClient(kinesalite.endpoint);
    try {
      await peer.send(new CreateStreamCommand({ StreamName: 'remote', ShardCount: 1 }));
      await waitForStatus(peer, 'remote');
    } finally {
      peer.destroy();
    }
    const custom = manager.addCustom({ name: 'kinesalite', endpoint: kinesalite.endpoint, region: 'us-east-1', credentials: { type: 'none' } });
    await manager.switchTo(custom.id);
    const view = await client.call('metrics.query', { stream: 'remote', fromMs: Date.now() - 3_600_000, toMs: Date.now(), metrics: ['incomingBytes'], shards: true });
    expect(view.source).toBe('cloudwatch');
    expect(view.series).toEqual([]);
    expect(view.notes[0]).toMatch(new RegExp(`^This custom endpoint \\(${kinesalite.endpoint.replace(/[.]/g, '\\.')}\\) does not serve CloudWatch GetMetricData`));
    expect(view.capacity).toMatchObject({ mode: 'PROVISIONED', openShards: 1 });
    expect(view.topKeys).toEqual([]);
    const { annotations, notes } = await client.call('metrics.annotations', { stream: 'remote', fromMs: 0, toMs: Date.now() });
    expect(annotations).toEqual([]);
    expect(notes[0]).toMatch(/CloudWatch keeps no record of reshards/);
  });
});

// The Metrics screen's series helpers: live increments appended and trimmed, rows joined on time, per-shard
// utilisation against AWS's per-shard capacity, the hottest shard, and why a range is empty.
import { describe, expect, it } from 'vitest';
import type { MetricSeries, MetricsView } from '../../shared/contract/metrics';
import { appendIncrement, emptyWhy, hottestShard, shardLoads, toRows } from '../../renderer/features/metrics/metricsSeries';

const MIB = 1024 * 1024;
const per = { incomingBytesPerSecond: MIB, incomingRecordsPerSecond: 1000, outgoingBytesPerSecond: 2 * MIB };

function series(metric: MetricSeries['metric'], shardId: string | null, timestamps: number[], values: number[]): MetricSeries {
  return { metric, scope: shardId ? { kind: 'shard', shardId } : { kind: 'stream' }, unit: metric.endsWith('Bytes') ? 'bytes/s' : 'records/s', timestamps, values };
}

function view(list: MetricSeries[], fromMs = 0, toMs = 3000): MetricsView {
  return {
    source: 'engine',
    periodSeconds: 1,
    fromMs,
    toMs,
    series: list,
    shardLevelMetrics: ['ALL'],
    notes: ['kept note'],
    nextPollMs: toMs + 1000,
    capacity: { mode: 'PROVISIONED', openShards: 2, perShard: per, stream: { incomingBytesPerSecond: 2 * MIB, incomingRecordsPerSecond: 2000, outgoingBytesPerSecond: 4 * MIB }, source: 'quotas' },
    topKeys: [],
  };
}

describe('metrics series', () => {
  it('appends an increment without repeating periods and drops what left the window', () => {
    const before = view([series('incomingRecords', null, [0, 1000, 2000], [1, 2, 3])]);
    const next = view([series('incomingRecords', null, [2000, 3000], [3, 4]), series('incomingRecords', 'shardId-000000000002', [3000], [4])], 2000, 4000);
    const merged = appendIncrement(before, next, 1000);
    expect(merged.series[0]).toMatchObject({ timestamps: [1000, 2000, 3000], values: [2, 3, 4] });
    expect(merged.series[1]).toMatchObject({ timestamps: [3000], values: [4] });
    expect(merged.notes).toEqual(['kept note']);
    expect(merged.toMs).toBe(4000);
  });

  it('joins series on time with gaps as null', () => {
    const rows = toRows([
      { key: 'a', series: series('incomingRecords', null, [0, 1000], [1, 2]) },
      { key: 'b', series: series('outgoingRecords', null, [1000, 2000], [5, 6]) },
    ]);
    expect(rows).toEqual([
      { t: 0, a: 1, b: null },
      { t: 1000, a: 2, b: 5 },
      { t: 2000, a: null, b: 6 },
    ]);
  });

  it('measures each shard against 1 MiB/s and 1,000 records/s, whichever runs out first, and names the hottest', () => {
    const v = view([
      series('incomingBytes', 'shardId-000000000000', [0, 1000], [MIB / 10, MIB / 2]),
      series('incomingRecords', 'shardId-000000000000', [0, 1000], [800, 100]),
      series('incomingBytes', 'shardId-000000000001', [0, 1000], [0, MIB * 1.5]),
      series('incomingRecords', 'shardId-000000000001', [0, 1000], [0, 10]),
    ]);
    const { loads, relative } = shardLoads(v, 'write');
    expect(relative).toBe(false);
    expect([...(loads[0]?.utilisation ?? [])]).toEqual([0.8, 0.5]);
    expect(loads[1]?.now).toBe(1.5);
    expect(hottestShard(loads)?.shardId).toBe('shardId-000000000001');
    expect(shardLoads(v, 'read').loads.every((l) => l.peak === 0)).toBe(true);
  });

  it('says a range is empty, and that the stream is newer than the range', () => {
    const quiet = view([series('incomingRecords', null, [0, 1000], [0, 0])]);
    expect(emptyWhy(quiet, 500).reasons[0]).toMatch(/created .* after the start of this range/);
    expect(emptyWhy(view([series('incomingRecords', null, [0], [3])]), null)).toEqual({ empty: false, reasons: [] });
  });
});

describe('shard loads over time', () => {
  it('puts a shard that starts later on the same time grid as the others', () => {
    const v = view([series('incomingBytes', 'shardId-000000000000', [0, 1000, 2000], [0, 0, MIB]), series('incomingBytes', 'shardId-000000000003', [2000], [MIB / 2])]);
    const { timestamps, loads } = shardLoads(v, 'write');
    expect(timestamps).toEqual([0, 1000, 2000]);
    expect([...(loads[1]?.utilisation ?? [])]).toEqual([0, 0, 0.5]);
  });
});

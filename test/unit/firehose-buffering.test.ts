// The buffer state machine on a virtual timeline: size or interval, whichever first; zero buffering; manual flush;
// the oldest arrival; one buffer per partition key; and the defaults per destination.
import { describe, expect, it } from 'vitest';
import { BufferSet, type Buffered, type Flush } from '../../main/engine/firehose/delivery/buffering/bufferSet';
import { checkHints, DEFAULT_HINTS, destinationHints } from '../../main/engine/firehose/delivery/buffering/hints';
import { VirtualTimeline } from '../../main/engine/firehose/delivery/timeline';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

interface Item extends Buffered {
  bytes: number;
}

function setup(sizeBytes: number, intervalMs: number) {
  const timeline = new VirtualTimeline(T0);
  const flushes: Flush<Item>[] = [];
  const set = new BufferSet<Item>({ sizeBytes, intervalMs }, timeline, (f) => flushes.push(f), (item) => item.bytes);
  return { timeline, flushes, set };
}

describe('buffering', () => {
  it('flushes on size as soon as the bytes reach the hint', () => {
    const { set, flushes } = setup(1000, 300_000);
    for (let i = 0; i < 9; i++) set.add('', { bytes: 100, arrivalMs: T0 });
    expect(flushes).toHaveLength(0);
    set.add('', { bytes: 100, arrivalMs: T0 });
    expect(flushes).toHaveLength(1);
    expect(flushes[0]).toMatchObject({ reason: 'size', bytes: 1000, flushedAtMs: T0 });
    expect(flushes[0]?.items).toHaveLength(10);
    expect(set.views()).toEqual([]);
  });

  it('flushes on time, measured from when the buffer opened, and reports when it was due', () => {
    const { set, flushes, timeline } = setup(1_000_000, 60_000);
    timeline.advanceBy(5_000);
    set.add('', { bytes: 10, arrivalMs: T0 + 5_000 });
    timeline.advanceBy(30_000);
    set.add('', { bytes: 10, arrivalMs: T0 + 35_000 });
    expect(set.views()[0]).toMatchObject({ records: 2, bytes: 20, openedAtMs: T0 + 5_000, dueAtMs: T0 + 65_000, oldestArrivalMs: T0 + 5_000 });
    timeline.advanceTo(T0 + 64_999);
    expect(flushes).toHaveLength(0);
    timeline.advanceTo(T0 + 65_000);
    expect(flushes).toHaveLength(1);
    expect(flushes[0]).toMatchObject({ reason: 'interval', flushedAtMs: T0 + 65_000, dueAtMs: T0 + 65_000, oldestArrivalMs: T0 + 5_000 });
  });

  it('takes the object time from the oldest arrival, not the first one added', () => {
    const { set, flushes } = setup(1_000_000, 60_000);
    set.add('', { bytes: 1, arrivalMs: T0 - 1_000 });
    set.add('', { bytes: 1, arrivalMs: T0 - 9_000 });
    set.flushAll('manual');
    expect(flushes[0]).toMatchObject({ reason: 'manual', oldestArrivalMs: T0 - 9_000 });
  });

  it('keeps one buffer per partition key, each with its own clock', () => {
    const { set, flushes, timeline } = setup(1_000_000, 10_000);
    set.add('a', { bytes: 1, arrivalMs: T0 });
    timeline.advanceBy(4_000);
    set.add('b', { bytes: 1, arrivalMs: T0 + 4_000 });
    timeline.advanceTo(T0 + 10_000);
    expect(flushes.map((f) => f.key)).toEqual(['a']);
    timeline.advanceTo(T0 + 14_000);
    expect(flushes.map((f) => [f.key, f.reason, f.flushedAtMs])).toEqual([['a', 'interval', T0 + 10_000], ['b', 'interval', T0 + 14_000]]);
  });

  it('with a zero interval, flushes at the end of each batch', () => {
    const { set, flushes, timeline } = setup(1_000_000, 0);
    set.add('', { bytes: 1, arrivalMs: T0 });
    set.add('', { bytes: 1, arrivalMs: T0 });
    expect(flushes).toHaveLength(0);
    set.endBatch();
    expect(flushes).toHaveLength(1);
    expect(flushes[0]).toMatchObject({ reason: 'zero-buffering', items: [{ bytes: 1 }, { bytes: 1 }] });
    expect(timeline.nextDue()).toBeUndefined();
  });

  it('cancels the time flush of a buffer that flushed on size', () => {
    const { set, flushes, timeline } = setup(10, 60_000);
    set.add('', { bytes: 10, arrivalMs: T0 });
    expect(timeline.nextDue()).toBeUndefined();
    timeline.advanceBy(120_000);
    expect(flushes.map((f) => f.reason)).toEqual(['size']);
  });

  it('has the model’s defaults per destination', () => {
    expect(DEFAULT_HINTS.ExtendedS3).toEqual({ SizeInMBs: 5, IntervalInSeconds: 300 });
    expect(DEFAULT_HINTS.Splunk).toEqual({ SizeInMBs: 5, IntervalInSeconds: 60 });
    expect(DEFAULT_HINTS.HttpEndpoint).toEqual({ SizeInMBs: 5, IntervalInSeconds: 300 });
    const s3 = { RoleARN: 'arn:aws:iam::123456789012:role/r', BucketARN: 'arn:aws:s3:::b' };
    expect(destinationHints({ kind: 'ExtendedS3', config: s3 })).toEqual({ sizeBytes: 5 * 1024 * 1024, intervalMs: 300_000 });
    expect(destinationHints({ kind: 'ExtendedS3', config: { ...s3, BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 0 } } })).toEqual({ sizeBytes: 64 * 1024 * 1024, intervalMs: 0 });
    expect(destinationHints({ kind: 'Redshift', config: { RoleARN: 'r', ClusterJDBCURL: 'j', CopyCommand: { DataTableName: 't' }, S3Configuration: { ...s3, BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } } } })).toEqual({ sizeBytes: 1024 * 1024, intervalMs: 60_000 });
  });

  it('checks the documented rules on hints', () => {
    expect(checkHints({ SizeInMBs: 5 }, {})).toMatch(/must specify both/);
    expect(checkHints({ SizeInMBs: 64, IntervalInSeconds: 0 }, { dynamicPartitioning: true })).toMatch(/dynamic partitioning/);
    expect(checkHints({ SizeInMBs: 5, IntervalInSeconds: 0 }, { backup: true })).toMatch(/S3 backup/);
    expect(checkHints({ SizeInMBs: 5, IntervalInSeconds: 0 }, {})).toBeUndefined();
  });
});

// The local engine's Firehose history, end to end: records put through @aws-sdk/client-firehose and delivered by
// the local-only flush show up, per second, in LocalGetDeliveryMetrics as the Metrics screen's service reads it
// (incoming and delivered records and bytes, data freshness while they waited), and ranges beyond the kept hour say so.
import { CreateDeliveryStreamCommand, FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirehoseMetricsQuery, type FirehoseMetricSeries } from '../../shared/contract/metrics';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { localFirehoseCall } from '../../main/services/firehose/localFirehose';
import { LOCAL_GET_METRICS, localFirehoseMetrics, type LocalDeliveryMetrics } from '../../main/services/metrics/firehoseLocalMetrics';
import { raw, start } from '../support/engine-kit';
import { dummyCredentials } from '../support/kinesis';
import { sleep } from '../support/sleep';
import { tempDir } from '../support/firehose';

const ROLE = 'arn:aws:iam::000000000000:role/firehose';
const HOUR_MS = 3_600_000;

let engine: RunningEngine;
let fh: FirehoseClient;
let dir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  dir = await tempDir('fh-metrics');
  engine = await start({ dataDir: dir.path });
  fh = new FirehoseClient({ endpoint: engine.endpoint, region: 'us-east-1', credentials: dummyCredentials, maxAttempts: 1 });
});
afterAll(async () => {
  fh?.destroy();
  await engine?.close();
  await dir?.remove();
});

const read = (fromMs: number, toMs: number, now = Date.now(), region = 'us-east-1') =>
  localFirehoseMetrics((input) => localFirehoseCall<LocalDeliveryMetrics>({ endpoint: engine.endpoint, region }, LOCAL_GET_METRICS, input), FirehoseMetricsQuery.parse({ deliveryStream: 'clicks', fromMs, toMs }), now);
const total = (s: FirehoseMetricSeries | undefined) => (s?.values ?? []).reduce((a, v) => a + v, 0);

describe('Firehose metrics history of the local engine', () => {
  it('counts records and bytes in and delivered per second, and how long they waited', async () => {
    const started = Date.now();
    await fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'clicks', ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::lake' } }));
    await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'clicks', Records: [{ Data: Buffer.from('abcd') }, { Data: Buffer.from('efgh') }, { Data: Buffer.from('ij') }] }));
    // Buffered (S3's default 300 s): the sampler sees the records waiting for at least a second.
    await sleep(2200);
    const flushed = await raw(engine, 'Firehose_20150804.LocalFlushDeliveryStream', JSON.stringify({ DeliveryStreamName: 'clicks' }));
    expect(flushed.status, flushed.text).toBe(200);
    // Two seconds on: the last complete second was sampled after the flush, when nothing waited.
    await sleep(2100);
    const view = await read(started - 1000, Date.now());
    expect(view.source).toBe('engine');
    expect(view.periodSeconds).toBe(1);
    const of = (metric: string, destination: string | null = null) => view.series.find((s) => s.metric === metric && s.destination === destination);
    expect(total(of('incomingRecords'))).toBe(3);
    expect(total(of('incomingBytes'))).toBe(10);
    expect(total(of('deliveredRecords', 'S3'))).toBe(3);
    expect(total(of('deliveredBytes', 'S3'))).toBe(10);
    expect(total(of('failedRecords'))).toBe(0);
    // Waiting since the put: the oldest record's age reached past a second before the flush, then nothing waits.
    const freshness = of('dataFreshnessMs');
    expect(Math.max(...(freshness?.values ?? [0]))).toBeGreaterThanOrEqual(1000);
    expect(freshness?.values.at(-1)).toBe(0);
    // One timestamp per second, in order, ending at the last complete second.
    const times = of('incomingRecords')?.timestamps ?? [];
    expect(times.every((t, i) => i === 0 || t - (times[i - 1] as number) === 1000)).toBe(true);
    expect(view.toMs).toBeLessThanOrEqual(Date.now());
    // The range starts before the stream existed: the history's start is named.
    expect(view.notes).toEqual([expect.stringMatching(/^The engine’s Firehose history starts at \d{2}:\d{2}:\d{2} UTC/)]);
  });

  it('keeps a separate history for a delivery stream of the same name in another region', async () => {
    const started = Date.now();
    const west = new FirehoseClient({ endpoint: engine.endpoint, region: 'eu-west-1', credentials: dummyCredentials, maxAttempts: 1 });
    try {
      await west.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'clicks', ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::lake-west' } }));
      await west.send(new PutRecordBatchCommand({ DeliveryStreamName: 'clicks', Records: [{ Data: Buffer.from('west') }] }));
      await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'clicks', Records: [{ Data: Buffer.from('e1') }, { Data: Buffer.from('e2') }] }));
      await sleep(2100);
      const incoming = async (region: string) => total((await read(started - 1000, Date.now(), Date.now(), region)).series.find((x) => x.metric === 'incomingRecords'));
      expect(await incoming('eu-west-1')).toBe(1);
      expect(await incoming('us-east-1')).toBe(2);
    } finally {
      west.destroy();
    }
  });

  it('cuts a range longer than the kept hour and says so; an older range shows nothing and why', async () => {
    const now = Date.now();
    const longer = await read(now - 3 * HOUR_MS, now, now);
    expect(longer.fromMs).toBeGreaterThanOrEqual(now - HOUR_MS - 1000);
    expect(longer.notes.join(' ')).toMatch(/last hour only.*shown from an hour ago/);
    const older = await read(now - 5 * HOUR_MS, now - 2 * HOUR_MS, now);
    expect(older.series).toEqual([]);
    expect(older.notes.join(' ')).toMatch(/last hour only.*this range is older/);
  });

  it('answers AWS’s ResourceNotFoundException for an unknown delivery stream', async () => {
    const response = await raw(engine, `Firehose_20150804.${LOCAL_GET_METRICS}`, JSON.stringify({ DeliveryStreamName: 'nope', StartTime: 0, EndTime: 1, PeriodSeconds: 1 }));
    expect(response.status).toBe(400);
    expect(response.text).toContain('ResourceNotFoundException');
  });
});

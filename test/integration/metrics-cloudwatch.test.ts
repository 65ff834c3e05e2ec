// The CloudWatch path of the Metrics screen. No peer emulator serves CloudWatch here, so a local HTTP server
// answers the real SDK client with recorded GetMetricData responses whose shapes come from the CloudWatch service
// model (AWS JSON 1.0: MetricDataResults[{Id, Label, Timestamps in epoch seconds, Values, StatusCode}], NextToken).
// What is tested is ours: the queries we build, paging, periods, and how answers become series, for Kinesis
// streams (AWS/Kinesis) and delivery streams (AWS/Firehose, whose metric names also come from the service's
// documentation); and (with a real engine answering the Kinesis side) that a query for chosen shards names only those.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CreateStreamCommand, EnableEnhancedMonitoringCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FirehoseMetricsQuery, MetricsQuery, type MetricsQueryIn } from '../../shared/contract/metrics';
import { cloudWatchMetrics } from '../../main/services/metrics/cloudWatchMetrics';
import { queryMetrics } from '../../main/services/metrics/metricsService';
import { startEngine, type RunningEngine } from '../../main/server/engine/startEngine';
import { sdkClient, waitForStatus } from '../support/kinesis';
import { cloudWatchFirehoseMetrics } from '../../main/services/metrics/firehoseCloudWatch';

interface Query {
  Id: string;
  MetricStat: { Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] }; Period: number; Stat: string };
}
interface Request {
  target: string;
  body: { MetricDataQueries: Query[]; StartTime: number; EndTime: number; ScanBy: string; NextToken?: string };
}

const NOW = Date.UTC(2026, 11, 2, 12, 0, 30);
let server: http.Server;
let client: CloudWatchClient;
let requests: Request[] = [];
/** Answers a request; the default gives every query no data. */
let answer: (request: Request) => unknown = (request) => ({ MetricDataResults: request.body.MetricDataQueries.map((q) => ({ Id: q.Id, Timestamps: [], Values: [], StatusCode: 'Complete' })), Messages: [] });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const request: Request = { target: String(req.headers['x-amz-target']), body: JSON.parse(text) as Request['body'] };
      requests.push(request);
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(answer(request)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new CloudWatchClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client?.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  requests = [];
});

const query = (q: MetricsQueryIn) => MetricsQuery.parse(q);
const epochSeconds = (ms: number) => ms / 1000;

describe('CloudWatch metrics', () => {
  it('asks AWS/Kinesis for stream-level sums per minute and shows them as rates, with quiet minutes at zero', async () => {
    const from = NOW - 15 * 60_000;
    const minute = Math.floor(from / 60_000) * 60_000;
    answer = (request) => ({
      MetricDataResults: [
        { Id: request.body.MetricDataQueries[0]?.Id, Label: 'IncomingBytes', Timestamps: [epochSeconds(minute + 60_000), epochSeconds(minute + 180_000)], Values: [6000, 120], StatusCode: 'Complete' },
        { Id: request.body.MetricDataQueries[1]?.Id, Label: 'GetRecords.IteratorAgeMilliseconds', Timestamps: [epochSeconds(minute + 120_000)], Values: [2500], StatusCode: 'Complete' },
      ],
      Messages: [],
    });
    const result = await cloudWatchMetrics(client, query({ stream: 'orders', fromMs: from, toMs: NOW, metrics: ['incomingBytes', 'iteratorAgeMs'] }), { shardIds: [], shardLevelMetrics: [] }, NOW);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.target).toBe('GraniteServiceVersion20100801.GetMetricData');
    expect(requests[0]?.body.ScanBy).toBe('TimestampAscending');
    expect(requests[0]?.body.MetricDataQueries.map((q) => [q.MetricStat.Metric.Namespace, q.MetricStat.Metric.MetricName, q.MetricStat.Stat, q.MetricStat.Period, q.MetricStat.Metric.Dimensions])).toEqual([
      ['AWS/Kinesis', 'IncomingBytes', 'Sum', 60, [{ Name: 'StreamName', Value: 'orders' }]],
      ['AWS/Kinesis', 'GetRecords.IteratorAgeMilliseconds', 'Maximum', 60, [{ Name: 'StreamName', Value: 'orders' }]],
    ]);
    expect(result.periodSeconds).toBe(60);
    const bytes = result.series.find((s) => s.metric === 'incomingBytes');
    expect(bytes?.unit).toBe('bytes/s');
    expect(bytes?.timestamps).toHaveLength(16);
    expect(bytes?.values.filter((v) => v !== 0)).toEqual([100, 2]);
    expect(bytes?.values[bytes.timestamps.indexOf(minute + 60_000)]).toBe(100);
    const age = result.series.find((s) => s.metric === 'iteratorAgeMs');
    expect(age).toMatchObject({ unit: 'ms', timestamps: [minute + 120_000], values: [2500] });
    // Asked again only after the next minute has ended and CloudWatch has had time to publish it.
    expect(result.nextPollMs).toBe(Math.ceil(NOW / 60_000) * 60_000 + 90_000);
  });

  it('asks for a coarser period when the query sets a minimum (rounded up to whole minutes)', async () => {
    answer = () => ({ MetricDataResults: [], Messages: [] });
    const result = await cloudWatchMetrics(client, query({ stream: 'orders', fromMs: NOW - 30 * 60_000, toMs: NOW, metrics: ['incomingRecords'], minPeriodSeconds: 250 }), { shardIds: [], shardLevelMetrics: [] }, NOW);
    expect(requests[0]?.body.MetricDataQueries[0]?.MetricStat.Period).toBe(300);
    expect(result.periodSeconds).toBe(300);
  });

  it('follows NextToken and joins the pages', async () => {
    const from = NOW - 10 * 60_000;
    // The range is widened to whole periods: the first one starts at the minute `from` falls in.
    const minute = Math.floor(from / 60_000) * 60_000;
    answer = (request) =>
      request.body.NextToken
        ? { MetricDataResults: [{ Id: 'q0', Timestamps: [epochSeconds(minute + 60_000)], Values: [120], StatusCode: 'Complete' }] }
        : { MetricDataResults: [{ Id: 'q0', Timestamps: [epochSeconds(minute)], Values: [60], StatusCode: 'PartialData' }], NextToken: 'page-2' };
    const result = await cloudWatchMetrics(client, query({ stream: 'orders', fromMs: from, toMs: NOW, metrics: ['incomingRecords'] }), { shardIds: [], shardLevelMetrics: [] }, NOW);
    expect(requests.map((r) => r.body.NextToken)).toEqual([undefined, 'page-2']);
    expect(result.series[0]?.values.slice(0, 2)).toEqual([1, 2]);
  });

  it('asks shard-level series only for the metrics enhanced monitoring has on, and says what is off and that it costs money', async () => {
    answer = (request) => ({ MetricDataResults: request.body.MetricDataQueries.map((q) => ({ Id: q.Id, Timestamps: [], Values: [] })) });
    const shardIds = ['shardId-000000000000', 'shardId-000000000001'];
    const result = await cloudWatchMetrics(
      client,
      query({ stream: 'orders', fromMs: NOW - 3_600_000, toMs: NOW, metrics: ['incomingBytes', 'outgoingBytes'], shards: true }),
      { shardIds, shardLevelMetrics: ['IncomingBytes'] },
      NOW,
    );
    const names = requests[0]?.body.MetricDataQueries.map((q) => `${q.MetricStat.Metric.MetricName}:${q.MetricStat.Metric.Dimensions.map((d) => d.Value).join('/')}`);
    expect(names).toEqual(['IncomingBytes:orders', 'IncomingBytes:orders/shardId-000000000000', 'IncomingBytes:orders/shardId-000000000001', 'GetRecords.Bytes:orders']);
    expect(result.notes[0]).toMatch(/^Shard-level OutgoingBytes need enhanced monitoring, which is off for this stream\. Turning it on costs money/);
    expect(result.notes).toContain('CloudWatch has no Kinesis data for this stream in this range: nothing was written or read, or the stream is newer than the range.');
  });

  it('splits more than 500 queries into several calls', async () => {
    const shardIds = Array.from({ length: 300 }, (_, i) => `shardId-${String(i).padStart(12, '0')}`);
    await cloudWatchMetrics(client, query({ stream: 'orders', fromMs: NOW - 3_600_000, toMs: NOW, metrics: ['incomingBytes', 'incomingRecords'], shards: true }), { shardIds, shardLevelMetrics: ['ALL'] }, NOW);
    expect(requests.map((r) => r.body.MetricDataQueries.length)).toEqual([500, 102]);
    const ids = requests.flatMap((r) => r.body.MetricDataQueries.map((q) => q.Id));
    expect(new Set(ids).size).toBe(602);
    expect(ids.every((id) => /^[a-z][a-zA-Z0-9_]*$/.test(id))).toBe(true);
  });

  it('uses coarser periods where CloudWatch no longer keeps 1-minute data, and says so', async () => {
    const result = await cloudWatchMetrics(client, query({ stream: 'orders', fromMs: NOW - 20 * 86_400_000, toMs: NOW - 19 * 86_400_000, metrics: ['incomingBytes'] }), { shardIds: [], shardLevelMetrics: [] }, NOW);
    expect(result.periodSeconds).toBe(300);
    expect(requests[0]?.body.MetricDataQueries[0]?.MetricStat.Period).toBe(300);
    expect(result.notes[0]).toBe('CloudWatch keeps 1-minute data for 15 days and 5-minute data for 63 days: this range is shown at 5-minute resolution.');
  });
});

describe('CloudWatch metrics for chosen shards', () => {
  let engine: RunningEngine;
  let kinesis: KinesisClient;
  const shard = (n: number) => `shardId-${String(n).padStart(12, '0')}`;
  beforeAll(async () => {
    // The Kinesis side (open shards, enhanced monitoring) from a real engine; CloudWatch from the recorded server.
    engine = await startEngine({ port: 0, inMemory: true, statusDelayMs: 0 });
    kinesis = sdkClient(engine.endpoint);
    await kinesis.send(new CreateStreamCommand({ StreamName: 'orders', ShardCount: 4 }));
    await waitForStatus(kinesis, 'orders');
    await kinesis.send(new EnableEnhancedMonitoringCommand({ StreamName: 'orders', ShardLevelMetrics: ['IncomingBytes'] }));
  });
  afterAll(async () => {
    kinesis?.destroy();
    await engine?.close();
  });

  /** An AWS profile's source: Kinesis answers from the engine, CloudWatch from the recorded server. */
  const awsSource = () => ({ kind: 'cloudwatch' as const, kinesis, cloudWatch: client, customEndpoint: undefined });
  const shardsNamed = () => requests.flatMap((r) => r.body.MetricDataQueries.flatMap((q) => q.MetricStat.Metric.Dimensions.filter((d) => d.Name === 'ShardId').map((d) => d.Value)));

  it('metrics.query with shardIds asks CloudWatch for those shards only', async () => {
    answer = (request) => ({ MetricDataResults: request.body.MetricDataQueries.map((q) => ({ Id: q.Id, Timestamps: [], Values: [] })) });
    const source = awsSource();
    const view = await queryMetrics(source, query({ stream: 'orders', fromMs: NOW - 3_600_000, toMs: NOW, metrics: ['incomingBytes'], shards: true, shardIds: [shard(1), shard(3)] }), NOW);
    const names = requests.flatMap((r) => r.body.MetricDataQueries.map((q) => `${q.MetricStat.Metric.MetricName}:${q.MetricStat.Metric.Dimensions.map((d) => `${d.Name}=${d.Value}`).join('/')}`));
    expect(names).toEqual(['IncomingBytes:StreamName=orders', `IncomingBytes:StreamName=orders/ShardId=${shard(1)}`, `IncomingBytes:StreamName=orders/ShardId=${shard(3)}`]);
    expect(view.series.filter((s) => s.scope.kind === 'shard').map((s) => (s.scope.kind === 'shard' ? s.scope.shardId : ''))).toEqual([shard(1), shard(3)]);

    // Without shardIds, every open shard is asked for: the filter above is what narrowed it.
    requests = [];
    await queryMetrics(source, query({ stream: 'orders', fromMs: NOW - 3_600_000, toMs: NOW, metrics: ['incomingBytes'], shards: true }), NOW);
    expect(shardsNamed()).toEqual([shard(0), shard(1), shard(2), shard(3)]);
  });

  it('names no shard for a shardIds entry the stream does not have open', async () => {
    answer = (request) => ({ MetricDataResults: request.body.MetricDataQueries.map((q) => ({ Id: q.Id, Timestamps: [], Values: [] })) });
    const source = awsSource();
    await queryMetrics(source, query({ stream: 'orders', fromMs: NOW - 3_600_000, toMs: NOW, metrics: ['incomingBytes'], shards: true, shardIds: ['shardId-000000000099', shard(2)] }), NOW);
    expect(shardsNamed()).toEqual([shard(2)]);
  });
});

describe('CloudWatch metrics of a delivery stream', () => {
  it('asks AWS/Firehose for incoming and the destination’s delivery metrics, as rates, ratio and ms', async () => {
    const from = NOW - 10 * 60_000;
    const minute = Math.floor(from / 60_000) * 60_000;
    answer = (request) => ({
      MetricDataResults: [
        { Id: 'incomingRecords', Label: 'IncomingRecords', Timestamps: [epochSeconds(minute + 60_000)], Values: [1200], StatusCode: 'Complete' },
        { Id: 'ds3Bytes', Label: 'DeliveryToS3.Bytes', Timestamps: [epochSeconds(minute + 120_000)], Values: [6000], StatusCode: 'Complete' },
        { Id: 'ds3Success', Label: 'DeliveryToS3.Success', Timestamps: [epochSeconds(minute + 120_000)], Values: [0.5], StatusCode: 'Complete' },
        { Id: 'ds3Freshness', Label: 'DeliveryToS3.DataFreshness', Timestamps: [epochSeconds(minute + 120_000)], Values: [75], StatusCode: 'Complete' },
        ...request.body.MetricDataQueries.filter((q) => !['incomingRecords', 'ds3Bytes', 'ds3Success', 'ds3Freshness'].includes(q.Id)).map((q) => ({ Id: q.Id, Timestamps: [], Values: [], StatusCode: 'Complete' })),
      ],
      Messages: [],
    });
    const result = await cloudWatchFirehoseMetrics(client, FirehoseMetricsQuery.parse({ deliveryStream: 'to-lake', fromMs: from, toMs: NOW }), ['S3'], NOW);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body.MetricDataQueries.map((q) => [q.MetricStat.Metric.Namespace, q.MetricStat.Metric.MetricName, q.MetricStat.Stat, q.MetricStat.Period, q.MetricStat.Metric.Dimensions])).toEqual(
      [
        ['IncomingRecords', 'Sum'],
        ['IncomingBytes', 'Sum'],
        ['DeliveryToS3.Records', 'Sum'],
        ['DeliveryToS3.Bytes', 'Sum'],
        ['DeliveryToS3.Success', 'Average'],
        ['DeliveryToS3.DataFreshness', 'Maximum'],
      ].map(([name, stat]) => ['AWS/Firehose', name, stat, 60, [{ Name: 'DeliveryStreamName', Value: 'to-lake' }]]),
    );
    const of = (metric: string) => result.series.find((s) => s.metric === metric);
    expect(result.periodSeconds).toBe(60);
    expect(of('incomingRecords')?.timestamps).toHaveLength(11);
    expect(of('incomingRecords')?.values.filter((v) => v > 0)).toEqual([20]);
    expect(of('deliveredBytes')).toMatchObject({ destination: 'S3', unit: 'bytes/s' });
    expect(of('deliveredBytes')?.values.filter((v) => v > 0)).toEqual([100]);
    // Success and freshness stay sparse: a gap is not a zero.
    expect(of('deliverySuccess')).toMatchObject({ unit: 'ratio', timestamps: [minute + 120_000], values: [0.5] });
    expect(of('dataFreshnessMs')).toMatchObject({ unit: 'ms', timestamps: [minute + 120_000], values: [75_000] });
    expect(result.notes).toEqual([]);
  });

  it('asks each destination’s own metric names, and says when there is no data at all', async () => {
    answer = (request) => ({ MetricDataResults: request.body.MetricDataQueries.map((q) => ({ Id: q.Id, Timestamps: [], Values: [], StatusCode: 'Complete' })), Messages: [] });
    const result = await cloudWatchFirehoseMetrics(client, FirehoseMetricsQuery.parse({ deliveryStream: 'to-search', fromMs: NOW - 3_600_000, toMs: NOW }), ['AmazonOpenSearchService'], NOW);
    expect(requests[0]?.body.MetricDataQueries.map((q) => q.MetricStat.Metric.MetricName).slice(2)).toEqual([
      'DeliveryToAmazonOpenSearchService.Records',
      'DeliveryToAmazonOpenSearchService.Bytes',
      'DeliveryToAmazonOpenSearchService.Success',
      'DeliveryToAmazonOpenSearchService.DataFreshness',
    ]);
    expect(result.notes).toEqual(['CloudWatch has no Firehose data for this delivery stream in this range: nothing was put, or the delivery stream is newer than the range.']);
  });
});

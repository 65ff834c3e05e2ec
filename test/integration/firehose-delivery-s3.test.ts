// Delivery to S3 as files on disk (and through the real S3 client to an S3-compatible receiver): object keys with
// fixed clocks, compression, buffering by size and by time, dynamic partitioning with JQ, a Lambda module that drops
// and fails records, KPL de-aggregation, source backup, error objects, and Redshift's intermediate objects.
import { S3Client } from '@aws-sdk/client-s3';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  combineSink, type DeliveryStreamIdentity, createDeliveryPipeline, fileObjectStore, moduleLambdaInvoker, nodeHttpTransport, s3ClientObjectStore,
  VirtualTimeline, type DeliveryEvent, type DeliveryPipelineConfig, type ExtendedS3DestinationConfiguration,
} from '../../main/engine/firehose/delivery';
import { kplAggregate } from '../fixtures/tail/encoders';
import { listFiles, readFile, scriptedRandom, useDeliveryFixture } from '../support/firehose';

const T0 = Date.UTC(2026, 6, 13, 14, 5, 9);
const ARN = 'arn:aws:firehose:us-east-1:123456789012:deliverystream/orders';
const stream = { DeliveryStreamName: 'orders', DeliveryStreamARN: ARN, version: 1, region: 'us-east-1' };
const base = { RoleARN: 'arn:aws:iam::123456789012:role/firehose', BucketARN: 'arn:aws:s3:::lake' };
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const enc = (s: string) => new TextEncoder().encode(s);

const fx = useDeliveryFixture('firehose-s3');

function pipeline(config: ExtendedS3DestinationConfiguration, extra: { stream?: Partial<DeliveryStreamIdentity>; lambdaModule?: string } = {}) {
  const timeline = new VirtualTimeline(T0);
  const events: DeliveryEvent[] = [];
  const full: DeliveryPipelineConfig = { stream: { ...stream, ...extra.stream }, destination: { kind: 'ExtendedS3', config } };
  const p = createDeliveryPipeline(full, {
    sink: combineSink(fileObjectStore(fx.path), nodeHttpTransport()),
    timeline,
    random: scriptedRandom(),
    onEvent: (e) => events.push(e),
    ...(extra.lambdaModule ? { lambda: moduleLambdaInvoker(extra.lambdaModule, { timeoutMs: 10_000 }) } : {}),
  });
  return { p, timeline, events };
}

const file = (key: string) => readFile(join(fx.path, 's3', key));

describe('S3 delivery to files', () => {
  it('writes one object per buffer, named by AWS’s rule, records concatenated with no delimiter', async () => {
    const { p, timeline } = pipeline({ ...base, Prefix: 'legacy', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } });
    p.put([{ data: enc('abc') }, { data: enc('abc') }]);
    timeline.advanceBy(10_000);
    p.put([{ data: enc('abc') }]);
    await p.idle();
    expect(await listFiles(join(fx.path, 's3'))).toEqual([]);
    expect(p.state().buffers).toMatchObject([{ lane: 'destination', records: 3, bytes: 9, openedAtMs: T0, dueAtMs: T0 + 60_000 }]);
    timeline.advanceTo(T0 + 60_000);
    await p.idle();
    const key = `legacy2026/07/13/14/orders-1-2026-07-13-14-05-09-${uuid(0)}`;
    expect(await listFiles(join(fx.path, 's3'))).toEqual([`lake/${key}`]);
    expect((await file(`lake/${key}`)).toString()).toBe('abcabcabc');
    expect(p.state().counters).toMatchObject({ incomingRecords: 3, deliveredRecords: 3 });
  });

  it('flushes on size before compression, gzips, and names the time zone’s hour', async () => {
    const { p, events } = pipeline({ ...base, Prefix: 'tz/!{timestamp:yyyy-MM-dd HH}/', ErrorOutputPrefix: 'err/!{firehose:error-output-type}/', CompressionFormat: 'GZIP', CustomTimeZone: 'Asia/Tokyo', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 } });
    const record = new Uint8Array(100 * 1024).fill(0x61);
    p.put(Array.from({ length: 11 }, () => ({ data: record })));
    await p.idle();
    const files = await listFiles(join(fx.path, 's3'));
    expect(files).toEqual([`lake/tz/2026-07-13 23/orders-1-2026-07-13-23-05-09-${uuid(0)}.gz`]);
    const body = gunzipSync(await file(files[0]!.toString()));
    expect(body.length).toBe(11 * 100 * 1024);
    expect(events.find((e) => e.type === 'flush')).toMatchObject({ reason: 'size', records: 11 });
    expect(events.find((e) => e.type === 'object')).toMatchObject({ contentEncoding: 'gzip', bytes: 11 * 100 * 1024 });
  });

  it('partitions dynamically with JQ keys, appends newlines, and sends unparseable records to the error prefix', async () => {
    const { p, timeline } = pipeline({
      ...base,
      Prefix: 'customer_id=!{partitionKeyFromQuery:customer_id}/year=!{timestamp:yyyy}/',
      ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
      BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
      DynamicPartitioningConfiguration: { Enabled: true },
      ProcessingConfiguration: { Enabled: true, Processors: [
        { Type: 'MetadataExtraction', Parameters: [{ ParameterName: 'MetadataExtractionQuery', ParameterValue: '{customer_id: .customer_id}' }, { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' }] },
        { Type: 'AppendDelimiterToRecord' },
      ] },
    });
    p.put([{ data: enc('{"customer_id":"a","n":1}') }, { data: enc('{"customer_id":"b","n":2}') }, { data: enc('oops') }, { data: enc('{"customer_id":"a","n":3}') }]);
    await p.idle();
    expect(p.state().buffers.map((b) => [b.key, b.records])).toEqual([['customer_id=a', 2], ['customer_id=b', 1]]);
    timeline.advanceTo(T0 + 60_000);
    await p.idle();
    const files = await listFiles(join(fx.path, 's3', 'lake'));
    // uuid 0 names the error object (written as the batch is processed), then the two partitions flush in order.
    expect(files).toEqual([
      `customer_id=a/year=2026/orders-1-2026-07-13-14-05-09-${uuid(1)}`,
      `customer_id=b/year=2026/orders-1-2026-07-13-14-05-09-${uuid(2)}`,
      `errors/processing-failed/2026/07/13/14/orders-1-2026-07-13-14-05-09-${uuid(0)}`,
    ]);
    expect((await file(`lake/${files[0]}`)).toString()).toBe('{"customer_id":"a","n":1}\n{"customer_id":"a","n":3}\n');
    const error = JSON.parse((await file(`lake/${files[2]}`)).toString().trim()) as Record<string, unknown>;
    expect(error).toMatchObject({ attemptsMade: 1, arrivalTimestamp: T0, errorCode: 'DynamicPartitioning.MetadataExtractionFailed', attemptEndingTimestamp: T0, rawData: Buffer.from('oops').toString('base64') });
    expect(String(error.errorMessage)).toMatch(/Non JSON record/);
  });

  it('runs a Lambda module in a worker that transforms, drops and fails records', async () => {
    const module = join(fx.path, 'transform.mjs');
    await writeFile(module, `
      export const handler = async (event) => ({
        records: event.records.map((r) => {
          const text = Buffer.from(r.data, 'base64').toString();
          if (text === 'drop') return { recordId: r.recordId, result: 'Dropped' };
          if (text === 'fail') return { recordId: r.recordId, result: 'ProcessingFailed', data: r.data };
          return { recordId: r.recordId, result: 'Ok', data: Buffer.from(text.toUpperCase() + '|' + event.region).toString('base64') };
        }),
      });
    `);
    const lambdaArn = 'arn:aws:lambda:us-east-1:123456789012:function:upper';
    const { p, timeline, events } = pipeline({
      ...base, Prefix: 'out/', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 300 },
      ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: lambdaArn }, { ParameterName: 'BufferIntervalInSeconds', ParameterValue: '60' }] }] },
    }, { lambdaModule: module });
    const { recordIds } = p.put([{ data: enc('keep') }, { data: enc('drop') }, { data: enc('fail') }]);
    await p.idle();
    expect(p.state().buffers).toMatchObject([{ lane: 'processing', records: 3, dueAtMs: T0 + 60_000 }]);
    timeline.advanceTo(T0 + 60_000);
    await p.idle();
    expect(p.state().buffers).toMatchObject([{ lane: 'destination', records: 1, dueAtMs: T0 + 360_000 }]);
    timeline.advanceTo(T0 + 360_000);
    await p.idle();
    const files = await listFiles(join(fx.path, 's3', 'lake'));
    expect(files).toEqual([
      `out/2026/07/13/14/orders-1-2026-07-13-14-05-09-${uuid(2)}`,
      `out/processing-failed/2026/07/13/14/orders-1-2026-07-13-14-05-09-${uuid(1)}`,
    ]);
    expect((await file(`lake/${files[0]}`)).toString()).toBe('KEEP|us-east-1');
    const failure = JSON.parse((await file(`lake/${files[1]}`)).toString().trim()) as Record<string, unknown>;
    expect(failure).toEqual({ attemptsMade: 1, arrivalTimestamp: T0, errorCode: 'Lambda.ProcessingFailed', errorMessage: 'The Lambda function returned ProcessingFailed for this record.', attemptEndingTimestamp: T0 + 60_000, rawData: 'ZmFpbA==', lambdaArn });
    const invocation = events.find((e) => e.type === 'lambda');
    expect(invocation?.type === 'lambda' && invocation.event).toEqual({
      invocationId: uuid(0), deliveryStreamArn: ARN, region: 'us-east-1',
      records: recordIds.map((recordId, i) => ({ recordId, approximateArrivalTimestamp: T0, data: Buffer.from(['keep', 'drop', 'fail'][i]!).toString('base64') })),
    });
    expect(p.state().counters).toMatchObject({ droppedRecords: 1, failedRecords: 1, deliveredRecords: 1 });
  });

  it('fails the whole invocation when the module times out, after its retries', async () => {
    const module = join(fx.path, 'slow.mjs');
    await writeFile(module, 'export const handler = () => new Promise(() => {});');
    const lambdaArn = 'arn:aws:lambda:us-east-1:123456789012:function:slow';
    const timeline = new VirtualTimeline(T0);
    const p = createDeliveryPipeline({ stream, destination: { kind: 'ExtendedS3', config: { ...base, Prefix: 'o/', ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: lambdaArn }, { ParameterName: 'NumberOfRetries', ParameterValue: '1' }] }] } } } }, {
      sink: combineSink(fileObjectStore(fx.path), nodeHttpTransport()), timeline, random: scriptedRandom(), lambda: moduleLambdaInvoker(module, { timeoutMs: 300 }),
    });
    p.put([{ data: enc('x') }]);
    await p.flushNow();
    const files = await listFiles(join(fx.path, 's3', 'lake'));
    expect(files).toHaveLength(1);
    const failure = JSON.parse((await file(`lake/${files[0]}`)).toString().trim()) as Record<string, unknown>;
    expect(failure).toMatchObject({ attemptsMade: 2, errorCode: 'Lambda.FunctionError', lambdaArn });
    expect(String(failure.errorMessage)).toMatch(/Task timed out after 0.30 seconds/);
  });

  it('de-aggregates KPL records from a Kinesis source and backs up the source records', async () => {
    const { p } = pipeline({
      ...base, Prefix: 'kpl/', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
      S3BackupMode: 'Enabled', S3BackupConfiguration: { ...base, BucketARN: 'arn:aws:s3:::raw', Prefix: 'source/', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } },
      ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord' }] },
    }, { stream: { sourceKinesisStreamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/src' } });
    const aggregate = kplAggregate([{ partitionKey: 'a', data: 'one' }, { partitionKey: 'b', data: 'two' }]);
    const kinesis = { shardId: 'shardId-000000000000', partitionKey: 'a', approximateArrivalTimestamp: T0, sequenceNumber: '49590338271490256608559692538361571095921575989136588898' };
    p.put([{ data: new Uint8Array(aggregate), kinesis }, { data: enc('three'), kinesis }]);
    await p.flushNow();
    const lake = await listFiles(join(fx.path, 's3', 'lake'));
    expect(lake).toEqual([`kpl/2026/07/13/14/orders-1-2026-07-13-14-05-09-${uuid(0)}`]);
    expect((await file(`lake/${lake[0]}`)).toString()).toBe('one\ntwo\nthree\n');
    const raw = await listFiles(join(fx.path, 's3', 'raw'));
    expect(raw).toEqual([`source/2026/07/13/14/orders-1-2026-07-13-14-05-09-${uuid(1)}`]);
    expect(Buffer.compare(await file(`raw/${raw[0]}`), Buffer.concat([aggregate, Buffer.from('three')]))).toBe(0);
  });

  it('writes Redshift’s intermediate object and manifest, and reports the COPY', async () => {
    const timeline = new VirtualTimeline(T0);
    const events: DeliveryEvent[] = [];
    const p = createDeliveryPipeline({ stream, destination: { kind: 'Redshift', config: {
      RoleARN: base.RoleARN, ClusterJDBCURL: 'jdbc:redshift://c.abc.us-east-1.redshift.amazonaws.com:5439/dev',
      CopyCommand: { DataTableName: 'orders', CopyOptions: "JSON 'auto' GZIP" }, S3Configuration: { ...base, Prefix: 'rs/', CompressionFormat: 'GZIP' },
    } } }, { sink: combineSink(fileObjectStore(fx.path), nodeHttpTransport()), timeline, random: scriptedRandom(), onEvent: (e) => events.push(e) });
    p.put([{ data: enc('{"a":1}') }]);
    await p.flushNow();
    const files = await listFiles(join(fx.path, 's3', 'lake'));
    const objectKey = `rs/2026/07/13/14/orders-1-2026-07-13-14-05-09-${uuid(0)}.gz`;
    const manifest = `rs/manifests/2026/07/13/14/orders-1-2026-07-13-14-05-09-${uuid(1)}`;
    expect(files).toEqual([objectKey, manifest].sort());
    expect(JSON.parse((await file(`lake/${manifest}`)).toString())).toEqual({ entries: [{ url: `s3://lake/${objectKey}`, mandatory: true }] });
    const copy = events.find((e) => e.type === 'copy');
    expect(copy?.type === 'copy' && copy.copy.statement).toBe(`COPY orders FROM 's3://lake/${manifest}' CREDENTIALS 'aws_iam_role=${base.RoleARN}' MANIFEST JSON 'auto' GZIP;`);
  });
});

describe('S3 delivery through the S3 client', () => {
  it('puts objects with the key, body and Content-Encoding to an S3-compatible endpoint', async () => {
    const receiver = await fx.receiver((_req, res) => {
      res.writeHead(200, { ETag: '"etag"', 'Content-Length': '0' });
      res.end();
    });
    try {
      const client = new S3Client({ endpoint: receiver.url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
      const timeline = new VirtualTimeline(T0);
      const p = createDeliveryPipeline({ stream, destination: { kind: 'ExtendedS3', config: { ...base, Prefix: 'c/', CompressionFormat: 'GZIP' } } }, {
        sink: combineSink(s3ClientObjectStore(client), nodeHttpTransport()), timeline, random: scriptedRandom(),
      });
      p.put([{ data: enc('hello') }]);
      await p.flushNow();
      expect(receiver.requests).toHaveLength(1);
      const put = receiver.requests[0]!;
      expect(put.method).toBe('PUT');
      expect(decodeURIComponent(put.url.split('?')[0]!)).toBe(`/lake/c/2026/07/13/14/orders-1-2026-07-13-14-05-09-${uuid(0)}.gz`);
      expect(put.headers['content-encoding']).toBe('gzip');
      expect(put.headers['content-type']).toBe('application/octet-stream');
      client.destroy();
    } finally {
      await receiver.close();
    }
  });
});

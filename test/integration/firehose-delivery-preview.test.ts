// The preview runs the same pipeline with a recording sink: for the same records, clock and random source, the
// recorded objects and requests are byte for byte what the real sinks delivered.
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  combineSink, createDeliveryPipeline, fileObjectStore, nodeHttpTransport, RecordingSink, VirtualTimeline,
  type DeliveryPipelineConfig, type DeliverySink, type IncomingRecord,
} from '../../main/engine/firehose/delivery';
import { listFiles, readFile, scriptedRandom, sendJson, useDeliveryFixture } from '../support/firehose';

const T0 = Date.UTC(2026, 6, 13, 14, 5, 9);
const stream = { DeliveryStreamName: 'preview', DeliveryStreamARN: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/preview', version: 4, region: 'us-east-1' };
const s3 = { RoleARN: 'arn:aws:iam::123456789012:role/firehose', BucketARN: 'arn:aws:s3:::lake' };
const enc = (s: string) => new TextEncoder().encode(s);

const fx = useDeliveryFixture('firehose-preview');

async function run(config: DeliveryPipelineConfig, sink: DeliverySink, records: IncomingRecord[]) {
  const timeline = new VirtualTimeline(T0);
  const p = createDeliveryPipeline(config, { sink, timeline, random: scriptedRandom() });
  p.put(records.slice(0, 2));
  timeline.advanceBy(30_000);
  p.put(records.slice(2));
  await p.idle();
  const state = p.state();
  timeline.advanceTo(state.nextFlushAtMs ?? T0);
  await p.idle();
  return state;
}

describe('preview equals delivery', () => {
  it('records the same S3 objects (keys, bytes, encoding) as the files delivered', async () => {
    const config: DeliveryPipelineConfig = { stream, destination: { kind: 'ExtendedS3', config: {
      ...s3, Prefix: 'k=!{partitionKeyFromQuery:k}/!{timestamp:yyyy/MM/dd}/', ErrorOutputPrefix: 'e/!{firehose:error-output-type}/',
      CompressionFormat: 'GZIP', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 }, DynamicPartitioningConfiguration: { Enabled: true },
      ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'MetadataExtraction', Parameters: [{ ParameterName: 'MetadataExtractionQuery', ParameterValue: '{k: .k}' }] }, { Type: 'AppendDelimiterToRecord' }] },
    } } };
    const records = ['{"k":"a"}', '{"k":"b"}', '{"k":"a","n":2}', 'bad'].map((s) => ({ data: enc(s) }));
    const recording = new RecordingSink();
    const previewState = await run(config, recording, records);
    await run(config, combineSink(fileObjectStore(fx.path), nodeHttpTransport()), records);

    expect(previewState.buffers.map((b) => [b.key, b.records, b.dueAtMs - T0])).toEqual([['k=a', 2, 60_000], ['k=b', 1, 60_000]]);
    const files = await listFiles(join(fx.path, 's3', 'lake'));
    expect(recording.objects.map((o) => o.key).sort()).toEqual(files);
    for (const object of recording.objects) {
      const onDisk = await readFile(join(fx.path, 's3', 'lake', object.key));
      expect(Buffer.compare(onDisk, Buffer.from(object.body))).toBe(0);
      expect(object.contentEncoding).toBe('gzip');
    }
    const a = recording.objects.find((o) => o.key.startsWith('k=a/'));
    expect(gunzipSync(a!.body).toString()).toBe('{"k":"a"}\n{"k":"a","n":2}\n');
  });

  it('records the same HTTP request the endpoint received, and answers as the contract expects', async () => {
    const received: { headers: Record<string, unknown>; body: Buffer }[] = [];
    const receiver = await fx.receiver((req, res) => {
      received.push(req);
      sendJson(res, 200, { requestId: req.headers['x-amz-firehose-request-id'], timestamp: T0 });
    });
    try {
      const config = (url: string): DeliveryPipelineConfig => ({ stream, destination: { kind: 'HttpEndpoint', config: {
        EndpointConfiguration: { Url: url, AccessKey: 'k' }, BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 }, S3Configuration: s3,
      } } });
      const records = ['a', 'b', 'c'].map((s) => ({ data: enc(s) }));
      const recording = new RecordingSink();
      await run(config(receiver.url), recording, records);
      await run(config(receiver.url), combineSink(fileObjectStore(fx.path), nodeHttpTransport()), records);
      expect(recording.exchanges).toHaveLength(1);
      expect(received).toHaveLength(1);
      const { request, response } = recording.exchanges[0]!;
      expect(Buffer.compare(Buffer.from(request.body), received[0]!.body)).toBe(0);
      for (const [name, value] of Object.entries(request.headers)) expect(received[0]!.headers[name.toLowerCase()]).toBe(value);
      expect(response.status).toBe(200);
      const body = JSON.parse(new TextDecoder().decode(request.body)) as { requestId: string; timestamp: number };
      expect(JSON.parse(new TextDecoder().decode(response.body))).toEqual({ requestId: body.requestId, timestamp: body.timestamp });
    } finally {
      await receiver.close();
    }
  });
});

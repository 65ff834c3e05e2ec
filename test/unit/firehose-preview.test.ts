// previewDelivery: the pipeline on a virtual clock with a recording sink, showing what each destination receives and
// when each buffer flushes, without sending anything.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { previewDelivery, type DeliveryEvent } from '../../main/engine/firehose/delivery';
import { scriptedRandom } from '../support/firehose';

const T0 = Date.UTC(2026, 6, 13, 14, 5, 9);
const stream = { DeliveryStreamName: 'pv', DeliveryStreamARN: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/pv', version: 2, region: 'us-east-1' };
const s3 = { RoleARN: 'arn:aws:iam::123456789012:role/firehose', BucketARN: 'arn:aws:s3:::lake' };
const enc = (s: string) => new TextEncoder().encode(s);
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const flushes = (events: DeliveryEvent[]) => events.flatMap((e) => (e.type === 'flush' ? [[e.lane, e.key, e.reason, e.records, e.atMs - T0]] : []));

describe('previewDelivery', () => {
  it('shows each object and when and why its buffer flushed', async () => {
    const result = await previewDelivery({ stream, destination: { kind: 'ExtendedS3', config: { ...s3, Prefix: 'p/', CompressionFormat: 'GZIP', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } } } }, [
      { data: enc('a') },
      { data: enc('b'), atOffsetMs: 20_000 },
      { data: new Uint8Array(1024 * 1024), atOffsetMs: 30_000 },
      { data: enc('c'), atOffsetMs: 45_000 },
    ], { startMs: T0, random: scriptedRandom() });
    expect(result.afterPut.buffers.map((b) => [b.records, b.openedAtMs - T0, b.dueAtMs - T0])).toEqual([[1, 45_000, 105_000]]);
    expect(flushes(result.events)).toEqual([['destination', '', 'size', 3, 30_000], ['destination', '', 'interval', 1, 105_000]]);
    expect(result.objects.map((o) => o.key)).toEqual([
      `p/2026/07/13/14/pv-2-2026-07-13-14-05-09-${uuid(0)}.gz`,
      `p/2026/07/13/14/pv-2-2026-07-13-14-05-54-${uuid(1)}.gz`,
    ]);
    expect(gunzipSync(result.objects[1]!.body).toString()).toBe('c');
    expect(result.exchanges).toEqual([]);
  });

  it('shows the Lambda event without calling the function, and the HTTP request with the answer it expects', async () => {
    const lambdaArn = 'arn:aws:lambda:us-east-1:123456789012:function:f';
    const result = await previewDelivery({ stream, destination: { kind: 'HttpEndpoint', config: {
      EndpointConfiguration: { Url: 'https://example.com/in' }, BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 }, S3Configuration: s3,
      ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: lambdaArn }] }] },
    } } }, [{ data: enc('x') }, { data: enc('y'), atOffsetMs: 1_000 }], { startMs: T0, random: scriptedRandom() });
    expect(flushes(result.events)).toEqual([['processing', '', 'interval', 2, 60_000], ['destination', '', 'interval', 2, 360_000]]);
    const lambda = result.events.find((e) => e.type === 'lambda');
    expect(lambda?.type === 'lambda' && lambda.event.records.map((r) => [r.recordId, r.data, r.approximateArrivalTimestamp - T0])).toEqual([[result.recordIds[0], 'eA==', 0], [result.recordIds[1], 'eQ==', 1_000]]);
    expect(result.exchanges).toHaveLength(1);
    const { request, response } = result.exchanges[0]!;
    expect(request.url).toBe('https://example.com/in');
    const body = JSON.parse(new TextDecoder().decode(request.body)) as { requestId: string; timestamp: number; records: { data: string }[] };
    expect(body).toEqual({ requestId: uuid(1), timestamp: T0 + 360_000, records: [{ data: 'eA==' }, { data: 'eQ==' }] });
    expect(JSON.parse(new TextDecoder().decode(response.body))).toEqual({ requestId: uuid(1), timestamp: T0 + 360_000 });
  });

  it('runs the retry schedule against a failing answer, then shows the error object', async () => {
    const result = await previewDelivery({ stream, destination: { kind: 'HttpEndpoint', config: {
      EndpointConfiguration: { Url: 'https://example.com/in' }, RetryOptions: { DurationInSeconds: 10 }, S3Configuration: { ...s3, Prefix: 'bk/' },
    } } }, [{ data: enc('x') }], { startMs: T0, random: scriptedRandom(), respond: () => ({ status: 503, headers: {}, body: enc('busy') }) });
    const attempts = result.events.flatMap((e) => (e.type === 'request' ? [e.atMs - T0 - 300_000] : []));
    expect(attempts).toEqual([0, 1000, 3000, 7000]);
    expect(result.objects.map((o) => o.key)).toEqual([`bk/http-endpoint-failed/2026/07/13/14/pv-2-2026-07-13-14-05-09-${uuid(1)}`]);
  });
});

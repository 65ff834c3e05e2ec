// The HTTP endpoint destination against a real HTTP server on 127.0.0.1: Firehose's headers and body, gzip, the
// response contract, retries with backoff on 500 (same request id), 413 given up at once, and what is left after the
// retry duration written to the S3 configuration as http-endpoint-failed records.
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  combineSink, createDeliveryPipeline, DeliveryConfigError, fileObjectStore, nodeHttpTransport, VirtualTimeline,
  type DeliveryEvent, type HttpEndpointDestinationConfiguration,
} from '../../main/engine/firehose/delivery';
import { listFiles, readFile, scriptedRandom, sendJson, startReceiver, useDeliveryFixture } from '../support/firehose';

const T0 = Date.UTC(2026, 6, 13, 14, 5, 9);
const ARN = 'arn:aws:firehose:us-east-1:123456789012:deliverystream/events';
const stream = { DeliveryStreamName: 'events', DeliveryStreamARN: ARN, version: 2, region: 'us-east-1' };
const s3 = { RoleARN: 'arn:aws:iam::123456789012:role/firehose', BucketARN: 'arn:aws:s3:::backup', Prefix: 'http/' };
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const enc = (s: string) => new TextEncoder().encode(s);

const fx = useDeliveryFixture('firehose-http');

function pipeline(config: Omit<HttpEndpointDestinationConfiguration, 'S3Configuration'> & { S3Configuration?: HttpEndpointDestinationConfiguration['S3Configuration'] }) {
  const timeline = new VirtualTimeline(T0);
  const events: DeliveryEvent[] = [];
  const p = createDeliveryPipeline({ stream, destination: { kind: 'HttpEndpoint', config: { S3Configuration: s3, ...config } } }, {
    sink: combineSink(fileObjectStore(fx.path), nodeHttpTransport()), timeline, random: scriptedRandom(), onEvent: (e) => events.push(e),
  });
  return { p, timeline, events };
}

const echo = (status = 200) => (req: { body: Buffer; headers: Record<string, unknown> }, res: Parameters<Parameters<typeof startReceiver>[0]>[1]) => {
  const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(req.body) : req.body;
  const { requestId } = JSON.parse(body.toString()) as { requestId: string };
  sendJson(res, status, { requestId, timestamp: T0 });
};

describe('HTTP endpoint delivery', () => {
  it('posts Firehose’s headers and body, gzipped, and accepts the echoed requestId', async () => {
    const receiver = await fx.receiver((req, res) => echo()(req, res));
    const { p, events } = pipeline({
      EndpointConfiguration: { Url: `${receiver.url}/ingest`, Name: 'local', AccessKey: 'my-key' },
      RequestConfiguration: { ContentEncoding: 'GZIP', CommonAttributes: [{ AttributeName: 'team', AttributeValue: 'data' }] },
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
    });
    p.put([{ data: enc('first') }, { data: enc('') }, { data: enc('{"x":1}') }]);
    await p.flushNow();
    expect(receiver.requests).toHaveLength(1);
    const req = receiver.requests[0]!;
    expect([req.method, req.url]).toEqual(['POST', '/ingest']);
    expect(req.headers).toMatchObject({
      'x-amz-firehose-protocol-version': '1.0',
      'x-amz-firehose-request-id': uuid(0),
      'x-amz-firehose-source-arn': ARN,
      'x-amz-firehose-access-key': 'my-key',
      'x-amz-firehose-common-attributes': '{"commonAttributes":{"team":"data"}}',
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'content-length': String(req.body.length),
    });
    expect(JSON.parse(gunzipSync(req.body).toString())).toEqual({
      requestId: uuid(0), timestamp: T0, records: [{ data: 'Zmlyc3Q=' }, { data: '' }, { data: 'eyJ4IjoxfQ==' }],
    });
    expect(events.filter((e) => e.type === 'delivered')).toMatchObject([{ destination: 'HttpEndpoint', records: 3, attempts: 1 }]);
    expect(await listFiles(join(fx.path, 's3'))).toEqual([]);
  });

  it('retries a 500 with backoff and the same request id until a 200', async () => {
    const receiver = await fx.receiver((req, res, i) => (i < 2 ? sendJson(res, 500, { errorMessage: 'busy' }) : echo()(req, res)));
    const { p, events } = pipeline({ EndpointConfiguration: { Url: receiver.url }, RetryOptions: { DurationInSeconds: 60 } });
    p.put([{ data: enc('a') }]);
    await p.flushNow();
    expect(receiver.requests.map((r) => r.headers['x-amz-firehose-request-id'])).toEqual([uuid(0), uuid(0), uuid(0)]);
    const attempts = events.filter((e): e is Extract<DeliveryEvent, { type: 'request' }> => e.type === 'request');
    // Backoff with the jitter at its midpoint: 1 s, then 2 s.
    expect(attempts.map((a) => [a.attempt, a.atMs - T0, a.response?.status])).toEqual([[1, 0, 500], [2, 1000, 500], [3, 3000, 200]]);
    expect(events.filter((e) => e.type === 'delivered')).toMatchObject([{ records: 1, attempts: 3 }]);
  });

  it('gives up after the retry duration and writes http-endpoint-failed records to the backup bucket', async () => {
    const receiver = await fx.receiver((_req, res) => sendJson(res, 500, { errorMessage: 'down' }));
    const { p } = pipeline({ EndpointConfiguration: { Url: receiver.url }, RetryOptions: { DurationInSeconds: 5 } });
    const { recordIds } = p.put([{ data: enc('sample raw data') }]);
    await p.flushNow();
    expect(receiver.requests).toHaveLength(3); // at 0, 1 s, 3 s; the next would start at 7 s
    const files = await listFiles(join(fx.path, 's3', 'backup'));
    expect(files).toEqual([`http/http-endpoint-failed/2026/07/13/14/events-2-2026-07-13-14-05-09-${uuid(1)}`]);
    const line = JSON.parse((await readFile(join(fx.path, 's3', 'backup', files[0]!))).toString().trim()) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(['attemptsMade', 'arrivalTimestamp', 'errorCode', 'errorMessage', 'attemptEndingTimestamp', 'rawData', 'subsequenceNumber', 'dataId']);
    expect(line).toMatchObject({ attemptsMade: 3, arrivalTimestamp: T0, errorCode: 'HttpEndpoint.DestinationException', attemptEndingTimestamp: T0 + 3000, rawData: 'c2FtcGxlIHJhdyBkYXRh', subsequenceNumber: 0, dataId: `${recordIds[0]}.0` });
    expect(String(line.errorMessage)).toBe('Received the following response from the endpoint destination. 500: {"errorMessage":"down"}');
    expect(p.state().counters.failedRecords).toBe(1);
  });

  it('does not retry a 413, and a wrong requestId is retried as an invalid response', async () => {
    let receiver = await fx.receiver((_req, res) => sendJson(res, 413, { errorMessage: 'too big' }));
    const first = pipeline({ EndpointConfiguration: { Url: receiver.url }, RetryOptions: { DurationInSeconds: 60 } });
    first.p.put([{ data: enc('a') }]);
    await first.p.flushNow();
    expect(receiver.requests).toHaveLength(1);
    expect(first.events.filter((e) => e.type === 'failed')).toMatchObject([{ destination: 'HttpEndpoint', errorCode: 'HttpEndpoint.DestinationException' }]);
    await receiver.close();

    receiver = await fx.receiver((_req, res) => sendJson(res, 200, { requestId: 'not-mine' }));
    const second = pipeline({ EndpointConfiguration: { Url: receiver.url }, RetryOptions: { DurationInSeconds: 2 } });
    second.p.put([{ data: enc('a') }]);
    await second.p.flushNow();
    expect(receiver.requests).toHaveLength(2);
    const failed = second.events.find((e) => e.type === 'failed');
    expect(failed).toMatchObject({ errorCode: 'HttpEndpoint.InvalidResponseFromDestination', errorOutputType: 'http-endpoint-failed' });
  });

  it('reports a refused connection as HttpEndpoint.ConnectionFailed', async () => {
    const receiver = await fx.receiver(() => undefined);
    const url = receiver.url;
    await receiver.close();
    const { p, events } = pipeline({ EndpointConfiguration: { Url: url }, RetryOptions: { DurationInSeconds: 0 } });
    p.put([{ data: enc('a') }]);
    await p.flushNow();
    expect(events.find((e) => e.type === 'failed')).toMatchObject({ errorCode: 'HttpEndpoint.ConnectionFailed' });
  });

  it('accepts http:// only for loopback hosts', () => {
    expect(() => pipeline({ EndpointConfiguration: { Url: 'http://example.com/' } })).toThrow(DeliveryConfigError);
    expect(() => pipeline({ EndpointConfiguration: { Url: 'http://localhost:1/' } })).not.toThrow();
  });
});

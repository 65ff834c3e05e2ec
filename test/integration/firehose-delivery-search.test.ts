// OpenSearch `_bulk` and Splunk HEC against real receivers on 127.0.0.1: the bulk body with rotated index names and
// stable ids, rejected documents retried and then written to S3; HEC raw requests with the token and channel, the
// indexer acknowledgement polled until true, and an ack that never comes written to S3 as splunk-failed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  combineSink, createDeliveryPipeline, fileObjectStore, nodeHttpTransport, VirtualTimeline, type DeliveryEvent, type DestinationConfiguration,
} from '../../main/engine/firehose/delivery';
import { listFiles, readFile, scriptedRandom, sendJson, useDeliveryFixture } from '../support/firehose';

const T0 = Date.UTC(2016, 1, 25, 13, 0, 0);
const stream = { DeliveryStreamName: 'search', DeliveryStreamARN: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/search', version: 1, region: 'us-east-1' };
const s3 = { RoleARN: 'arn:aws:iam::123456789012:role/firehose', BucketARN: 'arn:aws:s3:::failed', Prefix: 'p/' };
const enc = (s: string) => new TextEncoder().encode(s);

const fx = useDeliveryFixture('firehose-search');

function pipeline(destination: DestinationConfiguration) {
  const timeline = new VirtualTimeline(T0);
  const events: DeliveryEvent[] = [];
  const p = createDeliveryPipeline({ stream, destination }, { sink: combineSink(fileObjectStore(fx.path), nodeHttpTransport()), timeline, random: scriptedRandom(), onEvent: (e) => events.push(e) });
  return { p, events };
}

describe('OpenSearch _bulk delivery', () => {
  it('sends a bulk body with rotated indices and stable ids, retries rejected documents, then backs them up', async () => {
    const bodies: string[] = [];
    const receiver = await fx.receiver((req, res) => {
      const lines = req.body.toString().split('\n').filter(Boolean);
      bodies.push(req.body.toString());
      const items = [];
      for (let i = 0; i < lines.length; i += 2) {
        const action = (JSON.parse(lines[i]!) as { index: { _index: string; _id: string } }).index;
        const bad = lines[i + 1]!.includes('"bad"');
        items.push({ index: { _index: action._index, _id: action._id, status: bad ? 400 : 201, ...(bad ? { error: { type: 'mapper_parsing_exception', reason: 'failed to parse' } } : {}) } });
      }
      sendJson(res, 200, { took: 1, errors: items.some((i) => i.index.status !== 201), items });
    });
    const { p, events } = pipeline({ kind: 'Amazonopensearchservice', config: { RoleARN: s3.RoleARN, ClusterEndpoint: receiver.url, IndexName: 'logs', IndexRotationPeriod: 'OneWeek', TypeName: '', RetryOptions: { DurationInSeconds: 2 }, S3Configuration: s3 } });
    const { recordIds } = p.put([{ data: enc('{"ok":1}') }, { data: enc('{"bad":true}') }]);
    await p.flushNow();
    expect(receiver.requests.map((r) => [r.method, r.url, r.headers['content-type']])).toEqual([['POST', '/_bulk', 'application/x-ndjson'], ['POST', '/_bulk', 'application/x-ndjson']]);
    expect(bodies[0]).toBe(
      `{"index":{"_index":"logs-2016-w08","_id":"${recordIds[0]}.0"}}\n{"ok":1}\n{"index":{"_index":"logs-2016-w08","_id":"${recordIds[1]}.0"}}\n{"bad":true}\n`,
    );
    expect(bodies[1]).toBe(`{"index":{"_index":"logs-2016-w08","_id":"${recordIds[1]}.0"}}\n{"bad":true}\n`);
    expect(events.filter((e) => e.type === 'delivered')).toMatchObject([{ destination: 'Amazonopensearchservice', records: 1 }]);
    const files = await listFiles(join(fx.path, 's3', 'failed'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^p\/AmazonOpenSearchService-failed\/2016\/02\/25\/13\/search-1-2016-02-25-13-00-00-/);
    const line = JSON.parse((await readFile(join(fx.path, 's3', 'failed', files[0]!))).toString().trim()) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(['attemptsMade', 'arrivalTimestamp', 'errorCode', 'errorMessage', 'attemptEndingTimestamp', 'esDocumentId', 'esIndexName', 'esTypeName', 'rawData']);
    expect(line).toMatchObject({ attemptsMade: 2, errorCode: '400', esDocumentId: `${recordIds[1]}.0`, esIndexName: 'logs-2016-w08', esTypeName: '', rawData: Buffer.from('{"bad":true}').toString('base64') });
    expect(String(line.errorMessage)).toContain('mapper_parsing_exception');
  });
});

describe('Splunk HEC delivery', () => {
  it('posts raw bytes with the token and channel, then polls the ack until it is true', async () => {
    let polls = 0;
    const receiver = await fx.receiver((req, res) => {
      if (req.url.startsWith('/services/collector/ack')) {
        polls++;
        sendJson(res, 200, { acks: { 0: polls >= 3 } });
      } else sendJson(res, 200, { text: 'Success', code: 0, ackId: 0 });
    });
    const { p, events } = pipeline({ kind: 'Splunk', config: { HECEndpoint: receiver.url, HECEndpointType: 'Raw', HECToken: 'tok-123', S3Configuration: s3 } });
    p.put([{ data: enc('line one\n') }, { data: enc('line two\n') }]);
    await p.flushNow();
    const [post, ...acks] = receiver.requests;
    const channel = post!.headers['x-splunk-request-channel'];
    expect(post).toMatchObject({ method: 'POST', url: `/services/collector/raw?channel=${String(channel)}`, headers: { authorization: 'Splunk tok-123' } });
    expect(post!.body.toString()).toBe('line one\nline two\n');
    expect(acks.map((a) => [a.url, a.body.toString(), a.headers.authorization])).toEqual(Array.from({ length: 3 }, () => [`/services/collector/ack?channel=${String(channel)}`, '{"acks":[0]}', 'Splunk tok-123']));
    const ackTimes = events.filter((e): e is Extract<DeliveryEvent, { type: 'request' }> => e.type === 'request' && e.purpose === 'ack').map((e) => e.atMs - T0);
    expect(ackTimes).toEqual([0, 1000, 2000]);
    expect(events.filter((e) => e.type === 'delivered')).toMatchObject([{ destination: 'Splunk', records: 2, attempts: 1 }]);
  });

  it('writes events whose ack never comes to S3 as splunk-failed after the retry duration', async () => {
    const receiver = await fx.receiver((req, res) => {
      if (req.url.startsWith('/services/collector/ack')) sendJson(res, 200, { acks: { 5: false } });
      else sendJson(res, 200, { text: 'Success', code: 0, ackId: 5 });
    });
    const { p } = pipeline({ kind: 'Splunk', config: { HECEndpoint: receiver.url, HECEndpointType: 'Event', HECToken: 't', HECAcknowledgmentTimeoutInSeconds: 180, RetryOptions: { DurationInSeconds: 0 }, S3Configuration: s3 } });
    const { recordIds } = p.put([{ data: enc('{"event":"x"}') }]);
    await p.flushNow();
    expect(receiver.requests[0]!.url).toMatch(/^\/services\/collector\/event\?channel=/);
    expect(receiver.requests.length).toBe(1 + 181); // the post, then a poll at once and every second for 180 s
    const files = await listFiles(join(fx.path, 's3', 'failed'));
    expect(files[0]).toMatch(/^p\/splunk-failed\/2016\/02\/25\/13\//);
    const line = JSON.parse((await readFile(join(fx.path, 's3', 'failed', files[0]!))).toString().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ attemptsMade: 1, errorCode: 'Splunk.AckTimeout', attemptEndingTimestamp: T0 + 180_000, EventId: `${recordIds[0]}.0` });
  });

  it('fails with Splunk.DisabledAck when the answer has no ackId', async () => {
    const receiver = await fx.receiver((_req, res) => sendJson(res, 200, { text: 'Success', code: 0 }));
    const { p, events } = pipeline({ kind: 'Splunk', config: { HECEndpoint: receiver.url, HECEndpointType: 'Raw', RetryOptions: { DurationInSeconds: 0 }, S3Configuration: s3 } });
    p.put([{ data: enc('x') }]);
    await p.flushNow();
    expect(events.find((e) => e.type === 'failed')).toMatchObject({ errorCode: 'Splunk.DisabledAck', errorOutputType: 'splunk-failed' });
  });
});

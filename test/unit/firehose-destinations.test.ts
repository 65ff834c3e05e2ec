// What each destination is sent, rendered from fixed inputs: the HTTP endpoint request and response contract, index
// rotation and the _bulk body, HEC requests and acks, the Redshift manifest and COPY, and the retry schedule.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkEndpointUrl } from '../../main/engine/firehose/delivery/http/endpointUrl';
import { httpEndpointRequest, judgeHttpEndpointResponse } from '../../main/engine/firehose/delivery/http/httpEndpoint';
import { bulkBody, bulkDocuments, bulkFailures } from '../../main/engine/firehose/delivery/opensearch/bulk';
import { rotatedIndexName } from '../../main/engine/firehose/delivery/opensearch/indexRotation';
import type { PipelineRecord } from '../../main/engine/firehose/delivery/records';
import { copyStatement, manifestBody, manifestKey } from '../../main/engine/firehose/delivery/redshift/copyCommand';
import { backoffMs, retryWithin } from '../../main/engine/firehose/delivery/retry';
import { hecAckRequest, hecRequest, readAckAnswer, readHecAnswer } from '../../main/engine/firehose/delivery/splunk/hec';
import { VirtualTimeline } from '../../main/engine/firehose/delivery/timeline';
import { scriptedRandom } from '../support/firehose';

const T0 = Date.UTC(2016, 1, 25, 13, 0, 0);
const enc = (s: string) => new TextEncoder().encode(s);
const rec = (data: string, id: string): PipelineRecord => ({ recordId: id, sourceId: id, data: enc(data), raw: enc(data), arrivalMs: T0, receivedMs: T0, subsequence: 0 });
const s3 = { RoleARN: 'arn:aws:iam::123456789012:role/r', BucketARN: 'arn:aws:s3:::backup' };
const json = (status: number, value: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) => ({ status, headers, body: enc(JSON.stringify(value)) });

describe('HTTP endpoint', () => {
  const config = {
    EndpointConfiguration: { Url: 'https://example.com/ingest', AccessKey: 'secret-key' },
    RequestConfiguration: { ContentEncoding: 'GZIP' as const, CommonAttributes: [{ AttributeName: 'env', AttributeValue: 'test' }] },
    S3Configuration: s3,
  };

  it('sends Firehose’s headers and body, gzipped when asked', () => {
    const request = httpEndpointRequest({ config, deliveryStreamArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/s', requestId: 'req-1', timestampMs: 1_578_090_901_599, records: [rec('hello', 'a'), rec('', 'b')] });
    expect(request.headers).toEqual({
      'X-Amz-Firehose-Protocol-Version': '1.0',
      'X-Amz-Firehose-Request-Id': 'req-1',
      'X-Amz-Firehose-Source-Arn': 'arn:aws:firehose:us-east-1:123456789012:deliverystream/s',
      'X-Amz-Firehose-Access-Key': 'secret-key',
      'X-Amz-Firehose-Common-Attributes': '{"commonAttributes":{"env":"test"}}',
      'Content-Type': 'application/json',
      'Content-Encoding': 'gzip',
    });
    expect(gunzipSync(request.body).toString()).toBe('{"requestId":"req-1","timestamp":1578090901599,"records":[{"data":"aGVsbG8="},{"data":""}]}');
    const plain = httpEndpointRequest({ config: { ...config, RequestConfiguration: {} }, deliveryStreamArn: 'x', requestId: 'r', timestampMs: 1, records: [] });
    expect(plain.headers['Content-Encoding']).toBeUndefined();
    expect(plain.headers['X-Amz-Firehose-Common-Attributes']).toBeUndefined();
  });

  it('judges the response by the contract', () => {
    expect(judgeHttpEndpointResponse(json(200, { requestId: 'r', timestamp: 1 }), 'r')).toEqual({ ok: true, value: undefined });
    expect(judgeHttpEndpointResponse(json(200, { requestId: 'other' }), 'r')).toMatchObject({ ok: false, errorCode: 'HttpEndpoint.InvalidResponseFromDestination' });
    expect(judgeHttpEndpointResponse(json(200, { requestId: 'r' }, { 'content-type': 'text/plain' }), 'r')).toMatchObject({ ok: false, errorCode: 'HttpEndpoint.InvalidResponseFromDestination' });
    expect(judgeHttpEndpointResponse(json(500, { requestId: 'r', errorMessage: 'boom' }), 'r')).toMatchObject({ ok: false, errorCode: 'HttpEndpoint.DestinationException', permanent: false });
    expect(judgeHttpEndpointResponse(json(413, {}), 'r')).toMatchObject({ ok: false, permanent: true });
    expect(judgeHttpEndpointResponse(json(201, { requestId: 'r' }), 'r')).toMatchObject({ ok: false });
  });

  it('accepts https, and http only to loopback', () => {
    expect(checkEndpointUrl('https://example.com/', 'url')).toBeUndefined();
    expect(checkEndpointUrl('http://127.0.0.1:9000/', 'url')).toBeUndefined();
    expect(checkEndpointUrl('http://localhost/', 'url')).toBeUndefined();
    expect(checkEndpointUrl('http://example.com/', 'url')).toMatch(/^1 validation error detected: Value 'http:\/\/example.com\/' at 'url' failed to satisfy constraint: Member must satisfy regular expression pattern: https:\/\/\.\*/);
  });
});

describe('OpenSearch', () => {
  it('rotates index names from the arrival time, the guide’s table for 2016-02-25 13:00 UTC', () => {
    expect(rotatedIndexName('myindex', 'NoRotation', T0)).toBe('myindex');
    expect(rotatedIndexName('myindex', 'OneHour', T0)).toBe('myindex-2016-02-25-13');
    expect(rotatedIndexName('myindex', 'OneDay', T0)).toBe('myindex-2016-02-25');
    expect(rotatedIndexName('myindex', undefined, T0)).toBe('myindex-2016-02-25');
    expect(rotatedIndexName('myindex', 'OneWeek', T0)).toBe('myindex-2016-w08');
    expect(rotatedIndexName('myindex', 'OneWeek', T0, 'us')).toBe('myindex-2016-w09');
    expect(rotatedIndexName('myindex', 'OneMonth', T0)).toBe('myindex-2016-02');
    // ISO week-year: 2021-01-01 (a Friday) belongs to 2020's week 53.
    expect(rotatedIndexName('i', 'OneWeek', Date.UTC(2021, 0, 1))).toBe('i-2020-w53');
  });

  it('renders the bulk body with explicit index, type and stable ids', () => {
    const config = { RoleARN: 'r', IndexName: 'logs', TypeName: 'doc', IndexRotationPeriod: 'OneDay' as const, S3Configuration: s3 };
    const docs = bulkDocuments(config, [rec('{"a":1}', '4960'), rec('{"b":2}\n', '4961')], 'iso');
    expect(new TextDecoder().decode(bulkBody(config, docs))).toBe(
      '{"index":{"_index":"logs-2016-02-25","_type":"doc","_id":"4960.0"}}\n{"a":1}\n' +
      '{"index":{"_index":"logs-2016-02-25","_type":"doc","_id":"4961.0"}}\n{"b":2}\n',
    );
    const noId = bulkDocuments({ ...config, TypeName: '', DocumentIdOptions: { DefaultDocumentIdFormat: 'NO_DOCUMENT_ID' } }, [rec('{}', 'x')], 'iso');
    expect(new TextDecoder().decode(bulkBody({ ...config, TypeName: '' }, noId))).toBe('{"index":{"_index":"logs-2016-02-25"}}\n{}\n');
  });

  it('finds the rejected documents in a bulk answer', () => {
    const answer = json(200, { errors: true, items: [{ index: { status: 201 } }, { index: { status: 400, error: { type: 'mapper_parsing_exception' } } }] });
    expect(bulkFailures(answer, 2)).toEqual([{ position: 1, status: 400, error: '{"type":"mapper_parsing_exception"}' }]);
    expect(bulkFailures(json(200, { errors: false, items: [{}, {}] }), 2)).toEqual([]);
  });
});

describe('Splunk HEC', () => {
  const config = { HECEndpoint: 'https://splunk.example.com:8088/', HECEndpointType: 'Raw' as const, HECToken: 'tok', S3Configuration: s3 };

  it('posts the raw bytes concatenated, with the token and a channel', () => {
    const request = hecRequest(config, 'chan-1', [rec('a', '1'), rec('b', '2')]);
    expect(request.url).toBe('https://splunk.example.com:8088/services/collector/raw?channel=chan-1');
    expect(request.headers).toMatchObject({ Authorization: 'Splunk tok', 'X-Splunk-Request-Channel': 'chan-1' });
    expect(new TextDecoder().decode(request.body)).toBe('ab');
    expect(hecRequest({ ...config, HECEndpointType: 'Event' }, 'c', []).url).toBe('https://splunk.example.com:8088/services/collector/event?channel=c');
    const ack = hecAckRequest(config, 'chan-1', 7);
    expect([ack.url, new TextDecoder().decode(ack.body)]).toEqual(['https://splunk.example.com:8088/services/collector/ack?channel=chan-1', '{"acks":[7]}']);
  });

  it('reads ack ids, a missing ack as DisabledAck, and ack answers', () => {
    expect(readHecAnswer(json(200, { text: 'Success', code: 0, ackId: 3 }))).toEqual({ ackId: 3 });
    expect(readHecAnswer(json(200, { text: 'Success', code: 0 }))).toMatchObject({ errorCode: 'Splunk.DisabledAck' });
    expect(readHecAnswer(json(403, { text: 'Invalid token', code: 4 }))).toMatchObject({ errorCode: 'Splunk.InvalidToken' });
    expect(readAckAnswer(json(200, { acks: { 3: true } }), 3)).toBe(true);
    expect(readAckAnswer(json(200, { acks: { 3: false } }), 3)).toBe(false);
  });
});

describe('Redshift', () => {
  it('renders the manifest, its key and the reconstructed COPY', () => {
    const config = { RoleARN: 'arn:aws:iam::123456789012:role/fh', ClusterJDBCURL: 'jdbc:redshift://c.abc.us-east-1.redshift.amazonaws.com:5439/db', CopyCommand: { DataTableName: 'message', DataTableColumns: 'ts, guid, temp', CopyOptions: "JSON 'auto' GZIP" }, S3Configuration: { ...s3, CompressionFormat: 'GZIP' as const } };
    expect(manifestBody(['s3://b/k1'])).toBe('{"entries":[{"url":"s3://b/k1","mandatory":true}]}');
    expect(manifestKey('p/', 'redshift-delivery-stream', 1, Date.UTC(2020, 2, 2, 20, 51, 34), 'u-u')).toBe('p/manifests/2020/03/02/20/redshift-delivery-stream-1-2020-03-02-20-51-34-u-u');
    const copy = copyStatement(config, 's3://b/p/manifests/x');
    expect(copy.statement).toBe("COPY message (ts, guid, temp) FROM 's3://b/p/manifests/x' CREDENTIALS 'aws_iam_role=arn:aws:iam::123456789012:role/fh' MANIFEST JSON 'auto' GZIP;");
    expect(copy.reconstruction).toBe(true);
    expect(copy.warnings).toEqual([]);
    expect(copyStatement({ ...config, CopyCommand: { DataTableName: 't' } }, 's3://m').warnings[0]).toMatch(/no GZIP/);
  });
});

describe('retries', () => {
  it('backs off 1 s doubling with ±15 % jitter, capped at 2 minutes', () => {
    const mid = scriptedRandom();
    expect([1, 2, 3, 8, 20].map((n) => backoffMs(n, mid))).toEqual([1000, 2000, 4000, 120_000, 120_000]);
    expect(backoffMs(1, { ...mid, next: () => 0 })).toBe(850);
    expect(backoffMs(1, { ...mid, next: () => 0.999999 })).toBe(1150);
  });

  it('retries until the next try would start past the retry duration', async () => {
    const timeline = new VirtualTimeline(0);
    const starts: number[] = [];
    const outcome = await retryWithin(10_000, { timeline, random: scriptedRandom() }, () => {
      starts.push(timeline.now());
      return Promise.resolve({ ok: false as const, errorCode: 'E', errorMessage: 'no' });
    });
    expect(starts).toEqual([0, 1000, 3000, 7000]);
    expect(outcome).toMatchObject({ attempts: 4, startedMs: 0, endedMs: 7000 });
    const once = await retryWithin(0, { timeline, random: scriptedRandom() }, () => Promise.resolve({ ok: false as const, errorCode: 'E', errorMessage: 'no' }));
    expect(once.attempts).toBe(1);
  });
});

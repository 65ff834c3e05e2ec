// The AWS side of the Firehose screens where no peer emulator exists here: S3 (delivered objects) and CloudWatch
// (AWS/Firehose metrics). A loopback HTTP server answers the real SDK clients with responses shaped as the service
// models give them (S3 REST XML for ListObjectsV2, ranged GetObject; CloudWatch JSON 1.0 GetMetricData). What is
// tested is ours: the requests we make (read-only, the stream's bucket and prefix, ranges, namespace, metric names
// and dimensions) and how answers become the screen's data.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listPrefixes, objectChunk, s3ObjectSource, viewObject } from '../../main/services/firehose/deliveredObjects';
import { cloudWatchMetrics } from '../../main/services/firehose/liveState';
import { gzipSync } from 'node:zlib';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const OBJECT = gzipSync(Buffer.from('a\nb\nc\n'));
const KEYS = [
  { key: 'logs/2026/12/02/10/s-1-2026-12-02-10-00-00-a.gz', modified: '2026-12-02T10:05:00.000Z' },
  { key: 'logs/2026/12/02/11/s-1-2026-12-02-11-00-00-b.gz', modified: '2026-12-02T11:05:00.000Z' },
];

let server: http.Server;
let endpoint: string;
let seen: Seen[] = [];
let cloudWatchAnswer: (body: { MetricDataQueries: { Id: string }[] }) => unknown = () => ({ MetricDataResults: [] });

function s3Answer(req: Seen, res: http.ServerResponse): void {
  const url = new URL(req.url, 'http://x');
  if (url.searchParams.get('list-type') === '2') {
    const contents = KEYS.map((k) => `<Contents><Key>${k.key}</Key><LastModified>${k.modified}</LastModified><Size>${OBJECT.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`).join('');
    res.writeHead(200, { 'Content-Type': 'application/xml' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>bucket</Name><Prefix>${url.searchParams.get('prefix') ?? ''}</Prefix><KeyCount>${KEYS.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`);
    return;
  }
  const range = /^bytes=(\d+)-(\d+)$/.exec(String(req.headers.range ?? ''));
  const from = Number(range?.[1] ?? 0);
  const to = Math.min(Number(range?.[2] ?? OBJECT.length - 1), OBJECT.length - 1);
  const part = OBJECT.subarray(from, to + 1);
  res.writeHead(206, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(part.length), 'Content-Range': `bytes ${from}-${to}/${OBJECT.length}` });
  res.end(part);
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      if (req.headers['x-amz-target'] || String(req.headers['content-type']).includes('amz-json') || req.headers['smithy-protocol']) {
        res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify(cloudWatchAnswer(JSON.parse(body) as { MetricDataQueries: { Id: string }[] })));
        return;
      }
      s3Answer(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen = [];
});

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

describe('delivered objects on S3', () => {
  it('lists the newest under the prefix, reads by range, decompresses by extension, and only ever reads', async () => {
    const s3 = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials, maxAttempts: 1 });
    try {
      const source = s3ObjectSource(s3);
      const prefixes = listPrefixes('logs/!{timestamp:yyyy}/', 'errors/!{firehose:error-output-type}/');
      expect(prefixes).toEqual(['logs/', 'errors/']);
      const listed = await source.list('bucket', prefixes, 1);
      expect(listed).toMatchObject({ source: 's3', location: 's3://bucket/logs/' });
      expect(listed.objects).toEqual([{ bucket: 'bucket', key: KEYS[1]?.key, size: OBJECT.length, lastModifiedMs: Date.parse(KEYS[1]?.modified ?? '') }]);
      const lists = seen.filter((s) => s.url.includes('list-type=2'));
      expect(lists.map((s) => new URL(s.url, 'http://x').searchParams.get('prefix'))).toEqual(['logs/', 'errors/']);
      expect(lists.every((s) => s.url.startsWith('/bucket'))).toBe(true);

      const view = await viewObject(source, 'bucket', KEYS[1]?.key ?? '');
      expect(Buffer.from(view.raw.base64, 'base64').equals(OBJECT)).toBe(true);
      expect(Buffer.from(view.decompressed?.base64 ?? '', 'base64').toString()).toBe('a\nb\nc\n');
      const chunk = await objectChunk(source, 'bucket', KEYS[1]?.key ?? '', 3);
      expect(chunk).toMatchObject({ offset: 3, size: OBJECT.length, done: true });
      expect(Buffer.from(chunk.base64, 'base64').equals(OBJECT.subarray(3))).toBe(true);
      expect(seen.every((s) => s.method === 'GET')).toBe(true);
      expect(seen.filter((s) => s.headers.range).map((s) => s.headers.range)).toContain(`bytes=3-${3 + 512 * 1024 - 1}`);
    } finally {
      s3.destroy();
    }
  });
});

describe('Firehose metrics from CloudWatch', () => {
  it('asks AWS/Firehose for incoming, delivered and freshness of the destination, per delivery stream', async () => {
    const cloudWatch = new CloudWatchClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
    try {
      const now = Date.UTC(2026, 11, 2, 12, 0, 0);
      const at = (now - 600_000) / 1000;
      cloudWatchAnswer = (body) => ({
        MetricDataResults: body.MetricDataQueries.map((q, i) => ({ Id: q.Id, Label: q.Id, Timestamps: [at], Values: [10 * (i + 1)], StatusCode: 'Complete' })),
        Messages: [],
      });
      const metrics = await cloudWatchMetrics(cloudWatch, 'orders', 'HttpEndpoint', now);
      const request = JSON.parse(seen[0]?.body ?? '{}') as { MetricDataQueries: { MetricStat: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown[] }; Stat: string } }[] };
      expect(request.MetricDataQueries.map((q) => [q.MetricStat.Metric.Namespace, q.MetricStat.Metric.MetricName, q.MetricStat.Stat])).toEqual([
        ['AWS/Firehose', 'IncomingRecords', 'Sum'],
        ['AWS/Firehose', 'DeliveryToHttpEndpoint.Records', 'Sum'],
        ['AWS/Firehose', 'DeliveryToHttpEndpoint.DataFreshness', 'Maximum'],
      ]);
      expect(request.MetricDataQueries[0]?.MetricStat.Metric.Dimensions).toEqual([{ Name: 'DeliveryStreamName', Value: 'orders' }]);
      expect(metrics).toMatchObject({
        source: 'cloudwatch',
        incomingRecords: [{ atMs: now - 600_000, value: 10 }],
        deliveredRecords: [{ atMs: now - 600_000, value: 20 }],
        freshnessSeconds: [{ atMs: now - 600_000, value: 30 }],
      });
    } finally {
      cloudWatch.destroy();
    }
  });
});

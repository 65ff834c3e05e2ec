// The engine's delivery to endpoints instead of local files: --s3-endpoint sends S3 objects with the real
// @aws-sdk/client-s3 (path-style, SigV4, credentials from the environment) to an S3-compatible endpoint (here an
// HTTP server started by the test that takes PutObject); --opensearch-endpoint is the cluster a DomainARN stands
// for (here a `_bulk` receiver), with index rotation from each record's arrival time.
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { CreateDeliveryStreamCommand, FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { raw, start } from '../support/engine-kit';
import { listFiles, sendJson, useDeliveryFixture, useEnvCredentials, type ReceivedRequest } from '../support/firehose';
import { dummyCredentials } from '../support/kinesis';
import { sleep } from '../support/sleep';

const ROLE = 'arn:aws:iam::000000000000:role/firehose';
/** 2016-02-25 13:30 UTC, the guide's rotation example; the engine's clock runs on from there. */
const T0 = Date.UTC(2016, 1, 25, 13, 30);

const fx = useDeliveryFixture('fh-endpoints');

function clockFrom(t0: number): () => number {
  const started = Date.now();
  return () => t0 + (Date.now() - started);
}

function client(engine: RunningEngine): FirehoseClient {
  return new FirehoseClient({ endpoint: engine.endpoint, region: 'us-east-1', credentials: dummyCredentials, maxAttempts: 1 });
}

async function waitActive(engine: RunningEngine, name: string): Promise<void> {
  for (let i = 0; i < 100 && engine.firehose.find('us-east-1', name)?.status !== 'ACTIVE'; i++) await sleep(20);
}

async function putAndFlush(engine: RunningEngine, fh: FirehoseClient, name: string, lines: string[]): Promise<void> {
  const out = await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: lines.map((line) => ({ Data: Buffer.from(line) })) }));
  expect(out.FailedPutCount).toBe(0);
  const flushed = await raw(engine, 'Firehose_20150804.LocalFlushDeliveryStream', JSON.stringify({ DeliveryStreamName: name }));
  expect(flushed.status, flushed.text).toBe(200);
}

/** A cluster's `_bulk` answer: every document created. */
function bulkAnswer(request: ReceivedRequest): unknown {
  const actions = request.body.toString().split('\n').filter((_, i) => i % 2 === 0).filter(Boolean);
  return { took: 1, errors: false, items: actions.map((line) => ({ index: { ...(JSON.parse(line) as { index: object }).index, status: 201, result: 'created' } })) };
}

describe('Firehose delivery to endpoints given to the engine', () => {
  useEnvCredentials('AKIDS3ENDPOINTTEST', 's3-endpoint-test-secret');

  it('puts S3 objects to --s3-endpoint (path-style key, the bytes, Content-Encoding) and writes no files', async () => {
    const s3 = await fx.receiver((req, res) => {
      res.writeHead(200, { ETag: '"0123456789abcdef0123456789abcdef"', 'Content-Length': 0 });
      res.end();
    });
    const engine = await start({ dataDir: fx.path, s3Endpoint: s3.url, clock: clockFrom(T0) });
    const fh = client(engine);
    try {
      await fh.send(new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'to-s3',
        ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::lake', Prefix: 'in/', CompressionFormat: 'GZIP' },
      }));
      await waitActive(engine, 'to-s3');
      await putAndFlush(engine, fh, 'to-s3', ['{"a":1}\n', '{"b":2}\n']);
      expect(s3.requests).toHaveLength(1);
      const put = s3.requests[0] as ReceivedRequest;
      expect(put.method).toBe('PUT');
      expect(decodeURIComponent(put.url.split('?')[0] ?? '')).toMatch(/^\/lake\/in\/2016\/02\/25\/13\/to-s3-1-2016-02-25-13-30-\d{2}-[0-9a-f-]{36}\.gz$/);
      expect(put.headers['content-encoding']).toBe('gzip');
      expect(put.headers['content-type']).toBe('application/octet-stream');
      expect(put.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDS3ENDPOINTTEST\/\d{8}\/us-east-1\/s3\/aws4_request/);
      expect(gunzipSync(put.body).toString()).toBe('{"a":1}\n{"b":2}\n');
      expect(await listFiles(join(fx.path, 's3'))).toEqual([]);
    } finally {
      fh.destroy();
      await engine.close();
    }
  });

  it('sends `_bulk` requests for a DomainARN to --opensearch-endpoint, with OneHour index rotation', async () => {
    const cluster = await fx.receiver((req, res) => sendJson(res, 200, bulkAnswer(req)));
    const engine = await start({ dataDir: fx.path, openSearchEndpoint: cluster.url, clock: clockFrom(T0) });
    const fh = client(engine);
    try {
      await fh.send(new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'to-search',
        AmazonopensearchserviceDestinationConfiguration: {
          RoleARN: ROLE,
          DomainARN: 'arn:aws:es:us-east-1:000000000000:domain/logs',
          IndexName: 'logs',
          IndexRotationPeriod: 'OneHour',
          S3Configuration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::failed' },
        },
      }));
      await waitActive(engine, 'to-search');
      await putAndFlush(engine, fh, 'to-search', ['{"level":"info"}', '{"level":"warn"}\n']);
      expect(cluster.requests.map((r) => [r.method, r.url, r.headers['content-type']])).toEqual([['POST', '/_bulk', 'application/x-ndjson']]);
      const lines = (cluster.requests[0] as ReceivedRequest).body.toString().split('\n');
      expect(lines).toHaveLength(5);
      expect(lines.filter((_, i) => i % 2 === 0 && i < 4).map((line) => (JSON.parse(line) as { index: { _index: string } }).index._index)).toEqual(['logs-2016-02-25-13', 'logs-2016-02-25-13']);
      expect([lines[1], lines[3], lines[4]]).toEqual(['{"level":"info"}', '{"level":"warn"}', '']);
      const row = engine.firehose.find('us-east-1', 'to-search');
      expect(row && engine.firehose.store.pendingRecords(row.id)).toEqual([]);
    } finally {
      fh.destroy();
      await engine.close();
    }
  });

  it('keeps a DomainARN stream’s records stored, undelivered, when the engine has no --opensearch-endpoint', async () => {
    const engine = await start({ dataDir: fx.path });
    const fh = client(engine);
    try {
      await fh.send(new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'no-cluster',
        ElasticsearchDestinationConfiguration: { RoleARN: ROLE, DomainARN: 'arn:aws:es:us-east-1:000000000000:domain/logs', IndexName: 'logs', S3Configuration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::failed' } },
      }));
      await waitActive(engine, 'no-cluster');
      await putAndFlush(engine, fh, 'no-cluster', ['{"x":1}']);
      const row = engine.firehose.find('us-east-1', 'no-cluster');
      expect(row && engine.firehose.store.pendingRecords(row.id).length).toBe(1);
    } finally {
      fh.destroy();
      await engine.close();
    }
  });
});

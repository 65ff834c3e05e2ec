// Real delivery from the engine's Firehose API: records put through @aws-sdk/client-firehose land as S3 objects
// under <dataDir>/s3/<bucket>/<key> (AWS's key format, records concatenated), after the local-only flush; records
// accepted but not delivered when the engine stops are delivered after it starts again (at-least-once).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CreateDeliveryStreamCommand, FirehoseClient, PutRecordBatchCommand, PutRecordCommand } from '@aws-sdk/client-firehose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { raw, start } from '../support/engine-kit';
import { dummyCredentials } from '../support/kinesis';

const ROLE = 'arn:aws:iam::000000000000:role/firehose';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name))).sort();
}

function firehoseClient(engine: RunningEngine): FirehoseClient {
  return new FirehoseClient({ endpoint: engine.endpoint, region: 'us-east-1', credentials: dummyCredentials, maxAttempts: 1 });
}

async function flush(engine: RunningEngine, name: string): Promise<void> {
  const response = await raw(engine, 'Firehose_20150804.LocalFlushDeliveryStream', JSON.stringify({ DeliveryStreamName: name }));
  expect(response.status, response.text).toBe(200);
}

describe('Firehose delivery from the engine', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shardscope-fh-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes put records, concatenated, to an S3 object with AWS key format on flush', async () => {
    const engine = await start({ dataDir });
    const fh = firehoseClient(engine);
    try {
      await fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'orders', ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::lake', Prefix: 'in/' } }));
      await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'orders', Records: [{ Data: Buffer.from('abc') }, { Data: Buffer.from('def') }] }));
      await fh.send(new PutRecordCommand({ DeliveryStreamName: 'orders', Record: { Data: Buffer.from('ghi') } }));
      // Buffered for 300 s by default: nothing yet.
      expect(await filesUnder(join(dataDir, 's3'))).toEqual([]);
      await flush(engine, 'orders');
      const files = await filesUnder(join(dataDir, 's3', 'lake'));
      expect(files).toHaveLength(1);
      const key = files[0] ?? '';
      // <prefix> + the implicit yyyy/MM/dd/HH/ (no '/' inserted) + <stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>
      expect(key).toMatch(/^in\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/orders-1-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(await readFile(join(dataDir, 's3', 'lake', key), 'utf8')).toBe('abcdefghi');
      const row = engine.firehose.find('us-east-1', 'orders');
      expect(row && engine.firehose.store.pendingRecords(row.id)).toEqual([]);
    } finally {
      fh.destroy();
      await engine.close();
    }
  });

  it('delivers records that were accepted but not delivered before a restart', async () => {
    const first = await start({ dataDir });
    const fh = firehoseClient(first);
    try {
      await fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'kept', S3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::keep' } }));
      await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'kept', Records: [{ Data: Buffer.from('one\n') }, { Data: Buffer.from('two\n') }] }));
    } finally {
      fh.destroy();
      await first.close();
    }
    expect(await filesUnder(join(dataDir, 's3'))).toEqual([]);

    const second = await start({ dataDir });
    try {
      const row = second.firehose.find('us-east-1', 'kept');
      expect(row && second.firehose.store.pendingRecords(row.id).map((r) => Buffer.from(r.data, 'base64').toString())).toEqual(['one\n', 'two\n']);
      await flush(second, 'kept');
      const files = await filesUnder(join(dataDir, 's3', 'keep'));
      expect(files).toHaveLength(1);
      expect(await readFile(join(dataDir, 's3', 'keep', files[0] ?? ''), 'utf8')).toBe('one\ntwo\n');
      expect(row && second.firehose.store.pendingRecords(row.id)).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('settles every delivered record before a clean stop, so a restart delivers nothing twice', async () => {
    const first = await start({ dataDir });
    const fh = firehoseClient(first);
    const lines = Array.from({ length: 5000 }, (_, i) => `r${i}\n`);
    try {
      await fh.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'clean', S3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::clean' } }));
      for (let i = 0; i < lines.length; i += 500) {
        await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'clean', Records: lines.slice(i, i + 500).map((line) => ({ Data: Buffer.from(line) })) }));
      }
      const row = first.firehose.find('us-east-1', 'clean');
      if (!row) throw new Error('no delivery stream');
      // Settlement deletes a slice at a time between other work; stopping right after the delivery must still
      // settle all of it.
      await first.firehoseDelivery.flushNow(row.id);
    } finally {
      fh.destroy();
      await first.close();
    }
    const second = await start({ dataDir });
    try {
      const row = second.firehose.find('us-east-1', 'clean');
      expect(row && second.firehose.store.pendingRecords(row.id).length).toBe(0);
      await flush(second, 'clean');
      const files = await filesUnder(join(dataDir, 's3', 'clean'));
      expect(files).toHaveLength(1);
      expect(await readFile(join(dataDir, 's3', 'clean', files[0] ?? ''), 'utf8')).toBe(lines.join(''));
    } finally {
      await second.close();
    }
  });

  it('POSTs put records to an HTTP endpoint with Firehose headers and body', async () => {
    const received: { headers: IncomingHttpHeaders; body: { requestId: string; timestamp: number; records: { data: string }[] } }[] = [];
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      req.on('end', () => {
        const body = JSON.parse(text) as (typeof received)[number]['body'];
        received.push({ headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ requestId: body.requestId, timestamp: Date.now() }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const engine = await start({ dataDir });
    const fh = firehoseClient(engine);
    try {
      await fh.send(new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'hooks',
        HttpEndpointDestinationConfiguration: {
          EndpointConfiguration: { Url: `http://127.0.0.1:${port}/in`, AccessKey: 'secret-key' },
          S3Configuration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::backup' },
        },
      }));
      await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'hooks', Records: [{ Data: Buffer.from('{"a":1}') }, { Data: Buffer.from('{"b":2}') }] }));
      await flush(engine, 'hooks');
      expect(received).toHaveLength(1);
      const [request] = received;
      expect(request?.headers['x-amz-firehose-protocol-version']).toBe('1.0');
      expect(request?.headers['x-amz-firehose-access-key']).toBe('secret-key');
      expect(request?.headers['x-amz-firehose-source-arn']).toBe('arn:aws:firehose:us-east-1:000000000000:deliverystream/hooks');
      expect(request?.body.records.map((r) => Buffer.from(r.data, 'base64').toString())).toEqual(['{"a":1}', '{"b":2}']);
    } finally {
      fh.destroy();
      await engine.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

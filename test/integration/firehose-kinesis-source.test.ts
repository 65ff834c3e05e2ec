// A KinesisStreamAsSource delivery stream reading a local Kinesis stream of the same engine: only records written
// after delivery started, every shard, children after a reshard, and checkpoints that survive a restart (nothing
// read twice, nothing skipped).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import { PutRecordsCommand, UpdateShardCountCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../main/server/engine/startEngine';
import { raw, start } from '../support/engine-kit';
import { dummyCredentials, sdkClient } from '../support/kinesis';
import { sleep } from '../support/sleep';

const ROLE = 'arn:aws:iam::000000000000:role/firehose';
const SOURCE_ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/src';

async function put(kinesis: KinesisClient, lines: string[]): Promise<void> {
  const out = await kinesis.send(new PutRecordsCommand({ StreamName: 'src', Records: lines.map((line, i) => ({ Data: Buffer.from(`${line}\n`), PartitionKey: `k${i}` })) }));
  expect(out.FailedRecordCount).toBe(0);
}

async function delivered(engine: RunningEngine, dataDir: string): Promise<string[]> {
  const response = await raw(engine, 'Firehose_20150804.LocalFlushDeliveryStream', JSON.stringify({ DeliveryStreamName: 'from-src' }));
  expect(response.status, response.text).toBe(200);
  const dir = join(dataDir, 's3', 'sink');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const lines: string[] = [];
  for (const entry of entries.filter((e) => e.isFile())) lines.push(...(await readFile(join(entry.parentPath, entry.name), 'utf8')).split('\n').filter(Boolean));
  return lines.sort();
}

async function readUntil(engine: RunningEngine, count: number): Promise<void> {
  const row = engine.firehose.find('us-east-1', 'from-src');
  if (!row) throw new Error('no delivery stream');
  for (let i = 0; i < 100; i++) {
    await engine.firehoseDelivery.reader(row.id)?.readOnce();
    if (engine.firehose.store.pendingRecords(row.id).length >= count) return;
    await sleep(50);
  }
  throw new Error(`the source reader did not take ${count} records`);
}

describe('Firehose with a Kinesis stream as source', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shardscope-fhsrc-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers what is written after it starts, follows a reshard, and resumes from its checkpoints', async () => {
    let engine = await start({ dataDir, createStreams: ['src:2'] });
    let kinesis = sdkClient(engine.endpoint);
    const fh = new FirehoseClient({ endpoint: engine.endpoint, region: 'us-east-1', credentials: dummyCredentials, maxAttempts: 1 });
    try {
      await put(kinesis, ['before-1', 'before-2']);
      await sleep(20);
      await fh.send(new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'from-src',
        DeliveryStreamType: 'KinesisStreamAsSource',
        KinesisStreamSourceConfiguration: { KinesisStreamARN: SOURCE_ARN, RoleARN: ROLE },
        ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::sink' },
      }));
      await sleep(20);
      const first = Array.from({ length: 6 }, (_, i) => `a-${i}`);
      await put(kinesis, first);
      await readUntil(engine, 6);
      // Each record keeps its Kinesis metadata for the pipeline (Lambda events, KPL de-aggregation).
      const row = engine.firehose.find('us-east-1', 'from-src');
      const kept = row ? engine.firehose.store.pendingRecords(row.id) : [];
      expect(JSON.parse(kept[0]?.kinesis ?? '{}')).toMatchObject({ shardId: expect.stringMatching(/^shardId-\d{12}$/), partitionKey: expect.stringMatching(/^k\d$/), sequenceNumber: expect.stringMatching(/^\d{56}$/) });
      expect(await delivered(engine, dataDir)).toEqual(first);

      // Reshard: the parents are read to their end, then the children.
      await kinesis.send(new UpdateShardCountCommand({ StreamName: 'src', TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' }));
      await sleep(50);
      const second = Array.from({ length: 8 }, (_, i) => `b-${i}`);
      await put(kinesis, second);
      await readUntil(engine, 8);
      expect(await delivered(engine, dataDir)).toEqual([...first, ...second].sort());
    } finally {
      fh.destroy();
      kinesis.destroy();
      await engine.close();
    }

    // Restarted: reading resumes after the checkpoints, so nothing is delivered twice.
    engine = await start({ dataDir });
    kinesis = sdkClient(engine.endpoint);
    try {
      await put(kinesis, ['c-0', 'c-1']);
      await readUntil(engine, 2);
      const lines = await delivered(engine, dataDir);
      expect(lines).toEqual([...Array.from({ length: 6 }, (_, i) => `a-${i}`), ...Array.from({ length: 8 }, (_, i) => `b-${i}`), 'c-0', 'c-1'].sort());
    } finally {
      kinesis.destroy();
      await engine.close();
    }
  });
});

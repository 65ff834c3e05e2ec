// Crash safety of Firehose delivery: an engine process takes PutRecordBatch into a Direct PUT delivery stream and
// PutRecords into a Kinesis stream that a second delivery stream reads, while both deliver to S3 files (1-s
// buffers); it is SIGKILLed at a random moment, several times, and restarted on the same data directory. Every
// record the engine acknowledged must end up in the files under <dataDir>/s3. Duplicates are allowed (AWS promises
// at-least-once) and are counted and reported; no half-written object may be left behind.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { raw } from '../support/engine-kit';
import { dummyCredentials, kinesisClient } from '../support/kinesis';
import { startPeer, type RunningPeer } from '../support/peers';
import { seededRandom, seedFromEnv, type Random } from '../support/random';
import { sleep } from '../support/sleep';
import { tempDir, type TempDir } from '../support/tempDir';

const ROUNDS = 6;
const ROLE = 'arn:aws:iam::000000000000:role/firehose';
const HINTS = { IntervalInSeconds: 1, SizeInMBs: 1 };
/** Bucket per delivery stream; each record is one line, so objects split back into records. */
const BUCKETS = { direct: 'direct-lake', sourced: 'sourced-lake' } as const;

function firehoseClient(endpoint: string): FirehoseClient {
  return new FirehoseClient({
    endpoint,
    region: 'us-east-1',
    credentials: dummyCredentials,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 8 }), requestTimeout: 30_000 }),
  });
}

/** Sequential PutRecordBatch calls until the engine dies under them; acknowledged lines go to the ledger. */
async function directWriter(fh: FirehoseClient, random: Random, tag: string, acked: Set<string>, stop: () => boolean): Promise<void> {
  for (let call = 0; !stop(); call++) {
    const lines = Array.from({ length: random.int(1, 300) }, (_, i) => `${tag}-c${call}-${i}-${'x'.repeat(random.int(0, 200))}`);
    try {
      const out = await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: 'direct', Records: lines.map((line) => ({ Data: Buffer.from(`${line}\n`) })) }));
      (out.RequestResponses ?? []).forEach((entry, i) => {
        const line = lines[i];
        if (!entry.ErrorCode && entry.RecordId && line) acked.add(line);
      });
    } catch {
      return; // killed mid-call: never acknowledged
    }
  }
}

async function kinesisWriter(kinesis: KinesisClient, random: Random, tag: string, acked: Set<string>, stop: () => boolean): Promise<void> {
  for (let call = 0; !stop(); call++) {
    const lines = Array.from({ length: random.int(1, 300) }, (_, i) => `${tag}-c${call}-${i}`);
    try {
      const out = await kinesis.send(new PutRecordsCommand({ StreamName: 'src', Records: lines.map((line, i) => ({ Data: Buffer.from(`${line}\n`), PartitionKey: `p${i}` })) }));
      (out.Records ?? []).forEach((entry, i) => {
        const line = lines[i];
        if (!entry.ErrorCode && entry.SequenceNumber && line) acked.add(line);
      });
    } catch {
      return;
    }
  }
}

interface Bucket {
  lines: Map<string, number>;
  objects: number;
  /** Files that are not delivered objects (temporary files of an interrupted write). */
  leftovers: string[];
}

async function readBucket(dataDir: string, bucket: string): Promise<Bucket> {
  const root = join(dataDir, 's3', bucket);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const result: Bucket = { lines: new Map(), objects: 0, leftovers: [] };
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    if (entry.name.startsWith('.')) {
      result.leftovers.push(relative(root, path));
      continue;
    }
    result.objects++;
    const text = await readFile(path, 'utf8');
    expect(text.endsWith('\n'), `${relative(root, path)} ends mid-record`).toBe(true);
    for (const line of text.split('\n').slice(0, -1)) result.lines.set(line, (result.lines.get(line) ?? 0) + 1);
  }
  return result;
}

async function flush(peer: RunningPeer, name: string): Promise<void> {
  const response = await raw(peer, 'Firehose_20150804.LocalFlushDeliveryStream', JSON.stringify({ DeliveryStreamName: name }));
  expect(response.status, response.text).toBe(200);
}

describe('Firehose delivery through SIGKILLs', () => {
  let dir: TempDir | undefined;
  let peer: RunningPeer | undefined;
  afterAll(async () => {
    await peer?.kill();
    dir?.remove();
  });

  it(`delivers every acknowledged record after ${ROUNDS} SIGKILLs during ingest and delivery (duplicates counted)`, async () => {
    const seed = seedFromEnv(0xf1e5_c4a5);
    const random = seededRandom(seed);
    const context = `(seed ${seed}; replay with HARNESS_SEED=${seed})`;
    dir = tempDir('fh-crash');
    const dataDir = dir.path;
    const acked = { direct: new Set<string>(), sourced: new Set<string>() };

    peer = await startPeer('engine', { dataDir, extraArgs: ['--create-streams', 'src:2'] });
    const setup = firehoseClient(peer.endpoint);
    await setup.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'direct', ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: `arn:aws:s3:::${BUCKETS.direct}`, BufferingHints: HINTS } }));
    await setup.send(new CreateDeliveryStreamCommand({
      DeliveryStreamName: 'sourced',
      DeliveryStreamType: 'KinesisStreamAsSource',
      KinesisStreamSourceConfiguration: { KinesisStreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/src', RoleARN: ROLE },
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: `arn:aws:s3:::${BUCKETS.sourced}`, BufferingHints: HINTS },
    }));
    for (const name of ['direct', 'sourced']) {
      for (let i = 0; i < 100; i++) {
        const out = await setup.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
        if (out.DeliveryStreamDescription?.DeliveryStreamStatus === 'ACTIVE') break;
        await sleep(50);
      }
    }
    setup.destroy();

    for (let round = 0; round < ROUNDS; round++) {
      const running: RunningPeer = peer;
      const fh = firehoseClient(running.endpoint);
      const kinesis = kinesisClient(running.endpoint, 4);
      let killed = false;
      const before = acked.direct.size + acked.sourced.size;
      const writers = [
        directWriter(fh, seededRandom(random.int(0, 2 ** 31)), `r${round}-d0`, acked.direct, () => killed),
        directWriter(fh, seededRandom(random.int(0, 2 ** 31)), `r${round}-d1`, acked.direct, () => killed),
        kinesisWriter(kinesis, seededRandom(random.int(0, 2 ** 31)), `r${round}-k0`, acked.sourced, () => killed),
      ];
      // Kill once this round has acknowledged something, at a random moment of the 1-s flush cycle and beyond.
      const started = Date.now();
      while (acked.direct.size + acked.sourced.size === before && Date.now() - started < 20_000) await sleep(5);
      await sleep(random.int(200, 3000));
      expect(running.child.exitCode ?? running.child.signalCode, `round ${round}: the engine exited by itself ${context}\n${running.output()}`).toBeNull();
      await running.kill();
      killed = true;
      expect((await running.exited).signal).toBe('SIGKILL');
      await Promise.all(writers);
      fh.destroy();
      kinesis.destroy();
      expect(acked.direct.size + acked.sourced.size, `round ${round}: nothing acknowledged ${context}`).toBeGreaterThan(before);
      peer = await startPeer('engine', { dataDir });
    }

    // The last restart: records stored but not settled are put again at start, the source reader resumes from
    // its checkpoints. Flush until every acknowledged record has landed (or time runs out).
    const missing = { direct: [] as string[], sourced: [] as string[] };
    const buckets: Record<keyof typeof BUCKETS, Bucket> = { direct: { lines: new Map(), objects: 0, leftovers: [] }, sourced: { lines: new Map(), objects: 0, leftovers: [] } };
    const deadline = Date.now() + 60_000;
    for (;;) {
      for (const name of ['direct', 'sourced'] as const) {
        await flush(peer, name);
        buckets[name] = await readBucket(dataDir, BUCKETS[name]);
        missing[name] = [...acked[name]].filter((line) => !buckets[name].lines.has(line));
      }
      if ((missing.direct.length === 0 && missing.sourced.length === 0) || Date.now() > deadline) break;
      await sleep(250);
    }

    const report: string[] = [];
    for (const name of ['direct', 'sourced'] as const) {
      const { lines, objects, leftovers } = buckets[name];
      let duplicates = 0;
      for (const count of lines.values()) duplicates += count - 1;
      const unacknowledged = [...lines.keys()].filter((line) => !acked[name].has(line)).length;
      report.push(`${name}: ${acked[name].size} acknowledged, ${objects} objects, ${duplicates} duplicate deliveries, ${unacknowledged} delivered whose call never returned`);
      expect(missing[name].slice(0, 5), `${name}: ${missing[name].length} of ${acked[name].size} acknowledged records were never delivered ${context}`).toEqual([]);
      expect(leftovers, `${name}: temporary files left in the bucket folder ${context}`).toEqual([]);
      expect(acked[name].size).toBeGreaterThan(500);
    }
    console.info(`firehose crash safety ${context}: ${ROUNDS} SIGKILLs; ${report.join('; ')}`);
    await peer.stop();
  }, 240_000);
});

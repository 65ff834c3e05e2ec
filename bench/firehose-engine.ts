// `node --import tsx bench/firehose-engine.ts [--part ingest|source|flush|all] [--seconds N] [--clients N]
//   [--source-rate N] [--source-seconds N] [--timing-runs N]`
// Firehose through the engine, started as a child process on a data folder, driven over HTTP by the wire client
// (signed AWS JSON 1.1, as the SDK sends it, without the SDK's client-side cost):
// (ingest) PutRecordBatch of 500 records of 100 bytes from N concurrent clients into a buffered GZIP Extended S3
//   delivery stream (default hints, 5 MiB / 300 s), records/s acknowledged, then what landed in the files;
// (source) a KinesisStreamAsSource delivery stream (1 s / 1 MiB hints) while records go into its source stream at
//   --source-rate records/s: delivered/s and the lag (a record's put time to its object's write time, and the
//   records put but not yet delivered), sampled every 250 ms;
// (flush) one record into a 1 s-interval stream, the object's write time (file mtime) minus the put's send time
//   (an upper bound on the buffer's open time) minus the interval, idle and while a second stream takes records.
// Prints JSON; asserts nothing about time.
import { readdir, readFile, stat } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuSeconds, startPeer } from '../test/support/peers';
import { sleep } from '../test/support/sleep';
import { tempDir } from '../test/support/tempDir';
import { printRun } from './printRun';
import { FIREHOSE_API, prepareBody, WireClient } from './wireClient';

const { values } = parseArgs({
  options: {
    part: { type: 'string', default: 'all' },
    seconds: { type: 'string', default: '10' },
    clients: { type: 'string', default: '4' },
    'source-rate': { type: 'string', default: '5000' },
    'source-seconds': { type: 'string', default: '20' },
    'timing-runs': { type: 'string', default: '10' },
    /** An engine already running (e.g. under --cpu-prof) on --data-dir, instead of a fresh child per part. */
    endpoint: { type: 'string' },
    'data-dir': { type: 'string' },
  },
});

const ROLE = 'arn:aws:iam::000000000000:role/firehose';
const RECORD_BYTES = 100;

function record(i: number, stamp = ''): string {
  const head = `{"id":${i},"t":${stamp || 0},"pad":"`;
  return `${head}${'x'.repeat(Math.max(0, RECORD_BYTES - head.length - 3))}"}\n`;
}

const round = (n: number, digits = 0) => Number(n.toFixed(digits));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

async function createDelivery(fh: WireClient, body: Record<string, unknown>): Promise<void> {
  await fh.call('CreateDeliveryStream', body);
  for (let i = 0; i < 200; i++) {
    const out = await fh.call<{ DeliveryStreamDescription: { DeliveryStreamStatus: string } }>('DescribeDeliveryStream', { DeliveryStreamName: body.DeliveryStreamName });
    if (out.DeliveryStreamDescription.DeliveryStreamStatus === 'ACTIVE') return;
    await sleep(20);
  }
  throw new Error(`${String(body.DeliveryStreamName)} did not become ACTIVE`);
}

/** Objects of a bucket folder, each once: the callback sees new files only. */
async function scanBucket(root: string, seen: Set<string>, onObject: (path: string, text: string, mtimeMs: number) => void): Promise<void> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    const path = join(entry.parentPath, entry.name);
    if (seen.has(path)) continue;
    seen.add(path);
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    onObject(path, text, info.mtimeMs);
  }
}

async function ingest(endpoint: string, dataDir: string, pid?: number) {
  const seconds = Number(values.seconds);
  const clients = Number(values.clients);
  const fh = new WireClient(endpoint, clients, FIREHOSE_API);
  await createDelivery(fh, { DeliveryStreamName: 'ingest', ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::ingest', CompressionFormat: 'GZIP' } });
  const body = prepareBody({ DeliveryStreamName: 'ingest', Records: Array.from({ length: 500 }, (_, i) => ({ Data: Buffer.from(record(i)).toString('base64') })) });
  let acked = 0;
  let failed = 0;
  // The engine's own CPU time: on a shared machine the wall-clock rate follows the load, CPU per record does not.
  const cpuBefore = pid === undefined ? undefined : await cpuSeconds(pid);
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < end) {
      const out = await fh.call<{ FailedPutCount: number; RequestResponses: unknown[] }>('PutRecordBatch', body);
      acked += out.RequestResponses.length - out.FailedPutCount;
      failed += out.FailedPutCount;
    }
  }));
  const elapsed = (performance.now() - start) / 1000;
  const engineCpu = pid === undefined || cpuBefore === undefined ? undefined : (await cpuSeconds(pid)) - cpuBefore;
  const flushStart = performance.now();
  await fh.call('LocalFlushDeliveryStream', { DeliveryStreamName: 'ingest' });
  const flushSeconds = (performance.now() - flushStart) / 1000;
  const objects = (await readdir(join(dataDir, 's3', 'ingest'), { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && !e.name.startsWith('.')).length;
  fh.destroy();
  return {
    clients,
    batch: 500,
    recordBytes: RECORD_BYTES,
    seconds: round(elapsed, 2),
    acknowledged: acked,
    failed,
    recordsPerSecond: Math.round(acked / elapsed),
    ...(engineCpu === undefined ? {} : { engineCpuSeconds: round(engineCpu, 2), recordsPerEngineCpuSecond: Math.round(acked / engineCpu) }),
    objects,
    finalFlushSeconds: round(flushSeconds, 2),
  };
}

async function source(endpoint: string, dataDir: string) {
  const rate = Number(values['source-rate']);
  const seconds = Number(values['source-seconds']);
  const fh = new WireClient(endpoint, 2, FIREHOSE_API);
  const kinesis = new WireClient(endpoint, 4);
  await kinesis.call('CreateStream', { StreamName: 'src', ShardCount: 4 });
  for (let i = 0; i < 200; i++) {
    const out = await kinesis.call<{ StreamDescriptionSummary: { StreamStatus: string } }>('DescribeStreamSummary', { StreamName: 'src' });
    if (out.StreamDescriptionSummary.StreamStatus === 'ACTIVE') break;
    await sleep(20);
  }
  await createDelivery(fh, {
    DeliveryStreamName: 'sourced',
    DeliveryStreamType: 'KinesisStreamAsSource',
    KinesisStreamSourceConfiguration: { KinesisStreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/src', RoleARN: ROLE },
    ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::sourced', BufferingHints: { IntervalInSeconds: 1, SizeInMBs: 1 } },
  });
  const root = join(dataDir, 's3', 'sourced');
  const seen = new Set<string>();
  const delays: number[] = [];
  let delivered = 0;
  let put = 0;
  let maxBacklog = 0;
  const backlogSamples: number[] = [];
  const onObject = (_path: string, text: string, mtimeMs: number) => {
    for (const line of text.split('\n')) {
      if (!line) continue;
      const t = (JSON.parse(line) as { t: number }).t;
      delays.push(mtimeMs - t);
      delivered++;
    }
  };
  // Writer: batches of 500 every 500 / rate seconds, on a schedule that does not drift.
  const perBatch = 500;
  const intervalMs = (perBatch / rate) * 1000;
  const start = Date.now();
  const end = start + seconds * 1000;
  let writing = true;
  const writer = (async () => {
    for (let n = 0; Date.now() < end; n++) {
      const due = start + n * intervalMs;
      if (due > Date.now()) await sleep(due - Date.now());
      const now = Date.now();
      const records = Array.from({ length: perBatch }, (_, i) => ({ Data: Buffer.from(record(put + i, String(now))).toString('base64'), PartitionKey: `k${put + i}` }));
      const out = await kinesis.call<{ FailedRecordCount: number }>('PutRecords', { StreamName: 'src', Records: records });
      put += perBatch - out.FailedRecordCount;
    }
    writing = false;
  })();
  while (writing) {
    await sleep(250);
    await scanBucket(root, seen, onObject);
    const backlog = put - delivered;
    backlogSamples.push(backlog);
    maxBacklog = Math.max(maxBacklog, backlog);
  }
  await writer;
  const writeSeconds = (Date.now() - start) / 1000;
  // Drain: what was put is delivered within a few intervals.
  const drainStart = Date.now();
  while (delivered < put && Date.now() - drainStart < 30_000) {
    await sleep(100);
    await scanBucket(root, seen, onObject);
  }
  const sorted = [...delays].sort((a, b) => a - b);
  const secondHalf = backlogSamples.slice(Math.floor(backlogSamples.length / 2));
  fh.destroy();
  kinesis.destroy();
  return {
    offeredRate: rate,
    seconds: round(writeSeconds, 1),
    put,
    delivered,
    putPerSecond: Math.round(put / writeSeconds),
    deliveredPerSecond: Math.round(delivered / ((Date.now() - start) / 1000)),
    drainSeconds: round((Date.now() - drainStart) / 1000, 2),
    lagMs: { p50: round(percentile(sorted, 0.5)), p99: round(percentile(sorted, 0.99)), max: round(sorted.at(-1) ?? NaN) },
    backlogRecords: { max: maxBacklog, meanFirstHalf: Math.round(mean(backlogSamples.slice(0, secondHalf.length))), meanSecondHalf: Math.round(mean(secondHalf)) },
    objects: seen.size,
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

async function flushTiming(endpoint: string, dataDir: string) {
  const runs = Number(values['timing-runs']);
  const fh = new WireClient(endpoint, 4, FIREHOSE_API);
  await createDelivery(fh, { DeliveryStreamName: 'timed', ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::timed', BufferingHints: { IntervalInSeconds: 1, SizeInMBs: 5 } } });
  await createDelivery(fh, { DeliveryStreamName: 'busy', ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::busy', CompressionFormat: 'GZIP' } });
  const root = join(dataDir, 's3', 'timed');
  const seen = new Set<string>();
  const measure = async (): Promise<number[]> => {
    const late: number[] = [];
    for (let run = 0; run < runs; run++) {
      const sentAt = Date.now();
      await fh.call('PutRecord', { DeliveryStreamName: 'timed', Record: { Data: Buffer.from(record(run)).toString('base64') } });
      let mtime: number | undefined;
      while (mtime === undefined) {
        await sleep(20);
        await scanBucket(root, seen, (_path, _text, mtimeMs) => (mtime = mtimeMs));
        if (Date.now() - sentAt > 10_000) throw new Error('no object within 10 s of a 1 s interval');
      }
      late.push(mtime - sentAt - 1000);
    }
    return late.sort((a, b) => a - b);
  };
  const idle = await measure();
  // Under load: another stream takes PutRecordBatch from two clients the whole time.
  const busyBody = prepareBody({ DeliveryStreamName: 'busy', Records: Array.from({ length: 500 }, (_, i) => ({ Data: Buffer.from(record(i)).toString('base64') })) });
  let loading = true;
  let busyRecords = 0;
  const loadStart = performance.now();
  const load = Promise.all([0, 1].map(async () => {
    while (loading) {
      await fh.call('PutRecordBatch', busyBody);
      busyRecords += 500;
    }
  }));
  const loaded = await measure();
  loading = false;
  await load;
  const busyRate = busyRecords / ((performance.now() - loadStart) / 1000);
  fh.destroy();
  const summary = (late: number[]) => ({ minMs: round(late[0] ?? NaN), p50Ms: round(percentile(late, 0.5)), maxMs: round(late.at(-1) ?? NaN) });
  return { intervalSeconds: 1, runs, idle: summary(idle), underIngest: { ...summary(loaded), otherStreamRecordsPerSecond: Math.round(busyRate) } };
}

printRun('firehose-engine.ts', 'firehoseEngine', async () => {
  const part = values.part;
  if (!['ingest', 'source', 'flush', 'all'].includes(part)) throw new Error(`--part needs ingest, source, flush or all, got ${part}`);
  const out: Record<string, unknown> = {};
  const parts: [string, (endpoint: string, dataDir: string, pid?: number) => Promise<unknown>][] = [['ingest', ingest], ['source', source], ['flush', flushTiming]];
  for (const [name, run] of parts) {
    if (part !== 'all' && part !== name) continue;
    if (values.endpoint && values['data-dir']) {
      out[name] = await run(values.endpoint, values["data-dir"]);
      continue;
    }
    // A fresh engine and data folder per part, so one part's leftovers do not load the next.
    const dir = tempDir(`bench-fh-${name}`);
    const peer = await startPeer('engine', { dataDir: dir.path, statusDelayMs: 0 }, 90_000);
    try {
      out[name] = await run(peer.endpoint, dir.path, peer.pid);
    } finally {
      await peer.stop();
      dir.remove();
    }
  }
  out.loadAverageAfter = loadavg().map((n) => round(n, 1));
  return out;
});

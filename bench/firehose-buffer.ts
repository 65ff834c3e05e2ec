// `node --import tsx bench/firehose-buffer.ts [--records N] [--record-bytes B] [--timing-runs N]`
// Firehose delivery core, on the real clock and real files: (1) records/s through buffering (the default 5 MiB /
// 300 s hints, so every object is a size flush), GZIP and delivery to S3 files, put in batches of 500 as
// PutRecordBatch would; (2) how late a time flush's object is written after its interval: idle (1 s hints, one
// record per buffer) and under ingest (1 s hints, 50,000 records/s in batches of 500 every 10 ms, GZIP).
// Prints JSON; asserts nothing about time.
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  combineSink, createDeliveryPipeline, fileObjectStore, nodeHttpTransport, type DeliveryEvent, type DeliveryPipelineConfig,
} from '../main/engine/firehose/delivery';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    'record-bytes': { type: 'string', default: '100' },
    'timing-runs': { type: 'string', default: '10' },
  },
});
const totalRecords = Number(values.records);
const recordBytes = Number(values['record-bytes']);
const timingRuns = Number(values['timing-runs']);

const stream = { DeliveryStreamName: 'bench', DeliveryStreamARN: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/bench', version: 1, region: 'us-east-1' };
const s3 = { RoleARN: 'arn:aws:iam::123456789012:role/firehose', BucketARN: 'arn:aws:s3:::bench' };

function record(i: number): Uint8Array {
  const text = `{"id":${i},"kind":"order","amount":${(i * 37) % 1000},"pad":"`;
  const out = new Uint8Array(recordBytes).fill(0x78);
  out.set(new TextEncoder().encode(text).subarray(0, recordBytes - 3));
  out.set([0x22, 0x7d, 0x0a], recordBytes - 3);
  return out;
}

async function throughput(dataDir: string) {
  const config: DeliveryPipelineConfig = { stream, destination: { kind: 'ExtendedS3', config: { ...s3, Prefix: 'orders/', CompressionFormat: 'GZIP' } } };
  let objects = 0;
  let storedBytes = 0;
  const p = createDeliveryPipeline(config, {
    sink: combineSink(fileObjectStore(dataDir), nodeHttpTransport()),
    onEvent: (e: DeliveryEvent) => {
      if (e.type === 'object') {
        objects++;
        storedBytes += e.storedBytes;
      }
    },
  });
  const batch = Array.from({ length: 500 }, (_, i) => ({ data: record(i) }));
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let sent = 0; sent < totalRecords; sent += batch.length) {
    p.put(batch);
    // Let the queue work as a server would between requests: wait for it every 20 batches (10,000 records).
    if ((sent / batch.length) % 20 === 19) await p.idle();
  }
  await p.flushNow();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const state = p.state();
  await p.close();
  return {
    records: totalRecords,
    recordBytes,
    seconds: round(seconds, 3),
    recordsPerSecond: Math.round(totalRecords / seconds),
    megabytesPerSecond: round((totalRecords * recordBytes) / seconds / 1024 / 1024, 1),
    objects,
    compressionRatio: round((totalRecords * recordBytes) / storedBytes, 2),
    cpuSeconds: round((cpu.user + cpu.system) / 1e6, 2),
    delivered: state.counters.deliveredRecords,
  };
}

async function flushTiming(dataDir: string) {
  const lateness: number[] = [];
  for (let run = 0; run < timingRuns; run++) {
    let resolveObject: (atMs: number) => void = () => undefined;
    const written = new Promise<number>((resolve) => {
      resolveObject = resolve;
    });
    const p = createDeliveryPipeline({ stream, destination: { kind: 'ExtendedS3', config: { ...s3, Prefix: `timing-${run}/`, BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 1 } } } }, {
      sink: combineSink(fileObjectStore(dataDir), nodeHttpTransport()),
      onEvent: (e) => {
        if (e.type === 'object') resolveObject(Date.now());
      },
    });
    p.put([{ data: record(run) }]);
    await p.idle();
    const due = p.state().nextFlushAtMs ?? 0;
    const at = await written;
    lateness.push(at - due);
    await p.close();
  }
  lateness.sort((a, b) => a - b);
  return { intervalSeconds: 1, runs: timingRuns, objectWrittenAfterDueMs: { min: lateness[0], median: lateness[Math.floor(lateness.length / 2)], max: lateness[lateness.length - 1] } };
}

async function flushTimingUnderLoad(dataDir: string, seconds = 6, perSecond = 50_000) {
  const flushes: Extract<DeliveryEvent, { type: 'flush' }>[] = [];
  const written: number[] = [];
  const p = createDeliveryPipeline({ stream, destination: { kind: 'ExtendedS3', config: { ...s3, Prefix: 'loaded/', CompressionFormat: 'GZIP', BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 1 } } } }, {
    sink: combineSink(fileObjectStore(dataDir), nodeHttpTransport()),
    onEvent: (e) => {
      if (e.type === 'flush') flushes.push(e);
      else if (e.type === 'object') written.push(e.atMs);
    },
  });
  const batch = Array.from({ length: 500 }, (_, i) => ({ data: record(i) }));
  const tickMs = 1000 / (perSecond / batch.length);
  const start = Date.now();
  let sent = 0;
  while (Date.now() - start < seconds * 1000) {
    const target = Math.floor((Date.now() - start) / tickMs) + 1;
    while (sent < target) {
      p.put(batch);
      sent++;
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs / 2));
  }
  await p.close();
  // Deliveries run in flush order, so the n-th object written belongs to the n-th flush.
  const lateness = flushes.filter((f) => f.reason === 'interval').map((f) => (written[flushes.indexOf(f)] ?? Number.NaN) - f.dueAtMs).sort((a, b) => a - b);
  return {
    intervalSeconds: 1,
    recordsPerSecondOffered: perSecond,
    recordsPut: sent * batch.length,
    timeFlushes: lateness.length,
    objectWrittenAfterDueMs: { min: lateness[0], median: lateness[Math.floor(lateness.length / 2)], max: lateness[lateness.length - 1] },
  };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

const dataDir = await mkdtemp(join(tmpdir(), 'shardscope-firehose-bench-'));
try {
  const result = {
    bench: 'firehose-buffer',
    node: process.version,
    cpus: cpus().length,
    startedAt: new Date().toISOString(),
    throughput: await throughput(dataDir),
    flushTiming: await flushTiming(dataDir),
    flushTimingUnderLoad: await flushTimingUnderLoad(dataDir),
    loadAverageAtEnd: loadavg().map((l) => round(l, 2)),
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

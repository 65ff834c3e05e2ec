// `npm run bench [-- --quick] [-- --peers engine,kinesalite,kinesis-local] [-- --big-records N] [-- --no-big]`
// Runs the same SDK client code (HTTP/1.1 NodeHttpHandler, keep-alive, 16 sockets) against our engine and the peer
// emulators, each started as a child process, and prints the figures as JSON with ratios to kinesalite from the same
// run. It never asserts on time: speed is reported, not tested.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { kinesisClient, sleep } from '../test/support/kinesis';
import { cpuSeconds, repoRoot, rssKiB, startPeer, type PeerKind, type RunningPeer } from '../test/support/peers';
import { fanoutLatency } from './fanoutLatency';
import { limitsCost } from './limitsCost';
import { createStream, ingest, putToGetLatency, readBack, seek, type IngestFigures, type LatencyFigures, type ReadBackFigures, type SeekFigures, type SeekPosition } from './workloads';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    peers: { type: 'string', default: 'engine,kinesalite,kinesis-local' },
    'ingest-seconds': { type: 'string' },
    'latency-samples': { type: 'string' },
    'big-records': { type: 'string' },
    'no-big': { type: 'boolean', default: false },
    'in-flight': { type: 'string' },
    out: { type: 'string' },
  },
});
const quick = values.quick ?? false;
const options = {
  peers: (values.peers ?? '').split(',').filter(Boolean) as PeerKind[],
  ingestSeconds: Number(values['ingest-seconds'] ?? (quick ? 3 : 10)),
  latencySamples: Number(values['latency-samples'] ?? (quick ? 100 : 500)),
  bigRecords: values['no-big'] ? 0 : Number(values['big-records'] ?? (quick ? 200_000 : 10_000_000)),
  shards: 4,
  batchSize: 500,
  recordBytes: 100,
  inFlight: Number(values['in-flight'] ?? 8),
};

interface CpuFigures {
  /** CPU seconds the server process used during the ingest window. */
  serverCpuSeconds: number;
  /** CPU seconds this benchmark client used in the same window (it shares the 2 cores). */
  clientCpuSeconds: number;
}

interface PeerFigures {
  ingest?: IngestFigures;
  ingestCpu?: CpuFigures;
  readBackCpu?: CpuFigures;
  readBack?: ReadBackFigures;
  latency?: LatencyFigures;
  rssAfterMiB?: number;
  error?: string;
}

/** Runs `work` and reports the CPU both processes used meanwhile, to show which side a figure is bound by. */
async function withCpu<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; cpu: CpuFigures }> {
  const server = await cpuSeconds(pid);
  const client = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(client);
  return { result, cpu: { serverCpuSeconds: (await cpuSeconds(pid)) - server, clientCpuSeconds: (used.user + used.system) / 1e6 } };
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const mib = (kib: number) => Math.round(kib / 102.4) / 10;

async function withPeer<T>(kind: PeerKind, onDisk: boolean, run: (peer: RunningPeer) => Promise<T>): Promise<T> {
  const dataDir = onDisk ? await mkdtemp(join(tmpdir(), `shardscope-bench-${kind}-`)) : undefined;
  const peer = await startPeer(kind, { dataDir, statusDelayMs: 0 }, 90_000);
  try {
    return await run(peer);
  } finally {
    await peer.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

/** Ingest, read-back and latency: the figures every peer gets. Ours keeps its data on disk. */
async function measurePeer(kind: PeerKind): Promise<PeerFigures> {
  return withPeer(kind, kind === 'engine', async (peer) => {
    const client = kinesisClient(peer.endpoint, 16);
    try {
      log(`${kind}: ingest ${options.ingestSeconds} s into ${options.shards} shards`);
      await createStream(client, 'bench-ingest', options.shards);
      const { result: ingested, cpu: ingestCpu } = await withCpu(peer.pid, () =>
        ingest(client, 'bench-ingest', { durationMs: options.ingestSeconds * 1000, inFlight: options.inFlight, batchSize: options.batchSize, recordBytes: options.recordBytes }),
      );
      log(`${kind}: ${Math.round(ingested.recordsPerSecond)} records/s; reading back ${ingested.acknowledged}`);
      const { result: read, cpu: readBackCpu } = await withCpu(peer.pid, () => readBack(client, 'bench-ingest'));
      log(`${kind}: read back ${read.records} at ${Math.round(read.recordsPerSecond)} records/s; latency x${options.latencySamples}`);
      await createStream(client, 'bench-latency', 1);
      const latency = await putToGetLatency(client, 'bench-latency', options.latencySamples);
      return { ingest: ingested, ingestCpu, readBack: read, readBackCpu, latency, rssAfterMiB: mib(await rssKiB(peer.pid)) };
    } finally {
      client.destroy();
    }
  });
}

interface BigShardFigures {
  records: number;
  ingest: IngestFigures;
  rssAfterIngestMiB: number;
  peakRssMiB: number;
  atTimestamp: { limit100: SeekFigures; limitDefault: SeekFigures };
  atSequenceNumber: { limit100: SeekFigures; limitDefault: SeekFigures };
}

/** The median run of a few, so one scheduler hiccup on a shared machine does not make the figure. */
async function medianSeek(run: () => Promise<SeekFigures>): Promise<SeekFigures> {
  const runs: SeekFigures[] = [];
  for (let i = 0; i < 5; i++) runs.push(await run());
  runs.sort((a, b) => a.getShardIteratorMs + a.firstGetRecordsMs - (b.getShardIteratorMs + b.firstGetRecordsMs));
  return runs[2] ?? runs[0]!;
}

/** Ours only: N records of 100 B into one shard on disk, then RSS, then seeks into the middle of it. */
async function measureBigShard(records: number): Promise<BigShardFigures> {
  return withPeer('engine', true, async (peer) => {
    const client = kinesisClient(peer.endpoint, 16);
    let peakKiB = 0;
    const sampler = setInterval(() => {
      rssKiB(peer.pid).then((kib) => (peakKiB = Math.max(peakKiB, kib)), () => undefined);
    }, 250);
    try {
      await createStream(client, 'bench-big', 1);
      let middle: { time: Date; sequence: string } | undefined;
      let lastLog = 0;
      log(`engine: ingest ${records} records into one shard`);
      const ingested = await ingest(client, 'bench-big', {
        records,
        inFlight: options.inFlight,
        batchSize: options.batchSize,
        recordBytes: options.recordBytes,
        onBatch: (acknowledged, sequence) => {
          if (!middle && acknowledged >= records / 2 && sequence) middle = { time: new Date(), sequence };
          if (acknowledged - lastLog >= 1_000_000) {
            lastLog = acknowledged;
            log(`engine: ${acknowledged} records`);
          }
        },
      });
      clearInterval(sampler);
      await sleep(500);
      const rssAfterIngestMiB = mib(await rssKiB(peer.pid));
      if (!middle) throw new Error('no middle position recorded');
      const mark = middle;
      const atTs: SeekPosition = { ShardIteratorType: 'AT_TIMESTAMP', Timestamp: mark.time };
      const atSeq: SeekPosition = { ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: mark.sequence };
      return {
        records: ingested.acknowledged,
        ingest: ingested,
        rssAfterIngestMiB,
        peakRssMiB: mib(peakKiB),
        atTimestamp: { limit100: await medianSeek(() => seek(client, 'bench-big', atTs, 100)), limitDefault: await medianSeek(() => seek(client, 'bench-big', atTs)) },
        atSequenceNumber: { limit100: await medianSeek(() => seek(client, 'bench-big', atSeq, 100)), limitDefault: await medianSeek(() => seek(client, 'bench-big', atSeq)) },
      };
    } finally {
      clearInterval(sampler);
      client.destroy();
    }
  });
}

const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? null : Math.round((a / b) * 100) / 100);

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const peers: Partial<Record<PeerKind, PeerFigures>> = {};
  for (const kind of options.peers) {
    try {
      peers[kind] = await measurePeer(kind);
    } catch (error) {
      peers[kind] = { error: error instanceof Error ? error.message.slice(0, 2000) : String(error) };
      log(`${kind} failed: ${peers[kind]?.error}`);
    }
  }
  const base = peers.kinesalite;
  const ratiosToKinesalite = Object.fromEntries(
    Object.entries(peers)
      .filter(([kind]) => kind !== 'kinesalite')
      .map(([kind, figures]) => [
        kind,
        {
          ingestRecordsPerSecond: ratio(figures?.ingest?.recordsPerSecond, base?.ingest?.recordsPerSecond),
          readBackRecordsPerSecond: ratio(figures?.readBack?.recordsPerSecond, base?.readBack?.recordsPerSecond),
          // For latency a ratio below 1 is better: the peer's time divided by kinesalite's.
          latencyP50: ratio(figures?.latency?.p50Ms, base?.latency?.p50Ms),
          latencyP99: ratio(figures?.latency?.p99Ms, base?.latency?.p99Ms),
        },
      ]),
  );
  let bigShard: BigShardFigures | { error: string } | undefined;
  if (options.bigRecords > 0 && options.peers.includes('engine')) {
    try {
      bigShard = await measureBigShard(options.bigRecords);
    } catch (error) {
      bigShard = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  // Put → fan-out delivery latency: ours only (no peer serves SubscribeToShard); see bench/fanoutLatency.ts.
  const fanout = options.peers.includes('engine') ? await withPeer('engine', false, (peer) => fanoutLatency(peer.endpoint, options.latencySamples)).catch((error: unknown) => ({ error: String(error) })) : undefined;
  // Cost of realistic limits on ingest at 4 shards, under the limits: ours only, in-process; see bench/limitsCost.ts.
  const limits = options.peers.includes('engine') ? await limitsCost().catch((error: unknown) => ({ error: String(error) })) : undefined;
  const report = {
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, note: 'shared, noisy machine; ratios from the same run are what count' },
    options,
    client: '@aws-sdk/client-kinesis with NodeHttpHandler (HTTP/1.1, keep-alive, maxSockets 16), maxAttempts 1',
    peers,
    ratiosToKinesalite,
    bigShard,
    fanout,
    limitsCost: limits,
  };
  const json = JSON.stringify(report, null, 2);
  process.stdout.write(json + '\n');
  const outDir = join(repoRoot, 'bench', 'out');
  await mkdir(outDir, { recursive: true });
  await writeFile(values.out ?? join(outDir, quick ? 'latest-quick.json' : 'latest.json'), json + '\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

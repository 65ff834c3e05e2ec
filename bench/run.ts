// `npm run bench [-- --quick] [-- --peers engine,kinesalite,kinesis-local] [-- --big-records N] [-- --no-big]`
// Runs the same client code against our engine and the peer emulators, each started as a child process: the lean
// wire client (bench/wireClient.ts) for the headline ingest and read-back, the SDK (HTTP/1.1 NodeHttpHandler,
// keep-alive, 16 sockets) for the same again and for latency and seeks, and prints the figures as JSON with ratios to kinesalite from the same
// run. It never asserts on time: speed is reported, not tested.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { kinesisClient } from '../test/support/kinesis';
import { sleep } from '../test/support/sleep';
import { cpuSeconds, repoRoot, rssKiB, startPeer, type PeerKind, type RunningPeer } from '../test/support/peers';
import { fanoutLatency } from './fanoutLatency';
import { historyCost } from './historyCost';
import { limitsCost } from './limitsCost';
import { WireClient } from './wireClient';
import {
  createStream,
  ingest,
  listShardIds,
  putToGetLatency,
  readBack,
  sdkDrainer,
  sdkPutter,
  seek,
  wireDrainer,
  wirePutter,
  type DrainShard,
  type IngestFigures,
  type LatencyFigures,
  type PutBatch,
  type ReadBackFigures,
  type SeekFigures,
  type SeekPosition,
} from './workloads';
import { tempDir } from '../test/support/tempDir';

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

/** Ingest then read-back of what was written, with one client, and the CPU both sides used for each. */
interface ThroughputFigures {
  ingest: IngestFigures;
  ingestCpu: CpuFigures;
  readBack: ReadBackFigures;
  readBackCpu: CpuFigures;
}

interface PeerFigures {
  /** The headline figures: the lean wire client (bench/wireClient.ts). */
  wire?: ThroughputFigures;
  /** The same workloads through @aws-sdk/client-kinesis, for comparison. */
  sdk?: ThroughputFigures;
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
  const dataDir = onDisk ? tempDir(`bench-${kind}`).path : undefined;
  const peer = await startPeer(kind, { dataDir, statusDelayMs: 0 }, 90_000);
  try {
    return await run(peer);
  } finally {
    await peer.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

async function throughput(pid: number, stream: string, putter: () => PutBatch, drain: DrainShard, shardIds: () => Promise<string[]>): Promise<ThroughputFigures> {
  const { result: ingested, cpu: ingestCpu } = await withCpu(pid, () =>
    ingest(putter, { durationMs: options.ingestSeconds * 1000, inFlight: options.inFlight, batchSize: options.batchSize, recordBytes: options.recordBytes }),
  );
  log(`${stream}: ${Math.round(ingested.recordsPerSecond)} records/s; reading back ${ingested.acknowledged}`);
  const ids = await shardIds();
  const { result: read, cpu: readBackCpu } = await withCpu(pid, () => readBack(ids, drain));
  log(`${stream}: read back ${read.records} at ${Math.round(read.recordsPerSecond)} records/s`);
  if (read.records !== ingested.acknowledged) throw new Error(`${stream}: read back ${read.records} records of ${ingested.acknowledged} acknowledged`);
  return { ingest: ingested, ingestCpu, readBack: read, readBackCpu };
}

/** Ingest and read-back with each client, then latency: the figures every peer gets. Ours keeps its data on disk. */
async function measurePeer(kind: PeerKind): Promise<PeerFigures> {
  return withPeer(kind, kind === 'engine', async (peer) => {
    const client = kinesisClient(peer.endpoint, 16);
    const wireClient = new WireClient(peer.endpoint, 16);
    const shape = { inFlight: options.inFlight, batchSize: options.batchSize, recordBytes: options.recordBytes };
    try {
      log(`${kind}: ingest ${options.ingestSeconds} s into ${options.shards} shards, lean client then SDK`);
      await createStream(client, 'bench-wire', options.shards);
      const wire = await throughput(peer.pid, 'bench-wire', wirePutter(wireClient, 'bench-wire', shape), wireDrainer(wireClient, 'bench-wire'), () => listShardIds(client, 'bench-wire'));
      await createStream(client, 'bench-sdk', options.shards);
      const sdk = await throughput(peer.pid, 'bench-sdk', sdkPutter(client, 'bench-sdk', shape), sdkDrainer(client, 'bench-sdk'), () => listShardIds(client, 'bench-sdk'));
      log(`${kind}: latency x${options.latencySamples}`);
      await createStream(client, 'bench-latency', 1);
      const latency = await putToGetLatency(client, 'bench-latency', options.latencySamples);
      return { wire, sdk, latency, rssAfterMiB: mib(await rssKiB(peer.pid)) };
    } finally {
      client.destroy();
      wireClient.destroy();
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
    const wireClient = new WireClient(peer.endpoint, 16);
    let peakKiB = 0;
    const sampler = setInterval(() => {
      rssKiB(peer.pid).then((kib) => (peakKiB = Math.max(peakKiB, kib)), () => undefined);
    }, 250);
    try {
      await createStream(client, 'bench-big', 1);
      let middle: { time: Date; sequence: string } | undefined;
      let lastLog = 0;
      log(`engine: ingest ${records} records into one shard`);
      const shape = { inFlight: options.inFlight, batchSize: options.batchSize, recordBytes: options.recordBytes };
      const ingested = await ingest(wirePutter(wireClient, 'bench-big', shape), {
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
      wireClient.destroy();
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
          ingestRecordsPerSecond: ratio(figures?.wire?.ingest.recordsPerSecond, base?.wire?.ingest.recordsPerSecond),
          readBackRecordsPerSecond: ratio(figures?.wire?.readBack.recordsPerSecond, base?.wire?.readBack.recordsPerSecond),
          sdkIngestRecordsPerSecond: ratio(figures?.sdk?.ingest.recordsPerSecond, base?.sdk?.ingest.recordsPerSecond),
          sdkReadBackRecordsPerSecond: ratio(figures?.sdk?.readBack.recordsPerSecond, base?.sdk?.readBack.recordsPerSecond),
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
  // Cost of the per-minute metric history on ingest at 4 shards: ours only, in-process; see bench/historyCost.ts.
  const history = options.peers.includes('engine') ? await historyCost().catch((error: unknown) => ({ error: String(error) })) : undefined;
  const report = {
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, note: 'shared, noisy machine; ratios from the same run are what count' },
    options,
    clients: {
      wire: 'bench/wireClient.ts: AWS JSON 1.1 over node:http keep-alive (maxSockets 16), SigV4-signed, every response parsed (the headline figures)',
      sdk: '@aws-sdk/client-kinesis with NodeHttpHandler (HTTP/1.1, keep-alive, maxSockets 16), maxAttempts 1 (ingest/read-back for comparison; latency and seeks)',
    },
    peers,
    ratiosToKinesalite,
    bigShard,
    fanout,
    limitsCost: limits,
    historyCost: history,
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

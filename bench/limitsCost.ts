// What realistic limits cost on ingest when a stream stays under them: PutRecords of 500 × 100 B into a
// 4-shard stream, dispatched in-process (the engine's own cost: input decoding, routing, the write gates, the
// SQLite transaction, stats), for three engines side by side:
//   - bare: an engine without the control hooks (no stats, no gates doing work) — the floor;
//   - off: startEngine with limits off (the default; live stats on);
//   - realistic: startEngine with limits realistic, kept under the limits.
// "Under the limits" without waiting in real time: every engine runs on a virtual clock that moves 200 ms per
// call, so each shard sees ~125 records / 12.5 KB per call = 625 records/s, 62.5 KB/s — well inside 1,000
// records/s and 1 MiB/s, and the realistic engine's buckets admit everything (checked: failed must be 0).
// Rounds interleave the engines and the median round counts, so machine noise hits all three alike. The figure is
// CPU time per call (this process's user + system time: the engine runs synchronously in it), which other
// processes on a shared machine disturb far less than wall time; wall time is reported beside it.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildKinesisEngine } from '../main/engine/kinesis/kinesisEngine';
import { startEngine, type RunningEngine } from '../main/server/engine/startEngine';
import { createStream } from '../main/engine/kinesis/streams/streamLifecycle';
import { jsonWire } from '../main/engine/core/wire';
import { tempDir } from '../test/support/tempDir';

export interface LimitsCostOptions {
  rounds: number;
  callsPerRound: number;
  batchSize: number;
  recordBytes: number;
  shards: number;
}

export interface VariantFigures {
  /** Median over rounds of CPU time per call. */
  cpuMsPerCall: number;
  /** Median over rounds of wall time per call. */
  wallMsPerCall: number;
  /** batchSize ÷ cpuMsPerCall: what one core ingests. */
  recordsPerCpuSecond: number;
  failed: number;
}

export interface LimitsCostFigures {
  options: LimitsCostOptions;
  bare: VariantFigures;
  off: VariantFigures;
  realistic: VariantFigures;
  /** realistic ÷ off CPU time per call: the cost of the limits (target ≤ 1.10). */
  realisticOverOff: number;
  /** off ÷ bare: the cost of the always-on live stats. */
  offOverBare: number;
}

export const DEFAULT_LIMITS_COST: LimitsCostOptions = { rounds: 21, callsPerRound: 100, batchSize: 500, recordBytes: 100, shards: 4 };

interface Variant {
  name: 'bare' | 'off' | 'realistic';
  dispatch: (body: unknown) => Promise<unknown>;
  close: () => Promise<void> | void;
  cpu: number[];
  wall: number[];
  failed: number;
}

const STREAM = 'bench-limits';
const REQUEST = { region: 'us-east-1', requestId: 'bench', wire: jsonWire };

function clock(): { now: () => number; advance: () => void } {
  let t = Date.now();
  return { now: () => t, advance: () => (t += 200) };
}

async function variant(name: Variant['name'], dir: string, shards: number): Promise<Variant & { advance: () => void }> {
  const time = clock();
  if (name === 'bare') {
    const { engine, kinesis } = buildKinesisEngine({ dataDir: join(dir, name), statusDelayMs: 0, clock: time.now, controlHooks: false });
    createStream(kinesis, { region: 'us-east-1', name: STREAM, shardCount: shards, mode: 'PROVISIONED', delayMs: 0 });
    return { name, dispatch: (body) => kinesis.dispatch('PutRecords', body, REQUEST), close: () => engine.close(), cpu: [], wall: [], failed: 0, advance: time.advance };
  }
  const running: RunningEngine = await startEngine({ port: 0, dataDir: join(dir, name), statusDelayMs: 0, clock: time.now, limits: name, createStreams: [`${STREAM}:${shards}`] });
  return { name, dispatch: (body) => running.kinesis.dispatch('PutRecords', body, REQUEST), close: () => running.close(), cpu: [], wall: [], failed: 0, advance: time.advance };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

export async function limitsCost(options: LimitsCostOptions = DEFAULT_LIMITS_COST): Promise<LimitsCostFigures> {
  const dir = tempDir('bench-limits').path;
  const data = randomBytes(options.recordBytes).toString('base64');
  // Bodies as the JSON protocol parses them (base64 data), with distinct keys so records spread over the shards.
  const bodies = Array.from({ length: 16 }, (_, b) => ({
    StreamName: STREAM,
    Records: Array.from({ length: options.batchSize }, (_, i) => ({ PartitionKey: `pk-${b}-${i}-${randomBytes(4).toString('hex')}`, Data: data })),
  }));
  const variants = [await variant('bare', dir, options.shards), await variant('off', dir, options.shards), await variant('realistic', dir, options.shards)];
  try {
    for (let round = -1; round < options.rounds; round++) {
      for (const v of round % 2 === 0 ? variants : [...variants].reverse()) {
        const start = performance.now();
        const cpu = process.cpuUsage();
        for (let call = 0; call < options.callsPerRound; call++) {
          v.advance();
          const out = (await v.dispatch(bodies[call % bodies.length])) as { FailedRecordCount: number };
          v.failed += out.FailedRecordCount;
        }
        if (round >= 0) {
          // round -1 warms up
          const used = process.cpuUsage(cpu);
          v.cpu.push((used.user + used.system) / 1000 / options.callsPerRound);
          v.wall.push((performance.now() - start) / options.callsPerRound);
        }
      }
    }
  } finally {
    for (const v of variants) await v.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const figures = (v: Variant): VariantFigures => {
    const cpu = median(v.cpu);
    const round3 = (x: number) => Math.round(x * 1000) / 1000;
    return { cpuMsPerCall: round3(cpu), wallMsPerCall: round3(median(v.wall)), recordsPerCpuSecond: Math.round((options.batchSize * 1000) / cpu), failed: v.failed };
  };
  const [bare, off, realistic] = variants.map(figures) as [VariantFigures, VariantFigures, VariantFigures];
  const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
  return { options, bare, off, realistic, realisticOverOff: ratio(realistic.cpuMsPerCall, off.cpuMsPerCall), offOverBare: ratio(off.cpuMsPerCall, bare.cpuMsPerCall) };
}

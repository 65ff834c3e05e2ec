// What the per-minute metric history costs ingest: PutRecords of 500 × 100 B into a 4-shard stream on disk,
// dispatched in-process, for two engines side by side with limits off:
//   - without: startEngine({ metricsHistory: false }) — live per-second stats only;
//   - with: the default engine, its history writer run after every call.
// Both run on a virtual clock that moves 200 ms per call, so a minute rolls every 300 calls. The writer normally
// runs from a 1-second timer, which never fires inside this tight loop, so the bench calls it itself after every
// call (one comparison while the minute has not rolled; the minute's rows and the 24-hour delete when it has).
// Virtual time runs far faster than real time here (about 200 virtual seconds per real second), so minutes roll
// about 200 times as often per record as they would for real: the figure is an upper bound. CPU time per call,
// median of interleaved rounds, as in limitsCost.ts.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { jsonWire } from '../main/engine/core/wire';
import { startEngine, type RunningEngine } from '../main/server/engine/startEngine';
import { tempDir } from '../test/support/tempDir';

export interface HistoryCostOptions {
  rounds: number;
  callsPerRound: number;
  batchSize: number;
  recordBytes: number;
  shards: number;
}

export const DEFAULT_HISTORY_COST: HistoryCostOptions = { rounds: 21, callsPerRound: 300, batchSize: 500, recordBytes: 100, shards: 4 };

export interface HistoryCostFigures {
  options: HistoryCostOptions;
  without: { cpuMsPerCall: number; recordsPerCpuSecond: number };
  with: { cpuMsPerCall: number; recordsPerCpuSecond: number; minuteRows: number };
  /** with ÷ without CPU time per call, minus one: the history's share of ingest cost (target < 0.03). */
  cost: number;
}

const STREAM = 'bench-history';
const REQUEST = { region: 'us-east-1', requestId: 'bench', wire: jsonWire };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

interface Variant {
  running: RunningEngine;
  history: boolean;
  advance(): number;
  cpu: number[];
}

async function variant(dir: string, history: boolean, shards: number): Promise<Variant> {
  let t = Math.floor(Date.now() / 60_000) * 60_000;
  const running = await startEngine({ port: 0, dataDir: join(dir, history ? 'with' : 'without'), statusDelayMs: 0, clock: () => t, metricsHistory: history, createStreams: [`${STREAM}:${shards}`] });
  return { running, history, advance: () => (t += 200), cpu: [] };
}

export async function historyCost(options: HistoryCostOptions = DEFAULT_HISTORY_COST): Promise<HistoryCostFigures> {
  const dir = tempDir('bench-history').path;
  const data = randomBytes(options.recordBytes).toString('base64');
  const bodies = Array.from({ length: 16 }, (_, b) => ({
    StreamName: STREAM,
    Records: Array.from({ length: options.batchSize }, (_, i) => ({ PartitionKey: `pk-${b}-${i}-${randomBytes(4).toString('hex')}`, Data: data })),
  }));
  const variants = [await variant(dir, false, options.shards), await variant(dir, true, options.shards)];
  let minuteRows = 0;
  try {
    for (let round = -1; round < options.rounds; round++) {
      for (const v of round % 2 === 0 ? variants : [...variants].reverse()) {
        const { kinesis } = v.running;
        const cpu = process.cpuUsage();
        for (let call = 0; call < options.callsPerRound; call++) {
          const now = v.advance();
          await kinesis.dispatch('PutRecords', bodies[call % bodies.length], REQUEST);
          if (v.history) kinesis.controls.history.flush(now);
        }
        if (round >= 0) {
          const used = process.cpuUsage(cpu);
          v.cpu.push((used.user + used.system) / 1000 / options.callsPerRound);
        }
      }
    }
    minuteRows = Number(variants[1]?.running.kinesis.store.db.prepare('SELECT count(*) FROM metric_minutes').pluck().get());
  } finally {
    for (const v of variants) await v.running.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const figures = (v: Variant) => {
    const cpu = median(v.cpu);
    return { cpuMsPerCall: Math.round(cpu * 1000) / 1000, recordsPerCpuSecond: Math.round((options.batchSize * 1000) / cpu) };
  };
  const without = figures(variants[0] as Variant);
  const withHistory = { ...figures(variants[1] as Variant), minuteRows };
  return { options, without, with: withHistory, cost: Math.round((withHistory.cpuMsPerCall / without.cpuMsPerCall - 1) * 1000) / 1000 };
}

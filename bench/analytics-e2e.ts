// Analytics end to end, as the app runs it: the engine in its worker thread, a producer in main putting
// --rate records/s (PutRecords every 100 ms) over --keys partition keys into a --shards stream, and a tumbling
// 1-second `GROUP BY key` query run through the contract (analytics.run over a memory port, frames validated both
// ways) from LATEST. It reports whether the query keeps up (records counted against records put, the reader's
// lag) and the latency from a window's close (its end, on the wall clock, since ROWTIME is the arrival time) to
// its rows arriving at the RPC client. Prints JSON.
//   node --import tsx bench/analytics-e2e.ts [--seconds 20] [--rate 5000] [--keys 1000] [--shards 4] [--fanout]
//     [--key-prefix k] [--put-every 100]
// `--key-prefix key- --keys 8 --rate 1000 --put-every 50` is the Analytics screen bench's shape (the generator's
// key names, 8 keys of which none hashes to the fourth shard of four, a write every 50 ms). Per window it also
// splits the latency into window end → main sent the rows (the item's `at`) and sent → client, and reports how far
// the query's watermark at sending was past the window's end.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { analyticsCommands, analyticsSubscriptions, type InputSchema, type RunItem } from '../shared/contract/analytics';
import { defineContract } from '../shared/contract/index';
import { analyticsHandlers } from '../main/app/analyticsHandlers';
import { ConnectionManager } from '../main/connections/connectionManager';
import { startEngineWorker } from '../main/server/engine/worker/engineHost';
import { openSettingsStore } from '../main/storage/settingsStore';
import { sdkClient } from '../test/support/kinesis';
import { memoryClient, testDispatcher } from '../test/support/rpc-kit';
import { sleep } from '../test/support/sleep';
import { tempDir } from '../test/support/tempDir';
import { printRun } from './printRun';
import { percentile, createStream } from './workloads';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const seconds = arg('seconds', 20);
const rate = arg('rate', 5000);
const keys = arg('keys', 1000);
const shards = arg('shards', 4);
const mode = process.argv.includes('--fanout') ? 'fanout' : 'polling';
const keyPrefix = (() => {
  const i = process.argv.indexOf('--key-prefix');
  return i >= 0 ? (process.argv[i + 1] ?? 'k') : 'k';
})();
const putEveryMs = arg('put-every', 100);
const STREAM = 'bench-analytics';
const WARMUP_MS = 2000;

const contract = defineContract({ commands: analyticsCommands, subscriptions: analyticsSubscriptions, events: {} });

const figures = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { samples: sorted.length, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: sorted.at(-1) ?? NaN };
};

async function measure(): Promise<unknown> {
  const scratch = tempDir('bench-analytics');
  const engine = await startEngineWorker({ port: 0, inMemory: true, statusDelayMs: 0 });
  const settings = openSettingsStore(join(scratch.path, 'settings.db'));
  const manager = await ConnectionManager.open({ settings, checkOnSwitch: false, localEndpoint: engine.endpoint, awsPaths: () => ({ config: join(scratch.path, 'none'), credentials: join(scratch.path, 'none') }) });
  const handlers = analyticsHandlers(manager, settings);
  const dispatcher = testDispatcher(contract, { commands: handlers.commands, subscriptions: handlers.subscriptions }, 'bench');
  const client = await memoryClient(dispatcher, contract, 'bench');
  const kinesis = sdkClient(engine.endpoint, { maxAttempts: 3 });
  try {
    await createStream(kinesis, STREAM, shards);
    const schema: InputSchema = { format: { kind: 'json' }, columns: [{ name: 'key', path: '$.key', type: { base: 'VARCHAR', length: 16 } }, { name: 'amount', path: '$.amount', type: { base: 'INTEGER' } }] };
    const sql = `SELECT window_start, window_end, key, COUNT(*) AS n, SUM(amount) AS total
      FROM TABLE(TUMBLE(TABLE \`${STREAM}\`, DESCRIPTOR(ROWTIME), INTERVAL '1' SECOND))
      GROUP BY window_start, window_end, key`;

    const firstRowLatency = new Map<number, number>();
    /** Per window (its first rows item): window end → main sent it, and the watermark at sending − window end. */
    const firstSent = new Map<number, { sentMs: number; watermarkPastEndMs: number }>();
    const rowLatency: { end: number; ms: number }[] = [];
    const lags: number[] = [];
    /** The first late records (a record read after its windows closed), if any. */
    const lateSeen: { shardId: string; behindWatermarkMs: number; readAfterArrivalMs: number }[] = [];
    let counted = 0;
    let started = false;
    let stopped: string | null = null;
    let lastStats: Extract<RunItem, { type: 'stats' }> | null = null;
    const handle = client.subscribe('analytics.run', { sql, dialect: 'flink', schema, source: { kind: 'stream', streamName: STREAM, mode } }, {
      onBatch: (items) => {
        const now = Date.now();
        for (const item of items) {
          if (item.type === 'started') started = true;
          else if (item.type === 'stopped') stopped = item.message;
          else if (item.type === 'late') {
            for (const r of item.records) if (lateSeen.length < 5) lateSeen.push({ shardId: r.shardId, behindWatermarkMs: r.watermark - r.time, readAfterArrivalMs: now - r.time });
          } else if (item.type === 'stats') {
            lastStats = item;
            if (item.lagMs !== null) lags.push(item.lagMs);
          } else if (item.type === 'rows') {
            for (const row of item.rows) {
              const end = row.values[1] as number;
              if (!firstSent.has(end)) firstSent.set(end, { sentMs: item.at - end, watermarkPastEndMs: (item.watermark ?? NaN) - end });
              counted += row.values[3] as number;
              rowLatency.push({ end, ms: now - end });
              if (!firstRowLatency.has(end)) firstRowLatency.set(end, now - end);
            }
          }
        }
      },
      onEnd: (error) => {
        if (error) stopped = `${error.code}: ${error.message}`;
      },
    });
    while (!started && !stopped) await sleep(20);
    await sleep(500);

    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const cpuBefore = process.cpuUsage();
    // The producer: a PutRecords every putEveryMs (100 ms by default), on schedule (a late tick does not skip a batch).
    const perTick = Math.round((rate * putEveryMs) / 1000);
    const beginAt = Date.now();
    const endAt = beginAt + seconds * 1000;
    let put = 0;
    let failed = 0;
    let n = 0;
    const inflight = new Set<Promise<void>>();
    for (let tick = 0; beginAt + tick * putEveryMs < endAt; tick++) {
      const wait = beginAt + tick * putEveryMs - Date.now();
      if (wait > 0) await sleep(wait);
      const records = Array.from({ length: perTick }, () => {
        n++;
        const key = `${keyPrefix}${n % keys}`;
        return { PartitionKey: key, Data: Buffer.from(JSON.stringify({ key, amount: n % 100 })) };
      });
      const p = kinesis.send(new PutRecordsCommand({ StreamName: STREAM, Records: records })).then(
        (out) => {
          failed += out.FailedRecordCount ?? 0;
          put += records.length - (out.FailedRecordCount ?? 0);
        },
        () => void (failed += records.length),
      );
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
    await Promise.all([...inflight]);
    const lastPutAt = Date.now();
    // Every window up to the last record's must close: wait for the count to reach what was put (or 5 s).
    while (counted < put && Date.now() - lastPutAt < 5000 && !stopped) await sleep(50);
    const caughtUpMs = Date.now() - lastPutAt;
    loopDelay.disable();
    const cpu = process.cpuUsage(cpuBefore);
    handle.unsubscribe();
    const steady = [...firstRowLatency.entries()].filter(([end]) => end >= beginAt + WARMUP_MS).map(([, ms]) => ms);
    const steadySent = [...firstSent.entries()].filter(([end]) => end >= beginAt + WARMUP_MS).map(([, s]) => s);
    const stats = (lastStats as Extract<RunItem, { type: 'stats' }> | null)?.stats;
    return {
      setup: { seconds, ratePerSecond: rate, keys, keyPrefix, putEveryMs, shards, window: '1 s tumbling, GROUP BY key', source: `${mode}, every shard`, engine: 'worker thread', client: 'memory port (schema-checked frames)' },
      keepsUp: {
        recordsPut: put,
        putFailures: failed,
        recordsCountedInRows: counted,
        allCounted: counted === put,
        msAfterLastPutUntilAllCounted: counted === put ? caughtUpMs : null,
        readerLagMs: figures(lags),
        queryRecordsIn: stats?.recordsIn ?? null,
        lateRecords: stats?.lateRecords ?? null,
        firstLate: lateSeen,
        stateBytesAtEnd: stats?.state.estimatedBytes ?? null,
      },
      windowCloseToClient: { perWindowFirstRow: figures(steady), perWindowSortedMs: [...steady].sort((a, b) => a - b), everyRow: figures(rowLatency.filter((r) => r.end >= beginAt + WARMUP_MS).map((r) => r.ms)), target: '< 500 ms', excluded: `windows ending in the first ${WARMUP_MS / 1000} s` },
      windowCloseToMainSent: figures(steadySent.map((s) => s.sentMs)),
      watermarkAtSendingPastWindowEnd: figures(steadySent.map((s) => s.watermarkPastEndMs)),
      stopped,
      mainThread: {
        eventLoopDelayMs: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
        cpuSecondsPerSecond: (cpu.user + cpu.system) / 1e6 / ((Date.now() - beginAt) / 1000),
      },
      loadAverage1m: loadavg()[0],
      cores: cpus().length,
    };
  } finally {
    kinesis.destroy();
    handlers.close();
    dispatcher.close();
    manager.close();
    settings.close();
    await engine.stop();
    scratch.remove();
  }
}

printRun('analytics-e2e.ts', 'analyticsE2e', measure);

// Instrumentation for bench/ui-tail.ts, loaded only when the address has ?tailbench=1 (tailBenchProbe.ts): rows
// whose data carries "putAt" (the generator's clock when it made the record) are timed to the batch reaching the
// page and to the frame that first paints them. The bench reads and empties window.__tailBench.
import type { BenchBatchItem, TailBenchProbe } from './tailBenchTypes';

export interface BenchSamples {
  /** put → first painted, ms, for rows whose data carries `"putAt": <epoch ms>`. */
  latencies: number[];
  /** put → the batch holding the row reached the renderer, ms (every 20th row), to split main's share off. */
  toBatch: number[];
  /** The shard of each toBatch sample (same index), to tell whether one shard holds the merge back. */
  toBatchShard: string[];
  /** Status items' `at` (main's clock when it queued the item) → the batch holding it reached the page, ms:
   * the transport's share (subscription queue, WebSocket, parsing), without the merge. */
  statusTransit: number[];
  /** The same rows' put → arrival (ApproximateArrivalTimestamp, the engine's clock when it stored the record), ms. */
  putToArrival: number[];
  painted: number;
}
declare global {
  interface Window {
    __tailBench?: BenchSamples;
  }
}

const PUT_AT = /"putAt":(\d{13})/;

function benchSamples(): BenchSamples {
  return (window.__tailBench ??= { latencies: [], toBatch: [], toBatchShard: [], statusTransit: [], putToArrival: [], painted: 0 });
}

let batchRows = 0;
function notePutToBatch(items: readonly BenchBatchItem[]): void {
  const now = Date.now();
  const bench = benchSamples();
  for (const item of items) {
    if (item.type === 'status' && item.at !== undefined) bench.statusTransit.push(now - item.at);
    if (item.type !== 'record' || batchRows++ % 20 !== 0) continue;
    const put = PUT_AT.exec(item.preview ?? '');
    if (!put?.[1]) continue;
    bench.toBatch.push(now - Number(put[1]));
    bench.toBatchShard.push(item.shardId ?? '');
    bench.putToArrival.push((item.arrivalMs ?? now) - Number(put[1]));
  }
}

/** When each newly shown row is first painted, against the put time in its data. */
function notePainted(previews: readonly string[]): void {
  const bench = benchSamples();
  const at = Date.now();
  for (const preview of previews) {
    const put = PUT_AT.exec(preview);
    bench.painted++;
    if (put?.[1]) bench.latencies.push(at - Number(put[1]));
  }
}

export const tailBench: TailBenchProbe = { noteBatch: notePutToBatch, notePainted };

// `node --import tsx bench/ui-tail.ts [--minutes 10] [--rate 5000] [--shards 4] [--keys 1000] [--buffer 100000]
// [--mode polling|fanout]`: the Tail screen in Debian's Chromium against the local engine while the generator in
// main writes `rate` records/s over `shards` shards (`keys` partition keys, uniform: 2 keys leave shards quiet).
// Starts the built web host (run `npm run build` first) with a fresh data folder, opens the console with
// ?tailbench=1 (the table then notes when each row is first painted), starts a tail on all shards at LATEST through
// the UI, then the generator, and samples for `minutes`:
//   - put → row on screen: each record's data carries "putAt": the generator's clock when it made the record;
//     the page notes Date.now() after the frame that first shows the row (rows that scroll past unseen between
//     two frames are never painted and are not counted);
//   - put → the batch holding the row reached the page (every 20th row), to tell main's share from the renderer's;
//   - frames per second, counted with requestAnimationFrame in the page, per second;
//   - the renderer's JS heap through CDP (Runtime.getHeapUsage): every 10 s as it is, and every minute after a
//     forced garbage collection (HeapProfiler.collectGarbage), to see it flat once the ring buffer is full.
// Prints JSON; never asserts.
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { connectRpc, createActiveStream } from '../test/e2e/tailRpc';
import { sleep } from '../test/support/sleep';
import { freePort } from '../test/support/peers';
import { tempDir } from '../test/support/tempDir';
import { chromiumArgs, startWebHost } from './webHost';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '5000' },
    shards: { type: 'string', default: '4' },
    buffer: { type: 'string', default: '100000' },
    keys: { type: 'string', default: '1000' },
    /** polling: GetRecords 5 calls/s per shard every 200 ms (the screen's default); fanout: SubscribeToShard. */
    mode: { type: 'string', default: 'polling' },
  },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const shards = Number(values.shards);
const buffer = Number(values.buffer);
const keys = Number(values.keys);
const mode = values.mode === 'fanout' ? 'fanout' : 'polling';
const template = '{"putAt":{{now}},"n":{{seq}},"user":{"id":"u{{int 1 999}}"},"amount":{{float 1 500}},"kind":"{{pick view click buy}}"}';


const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? null;
};
const percentiles = (xs: number[]) => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: xs.length ? largest(xs) : null });
const mib = (bytes: number) => Number((bytes / 1048576).toFixed(1));
// Loops, not Math.max(...xs): a 10-minute run has more samples than a call's arguments may hold.
const largest = (xs: number[]) => xs.reduce((m, x) => (x > m ? x : m), -Infinity);
const smallest = (xs: number[]) => xs.reduce((m, x) => (x < m ? x : m), Infinity);
const append = (to: number[], from: number[]) => {
  for (const x of from) to.push(x);
};

// A string, not a function: tsx would wrap inner functions with a __name helper the page does not have.
const frameCounter = `(() => {
  window.__fps = [];
  let second = Math.floor(performance.now() / 1000);
  let frames = 0;
  const tick = (t) => {
    const s = Math.floor(t / 1000);
    if (s !== second) {
      window.__fps.push(frames);
      frames = 0;
      second = s;
    }
    frames++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

async function installFrameCounter(page: Page) {
  await page.evaluate(frameCounter);
}

async function main() {
  const dataDir = tempDir('bench-ui-tail').path;
  const host = await startWebHost(dataDir, await freePort());
  const rpc = await connectRpc(host.origin, host.token);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    const stream = 'bench-ui-tail';
    await createActiveStream(rpc, stream, shards);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`${host.origin}/?tailbench=1#token=${host.token}`);
    await page.getByTestId('engine-state').getByText('running').waitFor({ timeout: 60_000 });
    await page.keyboard.press('Alt+2');
    await page.getByTestId('tail-stream').fill(stream);
    await page.getByTestId('tail-buffer').fill(String(buffer));
    if (mode === 'fanout') await page.getByRole('radio', { name: 'Enhanced fan-out' }).click();
    await page.getByTestId('tail-toggle').click();
    await page.getByTestId('tail-state').getByText('Live').waitFor({ timeout: 60_000 });
    await installFrameCounter(page);

    const generator = await rpc.call('generator.start', { stream, shape: { kind: 'template', template, format: 'json' }, ratePerSecond: rate, keys: { kind: 'uniform', keyCount: keys } });
    const started = Date.now();
    const latencies: number[] = [];
    const toBatch: number[] = [];
    const byShard = new Map<string, number[]>();
    const statusTransit: number[] = [];
    const putToArrival: number[] = [];
    type Percentiles = ReturnType<typeof percentiles>;
    const windows: { atS: number; screen: Percentiles; batch: Percentiles; putToArrival: Percentiles; statusTransit: Percentiles }[] = [];
    let painted = 0;
    const heap: { atS: number; usedMiB: number; rows: number }[] = [];
    const heapAfterGc: { atS: number; usedMiB: number; rows: number }[] = [];
    let bufferFullAtS: number | null = null;
    let nextGc = 60_000;
    while (Date.now() - started < minutes * 60_000) {
      await sleep(10_000);
      const atS = Math.round((Date.now() - started) / 1000);
      const bench = await page.evaluate(() => {
        const b = (window as unknown as { __tailBench?: { latencies: number[]; toBatch: number[]; toBatchShard: string[]; statusTransit: number[]; putToArrival: number[]; painted: number } }).__tailBench ?? { latencies: [], toBatch: [], toBatchShard: [], statusTransit: [], putToArrival: [], painted: 0 };
        return { latencies: b.latencies.splice(0), toBatch: b.toBatch.splice(0), toBatchShard: b.toBatchShard.splice(0), statusTransit: b.statusTransit.splice(0), putToArrival: b.putToArrival.splice(0), painted: b.painted };
      });
      append(latencies, bench.latencies);
      append(toBatch, bench.toBatch);
      bench.toBatchShard.forEach((shard, i) => append(byShard.get(shard) ?? byShard.set(shard, []).get(shard) ?? [], [bench.toBatch[i] ?? 0]));
      append(statusTransit, bench.statusTransit);
      append(putToArrival, bench.putToArrival);
      windows.push({ atS, screen: percentiles(bench.latencies), batch: percentiles(bench.toBatch), putToArrival: percentiles(bench.putToArrival), statusTransit: percentiles(bench.statusTransit) });
      painted = bench.painted;
      const rows = Number(await page.getByTestId('tail-rows').getAttribute('data-count'));
      if (bufferFullAtS === null && rows >= buffer) bufferFullAtS = atS;
      const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      heap.push({ atS, usedMiB: mib(usage.usedSize), rows });
      if (Date.now() - started >= nextGc) {
        nextGc += 60_000;
        await cdp.send('HeapProfiler.collectGarbage');
        const after = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        heapAfterGc.push({ atS, usedMiB: mib(after.usedSize), rows });
      }
    }
    const fps = (await page.evaluate(() => (window as unknown as { __fps: number[] }).__fps.slice())).slice(5);
    const counters = await page.evaluate(() => ({
      scanned: document.querySelector('[data-testid="counter-scanned"] strong')?.textContent ?? null,
      matched: document.querySelector('[data-testid="counter-matched"] strong')?.textContent ?? null,
      kept: document.querySelector('[data-testid="counter-kept"] strong')?.textContent ?? null,
      dropped: document.querySelector('[data-testid="counter-dropped"] strong')?.textContent ?? null,
      shards: Array.from(document.querySelectorAll('[data-testid="shard-status"]'), (el) => el.textContent),
    }));
    const gen = (await rpc.call('generator.list')).generators.find((g) => g.id === generator.id);
    await rpc.call('generator.stop', { id: generator.id });
    const fullGc = heapAfterGc.filter((h) => bufferFullAtS !== null && h.atS >= bufferFullAtS);
    const result = {
      benchmark: 'ui-tail',
      at: new Date().toISOString(),
      command: `node --import tsx bench/ui-tail.ts --minutes ${minutes} --rate ${rate} --shards ${shards} --keys ${keys} --buffer ${buffer} --mode ${mode}`,
      minutes,
      chromium: browser.version(),
      loadAverage: loadavg().map((n) => Number(n.toFixed(2))),
      generator: { ratePerSecond: rate, shards, acknowledged: gen?.acknowledged ?? null, failed: gen?.failed ?? null, achievedRate: gen ? Number((gen.acknowledged / ((Date.now() - started) / 1000)).toFixed(0)) : null },
      tail: { mode: mode === 'fanout' ? 'enhanced fan-out (SubscribeToShard per shard)' : 'polling, 5 calls/s per shard every 200 ms', bufferRows: buffer, counters, rowsPainted: painted },
      putToScreenMs: {
        samples: latencies.length,
        p50: quantile(latencies, 0.5),
        p95: quantile(latencies, 0.95),
        p99: quantile(latencies, 0.99),
        max: latencies.length ? largest(latencies) : null,
        target: '< 250',
      },
      /** The part before the renderer: put → the batch holding the row arrives in the page (every 20th row). */
      putToBatchInPageMs: {
        samples: toBatch.length,
        p50: quantile(toBatch, 0.5),
        p95: quantile(toBatch, 0.95),
        p99: quantile(toBatch, 0.99),
        /** Per shard: one shard far behind the others would be the merge waiting on it. */
        byShard: Object.fromEntries([...byShard].sort(([a], [b]) => (a < b ? -1 : 1)).map(([shard, xs]) => [shard, percentiles(xs)])),
      },
      /** put → the engine stored the record (its ApproximateArrivalTimestamp), for the rows of putToBatchInPageMs. */
      putToArrivalMs: { samples: putToArrival.length, ...percentiles(putToArrival) },
      /** main → page for the status items (one a second): their `at` → the batch holding them reached the page. */
      statusItemTransitMs: { samples: statusTransit.length, ...percentiles(statusTransit) },
      /** Every 10 s (the samples since the previous window): a backlog at the start or stalls show up here. */
      everyTenSecondsMs: windows,
      framesPerSecond: { seconds: fps.length, median: quantile(fps, 0.5), p5: quantile(fps, 0.05), min: fps.length ? smallest(fps) : null, target: '>= 50' },
      heap: {
        bufferFullAtS,
        everyTenSeconds: heap,
        afterGcEveryMinute: heapAfterGc,
        afterGcGrowthSinceFullMiB: fullGc.length >= 2 ? Number(((fullGc.at(-1)?.usedMiB ?? 0) - (fullGc[0]?.usedMiB ?? 0)).toFixed(1)) : null,
        target: 'flat once the buffer is full',
      },
    };
    console.log(JSON.stringify(result, null, 2));
    await context.close();
  } finally {
    rpc.close();
    await browser.close();
    host.stop();
    await sleep(500);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

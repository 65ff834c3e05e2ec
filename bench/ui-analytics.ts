// `node --import tsx bench/ui-analytics.ts [--seconds 60] [--rate 1000] [--shards 4] [--keys 8] [--window 1]
// [--mode polling|fanout]`: the
// Analytics screen in Debian's Chromium against the local engine while the generator in main writes `rate`
// records/s over `shards` shards and `keys` partition keys. Starts the built web host (run `npm run build` first)
// with a fresh data folder, opens the console with ?analyticsbench=1, types a tumbling COUNT(*) per partition key
// over `window`-second windows on arrival time into the editor and runs it through the UI. For every window row
// the page notes, against the row's ROWTIME (the window end: in arrival time the window closes then):
//   - window end → the batch holding the row reached the page;
//   - window end → the frame after the one that rendered it (painted).
// `keys` is small so every row of a window fits the table's viewport and is painted. Prints JSON; never asserts.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { connectRpc, createActiveStream } from '../test/e2e/tailRpc';
import { freePort } from '../test/support/peers';
import { sleep } from '../test/support/sleep';
import { tempDir } from '../test/support/tempDir';
import { chromiumArgs, startWebHost } from './webHost';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '1000' },
    shards: { type: 'string', default: '4' },
    keys: { type: 'string', default: '8' },
    window: { type: 'string', default: '1' },
    /** polling: GetRecords (the screen's default); fanout: SubscribeToShard. */
    mode: { type: 'string', default: 'polling' },
  },
});
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const shards = Number(values.shards);
const keys = Number(values.keys);
const windowSeconds = Number(values.window);
const mode = values.mode === 'fanout' ? 'fanout' : 'polling';
const stream = 'bench_ui_analytics';
const query = `SELECT window_start, window_end, PARTITION_KEY, COUNT(*) AS records FROM TABLE(TUMBLE(TABLE ${stream}, DESCRIPTOR(ROWTIME), INTERVAL '${windowSeconds}' SECOND)) GROUP BY window_start, window_end, PARTITION_KEY`;

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? null;
};
const summary = (xs: number[]) => ({ samples: xs.length, p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), p99: quantile(xs, 0.99), max: xs.reduce((m, x) => (x > m ? x : m), xs.length ? -Infinity : 0) });

interface Samples {
  toBatch: number[];
  toPaint: number[];
  sentToPaint: number[];
}

async function main() {
  const host = await startWebHost(tempDir('bench-ui-analytics').path, await freePort());
  const rpc = await connectRpc(host.origin, host.token);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    await createActiveStream(rpc, stream, shards);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(`${host.origin}/?analyticsbench=1#token=${host.token}`);
    await page.getByTestId('engine-state').getByText('running').waitFor({ timeout: 60_000 });
    await page.keyboard.press('Alt+5');
    await page.getByTestId('analytics-stream').fill(stream);
    if (mode === 'fanout') await page.getByRole('radio', { name: 'Enhanced fan-out' }).click();
    await page.getByTestId('sql-editor-input').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(query);
    await page.getByTestId('sql-verdict').getByText('tumbling window').waitFor({ timeout: 20_000 });
    const generator = await rpc.call('generator.start', { stream, shape: { kind: 'template', template: '{"n":{{seq}}}', format: 'json' }, ratePerSecond: rate, keys: { kind: 'uniform', keyCount: keys } });
    await page.getByTestId('analytics-run').click();
    await page.getByTestId('run-state').getByText('Running').waitFor({ timeout: 30_000 });
    // The first window opened before the query started: leave it out.
    await sleep(2 * windowSeconds * 1000 + 500);
    await page.evaluate(() => {
      (window as unknown as { __analyticsBench?: Samples }).__analyticsBench = { toBatch: [], toPaint: [], sentToPaint: [] };
    });
    await sleep(seconds * 1000);
    const samples = await page.evaluate(() => (window as unknown as { __analyticsBench?: Samples }).__analyticsBench ?? { toBatch: [], toPaint: [], sentToPaint: [] });
    const figures = await page.evaluate(() => ({ recordsIn: document.querySelector('[data-testid="records-in"]')?.textContent ?? null, tableRows: document.querySelector('[data-testid="results-table"]')?.getAttribute('data-count') ?? null }));
    const gen = (await rpc.call('generator.list')).generators.find((g) => g.id === generator.id);
    await rpc.call('generator.stop', { id: generator.id });
    const report = {
      benchmark: 'ui-analytics',
      at: new Date().toISOString(),
      command: `node --import tsx bench/ui-analytics.ts --seconds ${seconds} --rate ${rate} --shards ${shards} --keys ${keys} --window ${windowSeconds} --mode ${mode}`,
      chromium: browser.version(),
      loadAverage: loadavg().map((n) => Number(n.toFixed(2))),
      query,
      generator: { ratePerSecond: rate, shards, keys, acknowledged: gen?.acknowledged ?? null, failed: gen?.failed ?? null },
      screen: figures,
      windowEndToPaintMs: { ...summary(samples.toPaint), target: '< 500' },
      windowEndToBatchInPageMs: summary(samples.toBatch),
      /** main sent the batch → painted: the WebSocket's and the renderer's share. */
      sentToPaintMs: summary(samples.sentToPaint),
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } finally {
    await browser.close();
    host.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

// `node --import tsx bench/ui-streamlist.ts [--streams 2000] [--runs 5]`: the stream list in Chromium with
// thousands of streams on the local engine. The app's engine keeps AWS's default limit of 500 open shards per
// region, so the streams are created first by the same engine run headless on the app's future engine folder
// with a higher --shard-limit; then the built web host (run `npm run build` first) opens that folder as its
// local engine, and the console is opened in Debian's Chromium. The bench reads the
// timings the list records in the page (StreamTable's data attributes, performance.now() in the page):
//   - first render: the first page of rows reaching the store → the table committed (layout forced) / next frame;
//   - all rows: the last page (every stream) reaching the store → committed / next frame;
//   - filter keystroke: the input event → the filtered table committed / next frame.
// Prints JSON; never asserts on time.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateStreamCommand, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { chromium, type Page } from 'playwright-core';
import { kinesisClient } from '../test/support/kinesis';
import { sleep } from '../test/support/sleep';
import { freePort, repoRoot, startPeer } from '../test/support/peers';
import { tempDir } from '../test/support/tempDir';

const { values } = parseArgs({ options: { streams: { type: 'string', default: '2000' }, runs: { type: 'string', default: '5' } } });
const streamCount = Number(values.streams);
const runs = Number(values.runs);
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function startWebHost(dataDir: string, enginePort: number) {
  const entry = join(repoRoot, 'dist', 'main', 'web.js');
  if (!existsSync(entry)) throw new Error('dist/main/web.js is missing: run `npm run build` first.');
  const child = spawn(process.execPath, [entry, '--port', '0', '--data-dir', dataDir, '--engine-port', String(enginePort), '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const found = await new Promise<{ url: string; engine: string }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /^Shardscope web console: (\S+)$/m.exec(out)?.[1];
      const engine = /Kinesis engine listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url && engine) resolve({ url, engine });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the web host exited (${code}):\n${out}`)));
  });
  return { ...found, stop: () => child.kill('SIGTERM') };
}

/** CreateStream 16 at a time, waiting out the control-plane rate limits when the engine applies them. */
async function createStreams(endpoint: string, count: number): Promise<number> {
  const kinesis = kinesisClient(endpoint);
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const name = `bench-stream-${String(next++).padStart(4, '0')}`;
      for (let attempt = 0; ; attempt++) {
        try {
          await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
          break;
        } catch (error) {
          if (error instanceof Error && error.name === 'ResourceInUseException') break;
          if (!(error instanceof Error && error.name === 'LimitExceededException') || attempt > 200) throw error;
          await sleep(50 + attempt * 10);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  let listed = 0;
  let start: string | undefined;
  for (;;) {
    const out = await kinesis.send(new ListStreamsCommand({ Limit: 100, ...(start ? { ExclusiveStartStreamName: start } : {}) }));
    listed += out.StreamNames?.length ?? 0;
    start = out.StreamNames?.at(-1);
    if (!out.HasMoreStreams || !start) break;
  }
  kinesis.destroy();
  if (listed < count) throw new Error(`only ${listed} of ${count} streams are listed`);
  return performance.now() - started;
}

interface Timing {
  ms: number;
  toFrameMs: number;
  rows: number;
}

async function readTiming(page: Page, key: string): Promise<Timing> {
  const rows = page.getByTestId('stream-rows');
  const attr = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  try {
    await page.waitForFunction((a) => document.querySelector(`[data-testid="stream-rows"][data-${a}-frame-ms]`) !== null, attr, { timeout: 30_000 });
  } catch (error) {
    const state = await page.evaluate(() => ({ ...document.querySelector<HTMLElement>('[data-testid="stream-rows"]')?.dataset, filter: document.querySelector<HTMLInputElement>('[data-testid="stream-filter"]')?.value }));
    throw new Error(`no ${key} timing in the page: ${JSON.stringify(state)}`, { cause: error });
  }
  const read = async (name: string) => Number(await rows.getAttribute(`data-${attr}-${name}`));
  return { ms: await read('ms'), toFrameMs: await read('frame-ms'), rows: await read('rows') };
}

async function filterKeystrokes(page: Page, text: string, backspaces: number): Promise<Timing[]> {
  const input = page.getByTestId('stream-filter');
  await input.click();
  const samples: Timing[] = [];
  const keys = [...text, ...Array.from({ length: backspaces }, () => 'Backspace')];
  for (const key of keys) {
    await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="stream-rows"]');
      for (const name of ['filterMs', 'filterFrameMs', 'filterRows']) if (el) delete el.dataset[name];
    });
    await page.keyboard.press(key);
    samples.push(await readTiming(page, 'filter'));
  }
  return samples;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const summary = (samples: Timing[]) => ({
  medianMs: Number(median(samples.map((s) => s.ms)).toFixed(2)),
  maxMs: Number(Math.max(...samples.map((s) => s.ms)).toFixed(2)),
  medianToFrameMs: Number(median(samples.map((s) => s.toFrameMs)).toFixed(2)),
  maxToFrameMs: Number(Math.max(...samples.map((s) => s.toFrameMs)).toFixed(2)),
  samples,
});

async function main() {
  const dataDir = tempDir('bench-ui').path;
  const engine = await startPeer('engine', { dataDir: join(dataDir, 'engine'), extraArgs: ['--shard-limit', String(streamCount + 100)] });
  const createMs = await createStreams(engine.endpoint, streamCount).finally(() => engine.stop());
  const host = await startWebHost(dataDir, await freePort());
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    const first: Timing[] = [];
    const all: Timing[] = [];
    const filter: Timing[] = [];
    const pagesArrivedAtMs: number[][] = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(host.url);
      first.push(await readTiming(page, 'firstRender'));
      await page.waitForSelector(`[data-testid="stream-rows"][data-page-render-rows="${streamCount}"][data-page-render-frame-ms]`, { timeout: 60_000 });
      all.push(await readTiming(page, 'pageRender'));
      // When each streams.list page reached the store, in ms since the navigation started (context, not a target).
      pagesArrivedAtMs.push(await page.evaluate(() => performance.getEntriesByName('streams:page-data').map((m) => Number(m.startTime.toFixed(1)))));
      // "stream-001" narrows the rows step by step (to 10); the backspaces widen it again.
      filter.push(...(await filterKeystrokes(page, 'stream-001', 4)));
      await context.close();
    }
    const result = {
      benchmark: 'ui-streamlist',
      at: new Date().toISOString(),
      streams: streamCount,
      runs,
      chromium: browser.version(),
      loadAverage: loadavg().map((n) => Number(n.toFixed(2))),
      createStreamsSeconds: Number((createMs / 1000).toFixed(1)),
      firstRender: summary(first),
      allRowsRender: summary(all),
      filterKeystroke: summary(filter),
      pagesArrivedAtMs,
      targetMs: 100,
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    host.stop();
    await sleep(500);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

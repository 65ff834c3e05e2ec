// `node --import tsx bench/ui-metrics.ts [--shards 200] [--runs 5] [--live-seconds 15]`: the Metrics screen in
// Debian's Chromium with `shards` shards × 24 h at 1-minute resolution (7 shard-level metrics per shard, and the
// stream's), generated in the page by the probe that ?metricsbench=1 loads (renderer/features/metrics/
// metricsBench.ts). Each answer goes through JSON and the contract's schema as an RPC answer would, then to the
// screen. Starts the built web host (run `npm run build` first) and measures:
//   - render: the answer handed to the screen → the screen committed (layout effect) / → the next frame, for a
//     stream shown from nothing (the heat strip, the events lane and every chart), `runs` times;
//   - live: the same screen following live, one new answer a second (60× the rate 1-minute data changes), frames
//     per second counted with requestAnimationFrame, and the time each update takes to reach a frame;
//   - the renderer's main-thread busy time (CDP Performance.getMetrics TaskDuration) over each render and over the
//     live window: on a machine shared with other work, wall times include waiting for a core, busy time does not.
// Prints JSON; never asserts.
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { sleep } from '../test/support/sleep';
import { freePort } from '../test/support/peers';
import { tempDir } from '../test/support/tempDir';
import { chromiumArgs, startWebHost } from './webHost';

const { values } = parseArgs({ options: { shards: { type: 'string', default: '200' }, runs: { type: 'string', default: '5' }, 'live-seconds': { type: 'string', default: '15' } } });
const shards = Number(values.shards);
const runs = Number(values.runs);
const liveSeconds = Number(values['live-seconds']);

interface Sample {
  stream: string;
  commitMs: number;
  frameMs: number;
  parseMs: number;
}

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(1));
};
const figures = (xs: number[]) => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: quantile(xs, 1) });

async function samplesOf(page: Page): Promise<Sample[]> {
  return page.evaluate(() => (window as unknown as { __metricsBench: { samples: Sample[] } }).__metricsBench.samples.map((s) => ({ ...s })));
}

type Cdp = Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;

/** Seconds the renderer's main thread has spent running tasks so far. */
async function busySeconds(cdp: Cdp): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

/** Shows a stream and waits for its answer to reach a frame. */
async function show(page: Page, stream: string, live: boolean): Promise<Sample> {
  const before = (await samplesOf(page)).length;
  await page.evaluate(([name, follow]) => (window as unknown as { __metricsBench: { show(s: string, l: boolean): void } }).__metricsBench.show(name as string, follow as boolean), [stream, live] as const);
  await page.waitForFunction((n) => {
    const s = (window as unknown as { __metricsBench: { samples: { frameMs: number }[] } }).__metricsBench.samples;
    return s.length > n && (s.at(-1)?.frameMs ?? -1) >= 0;
  }, before, { timeout: 60_000 });
  return (await samplesOf(page)).at(-1) as Sample;
}

// A string, not a function: tsx would wrap inner functions with a __name helper the page does not have.
const countFrames = `new Promise((resolve) => {
  const gaps = [];
  let last = performance.now();
  const end = last + ${liveSeconds * 1000};
  const step = (now) => {
    gaps.push(now - last);
    last = now;
    if (now < end) requestAnimationFrame(step);
    else resolve(gaps);
  };
  requestAnimationFrame(step);
})`;

async function main() {
  const dataDir = tempDir('bench-ui-metrics').path;
  const host = await startWebHost(dataDir, await freePort());
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${host.origin}/?metricsbench=1#token=${host.token}`);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /^Metrics/ }).click();
    await page.waitForFunction(() => typeof (window as unknown as { __metricsBench?: { show?: unknown } }).__metricsBench?.show === 'function', undefined, { timeout: 30_000 });

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const renders: Sample[] = [];
    const renderBusyMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      // A stream the screen has not shown: everything is built from nothing.
      const before = await busySeconds(cdp);
      renders.push(await show(page, `bench-${shards}-r${run}`, false));
      renderBusyMs.push((await busySeconds(cdp)) - before);
      await sleep(300);
    }
    const heatRows = await page.getByTestId('metrics-heat-row').count();
    const charts = await page.locator('[data-testid^="chart-"]').count();

    await show(page, `bench-${shards}-live`, true);
    const from = (await samplesOf(page)).length;
    const liveBusyBefore = await busySeconds(cdp);
    const gaps = (await page.evaluate(countFrames)) as number[];
    const liveBusy = (await busySeconds(cdp)) - liveBusyBefore;
    const live = (await samplesOf(page)).slice(from).filter((s) => s.frameMs >= 0);
    const seconds = gaps.reduce((a, b) => a + b, 0) / 1000;

    const result = {
      benchmark: 'ui-metrics',
      at: new Date().toISOString(),
      chromium: browser.version(),
      loadAverage: loadavg().map((n) => Number(n.toFixed(2))),
      shards,
      periods: 1440,
      valuesPerFullRead: (7 + shards * 3) * 1440,
      heatRowsInDom: heatRows,
      charts,
      render: { runs, mainThreadBusyMs: figures(renderBusyMs.map((s) => s * 1000)), commitMs: figures(renders.map((s) => s.commitMs)), toFrameMs: figures(renders.map((s) => s.frameMs)), parseMs: figures(renders.map((s) => s.parseMs)), targetMs: 300 },
      live: {
        seconds: Number(seconds.toFixed(1)),
        updates: live.length,
        mainThreadBusyShare: Number((liveBusy / seconds).toFixed(2)),
        fps: Number((gaps.length / seconds).toFixed(1)),
        frameGapMs: figures(gaps),
        framesOver20Ms: gaps.filter((g) => g > 20).length,
        updateToFrameMs: figures(live.map((s) => s.frameMs)),
        updateParseMs: figures(live.map((s) => s.parseMs)),
        targetFps: 50,
      },
    };
    console.log(JSON.stringify(result, null, 2));
    await context.close();
  } finally {
    await browser.close();
    host.stop();
    await sleep(500);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

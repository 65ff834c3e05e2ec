// The app from 800 px wide up: at 1440 px the shards table shows every column and JSON-path columns leave the
// Preview its room; at 800 px the nav rail collapses to icons and the status bar's items do not overlap; and
// the status bar does not say "Engine running" once the link to main is down. Screenshots at both widths.
import type { Locator, Page } from '@playwright/test';
import { expect, startWebHost, test } from './fixtures';
import { keepScreens } from './screens';
import { rpcOfPage } from './tailPage';
import { createActiveStream, putNumbered } from './tailRpc';

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not visible');
  return b;
}

async function expectStatusBarClear(page: Page) {
  const bar = await box(page.locator('.statusbar'));
  const items = await page.locator('.statusbar .status-item:visible').all();
  const boxes = await Promise.all(items.map(box));
  for (const b of boxes) expect(b.x + b.width).toBeLessThanOrEqual(bar.x + bar.width + 0.5);
  for (let i = 1; i < boxes.length; i++) {
    const before = boxes[i - 1];
    const here = boxes[i];
    if (before && here) expect(here.x).toBeGreaterThanOrEqual(before.x + before.width - 0.5);
  }
}

test('usable from 800 to 1440 px: every shard column, a wide Preview, a collapsed nav, a clear status bar', async ({ app: { page, shell } }, testInfo) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(120_000);
  const rpc = await rpcOfPage(page);
  const stream = `e2e-layout-${Date.now().toString(36)}`;
  try {
    await createActiveStream(rpc, stream, 3);
    await putNumbered(rpc, stream, 0, 6, ['view', 'buy']);
  } finally {
    rpc.close();
  }

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.reload();
  await page.getByTestId('stream-rows').locator(`[data-stream="${stream}"]`).dblclick();
  await page.getByRole('tab', { name: 'Shards & lineage' }).click();
  const scroller = page.locator('.table-scroll').filter({ has: page.getByTestId('shards-table') });
  await expect(page.getByTestId('shards-table').locator('thead th').last()).toContainText('Ending sequence number');
  expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await keepScreens(page, testInfo, 'layout-1440-shards');

  // Four JSON-path columns still leave Preview some 40 characters and more.
  await page.keyboard.press('Alt+2');
  await page.getByTestId('tail-stream').fill(stream);
  await page.getByRole('radio', { name: 'Oldest (trim horizon)' }).click();
  for (const column of ['n', 'kind', 'user.id', 'a.b.c']) {
    await page.getByTestId('tail-column-input').fill(column);
    await page.getByTestId('tail-column-input').press('Enter');
  }
  await page.getByTestId('tail-toggle').click();
  const rows = page.getByTestId('tail-rows');
  await expect.poll(async () => Number(await rows.getAttribute('data-count')), { timeout: 30_000 }).toBe(6);
  const preview = page.getByTestId('tail-table').locator('[role="columnheader"]', { hasText: 'Preview' });
  expect((await box(preview)).width).toBeGreaterThanOrEqual(300);
  // No blank row between the header and the first row (both measured in one frame: the status strip above
  // may still grow and move the table).
  const gap = await page.getByTestId('tail-table').evaluate((table) => {
    const header = table.querySelector('.tt-head')?.getBoundingClientRect();
    const first = table.querySelector('.tt-body')?.getBoundingClientRect();
    return header && first ? first.top - header.bottom : Number.NaN;
  });
  expect(Math.abs(gap)).toBeLessThanOrEqual(2);
  await keepScreens(page, testInfo, 'layout-1440-tail');

  // 800 px: icons-only nav, and a status bar whose items keep apart.
  await page.setViewportSize({ width: 800, height: 700 });
  expect((await box(page.locator('.nav'))).width).toBeLessThanOrEqual(80);
  await expectStatusBarClear(page);
  // The tail table scrolls sideways rather than clipping its last columns.
  const table = page.getByTestId('tail-table');
  expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await keepScreens(page, testInfo, 'layout-800-tail');
  await page.keyboard.press('Alt+1');
  await expectStatusBarClear(page);
  await keepScreens(page, testInfo, 'layout-800-streams');
});

test('the status bar does not say the engine is running once the link to main is down', async ({ page, shell }) => {
  test.skip(shell !== 'web', 'The link belongs to the web console.');
  test.setTimeout(90_000);
  const host = await startWebHost();
  try {
    await page.goto(host.url);
    const engine = page.getByTestId('engine-state');
    await expect(engine).toContainText('running', { timeout: 30_000 });
    const exited = new Promise((resolve) => host.child.once('exit', resolve));
    host.child.kill('SIGTERM');
    await exited;
    await expect(page.getByTestId('link-state')).toContainText('disconnected', { timeout: 20_000 });
    await expect(engine).not.toContainText('running');
    await expect(engine).toContainText('unknown');
  } finally {
    if (host.child.exitCode === null) host.child.kill('SIGTERM');
  }
});

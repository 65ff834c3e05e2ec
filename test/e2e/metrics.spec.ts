// The Metrics screen against the local engine under load: per-shard figures move between two looks, the heat
// strip names the shard a hot key lands on, and an UpdateShardCount made with the SDK shows up as an annotation.
import { PutRecordsCommand, UpdateShardCountCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { sdkClient, waitForStatus } from '../support/kinesis';
import { expect, test } from './fixtures';
import { keepScreens } from './screens';
import { DRAWN_LINE, openMetricsFromStreamPage } from './metricsPage';
import { rpcOfPage } from './tailPage';
import { createActiveStream, putNumbered } from './tailRpc';

/** Keeps writing until stopped: most records on one partition key (one shard), a few spread over others. */
function startLoad(kinesis: KinesisClient, stream: string): { stop(): Promise<void> } {
  let running = true;
  let n = 0;
  const loop = (async () => {
    while (running) {
      const records = Array.from({ length: 50 }, (_, i) => ({ PartitionKey: i < 40 ? 'hot-key' : `spread-${n++ % 97}`, Data: new TextEncoder().encode(`{"n":${n},"pad":"${'x'.repeat(200)}"}`) }));
      await kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: records })).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

test('metrics of a stream under load: shards move, the hot shard stands out, a reshard is annotated', async ({ app: { page, shell } }, testInfo) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(180_000);
  const rpc = await rpcOfPage(page);
  const stream = `e2e-metrics-${Date.now().toString(36)}`;
  const { endpoint } = await rpc.call('engine.status');
  if (!endpoint) throw new Error('no engine endpoint');
  const kinesis = sdkClient(endpoint, { maxAttempts: 3 });
  await createActiveStream(rpc, stream, 2);
  const load = startLoad(kinesis, stream);
  try {
    const hotShard = (await rpc.call('streams.route', { name: stream, partitionKey: 'hot-key' })).shardId ?? '';

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /^Metrics/ }).click();
    await page.getByTestId('metrics-stream').selectOption(stream);
    const rows = page.getByTestId('metrics-heat-row');
    await expect(rows).toHaveCount(2, { timeout: 20_000 });

    // The hot key's shard is named the hottest, with the key as its top key.
    const hot = page.locator('[data-testid="metrics-heat-row"][data-hot="true"]');
    await expect(hot).toHaveAttribute('data-shard', hotShard, { timeout: 20_000 });
    await expect(hot.getByTestId('metrics-top-key')).toContainText('hot-key');

    // Two looks a few seconds apart: the live figures of the shards move.
    const firstLook = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-now')));
    const incoming = page.getByTestId('chart-incoming-bytes');
    const firstSummary = await incoming.locator('.chart-panel-summary').textContent();
    await expect.poll(async () => rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-now'))), { timeout: 20_000 }).not.toEqual(firstLook);
    await expect.poll(async () => incoming.locator('.chart-panel-summary').textContent(), { timeout: 20_000 }).not.toBe(firstSummary);
    await expect(incoming.locator('.recharts-line-curve').first()).toHaveAttribute('d', DRAWN_LINE);

    // One shard's charts, picked on the heat strip.
    await hot.click();
    await expect(page.getByTestId('metrics-shard')).toHaveValue(hotShard);
    await expect(page.getByRole('heading', { name: new RegExp(`Shard ${hotShard}`) })).toBeVisible();
    await expect(incoming.locator('.chart-panel-summary')).toContainText('of capacity');

    // A reshard done outside the console appears on the charts as an event.
    await kinesis.send(new UpdateShardCountCommand({ StreamName: stream, TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' }));
    await waitForStatus(kinesis, stream);
    const marker = page.getByTestId('metrics-annotation').filter({ hasText: 'UpdateShardCount' });
    await expect(marker).toBeVisible({ timeout: 20_000 });
    await expect(marker).toContainText('2 → 4');
    await page.locator('body').press('Escape');
    await expect(page.getByTestId('metrics-shard')).toHaveValue('');
    await keepScreens(page, testInfo, 'metrics', { tall: true });

    // Keys: 2 picks the 1-hour range, L pauses and resumes following.
    await page.locator('body').press('2');
    await expect(page.getByTestId('metrics-range').getByRole('radio', { name: '1 h' })).toHaveAttribute('aria-checked', 'true');
    await page.locator('body').press('l');
    await expect(page.getByTestId('metrics-live')).toHaveAttribute('aria-pressed', 'false');
    await page.locator('body').press('l');
    await expect(page.getByTestId('metrics-live')).toHaveAttribute('aria-pressed', 'true');

    // At a phone's width the screen still reads: no sideways scrolling of the page.
    await page.setViewportSize({ width: 560, height: 900 });
    await expect(page.getByTestId('metrics-heat-row').first()).toBeVisible();
    expect(await page.locator('#main').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await keepScreens(page, testInfo, 'metrics-narrow');
  } finally {
    await load.stop();
    await rpc.call('streams.delete', { name: stream, confirmName: stream }).catch(() => undefined);
    rpc.close();
    kinesis.destroy();
  }
});

test('a chart exports as CSV and PNG; the palette and the stream page lead to a stream\'s metrics; CloudWatch without shard-level metrics says so', async ({ app: { page, shell } }, testInfo) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(120_000);
  const rpc = await rpcOfPage(page);
  const stream = `e2e-metrics-x-${Date.now().toString(36)}`;
  await createActiveStream(rpc, stream, 2);
  await putNumbered(rpc, stream, 0, 40, ['a']);
  try {
    // The palette's per-stream entry opens the screen on that stream.
    await page.keyboard.press('Control+k');
    await page.keyboard.type(`Metrics of ${stream}`);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('metrics-stream')).toHaveValue(stream);
    const incoming = page.getByTestId('chart-incoming-records');
    await expect(incoming.locator('.chart-panel-summary')).toContainText('peak', { timeout: 20_000 });

    // CSV: a file with a header naming the unit and one row per period.
    const csvDownload = page.waitForEvent('download');
    await incoming.getByRole('button', { name: /as CSV/ }).click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toMatch(new RegExp(`^${stream}-stream-incoming-records-[0-9TZ-]+\\.csv$`));
    const text = await (await csv.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks as Buffer[]).toString('utf8'));
    expect(text.split('\r\n')[0]).toBe('time,epoch_ms,In (records/s)');
    expect(text.split('\r\n').length).toBeGreaterThan(10);

    // PNG: copied where the clipboard takes images; otherwise it says why and offers the file.
    await incoming.getByRole('button', { name: /as PNG/ }).click();
    const status = incoming.getByRole('status');
    await expect(status).toContainText(/Copied the chart as PNG|Save it as a file instead/);
    if ((await status.textContent())?.includes('Save it as a file')) {
      const pngDownload = page.waitForEvent('download');
      await status.getByRole('button', { name: 'Save PNG' }).click();
      expect((await pngDownload).suggestedFilename()).toMatch(/-incoming-records-[0-9TZ-]+\.png$/);
    }

    // From the stream's page.
    await page.keyboard.press('Alt+1');
    await openMetricsFromStreamPage(page, stream);

    // The same engine as a custom endpoint reads like AWS: CloudWatch (which it does not serve), shard-level off.
    const { endpoint } = await rpc.call('engine.status');
    if (!endpoint) throw new Error('no engine endpoint');
    const custom = await rpc.call('connections.addCustom', { name: `Metrics e2e ${Date.now().toString(36)}`, endpoint, region: 'us-east-1', credentials: { type: 'none' } });
    const local = (await rpc.call('connections.state')).activeId;
    try {
      await rpc.call('connections.switch', { id: custom.id });
      await expect(page.getByTestId('active-connection')).toContainText('Metrics e2e');
      await page.getByTestId('metrics-stream').selectOption(stream);
      await expect(page.getByTestId('metrics-notes')).toContainText('does not serve CloudWatch', { timeout: 20_000 });
      const off = page.getByTestId('metrics-enhanced-off');
      await expect(off).toContainText('costs money');
      await off.getByRole('button', { name: /Enable shard-level metrics/ }).click();
      const dialog = page.getByTestId('metrics-enable-dialog');
      await expect(dialog.getByTestId('metrics-enable-cost')).toContainText('2 open shards × 7 metrics');
      await expect(dialog).toContainText('may be out of date');
      await keepScreens(page, testInfo, 'metrics-enable-shard-level');
      await dialog.getByRole('button', { name: /^Enable 7 metrics/ }).click();
      await expect(dialog).toBeHidden();
      await expect(off).toBeHidden({ timeout: 20_000 });
      const summary = await rpc.call('streams.describe', { name: stream });
      expect(summary.summary.name).toBe(stream);
    } finally {
      await rpc.call('connections.switch', { id: local }).catch(() => undefined);
      await rpc.call('connections.removeCustom', { id: custom.id }).catch(() => undefined);
    }
  } finally {
    await rpc.call('streams.delete', { name: stream, confirmName: stream }).catch(() => undefined);
    rpc.close();
  }
});

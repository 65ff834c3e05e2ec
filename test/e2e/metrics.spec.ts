// The Metrics screen against the local engine under load: per-shard figures move between two looks, the heat
// strip names the shard a hot key lands on, and an UpdateShardCount made with the SDK shows up as an annotation.
import { PutRecordsCommand, UpdateShardCountCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { sdkClient, waitForStatus } from '../support/kinesis';
import { expect, test } from './fixtures';
import { keepScreens } from './screens';
import { rpcOfPage } from './tailPage';
import { createActiveStream } from './tailRpc';

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
    await expect(incoming.locator('.recharts-line-curve').first()).toBeVisible();

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

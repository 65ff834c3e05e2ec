// Row keys after starting a tail with the mouse: focus must not stay on Start/Stop, so j selects a row and Enter
// opens it instead of stopping the tail. A stopped tail no longer shows its shards as being read.
import { expect, test } from './fixtures';
import { rpcOfPage, shownRows, tailFromOldest } from './tailPage';
import { createActiveStream, putNumbered } from './tailRpc';

test('j and Enter work on the rows after a click on Start, and Enter never stops the tail', async ({ app: { page, shell } }) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(120_000);
  const rpc = await rpcOfPage(page);
  try {
    const stream = `e2e-tail-keys-${Date.now().toString(36)}`;
    await createActiveStream(rpc, stream, 1);
    await putNumbered(rpc, stream, 0, 10, ['view']);

    await tailFromOldest(page, stream);
    const rows = page.getByTestId('tail-rows');
    await expect.poll(() => shownRows(page), { timeout: 30_000 }).toBe(10);

    await page.keyboard.press('j');
    await expect(rows.locator('[role="row"][aria-selected="true"]')).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('tail-detail')).toBeVisible();
    await expect(page.getByTestId('tail-state')).toHaveText('Live');

    // Even with focus put back on Stop, Enter opens the row rather than stopping.
    await page.getByTestId('tail-detail').getByRole('button', { name: /Close/ }).first().click();
    await page.getByTestId('tail-toggle').focus();
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('tail-detail')).toBeVisible();
    await expect(page.getByTestId('tail-state')).toHaveText('Live');

    // Stopped: no shard still says it is being read at its full budget. The first status item comes a moment
    // after the first rows: wait until the live tail shows its shard, then stop.
    await expect(page.getByTestId('shard-status').first()).toBeVisible({ timeout: 15_000 });
    await page.getByTestId('tail-toggle').click();
    await expect(page.getByTestId('tail-state')).toHaveText('Stopped');
    const shard = page.getByTestId('shard-status').first();
    await expect(shard).toContainText('stopped');
    await expect(shard).not.toContainText('reading');
    await expect(shard).toContainText('0.0/');
  } finally {
    rpc.close();
  }
});

// Filtering a running tail keeps the rows on screen: the rows already kept are filtered at once (text as typed,
// JSONata when applied), the filter applies to rows arriving next, clearing it shows every kept row again, and
// none of this restarts the tail (the rows received stay counted).
import { expect, test } from './fixtures';
import { rpcOfPage, shownRows, tailFromOldest } from './tailPage';
import { createActiveStream, putNumbered } from './tailRpc';

test('a filter applied to a live tail filters the rows kept, without restarting', async ({ app: { page, shell } }) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(120_000);
  const rpc = await rpcOfPage(page);
  try {
    const stream = `e2e-view-filter-${Date.now().toString(36)}`;
    await createActiveStream(rpc, stream, 1);
    await putNumbered(rpc, stream, 0, 40, ['view', 'buy']);

    await tailFromOldest(page, stream);
    const rows = page.getByTestId('tail-rows');
    const count = () => shownRows(page);
    await expect.poll(count, { timeout: 30_000 }).toBe(40);
    const matched = page.getByTestId('counter-matched');
    await expect(matched).toContainText('40');

    // Text acts as typed: the 40 kept rows become the 20 that contain "buy", with nothing pressed.
    await page.getByTestId('filter-text').fill('buy');
    await expect.poll(count).toBe(20);
    await expect(page.getByTestId('tail-state')).toHaveText('Live');
    await expect(matched).toContainText('40');
    for (const preview of await rows.locator('.tt-preview').allTextContents()) expect(preview).toContain('"buy"');

    // Rows arriving next are filtered too.
    await putNumbered(rpc, stream, 40, 50, ['view', 'buy']);
    await expect(matched).toContainText('50', { timeout: 30_000 });
    await expect.poll(count).toBe(25);

    // Cleared: every kept row shows again.
    await page.getByTestId('filter-text').fill('');
    await expect.poll(count).toBe(50);

    // JSONata applies when applied, over the rows kept.
    await page.getByTestId('filter-jsonata').fill('n >= 45');
    await page.waitForTimeout(500);
    expect(await count()).toBe(50);
    await page.getByTestId('filter-apply').click();
    await expect.poll(count).toBe(5);
    await expect(page.getByTestId('tail-state')).toHaveText('Live');
    await expect(matched).toContainText('50');
  } finally {
    rpc.close();
  }
});

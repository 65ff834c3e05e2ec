// Search in the rows kept: the next row containing a text, or matching a JSONata expression, is selected and
// brought into view, round again at the end, and the tail keeps running untouched.
import { expect, test } from './fixtures';
import { rpcOfPage, shownRows, tailFromOldest } from './tailPage';
import { createActiveStream, putNumbered } from './tailRpc';

test('find the next row by text or JSONata without restarting the tail', async ({ app: { page, shell } }) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(120_000);
  const rpc = await rpcOfPage(page);
  try {
    const stream = `e2e-find-${Date.now().toString(36)}`;
    await createActiveStream(rpc, stream, 1);
    await putNumbered(rpc, stream, 0, 20, ['view', 'buy']);

    await tailFromOldest(page, stream);
    const rows = page.getByTestId('tail-rows');
    await expect.poll(() => shownRows(page), { timeout: 30_000 }).toBe(20);
    const selected = rows.locator('[role="row"][aria-selected="true"] .tt-preview');

    const find = page.getByTestId('tail-find');
    await find.fill('"n":7,');
    await find.press('Enter');
    await expect(selected).toHaveText('{"n":7,"kind":"buy"}');
    await find.fill('"n":1');
    await find.press('Enter');
    await expect(selected).toHaveText('{"n":10,"kind":"view"}');
    await find.press('Enter');
    await expect(selected).toHaveText('{"n":11,"kind":"buy"}');
    await find.press('Shift+Enter');
    await expect(selected).toHaveText('{"n":10,"kind":"view"}');

    // JSONata, from the selection on, and round again past the newest row.
    await page.getByRole('radiogroup', { name: 'Search by' }).getByRole('radio', { name: 'JSONata' }).click();
    await find.fill('n > 16 and kind = "buy"');
    await find.press('Enter');
    await expect(selected).toHaveText('{"n":17,"kind":"buy"}');
    await find.press('Enter');
    await expect(selected).toHaveText('{"n":19,"kind":"buy"}');
    await find.press('Enter');
    await expect(selected).toHaveText('{"n":17,"kind":"buy"}');
    await expect(page.getByTestId('tail-find-note')).toContainText('Wrapped round');
    await find.fill('n > 100');
    await find.press('Enter');
    await expect(page.getByTestId('tail-find-note')).toHaveText('No row kept matches that expression.');

    await expect(page.getByTestId('tail-state')).toHaveText('Live');
    await expect(page.getByTestId('counter-matched')).toContainText('20');
  } finally {
    rpc.close();
  }
});

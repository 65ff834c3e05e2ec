// What users of Kafka consoles expect: "Tail this stream" on a stream's page and on its row in the list, and
// the streams themselves in the command palette (open, tail, metrics).
import { expect, test } from './fixtures';
import { rpcOfPage } from './tailPage';
import { createActiveStream, putNumbered } from './tailRpc';

test('tail a stream from its page, its row and the palette; open a stream from the palette', async ({ app: { page, shell } }) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(120_000);
  const rpc = await rpcOfPage(page);
  const stream = `e2e-shortcut-${Date.now().toString(36)}`;
  try {
    await createActiveStream(rpc, stream, 1);
    await createActiveStream(rpc, `${stream}-b`, 1);

    // From the stream's page: the Tail screen on it, live from now on; a record put now shows.
    await page.reload();
    await page.getByTestId('stream-rows').locator(`[data-stream="${stream}"]`).dblclick();
    await page.getByTestId('tail-this-stream').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tail' })).toBeVisible();
    await expect(page.getByTestId('tail-state')).toHaveText('Live', { timeout: 30_000 });
    await expect(page.locator('.tail-header p')).toContainText(stream);
    await putNumbered(rpc, stream, 0, 3, ['view']);
    await expect.poll(async () => Number(await page.getByTestId('tail-rows').getAttribute('data-count')), { timeout: 30_000 }).toBe(3);

    // From a row of the list: the tail moves to that stream.
    await page.keyboard.press('Alt+1');
    await page.getByRole('button', { name: '← Streams' }).click();
    await page.getByTestId('stream-rows').locator(`[data-stream="${stream}-b"]`).getByTestId('row-tail').click();
    await expect(page.getByTestId('tail-state')).toHaveText('Live', { timeout: 30_000 });
    await expect(page.locator('.tail-header p')).toContainText(`${stream}-b`);

    // From the palette: open a stream, then tail one.
    await page.keyboard.press('Control+k');
    const palette = page.getByTestId('command-palette');
    await page.keyboard.type(`open stream ${stream}`);
    const label = (text: string) => palette.locator('.palette-label').filter({ hasText: new RegExp(`^${text}$`) });
    await expect(label(`Open stream ${stream}`)).toBeVisible();
    await label(`Open stream ${stream}`).click();
    await expect(page.getByRole('heading', { level: 1, name: stream, exact: true })).toBeVisible();
    await page.keyboard.press('Control+k');
    await page.keyboard.type(`tail ${stream}`);
    await label(`Tail ${stream}`).click();
    await expect(page.getByTestId('tail-state')).toHaveText('Live', { timeout: 30_000 });
    await expect(page.locator('.tail-header p')).toContainText(`${stream} ·`);
    await page.keyboard.press('Control+k');
    await page.keyboard.type(`metrics ${stream}-b`);
    await label(`Metrics of ${stream}-b`).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Metrics' })).toBeVisible();
  } finally {
    rpc.close();
  }
});

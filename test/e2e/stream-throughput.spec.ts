// Throughput in the stream list: records/s and bytes/s put over the last minute, from the local engine's stats,
// sortable; on a custom endpoint (as on AWS) a dash that says CloudWatch is needed.
import { expect, test } from './fixtures';
import { rpcOfPage } from './tailPage';
import { createActiveStream, putNumbered } from './tailRpc';

test('the stream list shows and sorts by the last minute of records in', async ({ app: { page, shell } }) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(120_000);
  const rpc = await rpcOfPage(page);
  const prefix = `e2e-rate-${Date.now().toString(36)}`;
  try {
    await createActiveStream(rpc, `${prefix}-busy`, 1);
    await createActiveStream(rpc, `${prefix}-idle`, 1);
    // 60 records in the minute: 1.0 record/s.
    await putNumbered(rpc, `${prefix}-busy`, 0, 60, ['view']);

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.reload();
    await page.getByTestId('stream-filter').fill(prefix);
    // The new column leaves every column, the row's Tail button included, in view at 1440 px.
    expect(await page.getByTestId('stream-table').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    const busy = page.locator(`[data-stream="${prefix}-busy"]`).getByTestId('stream-throughput');
    const idle = page.locator(`[data-stream="${prefix}-idle"]`).getByTestId('stream-throughput');
    await expect(busy).toContainText('1.0 rec/s', { timeout: 20_000 });
    await expect(idle).toContainText('0.0 rec/s');

    // Sorted by it, highest first: the busy stream leads.
    const header = page.getByRole('columnheader', { name: /In, last minute/ });
    await header.getByRole('button').click();
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    const order = page.getByTestId('stream-rows').locator('[role="row"]');
    await expect(order.first()).toHaveAttribute('data-stream', `${prefix}-busy`);
    await header.getByRole('button').click();
    await expect(order.first()).toHaveAttribute('data-stream', `${prefix}-idle`);

    // A custom endpoint: no engine stats there, a dash that says why.
    const { endpoint } = await rpc.call('engine.status');
    if (!endpoint) throw new Error('no engine endpoint');
    const custom = await rpc.call('connections.addCustom', { name: `Rates e2e ${Date.now().toString(36)}`, endpoint, region: 'us-east-1', credentials: { type: 'none' } });
    const local = (await rpc.call('connections.state')).activeId;
    try {
      await rpc.call('connections.switch', { id: custom.id });
      await expect(page.getByTestId('active-connection')).toContainText('Rates e2e');
      const dash = page.locator(`[data-stream="${prefix}-busy"]`).getByTestId('stream-throughput');
      await expect(dash).toHaveText('—', { timeout: 20_000 });
      await expect(dash).toHaveAttribute('title', 'needs CloudWatch (Metrics)');
    } finally {
      await rpc.call('connections.switch', { id: local }).catch(() => undefined);
      await rpc.call('connections.removeCustom', { id: custom.id }).catch(() => undefined);
    }
  } finally {
    rpc.close();
  }
});

// "Lowest latency" takes the whole per-shard read budget: on by default for the local engine only, off for
// custom endpoints (and AWS), with its cost said beside the switch.
import { expect, test } from './fixtures';
import { rpcOfPage } from './tailPage';

test('lowest latency is on for the local engine, off for a custom endpoint, and says what it costs', async ({ app: { page, shell } }) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(90_000);
  const rpc = await rpcOfPage(page);
  const { endpoint } = await rpc.call('engine.status');
  if (!endpoint) throw new Error('the engine has no endpoint');
  const custom = await rpc.call('connections.addCustom', { name: `Custom e2e ${Date.now().toString(36)}`, endpoint, region: 'us-east-1', credentials: { type: 'none' } });
  const local = (await rpc.call('connections.state')).activeId;
  try {
    await page.keyboard.press('Alt+2');
    const fast = page.getByTestId('tail-fast');
    await expect(fast).toBeChecked();
    const cost = page.getByTestId('tail-fast-cost');
    await expect(cost).toContainText('5 GetRecords calls/s per shard');
    await expect(cost).toContainText('the whole per-shard read budget');
    await expect(cost).toContainText('other consumers of this stream are throttled');

    await rpc.call('connections.switch', { id: custom.id });
    await expect(page.getByTestId('active-connection')).toContainText('Custom e2e');
    await page.keyboard.press('Alt+2');
    await expect(page.getByTestId('tail-fast')).not.toBeChecked();
    await expect(page.getByTestId('tail-fast-cost')).toContainText('Off by default on AWS and custom endpoints');
  } finally {
    await rpc.call('connections.switch', { id: local }).catch(() => undefined);
    await rpc.call('connections.removeCustom', { id: custom.id }).catch(() => undefined);
    rpc.close();
  }
});

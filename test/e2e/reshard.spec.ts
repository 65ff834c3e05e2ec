// The reshard wizard against the local engine: traffic put with the AWS SDK on skewed keys makes one shard hot;
// the wizard splits it at its default point (which halves the observed traffic), executes, and shows the lineage
// with the two children and the reshard's annotation; the stream's Metrics screen then marks the split. A tail
// started before the reshard goes on showing records written to the children after it.
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import type { Page } from '@playwright/test';
import { MAX_HASH_KEY, partitionKeyHash } from '../../shared/domain/hashKey';
import { sdkClient } from '../support/kinesis';
import { expect, test } from './fixtures';
import { keepScreens } from './screens';
import { openMetricsFromStreamPage } from './metricsPage';
import { rpcOfPage, shownRows } from './tailPage';
import { createActiveStream, type TestRpc } from './tailRpc';

const HALF = MAX_HASH_KEY / 2n;

/** Partition keys of one half of the key space: `lower` routes to shard 0 of a two-shard stream. */
function keysIn(half: 'lower' | 'upper', count: number, prefix: string): string[] {
  const keys: string[] = [];
  for (let i = 0; keys.length < count; i++) {
    const key = `${prefix}-${i}`;
    if ((partitionKeyHash(key) <= HALF) === (half === 'lower')) keys.push(key);
  }
  return keys;
}

/** Puts `perKey` records for each key through the SDK's PutRecords, in calls of up to 500 records. */
async function putSkewed(endpoint: string, stream: string, keys: readonly string[], perKey: number): Promise<void> {
  const kinesis = sdkClient(endpoint);
  const records = keys.flatMap((key) => Array.from({ length: perKey }, (_, i) => ({ PartitionKey: key, Data: new TextEncoder().encode(JSON.stringify({ key, i })) })));
  try {
    for (let at = 0; at < records.length; at += 500) {
      const out = await kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: records.slice(at, at + 500) }));
      if (out.FailedRecordCount) throw new Error(`${out.FailedRecordCount} records failed`);
    }
  } finally {
    kinesis.destroy();
  }
}

async function hotStream(rpc: TestRpc, name: string): Promise<string> {
  const { endpoint } = await rpc.call('engine.status');
  if (!endpoint) throw new Error('no engine endpoint');
  await createActiveStream(rpc, name, 2);
  // Shard 0 carries 40 busy keys, shard 1 a trickle: shard 0 is the hot one.
  await putSkewed(endpoint, name, keysIn('lower', 40, 'hot'), 20);
  await putSkewed(endpoint, name, keysIn('upper', 10, 'cold'), 2);
  return endpoint;
}

/** Opens the wizard on a stream and waits for the observed load. */
async function openWizard(page: Page, stream: string): Promise<void> {
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('reshard-screen')).toBeVisible();
  await page.getByTestId('reshard-stream').selectOption(stream);
  await expect(page.getByTestId('observed-table').locator('tbody tr')).toHaveCount(2, { timeout: 20_000 });
  await expect(page.getByTestId('observe-source')).toContainText("local engine's own stats");
}

/** Splits the pre-selected (hottest) shard at its default point and runs the plan to the end. */
async function splitHottest(page: Page): Promise<void> {
  await expect(page.getByTestId('split-shard')).toHaveValue('shardId-000000000000');
  await expect(page.getByTestId('dry-run-checks')).toContainText('No problem found', { timeout: 20_000 });
  await page.getByTestId('reshard-execute').click();
  await expect(page.getByTestId('run-state')).toHaveText('Completed', { timeout: 60_000 });
}

test('the wizard splits the hottest shard where it halves the traffic, and shows the lineage and the annotation', async ({ app: { page, shell } }, testInfo) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(180_000);
  const rpc = await rpcOfPage(page);
  const stream = `e2e-reshard-${Date.now().toString(36)}`;
  try {
    await hotStream(rpc, stream);
    await openWizard(page, stream);
    await expect(page.getByTestId('observed-table').locator('[data-shard="shardId-000000000000"] .heat-chip')).not.toHaveText('0.0 %');

    // The default split point halves the observed records: each side 50 % ± 5 %.
    const handle = page.getByTestId('split-slider-handle');
    await expect(handle).toBeVisible();
    const below = Number(/^([\d.]+) %/.exec((await handle.getAttribute('aria-valuetext')) ?? '')?.[1]);
    expect(below).toBeGreaterThanOrEqual(45);
    expect(below).toBeLessThanOrEqual(55);

    // The preview: 2 → 3 open shards, one SplitShard call, the price's source, the consumer impact.
    await expect(page.getByTestId('open-shards')).toContainText('2 → 3');
    await expect(page.getByTestId('plan-calls')).toContainText('SplitShard(ShardToSplit: shardId-000000000000, NewStartingHashKey:');
    await expect(page.getByTestId('price-source')).toContainText('may be out of date');
    await expect(page.getByTestId('consumer-impact')).toContainText('shardId-000000000002, shardId-000000000003');

    // Keyboard: the focused split point moves with the arrow keys and the preview follows; a typed key is checked.
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    const moved = await page.getByTestId('split-key-input').inputValue();
    await page.getByTestId('split-key-input').fill('12x');
    await expect(page.getByTestId('split-editor')).toContainText('decimal digits');
    await expect(page.getByTestId('reshard-execute')).toBeDisabled();
    await page.getByTestId('split-key-input').fill(moved);
    await page.getByRole('button', { name: 'Use the balanced point' }).click();
    await expect(page.getByTestId('dry-run-checks')).toContainText('No problem found', { timeout: 20_000 });
    await keepScreens(page, testInfo, 'reshard-plan', { tall: true });
    // At a small width nothing runs off the screen sideways.
    await page.setViewportSize({ width: 760, height: 900 });
    await page.getByTestId('goal-editor').scrollIntoViewIfNeeded();
    expect(await page.getByTestId('reshard-screen').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await keepScreens(page, testInfo, 'reshard-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });

    await splitHottest(page);
    const lineage = page.getByTestId('run-result').getByTestId('lineage-graph');
    await expect(lineage.locator('g.lineage-node')).toHaveCount(4);
    await expect(lineage).toContainText('#2');
    await expect(lineage).toContainText('#3');
    await expect(page.getByTestId('run-annotations')).toContainText('recorded as an annotation', { timeout: 20_000 });
    await page.getByTestId('run-panel').scrollIntoViewIfNeeded();
    await keepScreens(page, testInfo, 'reshard-done', { tall: true });

    const after = await rpc.call('streams.describe', { name: stream });
    expect(after.shards.filter((s) => s.open).map((s) => s.shardId).sort()).toEqual(['shardId-000000000001', 'shardId-000000000002', 'shardId-000000000003']);

    // The Metrics screen, opened from the stream's page, marks the split on its time axis.
    await openMetricsFromStreamPage(page, stream);
    const marker = page.getByTestId('metrics-annotation').filter({ hasText: 'SplitShard shardId-000000000000 →' });
    await expect(marker).toBeVisible({ timeout: 20_000 });
    await expect(marker).toHaveAttribute('data-kind', 'split');
    await expect(marker).toContainText('shardId-000000000002, shardId-000000000003');
  } finally {
    await rpc.call('streams.delete', { name: stream, confirmName: stream }).catch(() => undefined);
    rpc.close();
  }
});

test("a tail started before the wizard's reshard keeps showing records from the children", async ({ app: { page, shell } }) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(180_000);
  const rpc = await rpcOfPage(page);
  const stream = `e2e-reshard-tail-${Date.now().toString(36)}`;
  try {
    const endpoint = await hotStream(rpc, stream);
    const before = 40 * 20 + 10 * 2;
    await page.keyboard.press('Alt+2');
    await page.getByTestId('tail-stream').fill(stream);
    await page.getByRole('radio', { name: 'Oldest (trim horizon)' }).click();
    await page.getByTestId('tail-toggle').click();
    await expect.poll(() => shownRows(page), { timeout: 30_000 }).toBe(before);

    await openWizard(page, stream);
    await splitHottest(page);

    // Written after the reshard: the hot keys now route to the two children.
    await putSkewed(endpoint, stream, keysIn('lower', 40, 'hot'), 1);
    await page.keyboard.press('Alt+2');
    await expect.poll(() => shownRows(page), { timeout: 30_000 }).toBe(before + 40);
    await expect(page.getByTestId('tail-rows')).toBeVisible();
  } finally {
    await rpc.call('streams.delete', { name: stream, confirmName: stream }).catch(() => undefined);
    rpc.close();
  }
});

test('the other goals plan on the key space, and a paused uniform scaling is found again and resumed', async ({ app: { page, shell } }, testInfo) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(180_000);
  const rpc = await rpcOfPage(page);
  const stream = `e2e-reshard-goals-${Date.now().toString(36)}`;
  try {
    await hotStream(rpc, stream);
    await openWizard(page, stream);
    const goal = page.getByRole('radiogroup', { name: 'Goal' });

    // Merge: the suggested pairs follow the threshold.
    await goal.getByRole('radio', { name: 'Merge cold shards' }).click();
    await page.getByTestId('merge-threshold').fill('5');
    await expect(page.getByTestId('merge-pairs')).toContainText('No two adjacent shards stay under 5 %');
    await page.getByTestId('merge-threshold').fill('60');
    await expect(page.getByTestId('merge-pairs')).toContainText('#0 + #1');
    await expect(page.getByTestId('open-shards')).toContainText('2 → 1');

    // Custom: a split of #0 at its balanced point, then a merge of its two children.
    await goal.getByRole('radio', { name: 'Custom' }).click();
    await page.getByTestId('custom-add-split').click();
    await expect(page.getByTestId('custom-merge-pair').locator('option:checked')).toHaveText(/^#2 \+ #3/);
    await page.getByTestId('custom-add-merge').click();
    await expect(page.getByTestId('custom-steps').locator('li')).toHaveCount(2);
    await expect(page.getByTestId('plan-calls').locator('li')).toHaveCount(2);
    await expect(page.getByTestId('dry-run-checks')).toContainText('No problem found', { timeout: 20_000 });
    // Rehearsed on a temporary copy, which is gone afterwards; the stream itself is untouched.
    await page.getByTestId('rehearse-start').click();
    await expect(page.getByTestId('rehearse-result')).toContainText('the copy ended with the 2 open shards the plan predicted', { timeout: 30_000 });
    await expect(page.getByTestId('rehearse-result')).toContainText('was deleted');
    const listed = await rpc.call('streams.list', { limit: 1000 });
    expect(listed.streams.filter((s) => s.name.startsWith('shardscope-rehearsal-'))).toEqual([]);
    expect((await rpc.call('streams.describe', { name: stream })).summary.openShardCount).toBe(2);
    await page.getByTestId('rehearsal').scrollIntoViewIfNeeded();
    await keepScreens(page, testInfo, 'reshard-custom', { tall: true });

    // Uniform 2 → 64: five UpdateShardCount calls under the double/half rule (five, so a pause lands before the end).
    await goal.getByRole('radio', { name: 'Scale uniformly' }).click();
    await page.getByTestId('uniform-target').fill('64');
    await expect(page.getByTestId('uniform-steps')).toContainText('2 → 4 → 8 → 16 → 32 → 64');
    await expect(page.getByTestId('plan-calls').locator('li')).toHaveCount(5);
    await expect(page.getByTestId('dry-run-checks')).toContainText('No problem found', { timeout: 20_000 });
    await keepScreens(page, testInfo, 'reshard-uniform', { tall: true });

    // Paused after the step in flight: the record says what ran and what is left.
    await page.getByTestId('reshard-execute').click();
    await page.getByTestId('reshard-pause').click();
    await expect(page.getByTestId('run-state')).toHaveText('Paused', { timeout: 30_000 });
    await expect(page.getByTestId('run-summary')).toContainText(/Left: .*UpdateShardCount to 64\./);
    const done = await page.getByTestId('run-steps').locator('li[data-state="done"]').count();
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(5);

    // A new window finds the stored run and resumes it.
    await page.reload();
    await page.keyboard.press('Alt+3');
    await page.getByTestId('reshard-stream').selectOption(stream);
    await expect(page.getByTestId('stored-run')).toContainText('Paused', { timeout: 20_000 });
    await page.getByTestId('run-panel').scrollIntoViewIfNeeded();
    await keepScreens(page, testInfo, 'reshard-paused');
    await page.getByTestId('reshard-resume').click();
    await expect(page.getByTestId('run-state')).toHaveText('Completed', { timeout: 60_000 });
    const after = await rpc.call('streams.describe', { name: stream });
    expect(after.summary.openShardCount).toBe(64);
  } finally {
    await rpc.call('streams.delete', { name: stream, confirmName: stream }).catch(() => undefined);
    rpc.close();
  }
});

test('on a custom endpoint the load comes from a sample of the records, and rehearsal is not offered', async ({ app: { page, shell } }) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(120_000);
  const rpc = await rpcOfPage(page);
  const stream = `e2e-reshard-sample-${Date.now().toString(36)}`;
  const endpoint = await hotStream(rpc, stream);
  const custom = await rpc.call('connections.addCustom', { name: `Reshard e2e ${Date.now().toString(36)}`, endpoint, region: 'us-east-1', credentials: { type: 'none' } });
  const local = (await rpc.call('connections.state')).activeId;
  try {
    await rpc.call('connections.switch', { id: custom.id });
    await expect(page.getByTestId('active-connection')).toContainText('Reshard e2e');
    await page.keyboard.press('Alt+3');
    await page.getByTestId('reshard-stream').selectOption(stream);
    await expect(page.getByTestId('observe-source')).toContainText("From a sample of each shard's records", { timeout: 30_000 });
    await expect(page.getByTestId('observed-table').locator('[data-shard="shardId-000000000000"] .heat-chip')).not.toHaveText('0.0 %');
    await expect(page.getByTestId('split-shard')).toHaveValue('shardId-000000000000');
    await expect(page.getByTestId('dry-run')).toContainText('No problem found', { timeout: 20_000 });
    await expect(page.getByTestId('rehearsal')).toHaveCount(0);
    await expect(page.getByText('Rehearsing on a copy is offered on the local engine only')).toBeVisible();
  } finally {
    await rpc.call('connections.switch', { id: local }).catch(() => undefined);
    await rpc.call('connections.removeCustom', { id: custom.id }).catch(() => undefined);
    await rpc.call('streams.delete', { name: stream, confirmName: stream }).catch(() => undefined);
    rpc.close();
  }
});

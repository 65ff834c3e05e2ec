// The stream browser end to end, against the web host's local engine: create, list, detail, key routing,
// composer, generator and delete, with screenshots of each screen in both themes.
import { createHash } from 'node:crypto';
import { expect, test } from './fixtures';
import { keepScreens } from './screens';

/** The shard a partition key goes to in a stream created with `shards` even ranges (as CreateStream makes them). */
function expectedShard(partitionKey: string, shards: number): string {
  const hash = BigInt(`0x${createHash('md5').update(partitionKey, 'utf8').digest('hex')}`);
  const width = (1n << 128n) / BigInt(shards);
  const index = Math.min(shards - 1, Number(hash / width));
  return `shardId-${String(index).padStart(12, '0')}`;
}

test('create a stream, route keys, produce, run the generator and delete it', async ({ app: { page } }, testInfo) => {
  test.setTimeout(180_000);
  const name = `e2e-orders-${Date.now().toString(36)}`;
  await expect(page.getByTestId('engine-state')).toContainText('running', { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Streams' })).toBeVisible();
  await expect(page.getByTestId('streams-empty').or(page.getByTestId('stream-table'))).toBeVisible();
  await keepScreens(page, testInfo, 'streams-list-initial');

  // Create, from the keyboard; a bad name is caught before anything is sent.
  await page.keyboard.press('Alt+n');
  const create = page.getByTestId('create-stream-dialog');
  await expect(create).toBeVisible();
  await page.keyboard.type('bad name!');
  await expect(create).toContainText('Only letters, digits, _ . and - are allowed');
  await create.getByLabel('Name', { exact: true }).fill(name);
  await expect(create).not.toContainText('Only letters');
  await create.getByRole('spinbutton', { name: 'Shards' }).fill('4');
  await create.getByLabel('Tags (optional)').fill('team=payments\nenv=e2e');
  await keepScreens(page, testInfo, 'create-stream-dialog');
  await create.getByRole('button', { name: 'Create stream' }).click();
  await expect(create).toBeHidden();

  // The new stream's detail opens and follows it to ACTIVE.
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.locator('.title-meta')).toContainText('ACTIVE', { timeout: 30_000 });
  await expect(page.getByTestId('stream-arn')).toContainText(`stream/${name}`);
  await expect(page.locator('.title-meta')).toContainText('4 open shards');

  // Type a partition key: its shard shows on every keystroke, as Kinesis would route it.
  for (const key of ['user-42', 'order-7', 'a']) {
    await page.getByTestId('route-input').fill(key);
    await expect(page.getByTestId('route-shard')).toHaveText(expectedShard(key, 4));
  }
  await expect(page.getByTestId('route-result')).toContainText(createHash('md5').update('a').digest('hex'));
  await expect(page.getByTestId('keyspace-marker')).toBeVisible();
  await keepScreens(page, testInfo, 'stream-detail-overview', { tall: true });

  await page.getByRole('tab', { name: 'Shards & lineage' }).click();
  await expect(page.getByTestId('shards-table').locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('lineage-graph')).toBeVisible();
  await keepScreens(page, testInfo, 'stream-detail-shards', { tall: true });

  await page.getByRole('tab', { name: 'Tags, consumers & limits' }).click();
  await expect(page.getByTestId('tags-table')).toContainText('payments');
  await keepScreens(page, testInfo, 'stream-detail-tags');

  // The composer: one record, then a batch of three with each record's own result.
  await page.getByRole('tab', { name: 'Produce' }).click();
  const composer = page.getByTestId('composer');
  await composer.getByTestId('composer-key').fill('user-42');
  await composer.getByTestId('composer-data').fill('hello from e2e');
  await composer.getByRole('button', { name: 'Send record' }).click();
  await expect(composer.getByTestId('single-result')).toContainText(expectedShard('user-42', 4));
  await composer.getByRole('button', { name: 'Add to batch' }).click();
  await composer.getByTestId('composer-key').fill('order-7');
  await composer.getByRole('radio', { name: 'JSON' }).click();
  await composer.getByTestId('composer-data').fill('{"n": 1');
  await expect(composer).toContainText('Not valid JSON');
  await composer.getByTestId('composer-data').fill('{"n": 1}');
  await composer.getByRole('button', { name: 'Add to batch' }).click();
  await composer.getByTestId('composer-key').fill('a');
  await composer.getByRole('button', { name: 'Add to batch' }).click();
  await composer.getByRole('button', { name: 'Send batch (3)' }).click();
  await expect(composer.getByTestId('batch-summary')).toHaveText('All 3 records were written.');
  const rows = composer.getByTestId('batch-table').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  for (const [i, key] of ['user-42', 'order-7', 'a'].entries()) await expect(rows.nth(i)).toContainText(expectedShard(key, 4));

  // The generator runs in main; its counts grow while it runs and settle once stopped.
  const generator = page.getByTestId('generator');
  await expect(generator.getByTestId('generator-preview').locator('li')).toHaveCount(5);
  await generator.getByTestId('generator-rate').fill('200');
  await generator.getByRole('button', { name: 'Start generator' }).click();
  await expect(generator.getByTestId('gen-state')).toHaveText('running');
  await expect.poll(async () => Number((await generator.getByTestId('gen-acknowledged').textContent())?.replace(/,/g, '')), { timeout: 20_000 }).toBeGreaterThan(200);
  await keepScreens(page, testInfo, 'stream-detail-produce', { tall: true });
  await generator.getByRole('button', { name: 'Stop generator' }).click();
  await expect(generator.getByTestId('gen-state')).toHaveText('stopped');
  await expect(generator.getByTestId('gen-failed')).toHaveText('0');

  // Retention and tags: each action says what changed, and the summary follows.
  await page.getByRole('button', { name: 'Retention…' }).click();
  const retention = page.getByTestId('retention-dialog');
  await retention.getByLabel('Retention in hours').fill('20');
  await expect(retention).toContainText('Whole hours from 24 (1 day) to 8,760 (365 days).');
  await retention.getByLabel('Retention in hours').fill('48');
  await retention.getByRole('button', { name: 'Change retention' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Retention increased from 24 to 48 hours.' })).toBeVisible();
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.locator('.facts')).toContainText('48 hours (2 days)', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Tags…' }).click();
  const tags = page.getByTestId('tags-dialog');
  await tags.getByLabel('Tags').fill('team=payments\nowner=e2e');
  await tags.getByRole('button', { name: 'Save tags' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Tags saved: 1 added, 1 removed.' })).toBeVisible();

  // Capacity mode: the switch is followed through UPDATING until the stream is ACTIVE again.
  await page.getByRole('button', { name: 'Capacity mode…' }).click();
  await page.getByTestId('mode-dialog').getByRole('button', { name: 'Switch to on-demand' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Switching from PROVISIONED to ON_DEMAND.' })).toBeVisible();
  await expect(page.locator('.title-meta')).toContainText('On-demand', { timeout: 30_000 });
  await expect(page.locator('.title-meta')).toContainText('ACTIVE', { timeout: 30_000 });

  // Back to the list (Escape): the stream is there with its details.
  await page.keyboard.press('Escape');
  const row = page.locator(`[data-stream="${name}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('ACTIVE');
  await expect(row).toContainText('owner=e2e');
  // The list works from the keyboard, and a refresh keeps the selection.
  await page.getByTestId('stream-filter').fill(name);
  await page.getByTestId('stream-filter').press('ArrowDown');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Alt+r');
  // Exactly one match; the total depends on what other specs created on the shared web host before this one.
  await expect(page.locator('.toolbar-note')).toHaveText(/^1 of [\d,]+ match$/);
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('stream-filter').fill(name.slice(0, 12));
  await expect(row).toBeVisible();
  await keepScreens(page, testInfo, 'streams-list');
  await page.getByTestId('stream-filter').fill('no-such-stream-anywhere');
  await expect(page.getByTestId('streams-no-match')).toBeVisible();
  await page.getByTestId('stream-filter').fill('');

  // Enter opens the selected stream; delete asks for the name typed again.
  await page.getByTestId('stream-rows').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('button', { name: 'Delete…' }).click();
  const del = page.getByTestId('delete-dialog');
  const confirm = del.getByRole('button', { name: 'Delete stream' });
  await expect(confirm).toBeDisabled();
  await del.getByTestId('confirm-name').fill(name.slice(0, -1));
  await expect(confirm).toBeDisabled();
  await del.getByTestId('confirm-name').fill(name);
  await keepScreens(page, testInfo, 'delete-dialog');
  await confirm.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Streams' })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(`[data-stream="${name}"]`)).toHaveCount(0);
});

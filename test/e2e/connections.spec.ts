// Connections end to end: add a custom endpoint pointed at kinesalite (software we did not write) through the
// UI, check it, switch to it from the command palette, see its streams, and switch back from the status bar.
import { startPeer, type RunningPeer } from '../support/peers';
import { expect, test } from './fixtures';
import { keepScreens } from './screens';

let kinesalite: RunningPeer | null = null;

test.beforeAll(async () => {
  kinesalite = await startPeer('kinesalite');
});

test.afterAll(async () => {
  await kinesalite?.stop();
});

test('add a kinesalite endpoint, switch to it and back', async ({ app: { page } }, testInfo) => {
  test.setTimeout(120_000);
  if (!kinesalite) throw new Error('kinesalite did not start');
  const connectionName = `Kinesalite e2e ${Date.now().toString(36)}`;
  const streamName = `on-kinesalite-${Date.now().toString(36)}`;
  await expect(page.getByTestId('active-connection')).toContainText('Local engine');

  await page.keyboard.press('Alt+7');
  await page.getByRole('button', { name: 'Add custom endpoint' }).click();
  const form = page.getByTestId('connection-dialog');
  // URL and region are checked before anything is sent.
  await form.getByLabel('Name').fill(connectionName);
  await form.getByLabel('Endpoint URL').fill('localhost:4567');
  await form.getByLabel('Region').fill('mars');
  await form.getByRole('button', { name: 'Add connection' }).click();
  await expect(form).toContainText('The URL must start with http:// or https://.');
  await expect(form).toContainText('A region looks like us-east-1');
  await form.getByLabel('Endpoint URL').fill(kinesalite.endpoint);
  await form.getByLabel('Region').fill('us-east-1');
  await form.getByRole('radio', { name: /Access key and secret/ }).check();
  await expect(form.getByLabel('Secret access key')).toHaveAttribute('type', 'password');
  await form.getByRole('radio', { name: /^None/ }).check();
  await keepScreens(page, testInfo, 'connection-dialog');
  await form.getByRole('button', { name: 'Add connection' }).click();
  await expect(form).toBeHidden();

  const row = page.getByTestId(`connection-${connectionName}`);
  await expect(row).toContainText(kinesalite.endpoint);
  await row.getByRole('button', { name: 'Check' }).click();
  await expect(row.getByTestId('connection-health')).toContainText('healthy');
  await keepScreens(page, testInfo, 'settings-connections', { tall: true });

  // Switch from the command palette, by keyboard only.
  await page.keyboard.press('Control+k');
  const palette = page.getByTestId('command-palette');
  await expect(palette).toBeVisible();
  await page.keyboard.type('switch kinesalite e2e');
  await keepScreens(page, testInfo, 'command-palette');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByTestId('active-connection')).toContainText(connectionName);

  // The Streams screen now lists kinesalite's streams; create one there.
  await page.keyboard.press('Alt+1');
  await expect(page.locator('.screen-header p')).toContainText(`streams on ${connectionName}`);
  await page.keyboard.press('Alt+n');
  const create = page.getByTestId('create-stream-dialog');
  await create.getByLabel('Name', { exact: true }).fill(streamName);
  await create.getByRole('button', { name: 'Create stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: streamName })).toBeVisible();
  await expect(page.locator('.title-meta')).toContainText('ACTIVE', { timeout: 30_000 });
  await page.getByRole('button', { name: '← Streams' }).click();
  await expect(page.locator(`[data-stream="${streamName}"]`)).toBeVisible();
  await keepScreens(page, testInfo, 'streams-on-kinesalite');

  // Back to the local engine from the status bar's switcher: kinesalite's stream is not there.
  await page.getByTestId('active-connection').click();
  await expect(palette).toBeVisible();
  await palette.getByRole('option', { name: /Switch to Local engine/ }).click();
  await expect(page.getByTestId('active-connection')).toContainText('Local engine');
  await expect(page.locator('.screen-header p')).toContainText(/\d+ streams? on Local engine/);
  await expect(page.locator(`[data-stream="${streamName}"]`)).toHaveCount(0);

  // And the custom connection can be removed again.
  await page.keyboard.press('Alt+7');
  await row.getByRole('button', { name: `Remove ${connectionName}` }).click();
  await page.getByRole('button', { name: 'Remove connection' }).click();
  await expect(row).toHaveCount(0);
});

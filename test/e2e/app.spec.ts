import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, root, test, version } from './fixtures';

const screens = ['Streams', 'Tail', 'Reshard', 'Firehose', 'Analytics', 'Metrics', 'Settings'] as const;

test('the app loads with its navigation frame and status bar', async ({ app: { page } }) => {
  await expect(page.getByRole('heading', { level: 1, name: 'Streams' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await expect(nav.getByRole('button')).toHaveText(screens.map((name) => new RegExp(`^${name}`)));
  const status = page.getByRole('contentinfo', { name: 'Status' });
  await expect(status).toContainText('Local engine');
  await expect(page.getByTestId('engine-state')).toContainText('running', { timeout: 30_000 });
  await expect(page.getByTestId('link-state')).toContainText('connected');
  // The Streams screen lists the local engine's streams (or says there are none).
  await expect(page.getByTestId('streams-empty').or(page.getByTestId('stream-table'))).toBeVisible();
});

test('Settings → About shows app.info', async ({ app: { page, shell, dataDir } }) => {
  await page.getByRole('button', { name: /^Settings/ }).click();
  const about = page.getByTestId('about');
  await expect(about.getByTestId('about-version')).toHaveText(`Shardscope ${version}`);
  await expect(about.getByTestId('about-data-dir')).toContainText(dataDir);
  await expect(about.getByTestId('about-transport')).toHaveText(shell === 'web' ? 'Web console (WebSocket on 127.0.0.1)' : 'Desktop app (Electron IPC)');
  await expect(about.getByTestId('about-platform')).toContainText({ linux: 'Linux', darwin: 'macOS', win32: 'Windows' }[process.platform as string] ?? process.platform);
  await expect(page.getByTestId('engine-message')).toContainText('Kinesis engine listening on http://127.0.0.1:', { timeout: 30_000 });
});

test('navigation works with the mouse', async ({ app: { page } }) => {
  for (const name of screens) {
    const item = page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: new RegExp(`^${name}`) });
    await item.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(item).toHaveAttribute('aria-current', 'page');
  }
});

test('navigation works with the keyboard', async ({ app: { page } }) => {
  for (const [index, name] of [...screens.entries()].reverse()) {
    await page.keyboard.press(`Alt+${index + 1}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  }
  // From the screen's heading (focused above), Shift+Tab walks back through the navigation items, whatever the
  // screen holds after its heading; Enter opens one.
  const tail = page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /^Tail/ });
  for (let presses = 0; presses < 10 && !(await tail.evaluate((el) => el === document.activeElement)); presses++) await page.keyboard.press('Shift+Tab');
  await expect(tail).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tail');
});

test('the transport check streams through a subscription', async ({ app: { page } }) => {
  await page.keyboard.press('Alt+7');
  await page.getByRole('button', { name: 'Run check' }).click();
  await expect(page.getByTestId('transport-rate')).toContainText('items/s', { timeout: 30_000 });
  await expect(page.getByTestId('transport-check')).toContainText('200,000 items');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`follows the OS ${scheme} theme; screenshots kept`, async ({ app: { page } }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    const dir = path.join(root, 'test-results', 'screens');
    mkdirSync(dir, { recursive: true });
    for (const [key, name] of [['1', 'streams'], ['7', 'settings']] as const) {
      await page.keyboard.press(`Alt+${key}`);
      if (name === 'settings') {
        await expect(page.getByTestId('theme-name')).toHaveText(scheme);
        await expect(page.getByTestId('about-version')).toBeVisible();
      }
      const file = path.join(dir, `${testInfo.project.name}-${scheme}-${name}.png`);
      await page.screenshot({ path: file });
      await testInfo.attach(`${scheme}-${name}`, { path: file, contentType: 'image/png' });
    }
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(scheme === 'dark' ? 'rgb(14, 17, 21)' : 'rgb(245, 246, 248)');
  });
}

// A theme switch in Settings: System follows the OS, Light and Dark hold whatever the OS says, and the choice
// is remembered across reloads.
import { expect, test } from './fixtures';

const DARK_BG = 'rgb(14, 17, 21)';
const LIGHT_BG = 'rgb(245, 246, 248)';

test('choose light or dark in Settings, whatever the OS says, and keep the choice', async ({ app: { page } }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Alt+7');
  const themes = page.getByRole('radiogroup', { name: 'Theme' });
  await expect(themes.getByRole('radio', { name: 'System' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('theme-name')).toHaveText('light');

  await themes.getByRole('radio', { name: 'Dark' }).click();
  await expect(page.getByTestId('theme-name')).toHaveText('dark');
  expect(await background()).toBe(DARK_BG);

  await page.reload();
  await page.keyboard.press('Alt+7');
  await expect(page.getByTestId('theme-name')).toHaveText('dark');
  await expect(themes.getByRole('radio', { name: 'Dark' })).toHaveAttribute('aria-checked', 'true');
  expect(await background()).toBe(DARK_BG);

  await page.emulateMedia({ colorScheme: 'dark' });
  await themes.getByRole('radio', { name: 'Light' }).click();
  await expect(page.getByTestId('theme-name')).toHaveText('light');
  expect(await background()).toBe(LIGHT_BG);

  // Back to System: the OS (dark here) decides again.
  await themes.getByRole('radio', { name: 'System' }).click();
  await expect(page.getByTestId('theme-name')).toHaveText('dark');
  expect(await background()).toBe(DARK_BG);
});

// Keeps a screenshot of a screen in both themes, as a file under test-results/screens/ and in the report.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { root } from './fixtures';

/** `tall` makes the window taller for the picture, since the app scrolls inside its frame rather than the page. */
export async function keepScreens(page: Page, testInfo: TestInfo, name: string, options: { tall?: boolean } = {}): Promise<void> {
  const viewport = page.viewportSize();
  if (options.tall && viewport) await page.setViewportSize({ width: viewport.width, height: 1700 });
  const dir = path.join(root, 'test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Let spinners and transitions settle into the new colours before the picture.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const file = path.join(dir, `${testInfo.project.name}-${scheme}-${name}.png`);
    await page.screenshot({ path: file });
    await testInfo.attach(`${scheme}-${name}`, { path: file, contentType: 'image/png' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (options.tall && viewport) await page.setViewportSize(viewport);
}

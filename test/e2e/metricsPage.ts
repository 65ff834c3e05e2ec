// The page side of the Metrics tests: reaching a stream's Metrics screen as a user does from the stream's page.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Opens the stream's page from the command palette, then its Metrics button; waits for the screen on it. */
export async function openMetricsFromStreamPage(page: Page, stream: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.keyboard.type(`Open stream ${stream}`);
  await page.keyboard.press('Enter');
  await page.getByTestId('stream-metrics').click();
  await expect(page.getByRole('heading', { name: 'Metrics', level: 1 })).toBeVisible();
  await expect(page.getByTestId('metrics-stream')).toHaveValue(stream);
}

/** A chart curve drawn through at least two points. (A flat line has no height, so Playwright would call it hidden.) */
export const DRAWN_LINE = /^M[-\d.]+,[-\d.]+L/;

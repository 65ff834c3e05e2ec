// The page side of the tail tests: the page's own RPC client, starting a tail as a user does, and the rows shown.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { connectRpc, type TestRpc } from './tailRpc';

/** The RPC client for the web host the page is connected to, with the page's own token, once the engine runs. */
export async function rpcOfPage(page: Page): Promise<TestRpc> {
  await expect(page.getByTestId('engine-state')).toContainText('running', { timeout: 30_000 });
  return connectRpc(new URL(page.url()).origin, await pageToken(page));
}

/** The web host's token the page keeps for its session (for a client of its own, or a link opened afresh). */
export async function pageToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => sessionStorage.getItem('shardscope.token'));
  if (!token) throw new Error('the page kept no token');
  return token;
}

/** Starts a tail of every shard of `stream` from its oldest record, as a user would on the Tail screen. */
export async function tailFromOldest(page: Page, stream: string): Promise<void> {
  await page.keyboard.press('Alt+2');
  await page.getByTestId('tail-stream').fill(stream);
  await page.getByRole('radio', { name: 'Oldest (trim horizon)' }).click();
  await page.getByTestId('tail-toggle').click();
}

/** The number of rows the tail table shows now. */
export async function shownRows(page: Page): Promise<number> {
  return Number(await page.getByTestId('tail-rows').getAttribute('data-count'));
}

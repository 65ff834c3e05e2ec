// A stale or wrong token says what happened and what to do. Without --port the web console keeps the last
// launch's port (when free), so reloading an old tab reaches the new launch, which refuses the old token: the
// page then says the address belongs to an earlier launch rather than "code 1006".
import { expect, startWebHost, test, type WebHostProcess } from './fixtures';

async function stop(host: WebHostProcess): Promise<void> {
  if (host.child.exitCode !== null) return;
  const exited = new Promise((resolve) => host.child.once('exit', resolve));
  host.child.kill('SIGTERM');
  await exited;
}

test('a reload after a relaunch reaches the same port and says the token is from an earlier launch', async ({ page, shell }) => {
  test.skip(shell !== 'web', 'Tokens belong to the web console.');
  test.setTimeout(120_000);
  const first = await startWebHost({ port: null });
  let second: WebHostProcess | null = null;
  try {
    await page.goto(first.url);
    await expect(page.getByTestId('engine-state')).toContainText('running', { timeout: 30_000 });
    await stop(first);

    second = await startWebHost({ port: null, dataDir: first.dataDir });
    expect(new URL(second.url).port).toBe(new URL(first.url).port);
    await page.reload();
    const banner = page.getByRole('alert').filter({ hasText: 'access token' });
    await expect(banner).toContainText('this address belongs to an earlier launch', { timeout: 20_000 });
    await expect(banner).toContainText('Open the address printed at start');
    await expect(page.getByText('code 1006')).toHaveCount(0);

    // A wrong token in the address says the same; the right one works.
    const origin = new URL(second.url).origin;
    await page.goto(`${origin}/#token=${'0'.repeat(48)}`);
    await expect(page.getByRole('alert').filter({ hasText: 'access token' })).toContainText('or the token is wrong', { timeout: 20_000 });
    await page.goto('about:blank');
    await page.goto(second.url);
    await expect(page.getByTestId('engine-state')).toContainText('running', { timeout: 30_000 });

    // No token at all: the page names the address printed at start, whichever command printed it.
    const fresh = await page.context().browser()?.newPage();
    if (!fresh) throw new Error('no browser');
    await fresh.goto(`${origin}/`);
    await expect(fresh.getByText('This address has no access token. Open the address printed at start').first()).toBeVisible();
    await fresh.close();
  } finally {
    await stop(first);
    if (second) await stop(second);
  }
});

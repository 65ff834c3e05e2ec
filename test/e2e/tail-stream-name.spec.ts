// The tailer checks the stream name with the stream-name rule before it asks main anything: the field is marked
// with what is wrong, and no request carries the bad name (no raw errors about saved filters or the tail).
import { expect, test } from './fixtures';

test('a stream name that breaks the rule is marked on the field, and nothing is sent', async ({ app: { page } }) => {
  await expect(page.getByTestId('engine-state')).toContainText('running', { timeout: 30_000 });
  const sent: string[] = [];
  page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload))));
  await page.reload();
  await expect(page.getByTestId('engine-state')).toContainText('running', { timeout: 30_000 });

  await page.keyboard.press('Alt+2');
  const field = page.getByTestId('tail-stream');
  await field.fill('bad name!');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('tail-setup')).toContainText('Only letters, digits, _ . and - are allowed in a stream name; remove the space “!”.');
  await page.getByTestId('tail-toggle').click();
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('tail-state')).toHaveCount(0);
  await expect(page.getByTestId('tail-error')).toHaveCount(0);
  await expect(page.getByText('Saved filters', { exact: true })).toHaveCount(0);
  expect(sent.filter((payload) => payload.includes('bad name!'))).toEqual([]);
});

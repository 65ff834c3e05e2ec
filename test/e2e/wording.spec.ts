// Words a new user reads: singular days in the retention dialog, a JSONata error that names its position once,
// no problem shown in the replay dialog before anything is typed, and a shard-limit error that says what helps.
import { expect, test } from './fixtures';
import { rpcOfPage } from './tailPage';
import { createActiveStream } from './tailRpc';

test('retention, JSONata, replay and shard-limit wording', async ({ app: { page, shell } }) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(120_000);
  const rpc = await rpcOfPage(page);
  const stream = `e2e-words-${Date.now().toString(36)}`;
  try {
    await createActiveStream(rpc, stream, 1);
  } finally {
    rpc.close();
  }

  // Retention: 24 hours is 1 day.
  await page.reload();
  await page.getByTestId('stream-rows').locator(`[data-stream="${stream}"]`).dblclick();
  await expect(page.getByRole('heading', { level: 1, name: stream })).toBeVisible();
  await page.getByRole('button', { name: 'Retention…' }).click();
  const retention = page.getByTestId('retention-dialog');
  await expect(retention).toContainText('Now 24 hours (1 day).');
  await expect(retention).not.toContainText('1 days');
  await retention.getByRole('button', { name: 'Cancel' }).click();

  // JSONata: the position is said once.
  await page.keyboard.press('Alt+2');
  await page.getByTestId('tail-stream').fill(stream);
  await page.getByTestId('filter-jsonata').fill('amount >');
  const problem = page.getByTestId('jsonata-problem');
  await expect(problem).toContainText('at character');
  expect((await problem.locator('.field-problem').textContent())?.match(/at character/g)).toHaveLength(1);
  await page.getByTestId('filter-jsonata').fill('');

  // Replay: nothing typed is not yet a problem; a bad name is.
  await page.getByRole('button', { name: 'Replay…' }).click();
  const replay = page.getByTestId('replay-dialog');
  await expect(replay).toBeVisible();
  await expect(replay).not.toContainText('Name the target stream.');
  await expect(replay.getByRole('button', { name: 'Replay', exact: true })).toBeDisabled();
  await replay.getByTestId('target-stream').fill('no-good!');
  await expect(replay).toContainText('remove “!”');
  await replay.getByRole('button', { name: 'Cancel', exact: true }).click();

  // The account's shard limit: waiting does not help, fewer shards or a raised limit does.
  await page.keyboard.press('Alt+1');
  await page.keyboard.press('Alt+n');
  const create = page.getByTestId('create-stream-dialog');
  await create.getByLabel('Name', { exact: true }).fill(`${stream}-huge`);
  await create.getByRole('spinbutton', { name: 'Shards' }).fill('5000');
  await create.getByRole('button', { name: 'Create stream' }).click();
  const note = create.locator('.error-note');
  await expect(note).toContainText('LimitExceededException');
  await expect(note).toContainText('Use fewer shards');
  await expect(note).toContainText('raise the limit');
  await expect(note).not.toContainText('Wait a moment');
});

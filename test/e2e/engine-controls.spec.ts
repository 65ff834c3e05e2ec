// Settings → Local engine end to end: the limits switch (engine-wide and per stream) kept by the engine across a
// reload, a fault rule checked before sending and then added, live per-shard stats of records the test writes
// with the SDK, and a stream reset behind its typed name. The engine is the web host's own.
import { CreateStreamCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import type { Page } from '@playwright/test';
import { EngineAdmin } from '../../main/services/engineAdmin';
import { expect, test } from './fixtures';
import { keepScreens } from './screens';
import { sdkClient } from '../support/kinesis';

let endpoint: string | null = null;

// The web host (and its engine) is shared with the other specs of this worker: leave the engine as it was.
test.afterAll(async () => {
  if (!endpoint) return;
  const admin = new EngineAdmin({ endpoint });
  await admin.setEngineLimits({ Mode: 'off' });
  await admin.setFaults([]);
});

async function openEngineSection(page: Page) {
  await page.keyboard.press('Alt+7');
  const section = page.getByTestId('engine');
  await expect(section.getByTestId('engine-message')).toContainText('Kinesis engine listening on http://127.0.0.1:', { timeout: 30_000 });
  await expect(section.getByTestId('engine-limits')).toBeVisible();
  return section;
}

test('limits, faults, live stats and reset in Settings → Local engine', async ({ app: { page } }, testInfo) => {
  test.setTimeout(120_000);
  const stream = `e2e-engine-${Date.now().toString(36)}`;
  let section = await openEngineSection(page);
  endpoint = (await section.getByTestId('engine-endpoint').textContent()) ?? '';
  expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const kinesis = sdkClient(endpoint, { maxAttempts: 3 });
  await kinesis.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 2 }));

  // Limits: engine-wide Realistic, one stream Off; both still there after a reload (the engine keeps them).
  const limits = section.getByTestId('engine-limits');
  await expect(limits.getByTestId('engine-overrides-empty')).toBeVisible();
  const engineWide = limits.getByRole('radiogroup', { name: 'Limits for the whole engine' });
  await engineWide.getByRole('radio', { name: 'Realistic' }).click();
  await expect(limits.getByTestId('engine-limits-mode')).toContainText('Every stream is limited like on AWS');
  await limits.getByLabel('Stream').fill(stream);
  await limits.getByLabel('Its limits').selectOption('off');
  await limits.getByRole('button', { name: 'Set for stream' }).click();
  await expect(limits.getByTestId(`override-${stream}`).getByRole('radio', { name: 'Off' })).toHaveAttribute('aria-checked', 'true');

  // Faults: a bad value is caught before sending; then a rule for the stream's PutRecords.
  const faults = section.getByTestId('engine-faults');
  await expect(faults.getByTestId('engine-faults-empty')).toBeVisible();
  await faults.getByLabel('Stream').fill(stream);
  await faults.getByLabel('Action').fill('PutRecords');
  await faults.getByLabel('Error rate %').fill('150');
  await faults.getByRole('button', { name: 'Add rule' }).click();
  await expect(faults).toContainText('A percentage from 0 to 100.');
  await expect(faults.getByTestId('fault-rule')).toHaveCount(0);
  await faults.getByLabel('Error rate %').fill('');
  await faults.getByLabel('Latency ms').fill('5');
  await faults.getByLabel('PutRecords partial %').fill('0');
  await faults.getByRole('button', { name: 'Add rule' }).click();
  await expect(faults.getByTestId('fault-rule')).toHaveCount(1);
  await expect(faults.getByTestId('fault-rule')).toContainText('+5 ms');
  await expect(faults.getByTestId('fault-rule')).toContainText('0% of PutRecords entries refused');

  await page.reload();
  section = await openEngineSection(page);
  await expect(section.getByRole('radiogroup', { name: 'Limits for the whole engine' }).getByRole('radio', { name: 'Realistic' })).toHaveAttribute('aria-checked', 'true');
  await expect(section.getByTestId(`override-${stream}`)).toBeVisible();
  await expect(section.getByTestId('fault-rule')).toContainText(stream);

  // Live stats: records written now show up per shard within a few seconds.
  const live = section.getByTestId('engine-live-stats');
  await live.getByLabel('Stream').fill(stream);
  await live.getByRole('button', { name: 'Watch' }).click();
  const table = live.getByTestId('live-stats-table');
  await expect(table.getByRole('rowheader')).toHaveCount(2);
  const writes = setInterval(() => {
    void kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: Array.from({ length: 20 }, (_, i) => ({ PartitionKey: `key-${i % 4}`, Data: new Uint8Array(32) })) })).catch(() => undefined);
  }, 200);
  try {
    await expect(table).toContainText('key-', { timeout: 15_000 });
    // Each shard's incoming records per second: non-zero while the writes go on.
    await expect(table.locator('tbody tr').first().locator('td').first()).toHaveText(/^[1-9]/, { timeout: 15_000 });
    await keepScreens(page, testInfo, 'engine-controls', { tall: true });
  } finally {
    clearInterval(writes);
  }
  await live.getByRole('button', { name: 'Stop' }).click();

  // Reset: the typed name must match before the dangerous button is enabled.
  const reset = section.getByTestId('engine-reset');
  await reset.getByLabel('Stream').fill(stream);
  await reset.getByRole('button', { name: 'Reset stream…' }).click();
  const dialog = page.getByTestId('reset-dialog');
  await dialog.getByTestId('confirm-name').fill(`${stream}x`);
  await expect(dialog.getByRole('button', { name: 'Drop every record' })).toBeDisabled();
  await dialog.getByTestId('confirm-name').fill(stream);
  await dialog.getByRole('button', { name: 'Drop every record' }).click();
  await expect(reset.getByRole('status')).toContainText(/records? dropped/);

  // Back to how the engine started, through the UI.
  await section.getByRole('radiogroup', { name: 'Limits for the whole engine' }).getByRole('radio', { name: 'Off' }).click();
  await section.getByTestId(`override-${stream}`).getByRole('radio', { name: 'Follow engine' }).click();
  await expect(section.getByTestId('engine-overrides-empty')).toBeVisible();
  await section.getByRole('button', { name: 'Clear all rules' }).click();
  await expect(section.getByTestId('engine-faults-empty')).toBeVisible();
  kinesis.destroy();
});

// The Firehose screen end to end, against the web host's local engine: create a delivery stream from a Kinesis
// stream with the wizard, put records into the Kinesis stream, watch the buffer fill, flush now, and see the preview
// of those records match the delivered object byte for byte, in the UI and on disk (the engine's file against the
// preview bytes the RPC returns). Screenshots of each step in both themes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { keepScreens } from './screens';
import { connectRpc, createActiveStream } from './tailRpc';

const RECORDS = 20;

test('a delivery stream made in the wizard delivers what its preview showed, byte for byte', async ({ app: { page, dataDir } }, testInfo) => {
  test.setTimeout(180_000);
  await expect(page.getByTestId('engine-state')).toContainText('running', { timeout: 30_000 });
  const origin = new URL(page.url()).origin;
  const token = await page.evaluate(() => sessionStorage.getItem('shardscope.token'));
  if (!token) throw new Error('the page kept no token');
  const rpc = await connectRpc(origin, token);
  const suffix = Date.now().toString(36);
  const source = `e2e-fh-src-${suffix}`;
  const name = `e2e-fh-${suffix}`;
  await createActiveStream(rpc, source, 1);

  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { level: 1, name: 'Firehose' })).toBeFocused();
  await expect(page.getByTestId('firehose-empty').or(page.getByTestId('firehose-list'))).toBeVisible();
  await keepScreens(page, testInfo, 'firehose-list-initial');

  // The wizard opens from the command palette, and from the keyboard (Alt+Shift+N on this screen).
  const wizard = page.getByTestId('fh-create');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('create delivery stream');
  await page.keyboard.press('Enter');
  await expect(wizard).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(wizard).toBeHidden();
  await page.getByRole('heading', { level: 1, name: 'Firehose' }).focus();
  await page.keyboard.press('Alt+Shift+N');
  await expect(wizard).toBeVisible();
  // A bad name is named before anything is sent; the request is shown as it is built.
  await expect(wizard.getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.type('bad name!');
  await expect(wizard).toContainText('letters, digits, underscores, dots and hyphens only');
  await wizard.getByLabel('Name', { exact: true }).fill(name);
  await wizard.getByRole('radio', { name: 'Kinesis stream' }).click();
  await wizard.getByLabel('Kinesis stream of the local engine').selectOption(source);
  await wizard.getByLabel('Prefix', { exact: true }).fill('e2e/');
  await wizard.getByRole('radio', { name: 'GZIP' }).click();
  const request = wizard.getByTestId('fh-request-json');
  await expect(request).toContainText(`"DeliveryStreamName": "${name}"`);
  await expect(request).toContainText('"DeliveryStreamType": "KinesisStreamAsSource"');
  await expect(request).toContainText(`stream/${source}`);
  await expect(request).toContainText('"CompressionFormat": "GZIP"');
  await expect(request).toContainText('"Type": "AppendDelimiterToRecord"');
  await keepScreens(page, testInfo, 'firehose-create-wizard');

  // An expression in the prefix without an error prefix: the engine refuses with AWS's text, shown as it is.
  await wizard.getByLabel('Prefix', { exact: true }).fill('e2e/!{timestamp:yyyy}/');
  await wizard.getByRole('button', { name: 'Create on the local engine' }).click();
  await expect(wizard.getByTestId('fh-create-error')).toContainText('ErrorOutputPrefix cannot be null or empty when Prefix contains expressions');
  await wizard.getByLabel('Prefix', { exact: true }).fill('e2e/');
  await wizard.getByRole('button', { name: 'Create on the local engine' }).click();
  await expect(wizard).toBeHidden();

  // The detail opens on the new stream.
  await expect(page.getByRole('heading', { level: 1, name: 'Firehose' })).toBeVisible();
  await expect(page.getByTestId('firehose-detail')).toContainText('ACTIVE', { timeout: 30_000 });
  await expect(page.getByTestId('fh-source')).toHaveText(`Kinesis stream ${source}`);
  await expect(page.getByTestId('fh-processors')).toHaveText('AppendDelimiterToRecord');
  await expect(page.getByTestId('fh-version')).toHaveText('1');

  // Records into the Kinesis stream; the live state shows them buffered.
  const lines = Array.from({ length: RECORDS }, (_, i) => JSON.stringify({ n: i, text: `record ${i}` }));
  const put = await rpc.call('producers.putBatch', { stream: source, records: lines.map((value, i) => ({ partitionKey: `k${i}`, data: { format: 'json' as const, value } })) });
  expect(put.failedCount).toBe(0);
  await page.getByRole('tab', { name: 'Live state and metrics' }).click();
  await expect(page.getByTestId('fh-incoming')).toContainText(`${RECORDS} records`, { timeout: 30_000 });
  await expect(page.getByTestId('fh-buffer')).toContainText(`${RECORDS} records`);
  await keepScreens(page, testInfo, 'firehose-live-buffered', { tall: true });

  await page.getByRole('button', { name: 'Flush now (local only)' }).click();
  await expect(page.getByTestId('fh-delivered-count')).toContainText(`${RECORDS} records`, { timeout: 30_000 });
  await expect(page.getByTestId('fh-recent')).toContainText('flushed by hand (local only)');

  // The preview of the newest records of the source, beside the delivered object: the same bytes.
  await page.getByRole('tab', { name: 'Preview and delivered' }).click();
  await page.getByLabel('Records to take').fill(String(RECORDS));
  await page.getByTestId('fh-run-preview').click();
  const previewed = page.getByTestId('fh-preview-object');
  await expect(previewed).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('fh-preview-object-0-decompressed')).toContainText(`${lines[0]}↵`);
  await page.getByTestId('fh-delivered').getByRole('button', { name: 'Refresh' }).click();
  await page.getByTestId('fh-delivered-list').getByRole('button').first().click();
  await expect(page.getByTestId('fh-match')).toContainText('Matches the preview byte for byte');
  await expect(page.getByTestId('fh-delivered-object-decompressed')).toContainText(`${lines[RECORDS - 1]}↵`);
  await keepScreens(page, testInfo, 'firehose-preview-delivered', { tall: true });

  // The same comparison outside the UI: the engine's file against the bytes the preview RPC returns.
  const preview = await rpc.call('firehose.preview', { name, samples: { kind: 'tail', count: RECORDS } });
  const { objects } = await rpc.call('firehose.objects', { name, limit: 5 });
  expect(objects).toHaveLength(1);
  const key = objects[0]?.key ?? '';
  expect(key).toMatch(new RegExp(`^e2e/\\d{4}/\\d\\d/\\d\\d/\\d\\d/${name}-1-\\d{4}-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d-[0-9a-f-]{36}\\.gz$`));
  const onDisk = readFileSync(join(dataDir, 'engine', 's3', 'local-bucket', key));
  expect(Buffer.from(preview.objects[0]?.raw.base64 ?? '', 'base64').equals(onDisk)).toBe(true);

  // At a small width the preview and the delivered object stack instead of squeezing.
  await page.setViewportSize({ width: 820, height: 900 });
  await keepScreens(page, testInfo, 'firehose-narrow');
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('tab', { name: 'Describe output' }).click();
  await expect(page.getByTestId('fh-describe-json')).toContainText('destinationId-000000000001');
  rpc.close();
});

// The record tailer end to end, against the web host's local engine fed by the generator in main: tail, pause
// and resume, a JSONata filter (its syntax error shown as typed, then matched rows), a record's detail, an
// NDJSON export read back from the download, that file imported into another stream, a replay into a third, and
// a permalink that reopens the tailer on its record.
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { keepScreens } from './screens';
import { pageToken, rpcOfPage } from './tailPage';
import { createActiveStream } from './tailRpc';

const template = '{"user":{"id":"{{int 1 4}}"},"amount":{{int 1 200}},"n":{{seq}},"kind":"{{pick view click buy}}"}';

test('tail a generated stream: pause, filter, detail, export and permalink', async ({ app: { page, shell } }, testInfo) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(180_000);
  const rpc = await rpcOfPage(page);
  const stream = `e2e-tail-${Date.now().toString(36)}`;
  await createActiveStream(rpc, stream, 2);
  const generator = await rpc.call('generator.start', { stream, shape: { kind: 'template', template, format: 'json' }, ratePerSecond: 40, seed: 7 });

  try {
    // The empty Tail screen, reached from the keyboard.
    await page.keyboard.press('Alt+2');
    await expect(page.getByRole('heading', { level: 1, name: 'Tail' })).toBeVisible();
    await expect(page.getByTestId('tail-empty')).toBeVisible();
    await keepScreens(page, testInfo, 'tail-empty');

    // Start at TRIM_HORIZON on all shards, with a JSON-path column.
    await page.getByTestId('tail-stream').fill(stream);
    await page.getByRole('radio', { name: 'Oldest (trim horizon)' }).click();
    await page.getByTestId('tail-column-input').fill('user.id');
    await page.getByTestId('tail-column-input').press('Enter');
    await page.getByTestId('tail-toggle').click();
    await expect(page.getByTestId('tail-state')).toHaveText('Live');
    const rows = page.getByTestId('tail-rows');
    await expect.poll(async () => Number(await rows.getAttribute('data-count')), { timeout: 30_000 }).toBeGreaterThan(40);
    await expect(page.getByTestId('shard-status')).toHaveCount(2);
    await expect(page.getByTestId('tail-table').locator('[role="columnheader"]', { hasText: 'user.id' })).toBeVisible();
    await keepScreens(page, testInfo, 'tail-live');

    // Pause (Space): rows stop coming, and none is lost; Resume continues.
    await page.getByRole('heading', { level: 1, name: 'Tail' }).click();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('paused-note')).toBeVisible();
    await expect(page.getByTestId('tail-state')).toHaveText('Paused');
    const atPause = Number(await rows.getAttribute('data-count'));
    const sentAtPause = (await rpc.call('generator.list')).generators.find((g) => g.id === generator.id)?.acknowledged ?? 0;
    await expect.poll(async () => (await rpc.call('generator.list')).generators.find((g) => g.id === generator.id)?.acknowledged ?? 0, { timeout: 20_000 }).toBeGreaterThan(sentAtPause + 60);
    expect(Number(await rows.getAttribute('data-count'))).toBeLessThanOrEqual(atPause + 2000);
    await keepScreens(page, testInfo, 'tail-paused');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('paused-note')).toBeHidden();
    await expect.poll(async () => Number(await rows.getAttribute('data-count')), { timeout: 30_000 }).toBeGreaterThan(atPause + 60);

    // A JSONata filter: a syntax error is shown as typed, with its position; a valid one, re-read, restarts with
    // matched rows (filtered in main: more scanned than matched).
    const jsonata = page.getByTestId('filter-jsonata');
    await jsonata.fill('user.id = "3" and amount >');
    await expect(page.getByTestId('jsonata-problem')).toContainText('at character');
    await expect(page.getByTestId('filter-apply')).toBeDisabled();
    await keepScreens(page, testInfo, 'tail-filter-error');
    await jsonata.fill('user.id = "3" and amount > 100');
    await expect(page.getByTestId('jsonata-problem')).toBeHidden();
    await page.getByTestId('filter-reread').click();
    await expect(page.getByTestId('tail-state')).toHaveText('Live');
    await expect.poll(async () => Number(await rows.getAttribute('data-count')), { timeout: 30_000 }).toBeGreaterThan(5);
    const previews = await rows.locator('.tt-preview').allTextContents();
    expect(previews.length).toBeGreaterThan(0);
    for (const preview of previews) {
      const value = JSON.parse(preview) as { user: { id: string }; amount: number };
      expect(value.user.id).toBe('3');
      expect(value.amount).toBeGreaterThan(100);
    }
    await expect.poll(async () => Number((await page.getByTestId('counter-scanned').textContent())?.replace(/\D/g, '')), { timeout: 10_000 }).toBeGreaterThan(
      Number((await page.getByTestId('counter-matched').textContent())?.replace(/\D/g, '')),
    );
    await keepScreens(page, testInfo, 'tail-filtered');

    // Open a record's detail from the keyboard: decode chain, folded JSON, metadata and retention.
    await page.getByRole('heading', { level: 1, name: 'Tail' }).click();
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('tail-detail');
    await expect(detail).toBeVisible();
    await expect(detail.getByTestId('decode-chain')).toHaveText('JSON');
    await expect(detail.getByTestId('json-tree')).toContainText('"amount"');
    await expect(detail.getByTestId('retention')).toContainText('Ages out of the stream in');
    const selected = rows.locator('[role="row"][aria-selected="true"]');
    const seq = await selected.getAttribute('data-seq');
    const shardTitle = await selected.locator('[role="gridcell"]').nth(1).getAttribute('title');
    if (!seq || !shardTitle) throw new Error('no selected row');
    await keepScreens(page, testInfo, 'tail-detail');
    await detail.getByRole('tab', { name: 'Metadata' }).click();
    await expect(detail.getByTestId('record-meta')).toContainText(seq);

    // Export every loaded row to NDJSON: the download has them all, each with its key and data.
    await page.getByTestId('tail-pause').click();
    await expect(page.getByTestId('tail-state')).toHaveText('Paused');
    const loaded = Number(await rows.getAttribute('data-count'));
    await page.getByTestId('tail-export').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByRole('radio', { name: /All loaded rows/ }).click();
    await keepScreens(page, testInfo, 'tail-export-dialog');
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    await expect(dialog.getByTestId('export-done')).toContainText(`Exported ${loaded.toLocaleString('en-US')} rows`);
    const file = await download.path();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(loaded);
    for (const line of lines) {
      const record = JSON.parse(line) as { partitionKey: string; sequenceNumber: string; text: string; data: string };
      expect(record.partitionKey.length).toBeGreaterThan(0);
      expect((JSON.parse(record.text) as { user: { id: string } }).user.id).toBe('3');
      expect(Buffer.from(record.data, 'base64').toString('utf8')).toBe(record.text);
    }
    expect(lines.some((line) => (JSON.parse(line) as { sequenceNumber: string }).sequenceNumber === seq)).toBe(true);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('tail-toggle').click();

    // Import the exported file into another stream: every line is written, and the report says so exactly.
    await createActiveStream(rpc, `${stream}-copy`, 1);
    await page.getByRole('button', { name: 'Import…' }).click();
    const importer = page.getByTestId('import-dialog');
    await importer.getByTestId('import-file').setInputFiles(file);
    await importer.getByTestId('target-stream').fill(`${stream}-copy`);
    await importer.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(importer.getByTestId('write-report')).toContainText(`Done: ${loaded.toLocaleString('en-US')} lines read, ${loaded.toLocaleString('en-US')} sent, ${loaded.toLocaleString('en-US')} written, 0 failed`, { timeout: 30_000 });
    await keepScreens(page, testInfo, 'tail-import-report');
    await importer.getByRole('button', { name: 'Close' }).click();

    // Replay the whole stream into a third one: read, sent and written agree, nothing failed.
    await createActiveStream(rpc, `${stream}-replay`, 2);
    await page.getByRole('button', { name: 'Replay…' }).click();
    const replay = page.getByTestId('replay-dialog');
    await replay.getByRole('radio', { name: 'Oldest record' }).click();
    await replay.getByTestId('target-stream').fill(`${stream}-replay`);
    await replay.getByRole('button', { name: 'Replay', exact: true }).click();
    await expect(replay.getByTestId('write-report')).toContainText(/Done: ([\d,]+) records read, \1 sent, \1 written, 0 failed/, { timeout: 60_000 });
    await keepScreens(page, testInfo, 'tail-replay-report');
    await replay.getByRole('button', { name: 'Close' }).click();

    // A permalink opened in a fresh load (with the web host's token) reopens the tailer on that record.
    const { activeId } = await rpc.call('connections.state');
    const hash = `#/tail?${new URLSearchParams({ c: activeId, s: stream, shard: shardTitle, seq }).toString()}`;
    const origin = new URL(page.url()).origin;
    const token = await pageToken(page);
    await page.goto('about:blank');
    await page.goto(`${origin}/${hash}&token=${token}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Tail' })).toBeVisible();
    const linked = page.getByTestId('tail-rows').locator(`[role="row"][data-seq="${seq}"]`);
    await expect(linked).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });
    await expect(page.getByTestId('tail-detail')).toBeVisible();
    await expect(page.getByTestId('tail-detail').getByTestId('decode-chain')).toHaveText('JSON');
    expect(new URL(page.url()).hash).toBe('');
    await keepScreens(page, testInfo, 'tail-permalink');
  } finally {
    await rpc.call('generator.stop', { id: generator.id }).catch(() => undefined);
    rpc.close();
  }
});

test('a large record shows its first 64 KiB with plain wording, and all of it on one click', async ({ app: { page, shell } }, testInfo) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(120_000);
  const rpc = await rpcOfPage(page);
  try {
    const stream = `e2e-tail-big-${Date.now().toString(36)}`;
    await createActiveStream(rpc, stream, 1);
    // About 300 KB of text: the view is cut at 65,536 characters, the rest comes in 512 KiB slices.
    const text = Array.from({ length: 6000 }, (_, i) => `line ${String(i).padStart(5, '0')} ${'x'.repeat(38)}`).join('\n');
    await rpc.call('producers.put', { stream, partitionKey: 'big', data: { format: 'text', value: text } });

    await page.keyboard.press('Alt+2');
    await page.getByTestId('tail-stream').fill(stream);
    await page.getByRole('radio', { name: 'Oldest (trim horizon)' }).click();
    await page.keyboard.press('Control+Enter');
    const row = page.getByTestId('tail-rows').locator('[role="row"]').first();
    await expect(row).toContainText('line 00000');
    await row.dblclick();
    const detail = page.getByTestId('tail-detail');
    await expect(detail.getByTestId('decode-chain')).toHaveText('text');
    await expect(detail.getByTestId('hidden-note')).toContainText(`Showing the first 65,536 of ${text.length.toLocaleString('en-US')} characters`);
    await expect(detail.getByTestId('record-view')).not.toContainText('line 05999');
    await keepScreens(page, testInfo, 'tail-large-record');
    await detail.getByRole('button', { name: /^Show all/ }).click();
    await expect(detail.getByTestId('hidden-note')).toBeHidden({ timeout: 30_000 });
    await expect(detail.getByTestId('record-view')).toContainText('line 05999');
  } finally {
    rpc.close();
  }
});

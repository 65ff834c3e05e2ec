// The Analytics screen end to end, against the web host's local engine fed by the generator in main: discover the
// schema, type a tumbling count in the editor with the keyboard, run it, and watch the table and the chart grow;
// then a syntax error underlined under the right token with its message. Screens kept in both themes.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { keepScreens } from './screens';
import { rpcOfPage } from './tailPage';
import { createActiveStream } from './tailRpc';

const template = '{"kind":"{{pick view click buy}}","amount":{{int 1 200}},"n":{{seq}}}';

async function replaceQuery(page: Page, text: string): Promise<void> {
  const editor = page.getByTestId('sql-editor-input');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
  // A completion list may be open after the last word: close it so the next key is not taken by it.
  await page.keyboard.press('Escape');
  await expect(editor).toHaveText(text);
}

async function replaceAdhoc(page: Page, text: string): Promise<void> {
  await page.getByTestId('adhoc-sql-input').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
  await expect(page.getByTestId('adhoc-sql-input')).toHaveText(text);
}

test('a tumbling count typed in the editor runs live; a syntax error is underlined where it is', async ({ app: { page, shell } }, testInfo) => {
  test.skip(shell !== 'web', 'The test talks to main over the web host’s WebSocket.');
  test.setTimeout(180_000);
  const rpc = await rpcOfPage(page);
  const stream = `e2e_analytics_${Date.now().toString(36)}`;
  await createActiveStream(rpc, stream, 2);
  const generator = await rpc.call('generator.start', { stream, shape: { kind: 'template', template, format: 'json' }, ratePerSecond: 50, seed: 11 });

  try {
    // The screen from the keyboard, before anything is set: real empty states.
    await page.keyboard.press('Alt+5');
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
    await expect(page.getByTestId('results-empty')).toBeVisible();
    await expect(page.getByTestId('schema-empty')).toBeVisible();

    // Source and schema: the discovered columns come from the generated JSON.
    await page.getByTestId('analytics-stream').fill(stream);
    await expect.poll(async () => (await rpc.call('generator.list')).generators.find((g) => g.id === generator.id)?.acknowledged ?? 0, { timeout: 20_000 }).toBeGreaterThan(20);
    // Discovery from the command palette, while on another screen: the palette opens Analytics and samples.
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('discover the analytics');
    await page.getByTestId('command-palette').locator('.palette-label').filter({ hasText: /^Discover the analytics input schema$/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
    const columns = page.getByTestId('schema-columns');
    await expect(columns).toBeVisible({ timeout: 20_000 });
    await expect(columns.locator('td.mono', { hasText: '$.kind' })).toBeVisible();
    await expect(columns.locator('td.mono', { hasText: '$.amount' })).toBeVisible();

    // Completion offers the discovered columns.
    await page.getByTestId('sql-editor-input').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('SELECT amo');
    await expect(page.locator('.cm-tooltip-autocomplete')).toContainText('amount');
    await page.keyboard.press('Escape');

    // A tumbling count per kind, typed key by key; main's checker accepts it and names the window.
    await replaceQuery(page, `SELECT window_start, window_end, kind, COUNT(*) AS orders FROM TABLE(TUMBLE(TABLE ${stream}, DESCRIPTOR(ROWTIME), INTERVAL '2' SECOND)) GROUP BY window_start, window_end, kind`);
    await expect(page.getByTestId('sql-verdict')).toContainText('tumbling window of 2 s on ROWTIME', { timeout: 10_000 });
    await expect(page.locator('.cm-lintRange-error')).toHaveCount(0);
    await keepScreens(page, testInfo, 'analytics-ready', { tall: true });

    // Run from the editor (Ctrl+Enter): windows close every 2 s and the table and the chart grow in place.
    await page.getByTestId('sql-editor-input').press('Control+Enter');
    await expect(page.getByTestId('run-state')).toHaveText('Running', { timeout: 15_000 });
    const table = page.getByTestId('results-table');
    await expect.poll(async () => Number((await table.getAttribute('data-count')) ?? 0), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    const first = Number(await table.getAttribute('data-count'));
    await expect(table.getByRole('columnheader', { name: 'orders' })).toBeVisible();
    await expect(table.getByRole('gridcell', { name: 'click', exact: true }).first()).toBeVisible();
    await expect.poll(async () => Number((await table.getAttribute('data-count')) ?? 0), { timeout: 30_000 }).toBeGreaterThan(first);
    await expect(page.getByTestId('records-in')).not.toHaveText('0');

    // A record that is not JSON goes to the error stream with its reason; none is dropped silently.
    await rpc.call('producers.putBatch', { stream, records: [{ partitionKey: 'bad', data: { format: 'text', value: 'not json at all' } }] });
    await expect(page.getByTestId('error-count')).toHaveText('1', { timeout: 15_000 });
    await page.getByRole('tab', { name: /Error stream/ }).click();
    await expect(page.getByTestId('error-stream')).toContainText('not json at all');
    await page.getByRole('tab', { name: /Table/ }).click();
    await keepScreens(page, testInfo, 'analytics-table', { tall: true });

    await page.getByRole('tab', { name: 'Chart' }).click();
    const chart = page.getByTestId('chart-groups');
    await expect(chart).toBeVisible();
    await expect(chart.locator('.recharts-line')).toHaveCount(3);
    const points = Number(await chart.getAttribute('data-points'));
    await expect.poll(async () => Number((await chart.getAttribute('data-points')) ?? 0), { timeout: 30_000 }).toBeGreaterThan(points);
    await keepScreens(page, testInfo, 'analytics-chart', { tall: true });

    // Pausing freezes the view only: the query keeps reading.
    await page.getByTestId('pause-view').click();
    await expect(page.getByTestId('run-state')).toHaveText('View paused');
    const readAtPause = Number((await page.getByTestId('records-in').textContent())?.replace(/\D/g, ''));
    await expect.poll(async () => Number((await page.getByTestId('records-in').textContent())?.replace(/\D/g, '')), { timeout: 20_000 }).toBeGreaterThan(readAtPause);
    await page.getByTestId('pause-view').click();

    // Saved for this connection, with its dialect.
    await page.getByRole('textbox', { name: 'Name to save the query under' }).fill('orders per kind');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByTestId('saved-queries').locator('option', { hasText: 'orders per kind (Flink)' })).toHaveCount(1);

    // Stop, then a syntax error: underlined under the token main names, with its message.
    await page.getByTestId('analytics-run').click();
    await expect(page.getByTestId('run-state')).toHaveText('Stopped');

    // The query as a Flink script for the current Kinesis connector, with a copy button.
    await page.getByTestId('analytics-flink').click();
    const script = page.getByTestId('flink-script');
    await expect(script).toContainText("'connector' = 'kinesis'", { timeout: 15_000 });
    await expect(script).toContainText('TUMBLE');
    await expect(page.getByTestId('flink-export').getByRole('button', { name: 'Copy the script' })).toBeVisible();
    await keepScreens(page, testInfo, 'analytics-flink');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('flink-export')).toBeHidden();

    // An output target: chosen in its dialog, named on its button; back to the screen only.
    await page.getByTestId('analytics-output').click();
    await page.getByTestId('output-dialog').getByRole('radio', { name: 'A Kinesis stream' }).click();
    await page.getByTestId('output-name').fill('bad name!');
    await expect(page.getByTestId('output-dialog')).toContainText('Only letters, digits');
    await expect(page.getByRole('button', { name: 'Use this output' })).toBeDisabled();
    await page.getByTestId('output-name').fill(`${stream}_out`);
    await page.getByRole('button', { name: 'Use this output' }).click();
    await expect(page.getByTestId('analytics-output')).toHaveText(`Output: ${stream}_out`);
    await page.getByTestId('analytics-output').click();
    await page.getByTestId('output-dialog').getByRole('radio', { name: 'The screen only' }).click();
    await page.getByRole('button', { name: 'Use this output' }).click();
    await expect(page.getByTestId('analytics-output')).toHaveText('Output: the screen only');

    // At a small width the source and schema go above the query, and nothing spills out of the frame.
    await page.setViewportSize({ width: 800, height: 700 });
    const main = page.locator('.main');
    await expect.poll(async () => page.evaluate(() => document.querySelector('.analytics-screen')?.scrollWidth ?? 0)).toBeLessThanOrEqual(await main.evaluate((el) => el.clientWidth));
    await keepScreens(page, testInfo, 'analytics-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });
    await replaceQuery(page, `SELECT window_start, COUNT(*) AS orders FROM TABLE(TUMBLE(TABLE ${stream}, DESCRIPTOR(ROWTIME), INTERVAL '2' SECOND)) GROUP BY window_start, window_end ORDER BY orders`);
    const underline = page.locator('.cm-lintRange-error');
    await expect(underline).toHaveText('ORDER', { timeout: 10_000 });
    await expect(page.getByTestId('sql-problem')).toContainText('ORDER BY on a stream is not supported');
    await underline.hover();
    await expect(page.locator('.cm-tooltip-lint')).toContainText('ORDER BY on a stream is not supported');
    await keepScreens(page, testInfo, 'analytics-error');

    // The KDA dialect keeps its own text (its example pump here), checked by main too; Flink's text is kept.
    await page.getByRole('radio', { name: 'KDA SQL' }).click();
    await expect(page.getByTestId('sql-editor-input')).toContainText('CREATE OR REPLACE PUMP');
    await expect(page.getByTestId('sql-verdict')).toContainText('into DEST_SQL_STREAM', { timeout: 10_000 });
    await expect(page.locator('.cm-lintRange-error')).toHaveCount(0);
    await page.getByRole('radio', { name: 'Flink SQL' }).click();
    await expect(page.locator('.cm-lintRange-error')).toHaveText('ORDER', { timeout: 10_000 });

    // Ad-hoc, labelled SQLite: the last minutes into a table, SQLite's own SQL (ORDER BY allowed), re-run on demand.
    await page.getByRole('tab', { name: 'Ad-hoc (SQLite)' }).click();
    await expect(page.getByTestId('adhoc-panel')).toContainText('Not a streaming dialect');
    await page.getByTestId('adhoc-load').click();
    await expect(page.getByTestId('adhoc-table')).toContainText('records from', { timeout: 30_000 });
    await page.getByTestId('adhoc-run').click();
    const adhoc = page.getByTestId('adhoc-result');
    await expect(adhoc.getByRole('columnheader', { name: 'records' })).toBeVisible({ timeout: 15_000 });
    await expect(adhoc.locator('tbody tr').first()).toBeVisible();
    // The record that is not JSON is in the table too: SQLite's json_extract refuses it, json_valid skips it.
    await replaceAdhoc(page, "SELECT json_extract(DATA, '$.kind') AS kind, COUNT(*) AS n FROM records GROUP BY kind ORDER BY kind");
    await page.getByTestId('adhoc-run').click();
    await expect(page.getByTestId('adhoc-panel').getByRole('alert')).toContainText('malformed JSON');
    await expect(adhoc).toBeHidden();
    await replaceAdhoc(page, "SELECT json_extract(DATA, '$.kind') AS kind, COUNT(*) AS n FROM records WHERE json_valid(DATA) GROUP BY kind ORDER BY kind");
    await page.getByTestId('adhoc-run').click();
    await expect(adhoc.locator('tbody tr')).toHaveCount(3);
    await expect(adhoc.locator('tbody tr').first()).toContainText('buy');
    await keepScreens(page, testInfo, 'analytics-adhoc');

    // One value per window and no group: the chart is a single big number.
    await page.getByRole('tab', { name: 'Streaming SQL' }).click();
    await replaceQuery(page, `SELECT window_start, window_end, COUNT(*) AS total FROM TABLE(TUMBLE(TABLE ${stream}, DESCRIPTOR(ROWTIME), INTERVAL '2' SECOND)) GROUP BY window_start, window_end`);
    await expect(page.getByTestId('sql-verdict')).toContainText('3 columns', { timeout: 10_000 });
    await page.getByTestId('sql-editor-input').press('Control+Enter');
    await page.getByRole('tab', { name: 'Chart' }).click();
    await expect(page.getByTestId('chart-number').locator('.big-number-value')).toHaveText(/^\d[\d,]*$/, { timeout: 20_000 });
    await keepScreens(page, testInfo, 'analytics-number');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('run-state')).toHaveText('Stopped');
  } finally {
    await rpc.call('generator.stop', { id: generator.id }).catch(() => undefined);
  }
});

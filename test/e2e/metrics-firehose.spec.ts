// The Metrics screen charting a Firehose delivery stream of the local engine under load: the switch beside the
// stream picker, the delivery stream picked, and incoming and delivered curves that move as records flow through.
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { dummyCredentials } from '../support/kinesis';
import { expect, test } from './fixtures';
import { keepScreens } from './screens';
import { rpcOfPage } from './tailPage';
import { DRAWN_LINE } from './metricsPage';

/** PutRecordBatch of 20 records every 200 ms until stopped. */
function startLoad(firehose: FirehoseClient, name: string): { stop(): Promise<void> } {
  let running = true;
  let n = 0;
  const loop = (async () => {
    while (running) {
      const records = Array.from({ length: 20 }, () => ({ Data: new TextEncoder().encode(`{"n":${n++},"pad":"${'x'.repeat(100)}"}\n`) }));
      await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records })).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

test('metrics of a delivery stream under load: incoming and delivered curves', async ({ app: { page, shell } }, testInfo) => {
  test.skip(shell !== 'web', 'The RPC helper connects to the web host.');
  test.setTimeout(120_000);
  const rpc = await rpcOfPage(page);
  const { endpoint } = await rpc.call('engine.status');
  if (!endpoint) throw new Error('no engine endpoint');
  const firehose = new FirehoseClient({ endpoint, region: 'us-east-1', credentials: dummyCredentials, maxAttempts: 3 });
  const name = `e2e-fh-metrics-${Date.now().toString(36)}`;
  // Buffered for 2 seconds, so deliveries come regularly while records keep arriving.
  await firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: name,
      ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::000000000000:role/firehose', BucketARN: 'arn:aws:s3:::e2e-lake', BufferingHints: { IntervalInSeconds: 2, SizeInMBs: 1 } },
    }),
  );
  await expect.poll(async () => (await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))).DeliveryStreamDescription?.DeliveryStreamStatus, { timeout: 20_000 }).toBe('ACTIVE');
  const load = startLoad(firehose, name);
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    // From the delivery stream's live state on the Firehose screen to its charts on the Metrics screen.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /^Firehose/ }).click();
    await page.getByTestId('firehose-list').getByRole('button', { name }).click();
    await page.getByRole('tab', { name: 'Live state and metrics' }).click();
    await page.getByTestId('fh-open-metrics').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Metrics' })).toBeVisible();
    await expect(page.getByRole('radiogroup', { name: 'What to chart' }).getByRole('radio', { name: 'Delivery stream' })).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('metrics-stream')).toHaveCount(0);
    await expect(page.getByTestId('metrics-delivery-stream')).toHaveValue(name);
    await expect(page.getByRole('heading', { name: `Delivery stream ${name}` })).toBeVisible();

    const incoming = page.getByTestId('chart-fh-incoming-records');
    const delivered = page.getByTestId('chart-fh-delivered-records');
    await expect(incoming.locator('.recharts-line-curve').first()).toHaveAttribute('d', DRAWN_LINE, { timeout: 20_000 });
    // Delivered to S3, once the first 2-second buffer has gone out.
    await expect(delivered).toContainText('To S3', { timeout: 20_000 });
    await expect(delivered.locator('.recharts-line-curve').first()).toHaveAttribute('d', DRAWN_LINE);
    await expect(delivered.locator('.chart-panel-summary')).not.toContainText('peak 0', { timeout: 20_000 });
    // Live: the incoming figures move between two looks.
    const first = await incoming.locator('.chart-panel-summary').textContent();
    await expect.poll(async () => incoming.locator('.chart-panel-summary').textContent(), { timeout: 20_000 }).not.toBe(first);
    await expect(page.getByTestId('chart-fh-freshness')).toBeVisible();
    // The first traffic replaced the note saying there was none.
    await expect(page.getByText('Nothing was put into or delivered')).toHaveCount(0);
    await expect(page.getByTestId('metrics-status')).toContainText('1-second resolution');
    await keepScreens(page, testInfo, 'metrics-firehose', { tall: true });

    // Longer than the engine's hour: the range is cut, and the notes say so.
    await page.locator('body').press('3');
    await expect(page.getByTestId('metrics-notes')).toContainText('keeps Firehose metrics for the last hour only', { timeout: 20_000 });

    // Back to Kinesis streams: their pickers return.
    await page.getByRole('radiogroup', { name: 'What to chart' }).getByRole('radio', { name: 'Kinesis stream' }).click();
    await expect(page.getByTestId('metrics-stream')).toBeVisible();
    await expect(page.getByTestId('metrics-delivery-stream')).toHaveCount(0);
    await page.setViewportSize({ width: 720, height: 900 });
    await page.getByRole('radiogroup', { name: 'What to chart' }).getByRole('radio', { name: 'Delivery stream' }).click();
    await expect(page.getByTestId('chart-fh-incoming-records')).toBeVisible();
    await keepScreens(page, testInfo, 'metrics-firehose-narrow');
  } finally {
    await load.stop();
    firehose.destroy();
  }
});

// AWS profiles in the UI, from a temporary AWS config given to a web host of this test's own: the profiles are
// listed, an MFA role profile asks for its code in a dialog when switched to, a cancelled prompt ends as a clear
// `mfa-required` failure, and the Streams screen says what went wrong instead of showing an empty list.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, root, test } from './fixtures';
import { keepScreens } from './screens';
import { tempDir } from '../support/tempDir';

const config = `[profile base]
aws_access_key_id = AKIDSHARDSCOPEE2E0001
aws_secret_access_key = e2e-not-a-real-secret-0001
region = us-east-1

[profile mfa-role]
role_arn = arn:aws:iam::123456789012:role/shardscope-e2e
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/e2e-device
region = eu-west-1
`;

/** A web host whose AWS files are a temporary config; the same `dir` again is the same app after a restart. */
async function startHostWithProfiles(dir = tempDir('e2e-profiles').path): Promise<{ url: string; child: ChildProcess; dir: string }> {
  const entry = path.join(root, 'dist', 'main', 'web.js');
  if (!existsSync(entry)) throw new Error('dist/main/web.js is missing: run `npm run build` before the e2e tests.');
  writeFileSync(path.join(dir, 'config'), config);
  writeFileSync(path.join(dir, 'credentials'), '');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  delete env.AWS_PROFILE;
  delete env.AWS_REGION;
  delete env.AWS_DEFAULT_REGION;
  const child = spawn(process.execPath, [entry, '--port', '0', '--engine-port', '0', '--data-dir', path.join(dir, 'data'), '--no-open'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^Shardscope web console: (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)$/m.exec(out);
      if (match?.[1]) resolve({ url: match[1], child, dir });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the web host exited (${code}):\n${out}`)));
  });
}

test('AWS profiles are listed; an MFA profile asks for its code, and cancelling says so', async ({ shell, playwright, launchOptions }, testInfo) => {
  test.skip(shell !== 'web', 'this spec starts its own web host with a temporary AWS config; the desktop shell reads the real one');
  test.setTimeout(90_000);
  const host = await startHostWithProfiles();
  const browser = await playwright.chromium.launch(launchOptions);
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(host.url);
    await page.keyboard.press('Alt+7');
    const list = page.getByTestId('connection-list');
    await expect(list.getByTestId('connection-base')).toContainText('AWS profile');
    await expect(list.getByTestId('connection-mfa-role')).toContainText('eu-west-1');
    await expect(list.getByTestId('connection-mfa-role')).toContainText('MFA');

    // Switching to the MFA profile makes main ask for a code.
    await page.keyboard.press('Control+Shift+k');
    await page.keyboard.type('mfa-role');
    await page.keyboard.press('Enter');
    const mfa = page.getByTestId('mfa-dialog');
    await expect(mfa).toBeVisible({ timeout: 30_000 });
    await expect(mfa).toContainText('mfa-role');
    await expect(mfa).toContainText('arn:aws:iam::123456789012:mfa/e2e-device');
    await expect(mfa.getByRole('button', { name: 'Continue' })).toBeDisabled();
    await mfa.getByLabel('Six-digit code').fill('12a');
    await expect(mfa.getByLabel('Six-digit code')).toHaveValue('12');
    await keepScreens(page, testInfo, 'mfa-dialog');
    await mfa.getByRole('button', { name: 'Cancel' }).click();

    // Cancelled: the connection says mfa-required (prompts from the list's own calls are cancelled the same way).
    for (let i = 0; i < 5 && (await mfa.isVisible()); i++) await mfa.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('active-connection')).toContainText('mfa-role');
    const row = list.getByTestId('connection-mfa-role');
    await expect(row).toContainText('mfa-required', { timeout: 30_000 });
    await expect(row).toContainText('Make it the active connection and press Check');
    await keepScreens(page, testInfo, 'settings-profiles-mfa-failed', { tall: true });
  } finally {
    await browser.close();
    host.child.kill('SIGTERM');
  }
});

test('a static secret not kept across a restart (no OS keychain) is asked for again', async ({ shell, playwright, launchOptions }) => {
  test.skip(shell !== 'web', 'the desktop shell keeps secrets in the OS keychain (safeStorage); the web host keeps them for the session only');
  test.setTimeout(90_000);
  const first = await startHostWithProfiles();
  const browser = await playwright.chromium.launch(launchOptions);
  try {
    let page = await (await browser.newContext()).newPage();
    await page.goto(first.url);
    await page.keyboard.press('Alt+7');
    await page.getByRole('button', { name: 'Add custom endpoint' }).click();
    const form = page.getByTestId('connection-dialog');
    await form.getByLabel('Name').fill('Proxy with keys');
    await form.getByLabel('Endpoint URL').fill('http://127.0.0.1:9');
    await form.getByRole('radio', { name: /Access key and secret/ }).check();
    await form.getByLabel('Access key id').fill('AKIDSHARDSCOPEE2E0002');
    await form.getByLabel('Secret access key').fill('e2e-not-a-real-secret-0002');
    await form.getByRole('button', { name: 'Add connection' }).click();
    const row = page.getByTestId('connection-list').getByTestId('connection-Proxy with keys');
    await expect(row).toContainText('credentials: static');
    await expect(row).not.toContainText('must be entered again');
    await page.context().close();
    await new Promise<void>((resolve) => {
      first.child.once('exit', () => resolve());
      first.child.kill('SIGTERM');
    });

    // The same app again: the connection is there, its secret is not.
    const second = await startHostWithProfiles(first.dir);
    try {
      page = await (await browser.newContext()).newPage();
      await page.goto(second.url);
      await page.keyboard.press('Alt+7');
      const again = page.getByTestId('connection-list').getByTestId('connection-Proxy with keys');
      await expect(again).toContainText('must be entered again');
      await again.getByRole('button', { name: 'Enter it again' }).click();
      const dialog = page.getByTestId('connection-dialog');
      await expect(dialog).toContainText('Re-enter the secret for Proxy with keys');
      await dialog.getByLabel('Access key id').fill('AKIDSHARDSCOPEE2E0002');
      await dialog.getByLabel('Secret access key').fill('e2e-not-a-real-secret-0002');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(dialog).toBeHidden();
      await expect(again).not.toContainText('must be entered again');
      // Nothing the user typed as a secret is ever shown back.
      await expect(page.locator('body')).not.toContainText('e2e-not-a-real-secret-0002');
    } finally {
      second.child.kill('SIGTERM');
    }
  } finally {
    await browser.close();
    first.child.kill('SIGTERM');
  }
});

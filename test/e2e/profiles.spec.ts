// AWS profiles in the UI, from a temporary AWS config given to a web host of this test's own: the profiles are
// listed, an MFA role profile asks for its code in a dialog when switched to, a cancelled prompt ends as a clear
// `mfa-required` failure, and the Streams screen says what went wrong instead of showing an empty list.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, root, test } from './fixtures';
import { keepScreens } from './screens';

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

async function startHostWithProfiles(): Promise<{ url: string; child: ChildProcess }> {
  const entry = path.join(root, 'dist', 'main', 'web.js');
  if (!existsSync(entry)) throw new Error('dist/main/web.js is missing: run `npm run build` before the e2e tests.');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shardscope-e2e-profiles-'));
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
      if (match?.[1]) resolve({ url: match[1], child });
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

import { defineConfig } from '@playwright/test';
import type { ShellOptions } from './test/e2e/fixtures';

// The specs drive the engine with the AWS SDK too: keep its multi-line Node-version warning out of the report
// (main/cli/nodeSupport.ts says why). Workers inherit the environment.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export default defineConfig<ShellOptions>({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The machines are small and shared; one worker keeps the runs steady.
  workers: 1,
  forbidOnly: !!process.env.CI,
  // Fails the run when a spec leaves a process behind (web hosts and their engines).
  globalSetup: './test/support/leftoverProcesses.ts',
  reporter: [['list'], ['./test/e2e/skipReasonReporter.ts'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // Debian's Chromium; never `npx playwright install`.
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'chromium', use: { shell: 'web' } },
    { name: 'electron', use: { shell: 'electron' } },
  ],
});

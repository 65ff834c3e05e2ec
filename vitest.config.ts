import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/clients/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The SDK's multi-line Node-version warning, once per test process, hides real output (main/cli/nodeSupport.ts).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Fails the run when a test leaves a process behind (engines, web hosts, peers).
    globalSetup: ['test/support/leftoverProcesses.ts'],
    reporters: ['default'],
  },
});

import { defineConfig } from 'vitest/config';

/** One vitest project per test/ directory, so each suite runs alone: `npm test -- --project unit`. */
const suites = ['unit', 'integration', 'e2e', 'browser', 'infra'] as const;

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A test that asserts nothing fails: every test must be able to fail. expect.poll waits up
    // to 10 s (not 1 s) for what a page or workflow does next, as the suite shares 2 cores.
    expect: { requireAssertions: true, poll: { timeout: 10_000 } },
    reporters: ['default', './test/support/summary-reporter.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Each project inherits the settings above (extends: true) and owns one test/ directory.
    projects: suites.map((name) => ({
      extends: true,
      test: { name, include: [`test/${name}/**/*.test.ts`] },
    })),
  },
});

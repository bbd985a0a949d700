import { configDefaults, defineConfig, type ViteUserConfig } from 'vitest/config'

/** The folders that test the build: they read dist/, which a global setup builds first when it is stale. */
export const BUILD_TESTS = [
  'test/budgets/**/*.test.ts',
  'test/build/**/*.test.ts',
  'test/package/**/*.test.ts',
]

/** What every test file runs with; Stryker's configuration (stryker.vitest.config.ts) takes it too. */
export const sharedTestOptions: NonNullable<ViteUserConfig['test']> = {
  environment: 'node',
  setupFiles: ['test/support/fail-on-console.ts'],
  restoreMocks: true,
  unstubGlobals: true,
}

export default defineConfig({
  test: {
    ...sharedTestOptions,
    // Two projects so that only a run that includes a build test pays for the build: vitest calls a
    // project's global setup only when one of its files is queued (`npx vitest run test/sdk` builds nothing).
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Playwright's *.spec.ts files live in e2e/ and must not be picked up here.
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...BUILD_TESTS],
        },
      },
      {
        extends: true,
        test: { name: 'build', include: BUILD_TESTS, globalSetup: ['test/support/build-dist.ts'] },
      },
    ],
    coverage: {
      provider: 'v8',
      // The SDK, and the emulator that its integration and end-to-end tests trust to answer as Auth0 does.
      include: ['src/**/*.ts', 'demo/server/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      // Each is held on its own, so that one's coverage cannot hide a fall in the other's.
      thresholds: {
        'src/**/*.ts': { lines: 90 },
        'demo/server/**/*.ts': { lines: 90 },
      },
    },
  },
})

import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Playwright's *.spec.ts files live in e2e/ and must not be picked up here.
    include: ['test/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/support/fail-on-console.ts'],
    restoreMocks: true,
    unstubGlobals: true,
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

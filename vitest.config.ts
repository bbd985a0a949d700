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
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      thresholds: { lines: 90 },
    },
  },
})

import { defineConfig, devices } from '@playwright/test'
import { chromiumLaunchOptions } from './chromium.config'

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  ...(process.env.CI ? { workers: 2 } : {}),
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'reports/playwright.json' }],
  ],
  use: {
    trace: 'retain-on-failure',
  },
  // The demo's servers for e2e/demo-*.spec.ts. The first entry builds the SDK and the demo SPA before it
  // starts the emulator (Playwright starts these in order), so the demo pages run this checkout's dist/.
  webServer: [
    {
      command:
        'npx rollup -c rollup.config.mjs --silent && npx rollup -c demo/spa/rollup.config.mjs --silent && node --import tsx demo/server/main.ts --quiet',
      url: 'http://127.0.0.1:4400/.well-known/openid-configuration',
      env: { PORT: '4400' },
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'node --import tsx demo/spa/server.ts',
      url: 'http://127.0.0.1:4401/',
      env: { PORT: '4401', EMULATOR_ORIGIN: 'http://127.0.0.1:4400' },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: 'node --import tsx demo/regular-web-app/server.ts',
      url: 'http://127.0.0.1:4402/',
      env: { PORT: '4402', EMULATOR_ORIGIN: 'http://127.0.0.1:4400' },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: chromiumLaunchOptions,
      },
    },
  ],
})

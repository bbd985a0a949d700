/**
 * E20 in Chromium: the emulator in HTTPS mode, on free ports (never the suite's fixed 4400-4402), with
 * servers of its own (e2e/support/https-stack.ts). The browser trusts the emulator's certificate by the SPKI
 * pin the emulator printed, not by ignoring certificate errors, so a page that reached another server would
 * still fail. Runs the hosted-page path of auth0.js and of this SDK (template-page.tests.ts), and the demo
 * SPA's flows once more (spa.tests.ts) against the https issuer.
 */
import type { Browser } from '@playwright/test'
import { demoTest } from './demo-support/demo-test'
import type { DemoServers } from './demo-support/demo-test'
import { EmulatorControl } from './demo-support/emulator'
import { spaTests } from './demo-support/spa.tests'
import { templatePageTests } from './demo-support/template-page.tests'
import { startHttpsStack } from './support/https-stack'
import { launchTrusting } from './support/pinned-browser'
import type { HttpsStack } from './support/https-stack'
import { fetchTrusting } from './support/trusting-fetch'

const test = demoTest.extend<
  { demo: DemoServers; appCallback: string },
  { stack: HttpsStack; browser: Browser }
>({
  stack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const stack = await startHttpsStack()
      await use(stack)
      await stack.stop()
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  browser: [
    async ({ playwright, stack }, use) => {
      const browser = await launchTrusting(playwright.chromium, [stack.emulator.tls.spki])
      await use(browser)
      await browser.close()
    },
    { scope: 'worker' },
  ],
  demo: async ({ stack }, use) => {
    await use({
      emulator: stack.emulator.origin,
      spa: stack.spa,
      control: new EmulatorControl(stack.emulator.origin, fetchTrusting(stack.emulator.tls.certificate)),
      screenshots: false,
    })
  },
  appCallback: async ({ stack }, use) => {
    await use(stack.appCallback)
  },
})

// One emulator per worker, and its state (outbox, settings) is shared by the tests: one at a time, in order.
test.describe.configure({ mode: 'default' })

test.beforeEach(async ({ demo }) => {
  await demo.control.reset()
})

test.describe('HTTPS mode', () => {
  templatePageTests(test)
  spaTests(test)
})

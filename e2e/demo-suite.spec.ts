/**
 * End-to-end tests of the demo against the emulator, the demo servers and the built dist/ files, all started
 * by Playwright's webServer. The emulator is one shared, stateful server (outbox, rate limits, clock, tenant
 * settings), so every test starts from a reset and this file runs its tests one at a time, in order; the
 * groups live in e2e/demo-support/*.tests.ts. The other spec files need no server and still run in parallel.
 */
import { test } from './demo-support/page-problems'
import { auth0JsTests } from './demo-support/auth0-js.tests'
import { captchaTests } from './demo-support/captcha.tests'
import { resetEmulator } from './demo-support/emulator'
import { regularWebAppTests } from './demo-support/regular-web-app.tests'
import { spaFailureTests } from './demo-support/spa-failures.tests'
import { spaTests } from './demo-support/spa.tests'
import { universalLoginTests } from './demo-support/universal-login.tests'

test.describe.configure({ mode: 'default' })

test.beforeEach(async () => {
  await resetEmulator()
})

spaTests()
universalLoginTests()
regularWebAppTests()
spaFailureTests()
auth0JsTests()
captchaTests()

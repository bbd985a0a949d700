/**
 * S18, E27 in Chromium with third-party cookies blocked: the app on https://localhost:<port> and the tenant (the
 * emulator in HTTPS mode) on https://127.0.0.1:<port>, different sites, each on a free port
 * (e2e/support/cross-site-stack.ts), both certificates trusted by their SPKI pins. The tenant's session cookie
 * of `/co/authenticate` is then a third-party cookie and Chromium drops it, as Safari, Firefox's strict mode
 * and Chrome with third-party cookies off do. auth0.js's code login fails as it does in production; ours ends
 * in `third_party_cookies_blocked`, and the demo's fallback (`codeLogin: 'verify_redirect'`) completes the
 * email-code and SMS-code logins. The same app reached on the tenant's site keeps the cross-origin path.
 */
import { expect, test as base } from '@playwright/test'
import type { Browser, Page } from '@playwright/test'
import { EmulatorControl } from './demo-support/emulator'
import { alertText, enterCode, openSpa, profile, requestMessage } from './demo-support/spa-page'
import type { Method } from './demo-support/spa-page'
import { callAuth0Js } from './support/auth0-js-page'
import { startCrossSiteStack } from './support/cross-site-stack'
import type { CrossSiteStack } from './support/cross-site-stack'
import { launchTrusting } from './support/pinned-browser'
import { fetchTrusting } from './support/trusting-fetch'

const test = base.extend<{ control: EmulatorControl }, { stack: CrossSiteStack; browser: Browser }>({
  stack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const stack = await startCrossSiteStack()
      await use(stack)
      await stack.stop()
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  browser: [
    async ({ playwright, stack }, use) => {
      // Third-party cookies blocked whatever this Chromium's default is.
      const browser = await launchTrusting(playwright.chromium, stack.spkiPins, [
        '--test-third-party-cookie-phaseout',
      ])
      await use(browser)
      await browser.close()
    },
    { scope: 'worker' },
  ],
  control: async ({ stack }, use) => {
    await use(new EmulatorControl(stack.emulator.origin, fetchTrusting(stack.emulator.tls.certificate)))
  },
})

// One emulator per worker, its outbox shared by the tests: one at a time, in order.
test.describe.configure({ mode: 'default' })

test.beforeEach(async ({ control }) => {
  await control.reset()
})

/** Whether the browser kept the tenant's session cookie. */
async function keptSessionCookie(page: Page, tenant: string): Promise<boolean> {
  const cookies = await page.context().cookies(tenant)
  return cookies.some((cookie) => cookie.name === 'auth0')
}

/** The paths of the tenant's pages the browser navigated to, in order. */
function tenantNavigations(page: Page, tenant: string): string[] {
  const paths: string[] = []
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.url().startsWith(tenant)) {
      paths.push(new URL(request.url()).pathname)
    }
  })
  return paths
}

const IDENTITIES: Record<Exclude<Method, 'email link'>, string> = {
  'email code': 'cross@example.com',
  'SMS code': '+15555550177',
}

test.describe('an app on another site than the tenant, third-party cookies blocked', () => {
  test('E27: auth0.js’s code login fails as in production: server_error, "Unable to configure verification page."', async ({
    page,
    stack,
    control,
  }) => {
    const tenant = stack.emulator.origin
    const app = `${stack.crossSiteApp}/auth0-js/`
    await page.goto(app)
    const client = { tenant, callback: `${app}callback` }
    await callAuth0Js(page, client, 'passwordlessStart', {
      connection: 'email',
      send: 'code',
      email: 'a0@example.com',
    })
    const { code } = await control.latestMessage('a0@example.com')
    // On success auth0.js leaves for /authorize; its callback is called only on a failure before that.
    void callAuth0Js(page, client, 'passwordlessLogin', {
      connection: 'email',
      email: 'a0@example.com',
      verificationCode: code,
    }).catch(() => undefined)
    await page.waitForURL(`${app}callback#**`)
    expect(await keptSessionCookie(page, tenant)).toBe(false)
    // parseHash reports the error and error_description the tenant put in the hash.
    expect(await callAuth0Js(page, client, 'parseHash', {})).toMatchObject({
      ok: false,
      code: 'server_error',
      description: 'Unable to configure verification page.',
    })
  })

  for (const method of ['email code', 'SMS code'] as const) {
    test(`S18: ${method}: ours ends in third_party_cookies_blocked, then the fallback completes the login`, async ({
      page,
      stack,
      control,
    }) => {
      const tenant = stack.emulator.origin
      const identity = IDENTITIES[method]
      const navigations = tenantNavigations(page, tenant)
      await openSpa(page, stack.crossSiteApp)
      await requestMessage(page, method, identity)
      await enterCode(page, (await control.latestMessage(identity)).code)
      // Back from /authorize, refused for want of the cookie: the demo says what happened and what to do.
      await expect(alertText(page)).toContainText('blocks the third-party cookie')
      expect(await keptSessionCookie(page, tenant)).toBe(false)
      expect(navigations).toEqual(['/authorize'])

      // A new code; this time the browser goes to the tenant itself, and no third-party cookie is needed.
      await requestMessage(page, method, identity)
      await expect.poll(async () => (await control.outbox(identity)).length).toBe(2)
      await enterCode(page, (await control.latestMessage(identity)).code)
      const shown = await profile(page)
      expect(shown[method === 'SMS code' ? 'Phone number' : 'Email']).toBe(identity)
      expect(navigations).toEqual(['/authorize', '/passwordless/verify_redirect'])
    })
  }
})

test.describe('the same app on the tenant’s site (a custom domain)', () => {
  test('E27: the cross-origin path works as before: the cookie is first-party and the ticket is redeemed', async ({
    page,
    stack,
    control,
  }) => {
    const tenant = stack.emulator.origin
    const navigations = tenantNavigations(page, tenant)
    await openSpa(page, stack.sameSiteApp)
    await requestMessage(page, 'email code', 'same@example.com')
    await enterCode(page, (await control.latestMessage('same@example.com')).code)
    expect(await profile(page)).toMatchObject({ Email: 'same@example.com' })
    expect(navigations).toEqual(['/authorize'])
    expect(await keptSessionCookie(page, tenant)).toBe(true)
  })
})

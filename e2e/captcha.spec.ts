/**
 * renderPasswordlessCaptcha in the built UMD, in Chromium, under a strict CSP with a nonce (S20, S21): the auth0
 * image drawn without markup; a widget drawn with the script the page loaded, and no script loaded by the SDK.
 * The tenant and the widget scripts are answered by Playwright's routing: nothing leaves the machine.
 */
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import type * as Sdk from '../src/index'

declare global {
  interface Window {
    PasswordlessWebAuth: typeof Sdk
    reported: {
      cspViolations: { directive: string; blocked: string }[]
      errors: string[]
      rejections: string[]
    }
    captcha?: Sdk.PasswordlessCaptcha
    captchaOptions?: { sitekey: string }
    pwned?: number
  }
}

const ORIGIN = 'http://localhost:4410'
const NONCE = 'cGFnZS1ub25jZQ'
// The hosted page's policy: scripts from itself or with its nonce, images from itself or data: URLs.
const CSP = `default-src 'none'; script-src 'self' 'nonce-${NONCE}'; connect-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'`
const HCAPTCHA = 'https://js.hcaptcha.com/1/api.js'

/** A stand-in for hCaptcha's script: `render` records its options and answers a token at once. */
const FAKE_HCAPTCHA = `window.hcaptcha = { render(box, options) { window.captchaOptions = options; options.callback('hc-token') } }`

/**
 * Opens the hosted page; the tenant answers `challenges` in order (the last one repeats). `widgetScript`, when
 * given, is a script tag the page itself carries (with its nonce), as a page using a third-party widget does.
 */
async function openPage(
  page: Page,
  challenges: object[],
  widgetScript = '',
): Promise<{ challengeCalls: () => number }> {
  let calls = 0
  await page.route(`${ORIGIN}/**`, async (route) => {
    const { pathname } = new URL(route.request().url())
    if (pathname === '/sdk.js')
      return route.fulfill({
        contentType: 'text/javascript',
        body: readFileSync('dist/passwordless-webauth.umd.min.js'),
      })
    if (pathname === '/harness.js')
      return route.fulfill({ contentType: 'text/javascript', body: readFileSync('e2e/fixtures/harness.js') })
    if (pathname === '/passwordless/challenge') {
      calls += 1
      return route.fulfill({ json: challenges[Math.min(calls, challenges.length) - 1] })
    }
    return route.fulfill({
      contentType: 'text/html',
      headers: { 'Content-Security-Policy': CSP },
      body: `<!doctype html><title>captcha</title><script src="/harness.js"></script>${widgetScript}<script src="/sdk.js"></script><div id="captcha"></div>`,
    })
  })
  await page.goto(`${ORIGIN}/`)
  return { challengeCalls: () => calls }
}

/** Renders the captcha of the hosted page's config in #captcha; answers what the page can see of it. */
function render(page: Page) {
  return page.evaluate(async () => {
    const webAuth = window.PasswordlessWebAuth.fromUniversalLoginConfig({
      auth0Domain: 'localhost:4410',
      clientID: 'client',
      callbackURL: 'https://app.example/callback',
      authorizationServer: { url: 'http://localhost:4410' },
      internalOptions: { state: 'login-state' },
    })
    const element = document.getElementById('captcha')!
    try {
      const captcha = await webAuth.renderPasswordlessCaptcha(element)
      window.captcha = captcha
      return {
        required: captcha.challenge.required,
        value: captcha.getValue() ?? null,
        hidden: element.hidden,
      }
    } catch (error) {
      return { code: (error as { code: string }).code }
    }
  })
}

const scriptsOf = (page: Page) =>
  page.evaluate(() => [...document.scripts].map((script) => ({ src: script.src, nonce: script.nonce })))

test.afterEach(async ({ page }) => {
  const reported = await page.evaluate(() => window.reported)
  expect(reported).toEqual({ cspViolations: [], errors: [], rejections: [] })
})

test('S20: the auth0 image, its button and its field are drawn with DOM calls; markup in the answer stays text', async ({
  page,
}) => {
  const hostile = 'data:image/svg+xml;base64,PHN2Zy8+" onerror="window.pwned=1'
  const { challengeCalls } = await openPage(page, [
    { required: true, provider: 'auth0', image: hostile, type: 'code' },
    { required: true, provider: 'auth0', image: 'data:image/svg+xml;base64,PHN2Zy8+', type: 'formula' },
  ])
  expect(await render(page)).toEqual({ required: true, value: null, hidden: false })
  const box = page.locator('#captcha')
  expect(await box.evaluate((node) => [...node.children].map((child) => child.tagName))).toEqual([
    'IMG',
    'BUTTON',
    'INPUT',
  ])
  await expect(page.getByRole('img', { name: 'Captcha' })).toHaveAttribute('src', hostile)
  expect(await page.evaluate(() => window.pwned)).toBeUndefined()
  await page.getByPlaceholder('Enter the code shown above').fill(' k7pqm ')
  expect(await page.evaluate(() => window.captcha?.getValue())).toBe('k7pqm')
  // "New image" asks for a new challenge and draws it: the formula's words, and an empty field.
  await page.getByRole('button', { name: 'New image' }).click()
  await expect(page.getByPlaceholder('Solve the formula shown above')).toHaveValue('')
  expect(challengeCalls()).toBe(2)
  expect(await scriptsOf(page)).toHaveLength(2)
})

test('S21: no captcha needed: nothing loaded, and the element is hidden', async ({ page }) => {
  await openPage(page, [{ required: false }])
  expect(await render(page)).toEqual({ required: false, value: null, hidden: true })
  expect(await scriptsOf(page)).toHaveLength(2)
})

test("S21: a widget is drawn with the API of the script the page loaded (from its provider's origin, with its nonce); the SDK loads none", async ({
  page,
}) => {
  const loaded: string[] = []
  await page.route('https://js.hcaptcha.com/**', (route) => {
    loaded.push(route.request().url())
    return route.fulfill({ contentType: 'text/javascript', body: FAKE_HCAPTCHA })
  })
  await openPage(
    page,
    [{ required: true, provider: 'hcaptcha', siteKey: 'site-key-1' }],
    `<script nonce="${NONCE}" src="${HCAPTCHA}?render=explicit"></script>`,
  )
  expect(await render(page)).toEqual({ required: true, value: 'hc-token', hidden: false })
  expect(await page.evaluate(() => window.captchaOptions?.sitekey)).toBe('site-key-1')
  // Drawn again (after a refused start), the widget is rendered anew; still the page's one script.
  await page.evaluate(() => window.captcha?.reload())
  expect(loaded).toEqual([`${HCAPTCHA}?render=explicit`])
  expect(await scriptsOf(page)).toHaveLength(3)
})

test('S21: a widget whose script the page has not loaded, or that the SDK does not draw, is refused with invalid_response, and nothing is loaded', async ({
  page,
}) => {
  await openPage(page, [
    { required: true, provider: 'hcaptcha', siteKey: 'site-key-1' },
    { required: true, provider: 'arkose', siteKey: 'key', clientSubdomain: 'evil.example.com/x' },
  ])
  expect(await render(page)).toEqual({ code: 'invalid_response' })
  expect(await render(page)).toEqual({ code: 'invalid_response' })
  expect(await scriptsOf(page)).toHaveLength(2)
})

/**
 * renderPasswordlessCaptcha in the built UMD, in Chromium, under a strict CSP with a nonce (S25, S26): the auth0
 * image drawn without markup, a widget's script loaded only when named, from its provider's address, with the
 * page's nonce. The tenant and the widget scripts are answered by Playwright's routing: nothing leaves the
 * machine.
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
const FAKE_HCAPTCHA = `
  window.hcaptcha = { render(box, options) { window.captchaOptions = options; options.callback('hc-token') } }
  window[new URL(document.currentScript.src).searchParams.get('onload')]()`

/** The challenges the tenant answers, in order (the last one repeats). */
async function openPage(page: Page, challenges: object[]): Promise<{ challengeCalls: () => number }> {
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
      body: '<!doctype html><title>captcha</title><script src="/harness.js"></script><script src="/sdk.js"></script><div id="captcha"></div>',
    })
  })
  await page.goto(`${ORIGIN}/`)
  return { challengeCalls: () => calls }
}

/** Renders the captcha of the hosted page's config in #captcha; answers what the page can see of it. */
function render(page: Page, options: object = {}) {
  return page.evaluate(async (options) => {
    const webAuth = window.PasswordlessWebAuth.fromUniversalLoginConfig({
      auth0Domain: 'localhost:4410',
      clientID: 'client',
      callbackURL: 'https://app.example/callback',
      authorizationServer: { url: 'http://localhost:4410' },
      internalOptions: { state: 'login-state' },
    })
    const element = document.getElementById('captcha')!
    try {
      const captcha = await webAuth.renderPasswordlessCaptcha(element, options)
      window.captcha = captcha
      return {
        required: captcha.challenge.required,
        value: captcha.getValue() ?? null,
        hidden: element.hidden,
      }
    } catch (error) {
      return { code: (error as { code: string }).code }
    }
  }, options)
}

const scriptsOf = (page: Page) =>
  page.evaluate(() => [...document.scripts].map((script) => ({ src: script.src, nonce: script.nonce })))

test.afterEach(async ({ page }) => {
  const reported = await page.evaluate(() => window.reported)
  expect(reported).toEqual({ cspViolations: [], errors: [], rejections: [] })
})

test('S25: the auth0 image, its button and its field are drawn with DOM calls; markup in the answer stays text', async ({
  page,
}) => {
  const hostile = 'data:image/svg+xml;base64,PHN2Zy8+" onerror="window.pwned=1'
  const { challengeCalls } = await openPage(page, [
    { required: true, provider: 'auth0', image: hostile, type: 'code' },
    { required: true, provider: 'auth0', image: 'data:image/svg+xml;base64,PHN2Zy8+', type: 'formula' },
  ])
  expect(await render(page)).toEqual({ required: true, value: null, hidden: false })
  const box = page.locator('#captcha > div')
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

test('S26: no captcha needed, no script loaded, and the element is hidden', async ({ page }) => {
  await openPage(page, [{ required: false }])
  expect(await render(page, { nonce: NONCE })).toEqual({ required: false, value: null, hidden: true })
  expect(await scriptsOf(page)).toHaveLength(2)
})

test("S26: a widget's script comes from its provider's address with the page's nonce, and its token is the value", async ({
  page,
}) => {
  const loaded: string[] = []
  await page.route('https://js.hcaptcha.com/**', (route) => {
    loaded.push(route.request().url())
    return route.fulfill({ contentType: 'text/javascript', body: FAKE_HCAPTCHA })
  })
  await openPage(page, [{ required: true, provider: 'hcaptcha', siteKey: 'site-key-1' }])
  expect(await render(page, { nonce: NONCE })).toEqual({ required: true, value: 'hc-token', hidden: false })
  expect(loaded).toHaveLength(1)
  expect(loaded[0]).toMatch(new RegExp(`^${HCAPTCHA.replaceAll('.', '\\.')}\\?render=explicit&onload=`))
  expect((await scriptsOf(page)).at(-1)).toEqual({ src: loaded[0], nonce: NONCE })
  expect(await page.evaluate(() => window.captchaOptions?.sitekey)).toBe('site-key-1')
  // Drawn again (after a refused start), the widget is rendered anew without loading its script twice.
  await page.evaluate(() => window.captcha?.reload())
  expect(loaded).toHaveLength(1)
})

test('S26: a provider the SDK cannot draw is refused with invalid_response, and no script is loaded', async ({
  page,
}) => {
  await openPage(page, [
    { required: true, provider: 'arkose', siteKey: 'key', clientSubdomain: 'evil.example.com/x' },
  ])
  expect(await render(page, { nonce: NONCE })).toEqual({ code: 'invalid_response' })
  expect(await scriptsOf(page)).toHaveLength(2)
})

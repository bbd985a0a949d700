/**
 * renderPasswordlessCaptcha in the built UMD, in Chromium, under a strict CSP with a nonce (S20, S21): the auth0
 * image drawn without markup; a widget drawn with the script the page loaded, and no script loaded by the SDK
 * then. The scripts the SDK loads itself: e2e/captcha-scripts.spec.ts.
 */
import { expect, test } from '@playwright/test'
import { NONCE, openPage, render, scriptsOf } from './support/captcha-page'

const HCAPTCHA = 'https://js.hcaptcha.com/1/api.js'

/** A stand-in for hCaptcha's script: `render` records its options and answers a token at once. */
const FAKE_HCAPTCHA = `window.hcaptcha = { render(box, options) { window.captchaOptions = options; options.callback('hc-token') } }`

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

test('S21: a provider the SDK does not draw (Arkose) is refused with invalid_response, and nothing is loaded', async ({
  page,
}) => {
  await openPage(page, [
    { required: true, provider: 'arkose', siteKey: 'key', clientSubdomain: 'client-api' },
    { required: true, provider: 'arkose', siteKey: 'key', clientSubdomain: 'evil.example.com/x' },
    { required: true, provider: 'unheard_of', siteKey: 'key' },
  ])
  for (let attempt = 0; attempt < 3; attempt += 1)
    expect(await render(page, { nonce: NONCE })).toEqual({ code: 'invalid_response' })
  expect(await scriptsOf(page)).toHaveLength(2)
})

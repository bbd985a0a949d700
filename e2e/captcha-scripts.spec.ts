/**
 * The widget scripts renderPasswordlessCaptcha loads itself (S21), in the built UMD, in Chromium, under the hosted
 * page's strict CSP: only when the challenge names the provider, from the address its documentation gives,
 * with the page's nonce, once per page; a script the CSP refuses or the network drops is a `network_error`,
 * and the next render tries again. Each provider's script is a stand-in answered by Playwright's routing,
 * shaped like the real one: reCAPTCHA, hCaptcha and Turnstile define their API late and call the function
 * named in `onload=`; Friendly Captcha's API is there once its script has run.
 */
import { expect, test, type Page } from '@playwright/test'
import { NONCE, openPage, render, scriptsOf } from './support/captcha-page'

declare global {
  interface Window {
    renders?: number
  }
}

/** A `render` that records its options and answers a new token each time. */
const RENDER = `{ render(box, options) { window.renders = (window.renders ?? 0) + 1; window.captchaOptions = options; options.callback('token-' + window.renders) } }`
/** The API set a moment after the script ran, then the page's `onload` function called, as the real ones do. */
const whenReady = (api: string) =>
  `const ready = new URL(document.currentScript.src).searchParams.get('onload'); setTimeout(() => { ${api}; window[ready]() }, 50)`

const PROVIDERS = [
  {
    provider: 'auth0_v2',
    url: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
    script: whenReady(`window.turnstile = ${RENDER}`),
  },
  {
    provider: 'recaptcha_v2',
    url: 'https://www.recaptcha.net/recaptcha/api.js',
    script: whenReady(`window.grecaptcha = ${RENDER}`),
  },
  {
    provider: 'recaptcha_enterprise',
    url: 'https://www.recaptcha.net/recaptcha/enterprise.js',
    script: whenReady(`window.grecaptcha = { enterprise: ${RENDER} }`),
  },
  {
    provider: 'hcaptcha',
    url: 'https://js.hcaptcha.com/1/api.js',
    script: whenReady(`window.hcaptcha = ${RENDER}`),
  },
  {
    provider: 'friendly_captcha',
    url: 'https://cdn.jsdelivr.net/npm/friendly-challenge@0.9.12/widget.min.js',
    script: `window.friendlyChallenge = { WidgetInstance: class { constructor(box, options) { window.renders = (window.renders ?? 0) + 1; window.captchaOptions = options; options.doneCallback('token-' + window.renders) } } }`,
  },
] as const

const HCAPTCHA = PROVIDERS.find(({ provider }) => provider === 'hcaptcha')!
const TURNSTILE = PROVIDERS.find(({ provider }) => provider === 'auth0_v2')!

/** Answers every request to `url` (any query) with `script`; returns the addresses asked for. */
async function serveScript(page: Page, url: string, script: string): Promise<string[]> {
  const asked: string[] = []
  await page.route(`${url}*`, (route) => {
    asked.push(route.request().url())
    return route.fulfill({ contentType: 'text/javascript', body: script })
  })
  return asked
}

/** What each test expects the page to have reported; most expect nothing. */
let expectedViolations: string[] = []
test.beforeEach(() => {
  expectedViolations = []
})
test.afterEach(async ({ page }) => {
  const reported = await page.evaluate(() => window.reported)
  expect(reported.cspViolations.map((violation) => violation.blocked)).toEqual(expectedViolations)
  expect(reported.errors).toEqual([])
  expect(reported.rejections).toEqual([])
})

for (const { provider, url, script } of PROVIDERS) {
  test(`S21: ${provider}: the SDK loads ${new URL(url).host}'s script with the page's nonce, once, and draws the widget with its API`, async ({
    page,
  }) => {
    const asked = await serveScript(page, url, script)
    const { challengeCalls } = await openPage(page, [{ required: true, provider, siteKey: 'site-key-1' }])
    expect(await scriptsOf(page)).toHaveLength(2)
    expect(await render(page, { nonce: NONCE })).toEqual({ required: true, value: 'token-1', hidden: false })
    expect(await page.evaluate(() => window.captchaOptions?.sitekey)).toBe('site-key-1')
    // The documented address; the three that call back are asked to render explicitly and to call back.
    expect(asked).toHaveLength(1)
    if (provider === 'friendly_captcha') expect(asked[0]).toBe(url)
    else
      expect(asked[0]).toMatch(
        new RegExp(`^${url.replaceAll('.', '\\.')}\\?render=explicit&onload=passwordlessWebAuth[\\w-]{8}$`),
      )
    const scripts = await scriptsOf(page)
    expect(scripts.at(-1)).toEqual({ src: asked[0], nonce: NONCE })
    // After a refused start: a new challenge, a new widget, the same script.
    expect(await page.evaluate(() => window.captcha?.reload().then((challenge) => challenge.required))).toBe(
      true,
    )
    expect(await page.evaluate(() => window.captcha?.getValue())).toBe('token-2')
    expect(asked).toHaveLength(1)
    expect(await scriptsOf(page)).toHaveLength(3)
    expect(challengeCalls()).toBe(2)
  })
}

test("S21: nothing of the challenge goes into the script's address: a hostile site key, subdomain or image changes nothing", async ({
  page,
}) => {
  const { url, script } = HCAPTCHA
  const asked = await serveScript(page, url, script)
  const hostile = '"><script src=https://evil.example/x.js></script>&onload=alert'
  await openPage(page, [
    {
      required: true,
      provider: 'hcaptcha',
      siteKey: hostile,
      clientSubdomain: 'evil.example/x#',
      image: 'https://evil.example/x.js',
    },
  ])
  expect(await render(page, { nonce: NONCE })).toEqual({ required: true, value: 'token-1', hidden: false })
  expect(asked).toHaveLength(1)
  expect(new URL(asked[0]!).origin + new URL(asked[0]!).pathname).toBe(url)
  expect([...new URL(asked[0]!).searchParams.keys()]).toEqual(['render', 'onload'])
  // The site key reaches the widget as the text it is.
  expect(await page.evaluate(() => window.captchaOptions?.sitekey)).toBe(hostile)
  expect((await scriptsOf(page)).map((loaded) => new URL(loaded.src).host)).toEqual([
    'localhost:4410',
    'localhost:4410',
    'js.hcaptcha.com',
  ])
})

test("S21: without the nonce the page's CSP refuses the script: network_error, and the next render (with it) loads it", async ({
  page,
}) => {
  const { url, script } = HCAPTCHA
  const asked = await serveScript(page, url, script)
  await openPage(page, [{ required: true, provider: 'hcaptcha', siteKey: 'site-key-1' }])
  expect(await render(page)).toEqual({ code: 'network_error' })
  // Refused by the browser before any request: the violation is the CSP's report of it.
  expect(asked).toEqual([])
  // The report is an event of its own: waited for, not assumed to come before the script's error.
  await expect
    .poll(() => page.evaluate(() => window.reported.cspViolations.map((violation) => violation.directive)))
    .toEqual(['script-src-elem'])
  expectedViolations = [(await scriptsOf(page)).at(-1)!.src]
  expect(await render(page, { nonce: NONCE })).toEqual({ required: true, value: 'token-1', hidden: false })
  expect(asked).toHaveLength(1)
})

test('S21: a script the network drops is a network_error, and the next render loads it again', async ({
  page,
}) => {
  const { url, script } = TURNSTILE
  let attempts = 0
  await page.route(`${url}*`, (route) => {
    attempts += 1
    return attempts === 1
      ? route.abort('internetdisconnected')
      : route.fulfill({ contentType: 'text/javascript', body: script })
  })
  await openPage(page, [{ required: true, provider: 'auth0_v2', siteKey: 'site-key-1' }])
  expect(await render(page, { nonce: NONCE })).toEqual({ code: 'network_error' })
  expect(await render(page, { nonce: NONCE })).toEqual({ required: true, value: 'token-1', hidden: false })
  expect(attempts).toBe(2)
})

test('S21: no script is loaded when the challenge names no widget, and a nonce that is not a string is refused first', async ({
  page,
}) => {
  const asked = await serveScript(page, HCAPTCHA.url, HCAPTCHA.script)
  const { challengeCalls } = await openPage(page, [{ required: false }])
  expect(await render(page, { nonce: 42 })).toEqual({ code: 'invalid_input' })
  expect(challengeCalls()).toBe(0)
  expect(await render(page, { nonce: NONCE })).toEqual({ required: false, value: null, hidden: true })
  expect(asked).toEqual([])
  expect(await scriptsOf(page)).toHaveLength(2)
})

test('the callback forms: (element, options, callback) and (element, callback), each called once', async ({
  page,
}) => {
  await serveScript(page, TURNSTILE.url, TURNSTILE.script)
  await openPage(page, [{ required: true, provider: 'auth0_v2', siteKey: 'site-key-1' }])
  const answers = await page.evaluate(async (nonce) => {
    const webAuth = window.PasswordlessWebAuth.fromUniversalLoginConfig({
      auth0Domain: 'localhost:4410',
      clientID: 'client',
      authorizationServer: { url: 'http://localhost:4410' },
      internalOptions: { state: 'login-state' },
    })
    const element = document.getElementById('captcha')!
    const calls: unknown[] = []
    await new Promise<void>((resolve) =>
      webAuth.renderPasswordlessCaptcha(element, { nonce }, (error, captcha) => {
        calls.push([error, captcha?.getValue()])
        resolve()
      }),
    )
    await new Promise<void>((resolve) =>
      webAuth.renderPasswordlessCaptcha(element, (error, captcha) => {
        calls.push([error, captcha?.getValue()])
        resolve()
      }),
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    return calls
  }, NONCE)
  // The second render finds the API the first one loaded: no script, so no nonce needed.
  expect(answers).toEqual([
    [null, 'token-1'],
    [null, 'token-2'],
  ])
})

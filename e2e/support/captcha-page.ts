/**
 * A hosted login page for renderPasswordlessCaptcha in the built UMD, in Chromium, under a strict CSP with a
 * nonce. The tenant and the widget scripts are answered by Playwright's routing: nothing leaves the machine.
 */
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import type * as Sdk from '../../src/index'

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

export const ORIGIN = 'http://localhost:4410'
export const NONCE = 'cGFnZS1ub25jZQ'
// The hosted page's policy: scripts from itself or with its nonce, images from itself or data: URLs.
const CSP = `default-src 'none'; script-src 'self' 'nonce-${NONCE}'; connect-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'`

/**
 * Opens the hosted page; the tenant answers `challenges` in order (the last one repeats). `widgetScript`, when
 * given, is a script tag the page itself carries (with its nonce), as a page using a third-party widget does.
 */
export async function openPage(
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

/**
 * Renders the captcha of the hosted page's config in #captcha, with `options` (`{ nonce }`); answers what the
 * page can see of it, or the error's code.
 */
export function render(page: Page, options?: unknown) {
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
      const captcha = await webAuth.renderPasswordlessCaptcha(element, options as Sdk.CaptchaOptions)
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

/** The page's scripts, with the nonce each carries. */
export const scriptsOf = (page: Page) =>
  page.evaluate(() => [...document.scripts].map((script) => ({ src: script.src, nonce: script.nonce })))

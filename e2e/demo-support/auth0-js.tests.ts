/**
 * The emulator is not tailored to this SDK: the real auth0.js (10.2.1, its published auth0.min.js) logs in
 * against it from a page on the demo SPA's origin, with the same client, through Auth0's cross-origin flow
 * (/passwordless/start, /co/authenticate, /authorize with the login ticket) and its own parseHash, which checks
 * the ID token's signature against the emulator's JWKS. auth0.js's hosted-page path is not driven here: it
 * recognises the hosted page only when `domain` is a bare host, and then always speaks https, so it runs
 * against the emulator in HTTPS mode (template-page.tests.ts, from https.spec.ts).
 */
import { readFileSync } from 'node:fs'
import type { Page, Route } from '@playwright/test'
import { expect, test } from './page-problems'
import { EMULATOR, SPA, latestMessage, wrongCode } from './emulator'
import type { OutboxMessage } from './emulator'
import { AUTH0_JS_PAGE, callAuth0Js } from '../support/auth0-js-page'

const AUTH0_JS = readFileSync('node_modules/auth0-js/dist/auth0.min.js', 'utf8')
const APP = `${SPA}/auth0-js/`
const CALLBACK = `${SPA}/callback`
/** The page's auth0.js WebAuth: the shared emulator (plain http, so the domain carries its scheme). */
const CLIENT = { tenant: EMULATOR, callback: CALLBACK }

/** The page the browser gets instead of the tenant's redirect back, which the test follows itself. */
const REDIRECT_STOP_TITLE = 'Redirect recorded'

/**
 * Serves a plain page with auth0.min.js on the SPA's origin (a registered web origin and callback of the
 * `spa-demo` client), at the app's address and at its callback, and opens the app. Routing sees only the first
 * request of a redirect chain, so the tenant's redirect back to the callback is recorded in the returned list,
 * and followed by the test.
 */
async function openAuth0JsApp(page: Page): Promise<URL[]> {
  const returned: URL[] = []
  // A page answered by routing has no server address, so Chromium counts it as public and asks before it
  // lets the page reach the loopback emulator; the demo's own pages come from a loopback server and need not.
  await page.context().grantPermissions(['local-network-access'], { origin: SPA })
  await page.route(`${SPA}/auth0-js/auth0.min.js`, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: AUTH0_JS }),
  )
  await page.route(APP, (route) => route.fulfill({ contentType: 'text/html', body: AUTH0_JS_PAGE }))
  await page.route(CALLBACK, (route) => route.fulfill({ contentType: 'text/html', body: AUTH0_JS_PAGE }))
  // The tenant sends the browser back from /authorize (a code) and from /passwordless/verify_redirect (a link).
  const recordRedirectBack = async (route: Route) => {
    const response = await route.fetch({ maxRedirects: 0 })
    const location = response.headers()['location'] ?? ''
    if (response.status() !== 302 || !location.startsWith(`${CALLBACK}#`)) return route.fulfill({ response })
    returned.push(new URL(location))
    await route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>${REDIRECT_STOP_TITLE}</title>`,
    })
  }
  await page.route(`${EMULATOR}/authorize?**`, recordRedirectBack)
  await page.route(`${EMULATOR}/passwordless/verify_redirect**`, recordRedirectBack)
  await page.goto(APP)
  return returned
}

/** Sends an email code or link with auth0.js; returns the message the emulator "sent". */
async function sendEmailWithAuth0Js(
  page: Page,
  send: 'code' | 'link',
  email: string,
): Promise<OutboxMessage> {
  const started = await callAuth0Js(page, CLIENT, 'passwordlessStart', { connection: 'email', send, email })
  expect(started).toMatchObject({ ok: true, value: { email } })
  const message = await latestMessage(email)
  expect(message).toMatchObject({ kind: send, clientId: 'spa-demo' })
  return message
}

/**
 * Waits for the tenant's one redirect back, follows it and lets auth0.js's parseHash finish the login; checks
 * that it verified the ID token with the emulator's published key. Returns the token's claims.
 */
async function finishWithParseHash(page: Page, returned: readonly URL[]): Promise<Record<string, unknown>> {
  await expect.poll(() => returned.length).toBe(1)
  // The browser is still on its way to the stand-in page; following the redirect before it arrives
  // would be cut short by that navigation.
  await expect(page).toHaveTitle(REDIRECT_STOP_TITLE)
  const back = returned[0] as URL
  expect(new URLSearchParams(back.hash.slice(1)).get('token_type')).toBe('Bearer')
  const keyRequests: string[] = []
  page.on('request', (request) => {
    if (request.url() === `${EMULATOR}/.well-known/jwks.json`) keyRequests.push(request.url())
  })
  await page.goto(back.toString())
  const parsed = await callAuth0Js(page, CLIENT, 'parseHash', {})
  expect(parsed).toMatchObject({
    ok: true,
    value: { tokenType: 'Bearer', idTokenPayload: { aud: 'spa-demo', iss: `${EMULATOR}/` } },
  })
  const { accessToken, idTokenPayload } = (
    parsed as { value: { accessToken: string; idTokenPayload: Record<string, unknown> } }
  ).value
  expect(accessToken).toBeTruthy()
  expect(keyRequests).toHaveLength(1)
  return idTokenPayload
}

export function auth0JsTests(): void {
  test.describe('auth0.js against the emulator', () => {
    test('email code: start, cross-origin login and parseHash give auth0.js a verified ID token', async ({
      page,
    }) => {
      const returned = await openAuth0JsApp(page)
      const message = await sendEmailWithAuth0Js(page, 'code', 'ada@example.com')

      // On success auth0.js leaves the page for /authorize; its callback is only called on failure.
      void callAuth0Js(page, CLIENT, 'passwordlessLogin', {
        connection: 'email',
        email: 'ada@example.com',
        verificationCode: message.code,
      }).catch(() => undefined)
      const claims = await finishWithParseHash(page, returned)
      expect(claims).toMatchObject({ email: 'ada@example.com', email_verified: true })
    })

    test('email link: the link auth0.js asked for, confirmed on the tenant, comes back to its parseHash', async ({
      page,
    }) => {
      const returned = await openAuth0JsApp(page)
      const message = await sendEmailWithAuth0Js(page, 'link', 'grace@example.com')

      await page.goto(message.link as string)
      await page.getByRole('button', { name: 'Sign in' }).click()
      const claims = await finishWithParseHash(page, returned)
      expect(claims).toMatchObject({ email: 'grace@example.com' })
    })

    test('a wrong code reaches auth0.js in the shape it reads: access_denied and Auth0’s words', async ({
      page,
      problems,
    }) => {
      problems.allowFailedRequests(/\/co\/authenticate$/)
      const returned = await openAuth0JsApp(page)
      const started = await callAuth0Js(page, CLIENT, 'passwordlessStart', {
        connection: 'sms',
        send: 'code',
        phoneNumber: '+15555550123',
      })
      // auth0.js hands back the body camelCased: phone_number, phone_verified of Auth0's SMS answer.
      expect(started).toMatchObject({
        ok: true,
        value: { phoneNumber: '+15555550123', phoneVerified: false },
      })
      const message = await latestMessage('+15555550123')
      const refused = await callAuth0Js(page, CLIENT, 'passwordlessLogin', {
        connection: 'sms',
        phoneNumber: '+15555550123',
        verificationCode: wrongCode(message.code),
      })
      expect(refused).toEqual({
        ok: false,
        code: 'access_denied',
        description: 'Wrong phone number or verification code.',
      })
      expect(returned).toEqual([])
    })
  })
}

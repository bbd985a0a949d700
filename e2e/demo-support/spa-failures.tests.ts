/**
 * What the SPA says when a login cannot go on: the rate limit, wrong and expired codes, a tampered redirect,
 * and network faults injected with request routing. The page must explain in plain words and stay usable,
 * without an uncaught error or an unhandled rejection (checked for every test by page-problems.ts).
 */
import type { Page, Route } from '@playwright/test'
import { expect, test } from './page-problems'
import { EMULATOR, SPA, advanceClock, latestMessage, outbox, searchLogs, wrongCode } from './emulator'
import { enterCode, openSpa, requestMessage } from './spa-page'

const START = `${EMULATOR}/passwordless/start`

/** Answers the SDK's cross-origin call the way the tenant's CORS would, so the fault is the only problem. */
const corsHeaders = { 'Access-Control-Allow-Origin': SPA, 'Access-Control-Expose-Headers': 'Retry-After' }

async function failStart(page: Page, fault: (route: Route) => Promise<void>): Promise<void> {
  await page.route(START, async (route) => {
    // Preflights still get a real answer; only the POST itself fails.
    if (route.request().method() === 'OPTIONS') return route.fallback()
    return fault(route)
  })
}

async function startEmailCode(page: Page, email: string): Promise<string> {
  await openSpa(page)
  await requestMessage(page, 'email code', email)
  await expect(page.getByLabel('Code', { exact: true })).toBeFocused()
  return (await latestMessage(email)).code
}

export function spaFailureTests(): void {
  test.describe('SPA demo, refusals', () => {
    test('the 51st start shows the wait time, disables sending, and sends nothing more', async ({
      page,
      problems,
    }) => {
      problems.allowFailedRequests(/\/passwordless\/start$/)
      // 50 starts from this machine's address (the browser's too): the whole bucket.
      for (let index = 0; index < 50; index += 1) {
        const response = await fetch(START, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            client_id: 'spa-demo',
            connection: 'email',
            send: 'code',
            email: `n${index}@example.com`,
          }),
        })
        expect(response.status).toBe(200)
      }
      await openSpa(page)
      await requestMessage(page, 'email code', 'one-too-many@example.com')

      // 50 per hour refill one start every 72 seconds.
      await expect(page.getByRole('alert')).toHaveText(
        /^Too many requests\. Please wait 1 minute 1[0-3] seconds before trying again\.$/,
      )
      const send = page.getByRole('button', { name: /^Send code \(in 1 minute \d+ seconds?\)$/ })
      await expect(send).toBeDisabled()
      expect(await outbox('one-too-many@example.com')).toEqual([])
      expect(await outbox()).toHaveLength(50)
      expect(await searchLogs('type:api_limit')).toHaveLength(1)
    })

    test('after a successful send, "Send a new code" waits before it can be pressed again', async ({
      page,
    }) => {
      await startEmailCode(page, 'patient@example.com')
      await expect(
        page.getByRole('button', { name: /^Send a new code \(in (30|29) seconds\)$/ }),
      ).toBeDisabled()
    })

    test('three wrong codes, then the right one: refused', async ({ page, problems }) => {
      problems.allowFailedRequests(/\/co\/authenticate$/)
      const code = await startEmailCode(page, 'ken@example.com')
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        await enterCode(page, wrongCode(code))
        await expect(page.getByRole('alert')).toHaveText(
          'That code is not right. Please check it and try again.',
        )
        await expect(page.getByLabel('Code', { exact: true })).toBeFocused()
        // Cleared between attempts so that each one is seen to produce its own answer.
        await page.evaluate(() => {
          const alert = document.getElementById('alert')
          if (alert) alert.textContent = ''
        })
      }
      await enterCode(page, code)
      await expect(page.getByRole('alert')).toHaveText(
        'Too many wrong attempts with this code. Please ask for a new one.',
      )
      await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeHidden()
      expect(await searchLogs('type:fcoa')).toHaveLength(4)
    })

    test('an expired code: refused with a request for a new one', async ({ page, problems }) => {
      problems.allowFailedRequests(/\/co\/authenticate$/)
      const code = await startEmailCode(page, 'barbara.l@example.com')
      await advanceClock(181)
      await enterCode(page, code)
      await expect(page.getByRole('alert')).toHaveText('This code has expired. Please ask for a new one.')
      await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeHidden()
    })

    test('a tampered state on the redirect back: refused before any token request', async ({ page }) => {
      const code = await startEmailCode(page, 'alan@example.com')
      // The tenant's redirect back to the app arrives with one character of its state changed. Routing sees
      // only the first request of a redirect chain, so the tenant's redirect is fetched and rewritten here.
      await page.route(`${EMULATOR}/authorize?**`, async (route) => {
        const response = await route.fetch({ maxRedirects: 0 })
        const location = new URL(response.headers()['location'] ?? '', EMULATOR)
        const state = location.searchParams.get('state')
        if (response.status() !== 302 || state === null) return route.fulfill({ response })
        location.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`)
        return route.fulfill({ status: 302, headers: { Location: location.toString() } })
      })
      const tokenRequests: string[] = []
      page.on('request', (request) => {
        if (request.url().startsWith(`${EMULATOR}/oauth/token`)) tokenRequests.push(request.url())
      })
      await enterCode(page, code)

      await expect(page.getByRole('alert')).toHaveText(
        /^This sign-in could not be finished in this browser tab/,
      )
      await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeHidden()
      await expect(page).toHaveURL(`${SPA}/`) // the code left the address bar all the same
      expect(tokenRequests).toEqual([])
      expect(await searchLogs('type:seccft')).toEqual([])
    })
  })

  test.describe('SPA demo, network faults on /passwordless/start', () => {
    const faults: Array<{ name: string; fault: (route: Route) => Promise<void>; message: string | RegExp }> =
      [
        {
          name: 'offline',
          fault: (route) => route.abort('internetdisconnected'),
          message: 'We could not reach the sign-in service. Check your internet connection and try again.',
        },
        {
          name: 'a 500 with an HTML body',
          fault: (route) =>
            route.fulfill({
              status: 500,
              headers: corsHeaders,
              contentType: 'text/html',
              body: '<html><body><h1>Internal Server Error</h1></body></html>',
            }),
          message: 'The sign-in service is having trouble right now. Please try again in a moment.',
        },
        {
          name: 'a 200 with invalid JSON',
          fault: (route) =>
            route.fulfill({
              status: 200,
              headers: corsHeaders,
              contentType: 'application/json',
              body: '{"_id": "x", ',
            }),
          message:
            'The sign-in service sent an answer we could not understand. Please try again in a moment.',
        },
        {
          name: 'no answer before the timeout',
          // Never answered: the SDK's own timeout (10 s by default) has to end the wait.
          fault: () => new Promise<void>(() => undefined),
          message: 'The sign-in service took too long to answer. Please try again.',
        },
      ]
    for (const { name, fault, message } of faults) {
      test(`${name}: a clear message and a page that still works`, async ({ page, problems }) => {
        test.slow(name.startsWith('no answer'))
        problems.allowFailedRequests(/\/passwordless\/start$/)
        await failStart(page, fault)
        await openSpa(page)
        await requestMessage(page, 'email code', 'fault@example.com')
        await expect(page.getByRole('alert')).toHaveText(message, { timeout: 15_000 })
        await expect(page.getByRole('button', { name: 'Send code' })).toBeEnabled()
        await expect(page.getByRole('heading', { name: 'Choose how to sign in' })).toBeVisible()
        expect(await outbox()).toEqual([])

        // Once the network is back, the same page sends the code.
        await page.unrouteAll({ behavior: 'ignoreErrors' })
        await page.getByRole('button', { name: 'Send code' }).click()
        await expect(page.getByLabel('Code', { exact: true })).toBeFocused()
        expect((await latestMessage('fault@example.com')).kind).toBe('code')
      })
    }
  })

  test.describe('SPA demo, Content-Security-Policy', () => {
    test('the page is served with the strict policy, and a violation would be caught', async ({
      page,
      problems,
    }) => {
      const response = await page.goto(`${SPA}/`)
      const headers = response?.headers() ?? {}
      expect(headers['content-security-policy']).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src http://127.0.0.1:4400 http://localhost:4400; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      )
      expect(headers['referrer-policy']).toBe('no-referrer')
      expect(problems.cspViolations).toEqual([])
      // Proof that the watcher sees violations on this page: an image from elsewhere is blocked and reported.
      await page.evaluate(() => {
        const image = document.createElement('img')
        image.src = 'http://127.0.0.1:4402/static/favicon.svg'
        document.body.append(image)
      })
      await expect.poll(() => problems.cspViolations.length).toBe(1)
      expect(problems.cspViolations[0]?.text).toContain('img-src')
      problems.clear()
    })
  })
}

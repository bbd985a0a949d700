/**
 * The Universal Login custom page the emulator serves at /authorize: the UMD build from a script tag, the
 * hosted-page path (/passwordless/verify, then /passwordless/verify_redirect with the page's state), and the
 * app's own state and a working code at the end, for an email code, an SMS code and an email link; a wrong
 * code and the rate limit explained in plain words on the page.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import { decodeJwt } from 'jose'
import type { JWTPayload } from 'jose'
import { expect, test } from './page-problems'
import { EMULATOR, SPA, latestMessage, outbox, patchSettings, wrongCode } from './emulator'
import { holdBack } from './hold'
import { takeReadmeScreenshot } from './screenshots'

const CALLBACK = `${SPA}/callback`

/** The app's side of one login: what it sent to /authorize, and every redirect the tenant sent back. */
interface AppLogin {
  appState: string
  nonce: string
  verifier: string
  returned: URL[]
}

function authorizeUrl(login: AppLogin): string {
  const url = new URL('/authorize', EMULATOR)
  url.search = new URLSearchParams({
    client_id: 'spa-demo',
    response_type: 'code',
    redirect_uri: CALLBACK,
    scope: 'openid profile email',
    state: login.appState,
    nonce: login.nonce,
    code_challenge: createHash('sha256').update(login.verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString()
  return url.toString()
}

/** A fresh login of the app: its own state, nonce and PKCE verifier. */
function newLogin(): AppLogin {
  return {
    appState: randomBytes(16).toString('base64url'),
    nonce: randomBytes(16).toString('base64url'),
    verifier: randomBytes(32).toString('base64url'),
    returned: [],
  }
}

/**
 * Plays the app: opens the hosted page for a fresh login and records the tenant's last redirect, where the
 * browser stops. Routing sees only the first request of a redirect chain, so /passwordless/verify_redirect
 * (GET from the page, POST from the link's confirmation page) is fetched and answered here.
 */
export async function openHostedPage(page: Page, configExtras?: Record<string, unknown>): Promise<AppLogin> {
  const login = newLogin()
  await page.route(`${EMULATOR}/passwordless/verify_redirect**`, async (route) => {
    const response = await route.fetch({ maxRedirects: 0 })
    const location = response.headers()['location'] ?? ''
    if (response.status() !== 302 || !location.startsWith(`${CALLBACK}?`)) return route.fulfill({ response })
    login.returned.push(new URL(location))
    await route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Back in the app</title>' })
  })
  if (configExtras !== undefined) await addToConfig(page, configExtras)
  await page.goto(authorizeUrl(login))
  await expect(page.getByRole('heading', { name: 'Choose how to sign in' })).toBeVisible()
  return login
}

/**
 * Adds fields the emulator does not send but a tenant's page may get (`dict`, `extraParams`, `colors`) to the
 * page's `@@config@@`, as the tenant would have filled it in.
 */
async function addToConfig(page: Page, extras: Record<string, unknown>): Promise<void> {
  await page.route(`${EMULATOR}/authorize?**`, async (route) => {
    const response = await route.fetch()
    const body = (await response.text()).replace(
      /(name="auth0-config" content=")([^"]+)"/,
      (_, start, encoded) => {
        const config = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Record<string, unknown>
        return `${start}${Buffer.from(JSON.stringify({ ...config, ...extras }), 'utf8').toString('base64')}"`
      },
    )
    await route.fulfill({ response, body })
  })
}

/** The app's callback got its own state back, and its code exchanges (with PKCE) for this person's tokens. */
export async function expectSignedIn(login: AppLogin, claims: JWTPayload): Promise<void> {
  await expect.poll(() => login.returned.length).toBe(1)
  const callback = login.returned[0] as URL
  expect(callback.searchParams.get('state')).toBe(login.appState)
  const code = callback.searchParams.get('code')
  expect(code).toBeTruthy()
  const response = await fetch(`${EMULATOR}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'authorization_code',
      client_id: 'spa-demo',
      code,
      code_verifier: login.verifier,
      redirect_uri: CALLBACK,
    }),
  })
  expect(response.status).toBe(200)
  const tokens = (await response.json()) as { id_token: string }
  expect(decodeJwt(tokens.id_token)).toMatchObject({ ...claims, nonce: login.nonce, aud: 'spa-demo' })
}

function recordPosts(page: Page): string[] {
  const calls: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST') calls.push(new URL(request.url()).pathname)
  })
  return calls
}

export function universalLoginTests(): void {
  test.describe('Universal Login page', () => {
    test('email code: a wrong code is refused in plain words on the page, then the right one gives the app its own state', async ({
      page,
      problems,
    }) => {
      await page.setViewportSize({ width: 760, height: 900 })
      const posts = recordPosts(page)
      const login = await openHostedPage(page)
      // Where the person signs in: the application and the tenant, from the page's config.
      await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible()
      // The application's name comes from the config's dict.signin.title; its client id is listed as Application.
      await expect(page.getByText('to continue to Demo single-page app')).toBeVisible()
      await expect(page.locator('#where')).toHaveText(
        /^Application\s*spa-demo\s*Tenant\s*passwordless-emulator\s*Address\s*127\.0\.0\.1:4400$/,
      )
      await expect(page.getByRole('radio', { name: 'Email', exact: true })).toBeChecked()
      await expect(page.getByLabel('Email address')).toBeFocused()
      await expect(page.getByRole('link', { name: 'outbox' })).toHaveAttribute(
        'href',
        '/__emulator/outbox.html',
      )
      await page.getByLabel('Email address').fill('linus@example.com')
      await takeReadmeScreenshot(page, 'universal-login')
      await page.getByRole('button', { name: 'Send code' }).click()
      await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible()
      await expect(page.getByLabel('Code', { exact: true })).toBeFocused()
      await expect(page.getByRole('status')).toHaveText('Message sent to linus@example.com.')
      const message = await latestMessage('linus@example.com')
      expect(message).toMatchObject({ clientId: 'spa-demo', kind: 'code' })
      await expect(
        page.getByRole('button', { name: /^Send a new code \(in (30|29) seconds\)$/ }),
      ).toBeDisabled()

      problems.allowFailedRequests(/\/passwordless\/verify$/)
      await page.getByLabel('Code', { exact: true }).fill(wrongCode(message.code))
      await page.getByRole('button', { name: 'Verify and sign in' }).click()
      await expect(page.getByRole('alert')).toHaveText(
        'That code is not right. Please check it and try again.',
      )
      await expect(page.getByLabel('Code', { exact: true })).toBeFocused()
      await expect(page).toHaveURL(/\/authorize\?/)

      await page.getByLabel('Code', { exact: true }).fill(message.code)
      await page.getByRole('button', { name: 'Verify and sign in' }).click()
      await expectSignedIn(login, { email: 'linus@example.com' })
      // The page asks whether bot detection wants a captcha first (the tenant's "never" says no).
      expect(posts).toEqual([
        '/passwordless/challenge',
        '/passwordless/start',
        '/passwordless/verify',
        '/passwordless/verify',
      ])
    })

    test('SMS code at 320 px wide: the app gets its own state back', async ({ page }) => {
      await page.setViewportSize({ width: 320, height: 640 })
      const login = await openHostedPage(page)
      await page.getByRole('radio', { name: 'Text message' }).check()
      await expect(page.getByLabel('Email address')).toBeHidden()
      await page.getByLabel('Phone number').fill('+15555550123')
      await page.getByRole('button', { name: 'Send code' }).click()
      await expect(page.getByLabel('Code', { exact: true })).toBeFocused()
      await expect(page.locator('#code-sent-to')).toHaveText('We sent a code to +15555550123.')
      // Nothing sticks out at the smallest width: no horizontal scrolling.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
      const message = await latestMessage('+15555550123')
      expect(message).toMatchObject({ channel: 'sms', kind: 'code' })
      await page.getByLabel('Code', { exact: true }).fill(message.code)
      await page.keyboard.press('Enter')
      await expectSignedIn(login, { phone_number: '+15555550123' })
    })

    test('email link: "check your inbox", then the link and its confirmation give the app its own state', async ({
      page,
    }) => {
      const login = await openHostedPage(page, {
        dict: { signin: { title: 'Grace’s Café' } },
        extraParams: { login_hint: 'grace@example.com' },
        colors: { primary: '#0b6e4f' },
      })
      // What the tenant's config adds: the name (UTF-8 intact), the client, the hint and the colour.
      await expect(page.getByText('to continue to Grace’s Café')).toBeVisible()
      await expect(page.locator('#where')).toContainText(/Application\s*spa-demo/)
      await expect(page.locator('.app-mark')).toHaveCSS('background-color', 'rgb(11, 110, 79)')
      await page.getByRole('radio', { name: 'Email link' }).check()
      await expect(page.getByLabel('Email address')).toHaveValue('grace@example.com')
      await page.getByRole('button', { name: 'Send link' }).click()
      await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeFocused()
      await expect(page.locator('#link-sent-to')).toHaveText('We sent a sign-in link to grace@example.com.')
      const message = await latestMessage('grace@example.com')
      expect(message.kind).toBe('link')

      // The person opens the link in this browser; the tenant asks before it uses a one-time link (E11).
      await page.goto(message.link as string)
      await expect(page.getByRole('heading', { name: 'Confirm sign-in' })).toBeVisible()
      expect(login.returned).toEqual([])
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expectSignedIn(login, { email: 'grace@example.com' })
    })

    test('the send button waits for the page script: an early press cannot put the address in the URL', async ({
      page,
    }) => {
      const release = await holdBack(page, `${EMULATOR}/universal-login/login.js`)
      // Not "load" or "DOMContentLoaded": both wait for the held module script.
      await page.goto(authorizeUrl(newLogin()), { waitUntil: 'commit' })
      await page.getByLabel('Email address').fill('early@example.com')
      await expect(page.getByRole('button', { name: 'Send code' })).toBeDisabled()
      release()
      await expect(page.getByRole('button', { name: 'Send code' })).toBeEnabled()
      await page.getByRole('button', { name: 'Send code' }).click()
      await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible()
      expect(page.url()).not.toContain('early')
    })

    test('a 429 on sending shows the wait and holds the send button until then', async ({
      page,
      problems,
    }) => {
      problems.allowFailedRequests(/\/passwordless\/start$/)
      // A bucket of one start per address, refilling 50 per hour: one start back every 72 seconds.
      await patchSettings({ startRateLimitBucketSize: 1 })
      await openHostedPage(page)
      await page.getByLabel('Email address').fill('first@example.com')
      await page.getByRole('button', { name: 'Send code' }).click()
      await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible()

      await page.getByRole('button', { name: 'Use a different address or number' }).click()
      await expect(page.getByLabel('Email address')).toBeFocused()
      await page.getByLabel('Email address').fill('second@example.com')
      await page.getByRole('button', { name: 'Send code' }).click()
      await expect(page.getByRole('alert')).toHaveText(
        /^Too many requests\. Please wait 1 minute 1[0-3] seconds before trying again\.$/,
      )
      await expect(
        page.getByRole('button', { name: /^Send code \(in 1 minute \d+ seconds?\)$/ }),
      ).toBeDisabled()
      await expect(page.getByRole('heading', { name: 'Choose how to sign in' })).toBeVisible()
      expect(await outbox('second@example.com')).toEqual([])
    })
  })
}

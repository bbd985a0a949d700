/**
 * The Universal Login custom page the emulator serves at /authorize: the UMD build from a script tag, the
 * hosted-page path (/passwordless/verify, then /passwordless/verify_redirect with the page's state), and the
 * app's own state and a working code at the end.
 */
import { createHash, randomBytes } from 'node:crypto'
import { decodeJwt } from 'jose'
import { expect, test } from './page-problems'
import { EMULATOR, SPA, latestMessage, wrongCode } from './emulator'

const CALLBACK = `${SPA}/callback`

function authorizeUrl(state: string, nonce: string, verifier: string): string {
  const url = new URL('/authorize', EMULATOR)
  url.search = new URLSearchParams({
    client_id: 'spa-demo',
    response_type: 'code',
    redirect_uri: CALLBACK,
    scope: 'openid profile email',
    state,
    nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString()
  return url.toString()
}

export function universalLoginTests(): void {
  test.describe('Universal Login page', () => {
    test('email code through the hosted-page path gives the app its own state and a working code', async ({
      page,
      problems,
    }) => {
      const appState = randomBytes(16).toString('base64url')
      const nonce = randomBytes(16).toString('base64url')
      const verifier = randomBytes(32).toString('base64url')
      // This test plays the app: the tenant's last redirect is read, and the browser stops there. Routing sees
      // only the first request of a redirect chain, so the redirect itself is fetched and answered here.
      const returned: URL[] = []
      await page.route(`${EMULATOR}/passwordless/verify_redirect?**`, async (route) => {
        const response = await route.fetch({ maxRedirects: 0 })
        const location = response.headers()['location'] ?? ''
        if (response.status() !== 302 || !location.startsWith(`${CALLBACK}?`))
          return route.fulfill({ response })
        returned.push(new URL(location))
        await route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><title>Back in the app</title>',
        })
      })
      const apiCalls: string[] = []
      page.on('request', (request) => {
        if (request.method() === 'POST') apiCalls.push(new URL(request.url()).pathname)
      })

      await page.goto(authorizeUrl(appState, nonce, verifier))
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
      await page.screenshot({ path: 'docs/screenshots/universal-login.png' })
      await page.getByLabel('Email address').fill('linus@example.com')
      await page.getByRole('button', { name: 'Send code' }).click()
      const message = await latestMessage('linus@example.com')
      expect(message).toMatchObject({ clientId: 'spa-demo', kind: 'code' })

      // A wrong code first: refused on the page, which stays usable.
      problems.allowFailedRequests(/\/passwordless\/verify$/)
      await page.getByLabel('Code').fill(wrongCode(message.code))
      await page.getByRole('button', { name: 'Verify' }).click()
      // The page's wording belongs to demo/universal-login; what matters is that it says something and stays.
      await expect(page.getByRole('status')).not.toHaveText(/^(Verifying…)?$/)
      await expect(page).toHaveURL(/\/authorize\?/)

      await page.getByLabel('Code').fill(message.code)
      await page.getByRole('button', { name: 'Verify' }).click()
      await expect.poll(() => returned.length).toBe(1)

      expect(apiCalls).toEqual(['/passwordless/start', '/passwordless/verify', '/passwordless/verify'])
      const callback = returned[0] as URL
      expect(callback.searchParams.get('state')).toBe(appState)
      const code = callback.searchParams.get('code')
      expect(code).toBeTruthy()

      // The code is real: it exchanges, with this login's PKCE verifier, for tokens of the right person.
      const response = await fetch(`${EMULATOR}/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'authorization_code',
          client_id: 'spa-demo',
          code,
          code_verifier: verifier,
          redirect_uri: CALLBACK,
        }),
      })
      expect(response.status).toBe(200)
      const tokens = (await response.json()) as { id_token: string }
      expect(decodeJwt(tokens.id_token)).toMatchObject({ email: 'linus@example.com', nonce, aud: 'spa-demo' })
    })
  })
}

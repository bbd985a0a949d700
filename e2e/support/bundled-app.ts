/**
 * A bundled consumer app (bench/apps) in Chromium, with the tenant faked through Playwright's request routing.
 * The apps are built as they are, so they call `https://tenant.example.com`; routing answers those requests
 * without DNS or certificates and lets a test check each request the built code sent. The app runs on another
 * origin, `https://app.example`, so CORS and the PKCE code flow are the real ones (a secure context, as the
 * flow's Web Crypto needs).
 */
import { createHash } from 'node:crypto'
import type { Page, Route } from '@playwright/test'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { readRequestBody } from './request-body'

export const APP_ORIGIN = 'https://app.example'
export const TENANT = 'https://tenant.example.com'
/** The client ID written in the bench's apps. */
export const CLIENT_ID = 'YOUR_CLIENT_ID'

// No inline script and no eval: what the SDK promises to run under (S13).
const CSP = `default-src 'none'; script-src 'self'; connect-src ${TENANT}; form-action 'self'; base-uri 'none'`

// Records CSP violations, uncaught errors and unhandled rejections before any app code runs.
const recorder = () => {
  const reported: string[] = []
  Object.assign(window, { reported })
  document.addEventListener('securitypolicyviolation', (event) =>
    reported.push(`CSP ${event.violatedDirective} ${event.blockedURI}`),
  )
  window.addEventListener('error', (event) => reported.push(`error ${String(event.message)}`))
  window.addEventListener('unhandledrejection', (event) => reported.push(`rejection ${String(event.reason)}`))
}

const page = (script: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>bundled app</title>` +
  `<script type="module" src="${script}"></script></head><body>` +
  '<form><input name="email"><input name="code"><button>Continue</button></form></body></html>'

/** Serves `code` as the app's one script, on `/` and `/callback`, under a strict CSP. */
export async function serveApp(target: Page, code: string): Promise<void> {
  await target.addInitScript(recorder)
  await target.route(`${APP_ORIGIN}/**`, (route) => {
    const { pathname } = new URL(route.request().url())
    if (pathname === '/app.js') return route.fulfill({ contentType: 'text/javascript', body: code })
    if (pathname === '/' || pathname === '/callback')
      return route.fulfill({
        contentType: 'text/html',
        headers: { 'Content-Security-Policy': CSP },
        body: page('/app.js'),
      })
    return route.fulfill({ status: 404, body: 'not found' })
  })
}

/** What the page reported: CSP violations, uncaught errors and unhandled rejections. */
export function reportedProblems(target: Page): Promise<string[]> {
  return target.evaluate(() => (window as unknown as { reported: string[] }).reported)
}

/** A request the app sent to the tenant. */
export interface TenantCall {
  method: string
  path: string
  query: Record<string, string>
  body: Record<string, unknown> | undefined
}

const cors = {
  'access-control-allow-origin': APP_ORIGIN,
  'access-control-allow-credentials': 'true',
  'access-control-allow-headers': 'content-type, auth0-client',
  'access-control-allow-methods': 'GET, POST',
}

/**
 * Fakes the tenant for an email-code login with the code flow and PKCE: `/passwordless/start`,
 * `/co/authenticate`, `/authorize` (sends the page on to the callback with a code), `/oauth/token` (an RS256 ID token
 * for the nonce that `/authorize` got) and the JWKS. Returns every call in order; a request to any other path
 * is answered with 599 and listed in `unexpected`.
 */
export async function fakeTenant(target: Page, sub = 'email|bundled') {
  const { publicKey, privateKey } = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }
  const calls: TenantCall[] = []
  const unexpected: string[] = []
  let authorize: Record<string, string> = {}

  const json = (route: Route, body: unknown) =>
    route.fulfill({ contentType: 'application/json', headers: cors, body: JSON.stringify(body) })

  await target.route(`${TENANT}/**`, async (route) => {
    const request = route.request()
    const url = new URL(request.url())
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors })
    const call: TenantCall = {
      method: request.method(),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: readRequestBody(request),
    }
    calls.push(call)
    switch (`${call.method} ${call.path}`) {
      case 'POST /passwordless/start':
        return json(route, { _id: 'id-1', email: call.body?.['email'], email_verified: false })
      case 'POST /co/authenticate':
        return json(route, { login_ticket: 'ticket-1' })
      case 'GET /authorize': {
        authorize = call.query
        const callback = new URL(call.query['redirect_uri'] ?? '')
        callback.search = new URLSearchParams({ code: 'code-1', state: call.query['state'] ?? '' }).toString()
        // A page that moves on rather than a 302: Chromium does not route the request a fulfilled redirect makes.
        return route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><meta http-equiv="refresh" content="0; url=${callback.href}">`,
        })
      }
      case 'POST /oauth/token': {
        const verifier = String(call.body?.['code_verifier'] ?? '')
        if (createHash('sha256').update(verifier).digest('base64url') !== authorize['code_challenge'])
          return route.fulfill({ status: 400, headers: cors, contentType: 'application/json', body: '{}' })
        const now = Math.floor(Date.now() / 1000)
        const idToken = await new SignJWT({ email: 'a@example.com', nonce: authorize['nonce'] })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setIssuer(`${TENANT}/`)
          .setAudience(CLIENT_ID)
          .setSubject(sub)
          .setIssuedAt(now)
          .setExpirationTime(now + 600)
          .sign(privateKey)
        return json(route, { access_token: 'at', id_token: idToken, token_type: 'Bearer', expires_in: 600 })
      }
      case 'GET /.well-known/jwks.json':
        return json(route, { keys: [jwk] })
      default:
        unexpected.push(`${call.method} ${call.path}`)
        return route.fulfill({ status: 599, headers: cors, body: 'unexpected request' })
    }
  })
  return { calls, unexpected }
}

/** Fills the app's form and submits it. */
export async function submit(target: Page, fields: { email: string; code?: string }): Promise<void> {
  await target.fill('input[name=email]', fields.email)
  await target.fill('input[name=code]', fields.code ?? '')
  await target.click('button')
}

/** The state the app shows (`data-state` on the body), once it shows one. */
export async function appState(target: Page): Promise<string | undefined> {
  await target.waitForFunction(() => document.body.dataset['state'] !== undefined)
  return target.evaluate(() => document.body.dataset['state'])
}

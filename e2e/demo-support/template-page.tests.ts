/**
 * The hosted-page path of auth0.js 10.2.1, and of this SDK, on a custom login page built the way Auth0's
 * "Custom Login Form" template builds auth0.js (demo/universal-login/template.html). auth0.js takes that path
 * only when the page's host is its `domain`, a bare host it then calls over https: so these run against the
 * emulator in HTTPS mode (https.spec.ts). Each login is the migration guide's second case: a confidential
 * app's hosted page, whose start is authenticated by the forwarded `state` of its login transaction; then
 * /passwordless/verify, /passwordless/verify_redirect, and the app back with its own state and a code it
 * exchanges with its secret for an ID token of the https issuer.
 */
import { randomBytes } from 'node:crypto'
import type { Page, TestType } from '@playwright/test'
import { createLocalJWKSet, jwtVerify } from 'jose'
import type { JSONWebKeySet } from 'jose'
import { expect } from './page-problems'
import type { DemoServers, DemoTest } from './demo-test'

/** A demo test that also knows where the confidential app's callback is. */
export type TemplatePageTest =
  DemoTest extends TestType<infer T, infer W> ? TestType<T & { appCallback: string }, W> : never

const CLIENT_ID = 'regular-web-demo'
const CLIENT_SECRET = 'regular-web-demo-secret'

const LIBRARIES = [
  { setting: 'template-auth0-js', runs: 'auth0.js 10.2.1' },
  { setting: 'template-passwordless-webauth', runs: 'passwordless-webauth' },
] as const

const METHODS = [
  { name: 'email code', identity: 'ada@example.com', field: 'Email address', send: 'Email me a code' },
  { name: 'SMS code', identity: '+15555550123', field: 'Phone number', send: 'Text me a code' },
] as const

interface Call {
  path: string
  body: Record<string, unknown> | undefined
  query: URLSearchParams
}

/** The page's calls to the tenant's passwordless endpoints, in order. */
function recordPasswordlessCalls(page: Page, emulator: string): Call[] {
  const calls: Call[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.origin !== emulator || !url.pathname.startsWith('/passwordless/')) return
    const text = request.postData()
    calls.push({
      path: url.pathname,
      body: text === null ? undefined : (JSON.parse(text) as Record<string, unknown>),
      query: url.searchParams,
    })
  })
  return calls
}

/** The app's side: exchanges its code with its secret, and checks the ID token as a backend SDK does. */
async function exchangeCode(demo: DemoServers, code: string, redirectUri: string, nonce: string) {
  const response = await demo.control.call('/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      code,
      redirect_uri: redirectUri,
    }).toString(),
  })
  const { id_token: idToken } = (await response.json()) as { id_token: string }
  const jwks = (await (await demo.control.call('/.well-known/jwks.json')).json()) as JSONWebKeySet
  const { payload } = await jwtVerify(idToken, createLocalJWKSet(jwks), {
    issuer: `${demo.emulator}/`,
    audience: CLIENT_ID,
    algorithms: ['RS256'],
  })
  expect(payload['nonce']).toBe(nonce)
  return payload
}

export function templatePageTests(test: TemplatePageTest): void {
  test.describe('the template login page over HTTPS', () => {
    for (const library of LIBRARIES) {
      for (const method of METHODS) {
        test(`${library.runs}: ${method.name} through /passwordless/verify and verify_redirect, back to the app with its state`, async ({
          page,
          demo,
          appCallback: callback,
        }) => {
          await demo.control.patchSettings({ hostedLoginPage: library.setting })
          const app = {
            state: randomBytes(16).toString('base64url'),
            nonce: randomBytes(16).toString('base64url'),
          }
          const calls = recordPasswordlessCalls(page, demo.emulator)
          const authorize = new URLSearchParams({
            client_id: CLIENT_ID,
            redirect_uri: callback,
            response_type: 'code',
            scope: 'openid profile email',
            state: app.state,
            nonce: app.nonce,
          })
          await page.goto(`${demo.emulator}/authorize?${authorize}`)
          await expect(page.getByText(`This page runs ${library.runs}`)).toBeVisible()

          await page.getByLabel(method.field).fill(method.identity)
          await page.getByRole('button', { name: method.send }).click()
          await expect(page.getByRole('status')).toHaveText('Code sent. Type it below.')
          const message = await demo.control.latestMessage(method.identity)
          expect(message).toMatchObject({ kind: 'code', clientId: CLIENT_ID })
          await page.getByLabel('Code').fill(message.code)
          await page.getByRole('button', { name: 'Sign in' }).click()

          await page.waitForURL(`${callback}?**`)
          const back = new URL(page.url())
          expect(back.searchParams.get('state')).toBe(app.state)
          expect(calls.map((call) => call.path)).toEqual([
            '/passwordless/start',
            '/passwordless/verify',
            '/passwordless/verify_redirect',
          ])
          // The page's start forwarded the transaction's state (never the app's) and sent no secret.
          const [start, , verifyRedirect] = calls
          const pageState = verifyRedirect?.query.get('state')
          expect(pageState).toBeTruthy()
          expect(pageState).not.toBe(app.state)
          expect(start?.body).toMatchObject({ client_id: CLIENT_ID, authParams: { state: pageState } })
          expect(JSON.stringify(start?.body)).not.toContain('secret')
          const [sent] = await demo.control.searchLogs('type:cs')
          expect(sent?.description).toContain("the forwarded state of the browser's login transaction")

          const claims = await exchangeCode(demo, back.searchParams.get('code') ?? '', callback, app.nonce)
          expect(claims).toMatchObject(
            method.name === 'SMS code'
              ? { phone_number: method.identity, phone_verified: true }
              : { email: method.identity, email_verified: true },
          )
        })
      }
    }
  })
}

import { createHash } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import type * as Sdk from '../src/index'
import { ORIGIN, openBundlePage, reportedProblems } from './support/bundle-page'

// The built UMD, loaded with a <script> tag under a strict CSP, exercised in Chromium.
// API calls are answered by Playwright's request routing, so each test sees exactly
// what the bundle sent.

declare global {
  interface Window {
    PasswordlessWebAuth: typeof Sdk
    inlineScriptRan?: boolean
  }
}

test.afterEach(async ({ page }) => {
  const problems = await reportedProblems(page)
  expect(problems.violations, 'CSP violations caused by the SDK').toEqual([])
  expect(problems.errors, 'uncaught errors').toEqual([])
  expect(problems.rejections, 'unhandled rejections').toEqual([])
  // The canary inline script was blocked: the policy really is enforced on this page.
  expect(problems.canaryViolations).toBe(1)
  expect(await page.evaluate(() => window.inlineScriptRan)).toBeUndefined()
})

test('the minified UMD defines the PasswordlessWebAuth global under a strict CSP', async ({ page }) => {
  await openBundlePage(page, {})
  const exported = await page.evaluate(() => Object.keys(window.PasswordlessWebAuth).sort())
  expect(exported).toEqual(
    expect.arrayContaining(['WebAuth', 'WebAuthError', 'fromUniversalLoginConfig', 'isWebAuthError']),
  )
})

test('passwordlessStart sends the documented request with the telemetry header', async ({ page }) => {
  const { calls, unexpected } = await openBundlePage(page, {
    '/passwordless/start': () => ({ body: { _id: 'x1', email: 'a@example.com', email_verified: false } }),
  })
  const result = await page.evaluate(async (origin) => {
    const webAuth = new window.PasswordlessWebAuth.WebAuth({
      domain: origin,
      clientID: 'spa',
      hostedPage: false,
    })
    return webAuth.passwordlessStart({ connection: 'email', send: 'code', email: '  a@example.com ' })
  }, ORIGIN)
  expect(result).toEqual({ connection: 'email', send: 'code', email: 'a@example.com', id: 'x1' })
  expect(unexpected).toEqual([])
  expect(calls).toHaveLength(1)
  expect(calls[0]?.body).toMatchObject({
    client_id: 'spa',
    connection: 'email',
    send: 'code',
    email: 'a@example.com',
  })
  const telemetry = JSON.parse(Buffer.from(calls[0]?.headers['auth0-client'] ?? '', 'base64url').toString())
  expect(telemetry).toMatchObject({ name: 'passwordless-webauth' })
})

test('a client_secret given to the browser SDK is refused and nothing is sent', async ({ page }) => {
  const { calls } = await openBundlePage(page, {})
  const codes = await page.evaluate(async (origin) => {
    const { WebAuth, isWebAuthError } = window.PasswordlessWebAuth
    const seen: string[] = []
    try {
      new WebAuth({ domain: origin, clientID: 'app', internalOptions: { CLIENT_SECRET: 's' } } as never)
    } catch (error) {
      seen.push(isWebAuthError(error) ? error.code : 'not a WebAuthError')
    }
    const webAuth = new WebAuth({ domain: origin, clientID: 'app' })
    await webAuth
      .passwordlessStart({
        connection: 'email',
        send: 'code',
        email: 'a@example.com',
        authParams: { clientSecret: 's' },
      })
      .catch((error: unknown) => seen.push(isWebAuthError(error) ? error.code : 'not a WebAuthError'))
    return seen
  }, ORIGIN)
  expect(codes).toEqual(['client_secret_in_browser', 'client_secret_in_browser'])
  expect(calls).toEqual([])
})

test('credentials in headers are refused in every form a page can build them, and nothing is sent', async ({
  page,
}) => {
  const { calls } = await openBundlePage(page, {})
  const codes = await page.evaluate(async (origin) => {
    const { WebAuth, isWebAuthError } = window.PasswordlessWebAuth
    const pairs: Array<[string, string]> = [
      ['Authorization', 'Basic YXBwOnNlY3JldA=='],
      ['auth0-forwarded-for', '6.6.6.6'],
    ]
    // The iframe's Map is another realm's: recognised by its tag, not by instanceof.
    const frame = document.createElement('iframe')
    document.body.append(frame)
    const OtherMap = (frame.contentWindow as unknown as { Map: MapConstructor }).Map
    const seen: string[] = []
    for (const pair of pairs) {
      for (const headers of [new Headers([pair]), new Map([pair]), [pair], new OtherMap([pair])]) {
        try {
          await new WebAuth({ domain: origin, clientID: 'app', headers } as never).passwordlessStart({
            connection: 'email',
            send: 'code',
            email: 'a@example.com',
          })
          seen.push('sent')
        } catch (error) {
          seen.push(isWebAuthError(error) ? error.code : 'not a WebAuthError')
        }
      }
    }
    return seen
  }, ORIGIN)
  expect(codes).toEqual([...Array(4).fill('client_secret_in_browser'), ...Array(4).fill('invalid_options')])
  expect(calls).toEqual([])
})

test('a Universal Login page forwards its state through /passwordless/verify and verify_redirect', async ({
  page,
}) => {
  const internalOptions = {
    state: 'login-tx-state',
    _csrf: 'csrf-1',
    _intstate: 'deprecated',
    response_type: 'code',
    scope: 'openid email',
    protocol: 'oauth2',
    ui_locales: 'fr',
  }
  const { calls } = await openBundlePage(page, {
    '/passwordless/start': () => ({ body: { email: 'zoë@example.com' } }),
    '/passwordless/verify': () => ({ body: '' }),
  })
  const config = {
    auth0Domain: 'localhost:4410',
    clientID: 'regular-web',
    callbackURL: 'https://app.example/callback',
    authorizationServer: { url: ORIGIN, issuer: `${ORIGIN}/` },
    internalOptions,
    extraParams: { name: 'Zoë' },
  }
  const encoded = Buffer.from(JSON.stringify(config), 'utf8').toString('base64')
  await page.evaluate(async (configText) => {
    const webAuth = window.PasswordlessWebAuth.fromUniversalLoginConfig(configText)
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: 'zoë@example.com' })
    await webAuth.passwordlessLogin({
      connection: 'email',
      email: 'zoë@example.com',
      verificationCode: '123456',
    })
  }, encoded)
  await page.waitForURL(/verify_redirect/)
  await page.waitForLoadState()
  expect(calls[0]?.body).toMatchObject({ client_id: 'regular-web', authParams: internalOptions })
  expect(calls[1]?.body).toEqual({
    client_id: 'regular-web',
    connection: 'email',
    verification_code: '123456',
    email: 'zoë@example.com',
  })
  const query = Object.fromEntries(new URL(page.url()).searchParams)
  expect(query).toMatchObject({
    ...internalOptions,
    client_id: 'regular-web',
    verification_code: '123456',
    redirect_uri: 'https://app.example/callback',
  })
})

test('an email link started in the app completes with PKCE and a verified ID token', async ({ page }) => {
  const { publicKey, privateKey } = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }
  let sentAuthParams: Record<string, string> = {}
  const { calls } = await openBundlePage(page, {
    '/passwordless/start': (call) => {
      sentAuthParams = (call.body as { authParams: Record<string, string> }).authParams
      return { body: {} }
    },
    '/oauth/token': () => ({ body: tokenResponse }),
    '/.well-known/jwks.json': () => ({ body: { keys: [jwk] } }),
  })
  let tokenResponse: object = {}
  await page.evaluate(async (origin) => {
    const webAuth = new window.PasswordlessWebAuth.WebAuth({
      domain: origin,
      clientID: 'spa',
      redirectUri: `${origin}/callback`,
      hostedPage: false,
    })
    await webAuth.passwordlessStart({ connection: 'email', email: 'a@example.com', returnTo: '/account' })
  }, ORIGIN)
  expect(sentAuthParams).toMatchObject({
    response_type: 'code',
    redirect_uri: `${ORIGIN}/callback`,
    code_challenge_method: 'S256',
  })
  // A link's state is 33 random bytes, one more than other logins' (S19): 44 characters.
  expect(sentAuthParams.state).toMatch(/^[A-Za-z0-9_-]{44}$/)
  const now = Math.floor(Date.now() / 1000)
  const idToken = await new SignJWT({ email: 'a@example.com', nonce: sentAuthParams.nonce })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(`${ORIGIN}/`)
    .setAudience('spa')
    .setSubject('email|1')
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(privateKey)
  tokenResponse = {
    access_token: 'at',
    id_token: idToken,
    token_type: 'Bearer',
    expires_in: 86400,
    scope: 'openid profile email',
  }

  // The person opens the link; the server redirects back with a code and the app's state.
  await page.goto(`${ORIGIN}/callback?code=authcode&state=${sentAuthParams.state}`)
  const result = await page.evaluate(async (origin) => {
    const webAuth = new window.PasswordlessWebAuth.WebAuth({
      domain: origin,
      clientID: 'spa',
      redirectUri: `${origin}/callback`,
    })
    const { idTokenPayload, returnTo, accessToken } = await webAuth.handleRedirectCallback()
    return { email: idTokenPayload?.email, returnTo, accessToken, href: location.href }
  }, ORIGIN)
  expect(result).toEqual({
    email: 'a@example.com',
    returnTo: '/account',
    accessToken: 'at',
    href: `${ORIGIN}/callback`,
  })
  const exchangeCall = calls.find((call) => call.path === '/oauth/token')
  // A form without the telemetry header: what a browser sends cross-origin without a preflight.
  expect(exchangeCall?.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8')
  expect(exchangeCall?.headers).not.toHaveProperty('auth0-client')
  const exchange = exchangeCall?.body as Record<string, string>
  expect(exchange).toMatchObject({ grant_type: 'authorization_code', client_id: 'spa', code: 'authcode' })
  expect(exchange).not.toHaveProperty('client_secret')
  expect(
    createHash('sha256')
      .update(exchange.code_verifier ?? '')
      .digest('base64url'),
  ).toBe(sentAuthParams.code_challenge)
})

test('faults become typed errors: offline, a 500 HTML page, invalid JSON, a timeout', async ({ page }) => {
  let mode = 'offline'
  await openBundlePage(page, {
    '/passwordless/start': () => {
      if (mode === 'html')
        return { status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>Bad gateway</h1>' }
      return { status: 200, body: '{"not json' }
    },
  })
  await page.route(`${ORIGIN}/passwordless/start`, async (route) => {
    if (mode === 'offline') return route.abort('internetdisconnected')
    if (mode === 'slow') return new Promise(() => undefined)
    return route.fallback()
  })
  const run = (timeout: number) =>
    page.evaluate(
      async ({ origin, timeout }) => {
        const webAuth = new window.PasswordlessWebAuth.WebAuth({ domain: origin, clientID: 'spa', timeout })
        return webAuth
          .passwordlessStart({ connection: 'sms', send: 'code', phoneNumber: '+15555550123' })
          .then(
            () => 'resolved',
            (error: { code: string; statusCode?: number }) => `${error.code}:${error.statusCode ?? '-'}`,
          )
      },
      { origin: ORIGIN, timeout },
    )
  expect(await run(5000)).toBe('network_error:-')
  mode = 'html'
  expect(await run(5000)).toBe('server_error:500')
  mode = 'json'
  expect(await run(5000)).toBe('invalid_response:200')
  mode = 'slow'
  expect(await run(300)).toBe('timeout:-')
})

import { afterEach, describe, expect, test, vi } from 'vitest'
import { WebAuth, type PasswordlessLoginOptions, type PasswordlessStartOptions } from '../../src/index'
import { fakeServer, json, never, sentAuthParams } from './support/fake-fetch'
import {
  CLIENT_ID,
  EMAIL,
  REDIRECT_URI,
  emailCodeStart,
  emailLogin,
  makeWebAuth,
  rejectsWith,
  storedTransactions,
  stubPage,
  stubSessionStorage,
} from './support/fixtures'
import { beginRedirectLogin, callbackUrl } from './support/redirect'

// Options, starts and logins where a planted bug went unnoticed: the IPv6 loopback, the default timeout,
// what a start on the hosted page leaves alone, hosted-page detection by host and port, an empty login
// ticket, half a PKCE pair from the caller, a hybrid response type, camelCase keys of several words, and
// the app's data carried by a link.

afterEach(() => {
  vi.useRealTimers()
})

const emailLink = { connection: 'email', send: 'link', email: EMAIL } as const

describe('options', () => {
  test('http://[::1] is a loopback origin, accepted like localhost', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) => expect(request.url.origin).toBe('http://[::1]:4400'),
      reply: json(200, {}),
    })
    const webAuth = new WebAuth({ domain: 'http://[::1]:4400', clientID: CLIENT_ID, fetch: server.fetch })
    await webAuth.passwordlessStart(emailCodeStart)
  })

  test('a request without an answer times out after 10 s by default, not before', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const server = fakeServer({ method: 'POST', path: '/passwordless/start', reply: never() })
    const { webAuth } = makeWebAuth(server)
    let outcome: unknown = 'pending'
    void webAuth.passwordlessStart(emailCodeStart).then(
      () => (outcome = 'sent'),
      (error: { code?: string }) => (outcome = error.code),
    )
    await vi.advanceTimersByTimeAsync(9_999)
    expect(outcome).toBe('pending')
    await vi.advanceTimersByTimeAsync(1)
    await vi.waitFor(() => expect(outcome).toBe('timeout'))
  })
})

describe('a link start on the hosted page (S2)', () => {
  test("sends the page's authorize parameters as they are: no PKCE, nonce or state of its own", async () => {
    const storage = stubSessionStorage()
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) =>
        expect(sentAuthParams(request)).toEqual({
          response_type: 'code',
          scope: 'openid profile email',
          redirect_uri: REDIRECT_URI,
          state: 'page-state',
        }),
      reply: json(200, {}),
    })
    const { webAuth } = makeWebAuth(server, { hostedPage: true, internalOptions: { state: 'page-state' } })
    await webAuth.passwordlessStart(emailLink)
    expect(storedTransactions(storage)).toEqual([])
  })
})

describe('hosted-page detection compares the host with its port', () => {
  const tenant = 'http://localhost:4400'
  test('a page of the same host name on another port is not the hosted page', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/co/authenticate',
      reply: json(200, { login_ticket: 't' }),
    })
    stubPage('http://localhost:4401/login')
    stubSessionStorage()
    const { webAuth, navigate } = makeWebAuth(server, { domain: tenant })
    await webAuth.passwordlessLogin(emailLogin)
    expect(navigate.mock.calls[0]![0]).toMatch(/^http:\/\/localhost:4400\/authorize\?/)
  })

  test('a page on the tenant host and port is the hosted page', async () => {
    const server = fakeServer({ method: 'POST', path: '/passwordless/verify', reply: json(200, {}) })
    stubPage('http://localhost:4400/login')
    const { webAuth, navigate } = makeWebAuth(server, { domain: tenant })
    await webAuth.passwordlessLogin(emailLogin)
    expect(navigate.mock.calls[0]![0]).toMatch(/^http:\/\/localhost:4400\/passwordless\/verify_redirect\?/)
  })
})

describe('passwordlessLogin() in an app', () => {
  test('an empty login_ticket is refused: no navigation, no transaction left', async () => {
    const storage = stubSessionStorage()
    const server = fakeServer({
      method: 'POST',
      path: '/co/authenticate',
      reply: json(200, { login_ticket: '' }),
    })
    const { webAuth, navigate } = makeWebAuth(server, { hostedPage: false })
    await rejectsWith(webAuth.passwordlessLogin(emailLogin), 'invalid_response', /login ticket/)
    expect(navigate).not.toHaveBeenCalled()
    expect(storedTransactions(storage)).toEqual([])
  })

  test.each([
    ['code_challenge_method alone', { code_challenge_method: 'plain' }],
    ['code_challenge alone', { code_challenge: 'x'.repeat(43) }],
    ['codeChallengeMethod in camelCase', { codeChallengeMethod: 'plain' }],
  ])('%s from the caller is refused before the code is spent', async (_what, authParams) => {
    const server = fakeServer()
    const { webAuth } = makeWebAuth(server, { hostedPage: false })
    const error = await rejectsWith(
      webAuth.passwordlessLogin({ ...emailLogin, authParams } as PasswordlessLoginOptions),
      'invalid_input',
    )
    expect(error.field).toBe('authParams.code_challenge')
  })

  test.each([
    ['code_challenge_method alone', { code_challenge_method: 'plain' }],
    ['codeChallengeMethod in camelCase', { codeChallengeMethod: 'plain' }],
  ])('%s in a link start is refused before any request', async (_what, authParams) => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth } = makeWebAuth(server)
    const error = await rejectsWith(
      webAuth.passwordlessStart({ ...emailLink, authParams } as PasswordlessStartOptions),
      'invalid_input',
    )
    expect(error.field).toBe('authParams.code_challenge')
  })

  test('a hybrid code id_token login gets PKCE and a nonce, and completes with the verifier', async () => {
    const storage = stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate, {
      authParams: { response_type: 'code id_token' },
    })
    expect(query).toMatchObject({ response_type: 'code id_token', code_challenge_method: 'S256' })
    expect(query.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(query.nonce).toBeTruthy()
    expect(storedTransactions(storage)[0]?.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  test('camelCase keys of several words become snake_case in full', async () => {
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server, {
      internalOptions: { acrValuesHint: 'a', maxAgeInSeconds: 5 },
    })
    const query = await beginRedirectLogin(webAuth, server, navigate)
    expect(query).toMatchObject({ acr_values_hint: 'a', max_age_in_seconds: '5' })
    expect(Object.keys(query).filter((key) => /[A-Z]/.test(key))).toEqual([])
  })
})

describe('an email link started from an app carries the app data (S12)', () => {
  test('returnTo and appState are stored with its transaction and handed back by the callback', async () => {
    const storage = stubSessionStorage()
    const server = fakeServer({ method: 'POST', path: '/passwordless/start', reply: json(200, {}) })
    const { webAuth } = makeWebAuth(server, { scope: 'email' })
    await webAuth.passwordlessStart({ ...emailLink, returnTo: '/account?tab=2', appState: { cart: [1, 2] } })
    const [transaction] = storedTransactions(storage)
    expect(transaction).toMatchObject({ returnTo: '/account?tab=2', appState: { cart: [1, 2] } })
    const state = sentAuthParams(server.requests[0]!).state!
    server.expect({ method: 'POST', path: '/oauth/token', reply: json(200, { access_token: 'at' }) })
    await expect(webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state }))).resolves.toMatchObject({
      returnTo: '/account?tab=2',
      appState: { cart: [1, 2] },
    })
  })
})

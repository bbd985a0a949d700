import { beforeAll, describe, expect, test } from 'vitest'
import type { PasswordlessStartOptions } from '../../src/index'
import { fakeServer, json, never } from './support/fake-fetch'
import {
  APP_ORIGIN,
  CLIENT_ID,
  EMAIL,
  REDIRECT_URI,
  TX_PREFIX,
  makeWebAuth,
  rejectsWith,
  stubPage,
  stubSessionStorage,
} from './support/fixtures'
import { beginRedirectLogin, callbackUrl, expectTokenExchange } from './support/redirect'
import { claims, jwks, makeSigningKey, signIdToken, type SigningKey } from './support/tokens'

let key: SigningKey
beforeAll(async () => {
  key = await makeSigningKey('key-1')
})

const tokenReply = async (nonce: string | undefined) =>
  json(200, {
    access_token: 'access-token-value',
    id_token: await signIdToken(key, claims({ nonce })),
    token_type: 'Bearer',
    expires_in: 86400,
    scope: 'openid profile email',
  })

describe('handleRedirectCallback()', () => {
  test('exchanges the code with the PKCE verifier and no secret, verifies the ID token, and returns the result', async () => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate, {
      returnTo: '/account?tab=1',
      appState: { n: 1 },
    })
    expectTokenExchange(server, {
      code: 'auth-code',
      challenge: query.code_challenge!,
      reply: await tokenReply(query.nonce),
    })
    server.expect({
      method: 'GET',
      path: '/.well-known/jwks.json',
      // A plain GET with no custom header: a public document needs no CORS preflight.
      check: (request) => expect(request.headers.has('auth0-client')).toBe(false),
      reply: json(200, jwks(key)),
    })

    const result = await webAuth.handleRedirectCallback(
      callbackUrl({ code: 'auth-code', state: query.state! }),
    )
    expect(result).toMatchObject({
      accessToken: 'access-token-value',
      tokenType: 'Bearer',
      expiresIn: 86400,
      scope: 'openid profile email',
      returnTo: '/account?tab=1',
      appState: { n: 1 },
      idTokenPayload: { sub: 'email|123', aud: CLIENT_ID, nonce: query.nonce },
    })
    expect(result.idToken).toMatch(/^ey/)
  })

  test.each([
    ['access_denied', 'The person cancelled', undefined],
    ['login_required', 'Login required', undefined],
    // A refused code or link says why in `reason`, read from the server's code and words.
    ['access_denied', 'Wrong email or verification code.', 'wrong_code'],
    ['access_denied', 'The verification code has expired. Please try to login again.', 'expired_code'],
    [
      'access_denied',
      "You've reached the maximum number of attempts. Please try to login again.",
      'too_many_attempts',
    ],
    [
      'too_many_attempts',
      'Your account has been blocked after multiple consecutive login attempts.',
      'blocked',
    ],
  ] as const)('reads error=%s and error_description "%s" (reason %s)', async (code, description, reason) => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate)
    const error = await rejectsWith(
      webAuth.handleRedirectCallback(
        callbackUrl({ error: code, error_description: description, state: query.state! }),
      ),
      code,
    )
    expect(error).toMatchObject({ description, reason })
    expect(error.statusCode).toBeUndefined()
    expect(server.requests.map((request) => request.path)).toEqual(['/co/authenticate'])
  })

  test('refuses a code flow redirect without a code', async () => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate)
    await rejectsWith(
      webAuth.handleRedirectCallback(
        callbackUrl({ access_token: 'injected', state: query.state! }, 'fragment'),
      ),
      'invalid_response',
    )
  })

  test('passes a token endpoint error through without the code in the message', async () => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate)
    expectTokenExchange(server, {
      code: 'the-auth-code-xyz',
      challenge: query.code_challenge!,
      reply: json(403, { error: 'invalid_grant', error_description: 'Invalid authorization code' }),
      keys: json(200, jwks(key)),
    })
    const error = await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ code: 'the-auth-code-xyz', state: query.state! })),
      'invalid_grant',
    )
    expect(error.statusCode).toBe(403)
    expect(error.message).not.toContain('the-auth-code-xyz')
    // invalid_grant is also how a one-time code is refused; these words are not about one.
    expect(error.reason).toBeUndefined()
  })

  test('an AbortSignal cancels the token request and the JWKS request sent alongside it', async () => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate)
    server.expect(
      { method: 'POST', path: '/oauth/token', reply: never() },
      { method: 'GET', path: '/.well-known/jwks.json', reply: never() },
    )
    const controller = new AbortController()
    const pending = webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state: query.state! }), {
      signal: controller.signal,
    })
    await expect.poll(() => server.requests.length).toBe(3)
    controller.abort()
    await rejectsWith(pending, 'aborted')
    expect(server.requests.slice(1).map((request) => request.signal.aborted)).toEqual([true, true])
  })

  describe('the address bar (S8)', () => {
    test('is cleaned of code and state with history.replaceState, keeping other parameters', async () => {
      stubSessionStorage()
      const server = fakeServer()
      const { webAuth, navigate } = makeWebAuth(server)
      const query = await beginRedirectLogin(webAuth, server, navigate)
      const { replaceState } = stubPage(`${REDIRECT_URI}?lang=fr&code=auth-code&state=${query.state}`)
      expectTokenExchange(server, {
        code: 'auth-code',
        challenge: query.code_challenge!,
        reply: await tokenReply(query.nonce),
      })
      server.expect({ method: 'GET', path: '/.well-known/jwks.json', reply: json(200, jwks(key)) })
      await webAuth.handleRedirectCallback()
      expect(replaceState).toHaveBeenCalledTimes(1)
      expect(replaceState.mock.calls[0]![2]).toBe(`${REDIRECT_URI}?lang=fr`)
      expect(replaceState.mock.calls[0]![0]).toEqual({ kept: true })
    })

    test('is cleaned even when the callback is refused', async () => {
      stubSessionStorage()
      const { replaceState } = stubPage(`${REDIRECT_URI}?code=auth-code&state=unknown`)
      const server = fakeServer()
      const { webAuth } = makeWebAuth(server)
      await rejectsWith(webAuth.handleRedirectCallback(), 'missing_transaction')
      expect(replaceState).toHaveBeenCalledWith({ kept: true }, '', REDIRECT_URI)
    })

    test('tokens in the fragment are removed', async () => {
      const { replaceState } = stubPage(
        `${REDIRECT_URI}#access_token=at&id_token=it&state=unknown&token_type=Bearer`,
      )
      const server = fakeServer()
      const { webAuth } = makeWebAuth(server)
      await rejectsWith(webAuth.handleRedirectCallback(), 'missing_transaction')
      const cleaned = String(replaceState.mock.calls[0]![2])
      expect(cleaned).toBe(REDIRECT_URI)
    })

    test('is left alone for a URL that is not the page', async () => {
      const { replaceState } = stubPage(`${APP_ORIGIN}/elsewhere`)
      const server = fakeServer()
      const { webAuth } = makeWebAuth(server)
      await rejectsWith(
        webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state: 'x' })),
        'missing_transaction',
      )
      expect(replaceState).not.toHaveBeenCalled()
    })
  })

  describe('returnTo (S12)', () => {
    test.each([
      '//evil.example',
      'https://evil.example/',
      '/\\evil.example',
      '/\t/evil.example',
      'account',
      '',
      'javascript:alert(1)',
      // Each normalises to //evil.example, another host, once the URL parser resolves its dot segments.
      '/.//evil.example',
      '/%2e%2e//evil.example',
      '/a/..//evil.example',
    ])('refuses returnTo %j before any request', async (returnTo) => {
      const server = fakeServer()
      const { webAuth, navigate } = makeWebAuth(server)
      await rejectsWith(
        webAuth.passwordlessLogin({
          connection: 'email',
          email: EMAIL,
          verificationCode: '123456',
          returnTo,
        }),
        'invalid_input',
        /"returnTo"/,
      )
      await rejectsWith(
        webAuth.passwordlessStart({
          connection: 'email',
          email: EMAIL,
          returnTo,
        } as PasswordlessStartOptions),
        'invalid_input',
        /"returnTo"/,
      )
      expect(navigate).not.toHaveBeenCalled()
    })

    test('a returnTo tampered with in storage is not handed back', async () => {
      const storage = stubSessionStorage()
      const server = fakeServer()
      const { webAuth, navigate } = makeWebAuth(server, { responseType: 'token', scope: 'email' })
      const query = await beginRedirectLogin(webAuth, server, navigate, { returnTo: '/ok' })
      const stored = JSON.parse(storage.getItem(TX_PREFIX + query.state)!) as Record<string, unknown>
      storage.setItem(TX_PREFIX + query.state, JSON.stringify({ ...stored, returnTo: '//evil.example' }))
      const result = await webAuth.handleRedirectCallback(
        callbackUrl({ access_token: 'at', state: query.state! }, 'fragment'),
      )
      expect(result.accessToken).toBe('at')
      expect(result).not.toHaveProperty('returnTo')
    })
  })
})

/**
 * S20: a cross-origin code login that the browser's third-party cookie blocking breaks ends in its own typed
 * error, and `codeLogin: 'verify_redirect'` completes a code login with a top-level navigation instead.
 */
import { describe, expect, test } from 'vitest'
import { ErrorCode } from '../../src/index'
import { fakeServer, json, type Expectation } from './support/fake-fetch'
import {
  CLIENT_ID,
  EMAIL,
  ORIGIN,
  PHONE,
  REDIRECT_URI,
  TX_PREFIX,
  emailLogin,
  makeWebAuth,
  rejectsWith,
  stubSessionStorage,
} from './support/fixtures'
import { beginRedirectLogin, callbackUrl, s256 } from './support/redirect'

const UNABLE = 'Unable to configure verification page.'

describe('S20: a cross-origin login whose cookie the browser blocked', () => {
  for (const [error, description] of [
    ['server_error', UNABLE],
    ['invalid_request', 'No verifier returned from client.'],
  ] as const) {
    test(`S20: ${error} "${description}" after /co/authenticate is third_party_cookies_blocked, the server's answer as cause`, async () => {
      stubSessionStorage()
      const server = fakeServer()
      const { webAuth, navigate } = makeWebAuth(server)
      const query = await beginRedirectLogin(webAuth, server, navigate)
      const failure = await rejectsWith(
        webAuth.handleRedirectCallback(
          callbackUrl({ error, error_description: description, state: query.state! }),
        ),
        ErrorCode.ThirdPartyCookiesBlocked,
      )
      expect(failure.cause).toMatchObject({ code: error, description })
    })
  }

  test('S20: the same answer to a login that did not go through /co/authenticate passes through unchanged', async () => {
    const storage = stubSessionStorage()
    storage.setItem(
      `${TX_PREFIX}link-state`,
      JSON.stringify({
        state: 'link-state',
        redirectUri: REDIRECT_URI,
        clientId: CLIENT_ID,
        responseType: 'code',
        codeVerifier: 'v',
        expiresAt: Date.now() + 60_000,
      }),
    )
    const { webAuth } = makeWebAuth(fakeServer())
    await rejectsWith(
      webAuth.handleRedirectCallback(
        callbackUrl({ error: 'server_error', error_description: UNABLE, state: 'link-state' }),
      ),
      'server_error',
    )
  })

  test('S20: another refusal of a cross-origin login keeps its own code', async () => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate)
    await rejectsWith(
      webAuth.handleRedirectCallback(
        callbackUrl({ error: 'access_denied', error_description: 'Nope', state: query.state! }),
      ),
      'access_denied',
    )
  })
})

describe("S20: codeLogin: 'verify_redirect' needs no third-party cookie", () => {
  const verified = (body: Record<string, string>): Expectation => ({
    method: 'POST',
    path: '/passwordless/verify',
    check: (request) =>
      expect(request.body).toEqual({ client_id: CLIENT_ID, verification_code: '123456', ...body }),
    reply: json(200, {}),
  })

  test('S20: verifies the code, then navigates to /passwordless/verify_redirect with a fresh state, nonce and S256 challenge', async () => {
    const storage = stubSessionStorage()
    const server = fakeServer(verified({ connection: 'email', email: EMAIL }))
    const { webAuth, navigate } = makeWebAuth(server, { codeLogin: 'verify_redirect' })
    await webAuth.passwordlessLogin({ ...emailLogin, returnTo: '/here' })
    expect(navigate).toHaveBeenCalledTimes(1)
    const url = new URL(navigate.mock.calls[0]![0])
    expect(url.origin + url.pathname).toBe(`${ORIGIN}/passwordless/verify_redirect`)
    const query = Object.fromEntries(url.searchParams)
    expect(query).toMatchObject({
      client_id: CLIENT_ID,
      connection: 'email',
      email: EMAIL,
      verification_code: '123456',
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      code_challenge_method: 'S256',
    })
    expect(query.state).toMatch(/^[\w-]{43}$/)
    expect(query.nonce).toMatch(/^[\w-]{43}$/)
    expect(query).not.toHaveProperty('login_ticket')
    // The transaction waits for the redirect back; it holds the verifier, never the code.
    const stored = storage.getItem(TX_PREFIX + query.state) ?? ''
    expect(JSON.parse(stored)).toMatchObject({ state: query.state, nonce: query.nonce, returnTo: '/here' })
    expect(s256(JSON.parse(stored).codeVerifier)).toBe(query.code_challenge)
    expect(stored).not.toContain('123456')
  })

  test('S20: per call, for an SMS code, over the constructor’s default', async () => {
    stubSessionStorage()
    const server = fakeServer(verified({ connection: 'sms', phone_number: PHONE }))
    const { webAuth, navigate } = makeWebAuth(server)
    await webAuth.passwordlessLogin({
      connection: 'sms',
      phoneNumber: PHONE,
      verificationCode: '123456',
      codeLogin: 'verify_redirect',
    })
    expect(new URL(navigate.mock.calls[0]![0]).pathname).toBe('/passwordless/verify_redirect')
  })

  test('S20: a refused code leaves no transaction and no navigation', async () => {
    const storage = stubSessionStorage()
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/verify',
      reply: json(403, {
        error: 'invalid_user_password',
        error_description: 'Wrong email or verification code.',
      }),
    })
    const { webAuth, navigate } = makeWebAuth(server, { codeLogin: 'verify_redirect' })
    await rejectsWith(webAuth.passwordlessLogin(emailLogin), 'invalid_user_password')
    expect(navigate).not.toHaveBeenCalled()
    expect(storage.items.size).toBe(0)
  })

  test('S20: an unknown codeLogin is refused naming the option, before any request', async () => {
    const { webAuth } = makeWebAuth(fakeServer())
    const failure = await rejectsWith(
      webAuth.passwordlessLogin({ ...emailLogin, codeLogin: 'popup' as 'cross_origin' }),
      'invalid_input',
    )
    expect(failure.field).toBe('codeLogin')
  })
})

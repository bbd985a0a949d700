/**
 * S18: a cross-origin code login that the browser's third-party cookie blocking breaks ends in its own typed
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
  TX_PREFIX,
  emailLogin,
  makeWebAuth,
  rejectsWith,
  stubSessionStorage,
  throwsWith,
} from './support/fixtures'
import { beginRedirectLogin, callbackUrl, s256 } from './support/redirect'

const UNABLE = 'Unable to configure verification page.'

/** What handleRedirectCallback makes of a cross-origin login that the tenant sent back with this error. */
async function refusedLogin(error: string, description: string) {
  stubSessionStorage()
  const server = fakeServer()
  const { webAuth, navigate } = makeWebAuth(server)
  const query = await beginRedirectLogin(webAuth, server, navigate)
  return webAuth.handleRedirectCallback(
    callbackUrl({ error, error_description: description, state: query.state! }),
  )
}

describe('S18: a cross-origin login whose cookie the browser blocked', () => {
  for (const [error, description] of [
    ['server_error', UNABLE],
    ['invalid_request', 'No verifier returned from client.'],
  ] as const) {
    test(`S18: ${error} "${description}" after /co/authenticate is third_party_cookies_blocked, the server's answer as cause`, async () => {
      const failure = await rejectsWith(refusedLogin(error, description), ErrorCode.ThirdPartyCookiesBlocked)
      expect(failure.cause).toMatchObject({ code: error, description })
    })
  }

  for (const [error, description] of [
    ['server_error', 'Try later.'],
    ['access_denied', 'Nope'],
  ] as const) {
    test(`S18: ${error} "${description}" keeps its own code`, async () => {
      await rejectsWith(refusedLogin(error, description), error)
    })
  }
})

describe("S18: codeLogin: 'verify_redirect' needs no third-party cookie", () => {
  const verified = (body: Record<string, string>): Expectation => ({
    method: 'POST',
    path: '/passwordless/verify',
    check: (request) =>
      expect(request.body).toEqual({ client_id: CLIENT_ID, verification_code: '123456', ...body }),
    reply: json(200, {}),
  })

  test('S18: verifies the code, then navigates to /passwordless/verify_redirect with a fresh state, nonce and S256 challenge', async () => {
    const storage = stubSessionStorage()
    const server = fakeServer(verified({ connection: 'email', email: EMAIL }))
    const { webAuth, navigate } = makeWebAuth(server, { codeLogin: 'verify_redirect' })
    await webAuth.passwordlessLogin({ ...emailLogin, returnTo: '/here' })
    expect(navigate).toHaveBeenCalledTimes(1)
    const url = new URL(navigate.mock.calls[0]![0])
    expect(url.origin + url.pathname).toBe(`${ORIGIN}/passwordless/verify_redirect`)
    const query = Object.fromEntries(url.searchParams)
    // The hosted page's query (test/sdk/passwordless-login.test.ts), with a transaction of the app's own.
    expect(query).toMatchObject({ verification_code: '123456', code_challenge_method: 'S256' })
    expect(query.state).toMatch(/^[\w-]{43}$/)
    expect(query.nonce).toMatch(/^[\w-]{43}$/)
    expect(query).not.toHaveProperty('login_ticket')
    // The transaction waits for the redirect back; it holds the verifier, never the code.
    const stored = storage.getItem(TX_PREFIX + query.state) ?? ''
    expect(JSON.parse(stored)).toMatchObject({ state: query.state, nonce: query.nonce, returnTo: '/here' })
    expect(s256(JSON.parse(stored).codeVerifier)).toBe(query.code_challenge)
    expect(stored).not.toContain('123456')
  })

  test('S18: an SMS code completes the same way', async () => {
    stubSessionStorage()
    const server = fakeServer(verified({ connection: 'sms', phone_number: PHONE }))
    const { webAuth, navigate } = makeWebAuth(server, { codeLogin: 'verify_redirect' })
    await webAuth.passwordlessLogin({ connection: 'sms', phoneNumber: PHONE, verificationCode: '123456' })
    expect(new URL(navigate.mock.calls[0]![0]).pathname).toBe('/passwordless/verify_redirect')
  })

  test('S18: a refused code leaves no transaction and no navigation', async () => {
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

  test('S18: an unknown codeLogin is refused naming the option', () => {
    const failure = throwsWith(
      () => makeWebAuth(fakeServer(), { codeLogin: 'popup' as 'cross_origin' }),
      'invalid_options',
    )
    expect(failure.field).toBe('codeLogin')
  })
})

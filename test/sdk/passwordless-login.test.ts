import { describe, expect, test } from 'vitest'
import type { PasswordlessLoginOptions } from '../../src/index'
import { fakeServer, json, noRequests } from './support/fake-fetch'
import {
  CLIENT_ID,
  DOMAIN,
  EMAIL,
  ORIGIN,
  PHONE,
  REDIRECT_URI,
  makeWebAuth,
  rejectsWith,
  stubPage,
  stubSessionStorage,
  emailLogin,
} from './support/fixtures'

const OTP_GRANT = 'http://auth0.com/oauth/grant-type/passwordless/otp'

describe('passwordlessLogin()', () => {
  describe('on the hosted page', () => {
    test('verifies at /passwordless/verify, then navigates to /passwordless/verify_redirect', async () => {
      const server = fakeServer({
        method: 'POST',
        path: '/passwordless/verify',
        check: (request) =>
          expect(request.body).toEqual({
            client_id: CLIENT_ID,
            connection: 'email',
            verification_code: '123456',
            email: EMAIL,
          }),
        reply: new Response(null, { status: 200 }),
      })
      const { webAuth, navigate } = makeWebAuth(server, { hostedPage: true })
      await expect(webAuth.passwordlessLogin(emailLogin)).resolves.toBeUndefined()
      expect(navigate).toHaveBeenCalledTimes(1)
      const url = new URL(navigate.mock.calls[0]![0])
      expect(url.origin + url.pathname).toBe(`${ORIGIN}/passwordless/verify_redirect`)
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        client_id: CLIENT_ID,
        connection: 'email',
        email: EMAIL,
        verification_code: '123456',
        response_type: 'code',
        redirect_uri: REDIRECT_URI,
        scope: 'openid profile email',
      })
    })

    test('is detected when location.host is the tenant host', async () => {
      stubPage(`https://${DOMAIN}/login?state=abc`)
      const server = fakeServer({
        method: 'POST',
        path: '/passwordless/verify',
        check: (request) => expect(request.body).toMatchObject({ phone_number: PHONE, connection: 'sms' }),
        reply: json(200, {}),
      })
      const { webAuth, navigate } = makeWebAuth(server)
      await webAuth.passwordlessLogin({ connection: 'sms', phoneNumber: PHONE, verificationCode: '0000' })
      expect(navigate.mock.calls[0]![0]).toContain('/passwordless/verify_redirect?')
    })

    test('trims the verification code', async () => {
      const server = fakeServer({
        method: 'POST',
        path: '/passwordless/verify',
        check: (request) => expect(request.body).toMatchObject({ verification_code: '123456' }),
        reply: json(200, {}),
      })
      const { webAuth } = makeWebAuth(server, { hostedPage: true })
      await webAuth.passwordlessLogin({ ...emailLogin, verificationCode: ' 123456 ' })
    })
  })

  describe('in an app', () => {
    test('authenticates at /co/authenticate with credentials, then navigates to /authorize with the ticket and PKCE', async () => {
      stubSessionStorage()
      const server = fakeServer({
        method: 'POST',
        path: '/co/authenticate',
        check: (request) => {
          expect(request.body).toEqual({
            client_id: CLIENT_ID,
            username: EMAIL,
            otp: '123456',
            realm: 'email',
            credential_type: OTP_GRANT,
          })
          expect(request.credentials).toBe('include')
        },
        reply: json(200, { login_ticket: 'ticket-1', co_verifier: 'v', co_id: 'i' }),
      })
      const { webAuth, navigate } = makeWebAuth(server, { hostedPage: false })
      await webAuth.passwordlessLogin(emailLogin)
      expect(navigate).toHaveBeenCalledTimes(1)
      const url = new URL(navigate.mock.calls[0]![0])
      expect(url.origin + url.pathname).toBe(`${ORIGIN}/authorize`)
      const query = Object.fromEntries(url.searchParams)
      expect(query).toMatchObject({
        client_id: CLIENT_ID,
        login_ticket: 'ticket-1',
        realm: 'email',
        response_type: 'code',
        redirect_uri: REDIRECT_URI,
        scope: 'openid profile email',
        code_challenge_method: 'S256',
      })
      expect(query.state).toBeTruthy()
      expect(query.nonce).toBeTruthy()
      expect(query.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(query).not.toHaveProperty('otp')
      expect(query).not.toHaveProperty('verification_code')
    })

    test('uses the phone number as username for sms', async () => {
      const server = fakeServer({
        method: 'POST',
        path: '/co/authenticate',
        check: (request) => expect(request.body).toMatchObject({ username: PHONE, realm: 'sms' }),
        reply: json(200, { login_ticket: 't' }),
      })
      const { webAuth } = makeWebAuth(server, { hostedPage: false })
      await webAuth.passwordlessLogin({ connection: 'sms', phoneNumber: PHONE, verificationCode: '98765' })
    })

    test('refuses an answer without a login ticket and does not navigate', async () => {
      const server = fakeServer({ method: 'POST', path: '/co/authenticate', reply: json(200, {}) })
      const { webAuth, navigate } = makeWebAuth(server, { hostedPage: false })
      await rejectsWith(webAuth.passwordlessLogin(emailLogin), 'invalid_response')
      expect(navigate).not.toHaveBeenCalled()
    })

    test.each([
      ['code_challenge', { code_challenge: 'abc', code_challenge_method: 'plain' }],
      ['login_ticket', { login_ticket: 'forged' }],
    ])('refuses authParams.%s before the code is spent', async (field, authParams) => {
      const server = fakeServer()
      const { webAuth, navigate } = makeWebAuth(server, { hostedPage: false })
      const error = await rejectsWith(
        webAuth.passwordlessLogin({ ...emailLogin, authParams }),
        'invalid_input',
        new RegExp(field),
      )
      expect(error.field).toBe(`authParams.${field}`)
      expect(navigate).not.toHaveBeenCalled()
    })
  })

  describe('refuses invalid input before any request', () => {
    test.each([
      ['verificationCode', { ...emailLogin, verificationCode: '123' }],
      ['verificationCode', { ...emailLogin, verificationCode: '12345678901' }],
      ['verificationCode', { ...emailLogin, verificationCode: '12a456' }],
      ['verificationCode', { ...emailLogin, verificationCode: 123456 }],
      ['verificationCode', { connection: 'email', email: EMAIL }],
      ['email', { connection: 'email', verificationCode: '123456' }],
      ['phoneNumber', { connection: 'sms', phoneNumber: '555', verificationCode: '123456' }],
      ['connection', { connection: 'sms-link', phoneNumber: PHONE, verificationCode: '123456' }],
      ['authParams', { ...emailLogin, authParams: 'x' }],
      ['returnTo', { ...emailLogin, returnTo: '//evil.example' }],
    ])('invalid_input naming "%s"', async (field, options) => {
      for (const hostedPage of [true, false]) {
        const server = fakeServer()
        const { webAuth, navigate } = makeWebAuth(server, { hostedPage })
        const error = await rejectsWith(
          webAuth.passwordlessLogin(options as unknown as PasswordlessLoginOptions),
          'invalid_input',
          new RegExp(`"${field}"`),
        )
        expect(error.field).toBe(field)
        expect(error.message).not.toContain('123456')
        expect(navigate).not.toHaveBeenCalled()
      }
    })

    test('accepts 4 and 10 digit codes', async () => {
      for (const code of ['1234', '1234567890']) {
        const server = fakeServer({
          method: 'POST',
          path: '/passwordless/verify',
          check: (request) => expect(request.body).toMatchObject({ verification_code: code }),
          reply: json(200, {}),
        })
        const { webAuth } = makeWebAuth(server, { hostedPage: true })
        await webAuth.passwordlessLogin({ ...emailLogin, verificationCode: code })
      }
    })
  })

  describe('onRedirecting(done)', () => {
    test('navigation waits until done is called', async () => {
      const server = fakeServer({ method: 'POST', path: '/passwordless/verify', reply: json(200, {}) })
      const { webAuth, navigate } = makeWebAuth(server, { hostedPage: true })
      let done: (() => void) | undefined
      let settled = false
      const login = webAuth
        .passwordlessLogin({ ...emailLogin, onRedirecting: (next) => void (done = next) })
        .then(() => void (settled = true))
      await expect.poll(() => done).toBeTypeOf('function')
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(navigate).not.toHaveBeenCalled()
      expect(settled).toBe(false)
      done!()
      await login
      expect(navigate).toHaveBeenCalledTimes(1)
    })

    test('is not called when the verification fails', async () => {
      const server = fakeServer({
        method: 'POST',
        path: '/co/authenticate',
        reply: json(403, { error: 'invalid_grant', error_description: 'Wrong email or verification code.' }),
      })
      const { webAuth } = makeWebAuth(server, { hostedPage: false })
      let called = false
      await rejectsWith(
        webAuth.passwordlessLogin({ ...emailLogin, onRedirecting: () => void (called = true) }),
        'invalid_grant',
      )
      expect(called).toBe(false)
    })
  })

  test('callback form: called once with null on success', async () => {
    const server = fakeServer({ method: 'POST', path: '/passwordless/verify', reply: json(200, {}) })
    const { webAuth, navigate } = makeWebAuth(server, { hostedPage: true })
    const calls: unknown[][] = []
    const returned = webAuth.passwordlessLogin(emailLogin, (...args) => void calls.push(args))
    expect(returned).toBeUndefined()
    await expect.poll(() => calls.length).toBe(1)
    expect(calls[0]![0]).toBeNull()
    expect(navigate).toHaveBeenCalledTimes(1)
  })
})

describe('passwordlessLogin() redirect_uri from authParams', () => {
  test.each(['javascript:alert(1)', 'data:text/html,x', 'https://app.example.com/cb#frag', 'not a url'])(
    'refuses %s before the code is spent',
    async (redirectUri) => {
      const server = noRequests()
      const { webAuth } = makeWebAuth(server)
      const error = await rejectsWith(
        webAuth.passwordlessLogin({
          connection: 'email',
          email: EMAIL,
          verificationCode: '123456',
          authParams: { redirect_uri: redirectUri },
        }),
        'invalid_input',
        /"authParams.redirect_uri"/,
      )
      expect(error.field).toBe('authParams.redirect_uri')
    },
  )
})

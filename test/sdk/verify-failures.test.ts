/**
 * S6: a wrong, expired or unknown code reaches the app as the server's code, with one message for people
 * whatever the cause, on both login paths.
 */
import { describe, expect, test } from 'vitest'
import { fakeServer, json } from './support/fake-fetch'
import { emailLogin, makeWebAuth, rejectsWith } from './support/fixtures'

describe('passwordlessLogin() verify failures (S6)', () => {
  const descriptions = [
    'Wrong email or verification code.',
    'The verification code has expired. Please try to login again.',
    "The user doesn't exist.",
  ]

  test.each([
    [true, '/passwordless/verify', 'invalid_grant'],
    [false, '/co/authenticate', 'invalid_grant'],
    [true, '/passwordless/verify', 'access_denied'],
    [false, '/co/authenticate', 'access_denied'],
    [true, '/passwordless/verify', 'invalid_user_password'],
  ] as const)(
    'hostedPage %s: %s 403 %s keeps the code and says the same thing whatever the cause',
    async (hostedPage, path, code) => {
      const messages = new Set<string>()
      for (const description of descriptions) {
        const server = fakeServer({
          method: 'POST',
          path,
          reply: json(403, { error: code, error_description: description }),
        })
        const { webAuth, navigate } = makeWebAuth(server, { hostedPage })
        const error = await rejectsWith(webAuth.passwordlessLogin(emailLogin), code)
        expect(error.statusCode).toBe(403)
        expect(error.message).not.toContain(description)
        expect(error.message).not.toContain('123456')
        expect(navigate).not.toHaveBeenCalled()
        messages.add(error.message)
      }
      expect(messages.size).toBe(1)
    },
  )

  test('a refusal that is not about the code keeps its own words (a misconfigured client)', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/co/authenticate',
      reply: json(403, {
        error: 'unauthorized_client',
        error_description: 'Cross origin login not allowed.',
      }),
    })
    const { webAuth } = makeWebAuth(server, { hostedPage: false })
    await rejectsWith(
      webAuth.passwordlessLogin(emailLogin),
      'unauthorized_client',
      /Cross origin login not allowed/,
    )
  })
})

describe('passwordlessLogin() failures say why the code was refused, in `reason`', () => {
  const wrongEmail = 'Wrong email or verification code.'
  const wrongPhone = 'Wrong phone number or verification code.'
  const expired = 'The verification code has expired. Please try to login again.'
  const exhausted = "You've reached the maximum number of attempts. Please try to login again."

  test.each([
    [true, '/passwordless/verify', 'invalid_user_password', wrongEmail, 'wrong_code'],
    [true, '/passwordless/verify', 'invalid_user_password', wrongPhone, 'wrong_code'],
    [true, '/passwordless/verify', 'invalid_user_password', expired, 'expired_code'],
    [true, '/passwordless/verify', 'invalid_user_password', exhausted, 'too_many_attempts'],
    [false, '/co/authenticate', 'access_denied', wrongEmail, 'wrong_code'],
    [false, '/co/authenticate', 'access_denied', expired, 'expired_code'],
    [false, '/co/authenticate', 'access_denied', exhausted, 'too_many_attempts'],
    [false, '/co/authenticate', 'invalid_grant', expired, 'expired_code'],
    // Words the SDK does not know: the refusal says nothing it cannot tell.
    [false, '/co/authenticate', 'access_denied', "The user doesn't exist.", undefined],
  ] as const)(
    'hostedPage %s: %s 403 %s "%s" gives %s, behind the same message',
    async (hostedPage, path, code, description, reason) => {
      const server = fakeServer({
        method: 'POST',
        path,
        reply: json(403, { error: code, error_description: description }),
      })
      const { webAuth } = makeWebAuth(server, { hostedPage })
      const error = await rejectsWith(
        webAuth.passwordlessLogin(emailLogin),
        code,
        /^Wrong or expired code\.$/,
      )
      expect(error.reason).toBe(reason)
      // The server's own answer stays in `cause`, with the same reason.
      expect(error.cause).toMatchObject({ code, description, reason })
    },
  )

  test.each([
    [true, '/passwordless/verify'],
    [false, '/co/authenticate'],
  ])(
    'hostedPage %s: a brute-force block (429 too_many_attempts at %s) is too_many_requests with reason "blocked"',
    async (hostedPage, path) => {
      const server = fakeServer({
        method: 'POST',
        path,
        reply: json(
          429,
          {
            error: 'too_many_attempts',
            error_description: 'Your account has been blocked after multiple consecutive login attempts.',
          },
          { 'Retry-After': '900' },
        ),
      })
      const { webAuth } = makeWebAuth(server, { hostedPage })
      const error = await rejectsWith(webAuth.passwordlessLogin(emailLogin), 'too_many_requests')
      expect(error).toMatchObject({ statusCode: 429, retryAfter: 900, reason: 'blocked' })
    },
  )

  test('a rate limit that is not a block has no reason', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/co/authenticate',
      reply: json(429, { error: 'too_many_requests', error_description: 'Global limit' }),
    })
    const { webAuth } = makeWebAuth(server, { hostedPage: false })
    const error = await rejectsWith(webAuth.passwordlessLogin(emailLogin), 'too_many_requests')
    expect(error.reason).toBeUndefined()
  })

  test('a refusal that is not about the code has no reason (a disallowed origin, with a refusal code)', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/co/authenticate',
      reply: json(403, {
        error: 'access_denied',
        error_description: 'Origin https://evil.example is not allowed.',
      }),
    })
    const { webAuth } = makeWebAuth(server, { hostedPage: false })
    const error = await rejectsWith(webAuth.passwordlessLogin(emailLogin), 'access_denied')
    expect(error.reason).toBeUndefined()
  })
})

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

import { describe, expect, test } from 'vitest'
import { TokenBucketLimiter } from '../../demo/server/rate-limit'
import { NATIVE, OTP_GRANT, WEB, WEB_SECRET, basic, lastMessage, setup } from './helpers'
import type { Harness } from './helpers'

// The emulator where a planted bug went unnoticed: /oauth/token taking a wrong secret (only a missing one
// was tested there), and a clock moved backwards draining a rate-limit bucket.

const EMAIL = 'backend@example.com'

/** Sends the web app's email code and answers a function that tries it at /oauth/token with credentials. */
async function webAppCode(h: Harness) {
  const started = await h.post('/passwordless/start', {
    client_id: WEB,
    client_secret: WEB_SECRET,
    connection: 'email',
    send: 'code',
    email: EMAIL,
  })
  expect(started.status).toBe(200)
  const otp = lastMessage(h, EMAIL).code
  return async (clientId: string, body: Record<string, string>, headers: Record<string, string> = {}) => {
    const response = await h.post(
      '/oauth/token',
      { grant_type: OTP_GRANT, client_id: clientId, realm: 'email', username: EMAIL, otp, ...body },
      headers,
    )
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }
}

const refused = {
  status: 401,
  body: { error: 'invalid_client', error_description: 'Invalid client credentials' },
}

describe('/oauth/token refuses a wrong client secret (E7)', () => {
  test.each([
    ['another secret', 'wrong'],
    ['the secret cut short', WEB_SECRET.slice(0, -1)],
    ['the secret with a character more', `${WEB_SECRET}x`],
    ['an empty secret', ''],
  ])('%s in the body is refused, and the code stays usable with the right one', async (_what, secret) => {
    const h = setup()
    const exchange = await webAppCode(h)
    expect(await exchange(WEB, { client_secret: secret })).toEqual(refused)
    expect((await exchange(WEB, { client_secret: WEB_SECRET })).status).toBe(200)
  })

  test('a wrong secret in HTTP Basic alone is refused', async () => {
    const h = setup()
    const exchange = await webAppCode(h)
    expect(await exchange(WEB, {}, basic(WEB, 'wrong'))).toEqual(refused)
  })

  test('a public client that sends a secret in HTTP Basic is refused, though it has none to check', async () => {
    const h = setup()
    const exchange = await webAppCode(h)
    expect(await exchange(NATIVE, {}, basic(NATIVE, 'anything'))).toEqual(refused)
  })
})

describe('TokenBucketLimiter with a clock moved backwards (E5)', () => {
  test('keeps the tokens it had: going back in time is no spending', () => {
    let now = 10_000_000
    const limiter = new TokenBucketLimiter(
      () => now,
      () => ({ size: 2, refillPerHour: 3600 }),
    )
    expect(limiter.take('k')).toMatchObject({ allowed: true, remaining: 1 })
    now = 0
    expect(limiter.take('k')).toMatchObject({ allowed: true, remaining: 0 })
    expect(limiter.take('k').allowed).toBe(false)
    // From the new time on, it refills as before: one token a second.
    now = 1000
    expect(limiter.take('k').allowed).toBe(true)
  })
})

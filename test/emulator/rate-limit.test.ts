import { describe, expect, test } from 'vitest'
import { TokenBucketLimiter } from '../../demo/server/rate-limit'
import { SPA, WEB, WEB_SECRET, fromIp, setup, startEmail } from './helpers'
import type { Harness } from './helpers'

function headers(response: Response) {
  return {
    limit: response.headers.get('x-ratelimit-limit'),
    remaining: response.headers.get('x-ratelimit-remaining'),
    reset: response.headers.get('x-ratelimit-reset'),
    retryAfter: response.headers.get('retry-after'),
  }
}

describe('E5: /passwordless/start is limited per IP by a bucket of 50 refilling 50 per hour', () => {
  test('the 51st call gets 429 too_many_requests with the rate-limit headers, until tokens come back', async () => {
    const h = setup()
    const nowSeconds = h.clock.now / 1000
    for (let call = 1; call <= 50; call += 1) {
      const response = await startEmail(h, `r${call}@example.com`, {}, fromIp('203.0.113.7'))
      expect(response.status).toBe(200)
      expect(headers(response)).toMatchObject({ limit: '50', remaining: String(50 - call), retryAfter: null })
    }
    const refused = await startEmail(h, 'r51@example.com', {}, fromIp('203.0.113.7'))
    expect(refused.status).toBe(429)
    expect(await refused.json()).toEqual({
      error: 'too_many_requests',
      error_description:
        'Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers.',
    })
    // One token every 72 s (3600 / 50): that is when a retry can succeed.
    expect(headers(refused)).toEqual({
      limit: '50',
      remaining: '0',
      reset: String(nowSeconds + 72),
      retryAfter: '72',
    })
    expect(h.emulator.outbox.list('r51@example.com')).toHaveLength(0)
    expect(h.emulator.logs.search('type:api_limit')).toHaveLength(1)

    // Another address has its own bucket.
    expect((await startEmail(h, 'other@example.com', {}, fromIp('198.51.100.1'))).status).toBe(200)

    h.clock.now += 71_000
    expect((await startEmail(h, 'early@example.com', {}, fromIp('203.0.113.7'))).status).toBe(429)
    h.clock.now += 1_000
    expect((await startEmail(h, 'r52@example.com', {}, fromIp('203.0.113.7'))).status).toBe(200)
    expect((await startEmail(h, 'r53@example.com', {}, fromIp('203.0.113.7'))).status).toBe(429)

    h.clock.now += 3600_000
    const refilled = await startEmail(h, 'later@example.com', {}, fromIp('203.0.113.7'))
    expect(headers(refilled).remaining).toBe('49')
  })

  test('refused requests count as well, so invalid input cannot be used to probe for free', async () => {
    const h = setup({ tenant: { settings: { startRateLimitBucketSize: 2 } } })
    expect((await h.post('/passwordless/start', { client_id: SPA, connection: 'nope' })).status).toBe(400)
    expect((await startEmail(h, 'a@example.com')).status).toBe(200)
    expect((await startEmail(h, 'b@example.com')).status).toBe(429)
  })

  test('the bucket size and refill are settings, and reset empties every bucket', async () => {
    const h = setup()
    const patch = await h.fetch('/__emulator/settings', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ startRateLimitBucketSize: 1, startRateLimitRefillPerHour: 1 }),
    })
    expect(patch.status).toBe(200)
    expect((await startEmail(h, 'a@example.com')).status).toBe(200)
    const refused = await startEmail(h, 'b@example.com')
    expect(headers(refused).retryAfter).toBe('3600')
    expect((await h.fetch('/__emulator/reset', { method: 'POST' })).status).toBe(204)
    expect(h.emulator.settings.startRateLimitBucketSize).toBe(50)
    expect((await startEmail(h, 'c@example.com')).status).toBe(200)
  })
})

describe('E6: auth0-forwarded-for', () => {
  async function exhaust(h: Harness, body: Record<string, unknown>, forwarded: string): Promise<number[]> {
    const statuses: number[] = []
    for (let call = 0; call < 3; call += 1) {
      const response = await h.post('/passwordless/start', body, {
        ...fromIp('10.0.0.1'),
        'auth0-forwarded-for': forwarded,
      })
      statuses.push(response.status)
    }
    return statuses
  }
  const base = { connection: 'email', send: 'code', email: 'fwd@example.com' }

  test('is honoured for a confidential client with its correct secret and the trust setting on', async () => {
    const h = setup({ tenant: { settings: { startRateLimitBucketSize: 2 } } })
    const body = { ...base, client_id: WEB, client_secret: WEB_SECRET }
    expect(await exhaust(h, body, '192.0.2.1')).toEqual([200, 200, 429])
    // The backend's own address is untouched: each end user has a bucket.
    expect(await exhaust(h, body, '192.0.2.2')).toEqual([200, 200, 429])
  })

  test('is ignored for a public client and without the secret: the caller’s own bucket counts', async () => {
    const cases: Record<string, unknown>[] = [
      { ...base, client_id: SPA },
      { ...base, client_id: WEB },
    ]
    for (const body of cases) {
      const h = setup({
        tenant: { settings: { startRateLimitBucketSize: 2, enforceClientAuthForPasswordless: false } },
      })
      expect(await exhaust(h, body, '192.0.2.1')).toEqual([200, 200, 429])
      // The socket address counts, so another forwarded address does not help.
      expect(await exhaust(h, body, '192.0.2.2')).toEqual([429, 429, 429])
      expect(h.emulator.logs.search('ip:192.0.2.*')).toEqual([])
    }
  })

  test('is ignored with the trust setting off: the secret’s start is logged at the caller’s address', async () => {
    const h = setup({ tenant: { settings: { startRateLimitBucketSize: 2 } } })
    const web = h.emulator.tenant.clients.find((client) => client.clientId === WEB)
    if (web !== undefined) web.trustTokenEndpointIpHeader = false
    const body = { ...base, client_id: WEB, client_secret: WEB_SECRET }
    // E21: the secret's starts are held by the tenant-wide bucket, not by the caller's address.
    expect(await exhaust(h, body, '192.0.2.1')).toEqual([200, 200, 200])
    expect(h.emulator.logs.search('type:cs').map((entry) => entry.ip)).toEqual(Array(3).fill('10.0.0.1'))
  })

  test('a trusted header that is not an IP address is refused', async () => {
    const h = setup()
    const response = await h.post(
      '/passwordless/start',
      { ...base, client_id: WEB, client_secret: WEB_SECRET },
      { 'auth0-forwarded-for': 'not-an-ip' },
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Expected `auth0-forwarded-for` header to be a valid IP address.',
    })
  })
})

describe('TokenBucketLimiter', () => {
  test('refills continuously and never above the bucket size', () => {
    let now = 0
    const limiter = new TokenBucketLimiter(
      () => now,
      () => ({ size: 2, refillPerHour: 3600 }),
    )
    expect(limiter.take('k')).toMatchObject({ allowed: true, remaining: 1, reset: 1 })
    expect(limiter.take('k')).toMatchObject({ allowed: true, remaining: 0 })
    expect(limiter.take('k')).toMatchObject({ allowed: false, remaining: 0, retryAfter: 1 })
    now = 500
    expect(limiter.take('k').allowed).toBe(false)
    now = 1000
    expect(limiter.take('k').allowed).toBe(true)
    now = 1_000_000
    expect(limiter.take('k')).toMatchObject({ allowed: true, remaining: 1 })
  })

  test('a bucket that never refills says so without overflowing', () => {
    const limiter = new TokenBucketLimiter(
      () => 0,
      () => ({ size: 1, refillPerHour: 0 }),
    )
    limiter.take('k')
    const refused = limiter.take('k')
    expect(refused.allowed).toBe(false)
    expect(Number.isSafeInteger(refused.reset)).toBe(true)
  })
})

import { describe, expect, test } from 'vitest'
import { SPA, WEB, WEB_SECRET, fromIp, setup, startEmail } from './helpers'
import type { Harness } from './helpers'

const BACKEND_IP = '198.51.100.20'

/** A start from the confidential app's backend with its secret, from BACKEND_IP. */
function backendStart(h: Harness, email: string, headers: Record<string, string> = {}): Promise<Response> {
  return startEmail(
    h,
    email,
    { client_id: WEB, client_secret: WEB_SECRET },
    { ...fromIp(BACKEND_IP), ...headers },
  )
}

function rateHeaders(response: Response) {
  return {
    limit: response.headers.get('x-ratelimit-limit'),
    remaining: response.headers.get('x-ratelimit-remaining'),
  }
}

describe('E21: a start with the client secret is held by the Authentication API’s global limit, not by its IP', () => {
  test('60 authenticated starts in a row from one IP all send, and leave that IP’s passwordless bucket full', async () => {
    const h = setup()
    for (let call = 1; call <= 60; call += 1) {
      const response = await backendStart(h, `user${call}@example.com`)
      expect(response.status, `start ${call}`).toBe(200)
      // The tenant-wide bucket: 300 at once, 300 a minute (Auth0's Free plan).
      expect(rateHeaders(response)).toEqual({ limit: '300', remaining: String(300 - call) })
    }
    expect(h.emulator.outbox.list()).toHaveLength(60)
    expect(h.emulator.logs.search('type:api_limit')).toEqual([])
    // A browser on the same address still has its 50.
    const browser = await startEmail(h, 'browser@example.com', {}, fromIp(BACKEND_IP))
    expect(rateHeaders(browser)).toEqual({ limit: '50', remaining: '49' })
  })

  test('the global bucket refuses in turn, logged as api_limit, with the headers of that bucket', async () => {
    const h = setup({
      tenant: { settings: { authenticatedRateLimitBucketSize: 2, authenticatedRateLimitRefillPerHour: 60 } },
    })
    expect((await backendStart(h, 'a@example.com')).status).toBe(200)
    expect((await backendStart(h, 'b@example.com')).status).toBe(200)
    const refused = await backendStart(h, 'c@example.com')
    expect(refused.status).toBe(429)
    expect(await refused.json()).toMatchObject({ error: 'too_many_requests' })
    expect(rateHeaders(refused)).toEqual({ limit: '2', remaining: '0' })
    expect(refused.headers.get('retry-after')).toBe('60')
    const [entry] = h.emulator.logs.search('type:api_limit')
    expect(entry).toMatchObject({
      client_id: WEB,
      ip: BACKEND_IP,
      description: expect.stringContaining('global rate limit of the Authentication API'),
    })
    // It is the tenant's bucket: another backend address does not help.
    const elsewhere = await startEmail(
      h,
      'd@example.com',
      { client_id: WEB, client_secret: WEB_SECRET },
      fromIp('198.51.100.99'),
    )
    expect(elsewhere.status).toBe(429)
    // Public clients are not held by it.
    expect((await startEmail(h, 'e@example.com', { client_id: SPA })).status).toBe(200)
  })

  test('a wrong secret, or none, stays under the per-IP bucket', async () => {
    const h = setup({ tenant: { settings: { startRateLimitBucketSize: 1 } } })
    const wrong = await startEmail(
      h,
      'w@example.com',
      { client_id: WEB, client_secret: 'wrong' },
      fromIp(BACKEND_IP),
    )
    expect(wrong.status).toBe(401)
    expect(rateHeaders(wrong)).toEqual({ limit: '1', remaining: '0' })
    const none = await startEmail(h, 'n@example.com', { client_id: WEB }, fromIp(BACKEND_IP))
    expect(none.status).toBe(429)
  })

  test('with a trusted auth0-forwarded-for, the person’s own per-IP bucket holds the start as well', async () => {
    const h = setup({ tenant: { settings: { startRateLimitBucketSize: 2 } } })
    const forwardedFor = (ip: string) => ({ 'auth0-forwarded-for': ip })
    expect((await backendStart(h, 'p1@example.com', forwardedFor('192.0.2.7'))).status).toBe(200)
    const second = await backendStart(h, 'p2@example.com', forwardedFor('192.0.2.7'))
    expect(second.status).toBe(200)
    // The tighter of the two buckets is reported.
    expect(rateHeaders(second)).toEqual({ limit: '2', remaining: '0' })
    expect((await backendStart(h, 'p3@example.com', forwardedFor('192.0.2.7'))).status).toBe(429)
    expect((await backendStart(h, 'p4@example.com', forwardedFor('192.0.2.8'))).status).toBe(200)
    expect((await backendStart(h, 'p5@example.com')).status).toBe(200)
  })
})

describe('E22: the tenant log shows the address a start counted for', () => {
  test('the forwarded IP for a start with the secret and auth0-forwarded-for, the caller’s otherwise', async () => {
    const h = setup()
    const userAgent = { 'user-agent': 'node-auth0/5.12.0' }
    await backendStart(h, 'fwd@example.com', { 'auth0-forwarded-for': '203.0.113.7', ...userAgent })
    await backendStart(h, 'direct@example.com', userAgent)
    await startEmail(
      h,
      'spa@example.com',
      {},
      { ...fromIp('192.0.2.50'), 'auth0-forwarded-for': '203.0.113.8' },
    )
    const sentFrom = Object.fromEntries(
      h.emulator.logs.search('type:cs').map((entry) => [entry.user_name, [entry.ip, entry.user_agent]]),
    )
    expect(sentFrom).toEqual({
      'fwd@example.com': ['203.0.113.7', 'node-auth0/5.12.0'],
      'direct@example.com': [BACKEND_IP, 'node-auth0/5.12.0'],
      // A public client cannot speak for anyone's address.
      'spa@example.com': ['192.0.2.50', ''],
    })
    expect(h.emulator.logs.search('ip:203.0.113.7')).toHaveLength(1)
  })
})

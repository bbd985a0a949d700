/**
 * One way to refuse: whatever refuses a request (a guard, a route, a module it calls) throws a Problem, and
 * it is answered in one place, as Auth0's JSON error body on API routes and as a page or an error redirect on
 * the two browser routes.
 */
import { describe, expect, test } from 'vitest'
import { Problem, assert } from '../../demo/server/problem'
import {
  NATIVE,
  OTP_GRANT,
  SPA,
  lastMessage,
  redirectParams,
  setup,
  startEmail,
  verifyRedirectPath,
} from './helpers'

describe('Problem and assert()', () => {
  test('assert() throws a Problem with the refusal when the condition fails, and nothing when it holds', () => {
    expect(() => assert(true, 400, 'invalid_request', 'never thrown')).not.toThrow()
    let thrown: unknown
    try {
      assert(0, 429, 'too_many_attempts', 'Blocked', { headers: { 'Retry-After': '5' } })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Problem)
    expect(thrown).toMatchObject({
      status: 429,
      error: 'too_many_attempts',
      description: 'Blocked',
      headers: { 'Retry-After': '5' },
      extras: {},
      message: 'too_many_attempts: Blocked',
    })
  })
})

describe('API routes answer refusals with Auth0 JSON error bodies', () => {
  test('the body is { error, error_description } followed by the extras, in that order', async () => {
    const h = setup()
    await h.post('/passwordless/start', {
      client_id: NATIVE,
      connection: 'email',
      send: 'code',
      email: 'mfa@example.com',
    })
    const response = await h.post('/oauth/token', {
      grant_type: OTP_GRANT,
      client_id: NATIVE,
      realm: 'email',
      username: 'mfa@example.com',
      otp: lastMessage(h, 'mfa@example.com').code,
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('content-type')).toBe('application/json')
    const text = await response.text()
    expect(Object.keys(JSON.parse(text))).toEqual([
      'error',
      'error_description',
      'mfa_token',
      'mfa_requirements',
    ])
    expect(JSON.parse(text)).toMatchObject({
      error: 'mfa_required',
      mfa_requirements: { challenge: expect.arrayContaining([{ type: 'otp' }]) },
    })
  })

  test("a problem's headers come with it, and the headers set before it stay (CORS, rate limits)", async () => {
    const h = setup()
    h.emulator.settings.startRateLimitBucketSize = 1
    expect((await startEmail(h, 'first@example.com')).status).toBe(200)
    const refused = await startEmail(h, 'second@example.com', {}, { origin: 'http://localhost:4401' })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(refused.headers.get('access-control-allow-origin')).toBe('http://localhost:4401')
    expect(refused.headers.get('cache-control')).toBe('no-store')
  })

  test('an unknown route is a JSON 404 naming the method and path', async () => {
    const h = setup()
    const response = await h.fetch('/v2/users', { method: 'DELETE' })
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({
      error: 'not_found',
      error_description: 'DELETE /v2/users is not emulated',
    })
  })

  test('a failure that is not a refusal is a JSON 500 on every route, with the stack on the console only', async () => {
    const h = setup()
    // Breaks the users store, as a bug in a route would.
    Object.assign(h.emulator.context, {
      users: {
        findOrCreate: () => {
          throw new Error('store exploded')
        },
      },
    })
    await startEmail(h, 'bug@example.com')
    const response = await h.get(verifyRedirectPath(h, 'bug@example.com'))
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(JSON.parse(text)).toEqual({
      error: 'server_error',
      error_description: 'The emulator failed to handle this request; see its console',
    })
    expect(text).not.toContain('store exploded')
    expect(
      h.lines.some((line) =>
        line.includes('GET /passwordless/verify_redirect failed: Error: store exploded'),
      ),
    ).toBe(true)
  })
})

describe('browser routes answer a person', () => {
  test('before the callback is known to be registered: an error page, never a redirect (E10)', async () => {
    const h = setup()
    const response = await h.get(
      `/passwordless/verify_redirect?${new URLSearchParams({ client_id: SPA, connection: 'email', email: '<b>@x' })}`,
    )
    expect(response.status).toBe(400)
    expect(response.headers.get('location')).toBeNull()
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    const page = await response.text()
    expect(page).toContain('<p class="error-code">bad.email</p>')
    expect(page).toContain('email format validation failed: &lt;b&gt;@x')
  })

  test('after it: a redirect to the app with the error and its state, without the API headers', async () => {
    const h = setup()
    h.emulator.settings.bruteForceThreshold = 1
    await startEmail(h, 'blocked@example.com')
    const wrong = await h.get(verifyRedirectPath(h, 'blocked@example.com', { verification_code: '000000' }))
    expect(redirectParams(wrong).get('error')).toBe('access_denied')
    const blocked = await h.get(verifyRedirectPath(h, 'blocked@example.com', { state: 'app-state' }))
    expect(blocked.status).toBe(302)
    expect(Object.fromEntries(redirectParams(blocked))).toEqual({
      error: 'too_many_attempts',
      error_description: 'Your account has been blocked after multiple consecutive login attempts.',
      state: 'app-state',
    })
    expect(blocked.headers.get('retry-after')).toBeNull()
    // The same block on the JSON API says when it lifts.
    const api = await h.post('/passwordless/verify', {
      client_id: SPA,
      connection: 'email',
      email: 'blocked@example.com',
      verification_code: '123456',
    })
    expect(api.status).toBe(429)
    expect(api.headers.get('retry-after')).toMatch(/^\d+$/)
  })

  test('the guards that run before a browser route still answer JSON', async () => {
    const h = setup()
    const response = await h.fetch('http://rebound.example:4400/authorize?client_id=spa-demo')
    expect(response.status).toBe(421)
    expect(response.headers.get('content-type')).toBe('application/json')
    const form = await h.fetch('/passwordless/verify_redirect', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'client_id=spa-demo',
    })
    expect(form.status).toBe(415)
    expect(await form.json()).toMatchObject({ error: 'invalid_request' })
  })

  test('an unreadable body posted to verify_redirect is an error page', async () => {
    const h = setup()
    const response = await h.fetch('/passwordless/verify_redirect', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1]',
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toContain('text/html')
    expect(await response.text()).toContain('Unreadable form')
  })
})

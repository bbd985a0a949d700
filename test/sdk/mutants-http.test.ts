import { describe, expect, test } from 'vitest'
import { createHttpClient, readRetryAfter, telemetryHeader } from '../../src/core/http'
import type { WebAuth } from '../../src/index'
import { fakeServer, json, offline, text, type Reply } from './support/fake-fetch'
import { EMAIL, ORIGIN, emailCodeStart, emailLogin, makeWebAuth, rejectsWith } from './support/fixtures'
import { beginRedirectLogin, callbackUrl } from './support/redirect'

// The HTTP client where a planted bug went unnoticed: a GET retried (every earlier "no retry" test used a
// POST, which ky never retries anyway), Retry-After dates rounded the wrong way or in the past, the server's
// message when it has no error_description, cookies sent where none belong, and a custom Auth0-Client
// header taking the place of the SDK's.

const client = (fetch: typeof globalThis.fetch) =>
  createHttpClient({ origin: ORIGIN, timeout: 5_000, telemetry: true, headers: {}, fetch })

describe('GETs are never retried (S5)', () => {
  test.each([
    ['a 503', text(503, '')],
    ['a 429 with Retry-After: 0', json(429, {}, { 'Retry-After': '0' })],
    ['a network failure', offline()],
  ] as Array<[string, Reply]>)('the JWKS GET answered by %s is sent once', async (_what, reply) => {
    const server = fakeServer({ method: 'GET', path: '/.well-known/jwks.json', reply })
    await expect(client(server.fetch).get('/.well-known/jwks.json')).rejects.toMatchObject({
      name: 'WebAuthError',
    })
    expect(server.requests).toHaveLength(1)
  })
})

describe('Retry-After as an HTTP date (S4)', () => {
  const now = Date.parse('2030-01-01T00:00:00.800Z')
  const headers = (value: string) => new Headers({ 'Retry-After': value })

  test('a date 1.2 s ahead is 2 s: rounded up, so a retry never comes early', () => {
    expect(readRetryAfter(headers('Tue, 01 Jan 2030 00:00:02 GMT'), now)).toBe(2)
  })

  test('a date already past is 0, never a negative wait', () => {
    expect(readRetryAfter(headers('Mon, 31 Dec 2029 23:59:00 GMT'), now)).toBe(0)
  })

  test('an X-RateLimit-Reset already past is 0 as well, and a fraction of a second ahead is 1', () => {
    const reset = (seconds: number) => new Headers({ 'X-RateLimit-Reset': String(seconds) })
    expect(readRetryAfter(reset(now / 1000 - 30 - 0.8), now)).toBe(0)
    expect(readRetryAfter(reset(Math.ceil(now / 1000)), now)).toBe(1)
  })
})

describe("the server's own words (S5)", () => {
  test.each([
    [
      'its description (how /passwordless/start words it)',
      { code: 'bad.connection', description: 'No such connection' },
      'No such connection',
    ],
    [
      'its message, when it has no description',
      { error: 'invalid_request', message: 'Missing field' },
      'Missing field',
    ],
    [
      'error_description before the others',
      { error: 'e', error_description: 'First', description: '2', message: '3' },
      'First',
    ],
    ['description before message', { error: 'e', description: 'Second', message: '3' }, 'Second'],
    ['the status, without any of them', { error: 'e' }, 'Refused (HTTP 400).'],
  ])('the message is %s', async (_what, body: Record<string, string>, message) => {
    const server = fakeServer({ method: 'POST', path: '/passwordless/start', reply: json(400, body) })
    const { webAuth } = makeWebAuth(server)
    const error = await rejectsWith(webAuth.passwordlessStart(emailCodeStart), (body.code ?? body.error)!)
    expect(error.message).toBe(message)
    expect(error.statusCode).toBe(400)
  })
})

describe('cookies go only to /co/authenticate (S3)', () => {
  test.each([
    ['/passwordless/start', false, (webAuth: WebAuth) => webAuth.passwordlessStart(emailCodeStart)],
    [
      '/passwordless/verify on the hosted page',
      true,
      (webAuth: WebAuth) => webAuth.passwordlessLogin(emailLogin),
    ],
  ] as const)('%s goes without cookies', async (endpoint, hostedPage, call) => {
    const server = fakeServer({
      method: 'POST',
      path: endpoint.split(' ')[0]!,
      check: (request) => expect(request.credentials).toBe('same-origin'),
      reply: json(200, {}),
    })
    await call(makeWebAuth(server, { hostedPage }).webAuth)
  })

  test('/co/authenticate sends them, and the code exchange at /oauth/token does not', async () => {
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server, { scope: 'email' })
    const query = await beginRedirectLogin(webAuth, server, navigate)
    expect(server.requests[0]?.credentials).toBe('include')
    server.expect({
      method: 'POST',
      path: '/oauth/token',
      check: (request) => expect(request.credentials).toBe('same-origin'),
      reply: json(200, { access_token: 'at', token_type: 'Bearer' }),
    })
    await webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state: query.state! }))
  })
})

describe('the Auth0-Client header', () => {
  test("a custom Auth0-Client header does not replace the SDK's", async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) => expect(request.headers.get('auth0-client')).toBe(telemetryHeader()),
      reply: json(200, {}),
    })
    const { webAuth } = makeWebAuth(server, { headers: { 'Auth0-Client': 'custom' } })
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
  })
})

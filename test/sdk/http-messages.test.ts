import { describe, expect, test } from 'vitest'
import { readRetryAfter } from '../../src/core/http'
import { fakeServer, json, never, offline, text, type Reply } from './support/fake-fetch'
import { emailCodeStart, makeWebAuth, rejectsWith } from './support/fixtures'

// The HTTP client's own words (S5): each failure it makes up says what happened and keeps what caused it,
// and the headers it reads a wait from give a number of seconds or nothing.

const startAnswered = (reply: Reply, options: { timeout?: number; signal?: AbortSignal } = {}) => {
  const server = fakeServer({ method: 'POST', path: '/passwordless/start', reply })
  const { webAuth } = makeWebAuth(server, options.timeout === undefined ? {} : { timeout: options.timeout })
  return webAuth.passwordlessStart({
    ...emailCodeStart,
    ...(options.signal ? { signal: options.signal } : {}),
  })
}

describe('a request that gets no answer says why, and keeps the cause', () => {
  test('cancelled by the caller: aborted', async () => {
    const controller = new AbortController()
    // Cancelled once the request is on its way, as a person leaving the page would.
    const reply: Reply = (request) => {
      controller.abort(new Error('the person left'))
      return (never() as (seen: typeof request) => Promise<Response>)(request)
    }
    const error = await rejectsWith(
      startAnswered(reply, { signal: controller.signal }),
      'aborted',
      /^Cancelled\.$/,
    )
    expect(error.cause).toBeDefined()
  })

  test('no answer within the timeout: timeout', async () => {
    const error = await rejectsWith(
      startAnswered(never(), { timeout: 20 }),
      'timeout',
      /^No answer in time\.$/,
    )
    expect(error.cause).toMatchObject({ name: 'TimeoutError' })
  })

  test('offline: network_error, with fetch’s TypeError as cause', async () => {
    const error = await rejectsWith(
      startAnswered(offline()),
      'network_error',
      /^The server could not be reached\.$/,
    )
    expect(error.cause).toBeInstanceOf(TypeError)
  })

  test('a fetch that rejects with null: network_error all the same', async () => {
    await rejectsWith(
      startAnswered(() => Promise.reject(null as unknown as Error)),
      'network_error',
    )
  })
})

describe('an answer the SDK reads for itself', () => {
  test('a 200 whose body is only white space reads as empty', async () => {
    await expect(startAnswered(text(200, ' \n'))).resolves.toMatchObject({ connection: 'email' })
  })

  test('a 429 says how long to wait when the server says it, and only then', async () => {
    const waited = await rejectsWith(
      startAnswered(json(429, {}, { 'Retry-After': '5' })),
      'too_many_requests',
      /^Too many requests\. Retry in 5 s\.$/,
    )
    expect(waited.retryAfter).toBe(5)
    await rejectsWith(startAnswered(json(429, {})), 'too_many_requests', /^Too many requests\.$/)
  })

  test.each([
    [
      'a 503 without an error code',
      text(503, '<h1>down</h1>'),
      'server_error',
      /^Server error \(HTTP 503\)\.$/,
    ],
    [
      'a 400 without an error code',
      text(400, '<h1>bad</h1>'),
      'invalid_response',
      /^Unreadable error \(HTTP 400\)\.$/,
    ],
  ] as Array<[string, Reply, string, RegExp]>)('%s names its status', async (_what, reply, code, message) => {
    await rejectsWith(startAnswered(reply), code, message)
  })
})

describe('readRetryAfter() reads whole seconds or nothing (S4)', () => {
  const now = Date.parse('2030-01-01T00:00:00Z')
  test.each([
    ['Retry-After', '5x'],
    ['X-RateLimit-Reset', `${now / 1000 + 30}abc`],
    ['X-RateLimit-Reset', `abc${now / 1000 + 30}`],
  ])('%s: %s is no wait at all', (name, value) => {
    expect(readRetryAfter(new Headers({ [name]: value }), now)).toBeUndefined()
  })
})

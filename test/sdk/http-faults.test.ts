import { afterEach, describe, expect, test, vi } from 'vitest'
import type { PasswordlessStartResult } from '../../src/index'
import { fakeServer, json, never, offline, text, type Reply } from './support/fake-fetch'
import { EMAIL, makeWebAuth, rejectsWith, emailCodeStart as emailCode } from './support/fixtures'

const startReplying = (reply: Reply) => fakeServer({ method: 'POST', path: '/passwordless/start', reply })

afterEach(() => {
  vi.useRealTimers()
})

describe('HTTP 429 (S4)', () => {
  test('too_many_requests with retryAfter from Retry-After seconds, and no retry', async () => {
    const server = startReplying(json(429, { error: 'too_many_requests' }, { 'Retry-After': '42' }))
    const { webAuth } = makeWebAuth(server)
    const error = await rejectsWith(webAuth.passwordlessStart(emailCode), 'too_many_requests')
    expect(error.statusCode).toBe(429)
    expect(error.retryAfter).toBe(42)
    expect(server.requests).toHaveLength(1)
  })

  test('retryAfter from a Retry-After HTTP date', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2030-01-01T00:00:00Z') })
    const server = startReplying(json(429, {}, { 'Retry-After': 'Tue, 01 Jan 2030 00:02:00 GMT' }))
    const { webAuth } = makeWebAuth(server)
    const error = await rejectsWith(webAuth.passwordlessStart(emailCode), 'too_many_requests')
    expect(error.retryAfter).toBe(120)
  })

  test('retryAfter from X-RateLimit-Reset, an epoch time in seconds', async () => {
    const now = Date.parse('2030-01-01T00:00:00Z')
    vi.useFakeTimers({ toFake: ['Date'], now })
    const server = startReplying(
      json(
        429,
        {},
        {
          'X-RateLimit-Limit': '50',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': String(now / 1000 + 75),
        },
      ),
    )
    const { webAuth } = makeWebAuth(server)
    const error = await rejectsWith(webAuth.passwordlessStart(emailCode), 'too_many_requests')
    expect(error.retryAfter).toBe(75)
    expect(error.statusCode).toBe(429)
  })

  test('a malformed Retry-After is never read as "retry now"', async () => {
    const now = Date.parse('2030-01-01T00:00:00Z')
    vi.useFakeTimers({ toFake: ['Date'], now })
    for (const malformed of ['1.5', '-3']) {
      const server = startReplying(
        json(429, {}, { 'Retry-After': malformed, 'X-RateLimit-Reset': String(now / 1000 + 75) }),
      )
      const { webAuth } = makeWebAuth(server)
      const error = await rejectsWith(webAuth.passwordlessStart(emailCode), 'too_many_requests')
      expect(error.retryAfter, `Retry-After: ${malformed}`).toBeGreaterThan(0)
    }
  })

  test('Retry-After wins over X-RateLimit-Reset', async () => {
    const server = startReplying(json(429, {}, { 'Retry-After': '5', 'X-RateLimit-Reset': '9999999999' }))
    const { webAuth } = makeWebAuth(server)
    const error = await rejectsWith(webAuth.passwordlessStart(emailCode), 'too_many_requests')
    expect(error.retryAfter).toBe(5)
  })

  test('no retryAfter without either header', async () => {
    const server = startReplying(text(429, ''))
    const { webAuth } = makeWebAuth(server)
    const error = await rejectsWith(webAuth.passwordlessStart(emailCode), 'too_many_requests')
    expect(error.retryAfter).toBeUndefined()
  })

  test('429 on /passwordless/verify keeps too_many_requests and is not retried', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/verify',
      reply: json(429, { error: 'too_many_requests' }, { 'Retry-After': '3' }),
    })
    const { webAuth, navigate } = makeWebAuth(server, { hostedPage: true })
    const error = await rejectsWith(
      webAuth.passwordlessLogin({ connection: 'email', email: EMAIL, verificationCode: '123456' }),
      'too_many_requests',
    )
    expect(error.retryAfter).toBe(3)
    expect(navigate).not.toHaveBeenCalled()
  })
})

describe('transport faults (S5)', () => {
  test('offline: fetch rejects with a TypeError -> network_error, called once', async () => {
    const server = startReplying(offline())
    const { webAuth } = makeWebAuth(server)
    const error = await rejectsWith(webAuth.passwordlessStart(emailCode), 'network_error')
    expect(error.statusCode).toBeUndefined()
    expect(error.cause).toBeInstanceOf(TypeError)
    expect(server.requests).toHaveLength(1)
  })

  test('a server that never answers -> timeout after the timeout option', async () => {
    const server = startReplying(never())
    const { webAuth } = makeWebAuth(server, { timeout: 30 })
    const started = Date.now()
    await rejectsWith(webAuth.passwordlessStart(emailCode), 'timeout')
    expect(Date.now() - started).toBeLessThan(2000)
    expect(server.requests).toHaveLength(1)
  })

  test('an AbortSignal cancels a pending call -> aborted', async () => {
    const server = startReplying(never())
    const { webAuth } = makeWebAuth(server, { timeout: 5000 })
    const controller = new AbortController()
    const pending = webAuth.passwordlessStart({ ...emailCode, signal: controller.signal })
    await expect.poll(() => server.requests.length).toBe(1)
    controller.abort()
    await rejectsWith(pending, 'aborted')
  })

  test("a signal of another frame (with that frame's AbortSignal.prototype) is taken, and cancels", async () => {
    const server = startReplying(never())
    const { webAuth } = makeWebAuth(server, { timeout: 5000 })
    const controller = new AbortController()
    // A real signal whose prototype is not this realm's, as an iframe's is: `instanceof AbortSignal` is false.
    const foreignPrototype = Object.create(
      EventTarget.prototype,
      Object.getOwnPropertyDescriptors(AbortSignal.prototype),
    ) as object
    const signal = Object.setPrototypeOf(controller.signal, foreignPrototype) as AbortSignal
    expect(signal instanceof AbortSignal).toBe(false)
    const pending = webAuth.passwordlessStart({ ...emailCode, signal })
    await expect.poll(() => server.requests.length).toBe(1)
    controller.abort()
    await rejectsWith(pending, 'aborted')
  })

  test('an already aborted signal -> aborted', async () => {
    // The fake fetch honours the request's signal as real fetch does, and answers nothing else.
    const server = fakeServer()
    const { webAuth } = makeWebAuth(server)
    await rejectsWith(webAuth.passwordlessStart({ ...emailCode, signal: AbortSignal.abort() }), 'aborted')
  })

  test.each([
    ['HTML', 502, '<html><body>Bad gateway</body></html>'],
    ['empty', 503, ''],
    ['HTML', 500, '<!doctype html><title>Oops</title>'],
  ])('5xx with an %s body -> server_error with the status', async (_what, status, body) => {
    const server = startReplying(text(status, body))
    const { webAuth } = makeWebAuth(server)
    const error = await rejectsWith(webAuth.passwordlessStart(emailCode), 'server_error')
    expect(error.statusCode).toBe(status)
    expect(error.message).not.toContain('<')
    expect(server.requests).toHaveLength(1)
  })

  test('5xx with a JSON error passes the server code through', async () => {
    const server = startReplying(json(500, { error: 'internal_error', error_description: 'Something broke' }))
    const { webAuth } = makeWebAuth(server)
    const error = await rejectsWith(webAuth.passwordlessStart(emailCode), 'internal_error')
    expect(error.statusCode).toBe(500)
  })

  test('200 with invalid JSON -> invalid_response', async () => {
    const server = startReplying(text(200, '{"_id": "abc",'))
    const { webAuth } = makeWebAuth(server)
    const error = await rejectsWith(webAuth.passwordlessStart(emailCode), 'invalid_response', /JSON/)
    expect(error.statusCode).toBe(200)
  })

  test('200 with a JSON array -> invalid_response', async () => {
    const server = startReplying(json(200, []))
    const { webAuth } = makeWebAuth(server)
    await rejectsWith(webAuth.passwordlessStart(emailCode), 'invalid_response')
  })

  test('4xx without a readable body -> invalid_response with the status', async () => {
    const server = startReplying(text(404, '<h1>Not found</h1>'))
    const { webAuth } = makeWebAuth(server)
    const error = await rejectsWith(webAuth.passwordlessStart(emailCode), 'invalid_response')
    expect(error.statusCode).toBe(404)
  })

  test.each([
    [
      { error: 'bad.email', error_description: 'error in email - email format validation failed' },
      'bad.email',
    ],
    [{ statusCode: 400, code: 'bad.connection', description: 'Connection does not exist' }, 'bad.connection'],
    [
      { error: 'unauthorized_client', error_description: 'Client authentication is required' },
      'unauthorized_client',
    ],
  ])('server codes pass through unchanged (%j)', async (body, code) => {
    const server = startReplying(json(400, body))
    const { webAuth } = makeWebAuth(server)
    const error = await rejectsWith(webAuth.passwordlessStart(emailCode), code)
    expect(error.statusCode).toBe(400)
  })
})

describe('callback form (S5)', () => {
  test('calls the callback exactly once with the error and never rejects', async () => {
    const rejections: unknown[] = []
    const onRejection = (reason: unknown) => void rejections.push(reason)
    process.on('unhandledRejection', onRejection)
    try {
      const server = startReplying(offline())
      const { webAuth } = makeWebAuth(server)
      const calls: unknown[][] = []
      const returned = webAuth.passwordlessStart(emailCode, (...args) => void calls.push(args))
      expect(returned).toBeUndefined()
      await expect.poll(() => calls.length).toBe(1)
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(calls).toHaveLength(1)
      expect(calls[0]![0]).toMatchObject({ code: 'network_error' })
      expect(rejections).toEqual([])
    } finally {
      process.off('unhandledRejection', onRejection)
    }
  })

  test('calls the callback exactly once with the result', async () => {
    const server = startReplying(json(200, { _id: 'id1', email: EMAIL }))
    const { webAuth } = makeWebAuth(server)
    const calls: Array<[unknown, PasswordlessStartResult | undefined]> = []
    webAuth.passwordlessStart(emailCode, (error, result) => void calls.push([error, result]))
    await expect.poll(() => calls.length).toBe(1)
    expect(calls[0]).toEqual([null, { connection: 'email', send: 'code', email: EMAIL, id: 'id1' }])
  })

  test('an input refusal reaches the callback, not a rejection', async () => {
    const server = fakeServer()
    const { webAuth } = makeWebAuth(server)
    const calls: unknown[] = []
    webAuth.passwordlessStart(
      { connection: 'email', send: 'code', email: 'nope' },
      (error) => void calls.push(error),
    )
    await expect.poll(() => calls.length).toBe(1)
    expect(calls[0]).toMatchObject({ code: 'invalid_input' })
  })
})

/**
 * handleRedirectCallback with a Node-style callback as its last argument, as the other methods take one:
 * `(callback)`, `(url, callback)` and `(url, options, callback)`. The callback is called exactly once,
 * nothing is returned and nothing rejects; an exception thrown by the callback itself is reported as an
 * uncaught error, not turned into a second call.
 */
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import type { RedirectResult, WebAuth, WebAuthError } from '../../src/index'
import { fakeServer, json, type FakeServer } from './support/fake-fetch'
import { REDIRECT_URI, makeWebAuth, stubPage, stubSessionStorage } from './support/fixtures'
import { beginRedirectLogin, callbackUrl, expectTokenExchange } from './support/redirect'
import { claims, jwks, makeSigningKey, signIdToken, type SigningKey } from './support/tokens'

let key: SigningKey
beforeAll(async () => {
  key = await makeSigningKey('key-1')
})

afterEach(() => {
  vi.useRealTimers()
})

type Call = [WebAuthError | null, RedirectResult | undefined]

/** A login started and answered by the fake tenant: the redirect back, ready to be handled. */
async function redirectBack(): Promise<{ webAuth: WebAuth; server: FakeServer; url: string; state: string }> {
  stubSessionStorage()
  const server = fakeServer()
  const { webAuth, navigate } = makeWebAuth(server)
  const query = await beginRedirectLogin(webAuth, server, navigate)
  expectTokenExchange(server, {
    code: 'auth-code',
    challenge: query.code_challenge!,
    reply: json(200, {
      access_token: 'at',
      id_token: await signIdToken(key, claims({ nonce: query.nonce })),
      token_type: 'Bearer',
    }),
    keys: json(200, jwks(key)),
  })
  return {
    webAuth,
    server,
    url: callbackUrl({ code: 'auth-code', state: query.state! }),
    state: query.state!,
  }
}

/** Calls `run` with a recording callback; resolves once it was called, and checks it is not called again. */
async function callsOnce(run: (callback: (...args: Call) => void) => unknown): Promise<Call> {
  const calls: Call[] = []
  const returned = run((error, result) => void calls.push([error, result]))
  expect(returned).toBeUndefined()
  await expect.poll(() => calls.length).toBe(1)
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(calls).toHaveLength(1)
  return calls[0]!
}

describe('handleRedirectCallback() with a Node-style callback', () => {
  test('(callback) reads the page URL, and hands over the result', async () => {
    const { webAuth, url } = await redirectBack()
    const { replaceState } = stubPage(url)
    const [error, result] = await callsOnce((callback) => webAuth.handleRedirectCallback(callback))
    expect(error).toBeNull()
    expect(result).toMatchObject({ accessToken: 'at', idTokenPayload: { sub: 'email|123' } })
    expect(replaceState).toHaveBeenCalledWith(expect.anything(), '', REDIRECT_URI)
  })

  test('(url, callback) reads the given URL', async () => {
    const { webAuth, url } = await redirectBack()
    const [error, result] = await callsOnce((callback) => webAuth.handleRedirectCallback(url, callback))
    expect(error).toBeNull()
    expect(result?.accessToken).toBe('at')
  })

  test('(url, options, callback) uses the options', async () => {
    const { webAuth, url, state } = await redirectBack()
    const [error, result] = await callsOnce((callback) =>
      webAuth.handleRedirectCallback(url, { state }, callback),
    )
    expect(error).toBeNull()
    expect(result?.accessToken).toBe('at')
  })

  test('(undefined, options, callback) reads the page URL', async () => {
    const { webAuth, url, state } = await redirectBack()
    stubPage(url)
    const [error] = await callsOnce((callback) =>
      webAuth.handleRedirectCallback(undefined, { state }, callback),
    )
    expect(error).toBeNull()
  })

  test('a refusal reaches the callback, and nothing rejects', async () => {
    const rejections: unknown[] = []
    const onRejection = (reason: unknown) => void rejections.push(reason)
    process.on('unhandledRejection', onRejection)
    try {
      stubSessionStorage()
      const server = fakeServer()
      const { webAuth } = makeWebAuth(server)
      // A redirect this browser did not start.
      const url = callbackUrl({ code: 'auth-code', state: 'unknown-state' })
      const [error, result] = await callsOnce((callback) => webAuth.handleRedirectCallback(url, {}, callback))
      expect(error).toMatchObject({ code: 'missing_transaction' })
      expect(result).toBeUndefined()
      expect(rejections).toEqual([])
      expect(server.requests).toEqual([])
    } finally {
      process.off('unhandledRejection', onRejection)
    }
  })

  test('a missing page URL reaches the callback instead of throwing', async () => {
    const server = fakeServer()
    const { webAuth } = makeWebAuth(server)
    const [error] = await callsOnce((callback) => webAuth.handleRedirectCallback(callback))
    expect(error).toMatchObject({ code: 'unsupported_environment' })
    expect(server.requests).toEqual([])
  })

  test('a callback that throws is called once; its exception is reported as uncaught', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    const { webAuth, url } = await redirectBack()
    const boom = new Error('the app failed')
    let calls = 0
    webAuth.handleRedirectCallback(url, () => {
      calls += 1
      throw boom
    })
    // setImmediate is left real: it lets the login complete while the reporting timer waits.
    while (calls === 0) await new Promise((resolve) => setImmediate(resolve))
    expect(() => vi.runOnlyPendingTimers()).toThrow(boom)
    expect(calls).toBe(1)
  })

  test('without a callback it still returns a Promise', async () => {
    const { webAuth, url } = await redirectBack()
    await expect(webAuth.handleRedirectCallback(url)).resolves.toMatchObject({ accessToken: 'at' })
  })
})

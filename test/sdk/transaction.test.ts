import { afterEach, describe, expect, test, vi } from 'vitest'
import { fakeServer, json, sentAuthParams, startServer } from './support/fake-fetch'
import {
  EMAIL,
  REDIRECT_URI,
  TX_PREFIX,
  makeWebAuth,
  rejectsWith,
  storedTransactions,
  stubSessionStorage,
} from './support/fixtures'
import { beginRedirectLogin, callbackUrl, s256 } from './support/redirect'

afterEach(() => {
  vi.useRealTimers()
})

const THIRTY_MINUTES = 30 * 60 * 1000

describe('redirect transactions (S7)', () => {
  test('a login from an app stores state, nonce and a PKCE verifier per state in sessionStorage', async () => {
    const storage = stubSessionStorage()
    const random = vi.spyOn(crypto, 'getRandomValues')
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate)

    // state: at least 128 bits, base64url, from the CSPRNG
    expect(query.state).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(Buffer.from(query.state!, 'base64url').length).toBeGreaterThanOrEqual(16)
    expect(query.nonce).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(Buffer.from(query.nonce!, 'base64url').length).toBeGreaterThanOrEqual(16)
    expect(random).toHaveBeenCalled()
    const randomOutputs = random.mock.results.map((result) =>
      Buffer.from(result.value as Uint8Array).toString('base64url'),
    )
    expect(randomOutputs).toContain(query.state)

    const stored = JSON.parse(storage.getItem(TX_PREFIX + query.state)!) as Record<string, unknown>
    expect(stored).toMatchObject({ state: query.state, nonce: query.nonce, redirectUri: REDIRECT_URI })
    // The verifier: 32 random bytes, and the challenge sent is its S256 hash.
    const verifier = stored.codeVerifier as string
    expect(Buffer.from(verifier, 'base64url')).toHaveLength(32)
    expect(randomOutputs).toContain(verifier)
    expect(query.code_challenge_method).toBe('S256')
    expect(query.code_challenge).toBe(s256(verifier))
    expect(stored.expiresAt).toBeGreaterThan(Date.now())
    expect(stored.expiresAt).toBeLessThanOrEqual(Date.now() + THIRTY_MINUTES)
  })

  test('each login gets a fresh state, nonce and verifier', async () => {
    const storage = stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const first = await beginRedirectLogin(webAuth, server, navigate)
    const second = await beginRedirectLogin(webAuth, server, navigate)
    expect(second.state).not.toBe(first.state)
    expect(second.nonce).not.toBe(first.nonce)
    expect(second.code_challenge).not.toBe(first.code_challenge)
    expect(storedTransactions(storage)).toHaveLength(2)
  })

  test('no nonce when no ID token is asked for', async () => {
    const storage = stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server, { scope: 'email' })
    const query = await beginRedirectLogin(webAuth, server, navigate)
    expect(query).not.toHaveProperty('nonce')
    expect(storedTransactions(storage)[0]).not.toHaveProperty('nonce')
    expect(query.code_challenge_method).toBe('S256')
  })

  test('a nonce when id_token is asked for without openid in the scope', async () => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server, { scope: 'email', responseType: 'id_token' })
    const query = await beginRedirectLogin(webAuth, server, navigate)
    expect(query.nonce).toBeTruthy()
  })

  test('the link start stores the transaction of the state it sends', async () => {
    const storage = stubSessionStorage()
    const server = fakeServer({ method: 'POST', path: '/passwordless/start', reply: json(200, {}) })
    const { webAuth } = makeWebAuth(server)
    await webAuth.passwordlessStart({ connection: 'email', send: 'link', email: EMAIL })
    const sent = sentAuthParams(server.requests[0])
    const stored = JSON.parse(storage.getItem(TX_PREFIX + sent.state)!) as { codeVerifier: string }
    expect(sent.code_challenge).toBe(s256(stored.codeVerifier))
  })

  test('stores in memory when sessionStorage is missing, and a redirect still completes', async () => {
    expect(typeof globalThis.sessionStorage).toBe('undefined')
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate)
    // An error response consumes the transaction: it proves the transaction was found.
    await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ error: 'access_denied', state: query.state! })),
      'access_denied',
    )
    await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ error: 'access_denied', state: query.state! })),
      'missing_transaction',
    )
  })

  test('in memory too, a failed start leaves no login behind that a redirect could complete', async () => {
    expect(typeof globalThis.sessionStorage).toBe('undefined')
    const server = startServer(json(400, { error: 'bad.email', error_description: 'nope' }))
    const { webAuth } = makeWebAuth(server)
    await rejectsWith(webAuth.passwordlessStart({ connection: 'email', email: EMAIL }), 'bad.email')
    const state = sentAuthParams(server.requests[0]).state!
    // Found, the transaction would let the server's answer through; dropped, there is none for this state.
    await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ error: 'access_denied', state })),
      'link_not_usable_here',
    )
  })

  test('stores in memory when sessionStorage throws (blocked)', async () => {
    vi.stubGlobal('sessionStorage', {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError')
      },
      setItem: () => {
        throw new DOMException('blocked', 'SecurityError')
      },
      removeItem: () => undefined,
    })
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate)
    await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ error: 'login_required', state: query.state! })),
      'login_required',
    )
  })

  test('is deleted when first read, a marker without secrets left in its place (S19)', async () => {
    const storage = stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate)
    const url = callbackUrl({ error: 'access_denied', state: query.state! })
    await rejectsWith(webAuth.handleRedirectCallback(url), 'access_denied')
    expect(storage.getItem(TX_PREFIX + query.state)).toBe('used')
    await rejectsWith(webAuth.handleRedirectCallback(url), 'missing_transaction')
    expect(server.requests.map((request) => request.path)).toEqual(['/co/authenticate'])
  })

  test('expires after 30 minutes', async () => {
    const start = Date.parse('2030-01-01T00:00:00Z')
    vi.useFakeTimers({ toFake: ['Date'], now: start })
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const late = await beginRedirectLogin(webAuth, server, navigate)
    const inTime = await beginRedirectLogin(webAuth, server, navigate)

    vi.setSystemTime(start + THIRTY_MINUTES - 1000)
    await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ error: 'access_denied', state: inTime.state! })),
      'access_denied',
    )
    vi.setSystemTime(start + THIRTY_MINUTES + 1000)
    await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state: late.state! })),
      'missing_transaction',
    )
    expect(server.requests.map((request) => request.path)).not.toContain('/oauth/token')
  })

  test('a stored transaction holds neither the login ticket nor the verification code', async () => {
    const storage = stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate)
    const raw = storage.getItem(TX_PREFIX + query.state)!
    expect(raw).not.toContain('ticket')
    expect(raw).not.toContain('123456')
  })
})

import { beforeAll, describe, expect, test, vi } from 'vitest'
import type { WebAuthOptions } from '../../src/index'
import { fakeServer, json, type FakeServer } from './support/fake-fetch'
import { TX_PREFIX, makeWebAuth, rejectsWith, stubSessionStorage } from './support/fixtures'
import { beginRedirectLogin, callbackUrl, type AuthorizeQuery } from './support/redirect'
import { claims, jwks, makeSigningKey, signIdToken, type SigningKey } from './support/tokens'

// What handleRedirectCallback() answers for each kind of redirect back: the sentence each refusal says,
// how expires_in is read, when WebCrypto is needed, and an implicit login that asked for an ID token only.

let key: SigningKey
beforeAll(async () => {
  key = await makeSigningKey('key-1')
})

/** A redirect login started with `options`, with what the test needs to complete it. */
async function started(options: Partial<WebAuthOptions> = {}) {
  const storage = stubSessionStorage()
  const server = fakeServer()
  const { webAuth, navigate } = makeWebAuth(server, options)
  const query = await beginRedirectLogin(webAuth, server, navigate)
  return { webAuth, server, storage, query, state: query.state! }
}

describe('each refused redirect says why', () => {
  test.each<
    [
      string,
      Partial<WebAuthOptions>,
      (login: Awaited<ReturnType<typeof started>>) => Promise<unknown>,
      string,
      RegExp,
    ]
  >([
    [
      'a state other than the one the app expects',
      {},
      ({ webAuth, state }) =>
        webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state }), { state: 'mine' }),
      'state_mismatch',
      /^Unexpected redirect state\.$/,
    ],
    [
      'a transaction stored for another client',
      {},
      ({ webAuth, state, storage }) => {
        const stored = JSON.parse(storage.items.get(TX_PREFIX + state)!) as Record<string, unknown>
        storage.items.set(TX_PREFIX + state, JSON.stringify({ ...stored, clientId: 'another-client' }))
        return webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state }))
      },
      'state_mismatch',
      /^The redirect is for another app\.$/,
    ],
    [
      'an error without a description',
      {},
      ({ webAuth, state }) => webAuth.handleRedirectCallback(callbackUrl({ error: 'access_denied', state })),
      'access_denied',
      /^Login refused\.$/,
    ],
    [
      'a code flow answered without a code',
      {},
      ({ webAuth, state }) => webAuth.handleRedirectCallback(callbackUrl({ state })),
      'invalid_response',
      /^No code in the redirect\.$/,
    ],
    [
      'an implicit flow answered with a code',
      { responseType: 'token' },
      ({ webAuth, state }) => webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state })),
      'invalid_response',
      /^Unexpected code in the redirect\.$/,
    ],
    [
      'an implicit flow answered without any token',
      { responseType: 'token' },
      ({ webAuth, state }) => webAuth.handleRedirectCallback(callbackUrl({ state }, 'fragment')),
      'invalid_response',
      /^No token returned\.$/,
    ],
    [
      'an id_token flow answered with an access token only',
      { responseType: 'id_token' },
      ({ webAuth, state }) =>
        webAuth.handleRedirectCallback(callbackUrl({ access_token: 'at', state }, 'fragment')),
      'invalid_token',
      /^No ID token returned\.$/,
    ],
  ])('%s', async (_what, options, complete, code, message) => {
    await rejectsWith(complete(await started(options)), code, message)
  })

  test('a code exchange answered with JSON null: no token returned', async () => {
    const { webAuth, server, state } = await started({ scope: 'email' })
    server.expect({ method: 'POST', path: '/oauth/token', reply: json(200, null) })
    await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state })),
      'invalid_response',
      /^No token returned\.$/,
    )
  })
})

describe('expires_in', () => {
  /** The expiresIn of an implicit token login whose redirect says `expires_in=value`. */
  async function fromFragment(value: string): Promise<number | undefined> {
    const { webAuth, state } = await started({ responseType: 'token' })
    const result = await webAuth.handleRedirectCallback(
      callbackUrl({ access_token: 'at', expires_in: value, state }, 'fragment'),
    )
    return result.expiresIn
  }

  test('from a redirect, digits are read as seconds', async () => {
    expect(await fromFragment('7200')).toBe(7200)
  })

  test.each([
    ['a leading space', ' 60'],
    ['a trailing space', '60 '],
    ['an exponent', '6e1'],
    ['a word', 'soon'],
    ['more digits than a number holds', '9'.repeat(400)],
  ])('from a redirect, a value with %s is left out', async (_what, value) => {
    expect(await fromFragment(value)).toBeUndefined()
  })

  /** The expiresIn of a code login whose token endpoint answers `expires_in: value`. */
  async function fromExchange(value: unknown): Promise<number | undefined> {
    const { webAuth, server, state } = await started({ scope: 'email' })
    server.expect({
      method: 'POST',
      path: '/oauth/token',
      reply: json(200, { access_token: 'at', expires_in: value }),
    })
    return (await webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state }))).expiresIn
  }

  test('from the token endpoint, a number is kept and digits as text are read', async () => {
    expect(await fromExchange(86400)).toBe(86400)
    expect(await fromExchange('3600')).toBe(3600)
  })

  test.each([
    ['null', null],
    ['true', true],
    ['an array', [3600]],
  ])('from the token endpoint, %s is left out', async (_what, value) => {
    expect(await fromExchange(value)).toBeUndefined()
  })
})

describe('WebCrypto at the callback', () => {
  /** Removes crypto.subtle, as on a page served over plain http. */
  const withoutSubtleCrypto = () =>
    vi.stubGlobal('crypto', { getRandomValues: crypto.getRandomValues.bind(crypto) })

  test('a login that expects an ID token fails without it before the single-use code is spent', async () => {
    const { webAuth, server, state } = await started()
    withoutSubtleCrypto()
    await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state })),
      'unsupported_environment',
      /crypto\.subtle/,
    )
    expect(server.requests.map((request) => request.path)).toEqual(['/co/authenticate'])
  })

  test('a login that expects no ID token completes without it', async () => {
    const { webAuth, server, state } = await started({ scope: 'email' })
    withoutSubtleCrypto()
    server.expect({ method: 'POST', path: '/oauth/token', reply: json(200, { access_token: 'at' }) })
    await expect(webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state }))).resolves.toMatchObject({
      accessToken: 'at',
    })
  })
})

describe('an implicit login that asked for an ID token only', () => {
  async function complete(server: FakeServer, login: { query: AuthorizeQuery; state: string }, extra = {}) {
    server.expect({ method: 'GET', path: '/.well-known/jwks.json', reply: json(200, jwks(key)) })
    const idToken = await signIdToken(key, claims({ nonce: login.query.nonce, ...extra }))
    return { idToken, callback: callbackUrl({ id_token: idToken, state: login.state }, 'fragment') }
  }

  test('completes with the ID token alone: no access token, so no at_hash to check', async () => {
    const login = await started({ responseType: 'id_token' })
    const { idToken, callback } = await complete(login.server, login, { at_hash: 'not-checked' })
    const result = await login.webAuth.handleRedirectCallback(callback)
    expect(result).toMatchObject({ idToken, idTokenPayload: { sub: 'email|123' } })
    expect(result).not.toHaveProperty('accessToken')
  })
})

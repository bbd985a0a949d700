import { beforeAll, describe, expect, test } from 'vitest'
import type { WebAuthOptions } from '../../src/index'
import { fakeServer, json, type FakeServer } from './support/fake-fetch'
import { CLIENT_ID, ISSUER, makeWebAuth, rejectsWith, stubSessionStorage } from './support/fixtures'
import { beginRedirectLogin, callbackUrl, expectTokenExchange } from './support/redirect'
import {
  claims,
  hs256Token,
  jwks,
  makeSigningKey,
  signIdToken,
  unsignedToken,
  type SigningKey,
} from './support/tokens'

let key: SigningKey
let otherKey: SigningKey
let rotatedKey: SigningKey
beforeAll(async () => {
  ;[key, otherKey, rotatedKey] = await Promise.all([
    makeSigningKey('key-1'),
    makeSigningKey('key-1'), // same kid, different key: a forged signature
    makeSigningKey('key-2'),
  ])
})

const now = () => Math.floor(Date.now() / 1000)

interface Login {
  server: FakeServer
  webAuth: ReturnType<typeof makeWebAuth>['webAuth']
  navigate: ReturnType<typeof makeWebAuth>['navigate']
}

async function newLogin(options: Partial<WebAuthOptions> = {}): Promise<Login> {
  stubSessionStorage()
  const server = fakeServer()
  const { webAuth, navigate } = makeWebAuth(server, options)
  return { server, webAuth, navigate }
}

/**
 * Runs one redirect login whose token endpoint returns `makeToken(nonce)`. `jwksReplies` answer
 * the JWKS requests in order; while no key set is cached, the first goes alongside the exchange.
 */
async function complete(
  login: Login,
  makeToken: (nonce: string) => string | Promise<string>,
  jwksReplies: Array<ReturnType<typeof jwks>>,
) {
  const query = await beginRedirectLogin(login.webAuth, login.server, login.navigate)
  const idToken = await makeToken(query.nonce!)
  expectTokenExchange(login.server, {
    code: 'code-1',
    challenge: query.code_challenge!,
    reply: json(200, { access_token: 'at', id_token: idToken, token_type: 'Bearer', expires_in: 60 }),
  })
  for (const body of jwksReplies) {
    login.server.expect({ method: 'GET', path: '/.well-known/jwks.json', reply: json(200, body) })
  }
  return {
    promise: login.webAuth.handleRedirectCallback(callbackUrl({ code: 'code-1', state: query.state! })),
    idToken,
  }
}

const jwksFetches = (server: FakeServer) =>
  server.requests.filter((request) => request.path === '/.well-known/jwks.json').length

describe('ID token verification (S9)', () => {
  test('accepts a valid RS256 token signed by a key of the tenant JWKS', async () => {
    const login = await newLogin()
    const { promise } = await complete(login, (nonce) => signIdToken(key, claims({ nonce })), [jwks(key)])
    const result = await promise
    expect(result.idTokenPayload).toMatchObject({ iss: ISSUER, aud: CLIENT_ID, sub: 'email|123' })
  })

  test('refuses a bad signature', async () => {
    const login = await newLogin()
    const { promise, idToken } = await complete(login, (nonce) => signIdToken(otherKey, claims({ nonce })), [
      jwks(key),
    ])
    const error = await rejectsWith(promise, 'invalid_token', /signature/)
    expect(error.claim).toBe('signature')
    expect(error.message).not.toContain(idToken)
  })

  test('refuses a token whose payload was altered after signing', async () => {
    const login = await newLogin()
    const { promise } = await complete(
      login,
      async (nonce) => {
        const [header, , signature] = (await signIdToken(key, claims({ nonce }))).split('.')
        const forged = Buffer.from(JSON.stringify(claims({ nonce, sub: 'admin' }))).toString('base64url')
        return `${header}.${forged}.${signature}`
      },
      [jwks(key)],
    )
    expect((await rejectsWith(promise, 'invalid_token')).claim).toBe('signature')
  })

  test('refuses alg none, although the signing key it names is in the JWKS', async () => {
    const login = await newLogin()
    const { promise } = await complete(login, (nonce) => unsignedToken(claims({ nonce }), key.kid), [
      jwks(key),
    ])
    expect((await rejectsWith(promise, 'invalid_token', /RS256/)).claim).toBe('alg')
    // Only the set fetched alongside the code exchange, before the token was known: none for the token.
    expect(jwksFetches(login.server)).toBe(1)
  })

  test('refuses HS256 keyed with the public key', async () => {
    const login = await newLogin()
    const { promise } = await complete(login, (nonce) => hs256Token(claims({ nonce }), key), [jwks(key)])
    expect((await rejectsWith(promise, 'invalid_token', /RS256/)).claim).toBe('alg')
  })

  test('refuses a token without kid', async () => {
    const login = await newLogin()
    const { promise } = await complete(
      login,
      (nonce) => signIdToken(key, claims({ nonce }), { kid: undefined }),
      [jwks(key)],
    )
    expect((await rejectsWith(promise, 'invalid_token')).claim).toBe('kid')
  })

  test('refuses a token that is not a JWT', async () => {
    const login = await newLogin()
    const { promise } = await complete(login, () => 'not-a-jwt', [jwks(key)])
    // A token that cannot be read at all has no claim to name.
    expect((await rejectsWith(promise, 'invalid_token')).claim).toBeUndefined()
  })

  test('refuses a header that is not JSON', async () => {
    const login = await newLogin()
    const { promise } = await complete(login, () => 'bm90LWpzb24.e30.c2ln', [jwks(key)])
    expect((await rejectsWith(promise, 'invalid_token')).claim).toBeUndefined()
  })

  describe('keys', () => {
    test('an unknown kid fetches the JWKS again exactly once, then refuses', async () => {
      const login = await newLogin()
      const first = await complete(login, (nonce) => signIdToken(key, claims({ nonce })), [jwks(key)])
      await first.promise
      expect(jwksFetches(login.server)).toBe(1)
      const second = await complete(login, (nonce) => signIdToken(rotatedKey, claims({ nonce })), [jwks(key)])
      expect((await rejectsWith(second.promise, 'invalid_token', /key/)).claim).toBe('kid')
      expect(jwksFetches(login.server)).toBe(2)
    })

    test('a rotated key is found by fetching the JWKS again', async () => {
      const login = await newLogin()
      await (
        await complete(login, (nonce) => signIdToken(key, claims({ nonce })), [jwks(key)])
      ).promise
      const second = await complete(login, (nonce) => signIdToken(rotatedKey, claims({ nonce })), [
        jwks(key, rotatedKey),
      ])
      await expect(second.promise).resolves.toMatchObject({ accessToken: 'at' })
      expect(jwksFetches(login.server)).toBe(2)
    })

    test('a known kid is served from the cache', async () => {
      const login = await newLogin()
      await (
        await complete(login, (nonce) => signIdToken(key, claims({ nonce })), [jwks(key)])
      ).promise
      await (
        await complete(login, (nonce) => signIdToken(key, claims({ nonce })), [])
      ).promise
      expect(jwksFetches(login.server)).toBe(1)
    })

    test('a JWKS without keys is refused', async () => {
      const login = await newLogin()
      const { promise } = await complete(login, (nonce) => signIdToken(key, claims({ nonce })), [
        { nope: true } as never,
      ])
      await rejectsWith(promise, 'invalid_response')
    })

    test('an unusable key in the JWKS is refused with invalid_token', async () => {
      const login = await newLogin()
      const broken = { ...key, jwk: { ...key.jwk, n: 'AA' } }
      const { promise } = await complete(login, (nonce) => signIdToken(key, claims({ nonce })), [
        jwks(broken),
      ])
      // Where the platform refuses to import the key, the key is at fault; where it imports it (Node takes a
      // one-byte modulus), the signature check fails.
      expect(['kid', 'signature']).toContain((await rejectsWith(promise, 'invalid_token')).claim)
    })

    test('an encryption key of the same kid is not used to verify', async () => {
      const login = await newLogin()
      const encryptionKey = { ...key, jwk: { ...key.jwk, use: 'enc' } }
      const { promise } = await complete(login, (nonce) => signIdToken(key, claims({ nonce })), [
        jwks(encryptionKey),
      ])
      await rejectsWith(promise, 'invalid_token')
    })
  })

  describe('claims', () => {
    test.each([
      ['another issuer', { iss: 'https://evil.example/' }, 'iss'],
      ['the issuer without its trailing slash', { iss: 'https://tenant.example.com' }, 'iss'],
      ['an audience without the client', { aud: 'someone-else' }, 'aud'],
      ['several audiences and no azp', { aud: [CLIENT_ID, 'api'] }, 'azp'],
      ['several audiences and azp of another party', { aud: [CLIENT_ID, 'api'], azp: 'api' }, 'azp'],
      ['an azp of another party', { azp: 'someone-else' }, 'azp'],
      ['expired beyond the leeway', { exp: now() - 120 }, 'exp'],
      ['no exp', { exp: undefined }, 'exp'],
      ['no iat', { iat: undefined }, 'iat'],
      ['issued in the future beyond the leeway', { iat: now() + 600 }, 'iat'],
      ['no sub', { sub: undefined }, 'sub'],
    ])('refuses %s, naming the claim', async (_what, overrides, claim) => {
      const login = await newLogin()
      const { promise } = await complete(
        login,
        (nonce) => signIdToken(key, claims({ nonce, ...overrides })),
        [jwks(key)],
      )
      expect((await rejectsWith(promise, 'invalid_token')).claim).toBe(claim)
    })

    test.each([
      ['expired within the default leeway of 60 s', { exp: now() - 30 }],
      ['several audiences with azp = client', { aud: [CLIENT_ID, 'api'], azp: CLIENT_ID }],
      ['issued slightly in the future', { iat: now() + 30 }],
    ])('accepts %s', async (_what, overrides) => {
      const login = await newLogin()
      const { promise } = await complete(
        login,
        (nonce) => signIdToken(key, claims({ nonce, ...overrides })),
        [jwks(key)],
      )
      await expect(promise).resolves.toMatchObject({ idTokenPayload: { sub: 'email|123' } })
    })

    test('leeway 0 refuses a token expired 30 s ago', async () => {
      const login = await newLogin({ leeway: 0 })
      const { promise } = await complete(
        login,
        (nonce) => signIdToken(key, claims({ nonce, exp: now() - 30 })),
        [jwks(key)],
      )
      expect((await rejectsWith(promise, 'invalid_token', /expired/)).claim).toBe('exp')
    })

    test('refuses a different nonce with nonce_mismatch', async () => {
      const login = await newLogin()
      const { promise } = await complete(login, () => signIdToken(key, claims({ nonce: 'other-nonce' })), [
        jwks(key),
      ])
      expect((await rejectsWith(promise, 'nonce_mismatch')).claim).toBe('nonce')
    })

    test('refuses a missing nonce with nonce_mismatch', async () => {
      const login = await newLogin()
      const { promise } = await complete(login, () => signIdToken(key, claims()), [jwks(key)])
      expect((await rejectsWith(promise, 'nonce_mismatch')).claim).toBe('nonce')
    })
  })

  test('a code flow with openid refuses a token response without an ID token', async () => {
    const login = await newLogin()
    const query = await beginRedirectLogin(login.webAuth, login.server, login.navigate)
    expectTokenExchange(login.server, {
      code: 'c',
      challenge: query.code_challenge!,
      reply: json(200, { access_token: 'at', token_type: 'Bearer' }),
      keys: json(200, jwks(key)),
    })
    await rejectsWith(
      login.webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state: query.state! })),
      'invalid_token',
    )
  })
})

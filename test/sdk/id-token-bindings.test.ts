import { beforeAll, describe, expect, test } from 'vitest'
import { fakeServer, json } from './support/fake-fetch'
import { makeWebAuth, rejectsWith, stubSessionStorage } from './support/fixtures'
import { beginRedirectLogin, callbackUrl, expectTokenExchange } from './support/redirect'
import { atHash, claims, jwks, makeSigningKey, signIdToken, type SigningKey } from './support/tokens'

// What ties an ID token to what came with it, and the header extensions it may demand: beyond the
// signature and the claims of id-token.test.ts.

let key: SigningKey
beforeAll(async () => {
  key = await makeSigningKey('key-1')
})

async function implicitLogin(makeClaims: (nonce: string) => Record<string, unknown>) {
  stubSessionStorage()
  const server = fakeServer()
  const { webAuth, navigate } = makeWebAuth(server, { responseType: 'id_token token' })
  const query = await beginRedirectLogin(webAuth, server, navigate)
  const idToken = await signIdToken(key, makeClaims(query.nonce!))
  server.expect({ method: 'GET', path: '/.well-known/jwks.json', reply: json(200, jwks(key)) })
  const fragment = {
    access_token: 'the-access-token',
    id_token: idToken,
    token_type: 'Bearer',
    state: query.state!,
  }
  return webAuth.handleRedirectCallback(callbackUrl(fragment, 'fragment'))
}

describe('at_hash in the implicit id_token token flow (OIDC Core 3.2.2.9)', () => {
  test('the hash of the access token in the same redirect is accepted', async () => {
    const result = await implicitLogin((nonce) => claims({ nonce, at_hash: atHash('the-access-token') }))
    expect(result.accessToken).toBe('the-access-token')
  })

  test("an ID token whose at_hash is another access token's is refused", async () => {
    const error = await rejectsWith(
      implicitLogin((nonce) => claims({ nonce, at_hash: atHash('someone-elses-token') })),
      'invalid_token',
      /at_hash/,
    )
    expect(error.claim).toBe('at_hash')
    expect(error.message).not.toContain('the-access-token')
  })

  test('an ID token without at_hash is refused: the access token would be tied to nothing', async () => {
    const error = await rejectsWith(
      implicitLogin((nonce) => claims({ nonce })),
      'invalid_token',
      /at_hash/,
    )
    expect(error.claim).toBe('at_hash')
  })
})

describe('at_hash in the code flow', () => {
  async function codeLogin(idTokenClaims: (nonce: string) => Record<string, unknown>) {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate)
    const idToken = await signIdToken(key, idTokenClaims(query.nonce!))
    expectTokenExchange(server, {
      code: 'code-1',
      challenge: query.code_challenge!,
      reply: json(200, { access_token: 'at', id_token: idToken, token_type: 'Bearer' }),
    })
    server.expect({ method: 'GET', path: '/.well-known/jwks.json', reply: json(200, jwks(key)) })
    return webAuth.handleRedirectCallback(callbackUrl({ code: 'code-1', state: query.state! }))
  }

  test('is optional from the token endpoint', async () => {
    await expect(codeLogin((nonce) => claims({ nonce }))).resolves.toMatchObject({ accessToken: 'at' })
  })

  test('is checked when present', async () => {
    await rejectsWith(
      codeLogin((nonce) => claims({ nonce, at_hash: atHash('other') })),
      'invalid_token',
      /at_hash/,
    )
  })
})

describe('crit (RFC 7515 4.1.11)', () => {
  test('a header naming an extension the SDK does not understand is refused', async () => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate)
    const idToken = await signIdToken(key, claims({ nonce: query.nonce, 'urn:example:must': true }), {
      crit: ['urn:example:must'],
      'urn:example:must': true,
    })
    expectTokenExchange(server, {
      code: 'code-1',
      challenge: query.code_challenge!,
      reply: json(200, { access_token: 'at', id_token: idToken }),
    })
    // The key set is fetched alongside the code exchange, before the token is read.
    server.expect({ method: 'GET', path: '/.well-known/jwks.json', reply: json(200, jwks(key)) })
    const error = await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ code: 'code-1', state: query.state! })),
      'invalid_token',
      /crit/,
    )
    expect(error.claim).toBe('crit')
  })
})

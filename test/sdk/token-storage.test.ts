import { beforeAll, describe, expect, test } from 'vitest'
import { fakeServer, json } from './support/fake-fetch'
import { FakeStorage, makeWebAuth, rejectsWith, stubPage, stubSessionStorage } from './support/fixtures'
import { beginRedirectLogin, callbackUrl, expectTokenExchange } from './support/redirect'
import { claims, jwks, makeSigningKey, signIdToken, type SigningKey } from './support/tokens'
import { vi } from 'vitest'

let key: SigningKey
beforeAll(async () => {
  key = await makeSigningKey('key-1')
})

describe('tokens and codes stay out of storage and messages (S11)', () => {
  test('a whole login writes nothing to localStorage and leaves only a used marker in sessionStorage', async () => {
    const local = new FakeStorage()
    vi.stubGlobal('localStorage', local)
    const session = stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate)
    const idToken = await signIdToken(key, claims({ nonce: query.nonce }))
    expectTokenExchange(server, {
      code: 'secret-auth-code',
      challenge: query.code_challenge!,
      reply: json(200, { access_token: 'secret-access-token', id_token: idToken, token_type: 'Bearer' }),
    })
    server.expect({ method: 'GET', path: '/.well-known/jwks.json', reply: json(200, jwks(key)) })
    const url = callbackUrl({ code: 'secret-auth-code', state: query.state! })
    stubPage(url)
    const result = await webAuth.handleRedirectCallback()
    expect(result.accessToken).toBe('secret-access-token')

    expect(local.writes).toEqual([])
    // What stays is the marker of a used login (S19): no secret.
    expect([...session.items.values()]).toEqual(['used'])
    const everythingWritten = session.writes.map(([k, v]) => k + v).join('\n')
    for (const secret of ['secret-auth-code', 'secret-access-token', idToken, '123456', 'ticket']) {
      expect(everythingWritten).not.toContain(secret)
    }
  })

  test('no error message contains the code, the token or the verification code', async () => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate)
    const idToken = await signIdToken(key, claims({ nonce: 'wrong' }))
    expectTokenExchange(server, {
      code: 'code-in-url',
      challenge: query.code_challenge!,
      reply: json(200, { access_token: 'access-value', id_token: idToken }),
    })
    server.expect({ method: 'GET', path: '/.well-known/jwks.json', reply: json(200, jwks(key)) })
    const error = await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ code: 'code-in-url', state: query.state! })),
      'nonce_mismatch',
    )
    const shown = `${error.message} ${error.description} ${String(error)}`
    for (const secret of ['code-in-url', 'access-value', idToken, query.nonce!]) {
      expect(shown).not.toContain(secret)
    }
  })
})

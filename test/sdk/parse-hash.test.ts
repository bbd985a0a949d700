import { beforeAll, describe, expect, test } from 'vitest'
import type { RedirectResult, WebAuthError } from '../../src/index'
import { fakeServer, json } from './support/fake-fetch'
import { REDIRECT_URI, makeWebAuth, rejectsWith, stubPage, stubSessionStorage } from './support/fixtures'
import { beginRedirectLogin } from './support/redirect'
import { atHash, claims, jwks, makeSigningKey, signIdToken, type SigningKey } from './support/tokens'

let key: SigningKey
beforeAll(async () => {
  key = await makeSigningKey('key-1')
})

async function implicitLogin() {
  stubSessionStorage()
  const server = fakeServer()
  const { webAuth, navigate } = makeWebAuth(server, { responseType: 'id_token token' })
  const query = await beginRedirectLogin(webAuth, server, navigate)
  const idToken = await signIdToken(key, claims({ nonce: query.nonce, at_hash: atHash('at') }))
  const fragment = `access_token=at&id_token=${idToken}&token_type=Bearer&expires_in=60&state=${query.state}`
  return { server, webAuth, query, fragment }
}

const viaCallback = (
  run: (callback: (error: WebAuthError | null, result?: RedirectResult) => void) => void,
) =>
  new Promise<[WebAuthError | null, RedirectResult | undefined]>((resolve) => {
    run((error, result) => resolve([error, result]))
  })

describe('parseHash() (auth0.js compatibility)', () => {
  test('parseHash(callback) reads the page URL and cleans it', async () => {
    const { server, webAuth, fragment } = await implicitLogin()
    const { replaceState } = stubPage(`${REDIRECT_URI}#${fragment}`)
    server.expect({ method: 'GET', path: '/.well-known/jwks.json', reply: json(200, jwks(key)) })
    const [error, result] = await viaCallback((callback) => webAuth.parseHash(callback))
    expect(error).toBeNull()
    expect(result).toMatchObject({ accessToken: 'at', tokenType: 'Bearer', expiresIn: 60 })
    expect(replaceState).toHaveBeenCalledWith(expect.anything(), '', REDIRECT_URI)
  })

  test('parseHash({ hash }, callback) reads the given fragment', async () => {
    const { server, webAuth, fragment } = await implicitLogin()
    stubPage(REDIRECT_URI)
    server.expect({ method: 'GET', path: '/.well-known/jwks.json', reply: json(200, jwks(key)) })
    const [error, result] = await viaCallback((callback) =>
      webAuth.parseHash({ hash: `#${fragment}` }, callback),
    )
    expect(error).toBeNull()
    expect(result?.accessToken).toBe('at')
  })

  test('parseHash({ state }) refuses another state, as a Promise', async () => {
    const { webAuth, fragment } = await implicitLogin()
    stubPage(`${REDIRECT_URI}#${fragment}`)
    await rejectsWith(webAuth.parseHash({ state: 'not-this-one' }), 'state_mismatch')
  })

  test('parseHash(callback) hands a refusal to the callback', async () => {
    stubPage(`${REDIRECT_URI}#access_token=at`)
    const server = fakeServer()
    const { webAuth } = makeWebAuth(server)
    const [error, result] = await viaCallback((callback) => webAuth.parseHash(callback))
    expect(error?.code).toBe('state_mismatch')
    expect(result).toBeUndefined()
  })
})

/** Which flow a login uses, and what its redirect back must carry: code with PKCE unless asked otherwise. */
import { beforeAll, describe, expect, test } from 'vitest'
import { fakeServer, json } from './support/fake-fetch'
import { makeWebAuth, rejectsWith, stubSessionStorage } from './support/fixtures'
import { beginRedirectLogin, callbackUrl } from './support/redirect'
import { atHash, claims, jwks, makeSigningKey, signIdToken, type SigningKey } from './support/tokens'

let key: SigningKey
beforeAll(async () => {
  key = await makeSigningKey('key-1')
})

describe('handleRedirectCallback() response types (S10)', () => {
  test('the default is code with PKCE', async () => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    const query = await beginRedirectLogin(webAuth, server, navigate)
    expect(query.response_type).toBe('code')
    expect(query.code_challenge_method).toBe('S256')
  })

  test('implicit id_token token only when asked for; completes from the fragment without a token request', async () => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server, { responseType: 'token id_token' })
    const query = await beginRedirectLogin(webAuth, server, navigate)
    expect(query.response_type).toBe('id_token token')
    expect(query).not.toHaveProperty('code_challenge')
    const idToken = await signIdToken(key, claims({ nonce: query.nonce, at_hash: atHash('at') }))
    server.expect({ method: 'GET', path: '/.well-known/jwks.json', reply: json(200, jwks(key)) })
    const result = await webAuth.handleRedirectCallback(
      callbackUrl(
        {
          access_token: 'at',
          id_token: idToken,
          token_type: 'Bearer',
          expires_in: '7200',
          state: query.state!,
        },
        'fragment',
      ),
    )
    expect(result).toMatchObject({ accessToken: 'at', idToken, expiresIn: 7200, tokenType: 'Bearer' })
  })

  test('an implicit login refuses an injected code before any request', async () => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server, { responseType: 'id_token' })
    const query = await beginRedirectLogin(webAuth, server, navigate)
    await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ code: 'c', state: query.state! })),
      'invalid_response',
    )
    expect(server.requests.map((request) => request.path)).toEqual(['/co/authenticate'])
  })

  test('an implicit id_token login without the ID token is refused', async () => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server, { responseType: 'id_token' })
    const query = await beginRedirectLogin(webAuth, server, navigate)
    await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ access_token: 'at', state: query.state! }, 'fragment')),
      'invalid_token',
    )
  })

  // response_type=token never returns an ID token (OIDC Core 3.2.2.5), whatever the scope.
  test('an implicit token login completes with the access token alone', async () => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server, { responseType: 'token' })
    const query = await beginRedirectLogin(webAuth, server, navigate)
    const result = await webAuth.handleRedirectCallback(
      callbackUrl(
        { access_token: 'at', token_type: 'Bearer', expires_in: '60', state: query.state! },
        'fragment',
      ),
    )
    expect(result).toMatchObject({ accessToken: 'at', expiresIn: 60 })
  })

  test('a redirect with no token at all is refused', async () => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server, { responseType: 'token', scope: 'email' })
    const query = await beginRedirectLogin(webAuth, server, navigate)
    await rejectsWith(
      webAuth.handleRedirectCallback(callbackUrl({ state: query.state! }, 'fragment')),
      'invalid_response',
    )
  })
})

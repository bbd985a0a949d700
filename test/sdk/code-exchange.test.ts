/**
 * The code exchange at /oauth/token as it goes over the wire: a form that needs no CORS preflight, with
 * the tenant's signing keys (JWKS) requested alongside it rather than after its answer.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { fakeServer, json, offline, type FakeServer } from './support/fake-fetch'
import { CLIENT_ID, REDIRECT_URI, makeWebAuth, rejectsWith, stubSessionStorage } from './support/fixtures'
import { beginRedirectLogin, callbackUrl, expectTokenExchange } from './support/redirect'
import { claims, jwks, makeSigningKey, signIdToken, type SigningKey } from './support/tokens'

let key: SigningKey
beforeAll(async () => {
  key = await makeSigningKey('key-1')
})

const tokenReply = async (nonce: string | undefined) =>
  json(200, { access_token: 'at', id_token: await signIdToken(key, claims({ nonce })), token_type: 'Bearer' })

const jwksRequests = (server: FakeServer) =>
  server.requests.filter((request) => request.path === '/.well-known/jwks.json')

async function redirectLogin(options: Parameters<typeof makeWebAuth>[1] = {}) {
  stubSessionStorage()
  const server = fakeServer()
  const { webAuth, navigate } = makeWebAuth(server, options)
  const query = await beginRedirectLogin(webAuth, server, navigate)
  const complete = () => webAuth.handleRedirectCallback(callbackUrl({ code: 'code-1', state: query.state! }))
  return { server, query, complete }
}

describe('the code exchange', () => {
  test('is a form POST with no header or cookie that would cost a CORS preflight', async () => {
    // Telemetry is on (the default): /co/authenticate carries the header, the exchange must not.
    const { server, query, complete } = await redirectLogin()
    expect(server.requests[0]?.headers.has('auth0-client')).toBe(true)
    expectTokenExchange(server, {
      code: 'code-1',
      challenge: query.code_challenge!,
      reply: await tokenReply(query.nonce),
      keys: json(200, jwks(key)),
    })
    await complete()
    const exchange = server.requests.find((request) => request.path === '/oauth/token')!
    expect(exchange.headers.get('content-type')).toBe('application/x-www-form-urlencoded;charset=UTF-8')
    expect([...exchange.headers.keys()]).toEqual(['content-type'])
    expect(exchange.credentials).toBe('same-origin')
    expect(new URLSearchParams(exchange.rawBody).get('redirect_uri')).toBe(REDIRECT_URI)
    expect(new URLSearchParams(exchange.rawBody).get('client_id')).toBe(CLIENT_ID)
  })

  test('requests the JWKS before the token endpoint has answered, and only once', async () => {
    const { server, query, complete } = await redirectLogin()
    let answerTokens: ((response: Response) => void) | undefined
    expectTokenExchange(server, {
      code: 'code-1',
      challenge: query.code_challenge!,
      reply: () => new Promise<Response>((resolve) => (answerTokens = resolve)),
      keys: json(200, jwks(key)),
    })
    const result = complete()
    await expect.poll(() => jwksRequests(server).length).toBe(1)
    // The token request is out and still unanswered while the JWKS request goes.
    expect(answerTokens).toBeDefined()
    answerTokens!(await tokenReply(query.nonce))
    await expect(result).resolves.toMatchObject({ idTokenPayload: { sub: 'email|123' } })
    expect(jwksRequests(server)).toHaveLength(1)
  })

  test('a JWKS that cannot be fetched fails the login once, without a second JWKS request', async () => {
    const { server, query, complete } = await redirectLogin()
    expectTokenExchange(server, {
      code: 'code-1',
      challenge: query.code_challenge!,
      reply: await tokenReply(query.nonce),
      keys: offline(),
    })
    await rejectsWith(complete(), 'network_error')
    expect(jwksRequests(server)).toHaveLength(1)
  })

  test('the token endpoint refusing the code is what the app sees, even when the JWKS failed first', async () => {
    const { server, query, complete } = await redirectLogin()
    const refusal = json(403, { error: 'invalid_grant', error_description: 'Invalid authorization code' })
    expectTokenExchange(server, {
      code: 'code-1',
      challenge: query.code_challenge!,
      reply: () => new Promise<Response>((resolve) => setTimeout(() => resolve(refusal), 20)),
      keys: offline(),
    })
    // The JWKS failure is never read, and must not surface as an unhandled rejection either.
    await rejectsWith(complete(), 'invalid_grant')
  })

  test('no JWKS request goes with a code flow that asks for no ID token', async () => {
    const { server, query, complete } = await redirectLogin({ scope: 'email' })
    expect(query).not.toHaveProperty('nonce')
    expectTokenExchange(server, {
      code: 'code-1',
      challenge: query.code_challenge!,
      reply: json(200, { access_token: 'at', token_type: 'Bearer' }),
    })
    await expect(complete()).resolves.toMatchObject({ accessToken: 'at' })
    expect(jwksRequests(server)).toHaveLength(0)
  })
})

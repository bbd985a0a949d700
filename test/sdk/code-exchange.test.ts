/** The code exchange at /oauth/token as it goes over the wire: a form that needs no CORS preflight. */
import { beforeAll, describe, expect, test } from 'vitest'
import { fakeServer, json } from './support/fake-fetch'
import { CLIENT_ID, REDIRECT_URI, makeWebAuth, stubSessionStorage } from './support/fixtures'
import { beginRedirectLogin, callbackUrl, expectTokenExchange } from './support/redirect'
import { claims, jwks, makeSigningKey, signIdToken, type SigningKey } from './support/tokens'

let key: SigningKey
beforeAll(async () => {
  key = await makeSigningKey('key-1')
})

const tokenReply = async (nonce: string | undefined) =>
  json(200, { access_token: 'at', id_token: await signIdToken(key, claims({ nonce })), token_type: 'Bearer' })

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
    })
    server.expect({ method: 'GET', path: '/.well-known/jwks.json', reply: json(200, jwks(key)) })
    await complete()
    const exchange = server.requests.find((request) => request.path === '/oauth/token')!
    expect(exchange.headers.get('content-type')).toBe('application/x-www-form-urlencoded;charset=UTF-8')
    expect([...exchange.headers.keys()]).toEqual(['content-type'])
    expect(exchange.credentials).toBe('same-origin')
    expect(new URLSearchParams(exchange.rawBody).get('redirect_uri')).toBe(REDIRECT_URI)
    expect(new URLSearchParams(exchange.rawBody).get('client_id')).toBe(CLIENT_ID)
  })
})

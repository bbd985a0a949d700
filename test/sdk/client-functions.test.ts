import { beforeAll, describe, expect, test, vi } from 'vitest'
import { createClient, handleRedirectCallback, passwordlessLogin, passwordlessStart } from '../../src/index'
import { fakeServer, json, noRequests } from './support/fake-fetch'
import {
  CLIENT_ID,
  DOMAIN,
  EMAIL,
  REDIRECT_URI,
  rejectsWith,
  stubSessionStorage,
  throwsWith,
} from './support/fixtures'
import { callbackUrl, expectTokenExchange } from './support/redirect'
import { claims, jwks, makeSigningKey, signIdToken, type SigningKey } from './support/tokens'

// The function-per-method API: the same behaviour as WebAuth's methods, for apps that want
// their bundler to keep only what they call.

let key: SigningKey
beforeAll(async () => {
  key = await makeSigningKey('key-1')
})

describe('createClient()', () => {
  test('refuses a client secret like the WebAuth constructor, before any request', () => {
    throwsWith(
      () => createClient({ domain: DOMAIN, clientID: CLIENT_ID, internalOptions: { clientSecret: 'x' } }),
      'client_secret_in_browser',
      /clientSecret/,
    )
  })

  test('refuses invalid options naming the field', () => {
    throwsWith(
      () => createClient({ domain: 'http://example.com', clientID: CLIENT_ID }),
      'invalid_options',
      /"domain"/,
    )
  })
})

describe('passwordlessStart(client, options)', () => {
  test('sends the documented request', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) =>
        expect(request.body).toMatchObject({
          client_id: CLIENT_ID,
          connection: 'email',
          send: 'code',
          email: EMAIL,
        }),
      reply: json(200, { email: EMAIL }),
    })
    const client = createClient({ domain: DOMAIN, clientID: CLIENT_ID, fetch: server.fetch })
    await expect(
      passwordlessStart(client, { connection: 'email', send: 'code', email: EMAIL }),
    ).resolves.toEqual({
      connection: 'email',
      send: 'code',
      email: EMAIL,
    })
  })

  test('rejects bad input with a WebAuthError and no request', async () => {
    const server = noRequests()
    const client = createClient({ domain: DOMAIN, clientID: CLIENT_ID, fetch: server.fetch })
    await rejectsWith(
      passwordlessStart(client, { connection: 'email', email: 'not-an-address' }),
      'invalid_input',
      /"email"/,
    )
  })
})

describe('passwordlessLogin(client, options) and handleRedirectCallback(client, url)', () => {
  test('complete an app login with PKCE and a verified ID token', async () => {
    stubSessionStorage()
    const navigate = vi.fn<(url: string) => void>()
    const server = fakeServer({
      method: 'POST',
      path: '/co/authenticate',
      reply: json(200, { login_ticket: 'ticket' }),
    })
    const client = createClient({
      domain: DOMAIN,
      clientID: CLIENT_ID,
      redirectUri: REDIRECT_URI,
      hostedPage: false,
      fetch: server.fetch,
      navigate,
    })
    await passwordlessLogin(client, { connection: 'email', email: EMAIL, verificationCode: '123456' })
    const query = Object.fromEntries(new URL(navigate.mock.calls[0]?.[0] as string).searchParams)
    expect(query).toMatchObject({ login_ticket: 'ticket', code_challenge_method: 'S256' })
    expectTokenExchange(server, {
      code: 'auth-code',
      challenge: query.code_challenge as string,
      reply: json(200, {
        access_token: 'at',
        id_token: await signIdToken(key, claims({ nonce: query.nonce })),
        token_type: 'Bearer',
      }),
    })
    server.expect({ method: 'GET', path: '/.well-known/jwks.json', reply: json(200, jwks(key)) })
    const result = await handleRedirectCallback(
      client,
      callbackUrl({ code: 'auth-code', state: query.state as string }),
    )
    expect(result).toMatchObject({
      accessToken: 'at',
      idTokenPayload: { aud: CLIENT_ID, nonce: query.nonce },
    })
  })
})

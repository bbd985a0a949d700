import { describe, expect, test } from 'vitest'
import { fromUniversalLoginConfig } from '../../src/index'
import { fakeServer, json } from './support/fake-fetch'
import { CLIENT_ID, DOMAIN, EMAIL, REDIRECT_URI, throwsWith } from './support/fixtures'

const config = {
  auth0Domain: DOMAIN,
  clientID: CLIENT_ID,
  callbackURL: REDIRECT_URI,
  auth0Tenant: 'tenant',
  dict: { signin: { title: 'Connexion' } },
  internalOptions: { state: 'page-state', _csrf: 'csrf', login_hint: 'zoë@exämple.com', ui_locales: 'fr-CA' },
}
const toBase64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64')

describe('fromUniversalLoginConfig()', () => {
  test('builds a hosted-page WebAuth from the decoded object', async () => {
    const server = fakeServer(
      {
        method: 'POST',
        path: '/passwordless/start',
        check: (request) => {
          expect(request.url.origin).toBe(`https://${DOMAIN}`)
          expect(request.body).toMatchObject({
            client_id: CLIENT_ID,
            authParams: { redirect_uri: REDIRECT_URI, state: 'page-state', _csrf: 'csrf' },
          })
        },
        reply: json(200, {}),
      },
      // Hosted-page mode although location is not the tenant's: /passwordless/verify, not /co/authenticate.
      { method: 'POST', path: '/passwordless/verify', reply: json(200, {}) },
    )
    const urls: string[] = []
    const webAuth = fromUniversalLoginConfig(config, {
      fetch: server.fetch,
      navigate: (url) => void urls.push(url),
    })
    await webAuth.passwordlessStart({ connection: 'email', send: 'link', email: EMAIL })
    await webAuth.passwordlessLogin({ connection: 'email', email: EMAIL, verificationCode: '123456' })
    expect(urls[0]).toMatch(new RegExp(`^https://${DOMAIN}/passwordless/verify_redirect\\?`))
  })

  test('decodes base64 of UTF-8 JSON with non-ASCII characters', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) =>
        expect(request.body).toMatchObject({
          authParams: { login_hint: 'zoë@exämple.com', ui_locales: 'fr-CA' },
        }),
      reply: json(200, {}),
    })
    const webAuth = fromUniversalLoginConfig(`\n  ${toBase64(config)}  \n`, { fetch: server.fetch })
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
  })

  test('decodes base64url text as well', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) =>
        expect(request.body).toMatchObject({ authParams: { login_hint: 'zoë@exämple.com' } }),
      reply: json(200, {}),
    })
    const text = Buffer.from(JSON.stringify(config), 'utf8').toString('base64url')
    await fromUniversalLoginConfig(text, { fetch: server.fetch }).passwordlessStart({
      connection: 'email',
      send: 'code',
      email: EMAIL,
    })
  })

  test('prefers authorizationServer.url over auth0Domain', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) => expect(request.url.origin).toBe('http://localhost:4400'),
      reply: json(200, {}),
    })
    const webAuth = fromUniversalLoginConfig(
      { ...config, authorizationServer: { url: 'http://localhost:4400' } },
      { fetch: server.fetch },
    )
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
  })

  test('callbackOnLocationHash asks for response_mode fragment', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) => expect(request.body).toMatchObject({ authParams: { response_mode: 'fragment' } }),
      reply: json(200, {}),
    })
    const webAuth = fromUniversalLoginConfig(
      { ...config, callbackOnLocationHash: true },
      { fetch: server.fetch },
    )
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
  })

  test("takes the page's other fields, nested ones included, and ignores them; an own __proto__ key changes nothing", async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) =>
        expect(request.body).toMatchObject({ client_id: CLIENT_ID, authParams: { state: 's' } }),
      reply: json(200, {}),
    })
    // Written as text: an object literal's `__proto__` would set the prototype instead of a key.
    const text = `{"__proto__":{"polluted":true},"auth0Domain":"${DOMAIN}","clientID":"${CLIENT_ID}","colors":{"primary":"#000"},"authorizationServer":{"url":"https://${DOMAIN}","issuer":"x"},"internalOptions":{"state":"s"}}`
    const webAuth = fromUniversalLoginConfig(Buffer.from(text, 'utf8').toString('base64'), {
      fetch: server.fetch,
    })
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    server.verify()
  })

  test.each([
    ['text that is not base64', '%%%not base64%%%'],
    ['base64 of text that is not JSON', Buffer.from('hello').toString('base64')],
    ['base64 of bytes that are not UTF-8', Buffer.from([0xff, 0xfe, 0x7b]).toString('base64')],
  ])('refuses %s with invalid_options', (_what, text) => {
    throwsWith(() => fromUniversalLoginConfig(text), 'invalid_options')
  })

  test.each([
    ['clientID', { auth0Domain: DOMAIN }],
    ['auth0Domain', { clientID: CLIENT_ID }],
    ['internalOptions', { auth0Domain: DOMAIN, clientID: CLIENT_ID, internalOptions: 'state=x' }],
    ['callbackURL', { auth0Domain: DOMAIN, clientID: CLIENT_ID, callbackURL: 42 }],
  ])('refuses a config without a valid %s, naming it', (field, value) => {
    throwsWith(() => fromUniversalLoginConfig(value), 'invalid_options', new RegExp(`"${field}"`))
  })
})

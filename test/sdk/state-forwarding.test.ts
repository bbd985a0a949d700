import { describe, expect, test } from 'vitest'
import { WebAuth, fromUniversalLoginConfig, type WebAuthOptions } from '../../src/index'
import { fakeServer, json, type FakeServer } from './support/fake-fetch'
import {
  CLIENT_ID,
  DOMAIN,
  EMAIL,
  ORIGIN,
  REDIRECT_URI,
  makeWebAuth,
  rejectsWith,
  stubSessionStorage,
  throwsWith,
} from './support/fixtures'

// What a Universal Login page's @@config@@ carries, in both spellings.
const internalOptions = {
  state: 'hKFo2SBzdGF0ZS1mcm9tLXRoZS1wYWdl',
  _csrf: 'csrf-token-1',
  _intstate: 'deprecated',
  nonce: 'page-nonce',
  response_type: 'code',
  response_mode: 'query',
  prompt: 'login',
  ui_locales: 'fr-CA',
  protocol: 'oauth2',
  scope: 'openid email',
  audience: 'https://api.example.com',
  loginHint: 'hint',
  customParam: 42,
  isTrusted: true,
}

const wire = {
  state: 'hKFo2SBzdGF0ZS1mcm9tLXRoZS1wYWdl',
  _csrf: 'csrf-token-1',
  _intstate: 'deprecated',
  nonce: 'page-nonce',
  response_type: 'code',
  response_mode: 'query',
  prompt: 'login',
  ui_locales: 'fr-CA',
  protocol: 'oauth2',
  scope: 'openid email',
  audience: 'https://api.example.com',
  login_hint: 'hint',
  custom_param: '42',
  is_trusted: 'true',
}

const captureStart = (): FakeServer =>
  fakeServer({ method: 'POST', path: '/passwordless/start', reply: json(200, {}) })
const sentAuthParams = (server: FakeServer) =>
  (server.requests[0]?.body as { authParams: Record<string, string> }).authParams

describe('internalOptions forwarding (S2)', () => {
  test.each([
    ['email code', { connection: 'email', send: 'code', email: EMAIL }],
    ['email link', { connection: 'email', send: 'link', email: EMAIL }],
    ['sms code', { connection: 'sms', send: 'code', phoneNumber: '+15555550123' }],
  ] as const)(
    'every key reaches /passwordless/start authParams on the hosted page (%s)',
    async (_what, options) => {
      const server = captureStart()
      const { webAuth } = makeWebAuth(server, { hostedPage: true, internalOptions })
      await webAuth.passwordlessStart(options)
      expect(sentAuthParams(server)).toMatchObject(wire)
    },
  )

  test('state, _csrf, _intstate and nonce reach a link start from an app unchanged', async () => {
    stubSessionStorage()
    const server = captureStart()
    const { webAuth } = makeWebAuth(server, { hostedPage: false, internalOptions })
    await webAuth.passwordlessStart({ connection: 'email', send: 'link', email: EMAIL })
    const sent = sentAuthParams(server)
    expect(sent).toMatchObject({
      state: internalOptions.state,
      _csrf: internalOptions._csrf,
      _intstate: internalOptions._intstate,
      nonce: internalOptions.nonce,
    })
    expect(sent.code_challenge_method).toBe('S256')
  })

  test('every key reaches the /passwordless/verify_redirect query', async () => {
    const server = fakeServer({ method: 'POST', path: '/passwordless/verify', reply: json(200, {}) })
    const { webAuth, navigate } = makeWebAuth(server, { hostedPage: true, internalOptions })
    await webAuth.passwordlessLogin({ connection: 'email', email: EMAIL, verificationCode: '123456' })
    expect(navigate).toHaveBeenCalledTimes(1)
    const url = new URL(navigate.mock.calls[0]![0])
    expect(url.origin + url.pathname).toBe(`${ORIGIN}/passwordless/verify_redirect`)
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      ...wire,
      client_id: CLIENT_ID,
      connection: 'email',
      email: EMAIL,
      redirect_uri: REDIRECT_URI,
    })
  })

  test('every key reaches both endpoints from fromUniversalLoginConfig', async () => {
    const server = fakeServer(
      { method: 'POST', path: '/passwordless/start', reply: json(200, {}) },
      { method: 'POST', path: '/passwordless/verify', reply: json(200, {}) },
    )
    const navigate = (url: string) => void urls.push(url)
    const urls: string[] = []
    const webAuth = fromUniversalLoginConfig(
      { auth0Domain: DOMAIN, clientID: CLIENT_ID, callbackURL: REDIRECT_URI, internalOptions },
      { fetch: server.fetch, navigate },
    )
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
    await webAuth.passwordlessLogin({ connection: 'email', email: EMAIL, verificationCode: '123456' })
    expect(sentAuthParams(server)).toMatchObject(wire)
    expect(Object.fromEntries(new URL(urls[0]!).searchParams)).toMatchObject(wire)
  })

  test('the SDK never replaces a given state with its own', async () => {
    stubSessionStorage()
    const server = captureStart()
    const { webAuth } = makeWebAuth(server, { state: 'given-state' })
    await webAuth.passwordlessStart({ connection: 'email', send: 'link', email: EMAIL })
    expect(sentAuthParams(server).state).toBe('given-state')
  })

  describe('precedence', () => {
    test('per-call authParams over constructor options over defaults', async () => {
      const server = captureStart()
      const { webAuth } = makeWebAuth(server, {
        hostedPage: true,
        scope: 'openid',
        internalOptions: { prompt: 'login', audience: 'from-internal' },
      })
      await webAuth.passwordlessStart({
        connection: 'email',
        send: 'code',
        email: EMAIL,
        authParams: { audience: 'from-call', uiLocales: 'de' },
      })
      expect(sentAuthParams(server)).toMatchObject({
        response_type: 'code',
        scope: 'openid',
        prompt: 'login',
        audience: 'from-call',
        ui_locales: 'de',
      })
    })

    test('per-call authParams in snake_case override a camelCase constructor option', async () => {
      const server = captureStart()
      const { webAuth } = makeWebAuth(server, { hostedPage: true, audience: 'from-constructor' })
      await webAuth.passwordlessStart({
        connection: 'email',
        send: 'code',
        email: EMAIL,
        authParams: { audience: 'x' },
      })
      expect(sentAuthParams(server).audience).toBe('x')
    })

    test('per-call state over internalOptions state', async () => {
      const server = captureStart()
      const { webAuth } = makeWebAuth(server, { hostedPage: true, internalOptions: { state: 'page' } })
      await webAuth.passwordlessStart({
        connection: 'email',
        send: 'code',
        email: EMAIL,
        authParams: { state: 'call' },
      })
      expect(sentAuthParams(server).state).toBe('call')
    })
  })

  describe('two spellings of one key', () => {
    test('with the same value are accepted and sent once', async () => {
      const server = captureStart()
      const { webAuth } = makeWebAuth(server, { hostedPage: true })
      await webAuth.passwordlessStart({
        connection: 'email',
        send: 'code',
        email: EMAIL,
        authParams: { uiLocales: 'fr', ui_locales: 'fr' },
      })
      expect(sentAuthParams(server)).toMatchObject({ ui_locales: 'fr' })
      expect(sentAuthParams(server)).not.toHaveProperty('uiLocales')
    })

    test('with different values in authParams are refused before any request', async () => {
      const server = fakeServer()
      const { webAuth } = makeWebAuth(server, { hostedPage: true })
      await rejectsWith(
        webAuth.passwordlessStart({
          connection: 'email',
          send: 'code',
          email: EMAIL,
          authParams: { responseType: 'code', response_type: 'token' },
        }),
        'invalid_input',
        /"authParams\.responseType"|"authParams\.response_type"/,
      )
    })

    test('with different values in internalOptions are refused by the constructor', () => {
      throwsWith(
        () =>
          new WebAuth({
            domain: DOMAIN,
            clientID: CLIENT_ID,
            internalOptions: { uiLocales: 'fr', ui_locales: 'de' },
          } as WebAuthOptions),
        'invalid_options',
        /ui_?[lL]ocales/,
      )
    })
  })

  test('refuses a forwarded client_id that differs from the client on the hosted page', async () => {
    const server = fakeServer()
    const { webAuth } = makeWebAuth(server, {
      hostedPage: true,
      internalOptions: { client_id: 'someone-else' },
    })
    await rejectsWith(
      webAuth.passwordlessLogin({ connection: 'email', email: EMAIL, verificationCode: '123456' }),
      'invalid_input',
      /client_id/,
    )
  })
})

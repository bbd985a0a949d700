import vm from 'node:vm'
import { describe, expect, test, vi } from 'vitest'
import {
  WebAuth,
  fromUniversalLoginConfig,
  type PasswordlessLoginOptions,
  type PasswordlessStartOptions,
  type WebAuthOptions,
} from '../../src/index'
import { snapshot } from '../../src/input/snapshot'
import { fakeServer, json } from './support/fake-fetch'
import {
  CLIENT_ID,
  DOMAIN,
  EMAIL,
  makeWebAuth,
  rejectsWith,
  throwsWith,
  emailCodeStart as emailCode,
  emailLogin as login,
} from './support/fixtures'

const SECRET = 'super-secret-value'
const base = { domain: DOMAIN, clientID: CLIENT_ID }

// A fetch that answers anything and records the bodies: for tests where a request is the bug.
function capturingWebAuth() {
  const bodies: string[] = []
  const fetch = async (input: RequestInfo | URL) => {
    bodies.push(await (input as Request).text())
    return json(200, {})
  }
  return { webAuth: new WebAuth({ ...base, fetch: fetch as typeof globalThis.fetch }), bodies }
}

describe('the secret guard (S1)', () => {
  describe('refuses with client_secret_in_browser and makes no request', () => {
    test.each([
      ['clientSecret in the constructor options', { ...base, clientSecret: SECRET }, 'clientSecret'],
      [
        'client_secret in internalOptions',
        { ...base, internalOptions: { client_secret: SECRET } },
        'client_secret',
      ],
      [
        'CLIENT_ASSERTION in internalOptions',
        { ...base, internalOptions: { CLIENT_ASSERTION: 'jwt' } },
        'CLIENT_ASSERTION',
      ],
      ['client-secret in headers', { ...base, headers: { 'client-secret': SECRET } }, 'client-secret'],
      [
        'an Authorization header',
        { ...base, headers: { Authorization: `Basic ${btoa(`a:${SECRET}`)}` } },
        'Authorization',
      ],
      [
        'an authorization header in lower case',
        { ...base, headers: { authorization: 'Bearer x' } },
        'authorization',
      ],
    ])('%s (constructor)', (_what, options, key) => {
      const fetch = vi.fn<typeof globalThis.fetch>()
      const error = throwsWith(
        () => new WebAuth({ ...(options as WebAuthOptions), fetch }),
        'client_secret_in_browser',
        new RegExp(`"${key}"`),
      )
      expect(error.message).toMatch(/backend/)
      expect(error.message).not.toContain(SECRET)
      expect(fetch).not.toHaveBeenCalled()
    })

    test.each([
      ['client_secret at the top level', { ...emailCode, client_secret: SECRET }, 'client_secret'],
      [
        'CLIENT_SECRET in authParams',
        { ...emailCode, authParams: { CLIENT_SECRET: SECRET } },
        'CLIENT_SECRET',
      ],
      [
        'clientAssertionType in authParams',
        { ...emailCode, authParams: { clientAssertionType: 'x' } },
        'clientAssertionType',
      ],
      [
        'client.assertion in authParams',
        { ...emailCode, authParams: { 'client.assertion': 'x' } },
        'client.assertion',
      ],
      [
        'Client Secret deep in appState',
        { connection: 'email', email: EMAIL, appState: { a: [{ b: { 'Client Secret': 1 } }] } },
        'Client Secret',
      ],
      [
        'client_secret in a Map in appState',
        { connection: 'email', email: EMAIL, appState: new Map([['client_secret', SECRET]]) },
        'client_secret',
      ],
      [
        'client-secret in Headers in appState',
        { connection: 'email', email: EMAIL, appState: new Headers({ 'Client-Secret': SECRET }) },
        'client-secret',
      ],
      [
        'client_secret in URLSearchParams in appState',
        { connection: 'email', email: EMAIL, appState: new URLSearchParams({ client_secret: SECRET }) },
        'client_secret',
      ],
    ])('%s (passwordlessStart)', async (_what, options, key) => {
      const server = fakeServer()
      const { webAuth } = makeWebAuth(server)
      const error = await rejectsWith(
        webAuth.passwordlessStart(options as unknown as PasswordlessStartOptions),
        'client_secret_in_browser',
        new RegExp(`"${key.replace('.', '\\.')}"`),
      )
      expect(error.message).not.toContain(SECRET)
      expect(server.requests).toHaveLength(0)
    })

    test.each([
      ['client_assertion at the top level', { ...login, client_assertion: 'jwt' }],
      ['client-assertion-type in authParams', { ...login, authParams: { 'client-assertion-type': 'x' } }],
      ['clientSecret in authParams', { ...login, authParams: { clientSecret: SECRET } }],
    ])('%s (passwordlessLogin, hosted page and not)', async (_what, options) => {
      for (const hostedPage of [true, false]) {
        const server = fakeServer()
        const { webAuth, navigate } = makeWebAuth(server, { hostedPage })
        await rejectsWith(
          webAuth.passwordlessLogin(options as unknown as PasswordlessLoginOptions),
          'client_secret_in_browser',
        )
        expect(server.requests).toHaveLength(0)
        expect(navigate).not.toHaveBeenCalled()
      }
    })

    test('client_secret in a Universal Login config internalOptions', () => {
      throwsWith(
        () =>
          fromUniversalLoginConfig({
            auth0Domain: DOMAIN,
            clientID: CLIENT_ID,
            internalOptions: { state: 'abc', client_secret: SECRET },
          }),
        'client_secret_in_browser',
        /"client_secret"/,
      )
    })

    test('clientSecret in the overrides of fromUniversalLoginConfig', () => {
      throwsWith(
        () =>
          fromUniversalLoginConfig({ auth0Domain: DOMAIN, clientID: CLIENT_ID }, {
            clientSecret: SECRET,
          } as unknown as Partial<WebAuthOptions>),
        'client_secret_in_browser',
      )
    })

    // An options object built in another realm (an iframe, a popup, a config parsed by
    // another script) is still options data: its secret must not reach the wire.
    test('client_secret in authParams built in another realm', async () => {
      const { webAuth, bodies } = capturingWebAuth()
      const authParams = vm.runInNewContext(`({ client_secret: ${JSON.stringify(SECRET)} })`) as Record<
        string,
        string
      >
      const outcome = await webAuth.passwordlessStart({ ...emailCode, authParams }).then(
        () => 'sent',
        (error: { code?: string }) => error.code,
      )
      expect(bodies.join()).not.toContain(SECRET)
      expect(outcome).toBe('client_secret_in_browser')
    })

    test('client_secret in internalOptions built in another realm', () => {
      const internalOptions = vm.runInNewContext(`({ state: 'abc', client_secret: 's' })`) as Record<
        string,
        string
      >
      throwsWith(
        () => new WebAuth({ ...base, internalOptions }),
        'client_secret_in_browser',
        /"client_secret"/,
      )
    })

    test('client_secret in authParams whose prototype is not Object.prototype', async () => {
      const { webAuth, bodies } = capturingWebAuth()
      const authParams = Object.assign(Object.create({ inherited: true }) as object, {
        client_secret: SECRET,
      })
      const outcome = await webAuth.passwordlessStart({ ...emailCode, authParams }).then(
        () => 'sent',
        (error: { code?: string }) => error.code,
      )
      expect(bodies.join()).not.toContain(SECRET)
      expect(outcome).toBe('client_secret_in_browser')
    })
  })

  test('does not refuse keys that merely contain the words', () => {
    expect(() =>
      snapshot(
        { client: { secret: 1 }, secret: 'x', client_id: 'a', assertion: 'b' },
        'options',
        'invalid_input',
      ),
    ).not.toThrow()
  })
})

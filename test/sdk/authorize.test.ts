import { describe, expect, test } from 'vitest'
import { authorize, createClient } from '../../src/index'
import { fakeServer, json, noRequests } from './support/fake-fetch'
import {
  CLIENT_ID,
  ORIGIN,
  REDIRECT_URI,
  TX_PREFIX,
  makeWebAuth,
  rejectsWith,
  stubSessionStorage,
} from './support/fixtures'
import { callbackUrl, expectTokenExchange, s256 } from './support/redirect'

function leftFor(navigate: { mock: { calls: unknown[][] } }): URL {
  expect(navigate.mock.calls).toHaveLength(1)
  return new URL(String(navigate.mock.calls[0]?.[0]))
}

describe('authorize()', () => {
  test('leaves for /authorize with a fresh state, nonce and S256 challenge, and the named parameters in wire form', async () => {
    const storage = stubSessionStorage()
    const { webAuth, navigate } = makeWebAuth(noRequests())
    await webAuth.authorize({
      connection: 'email',
      loginHint: 'ada@example.com',
      screenHint: 'signup',
      uiLocales: 'fr-CA',
      prompt: 'login',
      authParams: { maxAge: 600, organization: 'org_1' },
      returnTo: '/account',
    })
    const url = leftFor(navigate)
    expect(url.origin + url.pathname).toBe(`${ORIGIN}/authorize`)
    const query = Object.fromEntries(url.searchParams)
    expect(query).toMatchObject({
      client_id: CLIENT_ID,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: 'openid profile email',
      connection: 'email',
      login_hint: 'ada@example.com',
      screen_hint: 'signup',
      ui_locales: 'fr-CA',
      prompt: 'login',
      max_age: '600',
      organization: 'org_1',
      code_challenge_method: 'S256',
    })
    expect(query.state).toMatch(/^[\w-]{43}$/)
    expect(query.nonce).toMatch(/^[\w-]{43}$/)
    const stored = JSON.parse(storage.getItem(TX_PREFIX + query.state) ?? '{}') as Record<string, string>
    expect(s256(stored.codeVerifier ?? '')).toBe(query.code_challenge)
    expect(stored).toMatchObject({ nonce: query.nonce, returnTo: '/account' })
  })

  test('two calls get two different transactions', async () => {
    stubSessionStorage()
    const { webAuth, navigate } = makeWebAuth(noRequests())
    await webAuth.authorize()
    await webAuth.authorize({})
    const [first, second] = navigate.mock.calls.map(([url]) => new URL(url).searchParams)
    expect(first?.get('state')).not.toBe(second?.get('state'))
    expect(first?.get('code_challenge')).not.toBe(second?.get('code_challenge'))
  })

  test('completes in handleRedirectCallback like every other login', async () => {
    stubSessionStorage()
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server, { scope: 'email' })
    await webAuth.authorize({ appState: { from: 'hosted' } })
    const query = Object.fromEntries(leftFor(navigate).searchParams)
    expectTokenExchange(server, {
      code: 'hosted-code',
      challenge: query.code_challenge ?? '',
      reply: json(200, { access_token: 'at', token_type: 'Bearer' }),
    })
    const result = await webAuth.handleRedirectCallback(
      callbackUrl({ code: 'hosted-code', state: query.state ?? '' }),
    )
    expect(result).toMatchObject({ accessToken: 'at', appState: { from: 'hosted' } })
  })

  test('the function form does the same', async () => {
    stubSessionStorage()
    const navigated: string[] = []
    const client = createClient({
      domain: 'tenant.example.com',
      clientID: CLIENT_ID,
      redirectUri: REDIRECT_URI,
      navigate: (url) => navigated.push(url),
    })
    await authorize(client, { connection: 'sms', loginHint: '+15555550123' })
    const query = new URL(navigated[0] ?? '').searchParams
    expect(query.get('connection')).toBe('sms')
    expect(query.get('login_hint')).toBe('+15555550123')
  })

  test('refuses a secret in its options with client_secret_in_browser and does not navigate', async () => {
    const { webAuth, navigate } = makeWebAuth(noRequests())
    await rejectsWith(webAuth.authorize({ authParams: { client_secret: 'x' } }), 'client_secret_in_browser')
    expect(navigate).not.toHaveBeenCalled()
  })

  test('refuses unknown options, wrong types, a PKCE challenge and a foreign returnTo, naming the field', async () => {
    const { webAuth, navigate } = makeWebAuth(noRequests())
    const refusals: Array<[unknown, string]> = [
      [{ login_hint: 'a' }, 'login_hint'],
      [{ loginHint: 5 }, 'loginHint'],
      [{ prompt: '' }, 'prompt'],
      [{ authParams: { code_challenge: 'plain' } }, 'authParams.code_challenge'],
      [{ returnTo: '//evil.example' }, 'returnTo'],
      [{ authParams: { uiLocales: 'fr', ui_locales: 'de' } }, 'authParams.uiLocales'],
    ]
    for (const [options, field] of refusals) {
      const failure = await rejectsWith(webAuth.authorize(options as never), 'invalid_input')
      expect(failure.field).toBe(field)
    }
    expect(navigate).not.toHaveBeenCalled()
  })

  test('a named option and authParams that disagree are refused rather than one dropped', async () => {
    const { webAuth } = makeWebAuth(noRequests())
    const failure = await rejectsWith(
      webAuth.authorize({ loginHint: 'a@example.com', authParams: { login_hint: 'b@example.com' } }),
      'invalid_input',
    )
    expect(failure.field).toBe('authParams.login_hint')
  })

  test('with a callback, calls it once instead of resolving', async () => {
    stubSessionStorage()
    const { webAuth } = makeWebAuth(noRequests())
    const outcome = await new Promise<unknown[]>((done) => {
      webAuth.authorize({ prompt: 'login' }, (...args) => done(args))
    })
    expect(outcome).toEqual([null, undefined])
  })
})

import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createEmulator, type Emulator } from '../../demo/server/app'
import { WebAuth, fromUniversalLoginConfig, isWebAuthError } from '../../src/index'

// The SDK and the emulator together, in-process: the SDK's injectable fetch calls the
// emulator's fetch handler, navigation is captured, and each redirect is followed by hand.

const SPA_CALLBACK = 'http://127.0.0.1:4401/callback'
let emulator: Emulator
let navigations: string[]

// The browser's cookie jar of the tenant, as far as these tests need one: what the emulator set, sent back on
// every navigation that `follow` makes (a first-party, same-site set-up: nothing is blocked).
let cookies: string[]

const fetchFromEmulator: typeof fetch = async (input, init) => {
  const response = await emulator.fetch(new Request(input, init))
  cookies.push(...response.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? ''))
  return response
}

function spaWebAuth(): WebAuth {
  return new WebAuth({
    domain: emulator.issuer,
    clientID: 'spa-demo',
    redirectUri: SPA_CALLBACK,
    hostedPage: false,
    fetch: fetchFromEmulator,
    navigate: (url) => navigations.push(url),
  })
}

async function follow(url: string, init?: RequestInit): Promise<string> {
  const request = new Request(url, { redirect: 'manual', ...init })
  if (cookies.length > 0) request.headers.set('cookie', cookies.join('; '))
  const response = await emulator.fetch(request)
  const location = response.headers.get('location')
  if (response.status !== 302 || !location)
    throw new Error(`expected a redirect from ${url}, got ${response.status}`)
  return new URL(location, url).href
}

function newestMessage(to: string): { code: string; link?: string } {
  const message = emulator.outbox.list(to)[0]
  if (!message) throw new Error(`no message to ${to}`)
  return message
}

beforeEach(() => {
  emulator = createEmulator({ log: () => undefined })
  navigations = []
  cookies = []
})

afterEach(() => {
  emulator.reset()
})

describe('the SDK against the emulator', () => {
  test('email code from an SPA: start, /co/authenticate, /authorize, callback with a verified ID token', async () => {
    const webAuth = spaWebAuth()
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: 'ada@example.com' })
    const { code } = newestMessage('ada@example.com')
    await webAuth.passwordlessLogin({
      connection: 'email',
      email: 'ada@example.com',
      verificationCode: code,
      returnTo: '/profile',
    })
    expect(navigations).toHaveLength(1)
    const callback = await follow(navigations[0] as string)
    expect(callback.startsWith(`${SPA_CALLBACK}?`)).toBe(true)
    const result = await spaWebAuth().handleRedirectCallback(callback)
    expect(result.idTokenPayload).toMatchObject({ email: 'ada@example.com', aud: 'spa-demo' })
    expect(result.idTokenPayload?.sub).toMatch(/^email\|/)
    expect(result.returnTo).toBe('/profile')
    expect(result.accessToken).toEqual(expect.any(String))
  })

  test('SMS code from an SPA ends with the phone number in the ID token', async () => {
    const webAuth = spaWebAuth()
    await webAuth.passwordlessStart({ connection: 'sms', phoneNumber: '+15555550123', send: 'code' })
    const { code } = newestMessage('+15555550123')
    await webAuth.passwordlessLogin({
      connection: 'sms',
      phoneNumber: '+15555550123',
      verificationCode: code,
    })
    const result = await spaWebAuth().handleRedirectCallback(await follow(navigations[0] as string))
    expect(result.idTokenPayload).toMatchObject({ phone_number: '+15555550123' })
  })

  test('email link from an SPA: the person confirms, the link completes in the same browser', async () => {
    await spaWebAuth().passwordlessStart({
      connection: 'email',
      email: 'lin@example.com',
      appState: { tab: 2 },
    })
    const { link } = newestMessage('lin@example.com')
    expect(link).toBeDefined()
    // The GET shows a confirmation page and consumes nothing (mail scanners open links).
    const page = await emulator.fetch(new Request(link as string))
    expect(page.status).toBe(200)
    const form = new URLSearchParams(new URL(link as string).search)
    const callback = await follow(link as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    })
    const result = await spaWebAuth().handleRedirectCallback(callback)
    expect(result.idTokenPayload).toMatchObject({ email: 'lin@example.com' })
    expect(result.appState).toEqual({ tab: 2 })
  })

  test('Universal Login page: the hosted-page path forwards the page state and the app gets its own state back', async () => {
    const authorize = new URL('/authorize', emulator.issuer)
    const appState = 'app-own-state-123'
    authorize.search = new URLSearchParams({
      client_id: 'spa-demo',
      redirect_uri: SPA_CALLBACK,
      response_type: 'code',
      scope: 'openid email',
      state: appState,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString()
    const html = await (await emulator.fetch(new Request(authorize))).text()
    const config = /<meta name="auth0-config" content="([^"]+)"/.exec(html)?.[1]
    expect(config).toBeDefined()
    const webAuth = fromUniversalLoginConfig(config as string, {
      fetch: fetchFromEmulator,
      navigate: (url) => navigations.push(url),
    })
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: 'uli@example.com' })
    const { code } = newestMessage('uli@example.com')
    await webAuth.passwordlessLogin({ connection: 'email', email: 'uli@example.com', verificationCode: code })
    expect(new URL(navigations[0] as string).pathname).toBe('/passwordless/verify_redirect')
    const callback = new URL(await follow(navigations[0] as string))
    expect(`${callback.origin}${callback.pathname}`).toBe(SPA_CALLBACK)
    expect(callback.searchParams.get('state')).toBe(appState)
    expect(callback.searchParams.get('code')).toEqual(expect.any(String))
  })

  test('a wrong code is refused with the server code and a message that reveals nothing', async () => {
    const webAuth = spaWebAuth()
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: 'eve@example.com' })
    const { code } = newestMessage('eve@example.com')
    const wrong = code.replace(/\d/g, (digit) => String((Number(digit) + 1) % 10))
    const error = await webAuth
      .passwordlessLogin({ connection: 'email', email: 'eve@example.com', verificationCode: wrong })
      .catch((caught: unknown) => caught)
    expect(isWebAuthError(error)).toBe(true)
    expect(error).toMatchObject({ code: 'access_denied', statusCode: 403 })
    expect(navigations).toEqual([])
  })

  test('the 51st start from one address is refused with too_many_requests and a retryAfter', async () => {
    const webAuth = spaWebAuth()
    for (let index = 0; index < 50; index += 1) {
      await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: `p${index}@example.com` })
    }
    const error = await webAuth
      .passwordlessStart({ connection: 'email', send: 'code', email: 'p51@example.com' })
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'too_many_requests', statusCode: 429 })
    expect((error as { retryAfter: number }).retryAfter).toBeGreaterThan(0)
    expect(emulator.outbox.list('p51@example.com')).toEqual([])
  })
})

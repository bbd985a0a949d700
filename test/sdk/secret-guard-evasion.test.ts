import vm from 'node:vm'
import { afterEach, describe, expect, test } from 'vitest'
import {
  WebAuth,
  fromUniversalLoginConfig,
  isWebAuthError,
  type PasswordlessLoginOptions,
  type PasswordlessStartOptions,
  type WebAuthOptions,
} from '../../src/index'
import { json } from './support/fake-fetch'
import {
  CLIENT_ID,
  DOMAIN,
  EMAIL,
  REDIRECT_URI,
  emailCodeStart,
  emailLogin,
  stubPage,
} from './support/fixtures'

// The secret guard against inputs built to slip past it: other forms of the same data, values that change
// between two reads, prototypes, lookalike spellings. Every request that does go out is recorded whole
// (URL, headers, body) and searched for the secret, so a test fails on what reaches the wire.

const SECRET = 'super-secret-value'
const base = { domain: DOMAIN, clientID: CLIENT_ID, redirectUri: REDIRECT_URI }

interface Wire {
  /** The options that route the SDK's requests and navigations here. */
  options: { fetch: typeof fetch; navigate: (url: string) => void }
  /** Every URL, header and body that left, and every page the SDK navigated to. */
  readonly sent: string[]
}

function recordWire(): Wire {
  const sent: string[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    sent.push(request.url, JSON.stringify([...request.headers]), await request.text())
    const isCoAuthenticate = request.url.endsWith('/co/authenticate')
    return json(200, isCoAuthenticate ? { login_ticket: 'ticket' } : {})
  }
  return {
    sent,
    options: { fetch: fetch as typeof globalThis.fetch, navigate: (url) => void sent.push(url) },
  }
}

async function outcomeOf(run: () => unknown): Promise<string> {
  try {
    await run()
    return 'sent'
  } catch (error) {
    return isWebAuthError(error) ? error.code : `not a WebAuthError: ${String(error)}`
  }
}

const leaked = (wire: Wire, ...needles: string[]) =>
  wire.sent.filter((item) => needles.some((needle) => item.toLowerCase().includes(needle.toLowerCase())))

describe('headers in every form fetch accepts', () => {
  const forms: Array<[string, (pairs: Array<[string, string]>) => unknown]> = [
    ['a Headers', (pairs) => new Headers(pairs)],
    ['a Map', (pairs) => new Map(pairs)],
    ['[name, value] pairs', (pairs) => pairs],
    ['a Map from another realm', (pairs) => vm.runInNewContext('(pairs) => new Map(pairs)')(pairs)],
    ['pairs from another realm', (pairs) => vm.runInNewContext('(pairs) => pairs.map((p) => [...p])')(pairs)],
  ]

  test.each(forms)('%s: Authorization is refused and nothing is sent', async (_form, make) => {
    const wire = recordWire()
    const outcome = await outcomeOf(async () => {
      const headers = make([['Authorization', `Basic ${btoa(`${CLIENT_ID}:${SECRET}`)}`]])
      const webAuth = new WebAuth({ ...base, ...wire.options, headers } as WebAuthOptions)
      await webAuth.passwordlessStart(emailCodeStart)
    })
    expect(outcome).toBe('client_secret_in_browser')
    expect(wire.sent).toEqual([])
  })

  test.each(forms)('%s: auth0-forwarded-for is refused and nothing is sent', async (_form, make) => {
    const wire = recordWire()
    const outcome = await outcomeOf(async () => {
      const webAuth = new WebAuth({
        ...base,
        ...wire.options,
        headers: make([['Auth0-Forwarded-For', '6.6.6.6']]),
      } as WebAuthOptions)
      await webAuth.passwordlessStart(emailCodeStart)
    })
    expect(outcome).toBe('invalid_options')
    expect(wire.sent).toEqual([])
  })

  test.each(forms)('%s: an ordinary header is sent on every request', async (_form, make) => {
    const wire = recordWire()
    const webAuth = new WebAuth({
      ...base,
      ...wire.options,
      headers: make([['X-Tenant-Hint', 'blue']]),
    } as WebAuthOptions)
    await webAuth.passwordlessStart(emailCodeStart)
    expect(leaked(wire, '"x-tenant-hint","blue"')).toHaveLength(1)
  })

  test.each([
    ['X-Client-Secret', SECRET],
    ['x-auth0-client-secret', SECRET],
    ['X-Client-Assertion', 'jwt'],
    ['Proxy-Authorization', 'Basic x'],
  ])('the header %s is refused as a credential', async (name, value) => {
    const wire = recordWire()
    const outcome = await outcomeOf(
      () => new WebAuth({ ...base, ...wire.options, headers: { [name]: value } }),
    )
    expect(outcome).toBe('client_secret_in_browser')
  })
})

describe('values that change between two reads (S14)', () => {
  // A getter that answers harmlessly on its first read and with a secret afterwards: whatever the SDK
  // checked, the wire must carry only what was checked.
  function changingObject(harmless: Record<string, string>, secret: Record<string, string>) {
    let reads = 0
    return new Proxy(harmless, {
      ownKeys: () => (reads++ === 0 ? Reflect.ownKeys(harmless) : Reflect.ownKeys(secret)),
      getOwnPropertyDescriptor: (_target, key) => ({
        configurable: true,
        enumerable: true,
        value: (reads <= 1 ? harmless : secret)[key as string],
      }),
      get: (_target, key) => (reads <= 1 ? harmless : secret)[key as string],
    })
  }

  test('authParams of a link start', async () => {
    stubPage(`${REDIRECT_URI}`)
    const wire = recordWire()
    const authParams = changingObject({ scope: 'openid' }, { scope: 'openid', client_secret: SECRET })
    const webAuth = new WebAuth({ ...base, ...wire.options })
    const outcome = await outcomeOf(() =>
      webAuth.passwordlessStart({ connection: 'email', send: 'link', email: EMAIL, authParams }),
    )
    expect(leaked(wire, SECRET, 'client_secret')).toEqual([])
    expect(['sent', 'client_secret_in_browser']).toContain(outcome)
  })

  test('authParams of a code login (the /authorize address)', async () => {
    const wire = recordWire()
    const authParams = changingObject({ scope: 'openid' }, { scope: 'openid', client_secret: SECRET })
    const webAuth = new WebAuth({ ...base, ...wire.options })
    const outcome = await outcomeOf(() =>
      webAuth.passwordlessLogin({ ...emailLogin, authParams } as PasswordlessLoginOptions),
    )
    expect(leaked(wire, SECRET, 'client_secret')).toEqual([])
    expect(['sent', 'client_secret_in_browser']).toContain(outcome)
  })

  test('internalOptions on the hosted page (the verify_redirect address)', async () => {
    const wire = recordWire()
    const internalOptions = changingObject({ state: 's' }, { state: 's', clientSecret: SECRET })
    const outcome = await outcomeOf(async () => {
      const webAuth = new WebAuth({
        ...base,
        ...wire.options,
        hostedPage: true,
        internalOptions,
      } as WebAuthOptions)
      await webAuth.passwordlessLogin(emailLogin)
    })
    expect(leaked(wire, SECRET, 'client_secret', 'clientsecret')).toEqual([])
    expect(['sent', 'client_secret_in_browser']).toContain(outcome)
  })

  test('the email read once: what is validated is what is sent', async () => {
    const wire = recordWire()
    const options = {
      connection: 'email',
      send: 'code',
      ...flippingProperty('email', EMAIL, 'not an address'),
    }
    const webAuth = new WebAuth({ ...base, ...wire.options })
    await webAuth.passwordlessStart(options as unknown as PasswordlessStartOptions)
    expect(wire.sent.join()).toContain(EMAIL)
    expect(wire.sent.join()).not.toContain('not an address')
  })
})

function flippingProperty(name: string, first: unknown, later: unknown): Record<string, unknown> {
  let reads = 0
  return Object.defineProperty({}, name, { enumerable: true, get: () => (reads++ === 0 ? first : later) })
}

describe('secrets where the guard used not to look', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).client_secret
  })

  test('a top-level clientSecret in the object given to fromUniversalLoginConfig', async () => {
    const outcome = await outcomeOf(() =>
      fromUniversalLoginConfig({ auth0Domain: DOMAIN, clientID: CLIENT_ID, clientSecret: SECRET }),
    )
    expect(outcome).toBe('client_secret_in_browser')
  })

  test('the same in the base64 text of @@config@@', async () => {
    const config = btoa(JSON.stringify({ auth0Domain: DOMAIN, clientID: CLIENT_ID, client_secret: SECRET }))
    expect(await outcomeOf(() => fromUniversalLoginConfig(config))).toBe('client_secret_in_browser')
  })

  test('a secret planted on Object.prototype is refused as a secret, not as an unknown option', async () => {
    ;(Object.prototype as Record<string, unknown>).client_secret = SECRET
    const wire = recordWire()
    expect(await outcomeOf(() => new WebAuth({ ...base, ...wire.options }))).toBe('client_secret_in_browser')
    expect(wire.sent).toEqual([])
  })

  test('an object that only claims to be an AbortSignal is read like any other object', async () => {
    // Signals are kept by reference; the tag alone must not buy that, or what the object holds goes unread.
    const impostor = { [Symbol.toStringTag]: 'AbortSignal', client_secret: SECRET }
    const wire = recordWire()
    const webAuth = new WebAuth({ ...base, ...wire.options })
    const start = { ...emailCodeStart, send: 'link', appState: { profile: impostor } } as const
    expect(await outcomeOf(() => webAuth.passwordlessStart(start))).toBe('client_secret_in_browser')
    expect(wire.sent).toEqual([])
  })

  // "[object Map] x]" and "[object x [object Map]" are no Maps: their own properties are what they hold.
  test.each(['Map] x', 'x [object Map'])('an object tagged %j is read as the object it is', async (tag) => {
    const impostor = { [Symbol.toStringTag]: tag, client_secret: SECRET }
    const wire = recordWire()
    const webAuth = new WebAuth({ ...base, ...wire.options })
    const start = { ...emailCodeStart, send: 'link', appState: { profile: impostor } } as const
    expect(await outcomeOf(() => webAuth.passwordlessStart(start))).toBe('client_secret_in_browser')
    expect(wire.sent).toEqual([])
  })

  test.each([
    ['fullwidth letters', 'ｃｌｉｅｎｔ＿ｓｅｃｒｅｔ'],
    ['Cyrillic і and с', 'clіent_seсret'],
    ['Greek ο in assertion', 'client_assertiοn'],
    ['a ligature-free compatibility form', 'ⅽlient_secret'],
  ])('a key spelled with %s', async (_what, key) => {
    const wire = recordWire()
    const outcome = await outcomeOf(
      () => new WebAuth({ ...base, ...wire.options, internalOptions: { [key]: SECRET } }),
    )
    expect(outcome).toBe('client_secret_in_browser')
  })

  test('keys in other scripts that spell other words pass', () => {
    expect(
      () => new WebAuth({ ...base, internalOptions: { ключ: 'значение', ｓｔａｔｅ: 's' } }),
    ).not.toThrow()
  })
})

import { describe, expect, test } from 'vitest'
import { WebAuth, createClient, type WebAuthOptions } from '../../src/index'
import { MAX_INPUT_DEPTH } from '../../src/input/snapshot'
import { fakeServer } from './support/fake-fetch'
import { CLIENT_ID, DOMAIN, emailCodeStart, makeWebAuth, rejectsWith, throwsWith } from './support/fixtures'

// Every failure is a WebAuthError, whatever the input: inputs that used to escape as a TypeError, a
// RangeError or the caller's own exception from the constructor and createClient.

const base = { domain: DOMAIN, clientID: CLIENT_ID }

function nested(depth: number): Record<string, unknown> {
  let node: Record<string, unknown> = { leaf: 'x' }
  for (let level = 0; level < depth; level++) node = { next: node }
  return node
}

const constructors: Array<[string, (options: unknown) => unknown]> = [
  ['new WebAuth', (options) => new WebAuth(options as WebAuthOptions)],
  ['createClient', (options) => createClient(options as WebAuthOptions)],
]

describe.each(constructors)('%s refuses with a WebAuthError', (_name, construct) => {
  test.each([
    ['a header name with a space', { 'X Tenant': 'a' }, /"X Tenant"/, 'headers'],
    [
      'a header value with a newline',
      { 'X-Tenant': 'a\r\nSet-Cookie: x=1' },
      /line break/,
      'headers.X-Tenant',
    ],
    ['a header value that is not a string', { 'X-Tenant': 1 }, /strings/, 'headers'],
    [
      'a header given twice in two cases',
      [
        ['X-A', '1'],
        ['x-a', '2'],
      ],
      /twice/,
      'headers.x-a',
    ],
  ])('%s: invalid_options, with the field', (_what, headers, message, field) => {
    expect(throwsWith(() => construct({ ...base, headers }), 'invalid_options', message).field).toBe(field)
  })

  test('internalOptions nested 5,000 deep: invalid_options, not a RangeError', () => {
    throwsWith(() => construct({ ...base, internalOptions: nested(5000) }), 'invalid_options', /too deep/)
  })

  test('a getter that throws: invalid_options naming the field, with the cause', () => {
    const cause = new Error('boom')
    const internalOptions = Object.defineProperty({}, 'state', {
      enumerable: true,
      get: () => {
        throw cause
      },
    })
    const error = throwsWith(
      () => construct({ ...base, internalOptions }),
      'invalid_options',
      /"options.internalOptions.state"/,
    )
    expect(error.cause).toBe(cause)
    // The path from the options object, as the other fields are named.
    expect(error.field).toBe('internalOptions.state')
  })

  test('a Proxy whose traps throw', () => {
    const options = new Proxy(base, {
      ownKeys: () => {
        throw new TypeError('trap')
      },
    })
    // The options object itself could not be read: no field to name.
    expect(throwsWith(() => construct(options), 'invalid_options', /could not be read/).field).toBeUndefined()
  })

  test('a Map key with a null prototype', () => {
    const headers = new Map([[Object.create(null) as object, 'x']])
    throwsWith(() => construct({ ...base, headers }), 'invalid_options')
  })

  test('a cycle', () => {
    const internalOptions: Record<string, unknown> = { state: 's' }
    internalOptions.self = internalOptions
    const error = throwsWith(() => construct({ ...base, internalOptions }), 'invalid_options', /circular/)
    expect(error.field).toBe('internalOptions.self')
  })
})

describe('depth (S14)', () => {
  test(`inputs up to ${MAX_INPUT_DEPTH} levels are read`, async () => {
    const server = fakeServer()
    const { webAuth } = makeWebAuth(server)
    // appState is the app's own data, the one deep input; one level below the bound is accepted as far
    // as reading goes (the request itself is refused by the strict fake server, which expects none).
    const deepEnough = nested(MAX_INPUT_DEPTH - 2)
    await rejectsWith(
      webAuth.passwordlessStart({
        connection: 'email',
        email: 'a@example.com',
        appState: deepEnough,
        returnTo: 'x',
      }),
      'invalid_input',
      /"returnTo"/,
    )
  })

  test('a method input nested past the bound: invalid_input', async () => {
    const server = fakeServer()
    const { webAuth } = makeWebAuth(server)
    await rejectsWith(
      webAuth.passwordlessStart({ ...emailCodeStart, authParams: nested(MAX_INPUT_DEPTH + 1) as never }),
      'invalid_input',
      /too deep/,
    )
    expect(server.requests).toHaveLength(0)
  })
})

describe('__proto__ keys (JSON.parse makes them own properties)', () => {
  test('a secret under a __proto__ key is refused', () => {
    const internalOptions = JSON.parse('{"state":"s","__proto__":{"client_secret":"x"}}') as Record<
      string,
      string
    >
    throwsWith(() => new WebAuth({ ...base, internalOptions }), 'client_secret_in_browser')
  })

  test('a __proto__ key never becomes a prototype of what the SDK sends', async () => {
    const server = fakeServer()
    const { webAuth } = makeWebAuth(server, { hostedPage: true })
    const authParams = JSON.parse('{"__proto__":{"injected":"yes"}}') as Record<string, string>
    await rejectsWith(
      webAuth.passwordlessStart({ ...emailCodeStart, authParams }),
      'invalid_input',
      /__proto__/,
    )
    expect(({} as Record<string, unknown>).injected).toBeUndefined()
    expect(server.requests).toHaveLength(0)
  })
})

/**
 * The server entry's boundary: options and inputs refused before any request, naming the field (S3's rule, on
 * the backend), `auth0-forwarded-for` only an address the caller gave (S16), and no page can load it (S15).
 */
import { afterEach, describe, expect, test, vi } from 'vitest'
import { fakeServer, json } from '../sdk/support/fake-fetch'
import { createServerClient, isMfaRequired } from '../../src/server/index'
import { assertNotInPage } from '../../src/server/environment'
import { isIpAddress } from '../../src/server/ip-address'
import { refusal } from './emulator-tenant'

const DOMAIN = 'tenant.example.com'

function client(secret: string | undefined = 'shh') {
  const server = fakeServer()
  const made = createServerClient({
    domain: DOMAIN,
    clientId: 'app',
    ...(secret !== undefined && { clientSecret: secret }),
    fetch: server.fetch,
  })
  return { server, client: made }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('createServerClient()', () => {
  test.each([
    [{ clientId: 'app' }, 'domain'],
    [{ domain: DOMAIN }, 'clientId'],
    [{ domain: DOMAIN, clientId: 'app', clientSecret: '' }, 'clientSecret'],
    [{ domain: DOMAIN, clientId: 'app', timeout: 0 }, 'timeout'],
    [{ domain: DOMAIN, clientId: 'app', leeway: 301 }, 'leeway'],
    [{ domain: DOMAIN, clientId: 'app', redirectUri: 'x' }, 'redirectUri'],
  ])('refuses %o naming "%s" (invalid_options)', async (options, field) => {
    const error = await refusal(() => createServerClient(options as never))
    expect(error).toMatchObject({ code: 'invalid_options' })
    expect(error.message).toContain(`"${field}"`)
  })

  test('refuses a secret anywhere but clientSecret, pointing at it', async () => {
    const { server, client: made } = client()
    const error = await refusal(() =>
      made.passwordlessStart({
        connection: 'email',
        email: 'ada@example.com',
        authParams: { client_secret: 'leaked' } as never,
      }),
    )
    expect(error).toMatchObject({ code: 'invalid_input' })
    expect(error.message).toMatch(/clientSecret/)
    expect(server.requests).toHaveLength(0)
  })
})

describe('S16: auth0-forwarded-for carries only an address the caller gave', () => {
  test.each(['203.0.113.7', '2001:db8::7', '::ffff:192.0.2.1', '::1'])('%s is an IP address', (value) => {
    expect(isIpAddress(value)).toBe(true)
  })

  test.each([
    '203.0.113.256',
    '010.0.0.1',
    '203.0.113.7:80',
    '[2001:db8::7]',
    'fe80::1%eth0',
    'localhost',
    '',
    '1.2.3',
  ])('%j is refused', (value) => {
    expect(isIpAddress(value)).toBe(false)
  })

  test('a malformed forwardedFor is invalid_input naming it, before any request', async () => {
    const { server, client: made } = client()
    const error = await refusal(() =>
      made.loginWithOtp({
        connection: 'email',
        email: 'ada@example.com',
        code: '123456',
        forwardedFor: '203.0.113.7, 10.0.0.1',
      }),
    )
    expect(error).toMatchObject({ code: 'invalid_input', field: 'forwardedFor' })
    expect(server.requests).toHaveLength(0)
  })

  test('without forwardedFor no auth0-forwarded-for is sent, whatever the caller’s own request carried', async () => {
    const { server, client: made } = client()
    server.expect({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) => {
        expect(request.headers.has('auth0-forwarded-for')).toBe(false)
        expect(request.body).toMatchObject({ client_id: 'app', client_secret: 'shh', send: 'link' })
      },
      reply: json(200, { _id: 'x', email: 'ada@example.com' }),
    })
    await made.passwordlessStart({ connection: 'email', email: 'ada@example.com' })
    server.verify()
  })
})

describe('the MFA calls', () => {
  test('refuse a verify that names no factor, or two, before any request', async () => {
    const { server, client: made } = client()
    expect(await refusal(() => made.mfa.verify({ mfaToken: 't' } as never))).toMatchObject({
      code: 'invalid_input',
      field: 'otp',
    })
    expect(
      await refusal(() =>
        made.mfa.verify({ mfaToken: 't', otp: '123456', recoveryCode: 'ABCDEFGH' } as never),
      ),
    ).toMatchObject({ code: 'invalid_input' })
    expect(
      await refusal(() => made.mfa.challenge({ mfaToken: 't', challengeType: 'push' as never })),
    ).toMatchObject({
      code: 'invalid_input',
    })
    expect(server.requests).toHaveLength(0)
  })

  test('an mfa_required without an mfa_token is an ordinary error, not an MfaRequiredError', async () => {
    const { server, client: made } = client()
    server.expect({
      method: 'POST',
      path: '/oauth/token',
      reply: json(403, { error: 'mfa_required', error_description: 'Multifactor authentication required' }),
    })
    const error = await refusal(() =>
      made.loginWithOtp({ connection: 'email', email: 'ada@example.com', code: '123456', scope: 'email' }),
    )
    expect(error.code).toBe('mfa_required')
    expect(isMfaRequired(error)).toBe(false)
  })
})

describe('S15: the server entry refuses a web page', () => {
  test('a window with a document: unsupported_environment, and no client is made', async () => {
    vi.stubGlobal('window', {})
    vi.stubGlobal('document', {})
    expect(() => assertNotInPage()).toThrow(expect.objectContaining({ code: 'unsupported_environment' }))
    const error = await refusal(() =>
      createServerClient({ domain: DOMAIN, clientId: 'app', clientSecret: 's' }),
    )
    expect(error.code).toBe('unsupported_environment')
    expect(error.message).toMatch(/backend only/)
  })

  test('a window without a document (Deno) and a worker are not pages', () => {
    vi.stubGlobal('window', {})
    expect(() => assertNotInPage()).not.toThrow()
    // A worker: `self` and `importScripts`, no window, no document.
    vi.stubGlobal('window', undefined)
    vi.stubGlobal('self', { importScripts: () => undefined })
    expect(() => assertNotInPage()).not.toThrow()
  })
})

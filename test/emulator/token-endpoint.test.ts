/**
 * `/oauth/token` before any grant runs: which client is asking (body or HTTP Basic), whether it proved it,
 * and whether it may use the grant it names. Auth0's answers are 401 `invalid_client` for the first two and
 * 400 `unsupported_grant_type` or 403 `unauthorized_client` for the last.
 */
import { describe, expect, test } from 'vitest'
import { NATIVE, OTP_GRANT, SPA, WEB, WEB_SECRET, basic, lastMessage, setup } from './helpers'
import type { Harness } from './helpers'

const EMAIL = 'backend@example.com'

/**
 * Sends the web app's email code and answers a function that tries it at /oauth/token with these credentials
 * in the body and headers (as often as a test likes: a refusal for the client does not spend the code).
 */
async function webAppCode(h: Harness) {
  const started = await h.post('/passwordless/start', {
    client_id: WEB,
    client_secret: WEB_SECRET,
    connection: 'email',
    send: 'code',
    email: EMAIL,
  })
  expect(started.status).toBe(200)
  const otp = lastMessage(h, EMAIL).code
  return async (body: Record<string, string>, headers: Record<string, string> = {}) => {
    const response = await h.post(
      '/oauth/token',
      { grant_type: OTP_GRANT, realm: 'email', username: EMAIL, otp, ...body },
      headers,
    )
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }
}

/** A web app's email code, then its OTP grant with these credentials in the body and headers. */
const otpGrantWith = async (h: Harness, body: Record<string, string>, headers: Record<string, string> = {}) =>
  (await webAppCode(h))(body, headers)

const invalidClient = (description: string) => ({
  status: 401,
  body: { error: 'invalid_client', error_description: description },
})

describe('/oauth/token client authentication', () => {
  test('client_secret_basic: the id and secret in HTTP Basic authenticate a confidential client', async () => {
    const h = setup()
    const granted = await otpGrantWith(h, {}, basic(WEB, WEB_SECRET))
    expect(granted.status).toBe(200)
    expect(granted.body['id_token']).toEqual(expect.any(String))
  })

  test('both parts of HTTP Basic are form-decoded (RFC 6749 2.3.1), for the lookup and the check alike', async () => {
    const h = setup()
    const encodedId = encodeURIComponent(WEB).replaceAll('-', '%2D')
    expect((await otpGrantWith(h, {}, basic(encodedId, WEB_SECRET))).status).toBe(200)
  })

  test('HTTP Basic wins over a client_secret in the body', async () => {
    const h = setup()
    expect(await otpGrantWith(h, { client_id: WEB, client_secret: WEB_SECRET }, basic(WEB, 'wrong'))).toEqual(
      invalidClient('Invalid client credentials'),
    )
    expect(
      (await otpGrantWith(h, { client_id: WEB, client_secret: 'wrong' }, basic(WEB, WEB_SECRET))).status,
    ).toBe(200)
  })

  test("HTTP Basic naming another client than the body's, or malformed, is refused", async () => {
    const h = setup()
    const refused = invalidClient('Invalid client credentials')
    expect(await otpGrantWith(h, { client_id: WEB }, basic(SPA, WEB_SECRET))).toEqual(refused)
    const noColon = { authorization: `Basic ${Buffer.from(WEB).toString('base64')}` }
    expect(await otpGrantWith(h, { client_id: WEB }, noColon)).toEqual(refused)
    expect(await otpGrantWith(h, { client_id: WEB }, basic(WEB, '%zz'))).toEqual(refused)
    // A malformed header names no client at all.
    expect(await otpGrantWith(h, {}, basic('%zz', WEB_SECRET))).toEqual(invalidClient('Unknown client: '))
  })

  test('a confidential client needs its secret; a public client must not send one', async () => {
    const h = setup()
    expect(await otpGrantWith(h, { client_id: WEB })).toEqual(
      invalidClient('Client authentication is required'),
    )
    expect(await otpGrantWith(h, { client_id: NATIVE, client_secret: 'anything' })).toEqual(
      invalidClient('Invalid client credentials'),
    )
  })

  test('the body is read first, then grant_type, then the client', async () => {
    const h = setup()
    const unreadable = await h.fetch('/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '"a string"',
    })
    expect(await unreadable.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Request body must be JSON or a form',
    })
    const noGrant = await h.post('/oauth/token', { client_id: 'nobody' })
    expect(noGrant.status).toBe(400)
    expect(await noGrant.json()).toMatchObject({
      error_description: 'Missing required parameter: grant_type',
    })
    const unknown = await h.post('/oauth/token', { grant_type: OTP_GRANT, client_id: 'nobody' })
    expect({ status: unknown.status, body: await unknown.json() }).toEqual(
      invalidClient('Unknown client: nobody'),
    )
  })

  test('an unknown grant is unsupported, and a grant the client lacks is unauthorized', async () => {
    const h = setup()
    const password = await h.post('/oauth/token', { grant_type: 'password', client_id: NATIVE })
    expect(password.status).toBe(400)
    expect(await password.json()).toEqual({
      error: 'unsupported_grant_type',
      error_description: 'Unsupported grant type: password',
    })
    const code = await h.post('/oauth/token', { grant_type: 'authorization_code', client_id: NATIVE })
    expect(code.status).toBe(403)
    expect(await code.json()).toEqual({
      error: 'unauthorized_client',
      error_description: "Grant type 'authorization_code' not allowed for the client.",
    })
  })
})

describe('the OTP credential of /oauth/token and /co/authenticate', () => {
  const credential = {
    grant_type: OTP_GRANT,
    client_id: NATIVE,
    realm: 'email',
    username: 'a@example.com',
    otp: '1',
  }

  for (const name of ['realm', 'username', 'otp'] as const) {
    test(`a missing or empty ${name} is invalid_request`, async () => {
      const h = setup()
      for (const body of [
        { ...credential, [name]: undefined },
        { ...credential, [name]: '' },
      ]) {
        const response = await h.post('/oauth/token', body)
        expect(response.status).toBe(400)
        expect(await response.json()).toEqual({
          error: 'invalid_request',
          error_description: `Missing required parameter: ${name}`,
        })
      }
    })
  }

  test('a realm that is not a connection, or one disabled for the client, is refused before any code check', async () => {
    const h = setup({
      tenant: {
        connections: [
          { name: 'email', strategy: 'email', enabled: true },
          { name: 'sms', strategy: 'sms', enabled: false },
        ],
      },
    })
    const fax = await h.post('/oauth/token', { ...credential, realm: 'fax' })
    expect(await fax.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Connection does not exist',
    })
    const sms = await h.post('/oauth/token', { ...credential, realm: 'sms', username: '+15555550123' })
    expect(sms.status).toBe(400)
    expect(await sms.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Connection is disabled',
    })
    expect(h.emulator.logs.search('type:f')).toEqual([])
  })
})

describe('/oauth/token refuses a wrong client secret (E7)', () => {
  const refused = invalidClient('Invalid client credentials')

  test.each([
    ['another secret', 'wrong'],
    ['the secret cut short', WEB_SECRET.slice(0, -1)],
    ['the secret with a character more', `${WEB_SECRET}x`],
    ['an empty secret', ''],
  ])('%s in the body is refused, and the code stays usable with the right one', async (_what, secret) => {
    const h = setup()
    const exchange = await webAppCode(h)
    expect(await exchange({ client_id: WEB, client_secret: secret })).toEqual(refused)
    expect((await exchange({ client_id: WEB, client_secret: WEB_SECRET })).status).toBe(200)
  })

  test('a wrong secret in HTTP Basic alone is refused', async () => {
    const h = setup()
    const exchange = await webAppCode(h)
    expect(await exchange({ client_id: WEB }, basic(WEB, 'wrong'))).toEqual(refused)
  })

  test('a public client that sends a secret in HTTP Basic is refused, though it has none to check', async () => {
    const h = setup()
    const exchange = await webAppCode(h)
    expect(await exchange({ client_id: NATIVE }, basic(NATIVE, 'anything'))).toEqual(refused)
  })
})

import { describe, expect, test } from 'vitest'
import { SPA, WEB, WEB_SECRET, setup } from './helpers'

const valid = { client_id: SPA, connection: 'email', send: 'code', email: 'a@example.com' }

describe('E8: /passwordless/start answers bad input with the documented error bodies', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    [
      'missing client_id',
      { ...valid, client_id: undefined },
      'bad.client_id',
      'Missing required property: client_id',
    ],
    ['unknown client_id', { ...valid, client_id: 'nobody' }, 'bad.client_id', 'Unknown client: nobody'],
    [
      'missing connection',
      { ...valid, connection: undefined },
      'bad.connection',
      'Missing required property: connection',
    ],
    [
      'unknown connection',
      { ...valid, connection: 'carrier-pigeon' },
      'bad.connection',
      'Connection does not exist',
    ],
    [
      'unknown property',
      { ...valid, colour: 'blue', size: 2 },
      'bad.request',
      'the following properties are not allowed: colour, size',
    ],
    [
      'send outside the enum',
      { ...valid, send: 'fax' },
      'bad.send',
      'error in send - No enum match for: fax',
    ],
    [
      'authParams as a string',
      { ...valid, authParams: 'scope=openid' },
      'bad.authParams',
      'error in authParams - invalid type: string (expected object)',
    ],
    [
      'authParams as an array',
      { ...valid, authParams: [] },
      'bad.authParams',
      'error in authParams - invalid type: array (expected object)',
    ],
    ['missing email', { ...valid, email: undefined }, 'bad.email', 'Missing required property: email'],
    [
      'invalid email',
      { ...valid, email: 'not-an-email' },
      'bad.email',
      'error in email - email format validation failed: not-an-email',
    ],
    [
      'missing phone_number',
      { ...valid, connection: 'sms', email: undefined },
      'bad.phone_number',
      'Missing required property: phone_number',
    ],
    [
      'phone_number not matching',
      { ...valid, connection: 'sms', phone_number: '5555550123' },
      'bad.phone_number',
      'String does not match pattern: ^\\+[0-9]{1,15}$',
    ],
    [
      'phone_number too long',
      { ...valid, connection: 'sms', phone_number: '+1234567890123456' },
      'bad.phone_number',
      'String does not match pattern: ^\\+[0-9]{1,15}$',
    ],
    [
      'a link by SMS',
      { client_id: SPA, connection: 'sms', send: 'link', phone_number: '+15555550123' },
      'bad.send',
      'error in send - links can only be sent with the email connection',
    ],
  ]
  for (const [name, body, error, description] of cases) {
    test(`${name}: 400 ${error}`, async () => {
      const h = setup()
      const response = await h.post('/passwordless/start', body)
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ error, error_description: description })
      expect(h.emulator.outbox.list()).toHaveLength(0)
    })
  }

  test('a connection disabled for the client: bad.connection "Connection is disabled"', async () => {
    const h = setup()
    const spa = h.emulator.tenant.clients.find((client) => client.clientId === SPA)
    if (spa !== undefined) spa.connections = ['email']
    const response = await h.post('/passwordless/start', {
      client_id: SPA,
      connection: 'sms',
      send: 'code',
      phone_number: '+15555550123',
    })
    expect(await response.json()).toEqual({
      error: 'bad.connection',
      error_description: 'Connection is disabled',
    })
  })

  test('a body that is not a JSON object is refused', async () => {
    const h = setup()
    const response = await h.fetch('/passwordless/start', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1',
    })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: string }).error).toBe('bad.request')
  })

  test('send left out (or null): a link by email, and captcha passes as a documented field', async () => {
    const h = setup()
    const response = await h.post('/passwordless/start', {
      client_id: SPA,
      connection: 'email',
      email: 'd@example.com',
      captcha: 'token',
    })
    expect(response.status).toBe(200)
    expect(h.emulator.outbox.list('d@example.com')[0]?.kind).toBe('link')
    const withNull = await h.post('/passwordless/start', {
      client_id: SPA,
      connection: 'email',
      email: 'n@example.com',
      send: null,
    })
    expect(withNull.status).toBe(200)
    expect(h.emulator.outbox.list('n@example.com')[0]?.kind).toBe('link')
  })

  test('send left out by SMS: a texted code, as node-auth0 and auth0-python ask for one', async () => {
    const h = setup()
    // node-auth0's sendSMS and auth0-python's sms send exactly these fields.
    const response = await h.post('/passwordless/start', {
      client_id: WEB,
      client_secret: WEB_SECRET,
      connection: 'sms',
      phone_number: '+15555550123',
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ phone_number: '+15555550123', phone_verified: false })
    expect(h.emulator.outbox.list('+15555550123')[0]).toMatchObject({
      channel: 'sms',
      kind: 'code',
      clientId: WEB,
      code: expect.stringMatching(/^\d{6}$/),
    })
    expect(h.emulator.outbox.list('+15555550123')[0]?.link).toBeUndefined()
  })
})

describe('200 answers and E9 (no enumeration)', () => {
  test('email: { _id, email, email_verified }, the same shape for a known and an unknown person', async () => {
    const h = setup({ tenant: { users: [{ email: 'known@example.com' }] } })
    expect(h.emulator.users.find('email', 'known@example.com')).toBeDefined()
    const known = await h.post('/passwordless/start', { ...valid, email: 'known@example.com' })
    const unknown = await h.post('/passwordless/start', { ...valid, email: 'unknown@example.com' })
    const [a, b] = [
      (await known.json()) as Record<string, unknown>,
      (await unknown.json()) as Record<string, unknown>,
    ]
    expect(known.status).toBe(unknown.status)
    expect(a).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      email: 'known@example.com',
      email_verified: false,
    })
    expect(b).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      email: 'unknown@example.com',
      email_verified: false,
    })
    expect([...known.headers.keys()].sort()).toEqual([...unknown.headers.keys()].sort())
    // Both receive a message: whether an account exists shows only after the code is used.
    expect(h.emulator.outbox.list()).toHaveLength(2)
  })

  test('with sign-ups off, an unknown person still gets the same answer and a code, but cannot log in', async () => {
    const h = setup({ tenant: { settings: { signupsAllowed: false } } })
    const response = await h.post('/passwordless/start', {
      client_id: 'native-demo',
      connection: 'email',
      send: 'code',
      email: 'new@example.com',
    })
    expect(response.status).toBe(200)
    const code = h.emulator.outbox.list('new@example.com')[0]?.code
    const token = await h.post('/oauth/token', {
      grant_type: 'http://auth0.com/oauth/grant-type/passwordless/otp',
      client_id: 'native-demo',
      realm: 'email',
      username: 'new@example.com',
      otp: code,
    })
    expect(token.status).toBe(403)
    expect(await token.json()).toEqual({
      error: 'access_denied',
      error_description: 'Public signup is disabled',
    })
  })

  test('sms: { _id, phone_number, phone_verified, request_language }', async () => {
    const h = setup()
    const response = await h.post('/passwordless/start', {
      client_id: SPA,
      connection: 'sms',
      send: 'code',
      phone_number: '+15555550123',
    })
    expect(await response.json()).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      phone_number: '+15555550123',
      phone_verified: false,
      request_language: null,
    })
  })

  test('a wrong code for an unknown person reads exactly like one for a known person', async () => {
    const h = setup({ tenant: { users: [{ email: 'known@example.com' }] } })
    const answers = []
    for (const email of ['known@example.com', 'ghost@example.com']) {
      const response = await h.post('/passwordless/verify', {
        client_id: SPA,
        connection: 'email',
        email,
        verification_code: '000000',
      })
      answers.push({ status: response.status, body: await response.json() })
    }
    expect(answers[0]).toEqual(answers[1])
  })
})

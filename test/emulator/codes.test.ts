import { describe, expect, test } from 'vitest'
import { CodeStore, generateCode } from '../../demo/server/codes'
import { constantTimeEqual } from '../../demo/shared/constant-time'
import {
  NATIVE,
  OTP_GRANT,
  SPA,
  SPA_ORIGIN,
  lastMessage,
  otpGrant,
  setup,
  startEmail,
  startNative,
  wrongCode,
} from './helpers'

const WRONG = 'Wrong email or verification code.'
const EXPIRED = 'The verification code has expired. Please try to login again.'
const TOO_MANY = "You've reached the maximum number of attempts. Please try to login again."

describe('E1: codes', () => {
  test('are 6 digits by default, keep leading zeros, and vary', () => {
    const codes = Array.from({ length: 300 }, () => generateCode(6))
    for (const code of codes) expect(code).toMatch(/^\d{6}$/)
    expect(new Set(codes).size).toBeGreaterThan(290)
    expect(Array.from({ length: 50 }, () => generateCode(10)).every((code) => /^\d{10}$/.test(code))).toBe(
      true,
    )
  })

  test('follow the configured length', async () => {
    const h = setup({ tenant: { settings: { codeLength: 8 } } })
    await startEmail(h, 'eight@example.com')
    expect(lastMessage(h, 'eight@example.com').code).toMatch(/^\d{8}$/)
  })

  test('live 180 seconds by default', async () => {
    const h = setup()
    const first = await startNative(h, 'clock@example.com')
    h.clock.now += 179_000
    expect((await otpGrant(h, 'clock@example.com', first)).status).toBe(200)
    const second = await startNative(h, 'clock@example.com')
    h.clock.now += 180_000
    expect(await otpGrant(h, 'clock@example.com', second)).toEqual({
      status: 403,
      body: { error: 'invalid_grant', error_description: EXPIRED },
    })
  })

  test('lifetime is configurable at run time, and the emulator clock can be advanced over HTTP', async () => {
    const h = setup()
    const patch = await h.fetch('/__emulator/settings', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ codeLifetimeSeconds: 30 }),
    })
    expect(patch.status).toBe(200)
    const code = await startNative(h, 'short@example.com')
    expect((await h.post('/__emulator/clock', { advanceSeconds: 31 })).status).toBe(200)
    expect((await otpGrant(h, 'short@example.com', code)).body['error_description']).toBe(EXPIRED)
  })

  test('are compared in constant time on equal-length buffers, whatever the input length', () => {
    expect(constantTimeEqual('123456', '123456')).toBe(true)
    expect(constantTimeEqual('123456', '123457')).toBe(false)
    expect(constantTimeEqual('123456', '12345')).toBe(false)
    expect(constantTimeEqual('123456', '1234567')).toBe(false)
    expect(constantTimeEqual('123456', '')).toBe(false)
  })
})

describe('E2: attempts', () => {
  test('after 3 wrong attempts a code is dead, even for the right value', async () => {
    const h = setup()
    const code = await startNative(h, 'guess@example.com')
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await otpGrant(h, 'guess@example.com', wrongCode(code))).body['error_description']).toBe(WRONG)
    }
    expect((await otpGrant(h, 'guess@example.com', code)).body['error_description']).toBe(TOO_MANY)
  })

  test('/passwordless/verify counts wrong attempts too, without using the right code up', async () => {
    const h = setup()
    await startEmail(h, 'verify@example.com')
    const { code } = lastMessage(h, 'verify@example.com')
    const verify = (value: string) =>
      h.post('/passwordless/verify', {
        client_id: SPA,
        connection: 'email',
        email: 'verify@example.com',
        verification_code: value,
      })
    expect((await verify(code)).status).toBe(200)
    expect((await verify(code)).status).toBe(200)
    const wrong = await verify(wrongCode(code))
    expect(wrong.status).toBe(403)
    expect(await wrong.json()).toEqual({ error: 'invalid_user_password', error_description: WRONG })
    await verify(wrongCode(code))
    await verify(wrongCode(code))
    expect(await (await verify(code)).json()).toEqual({
      error: 'invalid_user_password',
      error_description: TOO_MANY,
    })
  })

  test('the number of attempts is configurable', async () => {
    const h = setup({ tenant: { settings: { maxAttempts: 1 } } })
    const code = await startNative(h, 'once@example.com')
    await otpGrant(h, 'once@example.com', wrongCode(code))
    expect((await otpGrant(h, 'once@example.com', code)).body['error_description']).toBe(TOO_MANY)
  })
})

describe('E3: only the newest code, once', () => {
  test('a newer code kills the older one', async () => {
    const h = setup()
    const older = await startNative(h, 'twice@example.com')
    let newer = await startNative(h, 'twice@example.com')
    while (newer === older) newer = await startNative(h, 'twice@example.com')
    expect((await otpGrant(h, 'twice@example.com', older)).body['error_description']).toBe(WRONG)
    expect((await otpGrant(h, 'twice@example.com', newer)).status).toBe(200)
  })

  test('a used code cannot be replayed', async () => {
    const h = setup()
    const code = await startNative(h, 'replay@example.com')
    expect((await otpGrant(h, 'replay@example.com', code)).status).toBe(200)
    expect(await otpGrant(h, 'replay@example.com', code)).toEqual({
      status: 403,
      body: { error: 'invalid_grant', error_description: WRONG },
    })
  })
})

describe('E4: a code is bound to its client, identity and connection', () => {
  test('another client cannot use it, and its attempt does not count against the owner', async () => {
    const h = setup()
    await startEmail(h, 'bound@example.com')
    const { code } = lastMessage(h, 'bound@example.com')
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await otpGrant(h, 'bound@example.com', code, NATIVE)).body['error_description']).toBe(WRONG)
    }
    const co = await h.post(
      '/co/authenticate',
      {
        client_id: SPA,
        username: 'bound@example.com',
        otp: code,
        realm: 'email',
        credential_type: OTP_GRANT,
      },
      { origin: SPA_ORIGIN },
    )
    expect(co.status).toBe(200)
  })

  test('another identity or connection cannot use it', async () => {
    const h = setup()
    const code = await startNative(h, 'owner@example.com')
    expect((await otpGrant(h, 'other@example.com', code)).status).toBe(403)
    const sms = await h.post('/oauth/token', {
      grant_type: OTP_GRANT,
      client_id: NATIVE,
      realm: 'sms',
      username: 'owner@example.com',
      otp: code,
    })
    expect(sms.status).toBe(403)
    expect((await otpGrant(h, ' OWNER@example.com ', code)).status).toBe(200)
  })
})

describe('CodeStore', () => {
  test('peek() hides expired and dead records', () => {
    let now = 0
    const store = new CodeStore(
      () => now,
      () => '111111',
    )
    const input = { clientId: SPA, connection: 'email' as const, identity: 'p@example.com' }
    store.issue({ ...input, send: 'link', authParams: {}, length: 6, lifetimeSeconds: 10, maxAttempts: 1 })
    expect(store.peek('email', 'p@example.com')?.send).toBe('link')
    store.check({ ...input, code: '222222' }, { consume: false })
    expect(store.peek('email', 'p@example.com')).toBeUndefined()
    store.issue({ ...input, send: 'code', authParams: {}, length: 6, lifetimeSeconds: 10, maxAttempts: 1 })
    now = 10_000
    expect(store.peek('email', 'p@example.com')).toBeUndefined()
  })
})

/**
 * The three MFA grants at /oauth/token: `mfa-otp` with RFC 6238 codes in a small window, used once (E25);
 * `mfa-oob` with the texted code as `binding_code`, and a push polled with `authorization_pending` and
 * `slow_down`; `mfa-recovery-code`, used up and replaced (E26); and the bucket of failed attempts (E24).
 */
import { describe, expect, test } from 'vitest'
import { base32Decode, hotp, matchTotp, totpAt } from '../../demo/server/mfa/totp'
import { NATIVE, WEB, WEB_SECRET, setup, verifyIdToken, wrongCode } from './helpers'
import type { Harness } from './helpers'
import {
  MFA_EMAIL,
  RECOVERY_CODE,
  authenticatorId,
  challenge,
  currentTotp,
  firstFactor,
  mfaGrant,
  smsCode,
} from './mfa-helpers'

/** The oob_code of a challenge of the SMS (`sms|`) or push (`push|`) authenticator. */
async function oobChallenge(h: Harness, mfaToken: string, kind: 'sms' | 'push'): Promise<string> {
  const authenticator_id = await authenticatorId(h, mfaToken, kind)
  const { body } = await challenge(h, { mfa_token: mfaToken, challenge_type: 'oob', authenticator_id })
  return String(body['oob_code'])
}

describe('RFC 6238 codes', () => {
  test('the test vectors of RFC 6238 appendix B (SHA-1), as six digits', () => {
    // The RFC's key is the ASCII "12345678901234567890"; its base32 is what an authenticator app takes.
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
    expect(base32Decode(secret).toString('ascii')).toBe('12345678901234567890')
    expect(totpAt(secret, 59_000)).toBe('287082')
    expect(totpAt(secret, 1_111_111_109_000)).toBe('081804')
    expect(totpAt(secret, 2_000_000_000_000)).toBe('279037')
    expect(hotp(base32Decode(secret), 1, 8)).toBe('94287082')
  })

  test('one step either side of now passes, two do not, and a step at or before the last used never does', () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
    const now = 1_111_111_109_000
    const step = Math.floor(now / 30_000)
    expect(matchTotp(secret, totpAt(secret, now - 30_000), now, -1)).toBe(step - 1)
    expect(matchTotp(secret, totpAt(secret, now + 30_000), now, -1)).toBe(step + 1)
    expect(matchTotp(secret, totpAt(secret, now - 60_000), now, -1)).toBeUndefined()
    expect(matchTotp(secret, totpAt(secret, now + 60_000), now, -1)).toBeUndefined()
    expect(matchTotp(secret, totpAt(secret, now), now, step)).toBeUndefined()
    expect(() => base32Decode('not base32!')).toThrow(/base32/)
  })
})

describe('E25: the mfa-otp grant', () => {
  test('the authenticator app’s current code completes the login with a verified ID token', async () => {
    const h = setup()
    const { mfa_token } = await firstFactor(h)
    const answer = await mfaGrant(h, 'otp', { mfa_token, otp: currentTotp(h) })
    expect(answer.status).toBe(200)
    expect(answer.body).not.toHaveProperty('recovery_code')
    expect(await verifyIdToken(h, String(answer.body['id_token']), NATIVE)).toMatchObject({
      email: MFA_EMAIL,
    })
  })

  test('a wrong code is invalid_grant; a code already used, or two steps old, is refused too', async () => {
    const h = setup()
    const first = await firstFactor(h)
    expect(
      await mfaGrant(h, 'otp', { mfa_token: first.mfa_token, otp: wrongCode(currentTotp(h)) }),
    ).toMatchObject({
      status: 403,
      body: { error: 'invalid_grant', error_description: 'Invalid otp_code.' },
    })
    expect(await mfaGrant(h, 'otp', { mfa_token: first.mfa_token })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Missing required parameter: otp' },
    })
    const previous = currentTotp(h, -30)
    expect((await mfaGrant(h, 'otp', { mfa_token: first.mfa_token, otp: previous })).status).toBe(200)
    const second = await firstFactor(h)
    // The same code again, still within its window: a replay.
    expect((await mfaGrant(h, 'otp', { mfa_token: second.mfa_token, otp: previous })).status).toBe(403)
    expect((await mfaGrant(h, 'otp', { mfa_token: second.mfa_token, otp: currentTotp(h, -60) })).status).toBe(
      403,
    )
    expect((await mfaGrant(h, 'otp', { mfa_token: second.mfa_token, otp: currentTotp(h) })).status).toBe(200)
  })

  test('a regular web app completes it with its secret and is refused without it', async () => {
    const h = setup()
    const web = { client_id: WEB, client_secret: WEB_SECRET }
    const { mfa_token } = await firstFactor(h, web)
    expect(await mfaGrant(h, 'otp', { mfa_token, otp: currentTotp(h) }, { client_id: WEB })).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    })
    expect((await mfaGrant(h, 'otp', { mfa_token, otp: currentTotp(h) }, web)).status).toBe(200)
  })
})

describe('E25: the mfa-oob grant', () => {
  test('the code texted by the challenge, as binding_code, completes the login once', async () => {
    const h = setup()
    const { mfa_token } = await firstFactor(h)
    const oob_code = await oobChallenge(h, mfa_token, 'sms')
    expect(await mfaGrant(h, 'oob', { mfa_token, oob_code })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Missing required parameter: binding_code' },
    })
    expect(
      await mfaGrant(h, 'oob', { mfa_token, oob_code, binding_code: wrongCode(smsCode(h)) }),
    ).toMatchObject({
      status: 403,
      body: { error: 'invalid_grant', error_description: 'Invalid binding_code.' },
    })
    const done = await mfaGrant(h, 'oob', { mfa_token, oob_code, binding_code: smsCode(h) })
    expect(done.status).toBe(200)
    expect(await verifyIdToken(h, String(done.body['id_token']), NATIVE)).toMatchObject({ email: MFA_EMAIL })
  })

  test('an oob_code is refused after five minutes, and with another login’s mfa_token', async () => {
    const h = setup()
    const one = await firstFactor(h)
    const two = await firstFactor(h)
    const oob_code = await oobChallenge(h, one.mfa_token, 'sms')
    const binding_code = smsCode(h)
    expect(await mfaGrant(h, 'oob', { mfa_token: two.mfa_token, oob_code, binding_code })).toMatchObject({
      status: 403,
      body: { error: 'invalid_grant', error_description: 'Malformed oob_code' },
    })
    h.clock.now += 300_000
    expect(await mfaGrant(h, 'oob', { mfa_token: one.mfa_token, oob_code, binding_code })).toMatchObject({
      status: 403,
      body: { error: 'expired_token' },
    })
  })

  test('a push is authorization_pending until answered, slow_down when polled too fast, final when denied', async () => {
    const h = setup()
    const { mfa_token } = await firstFactor(h)
    const oob_code = await oobChallenge(h, mfa_token, 'push')
    expect(h.emulator.outbox.list('Demo phone')[0]).toMatchObject({ channel: 'push', code: oob_code })
    expect(await mfaGrant(h, 'oob', { mfa_token, oob_code })).toMatchObject({
      status: 403,
      body: { error: 'authorization_pending' },
    })
    const tooSoon = await mfaGrant(h, 'oob', { mfa_token, oob_code })
    expect(tooSoon).toMatchObject({ status: 429, body: { error: 'slow_down' } })
    expect(tooSoon.headers.get('retry-after')).toBe('5')
    h.clock.now += 5_000
    const answer = (approve: boolean) => h.post('/__emulator/mfa/push', { oobCode: oob_code, approve })
    expect((await answer(true)).status).toBe(204)
    expect((await mfaGrant(h, 'oob', { mfa_token, oob_code })).status).toBe(200)
    // Denied: invalid_grant, and the challenge is gone.
    const next = await firstFactor(h)
    const denied = await oobChallenge(h, next.mfa_token, 'push')
    await h.post('/__emulator/mfa/push', { oobCode: denied, approve: false })
    expect(await mfaGrant(h, 'oob', { mfa_token: next.mfa_token, oob_code: denied })).toMatchObject({
      status: 403,
      body: { error: 'invalid_grant', error_description: 'MFA Authorization rejected.' },
    })
    expect((await h.post('/__emulator/mfa/push', { oobCode: denied, approve: true })).status).toBe(404)
  })
})

describe('E26: the mfa-recovery-code grant', () => {
  test('the recovery code completes the login once, and the answer carries its successor', async () => {
    const h = setup()
    const first = await firstFactor(h)
    const used = await mfaGrant(h, 'recovery', { mfa_token: first.mfa_token, recovery_code: RECOVERY_CODE })
    expect(used.status).toBe(200)
    const next = String(used.body['recovery_code'])
    expect(next).toMatch(/^[A-Z2-9]{24}$/)
    expect(next).not.toBe(RECOVERY_CODE)
    const second = await firstFactor(h)
    expect(
      await mfaGrant(h, 'recovery', { mfa_token: second.mfa_token, recovery_code: RECOVERY_CODE }),
    ).toMatchObject({
      status: 403,
      body: { error: 'invalid_grant', error_description: 'Invalid recovery_code.' },
    })
    // Typed with spaces and in lower case, as a person copies it.
    const typed = next.toLowerCase().replace(/(.{4})/g, '$1 ')
    const again = await mfaGrant(h, 'recovery', { mfa_token: second.mfa_token, recovery_code: typed })
    expect(again.status).toBe(200)
    expect(again.body['recovery_code']).not.toBe(next)
  })
})

describe('E24: failed second-factor attempts are limited per user', () => {
  test('after ten failures every attempt is 429 too_many_attempts, the right code too, until one refills', async () => {
    const h = setup()
    const { mfa_token } = await firstFactor(h)
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const refused = await mfaGrant(h, 'recovery', { mfa_token, recovery_code: 'WRONGWRONGWRONG' })
      expect(refused.status).toBe(403)
    }
    const blocked = await mfaGrant(h, 'otp', { mfa_token, otp: currentTotp(h) })
    expect(blocked).toMatchObject({ status: 429, body: { error: 'too_many_attempts' } })
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(h.emulator.logs.search('type:gd_otp_rate_limit_exceed')).toHaveLength(1)
    h.clock.now += 6 * 60_000
    const fresh = await firstFactor(h)
    expect((await mfaGrant(h, 'otp', { mfa_token: fresh.mfa_token, otp: currentTotp(h) })).status).toBe(200)
  })
})

/**
 * The server entry from Node against the emulator, in-process: a login that needs a second factor, completed
 * through the MFA API.
 */
import { describe, expect, test } from 'vitest'
import { NATIVE, WEB, WEB_SECRET, lastMessage, wrongCode } from '../emulator/helpers'
import { MFA_EMAIL, MFA_PHONE, RECOVERY_CODE, currentTotp } from '../emulator/mfa-helpers'
import { isMfaRequired } from '../../src/server/index'
import type { MfaRequiredError, ServerClient } from '../../src/server/index'
import { PERSON_IP, refusal, tenant } from './emulator-tenant'

/** Signs the MFA user in with an email code and answers the `mfa_required` error. */
async function firstFactor(h: ReturnType<typeof tenant>, client: ServerClient): Promise<MfaRequiredError> {
  await client.passwordlessStart({ connection: 'email', send: 'code', email: MFA_EMAIL })
  const error = await refusal(
    client.loginWithOtp({ connection: 'email', email: MFA_EMAIL, code: lastMessage(h, MFA_EMAIL).code }),
  )
  if (!isMfaRequired(error)) throw new Error(`expected mfa_required, got ${error.code}`)
  return error
}

describe('a login that needs a second factor (S17)', () => {
  test('mfa_required carries the MFA token (not enumerable) and the factors; the list names them', async () => {
    const h = tenant()
    const client = h.client()
    const error = await firstFactor(h, client)
    expect(error.mfaToken).toMatch(/^[\w-]{40,}$/)
    expect(Object.keys(error)).not.toContain('mfaToken')
    expect(error.mfaRequirements.challenge?.map(({ type }) => type)).toEqual([
      'otp',
      'push-notification',
      'phone',
      'recovery-code',
    ])
    const list = await client.mfa.listAuthenticators(error.mfaToken)
    expect(list.map(({ authenticatorType, oobChannel }) => [authenticatorType, oobChannel])).toEqual([
      ['recovery-code', undefined],
      ['otp', undefined],
      ['oob', 'sms'],
      ['oob', 'auth0'],
    ])
    expect(list[2]?.name).toBe('+X XXXX0142')
  })

  test('completes with a TOTP code, refusing a wrong one first', async () => {
    const h = tenant()
    const client = h.client()
    const { mfaToken } = await firstFactor(h, client)
    expect(await client.mfa.challenge({ mfaToken, challengeType: 'otp' })).toEqual({ challengeType: 'otp' })
    const wrong = await refusal(
      client.mfa.verify({ mfaToken, otp: wrongCode(currentTotp(h)), forwardedFor: PERSON_IP }),
    )
    expect(wrong).toMatchObject({
      code: 'invalid_grant',
      reason: 'wrong_code',
      message: 'Wrong or expired code.',
    })
    const tokens = await client.mfa.verify({ mfaToken, otp: currentTotp(h), forwardedFor: PERSON_IP })
    expect(tokens.idTokenPayload).toMatchObject({ email: MFA_EMAIL, aud: WEB })
    expect(h.sent.at(-1)?.body).toMatchObject({
      grant_type: 'http://auth0.com/oauth/grant-type/mfa-otp',
      client_secret: WEB_SECRET,
    })
  })

  test('completes with the SMS code the challenge sent to the outbox', async () => {
    const h = tenant()
    const client = h.client()
    const { mfaToken } = await firstFactor(h, client)
    const sms = (await client.mfa.listAuthenticators(mfaToken)).find((item) => item.oobChannel === 'sms')
    const challenge = await client.mfa.challenge({
      mfaToken,
      challengeType: 'oob',
      authenticatorId: sms?.id ?? '',
    })
    expect(challenge).toEqual({ challengeType: 'oob', oobCode: expect.any(String), bindingMethod: 'prompt' })
    const tokens = await client.mfa.verify({
      mfaToken,
      oobCode: challenge.oobCode ?? '',
      bindingCode: lastMessage(h, MFA_PHONE).code,
    })
    expect(tokens.idTokenPayload).toMatchObject({ email: MFA_EMAIL })
  })

  test('completes with a recovery code, which is then used up; the answer carries the new one', async () => {
    const h = tenant()
    const native = h.client({ secret: false })
    const first = await firstFactor(h, native)
    const tokens = await native.mfa.verify({ mfaToken: first.mfaToken, recoveryCode: RECOVERY_CODE })
    expect(tokens.idTokenPayload).toMatchObject({ email: MFA_EMAIL, aud: NATIVE })
    expect(tokens.recoveryCode).toMatch(/^[A-Z2-9]{24}$/)
    const second = await firstFactor(h, native)
    const reused = await refusal(
      native.mfa.verify({ mfaToken: second.mfaToken, recoveryCode: RECOVERY_CODE }),
    )
    expect(reused).toMatchObject({ code: 'invalid_grant', reason: 'wrong_code' })
    const next = await native.mfa.verify({
      mfaToken: second.mfaToken,
      recoveryCode: tokens.recoveryCode ?? '',
    })
    expect(next.recoveryCode).not.toBe(tokens.recoveryCode)
  })

  test('a push not yet answered is authorization_pending, then too_many_requests when polled too soon', async () => {
    const h = tenant()
    const client = h.client()
    const { mfaToken } = await firstFactor(h, client)
    const push = (await client.mfa.listAuthenticators(mfaToken)).find((item) => item.oobChannel === 'auth0')
    const { oobCode = '' } = await client.mfa.challenge({
      mfaToken,
      challengeType: 'oob',
      authenticatorId: push?.id ?? '',
    })
    expect(await refusal(client.mfa.verify({ mfaToken, oobCode }))).toMatchObject({
      code: 'authorization_pending',
    })
    expect(await refusal(client.mfa.verify({ mfaToken, oobCode }))).toMatchObject({
      code: 'too_many_requests',
      retryAfter: 5,
    })
  })

  test('an expired MFA token is refused with the server’s code', async () => {
    const h = tenant()
    const client = h.client()
    const { mfaToken } = await firstFactor(h, client)
    h.clock.now += 600_000
    expect(await refusal(client.mfa.listAuthenticators(mfaToken))).toMatchObject({
      code: 'invalid_token',
      statusCode: 401,
    })
    expect(await refusal(client.mfa.verify({ mfaToken, otp: currentTotp(h) }))).toMatchObject({
      code: 'expired_token',
    })
  })
})

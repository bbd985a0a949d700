import { describe, expect, test } from 'vitest'
import {
  NATIVE,
  OTP_GRANT,
  SPA,
  SPA_ORIGIN,
  fromIp,
  otpGrant,
  setup,
  startNative,
  wrongCode,
} from './helpers'
import type { Harness } from './helpers'

const VICTIM = 'victim@example.com'
const BLOCKED = {
  error: 'too_many_attempts',
  error_description: 'Your account has been blocked after multiple consecutive login attempts.',
}

/**
 * The patient attacker: a new start (each from a new address, so no rate limit stops it), then three wrong
 * guesses, which is all one code allows; `rounds` times. Answers every guess's status and the last code.
 */
async function patientAttack(h: Harness, rounds: number): Promise<{ statuses: number[]; code: string }> {
  const statuses: number[] = []
  let code = ''
  for (let round = 0; round < rounds; round += 1) {
    code = await startNative(h, VICTIM, fromIp(`198.51.100.${round + 1}`))
    for (let guess = 0; guess < 3; guess += 1)
      statuses.push((await otpGrant(h, VICTIM, wrongCode(code))).status)
  }
  return { statuses, code }
}

describe('E18: brute-force protection: failed verifications per identity, across codes', () => {
  test('a patient attacker (many starts, three guesses each) is stopped after 10 failures, even with the right code', async () => {
    const h = setup()
    const { statuses, code } = await patientAttack(h, 5)
    // 10 guesses are checked (and fail), every later one is refused unchecked.
    expect(statuses.filter((status) => status === 403)).toHaveLength(10)
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429, 429])
    const right = await otpGrant(h, VICTIM, code)
    expect(right).toEqual({ status: 429, body: BLOCKED })
  })

  test('the block holds on every path that checks a code, and says when it lifts', async () => {
    const h = setup()
    await patientAttack(h, 4)
    const code = await startNative(h, VICTIM, fromIp('198.51.100.99'))
    const verify = await h.post('/passwordless/verify', {
      client_id: NATIVE,
      connection: 'email',
      email: VICTIM,
      verification_code: code,
    })
    expect(verify.status).toBe(429)
    expect(verify.headers.get('retry-after')).toBe('900')
    expect(await verify.json()).toEqual(BLOCKED)
    const co = await h.post(
      '/co/authenticate',
      { client_id: SPA, username: VICTIM, otp: code, realm: 'email', credential_type: OTP_GRANT },
      { origin: SPA_ORIGIN },
    )
    expect(co.status).toBe(429)
    h.clock.now += 60_000
    const later = await otpGrant(h, VICTIM, code)
    expect(later.status).toBe(429)
  })

  test('the block is written to the tenant log as limit_wc (Blocked Account), once', async () => {
    const h = setup()
    await patientAttack(h, 5)
    const blocks = h.emulator.logs.search('type:limit_wc')
    expect(blocks).toHaveLength(1)
    expect(blocks[0]).toMatchObject({ type_name: 'Blocked Account', user_name: VICTIM, connection: 'email' })
  })

  test('the real person gets in once the block lifts (15 minutes after the last failure), and the count restarts', async () => {
    const h = setup()
    await patientAttack(h, 4)
    h.clock.now += 900_000
    const code = await startNative(h, VICTIM)
    expect((await otpGrant(h, VICTIM, code)).status).toBe(200)
    // A success starts the count again: nine failures do not block.
    const again = await startNative(h, VICTIM)
    for (let guess = 0; guess < 9; guess += 1) await otpGrant(h, VICTIM, wrongCode(again))
    const next = await startNative(h, VICTIM)
    expect((await otpGrant(h, VICTIM, next)).status).toBe(200)
  })

  test('after a block lifts, the next failure blocks again at once: one guess per block, not ten', async () => {
    const h = setup()
    await patientAttack(h, 4)
    h.clock.now += 900_000
    const code = await startNative(h, VICTIM)
    expect((await otpGrant(h, VICTIM, wrongCode(code))).status).toBe(403)
    expect((await otpGrant(h, VICTIM, code)).status).toBe(429)
  })

  test('other people are not blocked, and raising the threshold lifts a block', async () => {
    const h = setup()
    await patientAttack(h, 4)
    const other = await startNative(h, 'bystander@example.com')
    expect((await otpGrant(h, 'bystander@example.com', other)).status).toBe(200)
    h.emulator.settings.bruteForceThreshold = 20
    const code = await startNative(h, VICTIM)
    expect((await otpGrant(h, VICTIM, code)).status).toBe(200)
  })

  test('POST /__emulator/reset lifts every block', async () => {
    const h = setup()
    await patientAttack(h, 4)
    expect((await h.fetch('/__emulator/reset', { method: 'POST' })).status).toBe(204)
    const code = await startNative(h, VICTIM)
    expect((await otpGrant(h, VICTIM, code)).status).toBe(200)
  })
})

/**
 * E25, as properties of the emulator's RFC 6238 check: the code an authenticator app shows passes within one
 * step of it, a step already used never passes again, and a code two steps away never passes.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { TOTP_STEP_SECONDS, matchTotp, totpAt, totpStep } from '../../demo/server/mfa/totp'

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const secrets = fc
  .array(fc.constantFrom(...BASE32), { minLength: 16, maxLength: 40 })
  .map((chars) => chars.join(''))
const instants = fc.integer({ min: 120_000, max: 4_102_444_800_000 })
const STEP_MS = TOTP_STEP_SECONDS * 1000

describe('matchTotp() (E25)', () => {
  test('the code of now, or of one step either side, passes once', () => {
    fc.assert(
      fc.property(secrets, instants, fc.constantFrom(-1, 0, 1), (secret, now, offset) => {
        const code = totpAt(secret, now + offset * STEP_MS)
        const step = matchTotp(secret, code, now, -1)
        expect(step).toBeDefined()
        expect(matchTotp(secret, code, now, step as number)).toBeUndefined()
      }),
    )
  })

  test('a code two steps away passes only when it is also the code of a step within the window', () => {
    fc.assert(
      fc.property(secrets, instants, fc.constantFrom(-2, 2), (secret, now, offset) => {
        const code = totpAt(secret, now + offset * STEP_MS)
        const step = matchTotp(secret, code, now, -1)
        // Six digits collide now and then: a match must then be a step of the window with that very code.
        if (step !== undefined) {
          expect(Math.abs(step - totpStep(now))).toBeLessThanOrEqual(1)
          expect(totpAt(secret, step * STEP_MS)).toBe(code)
        }
      }),
    )
  })
})

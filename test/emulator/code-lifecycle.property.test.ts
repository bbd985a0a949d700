import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { NATIVE, otpGrant, setup, startNative, wrongCode } from './helpers'

const WRONG = 'Wrong email or verification code.'
const EXPIRED = 'The verification code has expired. Please try to login again.'
const TOO_MANY = "You've reached the maximum number of attempts. Please try to login again."
const BLOCKED = 'Your account has been blocked after multiple consecutive login attempts.'

describe('code lifecycle against a model (fast-check)', () => {
  type Action =
    | { kind: 'start' }
    | { kind: 'right' }
    | { kind: 'verify' }
    | { kind: 'wrong' }
    | { kind: 'old' }
    | { kind: 'advance'; seconds: number }

  // Wrong codes weigh more, so that runs often reach the identity's block (10 failures) as well.
  const action: fc.Arbitrary<Action> = fc.oneof(
    fc.constant<Action>({ kind: 'start' }),
    fc.constant<Action>({ kind: 'right' }),
    fc.constant<Action>({ kind: 'verify' }),
    { arbitrary: fc.constant<Action>({ kind: 'wrong' }), weight: 3 },
    fc.constant<Action>({ kind: 'old' }),
    fc.integer({ min: 0, max: 400 }).map<Action>((seconds) => ({ kind: 'advance', seconds })),
  )

  interface Model {
    current?: { code: string; issuedAt: number; wrong: number }
    old: string[]
    now: number
    /** The identity's consecutive failed verifications, whatever the code (brute-force protection). */
    failures: number
    lastFailureAt: number
  }

  /**
   * The model: one live code per identity; expired after 180 s; dead after 3 wrong values; used up by a
   * successful consuming check. Across codes, 10 consecutive failures block the identity for 900 s after the
   * last one (a blocked check counts nothing); a success resets the count. Answers what a check of `value`
   * must say, and updates itself.
   */
  function expectation(model: Model, value: string, consume: boolean): string {
    if (model.failures >= 10 && model.now < model.lastFailureAt + 900_000) return BLOCKED
    const answer = codeExpectation(model, value, consume)
    if (answer === 'ok') model.failures = 0
    else {
      model.failures += 1
      model.lastFailureAt = model.now
    }
    return answer
  }

  function codeExpectation(model: Model, value: string, consume: boolean): string {
    const current = model.current
    if (current === undefined) return WRONG
    if (model.now >= current.issuedAt + 180_000) return EXPIRED
    if (current.wrong >= 3) return TOO_MANY
    if (value !== current.code) {
      current.wrong += 1
      return WRONG
    }
    if (consume) {
      model.old.push(current.code)
      delete model.current
    }
    return 'ok'
  }

  test('start, wrong codes, expiry, a newer code, replay and blocking behave as the model says', async () => {
    const h = setup()
    const email = 'model@example.com'
    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 40, size: 'max' }), async (actions) => {
        h.emulator.reset()
        h.clock.now = Date.UTC(2030, 0, 1)
        const model: Model = { old: [], now: h.clock.now, failures: 0, lastFailureAt: 0 }
        for (const step of actions) {
          if (step.kind === 'advance') {
            h.clock.now += step.seconds * 1000
            model.now = h.clock.now
            continue
          }
          if (step.kind === 'start') {
            if (model.current !== undefined) model.old.push(model.current.code)
            const code = await startNative(h, email)
            model.current = { code, issuedAt: model.now, wrong: 0 }
            continue
          }
          let value: string
          if (step.kind === 'wrong') value = wrongCode(model.current?.code ?? '000000')
          else if (step.kind === 'old') {
            const candidate = model.old.at(-1)
            if (candidate === undefined || candidate === model.current?.code) continue
            value = candidate
          } else {
            if (model.current === undefined) continue
            value = model.current.code
          }
          const expected = expectation(model, value, step.kind !== 'verify')
          if (step.kind === 'verify') {
            const response = await h.post('/passwordless/verify', {
              client_id: NATIVE,
              connection: 'email',
              email,
              verification_code: value,
            })
            const body = (await response.json()) as Record<string, unknown>
            expect(expected === 'ok' ? response.status : body['error_description']).toBe(
              expected === 'ok' ? 200 : expected,
            )
          } else {
            const { status, body } = await otpGrant(h, email, value)
            expect(expected === 'ok' ? status : body['error_description']).toBe(
              expected === 'ok' ? 200 : expected,
            )
          }
        }
      }),
      { numRuns: 120 },
    )
    // About 2 s alone; runs long enough to reach a block take their time on a loaded machine.
  }, 30_000)
})

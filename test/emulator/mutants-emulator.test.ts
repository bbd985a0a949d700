import { describe, expect, test } from 'vitest'
import { TokenBucketLimiter } from '../../demo/server/rate-limit'

// The emulator where a planted bug went unnoticed: a clock moved backwards draining a rate-limit bucket.
// (/oauth/token taking a wrong secret, the other one, is tested with the rest of it, in token-endpoint.test.ts.)

describe('TokenBucketLimiter with a clock moved backwards (E5)', () => {
  test('keeps the tokens it had: going back in time is no spending', () => {
    let now = 10_000_000
    const limiter = new TokenBucketLimiter(
      () => now,
      () => ({ size: 2, refillPerHour: 3600 }),
    )
    expect(limiter.take('k')).toMatchObject({ allowed: true, remaining: 1 })
    now = 0
    expect(limiter.take('k')).toMatchObject({ allowed: true, remaining: 0 })
    expect(limiter.take('k').allowed).toBe(false)
    // From the new time on, it refills as before: one token a second.
    now = 1000
    expect(limiter.take('k').allowed).toBe(true)
  })
})

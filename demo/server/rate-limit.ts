/**
 * A token bucket per key (E5): `size` requests at once, refilled continuously at `refillPerHour`. The clock is
 * injected so that a test can spend an hour in a microsecond.
 */
import { setNewest } from './bounded-map'

export interface BucketConfig {
  size: number
  refillPerHour: number
}

export interface RateLimitDecision {
  allowed: boolean
  /** `X-RateLimit-Limit`: the bucket size. */
  limit: number
  /** `X-RateLimit-Remaining`: whole requests left after this one. */
  remaining: number
  /**
   * `X-RateLimit-Reset`, epoch seconds: when one more request becomes available (now, if the bucket is full).
   * On a refusal it is the earliest moment a retry can succeed.
   */
  reset: number
  /** Seconds until `reset`, rounded up; what `Retry-After` says on a 429. */
  retryAfter: number
}

/** How many addresses are tracked; the longest unseen goes first (it would have refilled by then anyway). */
export const MAX_BUCKETS = 10_000

interface Bucket {
  tokens: number
  updatedAt: number
}

export class TokenBucketLimiter {
  readonly #buckets = new Map<string, Bucket>()
  readonly #now: () => number
  readonly #config: () => BucketConfig

  constructor(now: () => number, config: () => BucketConfig) {
    this.#now = now
    this.#config = config
  }

  /** Whether the key's bucket holds a token now, without taking it. */
  hasToken(key: string): boolean {
    return this.#refilled(key).tokens >= 1
  }

  /** Takes one token from the key's bucket if there is one, and says what the headers should say. */
  take(key: string): RateLimitDecision {
    const { size, refillPerHour } = this.#config()
    const now = this.#now()
    const perMs = refillPerHour / 3_600_000
    const bucket = this.#refilled(key)
    const allowed = bucket.tokens >= 1
    if (allowed) bucket.tokens -= 1
    setNewest(this.#buckets, key, bucket, MAX_BUCKETS)

    const remaining = Math.floor(bucket.tokens)
    let resetMs = now
    if (bucket.tokens < size) {
      // Time until the fractional part reaches the next whole token.
      const missing = remaining + 1 - bucket.tokens
      resetMs = perMs > 0 ? now + missing / perMs : Number.POSITIVE_INFINITY
    }
    const reset = Number.isFinite(resetMs) ? Math.ceil(resetMs / 1000) : Number.MAX_SAFE_INTEGER
    const retryAfter = Math.max(0, reset - Math.floor(now / 1000))
    return { allowed, limit: size, remaining, reset, retryAfter }
  }

  clear(): void {
    this.#buckets.clear()
  }

  /** The key's bucket, refilled up to now; a key seen for the first time gets a full one, kept by `take` only. */
  #refilled(key: string): Bucket {
    const { size, refillPerHour } = this.#config()
    const now = this.#now()
    const bucket = this.#buckets.get(key) ?? { tokens: size, updatedAt: now }
    // A clock moved backwards (a reset of the emulator's clock) must not drain the bucket.
    const elapsed = Math.max(0, now - bucket.updatedAt)
    bucket.tokens = Math.min(size, bucket.tokens + elapsed * (refillPerHour / 3_600_000))
    bucket.updatedAt = now
    return bucket
  }
}

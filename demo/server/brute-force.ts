/**
 * Brute-force protection per identity, across codes. The code limit (E2: three wrong attempts kill a code)
 * resets with every new start, so alone it let a patient attacker make three guesses per start, up to 150
 * an hour per address, against a million codes. This guard counts failed verifications of one identity
 * (email or phone number, per connection) whatever the code, the client or the address, and blocks the
 * identity once they reach the threshold: every verification is then refused, even with the right code.
 *
 * The choice follows Auth0's Brute-force Protection with "Account Lockout" (blocks counted per identifier,
 * irrespective of IP address): a threshold of 10 by default (1 to 100), the `too_many_attempts` error,
 * and a `limit_wc` ("Blocked Account") tenant log entry. Auth0 lifts a block when an administrator removes
 * it or raises the threshold, when the person follows the unblock link it emails them, or 30 days after the
 * last failed attempt. The emulator sends no unblock email, so its way out for the real person is time:
 * the block lifts `bruteForceBlockSeconds` (15 minutes by default, up to Auth0's 30 days) after the last
 * counted failure, on the injectable clock; raising the threshold or `POST /__emulator/reset` lifts it too.
 * The count itself goes back to zero only on a successful verification, so once the block lifts, the next
 * failure blocks again at once: an attacker gets one guess per block, not ten.
 *
 * @see https://auth0.com/docs/secure/attack-protection/brute-force-protection
 * @see https://auth0.com/docs/tenant-logs/system-notification/limit-wc
 */
import { setNewest } from './bounded-map'
import { identityKey } from './identity'
import type { ConnectionName } from './tenant'

export interface BruteForceSettings {
  /** Consecutive failed verifications that block an identity. */
  threshold: number
  /** How long a block lasts after the last counted failure. */
  blockSeconds: number
}

export type BruteForceVerdict = { blocked: false } | { blocked: true; retryAfterSeconds: number }

interface FailureRecord {
  failures: number
  lastFailureAt: number
}

/** How many identities are tracked; the longest untouched goes first. */
export const MAX_TRACKED_IDENTITIES = 10_000

export class BruteForceGuard {
  readonly #records = new Map<string, FailureRecord>()
  readonly #now: () => number
  readonly #settings: () => BruteForceSettings

  constructor(now: () => number, settings: () => BruteForceSettings) {
    this.#now = now
    this.#settings = settings
  }

  /** Whether the identity is blocked now, and for how many more seconds. */
  verdict(connection: ConnectionName, identity: string): BruteForceVerdict {
    const record = this.#records.get(identityKey(connection, identity))
    const { threshold, blockSeconds } = this.#settings()
    if (record === undefined || record.failures < threshold) return { blocked: false }
    const liftsAt = record.lastFailureAt + blockSeconds * 1000
    const now = this.#now()
    if (now >= liftsAt) return { blocked: false }
    return { blocked: true, retryAfterSeconds: Math.ceil((liftsAt - now) / 1000) }
  }

  /** Counts a failed verification; true when this one starts a block. */
  recordFailure(connection: ConnectionName, identity: string): boolean {
    const recordKey = identityKey(connection, identity)
    const record = this.#records.get(recordKey) ?? { failures: 0, lastFailureAt: 0 }
    record.failures += 1
    record.lastFailureAt = this.#now()
    setNewest(this.#records, recordKey, record, MAX_TRACKED_IDENTITIES)
    return record.failures >= this.#settings().threshold
  }

  /** A successful verification: the count starts again from zero. */
  recordSuccess(connection: ConnectionName, identity: string): void {
    this.#records.delete(identityKey(connection, identity))
  }

  clear(): void {
    this.#records.clear()
  }
}

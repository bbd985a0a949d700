/**
 * Short-lived, single-use things (login tickets, authorization codes, login transactions, MFA tokens) keyed by
 * an unguessable id, with expiry read from the injected clock. Anyone can create entries (one anonymous
 * `GET /authorize` makes a transaction), so a store holds at most `maxEntries`, dropping the oldest first.
 */
import { setNewest } from './bounded-map'

/** How many live entries a store keeps by default; far more than the logins a developer has under way. */
export const DEFAULT_MAX_ENTRIES = 1_000

interface Entry<T> {
  value: T
  expiresAt: number
}

export class ExpiringStore<T> {
  readonly #entries = new Map<string, Entry<T>>()
  readonly #now: () => number
  readonly #maxEntries: number

  constructor(now: () => number, maxEntries = DEFAULT_MAX_ENTRIES) {
    this.#now = now
    this.#maxEntries = maxEntries
  }

  put(id: string, value: T, lifetimeSeconds: number): void {
    this.#sweep()
    setNewest(this.#entries, id, { value, expiresAt: this.#now() + lifetimeSeconds * 1000 }, this.#maxEntries)
  }

  /** The live value, left in place. */
  get(id: string): T | undefined {
    const entry = this.#entries.get(id)
    if (entry === undefined) return undefined
    if (this.#now() >= entry.expiresAt) {
      this.#entries.delete(id)
      return undefined
    }
    return entry.value
  }

  /** The live value, removed: a second `take` of the same id finds nothing (single use). */
  take(id: string): T | undefined {
    const value = this.get(id)
    this.#entries.delete(id)
    return value
  }

  delete(id: string): void {
    this.#entries.delete(id)
  }

  clear(): void {
    this.#entries.clear()
  }

  /** The live values, oldest first. */
  values(): T[] {
    this.#sweep()
    return [...this.#entries.values()].map((entry) => entry.value)
  }

  /** Drops expired entries so a long-running emulator does not grow without bound. */
  #sweep(): void {
    const now = this.#now()
    for (const [id, entry] of this.#entries) if (now >= entry.expiresAt) this.#entries.delete(id)
  }
}

/**
 * Short-lived, single-use things (login tickets, authorization codes, login transactions, MFA tokens) keyed by
 * an unguessable id, with expiry read from the injected clock.
 */

interface Entry<T> {
  value: T
  expiresAt: number
}

export class ExpiringStore<T> {
  readonly #entries = new Map<string, Entry<T>>()
  readonly #now: () => number

  constructor(now: () => number) {
    this.#now = now
  }

  put(id: string, value: T, lifetimeSeconds: number): void {
    this.#sweep()
    this.#entries.set(id, { value, expiresAt: this.#now() + lifetimeSeconds * 1000 })
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

  /** Drops expired entries so a long-running emulator does not grow without bound. */
  #sweep(): void {
    const now = this.#now()
    for (const [id, entry] of this.#entries) if (now >= entry.expiresAt) this.#entries.delete(id)
  }
}

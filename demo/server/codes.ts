/**
 * One-time codes and links (E1 to E4): drawn from a CSPRNG, compared in constant time, only the newest per
 * identity alive, single use, dead after too many wrong attempts, and bound to client, identity and connection.
 */
import { randomInt } from 'node:crypto'
import { constantTimeEqual } from '../shared/constant-time'
import { setNewest } from './bounded-map'
import { identityKey } from './identity'
import type { ConnectionName } from './tenant'

export type Delivery = 'code' | 'link'

export interface CodeRecord {
  readonly code: string
  readonly clientId: string
  readonly connection: ConnectionName
  readonly identity: string
  readonly send: Delivery
  readonly authParams: Readonly<Record<string, string>>
  readonly issuedAt: number
  readonly expiresAt: number
  readonly maxAttempts: number
  wrongAttempts: number
}

export type CheckFailure = 'wrong' | 'expired' | 'too_many_attempts'
export type CheckResult = { ok: true; record: CodeRecord } | { ok: false; reason: CheckFailure }

export interface IssueInput {
  clientId: string
  connection: ConnectionName
  identity: string
  send: Delivery
  authParams: Record<string, string>
  length: number
  lifetimeSeconds: number
  maxAttempts: number
}

export interface CheckInput {
  clientId: string
  connection: ConnectionName
  identity: string
  code: string
}

/** `length` characters of `alphabet`, each drawn from the operating system's CSPRNG. */
export function randomString(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('')
}

/** A numeric code of `length` digits from the operating system's CSPRNG, leading zeros kept. */
export function generateCode(length: number): string {
  return String(randomInt(0, 10 ** length)).padStart(length, '0')
}

/**
 * How many identities may have a live code at once; the oldest goes first. Starts are rate limited per
 * address (E5), so this only matters against many addresses, but it keeps memory bounded whatever happens.
 */
export const MAX_CODE_RECORDS = 5_000

export class CodeStore {
  readonly #records = new Map<string, CodeRecord>()
  readonly #now: () => number
  readonly #generate: (length: number) => string

  constructor(now: () => number, generate: (length: number) => string = generateCode) {
    this.#now = now
    this.#generate = generate
  }

  /** Issues a new code for an identity; any older code or link of that identity dies here (E3). */
  issue(input: IssueInput): CodeRecord {
    const issuedAt = this.#now()
    const record: CodeRecord = {
      code: this.#generate(input.length),
      clientId: input.clientId,
      connection: input.connection,
      identity: input.identity,
      send: input.send,
      authParams: { ...input.authParams },
      issuedAt,
      expiresAt: issuedAt + input.lifetimeSeconds * 1000,
      maxAttempts: input.maxAttempts,
      wrongAttempts: 0,
    }
    setNewest(this.#records, identityKey(input.connection, input.identity), record, MAX_CODE_RECORDS)
    return record
  }

  /** The newest live record of an identity without checking any code (for the link confirmation page). */
  peek(connection: ConnectionName, identity: string): CodeRecord | undefined {
    const record = this.#records.get(identityKey(connection, identity))
    if (record === undefined || this.#now() >= record.expiresAt) return undefined
    if (record.wrongAttempts >= record.maxAttempts) return undefined
    return record
  }

  /**
   * Checks a code. A wrong value counts as an attempt (E2); with `consume` a right value is used up (E3).
   * A code asked for by another client never matches and does not count against the owner's attempts (E4).
   */
  check(input: CheckInput, options: { consume: boolean }): CheckResult {
    const recordKey = identityKey(input.connection, input.identity)
    const record = this.#records.get(recordKey)
    if (record === undefined || record.clientId !== input.clientId) return { ok: false, reason: 'wrong' }
    if (this.#now() >= record.expiresAt) return { ok: false, reason: 'expired' }
    if (record.wrongAttempts >= record.maxAttempts) return { ok: false, reason: 'too_many_attempts' }
    if (!constantTimeEqual(record.code, input.code)) {
      record.wrongAttempts += 1
      return { ok: false, reason: 'wrong' }
    }
    if (options.consume) this.#records.delete(recordKey)
    return { ok: true, record }
  }

  clear(): void {
    this.#records.clear()
  }
}

/** Auth0's descriptions of a failed code check; the same for a wrong code and an unknown person (S6, E9). */
export function describeCheckFailure(reason: CheckFailure, connection: ConnectionName): string {
  switch (reason) {
    case 'wrong':
      return connection === 'email'
        ? 'Wrong email or verification code.'
        : 'Wrong phone number or verification code.'
    case 'expired':
      return 'The verification code has expired. Please try to login again.'
    case 'too_many_attempts':
      return "You've reached the maximum number of attempts. Please try to login again."
  }
}

/**
 * Users of the passwordless connections. A user is created on first login when sign-ups are allowed; the id is
 * derived from the connection and identity, so the same person keeps the same `sub` across restarts and resets.
 */
import { createHash } from 'node:crypto'
import type { ConnectionName } from './tenant'

export interface User {
  /** `email|<24 hex>` or `sms|<24 hex>`, like Auth0's passwordless user ids. */
  userId: string
  connection: ConnectionName
  /** The normalised email address or phone number. */
  identity: string
}

export class UserStore {
  readonly #users = new Map<string, User>()

  /** Derives the stable id of an identity, whether or not the user exists yet. */
  static userIdFor(connection: ConnectionName, identity: string): string {
    const digest = createHash('sha256').update(`${connection}\u0000${identity}`).digest('hex')
    return `${connection}|${digest.slice(0, 24)}`
  }

  find(connection: ConnectionName, identity: string): User | undefined {
    return this.#users.get(UserStore.userIdFor(connection, identity))
  }

  /** The existing user, a new one when sign-ups are allowed, or undefined when they are not. */
  findOrCreate(connection: ConnectionName, identity: string, signupsAllowed: boolean): User | undefined {
    const existing = this.find(connection, identity)
    if (existing !== undefined || !signupsAllowed) return existing
    return this.add(connection, identity)
  }

  add(connection: ConnectionName, identity: string): User {
    const user: User = { userId: UserStore.userIdFor(connection, identity), connection, identity }
    this.#users.set(user.userId, user)
    return user
  }

  list(): User[] {
    return [...this.#users.values()]
  }

  clear(): void {
    this.#users.clear()
  }
}

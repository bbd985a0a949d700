/**
 * A person as the passwordless connections know them: an email address or a phone number, normalised once,
 * and the key under which codes and failed attempts are kept for them.
 */
import type { ConnectionName } from './tenant'

/** Normalises an identity so that `A@Example.com ` and `a@example.com` are one person. */
export function normaliseIdentity(connection: ConnectionName, value: string): string {
  return connection === 'email' ? value.trim().toLowerCase() : value.trim()
}

/** The key of a normalised identity in a store; the NUL cannot occur in an address or a number. */
export function identityKey(connection: ConnectionName, identity: string): string {
  return `${connection}\u0000${identity}`
}

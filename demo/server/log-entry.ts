/**
 * The one constructor of tenant log entries. A route says who and what an entry is about in the emulator's
 * own terms (`LogSubject`: the client, the identity, the user, the address); this writes them under Auth0's
 * field names, always in the same order, so that the routes cannot spell a field two ways and a new field
 * (a user agent, say) is added in one place.
 */
import type { LogType, NewLogEntry } from './logs'
import type { ClientConfig, ConnectionName } from './tenant'

/** What an entry is about; every part is optional, and an absent part leaves its fields out. */
export interface LogSubject {
  /** The application: Auth0 logs its id and its name. */
  client?: Pick<ClientConfig, 'clientId' | 'name'> | undefined
  connection?: ConnectionName | undefined
  /** The normalised email address or phone number (Auth0's `user_name`). */
  identity?: string | undefined
  userId?: string | undefined
  /** The address the request counted for: the caller's, or a trusted `auth0-forwarded-for`. */
  ip?: string | undefined
}

/**
 * A tenant log entry of `type` about `subject`.
 *
 * @example
 * context.logs.write(logEntry('s', 'Login with a magic link', { ...request, userId: user.userId }))
 */
export function logEntry(type: LogType, description: string, subject: LogSubject = {}): NewLogEntry {
  const { client, connection, identity, userId, ip } = subject
  return {
    type,
    description,
    ...(client === undefined ? {} : { client_id: client.clientId, client_name: client.name }),
    ...(connection === undefined ? {} : { connection }),
    ...(identity === undefined ? {} : { user_name: identity }),
    ...(userId === undefined ? {} : { user_id: userId }),
    ...(ip === undefined ? {} : { ip }),
  }
}

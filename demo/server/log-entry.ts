/**
 * The one constructor of tenant log entries. A route says who and what an entry is about in the emulator's
 * own terms (`LogSubject`: the client, the identity, the user) and where the request came from
 * (`RequestOrigin`: the address it counted for and its user agent); this writes them under Auth0's field
 * names, always in the same order, so that the routes cannot spell a field two ways and no entry goes
 * without `ip` and `user_agent`, which every entry of a tenant's log carries.
 */
import type { RequestOrigin } from './http'
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
}

/**
 * A tenant log entry of `type` about `subject`, for a request from `origin`: its `ip` is the caller's
 * address, or the `auth0-forwarded-for` address once a route has honoured it (http.ts, `honourForwardedFor`).
 *
 * @example
 * context.logs.write(logEntry('s', 'Login with a magic link', requestOrigin(c), { ...request, userId }))
 */
export function logEntry(
  type: LogType,
  description: string,
  origin: RequestOrigin,
  subject: LogSubject = {},
): NewLogEntry {
  const { client, connection, identity, userId } = subject
  return {
    type,
    description,
    ip: origin.ip,
    user_agent: origin.userAgent,
    ...(client === undefined ? {} : { client_id: client.clientId, client_name: client.name }),
    ...(connection === undefined ? {} : { connection }),
    ...(identity === undefined ? {} : { user_name: identity }),
    ...(userId === undefined ? {} : { user_id: userId }),
  }
}

/**
 * Every check of a code a person typed or a link they opened goes through here: the identity's
 * brute-force block first (brute-force.ts), then the code itself (codes.ts, E1 to E4), then the count of
 * failures, with a `limit_wc` tenant log entry when a block starts. A refused code is logged and thrown as
 * the endpoint's own refusal; the user is then found, or created when sign-ups are allowed.
 */
import { describeCheckFailure } from './codes'
import type { EmulatorContext } from './context'
import type { RequestOrigin } from './http'
import { logEntry } from './log-entry'
import type { LogType } from './logs'
import { Problem } from './problem'
import type { IdentityRequest } from './start-validation'
import type { User } from './users'

/** Auth0's description of a blocked account, without the promise of an unblock email the emulator never sends. */
export const BLOCKED_DESCRIPTION = 'Your account has been blocked after multiple consecutive login attempts.'

/** How an endpoint refuses a wrong, expired or used-up code: its error code and its tenant log type. */
export interface CodeRefusal {
  error: 'access_denied' | 'invalid_grant' | 'invalid_user_password'
  logType: LogType
}

export interface CodeCheck {
  /** The code the person typed, or the one in the link they opened. */
  code: string
  /** Whether a right code is used up (every check but the hosted page's `/passwordless/verify`). */
  consume: boolean
  /** Where the request came from, for its log entries (the forwarded address when one was honoured). */
  origin: RequestOrigin
  refusal: CodeRefusal
}

/**
 * Checks a code of `request`'s identity and client.
 * @throws Problem 429 `too_many_attempts` (with Retry-After) while the identity is blocked, else 403 with
 * the endpoint's error code and Auth0's description of why the code was refused; either is logged first.
 */
export function checkCode(context: EmulatorContext, request: IdentityRequest, check: CodeCheck): void {
  const { connection, identity } = request
  const verdict = context.bruteForce.verdict(connection, identity)
  if (verdict.blocked) {
    context.logs.write(logEntry(check.refusal.logType, BLOCKED_DESCRIPTION, check.origin, request))
    throw new Problem(429, 'too_many_attempts', BLOCKED_DESCRIPTION, {
      headers: { 'Retry-After': String(verdict.retryAfterSeconds) },
    })
  }
  const input = { clientId: request.client.clientId, connection, identity, code: check.code }
  const result = context.codes.check(input, { consume: check.consume })
  if (result.ok) {
    context.bruteForce.recordSuccess(connection, identity)
    return
  }
  if (context.bruteForce.recordFailure(connection, identity)) {
    const { bruteForceThreshold, bruteForceBlockSeconds } = context.settings
    const description =
      `${bruteForceThreshold} consecutive failed verifications for this identity: ` +
      `blocked for ${bruteForceBlockSeconds} seconds from the last one`
    context.logs.write(logEntry('limit_wc', description, check.origin, request))
  }
  const description = describeCheckFailure(result.reason, connection)
  context.logs.write(logEntry(check.refusal.logType, description, check.origin, request))
  throw new Problem(403, check.refusal.error, description)
}

/**
 * The user who just proved their identity: found, or created when sign-ups are allowed.
 * @throws Problem 403 `access_denied` when there is no such user and sign-ups are off (logged as `logType`).
 */
export function signInUser(
  context: EmulatorContext,
  request: IdentityRequest,
  logType: LogType,
  origin: RequestOrigin,
): User {
  const { connection, identity } = request
  const user = context.users.findOrCreate(connection, identity, context.settings.signupsAllowed)
  if (user !== undefined) return user
  const description = 'Public signup is disabled'
  context.logs.write(logEntry(logType, description, origin, request))
  throw new Problem(403, 'access_denied', description)
}

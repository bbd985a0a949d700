/**
 * Every check of a code a person typed or a link they opened goes through here: the identity's
 * brute-force block first (brute-force.ts), then the code itself (codes.ts, E1 to E4), then the count of
 * failures, with a `limit_wc` tenant log entry when a block starts.
 */
import { describeCheckFailure } from './codes'
import type { CheckInput, CheckResult } from './codes'
import type { EmulatorContext } from './context'
import { oauthError } from './http'
import type { AppContext } from './http'
import { logEntry } from './log-entry'
import type { ConnectionName } from './tenant'

export type VerificationResult = CheckResult | { ok: false; reason: 'blocked'; retryAfterSeconds: number }

/** Auth0's description of a blocked account, without the promise of an unblock email the emulator never sends. */
export const BLOCKED_DESCRIPTION = 'Your account has been blocked after multiple consecutive login attempts.'

export interface VerificationContext {
  /** The caller's address and client, for the log entry of a block. */
  ip: string
  clientName: string
}

export function verifyCode(
  context: EmulatorContext,
  input: CheckInput,
  options: { consume: boolean },
  caller: VerificationContext,
): VerificationResult {
  const verdict = context.bruteForce.verdict(input.connection, input.identity)
  if (verdict.blocked) return { ok: false, reason: 'blocked', retryAfterSeconds: verdict.retryAfterSeconds }
  const result = context.codes.check(input, options)
  if (result.ok) {
    context.bruteForce.recordSuccess(input.connection, input.identity)
    return result
  }
  if (context.bruteForce.recordFailure(input.connection, input.identity)) {
    const { bruteForceThreshold, bruteForceBlockSeconds } = context.settings
    const description =
      `${bruteForceThreshold} consecutive failed verifications for this identity: ` +
      `blocked for ${bruteForceBlockSeconds} seconds from the last one`
    context.logs.write(
      logEntry('limit_wc', description, {
        client: { clientId: input.clientId, name: caller.clientName },
        connection: input.connection,
        identity: input.identity,
        ip: caller.ip,
      }),
    )
  }
  return result
}

/** The description of a failed verification, blocked or not. */
export function describeVerificationFailure(
  result: Exclude<VerificationResult, { ok: true }>,
  connection: ConnectionName,
): string {
  return result.reason === 'blocked' ? BLOCKED_DESCRIPTION : describeCheckFailure(result.reason, connection)
}

/** An API's answer to a blocked identity: 429 `too_many_attempts`, and when the block lifts. */
export function blockedResponse(c: AppContext, retryAfterSeconds: number): Response {
  c.header('Retry-After', String(retryAfterSeconds))
  return oauthError(c, 429, 'too_many_attempts', BLOCKED_DESCRIPTION)
}

/**
 * The MFA state of logins under way: the `mfa_token` an `mfa_required` answer hands out (E23: bound to its
 * user and client, expiring after Auth0's ten minutes, used up by the grant that completes the login), the
 * out-of-band challenges started with it (E25), and the bucket of failed second-factor attempts per user (E24).
 */
import type { ClientConfig } from '../tenant'
import type { EmulatorContext } from '../context'
import { Problem, assert } from '../problem'
import type { User } from '../users'

/** Auth0's lifetime of an `mfa_token` (and of any token for the MFA API), which it does not let tenants change. */
const MFA_TOKEN_LIFETIME_SECONDS = 600
/** Auth0's lifetime of an MFA code sent by SMS ("MFA OTP codes expire after 5 minutes"). */
export const OOB_CODE_LIFETIME_SECONDS = 300
/** The smallest interval between two polls of a push challenge; a quicker one is told to slow down. */
export const OOB_POLL_INTERVAL_SECONDS = 5
/** How long an expired token is still recognised as expired (rather than unknown), to say which it is. */
export const EXPIRED_KEPT_SECONDS = 3_600

/** What an `mfa_token` stands for: the first factor's login, waiting for the second. */
export interface MfaTokenRecord {
  clientId: string
  user: User
  /** The scope and audience the first step asked for; the tokens of the second are issued for them. */
  scope: string
  audience: string | undefined
  expiresAt: number
  /** Set by the grant that completed the login: the token never completes another. */
  used: boolean
}

/** An out-of-band challenge: a code texted (`sms`, checked as `binding_code`) or a push waiting for an answer. */
export interface OobChallenge {
  mfaToken: string
  channel: 'sms' | 'push'
  /** The code texted to the person (`sms` only). */
  bindingCode?: string
  /** A push's answer, given from the emulator's own route (the stand-in for the person's phone). */
  status: 'pending' | 'approved' | 'rejected'
  lastPollAt?: number
  expiresAt: number
}

/** Issues an `mfa_token` for a login of `user` to `client` that needs its second factor. */
export function issueMfaToken(
  context: EmulatorContext,
  login: Pick<MfaTokenRecord, 'clientId' | 'user' | 'scope' | 'audience'>,
): string {
  const token = context.randomId(32)
  const expiresAt = context.now() + MFA_TOKEN_LIFETIME_SECONDS * 1000
  context.mfaTokens.put(
    token,
    { ...login, expiresAt, used: false },
    MFA_TOKEN_LIFETIME_SECONDS + EXPIRED_KEPT_SECONDS,
  )
  return token
}

/**
 * The live login behind an `mfa_token` sent by `client` (E23), in the words of Auth0's errors.
 * @throws Problem 400 `invalid_request` without a token, or for another client's; 403 `invalid_grant` for an
 * unknown or used token; 403 `expired_token` for an expired one.
 */
export function readMfaToken(context: EmulatorContext, client: ClientConfig, token: unknown): MfaTokenRecord {
  assert(
    typeof token === 'string' && token !== '',
    400,
    'invalid_request',
    'Missing required parameter: mfa_token',
  )
  const record = context.mfaTokens.get(token)
  assert(record !== undefined, 403, 'invalid_grant', 'Malformed mfa_token')
  assert(record.clientId === client.clientId, 400, 'invalid_request', 'mfa_token not issued to this client')
  assert(context.now() < record.expiresAt, 403, 'expired_token', 'mfa_token is expired')
  assert(!record.used, 403, 'invalid_grant', 'mfa_token has already been used')
  return record
}

/**
 * E24: refuses a second-factor attempt while the user's bucket of failures is empty (Auth0's: ten attempts,
 * one more every six minutes), with `Retry-After`, before the code is even looked at.
 */
export function assertAttemptsLeft(context: EmulatorContext, user: User): void {
  if (context.mfaAttempts.hasToken(user.userId)) return
  const { retryAfter } = context.mfaAttempts.take(user.userId)
  throw new Problem(429, 'too_many_attempts', 'Too many failed attempts. Please try again later.', {
    headers: { 'Retry-After': String(retryAfter) },
  })
}

/** Counts a failed second-factor attempt against the user's bucket. */
export function recordFailedAttempt(context: EmulatorContext, user: User): void {
  context.mfaAttempts.take(user.userId)
}

/**
 * The grants of `/oauth/token` that complete a login after `mfa_required`: `mfa-otp` (a code of the person's
 * authenticator app, E25), `mfa-oob` (the code texted by `/mfa/challenge`, or a push notification's answer,
 * polled with `authorization_pending` and `slow_down`) and `mfa-recovery-code` (single use; the answer carries
 * the next code, E26). Each checks the `mfa_token` first (E23) and counts failures against the user (E24).
 *
 * @see https://auth0.com/docs/api/authentication/multi-factor-authentication/verify-mfa-with-otp
 * @see https://auth0.com/docs/api/authentication/multi-factor-authentication/verify-with-out-of-band
 */
import { constantTimeEqual } from '../../shared/constant-time'
import type { EmulatorContext } from '../context'
import { requestOrigin, requiredParam } from '../http'
import type { AppContext, Params } from '../http'
import { logEntry } from '../log-entry'
import type { LogType } from '../logs'
import {
  OOB_POLL_INTERVAL_SECONDS,
  assertAttemptsLeft,
  readMfaToken,
  recordFailedAttempt,
} from '../mfa/sessions'
import type { MfaTokenRecord } from '../mfa/sessions'
import { matchTotp } from '../mfa/totp'
import { Problem, assert } from '../problem'
import type { ClientConfig } from '../tenant'
import { issueGrantTokens } from '../tokens'

const PREFIX = 'http://auth0.com/oauth/grant-type/mfa-'
const MFA_OTP_GRANT = `${PREFIX}otp`
const MFA_OOB_GRANT = `${PREFIX}oob`
const MFA_RECOVERY_CODE_GRANT = `${PREFIX}recovery-code`
export const MFA_GRANTS: readonly string[] = [MFA_OTP_GRANT, MFA_OOB_GRANT, MFA_RECOVERY_CODE_GRANT]

/** The tenant log types of each grant: success, failure (Auth0's "Password and … Challenge" exchanges). */
const LOG_TYPES: Record<string, [LogType, LogType]> = {
  [MFA_OTP_GRANT]: ['seotpft', 'feotpft'],
  [MFA_OOB_GRANT]: ['seoobft', 'feoobft'],
  [MFA_RECOVERY_CODE_GRANT]: ['sercft', 'fercft'],
}

/** One grant's request: the login behind its `mfa_token`, and how to log and refuse on its behalf. */
interface MfaGrant {
  context: EmulatorContext
  params: Params
  login: MfaTokenRecord
  /** A wrong code: counted against the user (E24), logged, refused with 403 `invalid_grant`. */
  refuseCode(description: string): never
}

/** Completes the login of an MFA grant, or refuses it; `grantType` is one of {@link MFA_GRANTS}. */
export async function exchangeMfa(
  c: AppContext,
  context: EmulatorContext,
  client: ClientConfig,
  grantType: string,
  params: Params,
): Promise<Response> {
  const [success, failure] = LOG_TYPES[grantType] as [LogType, LogType]
  const login = readMfaToken(context, client, params['mfa_token'])
  const subject = { client, userId: login.user.userId }
  const log = (type: LogType, description: string) =>
    context.logs.write(logEntry(type, description, requestOrigin(c), subject))
  try {
    assertAttemptsLeft(context, login.user)
  } catch (problem) {
    log('gd_otp_rate_limit_exceed', 'Too many failed second-factor attempts')
    throw problem
  }
  const grant: MfaGrant = {
    context,
    params,
    login,
    refuseCode: (description) => {
      recordFailedAttempt(context, login.user)
      log(failure, description)
      throw new Problem(403, 'invalid_grant', description)
    },
  }
  const recoveryCode =
    grantType === MFA_OTP_GRANT
      ? checkOtp(grant)
      : grantType === MFA_OOB_GRANT
        ? checkOob(grant)
        : checkRecoveryCode(grant)
  login.used = true
  const tokens = await issueGrantTokens(context, {
    clientId: client.clientId,
    user: login.user,
    scope: login.scope,
    audience: login.audience,
  })
  log(success, 'Login completed with a second factor')
  return c.json(recoveryCode === undefined ? tokens : { ...tokens, recovery_code: recoveryCode })
}

/** `mfa-otp`: a code of the authenticator app, within a step of now, each step used once (E25). */
function checkOtp(grant: MfaGrant): undefined {
  const { context, params, login } = grant
  const otp = requiredParam(params, 'otp')
  const totp = context.mfa.totp(login.user.userId)
  assert(
    totp !== undefined,
    400,
    'unsupported_challenge_type',
    'User is not enrolled with an authenticator app.',
  )
  const step = matchTotp(totp.secret, otp.trim(), context.now(), totp.lastUsedStep)
  if (step === undefined) grant.refuseCode('Invalid otp_code.')
  context.mfa.useTotpStep(login.user.userId, step)
  return undefined
}

/**
 * `mfa-oob`: the code texted by the challenge (its `binding_code`), or a push notification's answer. A push
 * not answered yet is 403 `authorization_pending`; polled again within five seconds, 429 `slow_down` with
 * `Retry-After` (the status codes of Auth0's device flow, the same token endpoint's polling).
 */
function checkOob(grant: MfaGrant): undefined {
  const { context, params } = grant
  const oobCode = requiredParam(params, 'oob_code')
  const challenge = context.oobChallenges.get(oobCode)
  assert(
    challenge !== undefined && challenge.mfaToken === params['mfa_token'],
    403,
    'invalid_grant',
    'Malformed oob_code',
  )
  const now = context.now()
  assert(now < challenge.expiresAt, 403, 'expired_token', 'oob_code is expired')
  if (challenge.channel === 'sms') {
    const bindingCode = requiredParam(params, 'binding_code')
    if (!constantTimeEqual(challenge.bindingCode ?? '', bindingCode.trim()))
      grant.refuseCode('Invalid binding_code.')
    context.oobChallenges.delete(oobCode)
    return undefined
  }
  if (challenge.status === 'pending') {
    const sinceLastPoll = challenge.lastPollAt === undefined ? Infinity : now - challenge.lastPollAt
    challenge.lastPollAt = now
    if (sinceLastPoll < OOB_POLL_INTERVAL_SECONDS * 1000) {
      throw new Problem(
        429,
        'slow_down',
        `You are polling faster than the specified interval of ${OOB_POLL_INTERVAL_SECONDS} seconds.`,
        { headers: { 'Retry-After': String(OOB_POLL_INTERVAL_SECONDS) } },
      )
    }
    throw new Problem(
      403,
      'authorization_pending',
      'Authorization pending: please repeat the request in a few seconds.',
    )
  }
  context.oobChallenges.delete(oobCode)
  if (challenge.status === 'rejected') grant.refuseCode('MFA Authorization rejected.')
  return undefined
}

/** `mfa-recovery-code`: the user's recovery code, used once; its successor is returned for the answer (E26). */
function checkRecoveryCode(grant: MfaGrant): string {
  const { context, params, login } = grant
  const given = requiredParam(params, 'recovery_code')
  assert(
    context.mfa.currentRecoveryCode(login.user.userId) !== undefined,
    400,
    'unsupported_challenge_type',
    'User is not enrolled with a recovery code.',
  )
  const next = context.mfa.useRecoveryCode(login.user.userId, given)
  if (next === undefined) grant.refuseCode('Invalid recovery_code.')
  return next
}

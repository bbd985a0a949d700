/**
 * The second step of a sign-in, for people whose account asks for one: the tenant answered the code with
 * `mfa_required`, and the server entry's `mfa` calls finish the login with a code from an authenticator app,
 * a code texted by the tenant, or a recovery code. The MFA token stays in the server-side session; the
 * browser only ever sees the forms.
 */
import { isWebAuthError } from '../../src/server/index'
import type { MfaAuthenticator, MfaRequiredError, ServerTokens } from '../../src/server/index'
import type { Factor, SecondStep, Session } from './sessions'
import type { Tenant } from './tenant'

/** The factors this app offers, in the order it shows them; push notifications are left out on purpose. */
function toFactor(authenticator: MfaAuthenticator): Factor[] {
  if (!authenticator.active) return []
  const { id, name } = authenticator
  if (authenticator.authenticatorType === 'otp') return [{ kind: 'otp', id }]
  if (authenticator.oobChannel === 'sms')
    return [{ kind: 'sms', id, ...(name === undefined ? {} : { name }) }]
  if (authenticator.authenticatorType === 'recovery-code') return [{ kind: 'recovery', id }]
  return []
}

const ORDER: Array<Factor['kind']> = ['otp', 'sms', 'recovery']

/** Keeps what the second step needs in the session, with the factors the person enrolled. */
export async function beginSecondStep(
  tenant: Tenant,
  session: Session,
  required: MfaRequiredError,
  firstFactor: string,
): Promise<void> {
  const factors = (await tenant.client.mfa.listAuthenticators(required.mfaToken))
    .flatMap(toFactor)
    .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind))
  session.mfa = { mfaToken: required.mfaToken, firstFactor, factors }
}

/** Asks the tenant to text a code to the person's phone; a second call sends a new one. */
export async function sendSmsCode(tenant: Tenant, step: SecondStep): Promise<void> {
  const sms = step.factors.find((factor) => factor.kind === 'sms')
  if (sms === undefined) return
  const challenge = await tenant.client.mfa.challenge({
    mfaToken: step.mfaToken,
    challengeType: 'oob',
    authenticatorId: sms.id,
  })
  if (challenge.oobCode !== undefined) step.oobCode = challenge.oobCode
}

/** How the second step was passed, for the profile page. */
export const FACTOR_WORDS: Record<Factor['kind'], string> = {
  otp: 'an authenticator app code',
  sms: 'a code by text message',
  recovery: 'a recovery code',
}

/** Completes the login with the factor and code the person posted. */
export function verifySecondFactor(
  tenant: Tenant,
  step: SecondStep,
  factor: Factor['kind'],
  code: string,
  forwardedFor: string,
): Promise<ServerTokens> {
  const { mfaToken } = step
  const { mfa } = tenant.client
  if (factor === 'otp') return mfa.verify({ mfaToken, otp: code, forwardedFor })
  if (factor === 'recovery')
    return mfa.verify({ mfaToken, recoveryCode: code.replace(/[\s-]/g, ''), forwardedFor })
  return mfa.verify({ mfaToken, oobCode: step.oobCode ?? '', bindingCode: code, forwardedFor })
}

/** Whether the second step can no longer finish (its ten minutes ran out, or it was used), so it starts over. */
export function isSecondStepOver(error: unknown): boolean {
  return isWebAuthError(error) && ['expired_token', 'invalid_token'].includes(error.code)
}
